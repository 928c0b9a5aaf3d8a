/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-tui.c: every report of every catalogue form filled and finalised by
 * keys alone, on an 80x24 screen, the way a clerk would: a row added to a
 * repeat, down the list, a value typed into every field that asks for one
 * (the lowest it allows), the first choice of every list, every task table
 * opened and every cell
 * that is asked for filled, then review, a reason for every warning, and
 * finalise. The submission must then be stored as final.
 *
 * The screen is driven through its key handler and painted after every
 * key (to a terminal that writes to /dev/null), as the main loop does;
 * screen_form_cursor() reads back where the cursor is.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../core/mem.h"
#include "../../core/text.h"
#include "../../forms/form-install.h"
#include "../../storage/store-audit.h"
#include "../../storage/store-inst.h"
#include "../../storage/store-sub.h"
#include "../../tui/ui.h"

#define NOW "1793840400"	/* 2026-11-05 08:00 in Hà Nội */
#define MAX_KEYS 100000

struct rig {
	char *dir, *path;
	struct ui ui;
	SCREEN *scr;
	FILE *out, *in;
	struct form_set set;
	int keys;
	int filled;		/* values typed or chosen */
};

static void
rig_open(struct rig *r)
{
	struct store_options so = { .kdf = &STORE_KDF_TEST };
	char *cause = NULL;
	int n;

	memset(r, 0, sizeof *r);
	setenv("BAOCAO_NOW", NOW, 1);
	r->dir = test_tmpdir();
	r->path = xasprintf("%s/t.db", r->dir);
	r->ui.db_path = r->path;
	r->ui.ime = VNIME_OFF;
	ck_assert(store_create(r->path, "a test passphrase", &so, &r->ui.st, &cause) == ERR_OK);
	ck_assert(store_install_create(r->ui.st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause) ==
	    ERR_OK);
	ck_assert(store_unit_add(r->ui.st, "van-phong", "van-phong", "Văn phòng", NULL, &cause) ==
	    ERR_OK);
	ck_assert_msg(form_install_catalog(r->ui.st, NULL, &n, &cause) == ERR_OK, "%s", cause);
	ck_assert_msg(form_set_load(r->ui.st, &r->set, &cause) == ERR_OK, "%s", cause);
	r->out = fopen("/dev/null", "w");
	r->in = fopen("/dev/null", "r");
	r->scr = newterm("xterm-256color", r->out, r->in);
	ck_assert(r->scr != NULL);
	set_term(r->scr);
	resizeterm(24, 80);
}

static void
rig_close(struct rig *r)
{
	while (r->ui.depth > 0)
		ui_pop(&r->ui);
	endwin();
	delscreen(r->scr);
	fclose(r->out);
	fclose(r->in);
	form_set_free(&r->set);
	store_close(r->ui.st);
	test_rmdir(r->dir);
	free(r->dir);
	free(r->path);
}

static struct screen *
top(struct rig *r)
{
	return r->ui.stack[r->ui.depth - 1];
}

static void
press(struct rig *r, int key, wint_t ch)
{
	struct ui_input in = { key != 0, key, ch };
	struct screen *s = top(r);

	ck_assert_msg(++r->keys < MAX_KEYS, "more than %d keys: the walk does not end", MAX_KEYS);
	ui_key_press(s->ui, &in);
	ui_draw(&r->ui);
}

static void
type(struct rig *r, const char *ascii)
{
	for (; *ascii; ascii++)
		press(r, 0, (wint_t)(unsigned char)*ascii);
}

static struct form_cursor
at(struct rig *r)
{
	struct form_cursor c;

	screen_form_cursor(top(r), &c);
	return c;
}

/* A value the field accepts: its lowest, today for dates, the first
 * choice; then the cursor is back where it was (browse or grid). */
static void
fill(struct rig *r, const struct form *f, const char *what)
{
	struct form_cursor c = at(r);
	const struct form_field *fd;
	char v[64];

	if (c.field < 0 || !c.relevant)
		return;
	fd = &f->fields[c.field];
	switch (fd->type) {
	case FIELD_INTEGER:
	case FIELD_DECIMAL:
		snprintf(v, sizeof v, "%g", fd->has_min && fd->min > 0 ? fd->min : 0.0);
		type(r, v);
		press(r, 0, '\r');
		break;
	case FIELD_TEXT:
		type(r, "Thu nghiem");
		press(r, 0, '\r');
		break;
	case FIELD_DATE:
		type(r, "05/11/2026");
		press(r, 0, '\r');
		break;
	case FIELD_TIME:
		type(r, "7h30");
		press(r, 0, '\r');
		break;
	case FIELD_SELECT_ONE:
		press(r, 0, '\r');
		ck_assert_int_eq(at(r).mode, 'c');
		press(r, 0, '\r');
		break;
	case FIELD_SELECT_MULTIPLE:
		press(r, 0, '\r');
		ck_assert_int_eq(at(r).mode, 'c');
		press(r, 0, ' ');
		press(r, 0, '\r');
		break;
	default:
		return;
	}
	r->filled++;
	c = at(r);
	ck_assert_msg(c.mode == 'b' || c.mode == 'g', "%s: %s: the value was not taken: %s",
	    what, fd->name, c.msg ? c.msg : "?");
}

static void
fill_grid(struct rig *r, const struct form *f, const char *what)
{
	struct form_cursor c;

	press(r, 0, '\r');
	c = at(r);
	ck_assert_int_eq(c.mode, 'g');
	for (int row = 0; row < c.ngrows; row++) {
		press(r, KEY_HOME, 0);
		for (int col = 0; col < c.ngcols; col++) {
			ck_assert_int_eq(at(r).gr, row);
			ck_assert_int_eq(at(r).gc, col);
			fill(r, f, what);
			press(r, KEY_RIGHT, 0);
		}
		press(r, KEY_DOWN, 0);
	}
	press(r, 0, 27);
	ck_assert_int_eq(at(r).mode, 'b');
}

static void
fill_report(struct rig *r, const struct form *f, int report)
{
	const struct form_report *rep = &f->reports[report];
	char period[PERIOD_ID_MAX], *cause = NULL;
	struct period p;
	struct store_sub row;
	void *scr;
	int filled = r->filled;

	if (rep->rule.kind == PERIOD_INCIDENT)
		snprintf(period, sizeof period, "2026-11-05T07:30");
	else if (period_kind_adhoc(rep->rule.kind))
		snprintf(period, sizeof period, "2026-11-04");
	else {
		ck_assert(deadline_current(&rep->rule, moment_from_unix(store_now()), &r->set.cal, &p));
		period_format(&p, period, sizeof period);
	}
	scr = screen_form_new(&r->ui, rep->form_id, period);
	ck_assert_msg(scr != NULL, "%s: does not open", rep->form_id);
	if (r->ui.depth == 0)
		ui_push(&r->ui, &screen_form_ops, scr);
	else
		ui_replace(&r->ui, &screen_form_ops, scr);
	ui_draw(&r->ui);

	/* a row in the first repeat (F7 adds one to the repeat below), then
	 * back to the top */
	press(r, KEY_F(7), 0);
	for (size_t item = (size_t)-1; at(r).item != item; ) {
		item = at(r).item;
		press(r, KEY_PPAGE, 0);
	}

	/* down the list: fill, move on; stop when the cursor stays put */
	for (;;) {
		struct form_cursor c = at(r);
		size_t item = c.item;
		if (c.on_grid) {
			fill_grid(r, f, rep->form_id);
		} else {
			fill(r, f, rep->form_id);
			if (at(r).item != item)
				continue;	/* Enter moved on by itself */
		}
		press(r, KEY_DOWN, 0);
		if (at(r).item == item)
			break;
	}

	ck_assert_msg(r->filled > filled, "%s: nothing to fill", rep->form_id);

	/* review: give a reason for every warning; no error may be left */
	press(r, KEY_F(9), 0);
	ck_assert_int_eq(at(r).mode, 'r');
	for (size_t i = 0, n = at(r).nissues; i < n; i++) {
		press(r, 0, '\r');
		ck_assert_msg(at(r).mode == 'w', "%s: an error is left after filling: %s",
		    rep->form_id, at(r).msg ? at(r).msg : "?");
		type(r, "Da kiem tra lai");
		press(r, 0, '\r');
		press(r, KEY_DOWN, 0);
	}
	press(r, KEY_F(9), 0);
	ck_assert_msg(at(r).status && strcmp(at(r).status, "final") == 0,
	    "%s %s: not finalised: %s", rep->form_id, period, at(r).msg ? at(r).msg : "?");

	/* what the screen says is what is stored */
	ck_assert_msg(store_sub_get(r->ui.st, rep->form_id, "van-phong", period, &row, &cause) ==
	    ERR_OK, "%s", cause);
	ck_assert_str_eq(row.status, "final");
	free(row.form_id);
	free(row.unit_id);
	free(row.period);
	free(row.status);
	free(row.status_reason);
	free(row.data);
}

START_TEST(every_catalogue_form_by_keys)
{
	struct rig r;
	int reports = 0;

	rig_open(&r);
	for (size_t i = 0; i < r.set.n; i++)
		for (size_t k = 0; k < r.set.forms[i]->nreports; k++, reports++)
			fill_report(&r, r.set.forms[i], (int)k);
	ck_assert_int_ge(reports, 80);
	rig_close(&r);
}
END_TEST

/* Values stored that cannot be read (damaged) are said, and the form is
 * not opened empty over them: a save would have written over them. */
START_TEST(form_refuses_unreadable_values)
{
	struct rig r;
	struct store_sub_session ses = { 0, 0 };
	struct store_sub row;
	const struct form *f = NULL;
	struct period p;
	char period[PERIOD_ID_MAX], *cause = NULL;
	int rev, rep = -1;

	rig_open(&r);
	for (size_t i = 0; i < r.set.n && rep < 0; i++)
		for (size_t k = 0; k < r.set.forms[i]->nreports && rep < 0; k++)
			if (!period_kind_adhoc(r.set.forms[i]->reports[k].rule.kind) &&
			    !r.set.forms[i]->has_leads) {
				f = r.set.forms[i];
				rep = (int)k;
			}
	ck_assert(f != NULL);
	ck_assert(deadline_current(&f->reports[rep].rule, moment_from_unix(store_now()),
	    &r.set.cal, &p));
	period_format(&p, period, sizeof period);
	ck_assert_msg(store_sub_autosave(r.ui.st, f->reports[rep].form_id, "van-phong", period,
	    f->version, "{\"values\": [", 0, &ses, &rev, &cause) == ERR_OK, "%s", cause);
	ck_assert_ptr_null(screen_form_new(&r.ui, f->reports[rep].form_id, period));
	/* nothing was written over the stored values */
	ck_assert(store_sub_get(r.ui.st, f->reports[rep].form_id, "van-phong", period, &row,
	    &cause) == ERR_OK);
	ck_assert_int_eq(row.rev, rev);
	ck_assert_str_eq(row.data, "{\"values\": [");
	free(row.form_id);
	free(row.unit_id);
	free(row.period);
	free(row.status);
	free(row.status_reason);
	free(row.data);
	rig_close(&r);
}
END_TEST

/* Two rows of KEYS (or of KEYS and the global table) answer to the same
 * key; NULL if none. */
static const char *
shared_key(const struct ui_key *keys)
{
	const struct ui_key *t[2] = { keys, ui_global_keys };
	static char why[256];
	char n1[64], n2[64];

	for (int a = 0; a < 2; a++)
		for (const struct ui_key *k = t[a]; k->vi != NULL; k++)
			for (int b = a; b < 2; b++)
				for (const struct ui_key *l = b == a ? k + 1 : t[b]; l->vi != NULL;
				    l++) {
					int same = (k->key != 0 && k->key == l->key) ||
					    (k->ctrl != 0 && k->ctrl == l->ctrl) ||
					    (k->ctrl != 0 && l->key == (k->ctrl & 0x1f)) ||
					    (l->ctrl != 0 && k->key == (l->ctrl & 0x1f));
					if (!same)
						continue;
					snprintf(why, sizeof why, "%s (%s) and %s (%s)",
					    ui_key_name(k, 1, n1, sizeof n1), k->vi,
					    ui_key_name(l, 1, n2, sizeof n2), l->vi);
					return why;
				}
	return NULL;
}

/* Every mode's key table as F1 and F3 show it at 80x24: no two rows
 * answer to the same key; the help's rows (a label wrapped, a wide key's
 * name on a row of its own), in either language, all fit on the screen;
 * the menu's labels fit its box: nothing is cut or dropped. */
static void
check_table(const char *where, const struct ui_key *keys)
{
	const char *shared = shared_key(keys);
	int rows = 0;

	ck_assert_msg(shared == NULL, "%s: %s share a key", where, shared);
	for (const struct ui_key *t = ui_global_keys; t != NULL; t = t == keys ? NULL : keys)
		for (const struct ui_key *k = t; k->vi != NULL; k++) {
			int vi = ui_help_entry_rows(k, k->vi), en = ui_help_entry_rows(k, k->en);
			rows += vi > en ? vi : en;
			/* the F3 menu: the key's column, then the label, whole */
			ck_assert_msg(k->action == NULL || (text_width(k->vi) <= UI_MENU_LABEL_COLS &&
			    text_width(k->en) <= UI_MENU_LABEL_COLS), "%s: '%s' / '%s' is cut in the "
			    "F3 menu (%d columns)", where, k->vi, k->en, UI_MENU_LABEL_COLS);
		}
	ck_assert_msg(rows <= 24 - 6, "%s: the help takes %d rows; 18 fit at 80x24", where, rows);
}

START_TEST(key_tables_fit_and_differ)
{
	for (size_t i = 0; ui_modes[i] != NULL; i++) {
		const struct screen_ops *m = ui_modes[i];
		if (m->maps == NULL) {
			check_table(m->where, m->keys);
			continue;
		}
		for (const struct ui_keymap *mp = m->maps; mp->keys != NULL; mp++)
			check_table(mp->where, mp->keys);
	}
}
END_TEST

Suite *
tui_suite(void)
{
	Suite *s = suite_create("tui");
	TCase *tc = tcase_create("catalogue");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, every_catalogue_form_by_keys);
	tcase_add_test(tc, form_refuses_unreadable_values);
	suite_add_tcase(s, tc);
	tc = tcase_create("keys");
	tcase_add_test(tc, key_tables_fit_and_differ);
	suite_add_tcase(s, tc);
	return s;
}

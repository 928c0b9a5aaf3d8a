/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-history.c: the revisions of one submission, opened from the form
 * screen (F6) — what `baocao history` shows, for someone at the keyboard.
 *
 * The list gives each revision's number, time, who saved it, its status
 * and how many values changed from the one before (forms/sub-history.h,
 * so the counts are the CLI's). Enter shows a revision's values, each
 * marked with what it was in the revision before; F5 asks,
 * naming the revision, whether to restore it, and Enter then writes a new
 * draft revision with those values (store_sub_restore: history is never
 * rewritten, the restore is audited). Leaving pops this mode; the form
 * below, revealed, finds a newer revision stored and reopens itself from
 * the store, so that it edits the restored values in a new sitting rather
 * than saving its old ones over them.
 *
 * States: list -> (Enter) values -> (Esc) list; list or values -> (F5)
 * confirm -> (Enter) list, restored | (Esc) back.
 */
#include "ui.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/sub-history.h"
#include "../storage/store-sub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum hmode { H_LIST, H_VALUES, H_CONFIRM };

struct hscreen {
	struct form_set set;
	const struct form *f;	/* in set; NULL if the form is gone */
	char *form_id, *unit, *period;
	int view_only;		/* the office: no restore */
	struct store_revision *rv;
	size_t n, sel, top;
	size_t *changed;	/* per revision */
	enum hmode mode, back;	/* back: where the confirmation returns */
	char **lines;		/* the values shown */
	size_t nlines, ltop;
	int restored;		/* a restore was made */
	size_t confirm_values;	/* values of the revision the question names */
	char *msg;
	int err;
};


static void
say(struct hscreen *x, int err, char *msg)
{
	free(x->msg);
	x->msg = msg;
	x->err = err;
}

static void
lines_free(struct hscreen *x)
{
	for (size_t i = 0; i < x->nlines; i++)
		free(x->lines[i]);
	free(x->lines);
	x->lines = NULL;
	x->nlines = x->ltop = 0;
}

static void
load(struct hscreen *x, struct ui *ui)
{
	char *cause = NULL;

	store_revision_free(x->rv, x->n);
	free(x->changed);
	x->rv = NULL;
	x->changed = NULL;
	x->n = 0;
	if (store_sub_revisions(ui->st, x->form_id, x->unit, x->period, &x->rv, &x->n, &cause) !=
	    ERR_OK) {
		say(x, 1, cause);
		return;
	}
	x->changed = xcalloc(x->n, sizeof *x->changed);
	for (size_t i = 0; i < x->n; i++)
		x->changed[i] = sub_entries_changed(x->f, i ? x->rv[i - 1].data : NULL, x->rv[i].data);
	/* the current revision, the newest, is chosen */
	x->sel = x->n ? x->n - 1 : 0;
}

void *
screen_history_new(struct ui *ui, const char *form_id, const char *unit, const char *period,
    int view_only)
{
	struct hscreen *x = xcalloc(1, sizeof *x);
	char *cause = NULL;
	int report;

	if (form_set_load(ui->st, &x->set, &cause) != ERR_OK) {
		ui_status(cause, 1);
		free(cause);
		free(x);
		return NULL;
	}
	if (!form_set_find(&x->set, form_id, &x->f, &report))
		x->f = NULL;
	x->form_id = xstrdup(form_id);
	x->unit = xstrdup(unit);
	x->period = xstrdup(period);
	x->view_only = view_only;
	load(x, ui);
	return x;
}

/* "05/11/2026 08:00" for a revision. */
static const char *
when(const struct store_revision *r, char *buf, size_t size)
{
	char iso[32];

	moment_format(moment_from_unix(r->src_created > 0 ? r->src_created : r->created), iso,
	    sizeof iso);
	snprintf(buf, size, "%.2s/%.2s/%.4s %.5s", iso + 8, iso + 5, iso, iso + 11);
	return buf;
}

static void
who(const struct store_revision *r, char *buf, size_t size)
{
	if (r->src_rev > 0)
		snprintf(buf, size, TR("máy %.9s…", "device %.9s…"), r->device);
	else
		snprintf(buf, size, "%s", r->user[0] ? r->user : "-");
}

/* One line per revision in 78 columns: a mark for the current one, then
 * number, time, who, status, values changed, and what a restore brought
 * back. */
static void
draw_list(struct hscreen *x)
{
	int rows = LINES - 6;
	char line[256], c1[32], c2[64], c3[64], c4[64], c5[32], t[32], by[64];

	snprintf(line, sizeof line, TR("%zu lần sửa · ▸ lần sửa hiện tại",
	    "%zu revisions · ▸ the current one"), x->n);
	ui_text(1, 1, 0, line);
	snprintf(line, sizeof line, "  %s%s%s%s%s%s", ui_pad(c1, sizeof c1, TR("Lần", "Rev"), 5),
	    ui_pad(c2, sizeof c2, TR("Lúc", "Time"), 17), ui_pad(c3, sizeof c3, TR("Ai", "Who"),
	    14), ui_pad(c4, sizeof c4, TR("Trạng thái", "Status"), 12), ui_pad(c5, sizeof c5,
	    TR("Thay đổi", "Changed"), 9), TR("Ghi chú", "Note"));
	ui_text(2, 1, A_UNDERLINE, line);
	if (x->sel < x->top)
		x->top = x->sel;
	if (x->sel >= x->top + (size_t)rows)
		x->top = x->sel - (size_t)rows + 1;
	for (size_t i = x->top; i < x->n && i < x->top + (size_t)rows; i++) {
		const struct store_revision *r = &x->rv[i];
		char num[16], chg[16], note[64] = "";

		snprintf(num, sizeof num, "%3d", r->rev);
		snprintf(chg, sizeof chg, "%5zu", x->changed[i]);
		who(r, by, sizeof by);
		if (r->restored_from > 0)
			snprintf(note, sizeof note, TR("khôi phục lần %d", "restores %d"),
			    r->restored_from);
		snprintf(line, sizeof line, "%s%s%s%s%s%s%s", r->current ? "▸ " : "  ",
		    ui_pad(c1, sizeof c1, num, 5), ui_pad(c2, sizeof c2, when(r, t, sizeof t), 17),
		    ui_pad(c3, sizeof c3, by, 14), ui_pad(c4, sizeof c4, sub_status_label(r->status),
		    12), ui_pad(c5, sizeof c5, chg, 9), note);
		ui_text(3 + (int)(i - x->top), 1, i == x->sel ? A_REVERSE : 0, line);
	}
}

static void
lines_add(struct hscreen *x, char *l)
{
	x->lines = xreallocarray(x->lines, x->nlines + 1, sizeof *x->lines);
	x->lines[x->nlines++] = l;
}

/* "Label [ROW]" for an entry's key, or the key where the form does not
 * know it; caller frees. */
static char *
entry_label(const struct hscreen *x, const char *key)
{
	size_t len = strcspn(key, "[");
	char *name = xstrndup(key, len), *out;
	int fi = x->f ? form_field_index(x->f, name) : -1;
	const char *label = fi >= 0 && x->f->fields[fi].label ? x->f->fields[fi].label : NULL;

	out = label ? xasprintf("%s%s%s", label, key[len] ? " " : "", key + len) : xstrdup(key);
	free(name);
	return out;
}

static const struct sub_entry *
entry_find(const struct sub_entry *e, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].key, key) == 0)
			return &e[i];
	return NULL;
}

/* The chosen revision's values, one line each — "label: value" — marked
 * where they differ from the revision before, then the values it cleared. */
static void
values_open(struct hscreen *x)
{
	const struct store_revision *r = &x->rv[x->sel];
	struct sub_entry *e, *p = NULL;
	size_t n = sub_entries(x->f, r->data, &e), np = 0;

	if (x->sel > 0)
		np = sub_entries(x->f, x->rv[x->sel - 1].data, &p);
	lines_free(x);
	for (size_t i = 0; i < n; i++) {
		const struct sub_entry *o = x->sel > 0 ? entry_find(p, np, e[i].key) : NULL;
		char *label = entry_label(x, e[i].key), *was = NULL;

		if (x->sel > 0 && o == NULL)
			was = xstrdup(TR("  (mới)", "  (new)"));
		else if (o != NULL && strcmp(o->value, e[i].value) != 0)
			was = xasprintf(TR("  (trước: %s)", "  (was %s)"), o->value);
		lines_add(x, xasprintf("%s: %s%s", label, e[i].value, was ? was : ""));
		if (e[i].reason)
			lines_add(x, xasprintf(TR("    lý do: %s", "    reason: %s"), e[i].reason));
		free(label);
		free(was);
	}
	for (size_t i = 0; i < np; i++) {
		char *label;
		if (entry_find(e, n, p[i].key) != NULL)
			continue;
		label = entry_label(x, p[i].key);
		lines_add(x, xasprintf(TR("%s: —  (đã xoá; trước: %s)", "%s: —  (cleared; was %s)"),
		    label, p[i].value));
		free(label);
	}
	if (x->nlines == 0)
		lines_add(x, xstrdup(TR("(không có giá trị nào)", "(no values)")));
	sub_entries_free(e, n);
	sub_entries_free(p, np);
	x->mode = H_VALUES;
}

static void
draw_values(struct hscreen *x)
{
	int rows = LINES - 6;
	char head[128], t[32];

	snprintf(head, sizeof head, TR("Lần sửa %d — %s — %s", "Revision %d — %s — %s"),
	    x->rv[x->sel].rev, when(&x->rv[x->sel], t, sizeof t),
	    sub_status_label(x->rv[x->sel].status));
	ui_text(2, 1, A_BOLD, head);
	for (size_t i = x->ltop; i < x->nlines && i < x->ltop + (size_t)rows; i++)
		ui_text(3 + (int)(i - x->ltop), 2, 0, x->lines[i]);
}

static void
history_draw(struct screen *s)
{
	struct hscreen *x = s->data;
	char right[160], t[32];

	snprintf(right, sizeof right, "%s · %s · %s", x->form_id, x->unit, x->period);
	ui_title(TR("Lịch sử sửa", "Revisions"), right);
	if (x->mode == H_VALUES || (x->mode == H_CONFIRM && x->back == H_VALUES))
		draw_values(x);
	else
		draw_list(x);
	if (x->mode == H_CONFIRM) {
		char *q = xasprintf(TR("Khôi phục lần sửa %d (%s, %zu giá trị) thành lần sửa mới? "
		    "Enter: khôi phục · Esc: thôi", "Restore revision %d (%s, %zu values) as a new "
		    "revision? Enter: restore · Esc: cancel"), x->rv[x->sel].rev,
		    when(&x->rv[x->sel], t, sizeof t), x->confirm_values);
		ui_status(q, 0);
		free(q);
	} else if (x->msg) {
		ui_status(x->msg, x->err);
	}
}

static void
restore(struct hscreen *x, struct ui *ui)
{
	char *cause = NULL;
	int from = x->rv[x->sel].rev, rev;

	if (store_sub_restore(ui->st, x->form_id, x->unit, x->period, from, &rev, &cause) !=
	    ERR_OK) {
		say(x, 1, xasprintf(TR("Không khôi phục được: %s", "Not restored: %s"), cause));
		free(cause);
		return;
	}
	x->restored = 1;
	load(x, ui);
	say(x, 0, xasprintf(TR("Đã khôi phục lần sửa %d thành lần sửa %d (nháp). Esc: về biểu mẫu.",
	    "Revision %d restored as revision %d (a draft). Esc: back to the form."), from, rev));
}

/* The question "restore this revision?" takes the next key. */
static int
history_grab(struct screen *s)
{
	struct hscreen *x = s->data;

	return x->mode == H_CONFIRM;
}

static void
history_key(struct screen *s, const struct ui_input *in)
{
	struct hscreen *x = s->data;
	struct ui *ui = s->ui;
	int enter = (in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'));
	int rows = LINES - 6;

	if (x->mode == H_CONFIRM) {
		x->mode = x->back;
		if (enter) {
			x->mode = H_LIST;
			lines_free(x);
			restore(x, ui);
		}
		return;
	}
	say(x, 0, NULL);
	if (x->mode == H_VALUES) {
		if (in->code && in->key == KEY_DOWN && x->ltop + 1 < x->nlines) {
			x->ltop++;
		} else if (in->code && in->key == KEY_UP && x->ltop > 0) {
			x->ltop--;
		} else if (in->code && in->key == KEY_NPAGE) {
			x->ltop = x->ltop + (size_t)rows < x->nlines ? x->ltop + (size_t)rows : x->ltop;
		} else if (in->code && in->key == KEY_PPAGE) {
			x->ltop = x->ltop > (size_t)rows ? x->ltop - (size_t)rows : 0;
		}
		return;
	}
	if (in->code && in->key == KEY_UP) {
		if (x->sel > 0)
			x->sel--;
	} else if (in->code && in->key == KEY_DOWN) {
		if (x->sel + 1 < x->n)
			x->sel++;
	} else if (in->code && in->key == KEY_NPAGE) {
		x->sel = x->sel + 10 < x->n ? x->sel + 10 : (x->n ? x->n - 1 : 0);
	} else if (in->code && in->key == KEY_PPAGE) {
		x->sel = x->sel > 10 ? x->sel - 10 : 0;
	}
}

/* Esc: the values back to the list; the list back to the mode that opened
 * the history (which, revealed, finds a restore and reopens from the
 * store). */
static void
history_back(struct screen *s)
{
	struct hscreen *x = s->data;

	say(x, 0, NULL);
	if (x->mode == H_VALUES) {
		lines_free(x);
		x->mode = H_LIST;
	} else {
		ui_pop(s->ui);
	}
}

static void
history_show(struct screen *s)
{
	struct hscreen *x = s->data;

	say(x, 0, NULL);
	if (x->mode == H_LIST && x->n)
		values_open(x);
}

static void
history_restore(struct screen *s)
{
	struct hscreen *x = s->data;
	struct sub_entry *e;

	say(x, 0, NULL);
	if (x->n == 0)
		return;
	if (x->view_only) {
		say(x, 0, xstrdup(TR("Văn phòng không sửa số liệu của đơn vị.",
		    "The office does not change a unit's figures.")));
		return;
	}
	x->confirm_values = sub_entries(x->f, x->rv[x->sel].data, &e);
	sub_entries_free(e, x->confirm_values);
	x->back = x->mode;
	x->mode = H_CONFIRM;
}

static const struct ui_key history_keys[] = {
	{ '\r', 0, history_show, "Xem các giá trị của lần sửa", "Show the revision's values", 1,
	    NULL },
	{ KEY_F(5), 'E', history_restore, "Khôi phục lần sửa này (thành lần sửa mới)",
	    "Restore this revision (as a new one)", 1, NULL },
	{ 27, 0, history_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn lần sửa, cuộn", "Choose a revision, scroll", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void
history_free(struct screen *s)
{
	struct hscreen *x = s->data;

	store_revision_free(x->rv, x->n);
	free(x->changed);
	lines_free(x);
	form_set_free(&x->set);
	free(x->form_id);
	free(x->unit);
	free(x->period);
	free(x->msg);
	free(x);
}

const struct screen_ops screen_history_ops = {
	.name = "history",
	.keys = history_keys,
	.draw = history_draw,
	.key = history_key,
	.free = history_free,
	.grab = history_grab,
	.where = "revisions",
};

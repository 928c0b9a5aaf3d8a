/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-roster.c: the office's roster of units, in the interface (F2 on
 * the office's home screen).
 *
 * One line per unit (Vietnamese order of names; those taken off the roster
 * last, marked), with its kind and how many devices it has; under the list,
 * the devices of the unit chosen (fingerprint, state, the last bundle, files
 * held). F5 adds a unit (name, kind chosen from the kinds the forms are
 * for, id made from the name unless one is typed), F6 renames it, F8 takes
 * it off the roster — after asking, naming it — or puts it back. The
 * changes go through office-units.h, as `baocao units add|rename|remove`
 * do.
 */
#include "ui.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../office/office-units.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum roster_mode { R_LIST, R_ADD, R_RENAME };

struct roster {
	enum roster_mode mode;
	struct store_unit *u;
	size_t n, sel, top;
	struct store_device *d;
	size_t nd;
	char **kinds;
	size_t nkinds, kind;	/* adding: the kind chosen */
	int field;		/* adding: 0 name, 1 kind, 2 id */
	struct line name, id;
	char *msg;
	int err;
};


static void
say(struct roster *r, int err, char *msg)
{
	free(r->msg);
	r->msg = msg;
	r->err = err;
}

/* Read the roster and the devices again; the cursor stays on unit KEEP
 * (an id) if it is still there. */
static void
roster_load(struct ui *ui, struct roster *r, const char *keep)
{
	char *cause = NULL, *want = keep ? xstrdup(keep) : NULL;
	struct store_unit *u = NULL;
	size_t n = 0, k = 0;

	store_unit_free(r->u, r->n);
	r->u = NULL;
	r->n = 0;
	store_device_free(r->d, r->nd);
	r->d = NULL;
	r->nd = 0;
	if (store_unit_list(ui->st, NULL, &u, &n, &cause) != ERR_OK) {
		say(r, 1, cause);
		free(want);
		return;
	}
	/* those on the roster first, then those taken off it */
	r->u = xcalloc(n ? n : 1, sizeof *r->u);
	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; i < n; i++)
			if (u[i].active == pass)
				r->u[k++] = u[i];
	free(u);	/* the strings moved to r->u */
	r->n = n;
	if (store_device_list(ui->st, &r->d, &r->nd, &cause) != ERR_OK) {
		say(r, 1, cause);
		cause = NULL;
	}
	for (size_t i = 0; want != NULL && i < r->n; i++)
		if (strcmp(r->u[i].id, want) == 0)
			r->sel = i;
	if (r->sel >= r->n)
		r->sel = r->n ? r->n - 1 : 0;
	free(want);
}

void *
screen_roster_new(struct ui *ui)
{
	struct roster *r = xcalloc(1, sizeof *r);
	char *cause = NULL;

	line_init(&r->name, 120, 0);
	r->name.ime = &ui->ime;		/* names are Vietnamese: Telex, VNI */
	line_init(&r->id, OFFICE_UNIT_ID_MAX, 0);
	if (office_unit_kinds(ui->st, &r->kinds, &r->nkinds, &cause) != ERR_OK)
		say(r, 1, cause);
	roster_load(ui, r, NULL);
	return r;
}

static const char *
state_name(const char *state)
{
	return strcmp(state, "pending") == 0 ? TR("chờ duyệt", "pending") :
	    strcmp(state, "approved") == 0 ? TR("đã duyệt", "approved") :
	    TR("đã thu hồi", "revoked");
}

/* "1 đã duyệt, 1 chờ duyệt" for unit ID, or "-". */
static void
device_summary(const struct roster *r, const char *id, char *buf, size_t size)
{
	int approved = 0, pending = 0, revoked = 0;
	size_t len = 0;

	for (size_t i = 0; i < r->nd; i++) {
		if (r->d[i].unit_id == NULL || strcmp(r->d[i].unit_id, id) != 0)
			continue;
		if (strcmp(r->d[i].state, "approved") == 0)
			approved++;
		else if (strcmp(r->d[i].state, "pending") == 0)
			pending++;
		else
			revoked++;
	}
	buf[0] = '\0';
	if (approved)
		len += (size_t)snprintf(buf + len, size - len, TR("%d đã duyệt", "%d approved"),
		    approved);
	if (pending && len < size)
		len += (size_t)snprintf(buf + len, size - len, TR("%s%d chờ duyệt", "%s%d pending"),
		    len ? ", " : "", pending);
	if (revoked && len < size)
		snprintf(buf + len, size - len, TR("%s%d đã thu hồi", "%s%d revoked"), len ? ", " : "",
		    revoked);
	if (buf[0] == '\0')
		snprintf(buf, size, "-");
}

static void
draw_list(struct roster *r, int rows)
{
	char line[512], c1[64], c2[128], c3[48], dev[96];
	int y = 3;

	ui_text(2, 2, A_UNDERLINE, TR("Mã                     Tên                          Loại"
	    "       Thiết bị", "Id                     Name                         Kind       "
	    "Devices"));
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + (size_t)rows)
		r->top = r->sel - (size_t)rows + 1;
	for (size_t i = r->top; i < r->n && i < r->top + (size_t)rows; i++) {
		const struct store_unit *u = &r->u[i];
		char *name = u->active ? xstrdup(u->name) : xasprintf(TR("%s (đã bỏ)",
		    "%s (removed)"), u->name);

		device_summary(r, u->id, dev, sizeof dev);
		snprintf(line, sizeof line, "%s%s%s%s", ui_pad(c1, sizeof c1, u->id, 23),
		    ui_pad(c2, sizeof c2, name, 29), ui_pad(c3, sizeof c3, u->kind, 11), dev);
		free(name);
		ui_cut(line, COLS - 4);
		if (i == r->sel) {
			attron(A_REVERSE);
			mvhline(y, 1, ' ', COLS - 2);
			attroff(A_REVERSE);
		}
		ui_text(y, 1, i == r->sel ? A_REVERSE : 0, i == r->sel ? ">" : " ");
		ui_text(y++, 2, i == r->sel ? A_REVERSE : (u->active ? 0 : A_DIM), line);
	}
	if (r->n == 0)
		ui_text(y, 4, A_DIM, TR("Chưa có đơn vị nào. F5: thêm đơn vị.", "No unit yet. F5: "
		    "add one."));
}

/* The devices of the unit chosen, from row Y. */
static void
draw_devices(const struct roster *r, int y)
{
	const struct store_unit *u = r->n ? &r->u[r->sel] : NULL;
	char line[512], title[256], when[32], c1[40], c2[40];
	int shown = 0;

	if (u == NULL)
		return;
	mvhline(y++, 1, ACS_HLINE, COLS - 2);
	snprintf(title, sizeof title, TR("Thiết bị của %s:", "Devices of %s:"), u->name);
	ui_text(y++, 2, A_BOLD, title);
	for (size_t i = 0; i < r->nd && y < LINES - 2; i++) {
		const struct store_device *d = &r->d[i];
		time_t t = (time_t)d->first_seen;

		if (d->unit_id == NULL || strcmp(d->unit_id, u->id) != 0)
			continue;
		strftime(when, sizeof when, "%d/%m/%Y", localtime(&t));
		snprintf(line, sizeof line, TR("%s%stừ %s", "%s%ssince %s"), ui_pad(c1, sizeof c1,
		    d->fingerprint, 21), ui_pad(c2, sizeof c2, state_name(d->state), 12), when);
		if (d->last_seq > 0) {
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, TR(" · tệp số %llu", " · bundle %llu"),
			    (unsigned long long)d->last_seq);
		}
		if (d->held > 0) {
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, TR(" · giữ %d tệp", " · %d held"), d->held);
		}
		ui_cut(line, COLS - 6);
		ui_text(y++, 4, 0, line);
		shown++;
	}
	if (shown == 0 && y < LINES - 2)
		ui_text(y, 4, A_DIM, TR("Chưa có thiết bị nào gửi tệp (F8 trên màn hình chính: duyệt "
		    "thiết bị).", "No device has sent a file yet (F8 on the home screen: devices)."));
}

static void
draw_add(struct roster *r)
{
	char buf[256], *name = line_utf8(&r->name), *slug = name ? text_slug(name) : NULL;
	int y = 3;

	ui_text(y, 2, A_BOLD, TR("Thêm đơn vị", "Add a unit"));
	y += 2;
	ui_text(y, 4, r->field == 0 ? A_BOLD : 0, TR("Tên:", "Name:"));
	y += 2;
	ui_text(y, 4, r->field == 1 ? A_BOLD : 0, TR("Loại:", "Kind:"));
	snprintf(buf, sizeof buf, "< %s >  (%zu/%zu)", r->nkinds ? r->kinds[r->kind] : "?",
	    r->nkinds ? r->kind + 1 : 0, r->nkinds);
	ui_text(y, 24, r->field == 1 ? A_REVERSE : 0, buf);
	y += 2;
	ui_text(y, 4, r->field == 2 ? A_BOLD : 0, TR("Mã:", "Id:"));
	snprintf(buf, sizeof buf, TR("để trống: %s", "empty: %s"), slug ? slug : "…");
	ui_text(y + 1, 24, A_DIM, buf);
	y += 3;
	ui_text(y, 4, A_DIM, TR("Tab: ô sau · ← →: chọn loại · Enter: thêm · Esc: thôi",
	    "Tab: next box · ← →: choose the kind · Enter: add · Esc: cancel"));
	free(name);
	free(slug);
	/* the line with the keys last: the cursor stays there */
	if (r->field == 2) {
		line_draw(&r->name, 5, 24, 50, 0);
		line_draw(&r->id, 9, 24, 42, 1);
	} else {
		line_draw(&r->id, 9, 24, 42, 0);
		line_draw(&r->name, 5, 24, 50, r->field == 0);
	}
	curs_set(r->field == 1 ? 0 : 1);
}

static void
roster_draw(struct screen *s)
{
	struct roster *r = s->data;

	ui_title("baocao", TR("Danh sách đơn vị của xã", "The commune's units"));
	if (r->mode == R_ADD) {
		draw_add(r);
	} else {
		int rows = LINES - 12;
		draw_list(r, rows);
		draw_devices(r, 3 + rows);
		if (r->mode == R_RENAME && r->n) {
			char q[256];
			snprintf(q, sizeof q, TR("Tên mới của %s:", "New name of %s:"), r->u[r->sel].id);
			move(LINES - 2, 0);
			clrtoeol();
			ui_text(LINES - 2, 1, A_BOLD, q);
			line_draw(&r->name, LINES - 2, 3 + text_width(q), COLS - 5 - text_width(q), 1);
			curs_set(1);
			return;
		}
		curs_set(0);
	}
	if (r->msg != NULL)
		ui_status(r->msg, r->err);
}

static int
is_enter(const struct ui_input *in)
{
	return (in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'));
}

static void
add_unit(struct ui *ui, struct roster *r)
{
	char *name = line_utf8(&r->name), *id = line_utf8(&r->id), *made = NULL, *cause = NULL;
	int shortened = 0;
	enum err e;

	if (r->nkinds == 0) {
		say(r, 1, xstrdup(TR("Chưa cài biểu mẫu nào: chưa có loại đơn vị nào để chọn.",
		    "No form is installed: there is no unit kind to choose.")));
	} else {
		e = office_unit_add(ui->st, id != NULL && *id ? id : NULL, r->kinds[r->kind],
		    name ? name : "", &made, &shortened, &cause);
		if (e != ERR_OK) {
			say(r, 1, cause);	/* the form stays, to fix */
		} else {
			say(r, 0, shortened ? xasprintf(TR("Đã thêm %s (tên dài: mã rút gọn %s).",
			    "Added %s (a long name: the id cut to %s)."), name, made) :
			    xasprintf(TR("Đã thêm %s: mã %s.", "Added %s: id %s."), name, made));
			r->mode = R_LIST;
			roster_load(ui, r, made);
			free(made);
		}
	}
	free(name);
	free(id);
}

static void
key_add(struct ui *ui, struct roster *r, const struct ui_input *in)
{
	if (!in->code && in->ch == 27) {
		r->mode = R_LIST;
		say(r, 0, xstrdup(TR("Không thêm đơn vị nào.", "No unit added.")));
	} else if (is_enter(in)) {
		add_unit(ui, r);
	} else if ((!in->code && in->ch == '\t') || (in->code && in->key == KEY_DOWN)) {
		r->field = (r->field + 1) % 3;
	} else if ((in->code && (in->key == KEY_BTAB || in->key == KEY_UP))) {
		r->field = (r->field + 2) % 3;
	} else if (r->field == 1) {
		if (in->code && in->key == KEY_LEFT && r->nkinds)
			r->kind = (r->kind + r->nkinds - 1) % r->nkinds;
		else if (((in->code && in->key == KEY_RIGHT) || (!in->code && in->ch == ' ')) &&
		    r->nkinds)
			r->kind = (r->kind + 1) % r->nkinds;
	} else {
		line_key(r->field == 0 ? &r->name : &r->id, in);
	}
}

static void
key_rename(struct ui *ui, struct roster *r, const struct ui_input *in)
{
	char *name, *cause = NULL, *id;
	enum err e;

	if (!in->code && in->ch == 27) {
		r->mode = R_LIST;
		say(r, 0, xstrdup(TR("Tên giữ như cũ.", "The name is kept.")));
		return;
	}
	if (!is_enter(in)) {
		line_key(&r->name, in);
		return;
	}
	name = line_utf8(&r->name);
	id = xstrdup(r->u[r->sel].id);
	e = office_unit_update(ui->st, id, name ? name : "", -1, &cause);
	if (e != ERR_OK) {
		say(r, 1, cause);	/* still renaming: fix it or Esc */
	} else {
		say(r, 0, xasprintf(TR("%s: đã đổi tên thành \"%s\".", "%s: renamed \"%s\"."), id,
		    name));
		r->mode = R_LIST;
		roster_load(ui, r, id);
	}
	free(id);
	free(name);
}

/* F8: off the roster (asked, naming it) or back on. */
static void
retire(struct ui *ui, struct roster *r)
{
	const struct store_unit *u = &r->u[r->sel];
	char *q, *cause = NULL, *id = xstrdup(u->id), *name = xstrdup(u->name);
	int off = u->active;
	enum err e;

	q = off ? xasprintf(TR("Bỏ %s (%s) khỏi danh sách? Không còn phải nộp báo cáo; báo cáo đã "
	    "nhận vẫn giữ. (c: có, phím khác: không)", "Take %s (%s) off the roster? It owes no "
	    "more reports; what it sent is kept. (y: yes, any other key: no)"), name, id) :
	    xasprintf(TR("Đưa %s (%s) trở lại danh sách? (c: có, phím khác: không)",
	    "Put %s (%s) back on the roster? (y: yes, any other key: no)"), name, id);
	if (!ui_confirm(ui, q)) {
		say(r, 0, xasprintf(TR("Không đổi gì: %s vẫn như cũ.", "Nothing changed: %s is as "
		    "it was."), name));
	} else if ((e = office_unit_update(ui->st, id, NULL, off ? 0 : 1, &cause)) != ERR_OK) {
		say(r, 1, cause);
	} else {
		say(r, 0, off ? xasprintf(TR("%s: đã bỏ khỏi danh sách (F8 lần nữa: đưa lại).",
		    "%s: taken off the roster (F8 again: put back)."), name) :
		    xasprintf(TR("%s: đã trở lại danh sách.", "%s: back on the roster."), name));
		roster_load(ui, r, id);
	}
	free(q);
	free(id);
	free(name);
}

/* Adding or renaming: the boxes take every key. */
static int
roster_grab(struct screen *s)
{
	struct roster *r = s->data;

	return r->mode == R_ADD || r->mode == R_RENAME;
}

static void
roster_key(struct screen *s, const struct ui_input *in)
{
	struct roster *r = s->data;
	struct ui *ui = s->ui;

	if (r->mode == R_ADD) {
		key_add(ui, r, in);
		return;
	}
	if (r->mode == R_RENAME) {
		key_rename(ui, r, in);
		return;
	}
	say(r, 0, NULL);
	if (in->code && in->key == KEY_UP && r->sel > 0) {
		r->sel--;
	} else if (in->code && in->key == KEY_DOWN && r->sel + 1 < r->n) {
		r->sel++;
	} else if (in->code && in->key == KEY_PPAGE) {
		r->sel = r->sel > 10 ? r->sel - 10 : 0;
	} else if (in->code && in->key == KEY_NPAGE && r->n) {
		r->sel = r->sel + 10 < r->n ? r->sel + 10 : r->n - 1;
	}
}

static void
roster_back(struct screen *s)
{
	curs_set(0);
	ui_pop(s->ui);
}

static void
roster_add(struct screen *s)
{
	struct roster *r = s->data;

	say(r, 0, NULL);
	r->mode = R_ADD;
	r->field = 0;
	/* the kind of the unit under the cursor: another village after a
	 * village */
	for (size_t k = 0; r->n && k < r->nkinds; k++)
		if (strcmp(r->kinds[k], r->u[r->sel].kind) == 0)
			r->kind = k;
	line_clear(&r->name);
	line_clear(&r->id);
}

static void
roster_rename(struct screen *s)
{
	struct roster *r = s->data;

	say(r, 0, NULL);
	if (r->n == 0)
		return;
	r->mode = R_RENAME;
	line_set(&r->name, r->u[r->sel].name);
	r->name.cur = r->name.len;
}

static void
roster_retire(struct screen *s)
{
	struct roster *r = s->data;

	say(r, 0, NULL);
	if (r->n)
		retire(s->ui, r);
}

static const struct ui_key roster_keys[] = {
	{ KEY_F(5), 'N', roster_add, "Thêm", "Add", 1, NULL },
	{ KEY_F(6), 'R', roster_rename, "Đổi tên", "Rename", 1, NULL },
	{ KEY_F(8), 'D', roster_retire, "Bỏ / đưa lại", "Take off / put back", 1, NULL },
	{ 27, 0, roster_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn đơn vị (thiết bị của nó hiện bên dưới)", "Choose a unit (its "
	    "devices below)", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, "Khi thêm: sang ô sau; chọn loại đơn vị", "Adding: next box; choose the "
	    "kind", 0, "Tab ← →" },
	{ 0, 0, NULL, "Khi thêm, đổi tên: lưu; Esc: bỏ", "Adding, renaming: save; Esc: drop it",
	    0, "Enter" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void
roster_free(struct screen *s)
{
	struct roster *r = s->data;

	store_unit_free(r->u, r->n);
	store_device_free(r->d, r->nd);
	office_unit_kinds_free(r->kinds, r->nkinds);
	line_free(&r->name);
	line_free(&r->id);
	free(r->msg);
	free(r);
}

const struct screen_ops screen_roster_ops = {
	.name = "roster",
	.keys = roster_keys,
	.draw = roster_draw,
	.key = roster_key,
	.free = roster_free,
	.grab = roster_grab,
	.where = "roster (office)",
};

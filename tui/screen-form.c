/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-form.c: filling one submission — the screen a village head spends
 * the most time on.
 *
 * The form is a list of lines built from the definition for this report:
 * section headings, notes, one line per field, and for grids and repeats a
 * heading per row followed by that row's cells. Only what is relevant is
 * listed; the list is rebuilt after every change, so fields appear and
 * disappear as values change, and calculations update at once.
 *
 * Saving: every value accepted is saved at once as the draft (the whole
 * submission, one transaction), so switching the laptop off loses at most
 * the field being typed. A finalised submission opens read-only; F4 reopens
 * it, and the next save starts a new revision.
 *
 * States: browsing -> editing a value (line editor, Telex/VNI) or choosing
 * (select lists, with type-to-filter) -> browsing; browsing -> review (every
 * error and warning, jump to its field, give a reason for a warning,
 * finalise) -> browsing.
 */
#include "ui.h"
#include "widget-line.h"
#include "widget-rowinfo.h"
#include "audit-text.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../forms/sub.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../storage/store-audit.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum item_kind { I_HEADER, I_NOTE, I_FIELD, I_ROW, I_GRID };

struct item {
	enum item_kind kind;
	int field;		/* I_ROW: the container */
	int row;
	int depth;
};

enum fmode { F_BROWSE, F_EDIT, F_CHOOSE, F_REVIEW, F_REASON, F_GRID, F_RETURN, F_LINES };

struct fscreen {
	struct form_set set;
	const struct form *f;
	int report;
	char period[PERIOD_ID_MAX];
	char *unit;
	char *kind;		/* the unit's kind: the rows of a plan it leads */
	long *event_days;	/* when the plan's events happened */
	char *status;		/* of the stored submission, NULL if none */
	char *returned;		/* the office's reason, when it came back returned */
	int readonly;
	int helps_only;		/* the unit helps on rows of it, leads none */
	struct sub *s;
	struct item *items;
	size_t nitems;
	size_t cur, top;	/* cur: an I_FIELD item */
	enum fmode mode;
	struct line edit;
	int ey, ex, ew;		/* where the list's value editor was drawn */
	char *msg;
	int msg_err;
	/* choosing */
	size_t *choices;	/* indexes into the list that pass the filter */
	size_t nchoices, csel;
	unsigned char *picked;	/* select_multiple */
	/* review */
	struct sub_issue *issues;
	size_t nissues, rsel;
	/* a task grid, shown as a table: rows of this report, value columns;
	 * the first column (the task) stays while the others scroll */
	int in_grid, grid;
	int *gcols, ngcols, *grows, ngrows;
	int gr, gc, gtop, gleft;
	/* the office reviewing a unit's submission */
	int office;
	char **lines;		/* history or audit trail being shown */
	size_t nlines;
	/* this sitting's autosaves coalesce into one revision (store-sub.h) */
	struct store_sub_session session;
};

static const struct ui_key form_keys[] = {
	{ "Enter", "Nhập/chọn giá trị", "Enter/choose a value", 1 },
	{ "F9", "Kiểm tra, hoàn tất", "Review, finalise", 1 },
	{ "F2", "Chép kỳ trước", "Copy last period", 1 },
	{ "Esc", "Về màn hình chính", "Back home", 1 },
	{ "F1", "Trợ giúp", "Help", 1 },
	{ "F3 / Ctrl-K", "Menu: chọn việc cần làm trong danh sách", "Menu: choose what to do "
	    "from a list", 0 },
	{ "↑ ↓ Tab Shift-Tab", "Sang trường khác", "Move between fields", 0 },
	{ "PgUp PgDn", "Lên, xuống một trang", "Page up, down", 0 },
	{ "Enter (bảng)", "Mở bảng nhiệm vụ; trong bảng: mũi tên, Tab sang ô, Enter nhập, Esc đóng",
	    "Open a task table; in it: arrows, Tab between cells, Enter edits, Esc closes", 0 },
	{ "F4 / Ctrl-O", "Mở lại báo cáo đã hoàn tất để sửa (lần sửa mới)",
	    "Reopen a finalised submission (a new revision)", 0 },
	{ "F6 / Ctrl-Y", "Lịch sử sửa: xem, khôi phục một lần sửa cũ",
	    "Revisions: show, restore an earlier one", 0 },
	{ "F7 / Ctrl-N", "Thêm dòng (nhóm lặp)", "Add a row (repeat)", 0 },
	{ "F8 / Ctrl-D", "Xoá dòng (nhóm lặp)", "Delete the row (repeat)", 0 },
	{ "Ctrl-R", "Kiểm tra, hoàn tất (như F9)", "Review, finalise (as F9)", 0 },
	{ "Ctrl-L", "Chép kỳ trước (như F2)", "Copy last period (as F2)", 0 },
	{ "Ctrl-T", "Kiểu gõ: Telex, VNI, tắt", "Typing: Telex, VNI, off", 0 },
	{ "F10", "Thoát", "Quit", 0 },
	{ NULL, NULL, NULL, 0 },
};

static void
set_msg(struct fscreen *x, int err, char *msg)
{
	free(x->msg);
	x->msg = msg;
	x->msg_err = err;
}

/* ---- the list of lines ---- */

static void
push(struct fscreen *x, enum item_kind k, int field, int row, int depth)
{
	x->items = xreallocarray(x->items, x->nitems + 1, sizeof *x->items);
	x->items[x->nitems++] = (struct item){ k, field, row, depth };
}

static int
depth_of(const struct form *f, int i)
{
	int d = 0;
	for (int p = f->fields[i].parent; p >= 0; p = f->fields[p].parent)
		d++;
	return d;
}

static void
build(struct fscreen *x)
{
	const struct form *f = x->f;
	struct item keep = x->nitems ? x->items[x->cur] : (struct item){ I_FIELD, -1, -1, 0 };

	if (keep.kind == I_GRID)
		keep.kind = I_FIELD;

	x->nitems = 0;
	sub_recalc(x->s);
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (fd->container >= 0 || !sub_relevant(x->s, (int)i, -1))
			continue;
		if (fd->type == FIELD_GROUP) {
			push(x, I_HEADER, (int)i, -1, depth_of(f, (int)i));
		} else if (fd->type == FIELD_NOTE) {
			push(x, I_NOTE, (int)i, -1, depth_of(f, (int)i));
		} else if (fd->type == FIELD_GRID) {
			push(x, I_HEADER, (int)i, -1, depth_of(f, (int)i));
			push(x, I_GRID, (int)i, -1, depth_of(f, (int)i) + 1);
		} else if (fd->type == FIELD_REPEAT) {
			push(x, I_HEADER, (int)i, -1, depth_of(f, (int)i));
			for (int r = 0; r < sub_rows(x->s, (int)i); r++) {
				int any = 0;
				for (size_t c = 0; c < f->nfields; c++)
					if (f->fields[c].container == (int)i && sub_relevant(x->s, (int)c, r))
						any = 1;
				if (!any)
					continue;
				push(x, I_ROW, (int)i, r, depth_of(f, (int)i) + 1);
				for (size_t c = 0; c < f->nfields; c++)
					if (f->fields[c].container == (int)i && form_field_has_value(&f->fields[c]) &&
					    sub_relevant(x->s, (int)c, r))
						push(x, I_FIELD, (int)c, r, depth_of(f, (int)i) + 2);
			}
		} else {
			push(x, I_FIELD, (int)i, -1, depth_of(f, (int)i));
		}
	}
	/* stay on the same field if it is still there, else the nearest one */
	x->cur = 0;
	for (size_t k = 0; k < x->nitems; k++)
		if ((x->items[k].kind == I_FIELD || x->items[k].kind == I_GRID) &&
		    x->items[k].field == keep.field && x->items[k].row == keep.row) {
			x->cur = k;
			return;
		}
	while (x->cur < x->nitems && x->items[x->cur].kind != I_FIELD &&
	    x->items[x->cur].kind != I_GRID)
		x->cur++;
	if (x->cur == x->nitems)
		x->cur = 0;
}

/* The cell being worked on: a grid cell in the grid, else the list's. */
static int
tgt_field(const struct fscreen *x)
{
	if (x->in_grid)
		return x->ngcols && x->ngrows ? x->gcols[x->gc] : -1;
	if (x->nitems == 0 || x->items[x->cur].kind != I_FIELD)
		return -1;
	return x->items[x->cur].field;
}

static int
tgt_row(const struct fscreen *x)
{
	if (x->in_grid)
		return x->ngrows ? x->grows[x->gr] : -1;
	return x->nitems ? x->items[x->cur].row : -1;
}

static const struct form_field *
cur_field(const struct fscreen *x)
{
	int f = tgt_field(x);
	return f < 0 ? NULL : &x->f->fields[f];
}

static void
go(struct fscreen *x, int dir)
{
	size_t k = x->cur;

	for (;;) {
		if (dir > 0 && k + 1 >= x->nitems)
			return;
		if (dir < 0 && k == 0)
			return;
		k += (size_t)dir;
		if (x->items[k].kind == I_FIELD || x->items[k].kind == I_GRID) {
			x->cur = k;
			return;
		}
	}
}

/* ---- saving ---- */

static void
save(struct fscreen *x, struct ui *ui, int final)
{
	char *json = sub_to_json(x->s), *cause = NULL;
	int rev;
	enum err e = store_sub_autosave(ui->st, x->f->reports[x->report].form_id, x->unit,
	    x->period, x->f->version, json, final, &x->session, &rev, &cause);

	free(json);
	if (e != ERR_OK) {
		set_msg(x, 1, xasprintf(TR("Không lưu được: %s", "Not saved: %s"), cause));
		free(cause);
		return;
	}
	free(x->status);
	x->status = xstrdup(final ? "final" : "draft");
	if (final) {
		x->readonly = 1;
		set_msg(x, 0, xasprintf(TR("Đã hoàn tất (lần sửa %d). Gửi văn phòng bằng F5 ở màn hình "
		    "chính.", "Finalised (revision %d). Send it with F5 on the home screen."), rev));
	}
}

/* ---- loading ---- */

static struct sub *
load_sub(struct ui *ui, const struct form *f, int report, const char *unit, const char *period,
    char **status, char **reason)
{
	struct store_sub row;
	char *cause = NULL;
	struct sub *s = NULL;

	if (store_sub_get(ui->st, f->reports[report].form_id, unit, period, &row, &cause) ==
	    ERR_OK) {
		s = sub_from_json(f, report, period, row.data, false, &cause);
		if (status != NULL)
			*status = xstrdup(row.status);
		if (reason != NULL && row.status_reason != NULL && strcmp(row.status, "returned") == 0)
			*reason = xstrdup(row.status_reason);
		free(row.form_id);
		free(row.unit_id);
		free(row.period);
		free(row.status);
		free(row.status_reason);
		free(row.data);
	}
	free(cause);
	return s;
}

static void *form_open(struct ui *ui, const char *form_id, const char *period,
    const char *unit);
static void lines_free(struct fscreen *x);
static void draw_lines(struct fscreen *x);

void *
screen_form_new(struct ui *ui, const char *form_id, const char *period)
{
	return form_open(ui, form_id, period, NULL);
}

void *
screen_review_new(struct ui *ui, const char *form_id, const char *unit, const char *period)
{
	struct fscreen *x = form_open(ui, form_id, period, unit);

	if (x != NULL) {
		x->office = 1;
		x->readonly = 1;
		set_msg(x, 0, NULL);
	}
	return x;
}

static void *
form_open(struct ui *ui, const char *form_id, const char *period, const char *unit)
{
	struct fscreen *x = xcalloc(1, sizeof *x);
	struct store_install in;
	struct period p, pp;
	char *cause = NULL;
	int field;

	if (form_set_load(ui->st, &x->set, &cause) != ERR_OK ||
	    !form_set_find(&x->set, form_id, &x->f, &x->report) ||
	    store_install_get(ui->st, &in, &cause) != ERR_OK) {
		ui_status(cause ? cause : TR("Không mở được biểu mẫu.", "Cannot open the form."), 1);
		free(cause);
		form_set_free(&x->set);
		free(x);
		return NULL;
	}
	/* filling: the period must be one the report has, within the plan's
	 * validity (the check fill and the import make) */
	if (unit == NULL && (cause = form_period_refusal(x->f, x->report, period, &p)) != NULL) {
		ui_status(cause, 1);
		free(cause);
		store_install_free(&in);
		form_set_free(&x->set);
		free(x);
		return NULL;
	}
	snprintf(x->period, sizeof x->period, "%s", period);
	x->unit = xstrdup(unit ? unit : in.unit_id ? in.unit_id : "van-phong");
	field = unit == NULL && in.role == STORE_ROLE_FIELD;
	store_install_free(&in);
	x->s = load_sub(ui, x->f, x->report, x->unit, period, &x->status, &x->returned);
	if (x->s == NULL)
		x->s = sub_new(x->f, x->report, period);
	/* a plan whose rows name their leads: the unit fills the rows it leads
	 * (forms/plan.h); a form of one kind stays whole, as before */
	if (x->f->has_leads && form_unit_kind(ui->st, x->unit, &x->kind, &cause) == ERR_OK)
		sub_set_kind(x->s, x->kind);
	free(cause);
	cause = NULL;
	if (form_event_days(ui->st, x->f, &x->event_days, &cause) != ERR_OK) {
		free(cause);
		cause = NULL;
	}
	sub_set_today(x->s, moment_from_unix(store_now()) / MINUTES_PER_DAY);
	if (period_parse(x->f->reports[x->report].rule.kind, period, &p) &&
	    deadline_previous(&x->f->reports[x->report].rule, &p, &pp)) {
		char ppid[PERIOD_ID_MAX];
		period_format(&pp, ppid, sizeof ppid);
		sub_set_previous(x->s, load_sub(ui, x->f, x->report, x->unit, ppid, NULL, NULL));
	}
	x->readonly = x->status != NULL && strcmp(x->status, "draft") != 0 &&
	    strcmp(x->status, "returned") != 0;
	/* a field unit that only helps on the report's rows reads them (plan.h) */
	if (field) {
		char *k = NULL;
		if (form_unit_kind(ui->st, x->unit, &k, &cause) == ERR_OK)
			x->helps_only = !form_owed_by(x->f, x->report, k);
		free(k);
		free(cause);
		cause = NULL;
	}
	x->readonly |= x->helps_only;
	line_init(&x->edit, SUB_MAX_VALUE, 0);
	x->edit.ime = &ui->ime;
	build(x);
	if (x->helps_only)
		set_msg(x, 0, xstrdup(TR("Đơn vị bạn phối hợp ở các dòng này: chỉ xem.",
		    "Your unit helps on these rows: read only.")));
	else if (x->readonly)
		set_msg(x, 0, xstrdup(TR("Báo cáo đã hoàn tất: chỉ xem. F4 để mở lại và sửa.",
		    "This submission is final: read only. F4 reopens it.")));
	return x;
}

/* ---- drawing ---- */

static const char *
value_text(const struct fscreen *x, int field, int row, char *buf, size_t size)
{
	const struct form_field *fd = &x->f->fields[field];
	const char *v = sub_get(x->s, field, row);

	if (v == NULL)
		return "";
	if (fd->list >= 0) {
		/* show labels, not values */
		const struct form_list *l = &x->f->lists[fd->list];
		size_t len = 0;
		buf[0] = '\0';
		for (size_t i = 0; i < l->nchoices; i++) {
			const char *c = l->choices[i].value;
			const char *p = strstr(v, c);
			size_t cl = strlen(c);
			if (p != NULL && (p == v || p[-1] == ' ') && (p[cl] == '\0' || p[cl] == ' ')) {
				len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
				    l->choices[i].label);
				if (len >= size)
					break;
			}
		}
		return buf;
	}
	if (fd->type == FIELD_DATE && strlen(v) == 10) {
		/* dd/mm/yyyy, the way it is written here */
		snprintf(buf, size, "%.2s/%.2s/%.4s", v + 8, v + 5, v);
		return buf;
	}
	return v;
}

static int
has_issue(const struct fscreen *x, int field, int row, enum sub_severity sev)
{
	for (size_t i = 0; i < x->nissues; i++)
		if (x->issues[i].field == field && x->issues[i].row == row &&
		    x->issues[i].severity == sev && !(sev == SUB_WARNING && x->issues[i].confirmed))
			return 1;
	return 0;
}

/* The office's reason for returning this submission, at the top of the
 * form (row 1, wrapped over up to three rows) until it is final again; the
 * number of rows it took. */
static int
draw_returned(const struct fscreen *x)
{
	char *t;
	int n;

	if (x->returned == NULL || (x->status != NULL && strcmp(x->status, "draft") != 0 &&
	    strcmp(x->status, "returned") != 0))
		return 0;
	t = xasprintf(TR("! Văn phòng trả lại báo cáo này: %s", "! The office returned this "
	    "submission: %s"), x->returned);
	n = ui_text_wrap(1, 1, A_BOLD, t, 3);
	free(t);
	return n < 3 ? n : 3;
}

static void
draw_list(struct screen *s)
{
	struct fscreen *x = s->data;
	int banner = draw_returned(x);
	int y0 = 2 + banner, rows = LINES - 5 - banner, lw = (COLS >= 100 ? COLS - 22 : COLS) / 2 - 2;
	char buf[512], vb[512];

	if (COLS >= 100 && sub_previous(x->s) != NULL)
		ui_text(y0 - 1, COLS - 21, A_DIM | A_UNDERLINE, TR("Kỳ trước", "Last period"));

	if (x->cur < x->top)
		x->top = x->cur;
	if (x->cur >= x->top + (size_t)rows)
		x->top = x->cur - (size_t)rows + 1;
	for (size_t k = x->top; k < x->nitems && k < x->top + (size_t)rows; k++) {
		const struct item *it = &x->items[k];
		const struct form_field *fd = &x->f->fields[it->field];
		int y = y0 + (int)(k - x->top), ind = 2 + 2 * it->depth;

		if (it->kind == I_HEADER && fd->type == FIELD_REPEAT) {
			snprintf(buf, sizeof buf, TR("%s — %d dòng (F7: thêm dòng)", "%s — %d rows (F7: "
			    "add a row)"), fd->label ? fd->label : fd->name, sub_rows(x->s, it->field));
			ui_text(y, ind, A_BOLD, buf);
		} else if (it->kind == I_HEADER) {
			ui_text(y, ind, A_BOLD, fd->label ? fd->label : fd->name);
		} else if (it->kind == I_NOTE) {
			ui_text(y, ind, A_DIM, fd->label ? fd->label : "");
		} else if (it->kind == I_GRID) {
			int n = 0, done = 0;
			/* the tasks this unit sees: its rows, not the headings */
			for (size_t r = 0; r < fd->nrows; r++)
				if ((fd->rows[r].reports & (1u << x->report)) && !fd->rows[r].heading &&
				    (x->kind == NULL || form_row_role(x->f, &fd->rows[r], x->kind) !=
				    ROW_ROLE_NONE)) {
					n++;
					done += form_row_progress(x->f, x->s, it->field, (int)r) ==
					    PROGRESS_DONE;
				}
			snprintf(buf, sizeof buf, TR("Bảng %d nhiệm vụ (%d đã hoàn thành) — Enter: mở "
			    "bảng", "Table of %d tasks (%d done) — Enter: open the table"), n, done);
			ui_text(y, ind, k == x->cur ? A_REVERSE : 0, buf);
		} else if (it->kind == I_ROW) {
			if (fd->type == FIELD_GRID)
				snprintf(buf, sizeof buf, "%s. %s", fd->rows[it->row].id,
				    fd->rows[it->row].label);
			else
				snprintf(buf, sizeof buf, TR("Dòng %d", "Row %d"), it->row + 1);
			ui_text(y, ind, A_UNDERLINE, buf);
		} else {
			int sel = k == x->cur, attr = sel ? A_REVERSE : 0;
			int err = has_issue(x, it->field, it->row, SUB_ERROR);
			int warn = has_issue(x, it->field, it->row, SUB_WARNING);
			const char *v = value_text(x, it->field, it->row, vb, sizeof vb);
			int vx = ind + lw - 2 * it->depth;

			if (vx > COLS - 24)
				vx = COLS - 24;
			ui_text(y, 0, A_BOLD, err ? "!" : warn ? "?" : " ");
			snprintf(buf, sizeof buf, "%s%s", fd->label ? fd->label : fd->name,
			    fd->required ? " *" : "");
			/* the label, cut to leave room for the value */
			ui_cut(buf, vx - ind - 1);
			ui_text(y, ind, fd->type == FIELD_CALCULATE ? A_DIM : 0, buf);
			if (sel && x->mode == F_EDIT) {
				/* drawn again last (form_draw), so the caret stays here */
				x->ey = y;
				x->ex = vx;
				x->ew = COLS - vx - 2;
				line_draw(&x->edit, y, vx, x->ew, 1);
				continue;
			}
			snprintf(buf, sizeof buf, "%s%s%s", *v ? v : (fd->type == FIELD_CALCULATE ? "—" :
			    "…"), *v && fd->unit ? " " : "", *v && fd->unit ? fd->unit : "");
			/* on a wide screen, last period's value beside each field */
			if (COLS >= 100)
				ui_cut(buf, COLS - vx - 24);
			if (attr)
				attron(attr);
			mvhline(y, vx, ' ', (COLS >= 100 ? COLS - 22 : COLS - 1) - vx);
			ui_text(y, vx, attr | (fd->type == FIELD_CALCULATE ? A_BOLD : 0), buf);
			if (attr)
				attroff(attr);
			if (COLS >= 100 && sub_previous(x->s) != NULL) {
				const char *pv = sub_get(sub_previous(x->s), it->field, it->row);
				if (pv != NULL) {
					snprintf(buf, sizeof buf, "%s", pv);
					ui_cut(buf, 20);
					ui_text(y, COLS - 21, A_DIM, buf);
				}
			}
		}
	}
}

static void
draw_status_line(struct fscreen *x)
{
	const struct form_field *fd = cur_field(x);
	const char *prev;
	char buf[512];

	if (x->msg != NULL) {
		ui_status(x->msg, x->msg_err);
		return;
	}
	if (fd == NULL)
		return;
	prev = sub_previous(x->s) ? sub_get(sub_previous(x->s), tgt_field(x), tgt_row(x)) : NULL;
	if (prev != NULL && fd->type != FIELD_CALCULATE) {
		snprintf(buf, sizeof buf, TR("Kỳ trước: %s%s%s", "Last period: %s%s%s"), prev,
		    fd->hint ? "   " : "", fd->hint ? fd->hint : "");
		ui_status(buf, 0);
	} else if (fd->hint) {
		ui_status(fd->hint, 0);
	}
}

static void
draw_choose(struct fscreen *x)
{
	const struct form_field *fd = cur_field(x);
	const struct form_list *l = &x->f->lists[fd->list];
	int h = (int)x->nchoices + 4, w = 56, y0, x0;

	if (h > LINES - 4)
		h = LINES - 4;
	y0 = (LINES - h) / 2;
	x0 = (COLS - w) / 2;
	for (int r = 0; r < h; r++)
		mvhline(y0 + r, x0, ' ', w);
	ui_text(y0, x0 + 1, A_BOLD, fd->label ? fd->label : fd->name);
	ui_text(y0 + 1, x0 + 1, A_DIM, fd->type == FIELD_SELECT_MULTIPLE
	    ? TR("Cách: chọn/bỏ dòng sáng  gõ chữ: tìm  Enter: xong", "Space: tick/untick the "
	    "lit line  type: find  Enter: done")
	    : TR("Enter: chọn  gõ để lọc", "Enter: choose  type to filter"));
	if (fd->type == FIELD_SELECT_MULTIPLE)
		ui_text(y0 + 2, x0 + 1, A_DIM, TR("Tìm:", "Find:"));
	line_draw(&x->edit, y0 + 2, fd->type == FIELD_SELECT_MULTIPLE ? x0 + 6 : x0 + 1,
	    fd->type == FIELD_SELECT_MULTIPLE ? w - 7 : w - 2, 0);
	{
		/* scrolled so the lit line shows */
		size_t vis = h > 4 ? (size_t)(h - 4) : 1, first = x->csel >= vis ? x->csel - vis + 1 : 0;
		for (size_t k = first; k < x->nchoices && k < first + vis; k++) {
			char buf[256];
			size_t c = x->choices[k];
			snprintf(buf, sizeof buf, "%s%s", fd->type == FIELD_SELECT_MULTIPLE ?
			    (x->picked[c] ? "[x] " : "[ ] ") : "", l->choices[c].label);
			ui_text(y0 + 3 + (int)(k - first), x0 + 2, k == x->csel ? A_REVERSE : 0, buf);
		}
	}
	curs_set(0);
}

static const char *
field_where(const struct fscreen *x, const struct sub_issue *is, char *buf, size_t size)
{
	const struct form_field *fd = &x->f->fields[is->field];

	if (is->row < 0)
		snprintf(buf, size, "%s", fd->label ? fd->label : fd->name);
	else if (x->f->fields[fd->container].type == FIELD_GRID)
		snprintf(buf, size, "%s (%s %s)", fd->label ? fd->label : fd->name, TR("dòng", "row"),
		    x->f->fields[fd->container].rows[is->row].id);
	else
		snprintf(buf, size, "%s (%s %d)", fd->label ? fd->label : fd->name, TR("dòng", "row"),
		    is->row + 1);
	return buf;
}

/* "Cảnh báo Tổng số hộ: … — lý do: …", for the review list. */
static const char *
issue_text(const struct fscreen *x, size_t i, char *buf, size_t size)
{
	const struct sub_issue *is = &x->issues[i];
	const char *reason = is->severity == SUB_WARNING ?
	    sub_reason(x->s, is->field, is->row, is->warn) : NULL;
	char where[256];

	snprintf(buf, size, "%s %s: %s%s%s", is->severity == SUB_ERROR ? TR("Lỗi     ", "Error   ")
	    : TR("Cảnh báo", "Warning "), field_where(x, is, where, sizeof where), is->message,
	    reason ? TR(" — lý do: ", " — reason: ") : "", reason ? reason : "");
	return buf;
}

static void
draw_review(struct fscreen *x)
{
	int y = 2;
	size_t errors, unconfirmed;
	char buf[768];

	sub_count(x->issues, x->nissues, &errors, &unconfirmed);
	for (int r = 2; r < LINES - 2; r++)
		mvhline(r, 0, ' ', COLS);
	snprintf(buf, sizeof buf, TR("Kiểm tra: %zu lỗi, %zu cảnh báo chưa giải thích",
	    "Review: %zu errors, %zu unexplained warnings"), errors, unconfirmed);
	ui_text(y++, 2, A_BOLD, buf);
	ui_text(y++, 2, A_DIM, x->office ? TR("Lỗi, cảnh báo và lý do đơn vị ghi. F5: duyệt, F6: "
	    "trả lại. Esc: quay lại.", "Errors, warnings and the unit's reasons. F5: approve, F6: "
	    "return. Esc: back.") : x->nissues == 0
	    ? TR("Không còn lỗi nào. F9: hoàn tất báo cáo.", "No problems left. F9: finalise.")
	    : TR("Enter: đến trường (lỗi) hoặc ghi lý do (cảnh báo). F9: hoàn tất. Esc: quay lại.",
	    "Enter: go to the field (error) or give a reason (warning). F9: finalise. Esc: back."));
	y++;
	/* each issue with its reason, wrapped; scrolled so the chosen one shows */
	{
		size_t first = 0;
		int avail = LINES - 3 - y;
		for (;;) {
			int need = 0;
			for (size_t i = first; i <= x->rsel && i < x->nissues; i++)
				need += ui_text_wrap(0, 2, 0, issue_text(x, i, buf, sizeof buf), 0);
			if (need <= avail || first >= x->rsel)
				break;
			first++;
		}
		for (size_t i = first; i < x->nissues && y < LINES - 3; i++) {
			int attr = i == x->rsel ? A_REVERSE : (x->issues[i].severity == SUB_ERROR ?
			    A_BOLD : 0);
			y += ui_text_wrap(y, 2, attr, issue_text(x, i, buf, sizeof buf), LINES - 3 - y);
		}
	}
	if (x->mode == F_REASON) {
		ui_text(LINES - 3, 2, A_BOLD, TR("Lý do:", "Reason:"));
		line_draw(&x->edit, LINES - 3, 10, COLS - 12, 1);
		curs_set(1);
	}
}

/* ---- the grid ---- */

#define GRID_FIRST 28	/* the frozen column: STT and task */
#define GRID_CELL 16


/* The depth of a row id as plans number them: "II" 1, "II.1" 2, "II.1.a" 3. */
static int
row_level(const char *id)
{
	int n = 1;

	for (const char *p = id; *p; p++)
		n += *p == '.' && p[1] != '\0';
	return n;
}
static void
grid_layout(struct fscreen *x)
{
	const struct form *f = x->f;
	const struct form_field *g = &f->fields[x->grid];

	free(x->gcols);
	free(x->grows);
	x->gcols = xcalloc(f->nfields + 1, sizeof *x->gcols);
	x->grows = xcalloc(g->nrows + 1, sizeof *x->grows);
	x->ngcols = x->ngrows = 0;
	for (size_t c = 0; c < f->nfields; c++)
		if (f->fields[c].container == x->grid && form_field_has_value(&f->fields[c]) &&
		    !f->fields[c].hidden)
			x->gcols[x->ngcols++] = (int)c;
	/* the rows this unit leads or helps on, and the table's headings */
	for (size_t r = 0; r < g->nrows; r++)
		if ((g->rows[r].reports & (1u << x->report)) && (x->kind == NULL ||
		    g->rows[r].heading || form_row_role(f, &g->rows[r], x->kind) != ROW_ROLE_NONE))
			x->grows[x->ngrows++] = (int)r;
	/* a heading over none of this unit's rows says nothing to it; one over
	 * a sub-heading of its rows ("II" over "II.1") is their ancestor: kept */
	for (int r = x->ngrows - 1; r >= 0; r--) {
		int level, k;
		if (!g->rows[x->grows[r]].heading)
			continue;
		level = row_level(g->rows[x->grows[r]].id);
		for (k = r + 1; k < x->ngrows && g->rows[x->grows[k]].heading &&
		    row_level(g->rows[x->grows[k]].id) > level; k++)
			;
		if (k == x->ngrows || g->rows[x->grows[k]].heading) {
			memmove(&x->grows[r], &x->grows[r + 1],
			    (size_t)(x->ngrows - r - 1) * sizeof *x->grows);
			x->ngrows--;
		}
	}
	if (x->gr >= x->ngrows)
		x->gr = x->ngrows ? x->ngrows - 1 : 0;
	if (x->gc >= x->ngcols)
		x->gc = x->ngcols ? x->ngcols - 1 : 0;
}

static void
grid_open(struct fscreen *x, int grid)
{
	x->grid = grid;
	x->in_grid = 1;
	x->gr = x->gc = x->gtop = x->gleft = 0;
	grid_layout(x);
	x->mode = F_GRID;
	set_msg(x, 0, NULL);
}

static void
grid_draw(struct fscreen *x)
{
	const struct form *f = x->f;
	const struct form_field *g = &f->fields[x->grid];
	int y0 = 3, rows = LINES - 6 - ROWINFO_LINES, ncols = (COLS - GRID_FIRST - 1) / GRID_CELL;
	char buf[512], vb[256];
	struct period p;
	struct rowinfo ri = { f, x->s, x->grid, -1, -1, x->kind, &p, &x->set.cal, x->event_days,
			      moment_from_unix(store_now()) / MINUTES_PER_DAY };

	if (!period_parse(f->reports[x->report].rule.kind, x->period, &p))
		memset(&p, 0, sizeof p);

	if (ncols < 1)
		ncols = 1;
	if (x->gr < x->gtop)
		x->gtop = x->gr;
	if (x->gr >= x->gtop + rows)
		x->gtop = x->gr - rows + 1;
	if (x->gc < x->gleft)
		x->gleft = x->gc;
	if (x->gc >= x->gleft + ncols)
		x->gleft = x->gc - ncols + 1;
	ui_text(2, 0, A_BOLD, g->label ? g->label : g->name);
	/* column heads */
	ui_text(y0, 0, A_UNDERLINE, ui_pad(buf, sizeof buf, TR("STT. Nhiệm vụ", "No. Task"),
	    GRID_FIRST));
	for (int c = x->gleft; c < x->ngcols && c < x->gleft + ncols; c++) {
		const struct form_field *cd = &f->fields[x->gcols[c]];
		ui_text(y0, GRID_FIRST + (c - x->gleft) * GRID_CELL, A_UNDERLINE,
		    ui_pad(buf, sizeof buf, cd->label ? cd->label : cd->name, GRID_CELL));
	}
	if (x->gleft > 0)
		ui_text(y0, GRID_FIRST - 2, A_BOLD, "‹");
	if (x->gleft + ncols < x->ngcols)
		ui_text(y0, COLS - 1, A_BOLD, "›");
	for (int r = x->gtop; r < x->ngrows && r < x->gtop + rows; r++) {
		int row = x->grows[r], y = y0 + 1 + (r - x->gtop);
		snprintf(vb, sizeof vb, "%s%s. %s", rowinfo_overdue(&ri, row) ? "!" : "",
		    g->rows[row].id, g->rows[row].label);
		if (g->rows[row].heading) {	/* a section: no cells */
			ui_cut(vb, COLS - 1);
			ui_text(y, 0, A_BOLD | (r == x->gr ? A_REVERSE : 0), vb);
			continue;
		}
		ui_cut(vb, GRID_FIRST - 1);
		ui_text(y, 0, r == x->gr ? A_BOLD : 0, vb);
		for (int c = x->gleft; c < x->ngcols && c < x->gleft + ncols; c++) {
			int fi = x->gcols[c], sel = r == x->gr && c == x->gc;
			int err = has_issue(x, fi, row, SUB_ERROR), warn = has_issue(x, fi, row, SUB_WARNING);
			const char *v;
			if (!sub_relevant(x->s, fi, row))
				v = "—";
			else {
				v = value_text(x, fi, row, vb, sizeof vb);
				if (!*v)
					v = "…";
			}
			snprintf(buf, sizeof buf, "%s%s", err ? "!" : warn ? "?" : "", v);
			/* GRID_CELL - 1 wide, so the chosen cell's bar stops
			 * short of the next one */
			ui_pad(vb, sizeof vb, buf, GRID_CELL);
			vb[strlen(vb) - 1] = '\0';
			ui_text(y, GRID_FIRST + (c - x->gleft) * GRID_CELL, sel ? A_REVERSE : 0, vb);
		}
	}
	/* the current cell in full: its column, its row, and what the plan says */
	if (x->ngrows && x->ngcols) {
		ri.row = x->grows[x->gr];
		ri.column = x->gcols[x->gc];
		rowinfo_draw(LINES - 2 - ROWINFO_LINES, &ri);
	}
	if (x->mode == F_EDIT) {
		ui_text(LINES - 2, 0, A_BOLD, TR("Giá trị:", "Value:"));
		line_draw(&x->edit, LINES - 2, 10, COLS - 12, 1);
		curs_set(1);
	} else if (x->msg != NULL) {
		ui_status(x->msg, x->msg_err);
	}
}

static void
form_draw(struct screen *s)
{
	struct fscreen *x = s->data;
	char right[128];

	snprintf(right, sizeof right, "%s %s — %s", TR("kỳ", "period"), x->period,
	    x->status == NULL ? TR("chưa làm", "not started") : strcmp(x->status, "draft") == 0 ?
	    TR("nháp, tự lưu", "draft, saved as you go") : x->readonly ? TR("đã hoàn tất", "final")
	    : TR("đang sửa lại", "being revised"));
	ui_title(x->f->title, right);
	if (x->mode == F_REVIEW || x->mode == F_REASON) {
		draw_review(x);
		if (x->mode == F_REVIEW && x->msg != NULL)
			ui_status(x->msg, x->msg_err);
		return;
	}
	if (x->mode == F_LINES) {
		draw_lines(x);
		return;
	}
	if (x->mode == F_RETURN) {
		draw_list(s);
		if (x->msg != NULL)	/* above the reason: why it is still asked */
			ui_text(LINES - 3, 1, x->msg_err ? A_BOLD | A_STANDOUT : A_BOLD, x->msg);
		ui_text(LINES - 2, 0, A_BOLD, TR("Lý do trả lại:", "Reason for returning:"));
		line_draw(&x->edit, LINES - 2, 16, COLS - 18, 1);
		curs_set(1);
		return;
	}
	if (x->in_grid) {
		grid_draw(x);
		if (x->mode == F_CHOOSE)
			draw_choose(x);
		return;
	}
	draw_list(s);
	draw_status_line(x);
	if (x->mode == F_CHOOSE)
		draw_choose(x);
	else if (x->mode == F_EDIT) {
		/* the editor last, so the terminal's cursor is its caret */
		line_draw(&x->edit, x->ey, x->ex, x->ew, 1);
		curs_set(1);
	}
}

/* ---- actions ---- */

static void
check_now(struct fscreen *x)
{
	sub_issues_free(x->issues, x->nissues);
	x->nissues = sub_check(x->s, &x->issues);
}

static void
after_change(struct fscreen *x, struct ui *ui)
{
	save(x, ui, 0);
	build(x);
	check_now(x);
	/* the message at the field: its first error or warning */
	for (size_t i = 0; i < x->nissues; i++)
		if (x->issues[i].field == tgt_field(x) && x->issues[i].row == tgt_row(x) &&
		    !x->issues[i].confirmed) {
			set_msg(x, x->issues[i].severity == SUB_ERROR, xstrdup(x->issues[i].message));
			return;
		}
}

static void
start_edit(struct fscreen *x, const struct ui_input *first)
{
	const struct form_field *fd = cur_field(x);
	const char *v;

	if (fd == NULL || fd->type == FIELD_CALCULATE)
		return;
	if (x->readonly) {
		set_msg(x, 1, xstrdup(x->helps_only ? TR("Đơn vị bạn chỉ phối hợp: không nhập ở "
		    "đây.", "Your unit only helps: nothing to fill here.") : TR("Báo cáo đã hoàn "
		    "tất: F4 để mở lại và sửa.", "This submission is final: F4 reopens it.")));
		return;
	}
	if (fd->type == FIELD_SELECT_ONE || fd->type == FIELD_SELECT_MULTIPLE) {
		const struct form_list *l = &x->f->lists[fd->list];
		const char *cur = sub_get(x->s, tgt_field(x), tgt_row(x));
		x->mode = F_CHOOSE;
		line_clear(&x->edit);
		free(x->picked);
		x->picked = xcalloc(l->nchoices + 1, 1);
		for (size_t i = 0; cur && i < l->nchoices; i++) {
			const char *p = strstr(cur, l->choices[i].value);
			size_t cl = strlen(l->choices[i].value);
			x->picked[i] = p && (p == cur || p[-1] == ' ') && (p[cl] == 0 || p[cl] == ' ');
		}
		free(x->choices);
		x->choices = xcalloc(l->nchoices + 1, sizeof *x->choices);
		x->nchoices = 0;
		for (size_t i = 0; i < l->nchoices; i++)
			x->choices[x->nchoices++] = i;
		x->csel = 0;
		return;
	}
	x->mode = F_EDIT;
	set_msg(x, 0, NULL);
	v = sub_get(x->s, tgt_field(x), tgt_row(x));
	if (first != NULL) {
		line_clear(&x->edit);
		line_key(&x->edit, first);
	} else {
		char vb[64];
		if (fd->type == FIELD_DATE && v && strlen(v) == 10) {
			snprintf(vb, sizeof vb, "%.2s/%.2s/%.4s", v + 8, v + 5, v);
			line_set(&x->edit, vb);
		} else {
			line_set(&x->edit, v ? v : "");
		}
		x->edit.cur = x->edit.len;
	}
}

static int
commit_edit(struct fscreen *x, struct ui *ui)
{
	char *text = line_utf8(&x->edit), *cause = NULL;
	enum err e;

	e = sub_set(x->s, tgt_field(x), tgt_row(x), text ? text : "", &cause);
	free(text);
	if (e != ERR_OK) {
		set_msg(x, 1, cause);
		return 0;
	}
	x->mode = x->in_grid ? F_GRID : F_BROWSE;
	set_msg(x, 0, NULL);
	after_change(x, ui);
	return 1;
}

static void
choose_filter(struct fscreen *x)
{
	const struct form_field *fd = cur_field(x);
	const struct form_list *l = &x->f->lists[fd->list];

	x->nchoices = 0;
	for (size_t i = 0; i < l->nchoices; i++)	/* as shown or as typed */
		if (line_match(&x->edit, l->choices[i].label) ||
		    line_match(&x->edit, l->choices[i].value))
			x->choices[x->nchoices++] = i;
	if (x->csel >= x->nchoices)
		x->csel = x->nchoices ? x->nchoices - 1 : 0;
}

/* Multiple choice: what was typed finds an option (accents ignored, from
 * the lit one on, round to the top) and lights it; nothing is ticked or
 * hidden by typing. A key that makes the search match nothing starts a new
 * search with that key alone. */
static void
choose_find(struct fscreen *x, const struct ui_input *in)
{
	const struct form_list *l = &x->f->lists[cur_field(x)->list];

	for (int again = 0; again < 2; again++) {
		if (!line_key(&x->edit, in))
			return;
		if (x->edit.len == 0)
			return;
		for (size_t k = 0; k < x->nchoices; k++) {
			size_t i = (x->csel + k) % x->nchoices, c = x->choices[i];
			if (line_match(&x->edit, l->choices[c].label) ||
			    line_match(&x->edit, l->choices[c].value)) {
				x->csel = i;
				set_msg(x, 0, NULL);
				return;
			}
		}
		if (again || (in->code && in->key == KEY_BACKSPACE) || (!in->code &&
		    (in->ch == 8 || in->ch == 0x7f)))
			break;
		line_clear(&x->edit);
	}
	set_msg(x, 1, xstrdup(TR("Không có lựa chọn nào khớp.", "No option matches.")));
}

static void
choose_key(struct fscreen *x, struct ui *ui, const struct ui_input *in)
{
	const struct form_field *fd = cur_field(x);
	const struct form_list *l = &x->f->lists[fd->list];
	int multi = fd->type == FIELD_SELECT_MULTIPLE;

	if (!in->code && in->ch == 27) {
		x->mode = x->in_grid ? F_GRID : F_BROWSE;
	} else if (in->code && in->key == KEY_UP) {
		if (x->csel > 0)
			x->csel--;
		if (multi)
			line_clear(&x->edit);
	} else if (in->code && in->key == KEY_DOWN) {
		if (x->csel + 1 < x->nchoices)
			x->csel++;
		if (multi)
			line_clear(&x->edit);
	} else if (multi && !in->code && in->ch == ' ') {
		/* the lit option only; the search starts afresh */
		if (x->nchoices)
			x->picked[x->choices[x->csel]] ^= 1;
		line_clear(&x->edit);
	} else if (multi && !(in->code && in->key == KEY_ENTER) && !(!in->code &&
	    (in->ch == '\r' || in->ch == '\n'))) {
		choose_find(x, in);
	} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'))) {
		char buf[2048] = "";
		size_t len = 0;
		char *cause = NULL;
		if (!multi && x->nchoices == 0) {
			/* a filter that matches nothing picks nothing: the
			 * stored value stays (issue 15) */
			set_msg(x, 1, xstrdup(TR("Không có lựa chọn nào khớp; giá trị cũ giữ nguyên.",
			    "No option matches; the value is kept.")));
			return;
		}
		if (multi) {
			for (size_t i = 0; i < l->nchoices; i++)
				if (x->picked[i])
					len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? " " :
					    "", l->choices[i].value);
		} else if (x->nchoices) {
			snprintf(buf, sizeof buf, "%s", l->choices[x->choices[x->csel]].value);
		}
		if (sub_set(x->s, tgt_field(x), tgt_row(x), buf, &cause) ==
		    ERR_OK) {
			x->mode = x->in_grid ? F_GRID : F_BROWSE;
			after_change(x, ui);
		} else {
			set_msg(x, 1, cause);
		}
	} else {
		line_key(&x->edit, in);
		choose_filter(x);
	}
}

static void
review_open(struct fscreen *x)
{
	check_now(x);
	x->mode = F_REVIEW;
	x->rsel = 0;
	set_msg(x, 0, NULL);
}

static void
finalise(struct fscreen *x, struct ui *ui)
{
	size_t errors, unconfirmed;

	check_now(x);
	sub_count(x->issues, x->nissues, &errors, &unconfirmed);
	if (x->readonly) {
		set_msg(x, 0, xstrdup(x->helps_only ? TR("Đơn vị bạn chỉ phối hợp: không hoàn tất "
		    "ở đây.", "Your unit only helps: nothing to finalise here.") :
		    TR("Báo cáo đã hoàn tất.", "Already final.")));
		x->mode = F_BROWSE;
		return;
	}
	if (errors || unconfirmed) {
		set_msg(x, 1, xasprintf(TR("Chưa hoàn tất được: còn %zu lỗi, %zu cảnh báo chưa có lý "
		    "do.", "Cannot finalise: %zu errors, %zu warnings without a reason."), errors,
		    unconfirmed));
		ui_status(x->msg, 1);
		return;
	}
	save(x, ui, 1);
	x->mode = F_BROWSE;
}

static void
jump_to(struct fscreen *x, int field, int row)
{
	int k0 = x->f->fields[field].container;

	if (k0 >= 0 && x->f->fields[k0].type == FIELD_GRID) {
		grid_open(x, k0);
		for (int c = 0; c < x->ngcols; c++)
			if (x->gcols[c] == field)
				x->gc = c;
		for (int r = 0; r < x->ngrows; r++)
			if (x->grows[r] == row)
				x->gr = r;
		return;
	}
	for (size_t k = 0; k < x->nitems; k++)
		if (x->items[k].kind == I_FIELD && x->items[k].field == field && x->items[k].row == row)
			x->cur = k;
}

static void
review_key(struct fscreen *x, struct ui *ui, const struct ui_input *in)
{
	if (x->mode == F_REASON) {
		if (!in->code && in->ch == 27) {
			x->mode = F_REVIEW;
		} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
		    in->ch == '\n'))) {
			const struct sub_issue *is = &x->issues[x->rsel];
			char *text = line_utf8(&x->edit);
			sub_set_reason(x->s, is->field, is->row, is->warn, text);
			free(text);
			save(x, ui, 0);
			check_now(x);
			x->mode = F_REVIEW;
		} else {
			line_key(&x->edit, in);
		}
		return;
	}
	if (!in->code && in->ch == 27) {
		x->mode = F_BROWSE;
	} else if (in->code && in->key == KEY_UP) {
		if (x->rsel > 0)
			x->rsel--;
	} else if (in->code && in->key == KEY_DOWN) {
		if (x->rsel + 1 < x->nissues)
			x->rsel++;
	} else if ((in->code && in->key == KEY_F(9)) || ui_is_ctrl(in, 'R')) {
		finalise(x, ui);
	} else if (x->nissues && ((in->code && in->key == KEY_ENTER) || (!in->code &&
	    (in->ch == '\r' || in->ch == '\n')))) {
		const struct sub_issue *is = &x->issues[x->rsel];
		if (is->severity == SUB_WARNING && !x->readonly) {
			const char *r = sub_reason(x->s, is->field, is->row, is->warn);
			line_set(&x->edit, r ? r : "");
			x->mode = F_REASON;
		} else {
			x->mode = F_BROWSE;
			jump_to(x, is->field, is->row);
			set_msg(x, is->severity == SUB_ERROR, xstrdup(is->message));
		}
	}
}

/* The repeat whose rows F7 adds to: the one at or below the cursor, else
 * the nearest above; -1 if the form has none on screen. */
static int
repeat_of(const struct fscreen *x, size_t k)
{
	int c = x->items[k].kind == I_FIELD ? x->f->fields[x->items[k].field].container :
	    x->items[k].field;
	return c >= 0 && x->f->fields[c].type == FIELD_REPEAT ? c : -1;
}

static int
repeat_near(const struct fscreen *x)
{
	for (size_t k = x->cur; k < x->nitems; k++)
		if (repeat_of(x, k) >= 0)
			return repeat_of(x, k);
	for (size_t k = x->cur; k-- > 0; )
		if (repeat_of(x, k) >= 0)
			return repeat_of(x, k);
	return -1;
}

/* Quitting (F10, Ctrl-Q) keeps what is being typed: a value being edited
 * is committed as Enter would, a reason for a warning saved, ticks in a
 * multiple choice kept. A value that cannot be taken is asked about: 1 if
 * the interface may quit. */
static int
form_may_quit(struct fscreen *x, struct ui *ui)
{
	if (x->mode == F_EDIT && !commit_edit(x, ui)) {
		char *q = xasprintf(TR("%s Thoát và bỏ giá trị đang gõ? (c: có, k: không)",
		    "%s Quit and drop the value being typed? (y: yes, n: no)"),
		    x->msg ? x->msg : "");
		int yes = ui_confirm(ui, q);
		free(q);
		return yes;
	}
	if (x->mode == F_REASON) {
		const struct sub_issue *is = &x->issues[x->rsel];
		char *text = line_utf8(&x->edit);
		sub_set_reason(x->s, is->field, is->row, is->warn, text);
		free(text);
		save(x, ui, 0);
	}
	if (x->mode == F_CHOOSE && cur_field(x)->type == FIELD_SELECT_MULTIPLE) {
		static const struct ui_input enter = { 0, 0, '\r' };
		choose_key(x, ui, &enter);
		if (x->mode == F_CHOOSE)	/* refused: its message is shown */
			return ui_confirm(ui, TR("Không lưu được lựa chọn. Vẫn thoát? (c: có, k: "
			    "không)", "The choice cannot be saved. Quit anyway? (y: yes, "
			    "n: no)"));
	}
	return 1;
}

static void
form_key(struct screen *s, const struct ui_input *in)
{
	struct fscreen *x = s->data;
	struct ui *ui = s->ui;
	int enter = (in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'));

	if (ui_is_quit(in)) {
		if (form_may_quit(x, ui))
			ui->quit = 1;
		return;
	}
	if (x->mode == F_REVIEW || x->mode == F_REASON) {
		review_key(x, ui, in);
		return;
	}
	if (x->mode == F_CHOOSE) {
		choose_key(x, ui, in);
		return;
	}
	if (x->mode == F_GRID) {
		if (!in->code && in->ch == 27) {
			x->in_grid = 0;
			x->mode = F_BROWSE;
			set_msg(x, 0, NULL);
		} else if (in->code && in->key == KEY_UP && x->gr > 0) {
			x->gr--;
		} else if (in->code && in->key == KEY_DOWN && x->gr + 1 < x->ngrows) {
			x->gr++;
		} else if (((in->code && in->key == KEY_LEFT) || (in->code && in->key == KEY_BTAB)) &&
		    x->gc > 0) {
			x->gc--;
		} else if (((in->code && in->key == KEY_RIGHT) || (!in->code && in->ch == '\t')) &&
		    x->gc + 1 < x->ngcols) {
			x->gc++;
		} else if (in->code && in->key == KEY_NPAGE) {
			x->gr = x->gr + 10 < x->ngrows ? x->gr + 10 : (x->ngrows ? x->ngrows - 1 : 0);
		} else if (in->code && in->key == KEY_PPAGE) {
			x->gr = x->gr > 10 ? x->gr - 10 : 0;
		} else if (in->code && in->key == KEY_HOME) {
			x->gc = 0;
		} else if (in->code && in->key == KEY_END) {
			x->gc = x->ngcols ? x->ngcols - 1 : 0;
		} else if ((in->code && in->key == KEY_F(9)) || ui_is_ctrl(in, 'R')) {
			x->in_grid = 0;
			review_open(x);
		} else if ((in->code && in->key == KEY_F(2)) || ui_is_ctrl(in, 'L')) {
			if (!x->readonly && sub_copy_previous(x->s, tgt_field(x)))
				after_change(x, ui);
		} else if (x->ngrows && x->ngcols && sub_relevant(x->s, tgt_field(x), tgt_row(x))) {
			set_msg(x, 0, NULL);
			if (enter)
				start_edit(x, NULL);
			else if (!in->code && in->ch >= 0x20 && in->ch != 0x7f) {
				const struct form_field *fd = cur_field(x);
				start_edit(x, fd->type == FIELD_SELECT_ONE || fd->type ==
				    FIELD_SELECT_MULTIPLE ? NULL : in);
				if (x->mode == F_CHOOSE && in->ch != ' ')
					choose_key(x, ui, in);	/* the letter filters or finds */
			}
		} else if (enter && x->helps_only) {
			set_msg(x, 1, xstrdup(TR("Đơn vị bạn chỉ phối hợp: không nhập ở đây.",
			    "Your unit only helps: nothing to fill here.")));
		} else if (enter) {
			set_msg(x, 0, xstrdup(TR("Ô này không cần nhập với tình trạng hiện tại.",
			    "This cell is not asked for in the current state.")));
		}
		return;
	}
	if (x->mode == F_EDIT) {
		if (!in->code && in->ch == 27) {
			x->mode = x->in_grid ? F_GRID : F_BROWSE;
			set_msg(x, 0, NULL);
		} else if (enter || (!in->code && in->ch == '\t') || (in->code && (in->key ==
		    KEY_DOWN || in->key == KEY_UP || in->key == KEY_BTAB))) {
			if (commit_edit(x, ui) && !x->in_grid) {
				if (in->code && (in->key == KEY_UP || in->key == KEY_BTAB))
					go(x, -1);
				else
					go(x, 1);
			}
		} else {
			line_key(&x->edit, in);
		}
		return;
	}
	set_msg(x, 0, NULL);
	if (!in->code && in->ch == 27) {
		ui_replace(ui, &screen_home_ops, screen_home_new(ui));
	} else if (enter && x->nitems && x->items[x->cur].kind == I_GRID) {
		grid_open(x, x->items[x->cur].field);
	} else if (enter) {
		start_edit(x, NULL);
	} else if ((in->code && (in->key == KEY_DOWN)) || (!in->code && in->ch == '\t')) {
		go(x, 1);
	} else if (in->code && (in->key == KEY_UP || in->key == KEY_BTAB)) {
		go(x, -1);
	} else if (in->code && in->key == KEY_NPAGE) {
		for (int i = 0; i < LINES - 6; i++)
			go(x, 1);
	} else if (in->code && in->key == KEY_PPAGE) {
		for (int i = 0; i < LINES - 6; i++)
			go(x, -1);
	} else if ((in->code && in->key == KEY_F(9)) || ui_is_ctrl(in, 'R')) {
		review_open(x);
	} else if ((in->code && in->key == KEY_F(2)) || ui_is_ctrl(in, 'L')) {
		if (x->readonly || cur_field(x) == NULL)
			return;
		if (sub_copy_previous(x->s, tgt_field(x)))
			after_change(x, ui);
		else
			set_msg(x, 0, xstrdup(TR("Kỳ trước không có giá trị này.",
			    "No value for this in the last period.")));
	} else if ((in->code && in->key == KEY_F(4)) || ui_is_ctrl(in, 'O')) {
		if (x->readonly && !x->helps_only) {
			x->readonly = 0;
			set_msg(x, 0, xstrdup(TR("Đã mở lại: lần lưu tới là một lần sửa mới.",
			    "Reopened: the next save is a new revision.")));
		}
	} else if ((in->code && in->key == KEY_F(6)) || ui_is_ctrl(in, 'Y')) {
		void *h = x->status == NULL ? NULL : screen_history_new(ui,
		    x->f->reports[x->report].form_id, x->unit, x->period, x->office);
		if (h != NULL)
			ui_push(ui, &screen_history_ops, h);
		else
			set_msg(x, 0, xstrdup(TR("Chưa lưu lần nào: chưa có lịch sử.",
			    "Never saved: no revisions yet.")));
	} else if ((in->code && in->key == KEY_F(7)) || ui_is_ctrl(in, 'N')) {
		/* add a row to the repeat the cursor is in, else the next one
		 * below, else the nearest one above */
		int c = x->readonly ? -1 : repeat_near(x);
		if (c >= 0) {
			int r = sub_add_row(x->s, c);
			if (r >= 0) {
				after_change(x, ui);
				for (size_t q = 0; q < x->f->nfields; q++)
					if (x->f->fields[q].container == c) {
						jump_to(x, (int)q, r);
						break;
					}
			}
		}
	} else if ((in->code && in->key == KEY_F(8)) || ui_is_ctrl(in, 'D')) {
		const struct form_field *fd = cur_field(x);
		if (!x->readonly && fd && fd->container >= 0 &&
		    x->f->fields[fd->container].type == FIELD_REPEAT) {
			/* asked, naming the row: its values go with it */
			const struct form_field *rp = &x->f->fields[fd->container];
			int row = x->items[x->cur].row;
			char *q = xasprintf(TR("Xoá dòng %d của \"%s\" cùng mọi giá trị của dòng? (c: có, "
			    "k: không)", "Delete row %d of \"%s\" with all its values? (y: yes, "
			    "n: no)"), row + 1, rp->label ? rp->label : rp->name);
			if (ui_confirm(ui, q)) {
				sub_del_row(x->s, fd->container, row);
				after_change(x, ui);
				set_msg(x, 0, xasprintf(TR("Đã xoá dòng %d.", "Row %d deleted."), row + 1));
			} else {
				set_msg(x, 0, xstrdup(TR("Không xoá.", "Not deleted.")));
			}
			free(q);
		}
	} else if (!in->code && in->ch >= 0x20 && in->ch != 0x7f) {
		/* typing starts editing, with what was typed */
		const struct form_field *fd = cur_field(x);
		if (fd && fd->type != FIELD_SELECT_ONE && fd->type != FIELD_SELECT_MULTIPLE) {
			start_edit(x, in);
		} else {
			/* a choice list opens with the letter already filtering
			 * (one choice) or finding (several); a space ticks nothing */
			start_edit(x, NULL);
			if (x->mode == F_CHOOSE && in->ch != ' ')
				choose_key(x, ui, in);
		}
	}
}

void
screen_form_cursor(const struct screen *s, struct form_cursor *c)
{
	const struct fscreen *x = s->data;
	static const char modes[] = { [F_BROWSE] = 'b', [F_EDIT] = 'e', [F_CHOOSE] = 'c',
	    [F_REVIEW] = 'r', [F_REASON] = 'w', [F_GRID] = 'g', [F_RETURN] = 'o',
	    [F_LINES] = 'o' };

	memset(c, 0, sizeof *c);
	c->mode = modes[x->mode];
	c->item = x->cur;
	c->field = tgt_field(x);
	c->row = tgt_row(x);
	c->on_grid = !x->in_grid && x->nitems && x->items[x->cur].kind == I_GRID;
	c->relevant = c->field >= 0 && sub_relevant(x->s, c->field, c->row);
	if (x->in_grid) {
		c->gr = x->gr;
		c->gc = x->gc;
		c->ngrows = x->ngrows;
		c->ngcols = x->ngcols;
	}
	c->nissues = x->nissues;
	c->msg = x->msg;
	c->status = x->status;
}

static void
fscreen_free(struct screen *s)
{
	struct fscreen *x = s->data;

	sub_free(x->s);
	form_set_free(&x->set);
	free(x->items);
	line_free(&x->edit);
	free(x->msg);
	free(x->choices);
	free(x->picked);
	sub_issues_free(x->issues, x->nissues);
	free(x->gcols);
	free(x->grows);
	lines_free(x);
	free(x->status);
	free(x->returned);
	free(x->unit);
	free(x->kind);
	free(x->event_days);
	free(x);
}

const struct screen_ops screen_form_ops = {
	"form", form_keys, form_draw, form_key, fscreen_free,
};

/* ---- the office reviewing ---- */

static const struct ui_key review_keys[] = {
	{ "F5", "Duyệt", "Approve", 1 },
	{ "F6", "Trả lại (ghi lý do)", "Return (with a reason)", 1 },
	{ "F7", "Lịch sử sửa", "Revisions", 1 },
	{ "F8", "Nhật ký", "Audit trail", 1 },
	{ "Esc", "Về hộp thư", "Back to the inbox", 1 },
	{ "F9 / Ctrl-R", "Lỗi và cảnh báo, với lý do của đơn vị", "Errors and warnings, with "
	    "the unit's reasons", 0 },
	{ "Enter (bảng)", "Xem bảng nhiệm vụ", "Open a task table", 0 },
	{ "Ctrl-A / Ctrl-B", "Duyệt / trả lại (như F5 / F6)", "Approve / return (as F5 / F6)", 0 },
	{ "Ctrl-Y", "Các lần sửa: danh sách, giá trị từng lần (chỉ xem)",
	    "Revisions: the list, each one's values (view only)", 0 },
	{ "F1", "Trợ giúp", "Help", 0 },
	{ "F10", "Thoát", "Quit", 0 },
	{ NULL, NULL, NULL, 0 },
};

static void
lines_free(struct fscreen *x)
{
	for (size_t i = 0; i < x->nlines; i++)
		free(x->lines[i]);
	free(x->lines);
	x->lines = NULL;
	x->nlines = 0;
}

static void
line_add(struct fscreen *x, char *l)
{
	x->lines = xreallocarray(x->lines, x->nlines + 1, sizeof *x->lines);
	x->lines[x->nlines++] = l;
}

/* Every revision, with what changed since the one before. */
static void
show_history(struct fscreen *x, struct ui *ui)
{
	struct store_revision *rv;
	size_t n;
	char *cause = NULL, when[20];
	json_t *prev = NULL;

	lines_free(x);
	if (store_sub_revisions(ui->st, x->f->reports[x->report].form_id, x->unit, x->period, &rv,
	    &n, &cause) != ERR_OK) {
		set_msg(x, 1, cause);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *root = json_loads(rv[i].data, 0, NULL), *vals = json_object_get(root, "values");
		const char *k;
		json_t *v;
		int changed = 0;

		moment_format(moment_from_unix(rv[i].src_created ? rv[i].src_created : rv[i].created),
		    when, sizeof when);
		if (rv[i].src_rev)
			line_add(x, xasprintf(TR("Lần %d  %s  thiết bị %s (lần sửa %d của máy)",
			    "Revision %d  %s  device %s (its revision %d)"), rv[i].rev, when,
			    rv[i].device, rv[i].src_rev));
		else
			line_add(x, xasprintf(TR("Lần %d  %s  %s", "Revision %d  %s  %s"), rv[i].rev,
			    when, rv[i].device));
		json_object_foreach(vals, k, v) {
			json_t *pv = prev ? json_object_get(prev, k) : NULL;
			int fi = form_field_index(x->f, k);
			if (pv != NULL && json_equal(pv, v))
				continue;
			if (changed++ < 8)
				line_add(x, xasprintf("    %s: %s → %s", fi >= 0 && x->f->fields[fi].label ?
				    x->f->fields[fi].label : k, pv ? json_string_value(pv) : "—",
				    json_string_value(v)));
		}
		if (changed > 8)
			line_add(x, xasprintf(TR("    … và %d thay đổi khác", "    … and %d more changes"),
			    changed - 8));
		json_decref(prev);
		prev = json_incref(vals);
		json_decref(root);
	}
	json_decref(prev);
	store_revision_free(rv, n);
	x->mode = F_LINES;
}

static void
show_audit(struct fscreen *x, struct ui *ui)
{
	struct store_audit_row *rows;
	size_t n;
	char *cause = NULL, *object = xasprintf("%s/%s/%s", x->f->reports[x->report].form_id,
	    x->unit, x->period), when[20];

	lines_free(x);
	if (store_audit_list(ui->st, object, &rows, &n, &cause) != ERR_OK) {
		set_msg(x, 1, cause);
		free(object);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char act[64], *detail = audit_text_detail(rows[i].detail);
		moment_format(moment_from_unix(rows[i].at), when, sizeof when);
		line_add(x, xasprintf("%s  %s %s  %s", when, ui_pad(act, sizeof act,
		    audit_text_action(rows[i].action), 12), rows[i].installation, detail));
		free(detail);
	}
	if (n == 0)
		line_add(x, xstrdup(TR("(chưa có)", "(none)")));
	store_audit_free(rows, n);
	free(object);
	x->mode = F_LINES;
}

static void
draw_lines(struct fscreen *x)
{
	for (int r = 2; r < LINES - 1; r++)
		mvhline(r, 0, ' ', COLS);
	for (size_t i = 0; i < x->nlines && (int)i < LINES - 5; i++)
		ui_text(3 + (int)i, 2, i == 0 || x->lines[i][0] != ' ' ? A_BOLD : 0, x->lines[i]);
	ui_status(TR("Esc: đóng", "Esc: close"), 0);
}

static void
office_key(struct screen *s, const struct ui_input *in)
{
	struct fscreen *x = s->data;
	struct ui *ui = s->ui;
	char *cause = NULL;
	enum err e;

	if (ui_is_quit(in) && x->mode == F_RETURN && x->edit.len > 0 &&
	    !ui_confirm(ui, TR("Lý do trả lại chưa lưu: thoát và bỏ nó? (c: có, k: không)",
	    "The reason for returning is not saved: quit and drop it? (y: yes, n: no)")))
		return;
	if (ui_is_quit(in)) {
		ui->quit = 1;
		return;
	}
	if (x->mode == F_LINES) {
		if (!in->code && in->ch == 27) {
			lines_free(x);
			x->mode = F_BROWSE;
		}
		return;
	}
	if (x->mode == F_RETURN) {
		if (!in->code && in->ch == 27) {
			x->mode = F_BROWSE;
		} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
		    in->ch == '\n'))) {
			char *why = line_utf8(&x->edit), *q = NULL;
			if (why == NULL || *why == '\0') {
				set_msg(x, 1, xstrdup(TR("Ghi lý do để đơn vị biết phải sửa gì.",
				    "Give a reason, so the unit knows what to fix.")));
			} else if (!ui_confirm(ui, q = xasprintf(TR("Trả lại %s kỳ %s của %s? (c: có, "
			    "k: không)", "Return %s for %s of %s? (y: yes, n: no)"),
			    x->f->reports[x->report].form_id, x->period, x->unit))) {
				/* the reason stays typed: Enter asks again, Esc drops it */
				set_msg(x, 0, xstrdup(TR("Chưa trả lại. Enter: hỏi lại; Esc: bỏ.",
				    "Not returned. Enter: ask again; Esc: drop it.")));
			} else {
				e = store_sub_review(ui->st, x->f->reports[x->report].form_id, x->unit,
				    x->period, "returned", why, &cause);
				set_msg(x, e != ERR_OK, e != ERR_OK ? cause : xstrdup(TR("Đã trả lại; đơn vị "
				    "nhận lý do trong gói tới.", "Returned; the unit gets the reason in the "
				    "next pack.")));
				if (e == ERR_OK) {
					free(x->status);
					x->status = xstrdup("returned");
				}
				x->mode = F_BROWSE;
			}
			free(q);
			free(why);
		} else {
			line_key(&x->edit, in);
		}
		return;
	}
	if (x->mode == F_BROWSE && !in->code && in->ch == 27) {
		/* back to the screen that opened the review, else the inbox */
		if (ui->depth > 1)
			ui_pop(ui);
		else
			ui_replace(ui, &screen_inbox_ops, screen_inbox_new(ui));
		return;
	}
	/* what the office decides, from the form or from its F9 list of
	 * errors and warnings alike */
	int deciding = x->mode == F_BROWSE || x->mode == F_REVIEW;
	if (deciding && ((in->code && in->key == KEY_F(5)) || ui_is_ctrl(in, 'A'))) {
		e = store_sub_review(ui->st, x->f->reports[x->report].form_id, x->unit, x->period,
		    "approved", NULL, &cause);
		set_msg(x, e != ERR_OK, e != ERR_OK ? cause : xstrdup(TR("Đã duyệt.", "Approved.")));
		if (e == ERR_OK) {
			free(x->status);
			x->status = xstrdup("approved");
		}
		return;
	}
	if (deciding && ((in->code && in->key == KEY_F(6)) || ui_is_ctrl(in, 'B'))) {
		line_clear(&x->edit);
		x->mode = F_RETURN;
		return;
	}
	if (deciding && in->code && in->key == KEY_F(7)) {
		show_history(x, ui);
		return;
	}
	if (deciding && in->code && in->key == KEY_F(8)) {
		show_audit(x, ui);
		return;
	}
	if ((in->code && in->key == KEY_F(4)) || ui_is_ctrl(in, 'O'))
		return;	/* the office does not edit a unit's figures */
	form_key(s, in);
}

const struct screen_ops screen_review_ops = {
	"review", review_keys, form_draw, office_key, fscreen_free,
};

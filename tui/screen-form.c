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
 * (select lists, with type-to-filter) -> browsing; browsing -> a task table
 * -> browsing; browsing -> review (its own mode, pushed: every error and
 * warning, jump to its field, give a reason for a warning, finalise) ->
 * browsing. Each step has its key table (form_table); typing a value or
 * choosing takes every key (form_grab). The files of the screen are listed
 * in screen-form-int.h.
 */
#include "screen-form-int.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
form_msg(struct fscreen *x, int err, char *msg)
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

void
form_build(struct fscreen *x)
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
int
tgt_field(const struct fscreen *x)
{
	if (x->in_grid)
		return x->ngcols && x->ngrows ? x->gcols[x->gc] : -1;
	if (x->nitems == 0 || x->items[x->cur].kind != I_FIELD)
		return -1;
	return x->items[x->cur].field;
}

int
tgt_row(const struct fscreen *x)
{
	if (x->in_grid)
		return x->ngrows ? x->grows[x->gr] : -1;
	return x->nitems ? x->items[x->cur].row : -1;
}

const struct form_field *
cur_field(const struct fscreen *x)
{
	int f = tgt_field(x);
	return f < 0 ? NULL : &x->f->fields[f];
}

void
form_go(struct fscreen *x, int dir)
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

/* After a value is entered (Enter, Tab, a choice made): on to the next
 * item that asks for one, over calculations and notes, which take no
 * typing; at the end of the form the cursor stays on the last item. */
void
form_go_input(struct fscreen *x, int dir)
{
	for (;;) {
		size_t k = x->cur;
		const struct form_field *fd;
		form_go(x, dir);
		if (x->cur == k || x->items[x->cur].kind != I_FIELD)
			return;
		fd = &x->f->fields[x->items[x->cur].field];
		if (fd->type != FIELD_CALCULATE && fd->type != FIELD_NOTE)
			return;
	}
}

/* ---- saving ---- */

void
form_save(struct fscreen *x, struct ui *ui, int final)
{
	char *json = sub_to_json(x->s), *cause = NULL;
	int rev;
	enum err e = store_sub_autosave(ui->st, x->f->reports[x->report].form_id, x->unit,
	    x->period, x->f->version, json, final, &x->session, &rev, &cause);

	free(json);
	if (e != ERR_OK) {
		form_msg(x, 1, xasprintf(TR("Không lưu được: %s", "Not saved: %s"), cause));
		free(cause);
		return;
	}
	x->rev = rev;
	free(x->status);
	x->status = xstrdup(final ? "final" : "draft");
	if (final) {
		x->readonly = 1;
		form_msg(x, 0, xasprintf(TR("Đã hoàn tất (lần sửa %d). Gửi văn phòng bằng F5 ở màn hình "
		    "chính.", "Finalised (revision %d). Send it with F5 on the home screen."), rev));
	}
}

/* ---- actions ---- */

void
check_now(struct fscreen *x)
{
	sub_issues_free(x->issues, x->nissues);
	x->nissues = sub_check(x->s, &x->issues);
}

void
after_change(struct fscreen *x, struct ui *ui)
{
	form_save(x, ui, 0);
	form_build(x);
	check_now(x);
	/* the message at the field: its first error or warning */
	for (size_t i = 0; i < x->nissues; i++)
		if (x->issues[i].field == tgt_field(x) && x->issues[i].row == tgt_row(x) &&
		    !x->issues[i].confirmed) {
			form_msg(x, x->issues[i].severity == SUB_ERROR, xstrdup(x->issues[i].message));
			return;
		}
}

void
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
		form_save(x, ui, 0);
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

/* ---- browsing: the key table and its actions ---- */

static void
form_back(struct screen *s)
{
	form_msg(s->data, 0, NULL);
	ui_pop(s->ui);
}

static void
form_enter(struct screen *s)
{
	struct fscreen *x = s->data;

	form_msg(x, 0, NULL);
	if (x->nitems && x->items[x->cur].kind == I_GRID)
		grid_open(x, x->items[x->cur].field);
	else
		start_edit(x, NULL);
}

static void
form_review(struct screen *s)
{
	form_msg(s->data, 0, NULL);
	review_open(s);
}

static void
form_copy_last(struct screen *s)
{
	struct fscreen *x = s->data;

	form_msg(x, 0, NULL);
	if (x->readonly || cur_field(x) == NULL)
		return;
	if (sub_copy_previous(x->s, tgt_field(x)))
		after_change(x, s->ui);
	else
		form_msg(x, 0, xstrdup(TR("Kỳ trước không có giá trị này.",
		    "No value for this in the last period.")));
}

static void
form_reopen(struct screen *s)
{
	struct fscreen *x = s->data;

	form_msg(x, 0, NULL);
	if (x->readonly && !x->helps_only) {
		x->readonly = 0;
		form_msg(x, 0, xstrdup(TR("Đã mở lại: lần lưu tới là một lần sửa mới.",
		    "Reopened: the next save is a new revision.")));
	}
}

static void
form_history(struct screen *s)
{
	struct fscreen *x = s->data;
	struct ui *ui = s->ui;

	form_msg(x, 0, NULL);
	if (x->status == NULL)
		form_msg(x, 0, xstrdup(TR("Chưa lưu lần nào: chưa có lịch sử.",
		    "Never saved: no revisions yet.")));
	else
		ui_push(ui, &screen_history_ops, screen_history_new(ui,
		    x->f->reports[x->report].form_id, x->unit, x->period, x->office));
}

/* Add a row to the repeat the cursor is in, else the next one below, else
 * the nearest one above. */
static void
form_add_row(struct screen *s)
{
	struct fscreen *x = s->data;
	int c = x->readonly ? -1 : repeat_near(x);

	form_msg(x, 0, NULL);
	if (c >= 0) {
		int r = sub_add_row(x->s, c);
		if (r >= 0) {
			after_change(x, s->ui);
			for (size_t q = 0; q < x->f->nfields; q++)
				if (x->f->fields[q].container == c) {
					jump_to(x, (int)q, r);
					break;
				}
		}
	}
}

/* Delete the row of a repeat, asked, naming the row: its values go with
 * it. */
static void
form_del_row(struct screen *s)
{
	struct fscreen *x = s->data;
	const struct form_field *fd = cur_field(x);
	const struct form_field *rp;
	int row;
	char *q;

	form_msg(x, 0, NULL);
	if (x->readonly || fd == NULL || fd->container < 0 ||
	    x->f->fields[fd->container].type != FIELD_REPEAT)
		return;
	rp = &x->f->fields[fd->container];
	row = x->items[x->cur].row;
	q = xasprintf(TR("Xoá dòng %d của \"%s\" cùng mọi giá trị của dòng? (c: có, k: không)",
	    "Delete row %d of \"%s\" with all its values? (y: yes, n: no)"), row + 1,
	    rp->label ? rp->label : rp->name);
	if (ui_confirm(s->ui, q)) {
		sub_del_row(x->s, fd->container, row);
		after_change(x, s->ui);
		form_msg(x, 0, xasprintf(TR("Đã xoá dòng %d.", "Row %d deleted."), row + 1));
	} else {
		form_msg(x, 0, xstrdup(TR("Không xoá.", "Not deleted.")));
	}
	free(q);
}

static const struct ui_key form_keys[] = {
	{ '\r', 0, form_enter, "Nhập/chọn giá trị", "Enter/choose a value", 1, NULL },
	{ KEY_F(9), 'R', form_review, "Kiểm tra, hoàn tất", "Review, finalise", 1, NULL },
	{ KEY_F(2), 'L', form_copy_last, "Chép kỳ trước", "Copy last period", 1, NULL },
	{ 27, 0, form_back, "Quay lại", "Back", 1, NULL },
	{ KEY_F(4), 'O', form_reopen, "Mở lại báo cáo đã hoàn tất để sửa (lần sửa mới)",
	    "Reopen a finalised submission (a new revision)", 0, NULL },
	{ KEY_F(6), 'Y', form_history, "Lịch sử sửa: xem, khôi phục một lần sửa cũ",
	    "Revisions: show, restore an earlier one", 0, NULL },
	{ KEY_F(7), 'N', form_add_row, "Thêm dòng (nhóm lặp)", "Add a row (repeat)", 0, NULL },
	{ KEY_F(8), 'D', form_del_row, "Xoá dòng (nhóm lặp, hỏi trước)",
	    "Delete the row (repeat, asked first)", 0, NULL },
	{ 0, 0, NULL, "Trên một bảng nhiệm vụ: mở bảng", "On a task table: open it", 0,
	    "Enter" },
	{ 0, 0, NULL, "Sang trường khác", "Move between fields", 0, "↑ ↓ Tab Shift-Tab" },
	{ 0, 0, NULL, "Lên, xuống một trang", "Page up, down", 0, "PgUp PgDn" },
	{ 0, 0, NULL, "Gõ ngay: bắt đầu nhập giá trị", "Just type: start entering the value", 0,
	    "a–z" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

/* A finalised submission, read only until F4: no key that would edit is
 * offered (Enter, F2, F7, F8 only say it is final); F4 is in the bar. */
static const struct ui_key form_final_keys[] = {
	{ KEY_F(4), 'O', form_reopen, "Mở lại để sửa", "Reopen to edit", 1, NULL },
	{ KEY_F(9), 'R', form_review, "Kiểm tra", "Review", 1, NULL },
	{ 27, 0, form_back, "Quay lại", "Back", 1, NULL },
	{ KEY_F(6), 'Y', form_history, "Lịch sử sửa: xem, khôi phục một lần sửa cũ",
	    "Revisions: show, restore an earlier one", 0, NULL },
	{ '\r', 0, form_enter, "Trên một bảng nhiệm vụ: mở bảng (chỉ xem)", "On a task table: "
	    "open it (read only)", 0, NULL },
	{ 0, 0, NULL, "Sang trường khác", "Move between fields", 0, "↑ ↓ Tab Shift-Tab" },
	{ 0, 0, NULL, "Lên, xuống một trang", "Page up, down", 0, "PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

const struct ui_key *
form_table(const struct fscreen *x)
{
	if (x->mode == F_GRID)
		return grid_keys;
	if (x->mode == F_LINES)
		return lines_keys;
	if (x->office)
		return office_keys;
	return x->readonly && !x->helps_only ? form_final_keys : form_keys;
}

/* Typing a value, choosing, or the office typing a reason: every key but
 * the global ones goes to form_key. */
int
form_grab(struct screen *s)
{
	struct fscreen *x = s->data;

	return x->mode == F_EDIT || x->mode == F_CHOOSE || x->mode == F_RETURN;
}

/* The keys no row takes: moving, and typing (which starts editing). */
void
form_key(struct screen *s, const struct ui_input *in)
{
	struct fscreen *x = s->data;
	struct ui *ui = s->ui;

	switch (x->mode) {
	case F_EDIT:
		edit_key(x, ui, in);
		return;
	case F_CHOOSE:
		choose_key(x, ui, in);
		return;
	case F_RETURN:
		return_key(x, ui, in);
		return;
	case F_GRID:
		grid_key(s, in);
		return;
	case F_LINES:
		lines_key(x, in);
		return;
	case F_BROWSE:
		break;
	default:
		return;
	}
	form_msg(x, 0, NULL);
	if ((in->code && (in->key == KEY_DOWN)) || (!in->code && in->ch == '\t')) {
		form_go(x, 1);
	} else if (in->code && (in->key == KEY_UP || in->key == KEY_BTAB)) {
		form_go(x, -1);
	} else if (in->code && in->key == KEY_NPAGE) {
		for (int i = 0; i < LINES - 6; i++)
			form_go(x, 1);
	} else if (in->code && in->key == KEY_PPAGE) {
		for (int i = 0; i < LINES - 6; i++)
			form_go(x, -1);
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

static int
form_leave(struct screen *s)
{
	return form_may_quit(s->data, s->ui);
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

void
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
	free(x->unit_name);
	free(x->kind);
	free(x->event_days);
	free(x);
}

/* Back on top: when the stored submission changed above (the history
 * restored a revision), reopened from the store in a new sitting, on the
 * same field, rather than saving its old values over the restored ones. */
static void
form_reveal(struct screen *s)
{
	struct fscreen *x = s->data, *n;
	int field = tgt_field(x), row = tgt_row(x);

	if (x->office || x->rev == stored_rev(x, s->ui))
		return;
	n = form_open(s->ui, x->f->reports[x->report].form_id, x->period, NULL);
	if (n == NULL)
		return;
	ui_renew(s, n);
	if (field >= 0)
		jump_to(n, field, row);
}

static const struct ui_keymap form_maps[] = {
	{ "form", form_keys },
	{ "form (final, read only)", form_final_keys },
	{ "task table (form)", grid_keys },
	{ NULL, NULL },
};

const struct screen_ops screen_form_ops = {
	.name = "form",
	.keys = form_keys,
	.draw = form_draw,
	.key = form_key,
	.free = fscreen_free,
	.reveal = form_reveal,
	.grab = form_grab,
	.leave = form_leave,
	.where = "form",
	.maps = form_maps,
};


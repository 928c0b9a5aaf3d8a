/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-form-draw.c: what the form screen shows — the list of lines with
 * their values (and the last period's beside them on a wide terminal), the
 * office's reason for a return at the top, the status line (the message,
 * else the last period's value and the field's hint), and the value being
 * typed, the choice list or a task table over it.
 */
#include "screen-form-int.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "widget-rowinfo.h"
#include "../forms/plan.h"
#include "../storage/store-audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
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

int
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

/* Where the value column starts for a line at indent IND and DEPTH. */
static int
value_x(int ind, int lw, int depth)
{
	int vx = ind + lw - 2 * depth;

	return vx > COLS - 24 ? COLS - 24 : vx;
}

/* The label of the line under the cursor, whole, when the list cuts it
 * (the caller frees); NULL when it fits or the line has no label. */
static char *
cut_label(const struct fscreen *x, int lw)
{
	const struct item *it;
	const struct form_field *fd;
	char *t;
	int ind;

	if (x->in_grid || x->nitems == 0 || x->items[x->cur].kind != I_FIELD)
		return NULL;
	it = &x->items[x->cur];
	fd = &x->f->fields[it->field];
	if (fd->label == NULL)
		return NULL;
	ind = 2 + 2 * it->depth;
	t = xasprintf("%s%s", fd->label, fd->required ? " *" : "");
	if (text_width(t) <= value_x(ind, lw, it->depth) - ind - 1) {
		free(t);
		return NULL;
	}
	return t;
}

static void
draw_list(struct screen *s)
{
	struct fscreen *x = s->data;
	int banner = draw_returned(x);
	int y0 = 2 + banner, rows = LINES - 5 - banner, lw = (COLS >= 100 ? COLS - 22 : COLS) / 2 - 2;
	char buf[512], vb[512];

	char *whole = cut_label(x, lw);
	int detail = whole != NULL ? ui_text_wrap(0, 1, A_DIM, whole, 0) : 0;

	if (detail > 3)
		detail = 3;
	if (detail > 1)		/* the row above the status line is free */
		rows -= detail - 1;
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
			int vx = value_x(ind, lw, it->depth);
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
	if (detail > 0) {
		/* the whole label of the line under the cursor, where the list
		 * had to cut it: nothing cut without a way to read it */
		int y = y0 + rows;
		for (int i = 0; i < detail; i++)
			move(y + i, 0), clrtoeol();
		ui_text_wrap(y, 1, A_DIM, whole, detail);
	}
	free(whole);
}

static void
draw_status_line(struct fscreen *x)
{
	const struct form_field *fd = cur_field(x);
	const char *prev;
	char buf[512];

	if (x->msg != NULL && ui_text_wrap(0, 1, 0, x->msg, 0) > 1) {
		/* a message longer than the line: over the row above it too
		 * (a whole label drawn there gives way), never cut */
		for (int r = LINES - 3; r < LINES - 1; r++)
			move(r, 0), clrtoeol();
		ui_text_wrap(LINES - 3, 1, x->msg_err ? A_BOLD | A_STANDOUT : A_BOLD, x->msg, 2);
		return;
	}
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

void
form_title(const struct fscreen *x)
{
	char right[128];

	snprintf(right, sizeof right, "%s %s — %s", TR("kỳ", "period"), x->period,
	    x->status == NULL ? TR("chưa làm", "not started") : strcmp(x->status, "draft") == 0 ?
	    TR("nháp, tự lưu", "draft, saved as you go") : x->readonly ? TR("đã hoàn tất", "final")
	    : TR("đang sửa lại", "being revised"));
	if (x->office) {
		/* the office reviewing: whose submission, first (the title may
		 * be cut, the unit never) */
		char *left = xasprintf("%s — %s", x->unit_name ? x->unit_name : x->unit, x->f->title);
		ui_title(left, right);
		free(left);
		return;
	}
	ui_title(x->f->title, right);
}

void
form_draw(struct screen *s)
{
	struct fscreen *x = s->data;

	s->keys = form_table(x);	/* the step's keys, for the bar and help */
	form_title(x);
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


/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-form-grid.c: a task table (a plan's grid) in the form screen —
 * rows of this report that the unit leads or helps on, value columns; the
 * first column (the task) stays while the others scroll. Its key table:
 * Esc closes it, F9 reviews, F2 copies the last period's value; arrows,
 * Tab, Home, End move; Enter or typing edits the cell.
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

void
grid_open(struct fscreen *x, int grid)
{
	x->grid = grid;
	x->in_grid = 1;
	x->gr = x->gc = x->gtop = x->gleft = 0;
	grid_layout(x);
	x->mode = F_GRID;
	form_msg(x, 0, NULL);
}

void
grid_draw(struct fscreen *x)
{
	const struct form *f = x->f;
	const struct form_field *g = &f->fields[x->grid];
	int y0 = 3, rows = LINES - 6 - ROWINFO_LINES, ncols = (COLS - GRID_FIRST - 1) / GRID_CELL;
	char buf[512], vb[256];
	struct period p;
	struct rowinfo ri = { f, x->s, x->grid, -1, -1, x->kind, &p, &x->set.cal, x->event_days,
			      moment_from_unix(store_now()) / MINUTES_PER_DAY };

	int pane = ROWINFO_LINES;

	if (!period_parse(f->reports[x->report].rule.kind, x->period, &p))
		memset(&p, 0, sizeof p);
	/* the pane under the table takes the rows its texts need */
	if (x->ngrows && x->ngcols) {
		ri.row = x->grows[x->gr];
		ri.column = x->gcols[x->gc];
		pane = rowinfo_lines(&ri);
		rows = LINES - 6 - pane;
		ri.row = ri.column = -1;
	}

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
		rowinfo_draw(LINES - 2 - pane, &ri);
	}
	if (x->mode == F_EDIT) {
		ui_text(LINES - 2, 0, A_BOLD, TR("Giá trị:", "Value:"));
		line_draw(&x->edit, LINES - 2, 10, COLS - 12, 1);
		curs_set(1);
	} else if (x->msg != NULL) {
		ui_status(x->msg, x->msg_err);
	}
}

/* ---- its keys ---- */

static void
grid_close(struct screen *s)
{
	struct fscreen *x = s->data;

	x->in_grid = 0;
	x->mode = F_BROWSE;
	form_msg(x, 0, NULL);
}

static void
grid_review(struct screen *s)
{
	struct fscreen *x = s->data;

	x->in_grid = 0;
	x->mode = F_BROWSE;
	review_open(s);
}

static void
grid_copy_last(struct screen *s)
{
	struct fscreen *x = s->data;

	if (!x->readonly && sub_copy_previous(x->s, tgt_field(x)))
		after_change(x, s->ui);
}

/* Enter, or a key typed on a cell: edit it, or say why not. */
static void
grid_edit(struct screen *s, const struct ui_input *in)
{
	struct fscreen *x = s->data;

	if (x->ngrows && x->ngcols && sub_relevant(x->s, tgt_field(x), tgt_row(x))) {
		form_msg(x, 0, NULL);
		if (in == NULL) {
			start_edit(x, NULL);
		} else {
			const struct form_field *fd = cur_field(x);
			start_edit(x, fd->type == FIELD_SELECT_ONE || fd->type ==
			    FIELD_SELECT_MULTIPLE ? NULL : in);
			if (x->mode == F_CHOOSE && in->ch != ' ')
				choose_key(x, s->ui, in);	/* the letter filters or finds */
		}
	} else if (in == NULL && x->helps_only) {
		form_msg(x, 1, xstrdup(TR("Đơn vị bạn chỉ phối hợp: không nhập ở đây.",
		    "Your unit only helps: nothing to fill here.")));
	} else if (in == NULL) {
		form_msg(x, 0, xstrdup(TR("Ô này không cần nhập với tình trạng hiện tại.",
		    "This cell is not asked for in the current state.")));
	}
}

static void
grid_enter(struct screen *s)
{
	grid_edit(s, NULL);
}

const struct ui_key grid_keys[] = {
	{ '\r', 0, grid_enter, "Nhập ô này", "Edit this cell", 1, NULL },
	{ KEY_F(9), 'R', grid_review, "Kiểm tra, hoàn tất", "Review, finalise", 1, NULL },
	{ KEY_F(2), 'L', grid_copy_last, "Chép kỳ trước", "Copy last period", 1, NULL },
	{ 27, 0, grid_close, "Đóng bảng", "Close the table", 1, NULL },
	{ 0, 0, NULL, "Sang ô khác; Home, End: cột đầu, cột cuối", "Move between cells; Home, "
	    "End: the first, the last column", 0, "↑ ↓ ← → Tab PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

void
grid_key(struct screen *s, const struct ui_input *in)
{
	struct fscreen *x = s->data;

	if (in->code && in->key == KEY_UP && x->gr > 0) {
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
	} else if (!in->code && in->ch >= 0x20 && in->ch != 0x7f) {
		grid_edit(s, in);
	}
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-report-table.c: a consolidated report drawn as a table — units as
 * rows, fields as columns, the total last, the unit column frozen; the
 * full name of the chosen column below.
 */
#include "screen-report-int.h"
#include "../core/err.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>

#define TABLE_FIRST 22	/* the frozen column: the unit */
#define TABLE_CELL 12

/* One cell: TEXT cut to the cell, numbers on the right. */
static void
table_cell(int y, int xcol, int width, const char *text, int right, int attr)
{
	char buf[512];

	snprintf(buf, sizeof buf, "%s", text ? text : "");
	ui_cut(buf, width - 1);
	if (right) {
		int w = text_width(buf);
		ui_text(y, xcol + width - 1 - w, attr, buf);
	} else {
		ui_text(y, xcol, attr, buf);
	}
}

/* Units as rows, fields as columns, the total last: the unit's column
 * stays while the others scroll to keep the chosen one in view. */
void
draw_table(struct rscreen *x, int rows)
{
	const struct office_report *r = &x->rep;
	size_t fit = (size_t)((COLS - 1 - TABLE_FIRST) / TABLE_CELL);
	char buf[512];
	int y = 2;

	if (fit == 0)
		fit = 1;
	if (x->col < x->left)
		x->left = x->col;
	if (x->col >= x->left + fit)
		x->left = x->col - fit + 1;
	snprintf(buf, sizeof buf, TR("%s — kỳ %s · bảng (F2: tóm tắt) · nổi bật: chưa đạt chỉ tiêu",
	    "%s — period %s · table (F2: summary) · highlighted: off target"),
	    r->f->reports[r->report].form_id, r->period);
	ui_text(y++, 1, A_BOLD, buf);
	table_cell(y, 1, TABLE_FIRST, TR("Đơn vị", "Unit"), 0, A_UNDERLINE);
	for (size_t c = x->left; c < r->ncols && c < x->left + fit; c++) {
		const struct form_field *fd = &r->f->fields[r->cols[c]];
		table_cell(y, 1 + TABLE_FIRST + (int)(c - x->left) * TABLE_CELL, TABLE_CELL,
		    fd->label ? fd->label : fd->name, 0, c == x->col ? A_REVERSE : A_UNDERLINE);
	}
	y++;
	if (x->scroll > r->nunits)
		x->scroll = r->nunits;
	for (size_t u = x->scroll; u <= r->nunits && y < 2 + rows; u++, y++) {
		const struct sub *s = u < r->nunits ? r->units[u].s : r->total;
		/* a unit not counted is dimmed and says why; the total's row
		 * says how many units it holds */
		int attr = u == r->nunits ? A_BOLD : r->units[u].inc != REPORT_COUNTED ? A_DIM : 0;
		static const char *const why_vi[] = { "", " (chưa nộp)", " (nháp)", " (trả lại)" };
		static const char *const why_en[] = { "", " (missing)", " (draft)", " (returned)" };
		if (u < r->nunits)
			snprintf(buf, sizeof buf, "%s%s", r->units[u].name,
			    TR(why_vi[r->units[u].inc], why_en[r->units[u].inc]));
		else
			snprintf(buf, sizeof buf, TR("Tổng (%zu/%zu)", "Total (%zu/%zu)"), r->ncounted,
			    r->nunits);
		table_cell(y, 1, TABLE_FIRST, buf, 0, attr);
		for (size_t c = x->left; c < r->ncols && c < x->left + fit; c++) {
			const struct form_field *fd = &r->f->fields[r->cols[c]];
			int num = fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL ||
			    fd->type == FIELD_CALCULATE;
			table_cell(y, 1 + TABLE_FIRST + (int)(c - x->left) * TABLE_CELL, TABLE_CELL,
			    s ? office_report_cell(r, s, c, buf, sizeof buf) : NULL, num,
			    office_report_off_target(r, s, c) ? (int)(attr | A_STANDOUT) : attr);
		}
	}
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-rowinfo.h: what the plan says about the row under the cursor of a
 * task grid — its lead and helpers, its deadline (and whether it has
 * passed), its target and its expected product — in a pane of three lines
 * at the foot of the grid, readable at 80x24.
 */
#ifndef BAOCAO_WIDGET_ROWINFO_H
#define BAOCAO_WIDGET_ROWINFO_H

#include "../forms/cal.h"
#include "../forms/form.h"
#include "../forms/period.h"
#include "../forms/sub.h"

#define ROWINFO_LINES 3	/* the fewest rows the pane takes */
#define ROWINFO_MAX 8		/* the most: long plan texts wrap up to this */

struct rowinfo {
	const struct form *f;
	const struct sub *s;		/* the values: is the row done? */
	int grid, row, column;		/* the grid, its row, the column under the cursor */
	const char *kind;		/* the unit looking, or NULL (the office) */
	const struct period *p;		/* the period reported on */
	const struct cal *cal;
	const long *event_days;		/* form_event_days(), or NULL */
	long today;			/* days */
};

/* The rows the pane takes for RI's row: its texts wrapped at COLS, never
 * cut; ROWINFO_LINES .. ROWINFO_MAX. */
int rowinfo_lines(const struct rowinfo *ri);
/* Draw the pane on rows Y .. Y + rowinfo_lines() - 1, COLS wide. */
void rowinfo_draw(int y, const struct rowinfo *ri);
/* Is the row overdue: not done, and its deadline passed by TODAY (or its
 * status says it is behind)? */
bool rowinfo_overdue(const struct rowinfo *ri, int row);

#endif

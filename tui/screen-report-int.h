/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-report-int.h: the office's reports screen's state, shared by
 * screen-report.c (the list, the keys, writing files) and
 * screen-report-table.c (the report drawn as a table).
 */
#ifndef BAOCAO_SCREEN_REPORT_INT_H
#define BAOCAO_SCREEN_REPORT_INT_H

#include "ui.h"
#include "widget-line.h"
#include "../forms/form-install.h"
#include "../office/office-report.h"

/* One line of the list: a report, and the periods it has figures for. */
struct ritem {
	const char *id;			/* the report's form id */
	char *title;			/* report title — form title */
	int adhoc;			/* an incident report: periods are incidents */
	char *latest;			/* the last period with submissions other
					 * than drafts, or NULL */
	size_t latest_units;		/* units with figures for it, shown as
					 * "2026-10 (2)" */
};

struct rscreen {
	struct form_set set;
	struct ritem *items;
	size_t n, sel, top;
	int showing;
	char period[PERIOD_ID_MAX];
	struct office_report rep;	/* the report shown (have_rep) */
	int have_rep;
	int table;			/* shown as the table rather than the summary */
	size_t col, left;		/* table: the chosen column, the first shown */
	char *text;			/* the summary, as lines */
	char **lines;
	size_t nlines, scroll;
	char *msg;
	int err;
	struct line find;		/* typed: go to the first id or title that fits */
	int out;			/* the kind being written (enum out_kind) */
};

/* Draw the report shown as a table in ROWS rows: the unit column stays
 * while the others scroll to keep the chosen one in view. */
void draw_table(struct rscreen *x, int rows);

#endif

/*
 * office-report: the consolidated report of one form and period — units as
 * rows, fields as columns, a total row (counts summed, decimals averaged,
 * rates recomputed from the summed parts, never averaged), targets,
 * alerts (a figure off its target, a sharp change from the previous
 * period, a unit missing, the form's own alert rules), the trend of the
 * totals over the last periods, and for task grids which units have done
 * each task. Written as text (where an incident or a request is also told
 * in words: each unit's answers), CSV (UTF-8 with BOM), XLSX or JSON.
 */
#ifndef BAOCAO_OFFICE_REPORT_H
#define BAOCAO_OFFICE_REPORT_H

#include <stdio.h>

#include "office-status.h"
#include "../forms/sub.h"

struct report_unit {
	char *id, *name, *status;	/* status NULL: nothing received */
	struct sub *s;			/* NULL if missing */
};

struct report_task {
	const struct form_row *row;
	int done, doing, late, none;
};

struct office_report {
	const struct form *f;
	int report;
	char period[PERIOD_ID_MAX];
	int *cols;			/* value fields of the report, outside tables */
	size_t ncols;
	struct report_unit *units;
	size_t nunits;
	struct sub *total;		/* sums, means, recomputed rates */
	char **alerts;
	size_t nalerts;
	struct report_task *tasks;	/* the first task grid, if any */
	size_t ntasks;
	int grid;			/* its field, or -1 */
	int trend_field;		/* the field whose trend is drawn, or -1 */
	char trend_period[8][PERIOD_ID_MAX];
	double trend[8];
	int trend_known[8];
	int ntrend;
};

/* Build the report of FORM_ID (FORM-REPORT) for PERIOD. */
enum err office_report_build(struct store *st, const struct form_set *set, const char *form_id,
			     const char *period, struct office_report *rep, char **cause);
void office_report_free(struct office_report *rep);

/* Column C of the row S (a unit's submission, or rep->total; NULL: an
 * empty cell) as people read it: a choice's label rather than its code,
 * several joined with "; ". NULL when empty. May use BUF. */
const char *office_report_cell(const struct office_report *rep, const struct sub *s, size_t c,
			       char *buf, size_t size);

/* Does column C of row S miss the field's target? */
bool office_report_off_target(const struct office_report *rep, const struct sub *s, size_t c);

enum err office_report_text(const struct office_report *rep, FILE *out);
enum err office_report_csv(const struct office_report *rep, FILE *out);
enum err office_report_json(const struct office_report *rep, FILE *out);
/* The workbook at PATH, whole or not at all (a temporary file beside it,
 * synced, renamed); one message in *CAUSE naming PATH on failure. */
enum err office_report_xlsx(const struct office_report *rep, const char *path, char **cause);

#endif

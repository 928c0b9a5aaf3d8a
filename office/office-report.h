/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-report: the consolidated report of one form and period — units as
 * rows, fields as columns, a total row where each field adds up as its
 * form says (`total:` in forms/FORMAT.md: counts and areas summed, rates
 * recomputed from their parts, choices counted per option), targets read
 * as data and compared per unit and for the commune, alerts (a figure off
 * its target, a sharp change from the previous period, a unit missing, the
 * form's own alert rules), the trend of a total over the last periods, and
 * for task grids each unit's progress on each task and the commune's view
 * of it. Written as text (where an incident or a request is also told in
 * words: each unit's answers), CSV (UTF-8 with BOM), XLSX, JSON, and the
 * long formats with one row per value (long-csv, long-json).
 *
 * Which submissions count (office_report_build, for every output and for
 * the previous periods alike): for each unit of the form's kind on the
 * roster, the latest revision the office accepted — approved, or received
 * (imported) and not returned, or final (the office entered it itself). A
 * newer draft does not hide it, nor does a newer revision that was
 * returned hide an approved one (that one is wrong: the approved one
 * counts again); both are noted. A unit whose only revisions are drafts or returned is left
 * out; a unit with nothing is missing. The report's header says this rule and names who is left out.
 */
#ifndef BAOCAO_OFFICE_REPORT_H
#define BAOCAO_OFFICE_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "office-status.h"
#include "../forms/period.h"
#include "../forms/sub.h"

struct sub_past;

enum report_inclusion {
	REPORT_COUNTED,		/* approved, received, or final at the office */
	REPORT_MISSING,		/* nothing received */
	REPORT_DRAFT,		/* only a draft */
	REPORT_RETURNED,	/* returned to the unit: not counted until sent again */
};

struct report_unit {
	char *id, *name;
	char *kind;		/* its unit kind: which rows of a plan it leads */
	char *status;		/* as stored; NULL: nothing received */
	char *reason;		/* the office's reason for a return, or NULL */
	enum report_inclusion inc;
	int rev, form_version;	/* of the revision shown: the one that counts, else
				 * the current one (0 if none) */
	/* a newer revision than the one that counts (a draft, or one returned),
	 * or 0; its status and the office's reason for a return */
	int newer_rev;
	char *newer_status, *newer_reason;
	int64_t received;	/* when the office last got or changed it (Unix s), or 0 */
	struct sub *s;		/* counted or returned (shown, not counted); else NULL */
	/* the same period a year before, counted (sub_open_previous), when a
	 * target compares with "năm trước"; else NULL */
	struct sub *year_before;
};

/* A column's figure for the commune. */
struct report_total {
	enum field_total kind;	/* resolved: never TOTAL_DEFAULT */
	bool known;		/* x holds a number */
	double x;
	int n;			/* counted units that gave a value */
	char *text;		/* as shown; NULL when there is nothing to show */
};

/* One task for one unit. Pointers into the unit's submission. */
struct report_task_cell {
	const char *status;	/* the status code, or NULL */
	enum choice_progress progress;
	bool has_pct;
	double pct;
	const char *evidence, *note;
	bool overdue;		/* not done (or not sent) and its due date passed by
				 * today or the period's end, or its status says it is
				 * behind (form_row_overdue, as status says it) */
	int met;		/* the row's targets: 1 all met, 0 not, -1 cannot tell */
	/* each target of the row (the first REPORT_TARGETS_MAX): 1 met, 0 not,
	 * -1 cannot tell */
	signed char met_each[8];
	bool owed;		/* the unit leads the row (FORMAT.md, "Plans") */
	/* the earlier period whose counted report said this one-off row done,
	 * when this period's says nothing of it (README, "A task done stays
	 * done"); "" when the status is this period's own */
	char done_in[PERIOD_ID_MAX];
};

struct report_task {
	const struct form_row *row;
	int row_index;		/* in the grid */
	long due_day;		/* the row's deadline for the period (plan.h), or -1 */
	char due_text[64];	/* ... in words: a date, "chờ: ...", "thường xuyên" */
	char leads[128];	/* who leads it: "thon, truong" */
	int done, doing, late, none;	/* counted units leading it, by status */
	int overdue;		/* units overdue: counted, or not counted and past due */
	/* units leading it that are not counted, by why: never in the counts
	 * above ("left out of every total") */
	int returned, drafts, missing;
	struct report_task_cell *cells;	/* one per unit (empty unless counted) */
};

struct office_report {
	const struct form *f;
	char *commune;			/* the installation's commune, or NULL */
	int report;
	char period[PERIOD_ID_MAX];
	struct period p;
	int *cols;			/* value fields of the report, outside tables */
	size_t ncols;
	struct report_unit *units;
	size_t nunits;
	size_t ncounted;
	struct sub *total;		/* the total row as a submission (formulas) */
	struct report_total *totals;	/* per column */
	char **alerts;
	size_t nalerts;
	struct report_task *tasks;	/* the first task grid, if any */
	size_t ntasks;
	int grid;			/* its field, or -1 */
	int col_status, col_pct;	/* its columns with those roles, or -1 */
	int *col_evidence;		/* text columns other than the note */
	size_t nevidence;
	int col_note;
	int trend_field;		/* the field whose trend is drawn, or -1 */
	char trend_period[8][PERIOD_ID_MAX];
	double trend[8];
	int trend_known[8];
	int trend_units[8];		/* units counted in each of those periods */
	int ntrend;
	/* every column's total over the same periods (oldest first), for the
	 * report screen's small trend per row; trends[c * ntrend + k] */
	double *trends;
	bool *trends_known;
	long *event_days;		/* when the form's events happened (-1: not yet) */
	/* the version of the plan in force at the period's deadline when it is
	 * an older one than F (office_version_in_force; owned), with its index
	 * of the report (-1: none) and its events' days; NULL when F was. Who
	 * is expected, who leads each task and when it is due follow it; the
	 * columns are F's (a submission reads under any version). */
	struct form *then;
	int then_report;
	long *then_event_days;
	struct sub_past **pasts;	/* per unit, its earlier counted reports, opened
					 * when a row may be carried (sub-open.h) */
};

#define REPORT_TARGETS_MAX 8
/* Every target of ROW as written, joined by "; " ("tối thiểu 50%; cao
 * hơn năm trước"), into BUF; "" when none. */
const char *office_row_targets(const struct form_row *row, char *buf, size_t size);
/* The targets of ROW that cell CL does not meet, as written, joined by
 * "; " into BUF; "" when none is missed. */
const char *office_cell_unmet(const struct form_row *row, const struct report_task_cell *cl,
			      char *buf, size_t size);

/* A task cell's status as shown: the choice's label, and where it came
 * from when carried ("Đã hoàn thành (báo cáo 2026-Q1)"); "" when none. */
const char *office_task_status(const struct office_report *rep,
			       const struct report_task_cell *cl, char *buf, size_t size);

/* Build the report of FORM_ID (FORM-REPORT) for PERIOD. */
enum err office_report_build(struct store *st, const struct form_set *set, const char *form_id,
			     const char *period, struct office_report *rep, char **cause);
void office_report_free(struct office_report *rep);

/* Column C of the row S (a unit's submission, or rep->total for the total
 * row; NULL: an empty cell) as people read it: a choice's label rather
 * than its code, several joined with "; ". NULL when empty. May use BUF. */
const char *office_report_cell(const struct office_report *rep, const struct sub *s, size_t c,
			       char *buf, size_t size);

/* Does column C of row S (or rep->total) miss the field's target? */
bool office_report_off_target(const struct office_report *rep, const struct sub *s, size_t c);

/* Column C of row S (or rep->total) against its target: 1 met, 0 not, -1
 * cannot tell; *GAP (if not NULL) the figure minus the target. */
int office_report_target(const struct office_report *rep, const struct sub *s, size_t c,
			 double *gap);

/* Field FD's target as the report shows it, into BUF: read ("≥ 90%"), or
 * as written when it could not be read ("phấn đấu hoàn thành (không so
 * sánh được)"); NULL when it has none. */
const char *office_report_target_words(const struct form_field *fd, char *buf, size_t size);

/* Period P (whose id is ID) in words, as a document's title says it:
 * "tháng 11 năm 2026", "quý III năm 2026", "năm 2026", "6 tháng đầu năm
 * 2026"; a request or an incident: "kỳ ID". Into BUF. */
const char *office_period_words(const struct period *p, const char *id, char *buf, size_t size);

/* The units leading task RT that are not counted, in words ("1 bị trả lại,
 * 1 bản nháp, 1 chưa nộp") into BUF; "" when every one counts. */
const char *office_report_task_uncounted(const struct report_task *rt, char *buf, size_t size);

/* The figure column C's target asks of row S (or rep->total) into *VALUE:
 * the target's value, or a relative target resolved against the unit's
 * previous period ("tăng ít nhất 5%" of 100: 105). False when there is no
 * number to say (no target, a choice, no previous figure). */
bool office_report_target_value(const struct office_report *rep, const struct sub *s, size_t c,
				double *value);

/* "approved", "returned"... as people read them. */
const char *office_report_status_label(const struct report_unit *u);

/* The rule the report counted by, for its header, in one line. */
const char *office_report_rule(void);
/* When the plan version in force at the period's deadline is older than
 * the one installed now (rep->then), the header line that says whose
 * version the expected units, leads and dues follow ("Đơn vị phải nộp,
 * người chủ trì và hạn từng việc theo phiên bản 1 của kế hoạch — phiên
 * bản có hiệu lực khi kỳ này đến hạn (nay là phiên bản 2)."), into BUF;
 * NULL when the current version was in force. */
const char *office_report_version_line(const struct office_report *rep, char *buf,
				       size_t size);

enum err office_report_text(const struct office_report *rep, FILE *out);
/* The same, its trend drawn with BARS: [0..7] the levels low to full, [8]
 * a period without a value (office_report_text: ▁ … █ and ·; a terminal
 * without block elements passes ASCII). */
enum err office_report_text_bars(const struct office_report *rep, FILE *out,
				 const char *const bars[9]);
enum err office_report_csv(const struct office_report *rep, FILE *out);
enum err office_report_json(const struct office_report *rep, FILE *out);
/* One row per value: form, version, report, period, unit, field, row,
 * value, unit of measure, status, revision, received-at (office/long.schema.json). */
enum err office_report_long_csv(const struct office_report *rep, FILE *out);
enum err office_report_long_json(const struct office_report *rep, FILE *out);
/*
 * A DHIS2 dataValueSets document (office/office-dhis2.c): the counted
 * units' values and the commune's totals, through the mapping file MAPPING
 * (field -> dataElement + categoryOptionCombo, unit -> orgUnit; README,
 * "DHIS2"). Values the mapping does not name are not written: each is
 * added to *UNMAPPED (*NUNMAPPED lines, caller frees). ERR_INVALID with
 * file:line:col for a bad mapping, or a period DHIS2 has no notation for.
 */
enum err office_report_dhis2(const struct office_report *rep, const char *mapping, FILE *out,
			     char ***unmapped, size_t *nunmapped, char **cause);
/* The period in DHIS2's notation (202610, 2026Q3, 2026S1, 2026W45,
 * 20261105, 2026) into BUF; false for a period DHIS2 cannot say. */
bool office_dhis2_period(const struct period *p, char *buf, size_t size);

/* What the printable report's heading and closing say (Decree 30/2020). */
struct office_pdf_opts {
	const char *parent;		/* the body above the issuer, or NULL */
	const char *issuer;		/* "UBND xã Ngọc Lặc" (set in capitals) */
	const char *number;		/* "    /BC-UBND": the clerk's register fills it */
	const char *place;		/* "Ngọc Lặc" */
	long long date;			/* Unix seconds */
	const char *signer_for;		/* "TM. Ủy ban nhân dân" */
	const char *signer_role;	/* "Chủ tịch" */
	const char *signer;		/* the name, or NULL */
	const char *const *recipients;	/* "Nơi nhận", before "Lưu: VT." */
	size_t nrecipients;
};

/* An A4 PDF at PATH in the layout of Decree 30/2020/NĐ-CP, written whole
 * (office/office-pdf.c). */
enum err office_report_pdf(const struct office_report *rep, const struct office_pdf_opts *o,
			   const char *path, char **cause);

/* The same, headed by this installation: "Ủy ban nhân dân xã" and the
 * commune's name, its place, today; NUMBER (NULL: blank, for the register),
 * the SIGNER's name and the recipients TO given by the caller. */
enum err office_report_pdf_here(struct store *st, const struct office_report *rep,
				const char *path, const char *number, const char *signer,
				const char *const *to, size_t nto, char **cause);

/* The workbook at PATH, whole or not at all (a temporary file beside it,
 * synced, renamed); one message in *CAUSE naming PATH on failure. */
enum err office_report_xlsx(const struct office_report *rep, const char *path, char **cause);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form: a form definition, loaded from its text (forms/FORMAT.md).
 *
 * A definition file describes one form: its unit kind, its source in a
 * plan, its fields (grouped in sections, with repeats and task grids), its
 * choice lists, and one or more reports. A report is a period kind with a
 * deadline ("monthly, before day 10 of the next month"); sections may be
 * limited to some reports. Each report is filled and submitted on its own,
 * under the id FORM-REPORT (or FORM when the form has a single report).
 *
 * Loading is all or nothing: form_load() either returns a complete,
 * checked form or NULL with every error found, each as file:line:col.
 */
#ifndef BAOCAO_FORM_H
#define BAOCAO_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "expr.h"
#include "period.h"

#define FORM_MAX_BYTES (1024 * 1024)
#define FORM_MAX_FIELDS 4000
#define FORM_MAX_REPORTS 16
#define FORM_ID_MAX 40
#define FORM_MAX_ERRORS 50	/* listed per file; then "... and N more" */

enum field_type {
	FIELD_INTEGER, FIELD_DECIMAL, FIELD_TEXT, FIELD_DATE, FIELD_TIME, FIELD_SELECT_ONE,
	FIELD_SELECT_MULTIPLE, FIELD_NOTE, FIELD_CALCULATE,
	FIELD_GROUP, FIELD_REPEAT, FIELD_GRID,
};

/* What a choice of a task's status means, for the office's task tables
 * (FORMAT.md, "Task status"): done, begun, behind schedule, or none. */
enum choice_progress { PROGRESS_NONE, PROGRESS_STARTED, PROGRESS_LATE, PROGRESS_DONE };

struct form_choice {
	char *value, *label;
	enum choice_progress progress;	/* from `done: true` / `progress: started|late` */
};

/*
 * A target read as data: "100%", ">= 80", "≥ 80%", "tối thiểu 90%",
 * "không quá 3 ngày", "không thấp hơn năm trước", or a choice's code.
 * TARGET_NONE: no target; TARGET_UNREAD: a text that could not be read
 * (forms check says where).
 */
enum target_cmp { TARGET_NONE, TARGET_UNREAD, TARGET_GE, TARGET_GT, TARGET_LE, TARGET_LT,
	TARGET_EQ };

struct form_target {
	enum target_cmp cmp;
	double value;
	char *unit;		/* "%", "ngày", or NULL */
	bool previous;		/* compared with the same unit's previous period */
	bool year_before;	/* previous: "năm trước" / "cùng kỳ": the same period
				 * of the year before (2025-Q2 for 2026-Q2), not the
				 * period before ("kỳ trước", "quý trước") */
	double delta;		/* previous: "tăng ít nhất 5%" = +5, "giảm ít nhất 3" = -3 */
	bool delta_pct;		/* ... the delta is a per cent of the previous value */
	char *choice;		/* a select field's target: this code */
};

/* Read TEXT as a target into *T (T->unit and T->choice malloc'd; free with
 * form_target_free). Returns false, with T->cmp = TARGET_UNREAD and *POS the
 * byte offset of what could not be read, when it is not a target. */
bool form_target_parse(const char *text, struct form_target *t, size_t *pos);
void form_target_free(struct form_target *t);
/* Does X meet T (PREV: the previous period's value, if T->previous)?
 * 1 yes, 0 no, -1 cannot tell (no target, unread, no previous value). */
int form_target_met(const struct form_target *t, double x, bool has_prev, double prev);
/* "≥ 80 %", "= 100 %", "≥ kỳ trước": the target as the reports show it. */
const char *form_target_text(const struct form_target *t, char *buf, size_t size);

/*
 * How a field's figures add up across units in the office's total row
 * (FORMAT.md, "Totals"). TOTAL_DEFAULT is resolved by form_field_total().
 */
enum field_total {
	TOTAL_DEFAULT, TOTAL_SUM, TOTAL_MEAN, TOTAL_MIN, TOTAL_MAX, TOTAL_COUNT, TOTAL_NONE,
	TOTAL_RATIO,		/* sum(num) / sum(den), x100 for a "%" field */
	TOTAL_FORMULA,		/* calculate: the form's calculation run on the totals */
	TOTAL_OPTIONS,		/* choices and text: how many units gave each answer */
};

struct form_list {
	char *name;
	struct form_choice *choices;
	size_t nchoices;
};

/* A soft check: a warning the user may confirm with a reason. */
struct form_check {
	struct expr *expr;	/* must hold; a warning when false */
	char *message;
};

/*
 * A row's deadline as baocao reads it (FORMAT.md, "Row deadlines"):
 * a fixed day, a day of each year (of the period reported on, or the next),
 * N (working) days after an event the office records, ongoing, or none.
 */
enum row_due_kind { ROW_DUE_NONE, ROW_DUE_ONGOING, ROW_DUE_DATE, ROW_DUE_YEARLY,
	ROW_DUE_EVENT };

struct row_due {
	enum row_due_kind kind;
	long day;		/* DATE: the last day (inclusive) */
	int month, mday;	/* YEARLY: mday 0 = the month's last day */
	int year_offset;	/* YEARLY: 0 the period's year, 1 the next */
	int event;		/* EVENT: index in form.events */
	int n;			/* EVENT: days after it */
	bool working;		/* EVENT: working days */
};

/* One of a row's targets: against the percent done (column -1) or the
 * number column COLUMN of the row. */
struct form_row_target {
	char *text;
	int column;
	struct form_target tgt;
};

/* A pre-filled row of a task grid, with what the plan says about it. */
struct form_row {
	char *id;		/* STT as written in the plan: "1", "2.3", "II.4" */
	char *label;		/* the task */
	char *lead, *helpers;	/* as the plan writes them (lead_text, helpers_text) */
	char *basis, *due, *target, *product, *note;
	struct form_target tgt;	/* the first target as read (== targets[0].tgt) */
	struct form_row_target *targets;	/* every target of the row */
	size_t ntargets;
	char **leads;		/* unit kinds leading; none: the form's unit */
	size_t nleads;
	char **helps;		/* unit kinds helping (read-only) */
	size_t nhelps;
	char *deadline;		/* `deadline:` as written */
	struct row_due dl;	/* ... as read, else from `due` when it names a date */
	bool heading;		/* a section heading: no input, owed by no one */
	unsigned reports;	/* bit r: shown in report r (default: the grid's) */
};

/* An event a row's deadline counts from ("có kết quả khảo sát"). */
struct form_event {
	char *id, *label;
};

struct form_field {
	char *name;
	enum field_type type;
	char *label, *hint, *unit;	/* unit: "hộ", "người", "%" */
	int parent;		/* index of the enclosing group/repeat/grid, or -1 */
	int container;		/* index of the enclosing repeat/grid, or -1 */
	int list;		/* choice list (select_*), or -1 */
	unsigned reports;	/* bit r: part of report r */
	bool required;
	bool carry;		/* offer "copy last period" */
	bool has_min, has_max;
	double min, max;	/* numbers: hard bounds (also for dates: days) */
	bool past;		/* dates: not after today */
	struct expr *constraint;
	char *constraint_message;
	struct expr *relevant;
	struct expr *calculation;
	char *def;		/* default value, as text */
	struct form_check *warns;
	size_t nwarns;
	char *target;		/* reporting target as written, e.g. ">= 80" */
	struct form_target tgt;	/* ... and as read */
	enum field_total total;	/* as written (TOTAL_DEFAULT when not) */
	int total_num, total_den;	/* TOTAL_RATIO: the fields summed */
	char *stt;		/* row of the plan this field or section comes from */
	bool hidden;		/* calculate: computed and stored, not shown */
	struct form_row *rows;	/* grid: pre-filled rows */
	size_t nrows;
	int line, col;
};

struct form_report {
	char *id;		/* "thang" */
	char *form_id;		/* "nl09-thon-thang" (or the form id if alone) */
	char *title;
	struct deadline_rule rule;
};

/* An office alert rule: evaluated on each received submission. */
struct form_alert {
	char *name;
	struct expr *when;	/* raises the alert when true */
	char *message;
};

/* Where a unit kind is named (`unit`, a row's `lead` or `helpers`), so a
 * check against the kinds a roster or catalogue knows can say line:col. */
struct form_kind_use {
	const char *kind;	/* points into the form */
	const char *key;	/* "unit", "lead", "helpers" */
	int line, col;
};

struct form {
	char *id;
	int version;
	char *title;
	char *unit_kind;
	char *plan, *appendix, *source_note;
	struct form_report *reports;
	size_t nreports;
	struct form_field *fields;	/* pre-order: a container before its children */
	size_t nfields;
	struct form_list *lists;
	size_t nlists;
	struct form_alert *alerts;
	size_t nalerts;
	struct form_event *events;
	size_t nevents;
	long valid_from, valid_to;	/* the plan's validity (days, inclusive), or -1 */
	bool has_leads;		/* some grid row names its lead kinds */
	char *path;		/* the name errors were reported under */
	char **notes;		/* "file:line:col: cảnh báo: ..." — doubtful, not wrong */
	size_t nnotes;
	struct form_kind_use *kind_uses;	/* every unit kind named, in file order */
	size_t nkind_uses;
};

/* Every error found while loading, in file order. */
struct form_errors {
	char **lines;		/* "file:line:col: message" */
	size_t n;
};

/*
 * Load the definition in TEXT (LEN bytes), reporting errors under the name
 * PATH. Returns the form, or NULL with ERRS filled (at least one line).
 */
struct form *form_load(const char *path, const char *text, size_t len,
		       struct form_errors *errs);
/*
 * Warn (appending to F->notes, as the loader's warnings) at each place F
 * names a unit kind that is not one of KNOWN (N kinds): the task would be
 * owed by nobody. WHERE says what KNOWN is ("trong danh sách đơn vị", "in
 * the roster"). The nearest known kind is suggested, as for unknown keys.
 * Returns how many warnings were added.
 */
size_t form_check_kinds(struct form *f, const char *const *known, size_t n, const char *where);
/* Read and load a file; a file that cannot be read is one error line. */
struct form *form_load_file(const char *path, struct form_errors *errs);

/* The unit kinds a definition is held against (form_load_kinds). */
struct form_kinds {
	const char *const *known;	/* N kinds */
	size_t n;
	const char *where;		/* "trong danh sách đơn vị", "on the roster" */
};
/*
 * form_load / form_load_file, also warning (form_check_kinds) at each kind
 * not in KINDS (NULL or none: no check). The warnings come in the same run
 * as the file's errors, in line order and under the same cap, so a
 * misspelt lead is not hidden until every error is fixed.
 */
struct form *form_load_kinds(const char *path, const char *text, size_t len,
			     const struct form_kinds *kinds, struct form_errors *errs);
struct form *form_load_file_kinds(const char *path, const struct form_kinds *kinds,
				  struct form_errors *errs);
void form_free(struct form *f);
void form_errors_free(struct form_errors *errs);

/*
 * Load a working-day calendar (holidays.yaml: "holidays" and "workdays",
 * each a list of {date} or {from, to}, with a name). On success replaces *C;
 * on error leaves it as it was and fills ERRS.
 */
bool form_calendar_load(const char *path, const char *text, size_t len, struct cal *c,
			struct form_errors *errs);

/* The word of WORDS (N of them) nearest S, when near enough to be what was
 * meant (at most 1 edit for short words, 2 for longer), or NULL. */
const char *form_nearest(const char *s, const char *const *words, size_t n);

/* Field by name, or -1. */
int form_field_index(const struct form *f, const char *name);
/* Report whose FORM-REPORT id is ID, or -1. */
int form_report_index(const struct form *f, const char *form_id);
/* The index of F's report whose short id (reports[].id, "thang") is ID, or
 * -1: the same report across versions, whatever FORM-REPORT id it has. */
int form_report_by_id(const struct form *f, const char *id);
bool form_field_in_report(const struct form *f, int field, int report);
/* Fields that hold values (not groups, notes or containers). */
bool form_field_has_value(const struct form_field *fd);

const char *form_field_type_name(enum field_type t);

/* How field I adds up in the total row: its own `total:`, else the
 * default for its type and unit (FORMAT.md, "Totals"). Never TOTAL_DEFAULT. */
enum field_total form_field_total(const struct form *f, int i);
const char *form_total_name(enum field_total t);	/* "sum", "ratio", ... */
/* The choice VALUE of field I's list, or NULL. */
const struct form_choice *form_choice_of(const struct form *f, int i, const char *value);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sub: one submission's values and the checks on them — the engine the
 * TUI, `baocao fill` and the office's re-check of an imported submission all
 * use, so that a value means the same and is judged the same everywhere.
 *
 * Values are kept as canonical text, one per field (and per row for the
 * columns of repeats and grids): integers "12", decimals "12.5", dates
 * "YYYY-MM-DD", select_one "value", select_multiple "v1 v2", text NFC.
 * sub_set() turns what a person typed into that form or says why it cannot
 * ("12,5" is 12.5; "3 hộ" is not a number). Calculations are recomputed by
 * sub_recalc() in dependency order; sub_check() lists every hard error and
 * soft warning with the field and row it belongs to.
 *
 * The JSON form (sub_to_json / sub_from_json) names fields, not indexes, so
 * a submission filled with one version of a form still reads under the
 * next; values of fields that no longer exist are dropped.
 */
#ifndef BAOCAO_SUB_H
#define BAOCAO_SUB_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/err.h"
#include "form.h"

#define SUB_MAX_ROWS 1000	/* rows of one repeat */
#define SUB_MAX_VALUE 4000	/* bytes of one value */

struct sub;

/* A new, empty submission of report REPORT of F for PERIOD (id text, may be
 * NULL). Defaults are applied and grids get their rows. F must outlive it. */
struct sub *sub_new(const struct form *f, int report, const char *period);
void sub_free(struct sub *s);

const struct form *sub_form(const struct sub *s);
int sub_report(const struct sub *s);
const char *sub_period(const struct sub *s);

/* The unit kind that fills S (plan.h, "who owes which rows"): sub_set
 * refuses, and the checks skip, what another kind fills. NULL (the
 * default): the whole form, as the office sees it. */
void sub_set_kind(struct sub *s, const char *kind);
const char *sub_kind(const struct sub *s);
/* Does S hold a value a unit of KIND does not fill? Then *CAUSE says
 * which (the import refuses such a submission). */
bool sub_foreign(const struct sub *s, const char *kind, char **cause);

/* The previous period's submission, for prev() and "copy last period";
 * S takes ownership. NULL clears it. */
void sub_set_previous(struct sub *s, struct sub *prev);
const struct sub *sub_previous(const struct sub *s);
/* Today, for today() and "not in the future" (days since 1970-01-01);
 * sub_new starts it at the clock's day (clock_now, BAOCAO_NOW). */
void sub_set_today(struct sub *s, long today);

/* Rows of a repeat or grid. */
int sub_rows(const struct sub *s, int container);
/* Add a row to a repeat; returns its index or -1 (at SUB_MAX_ROWS, or not a
 * repeat). */
int sub_add_row(struct sub *s, int container);
/* Remove row ROW of a repeat. */
void sub_del_row(struct sub *s, int container, int row);

/*
 * Set FIELD (in row ROW for a column, else -1) from what the user typed.
 * Empty or all-space text clears it. ERR_INVALID with a one-line reason if
 * the text is not a value of that type (the value is then unchanged).
 */
enum err sub_set(struct sub *s, int field, int row, const char *text, char **cause);
/* The canonical text, or NULL when empty. */
const char *sub_get(const struct sub *s, int field, int row);
/* The value as the expression language sees it. */
struct val sub_value(const struct sub *s, int field, int row);
/* Copy the previous period's value of FIELD (all rows for a column); false
 * if there is none. */
bool sub_copy_previous(struct sub *s, int field);

/* Evaluate E (e.g. an office alert rule) on the submission; text in the
 * result lives in *ARENA. */
struct val sub_eval(struct sub *s, const struct expr *e, struct expr_arena **arena);

/* Recompute every calculation, in dependency order. */
void sub_recalc(struct sub *s);
/* Is FIELD (row ROW) shown: in the report, and it and every group around it
 * relevant? */
bool sub_relevant(const struct sub *s, int field, int row);

/* The reason the user gave for confirming warning WARN of FIELD (row ROW),
 * or NULL; setting NULL or "" clears it. */
const char *sub_reason(const struct sub *s, int field, int row, int warn);
void sub_set_reason(struct sub *s, int field, int row, int warn, const char *reason);

enum sub_severity { SUB_ERROR, SUB_WARNING };

struct sub_issue {
	int field, row;		/* row -1 outside repeats and grids */
	enum sub_severity severity;
	int warn;		/* for warnings: the index in the field's warn list */
	bool confirmed;		/* warnings: a reason was given */
	char *message;
};

/* Check everything (recalculating first). Returns the number of issues, in
 * form order; *ISSUES is freed with sub_issues_free. */
size_t sub_check(struct sub *s, struct sub_issue **issues);
void sub_issues_free(struct sub_issue *issues, size_t n);
/* Counts: errors, and warnings not yet confirmed with a reason. */
void sub_count(const struct sub_issue *issues, size_t n, size_t *errors,
	       size_t *unconfirmed);

/* JSON text of the values and reasons (caller frees), calculations
 * recomputed first. Deterministic: fields in form order. */
char *sub_to_json(struct sub *s);
/* Read JSON made by sub_to_json, or the plain {"field": value, ...} that
 * `baocao fill` accepts. Unknown fields are an error when STRICT, else
 * dropped (an older form version). */
struct sub *sub_from_json(const struct form *f, int report, const char *period,
			  const char *json, bool strict, char **cause);
/* The same, from JSON already parsed (a jansson json_t, left to the
 * caller): what an import reads is parsed once. */
struct json_t;
struct sub *sub_from_json_value(const struct form *f, int report, const char *period,
				struct json_t *root, bool strict, char **cause);

#endif

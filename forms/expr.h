/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr: the expression language of form definitions (constraint, relevant,
 * calculation, soft checks, alerts). XLSForm's subset of XPath, with the
 * same spelling: ${field}, '.', and/or/not, = != < <= > >=, + - * div mod,
 * if(), round(), count-selected(), selected(), sum()/count()/min()/max()
 * over a repeat or grid column, today(), date(), prev() for the previous
 * period's value, and a few more (see forms/FORMAT.md, "Expressions").
 *
 * One evaluator serves the TUI, `baocao fill` and the office's re-check.
 * Evaluation never fails: every operation has a defined result, and
 * "unknown" is the value VAL_EMPTY:
 *
 *   - arithmetic with an empty operand, or a text that is not a number, is
 *     empty; division (div, /, mod) by zero is empty;
 *   - = and != always decide: empty equals '' and nothing else;
 *   - < <= > >= with an empty operand are empty;
 *   - and/or follow three-valued logic (false and empty = false,
 *     true or empty = true); not(empty) = empty;
 *   - how a caller reads an empty result is its rule: a constraint or a
 *     soft check that is empty passes, a relevant that is empty hides
 *     (the field shows once its condition is known to hold).
 */
#ifndef BAOCAO_EXPR_H
#define BAOCAO_EXPR_H

#include <stdbool.h>
#include <stddef.h>

enum val_type { VAL_EMPTY, VAL_NUM, VAL_TEXT, VAL_DATE, VAL_BOOL };

struct val {
	enum val_type type;
	double num;		/* VAL_NUM; VAL_DATE: days since 1970-01-01; VAL_BOOL: 0/1 */
	const char *text;	/* VAL_TEXT; owned by the evaluation's arena or the caller */
};

/* What an expression may refer to: a field of the form, resolved at compile
 * time to an index by the caller. */
struct expr_names {
	void *data;
	/* Index of field NAME (LEN bytes) or -1 if there is none. *COLUMN is set
	 * when the field lives in a repeat or grid (it has one value a row). */
	int (*resolve)(void *data, const char *name, size_t len, bool *column);
};

/* Where values come from while evaluating. */
struct expr_env {
	void *data;
	/* Value of FIELD in row ROW (-1 outside rows); PREVIOUS selects the
	 * previous period's submission. Text must stay valid until the
	 * evaluation returns. */
	struct val (*get)(void *data, int field, int row, bool previous);
	/* Number of rows of the repeat or grid that holds column FIELD. */
	int (*rows)(void *data, int field, bool previous);
	struct val self;	/* '.' */
	int row;		/* current row for column references, or -1 */
	long today;		/* days since 1970-01-01 */
};

struct expr;

#define EXPR_MAX_LEN 4096

/*
 * Compile SRC. On error returns NULL, sets *ERRPOS to the byte offset of
 * the fault in SRC and *CAUSE to a one-line message (caller frees).
 */
struct expr *expr_compile(const char *src, const struct expr_names *names,
			  size_t *errpos, char **cause);
void expr_free(struct expr *e);

/* Call FN for every field the expression refers to (with whether it is read
 * from the previous period), e.g. to find cycles among calculations. */
void expr_refs(const struct expr *e, void (*fn)(void *arg, int field, bool previous),
	       void *arg);
/* The text it was compiled from. */
const char *expr_source(const struct expr *e);
/* True if the expression uses '.' */
bool expr_uses_self(const struct expr *e);

/*
 * Evaluate. Text in the result lives in *ARENA until expr_arena_free; pass
 * the same arena to many evaluations and free it once.
 */
struct expr_arena;
struct val expr_eval(const struct expr *e, const struct expr_env *env,
		     struct expr_arena **arena);
void expr_arena_free(struct expr_arena **arena);

/* Conversions with the rules above. */
bool val_truth(struct val v, bool *known);	/* known=false for empty */
bool val_number(struct val v, double *out);	/* false when not a number */
/* Text form of V into BUF (numbers as integers when whole, dates as
 * YYYY-MM-DD, booleans as "true"/"false", empty as ""). */
const char *val_format(struct val v, char *buf, size_t size);

#endif

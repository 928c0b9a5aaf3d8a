/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sub-open.h: a unit's submission for a form and period, opened together
 * with its previous period — the one place that decides which revision of
 * the previous period prev(), "last period" hints, "copy last period" and
 * the office's sharp-change alerts compare with. The form screen, `baocao
 * fill` and the office report all call it, so for the same data they show
 * the same previous value.
 *
 * The previous period is the one before, under the report's schedule and
 * the plan's validity (deadline_previous: a quarterly report's previous
 * period of 2026-Q1 is 2025-Q4; a period on the "only" list skips the
 * ones not reported). Which of its revisions counts is ONE rule with two
 * named sides (enum sub_prev):
 *
 *   SUB_PREV_SAVED    at the field: the last thing the unit saved or sent
 *                     for that period, whatever its status (a draft, a
 *                     final, one the office returned) — what the unit
 *                     itself last said.
 *   SUB_PREV_COUNTED  at the office: the revision that counts in the
 *                     commune's figures (README, "Which submissions
 *                     count"; sub_counted_pick); when none counts, the
 *                     returned one (what the unit last said, to compare
 *                     with); never a draft.
 *
 * The side follows the install's role (sub_prev_for): a field install
 * uses SAVED, the office COUNTED, wherever the submission is opened.
 */
#ifndef BAOCAO_SUB_OPEN_H
#define BAOCAO_SUB_OPEN_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/err.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "cal.h"
#include "form.h"
#include "period.h"
#include "sub.h"

/* Which revision of the previous period is compared with (above). */
enum sub_prev {
	SUB_PREV_SAVED,		/* field: the last saved or sent, any status */
	SUB_PREV_COUNTED,	/* office: the counted one, else a returned one */
	/* the same two, of the same period a year before (a target "cao hơn
	 * năm trước": 2025-Q2 for 2026-Q2), for sub_open_previous only */
	SUB_PREV_YEAR_SAVED,
	SUB_PREV_YEAR_COUNTED,
};

/* The side of the rule for an install of ROLE. */
enum sub_prev sub_prev_for(enum store_role role);

/* A submission as opened for filling or reviewing. */
struct sub_opened {
	struct sub *s;		/* the current revision, or a new empty one */
	bool saved;		/* something is stored for the period */
	char *status;		/* the current revision's status; NULL if none */
	char *reason;		/* the office's reason when it was returned */
	char *prev_cause;	/* why the previous period could not be read
				   (then it is left out), or NULL */
};

/*
 * Open UNIT's submission of report REPORT of F for PERIOD (an id of the
 * report's kind): its current revision, whatever its status (what the
 * user fills or reviews), with the previous period attached under RULE
 * (sub_set_previous). Nothing stored is no error: OUT->s is then a new
 * submission (sub_new); for an incident report, its first date and time
 * fields start at the moment the period names (2026-11-04T16:40: the
 * 4th, 16:40), which the user just gave. On error (the store cannot be read, the stored
 * revision is damaged) *OUT is empty and *CAUSE says what and where.
 * A previous period that cannot be read is not an error: OUT->prev_cause
 * says why, for the caller to show. Free with sub_opened_free.
 */
enum err sub_open(struct store *st, const struct form *f, int report, const char *unit,
    const char *period, enum sub_prev rule, struct sub_opened *out, char **cause);
void sub_opened_free(struct sub_opened *o);

/*
 * The previous period's submission of UNIT for period P of report REPORT
 * of F, under RULE (a YEAR rule: the same period of the year before, whether
 * the schedule reports it or not), into *PREV (NULL when the schedule has no previous
 * period or nothing there counts under RULE; the caller owns it). ERR_OK
 * then; on error *PREV is NULL and *CAUSE names the period at fault.
 */
enum err sub_open_previous(struct store *st, const struct form *f, int report,
    const char *unit, const struct period *p, enum sub_prev rule, struct sub **prev,
    char **cause);

/* Attach to S the previous period of its period P (sub_open_previous); a
 * failure is returned as a message (caller frees) and S keeps none. */
char *sub_attach_previous(struct store *st, struct sub *s, const struct form *f, int report,
    const char *unit, const struct period *p, enum sub_prev rule);

/*
 * The revision that counts (README, "Which submissions count"): the latest
 * revision the office accepted — approved, or final and received (or
 * entered at the office) and not returned. A newer draft never hides it;
 * a newer revision that was returned ("this one is wrong") leaves an
 * earlier APPROVED one counting (one only received was replaced by the
 * unit itself, and stays replaced). The current revision's status is the
 * submissions table's; older ones are replayed from the audit log of
 * OBJECT ("form/unit/period"). Index into REVS (store_sub_revisions,
 * oldest first), or -1; *STATUS gets the counted revision's status.
 */
int sub_counted_pick(struct store *st, const char *object, const struct store_revision *revs,
    size_t nrevs, const char **status);

/*
 * A unit's counted reports before a period, newest first: what "done in
 * an earlier period" is read from (README, "A task done stays done").
 * SUBS[i] is NULL where nothing counts for PERIODS[i].
 */
struct sub_past {
	struct sub **subs;
	struct period *periods;
	char (*ids)[PERIOD_ID_MAX];
	int *reports;		/* which report of the form each is of */
	size_t n;
};

/*
 * Open into *OUT the counted submissions of UNIT for the periods of report
 * REPORT of F before P (deadline_previous, back to the plan's start), and
 * of F's other reports that ended before P began (a plan's quarterly and
 * yearly reports share its table), newest first, at most SUB_PAST_MAX. A period whose revision cannot be read is
 * left out (NULL), never an error: the row is then simply not carried.
 */
#define SUB_PAST_MAX 64
void sub_open_past(struct store *st, const struct form *f, int report, const char *unit,
    const struct period *p, struct sub_past *out);
void sub_past_free(struct sub_past *h);

/* Is row ROW of grid GRID done in S: its status means done, or its
 * percent column (a number with unit "%") says 100 or more. */
bool sub_row_done(const struct form *f, const struct sub *s, int grid, int row);
/* Does S say anything about row ROW of grid GRID (a status or a percent)? */
bool sub_row_said(const struct form *f, const struct sub *s, int grid, int row);

/*
 * The period id (in H) of the earlier counted report where row ROW of grid
 * GRID was last reported done, when no later counted report says otherwise
 * and the row's deadline there is the same day DUE as in the period asked
 * about (a one-off task; a recurring row is owed again each period): NULL
 * when none. EVENT_DAYS as for form_row_due_day.
 */
const char *sub_past_row_done(const struct form *f, const struct sub_past *h, int grid,
    int row, long due, const struct cal *c, const long *event_days);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-status: completeness and timeliness — for each form and period,
 * each unit that owes it, measured against the form's deadline.
 *
 * A unit owes a report when the roster gives it the form's unit kind, or a
 * kind that leads rows of the report (forms/plan.h). Its
 * state: on time (first reached the office final before the deadline — by
 * the office's receipt, or a day it recorded as received on paper; never
 * by the device's clock), late (by how long), returned (the office sent it back), missing
 * (deadline passed, nothing final), or pending (not due yet).
 */
#ifndef BAOCAO_OFFICE_STATUS_H
#define BAOCAO_OFFICE_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../forms/form-install.h"
#include "../storage/store.h"

enum office_state { OS_MISSING, OS_LATE, OS_RETURNED, OS_PENDING, OS_ON_TIME };

struct office_row {
	const char *form_id;	/* FORM-REPORT, owned by the form set */
	const char *title;
	char period[PERIOD_ID_MAX];
	char *unit_id, *unit_name;
	size_t unit_rank;	/* the unit's place in the roster's name order */
	enum office_state state;
	long deadline;		/* minutes */
	long late;		/* minutes after the deadline (OS_LATE) */
	int64_t submitted;	/* Unix seconds (the office's receipt), -1 if never */
	int64_t claimed;	/* the device's claimed time of the current
				   revision, -1 if none */
	char *clock_note;	/* what was odd about the device's clock, or NULL */
	char *reason;		/* the office's, for a return */
	int overdue_rows;	/* a plan's rows this unit leads that are overdue */
	char *overdue_ids;	/* ... their STT: "1, 2.3" (NULL if none) */
	int more_missing, more_returned;	/* older periods of this report the
				   unit owes that are not listed (over the cap),
				   the oldest of them MORE_FROM; 0 if none */
	char more_from[PERIOD_ID_MAX];
};

/*
 * The rows for PERIOD (an id; the reports whose period kind it names), or,
 * when PERIOD is NULL: for each report's last period whose deadline has
 * passed, every unit that owes it; for each period before that one, the
 * units that still owe it (nothing sent, or returned) — newest first, at
 * most CAP periods per report and unit (0: all), the rest counted on the
 * oldest row listed (more_missing, more_returned, more_from); and, as
 * reminders, its current one when due within 24 hours. Left out, there:
 * what fell due before a unit joined the roster and was never sent (a new
 * installation does not open on a wall of "missing"; asking for the period
 * shows them), and what fell due before the form was first installed, or
 * more than OFFICE_OLDER_MAX periods back.
 * Sorted: missing, late, returned, pending, on time; then deadline, form,
 * unit (Vietnamese order of names, as store_unit_list).
 */
#define OFFICE_OWED_SHOWN 3	/* older periods owed listed per report and unit */
#define OFFICE_OLDER_MAX 600	/* periods looked back at, at most */
enum err office_status_owed(struct store *st, const struct form_set *set, const char *period,
			    long now, int cap, struct office_row **rows, size_t *n,
			    char **cause);
/* office_status_owed with CAP OFFICE_OWED_SHOWN: the interface's table. */
enum err office_status(struct store *st, const struct form_set *set, const char *period,
		       long now, struct office_row **rows, size_t *n, char **cause);
void office_rows_free(struct office_row *rows, size_t n);

/*
 * The plans that take periods like PERIOD but whose validity it falls
 * outside: office_status leaves them out (they are never due then); this
 * says which, one line each ("kỳ 2027-Q1 nằm ngoài hiệu lực của kế hoạch
 * papi (2026-01-01 – 2026-12-31): ..."), so that the omission is never
 * silent. *LINES allocated (each and the array; free with
 * office_lines_free); none for PERIOD NULL.
 */
size_t office_status_outside(const struct form_set *set, const char *period, char ***lines);
void office_lines_free(char **lines, size_t n);

/*
 * The version of F in force at DEADLINE (local minutes, as deadline_of
 * gives it): the newest one installed here by then. When that is an older
 * version than F (a newer one was installed after the deadline), it is
 * returned, loaded (free with form_free), with *REPORT its index of F's
 * report R (-1: it had no such report: nobody owed it then); else NULL (F
 * itself was in force, or nothing can be told: then F decides). The one
 * rule for "which version does a period follow": who owes it (status),
 * which rows a unit leads and when they are due (status's overdue rows,
 * the report's task table), which units the report expects.
 */
struct form *office_version_in_force(struct store *st, const struct form *f, int r,
				     long deadline, int *report);

/* Counts of each state, per unit (BY_FORM false: KEY is a unit id) or per
 * form and period (KEY a FORM-REPORT id, PERIOD set), in the order the
 * rows first name them. KEY and PERIOD point into ROWS. */
struct office_count {
	const char *key, *period;
	int n[OS_ON_TIME + 1];
};
size_t office_counts(const struct office_row *rows, size_t n, bool by_form,
		     struct office_count **out);

/* "2 ngày 3 giờ", "5 giờ 10 phút", "12 phút". */
void office_late_text(long minutes, char *buf, size_t size);

const char *office_state_name(enum office_state s);	/* on-time, late, ... */
const char *office_state_label(enum office_state s);	/* "đúng hạn", ... */

#endif

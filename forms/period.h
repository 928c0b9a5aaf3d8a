/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * period: reporting periods and their deadlines.
 *
 * A period has a kind and an id that names it in files, on the command line
 * and in the database:
 *
 *   day       2026-11-23          week      2026-W48 (ISO 8601 week)
 *   month     2026-11             quarter   2026-Q4
 *   half      2026-H1             semester  2026-S1 (school year 2026-2027)
 *   year      2026
 *   request   2026-11-23 or 2026-11-23.2   (ad hoc: the day a request came)
 *   incident  2026-11-23T14:30               (ad hoc: when it happened)
 *
 * A deadline rule says when the report for a period is due, written the way
 * the plans write it (see forms/FORMAT.md, "Deadlines"):
 *
 *   "16:30"                    day: the same day at 16:30
 *   "friday 15:00"             week: that day of the period's week
 *   "day 12 of next month"     month: the 12th of the following month
 *   "day 5 of next quarter"    quarter: the 5th of the next quarter's first month
 *   "25/05"                    half, semester, year: the first 25 May on or
 *                              after the period's first day
 *   "3 working days"           request: the end of the 3rd working day after
 *   "2 hours"                  incident: two hours after it happened
 *   "end"                      any kind: when the period ends
 *
 * The same in Vietnamese, as clerks write them ("16 giờ 30", "thứ Sáu 15
 * giờ", "ngày 12 tháng sau", "ngày 5 quý sau", "25/5", "3 ngày làm việc",
 * "2 giờ", "hết kỳ"), accents and case aside; what names no one deadline
 * ("ngày 12" on a month: this one or the next?) is an error.
 *
 * Every deadline is an instant (minutes, cal.h). "Before day 12" is read
 * strictly: the instant is the 12th at 00:00 unless a time is written.
 */
#ifndef BAOCAO_PERIOD_H
#define BAOCAO_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "cal.h"

enum period_kind {
	PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF,
	PERIOD_SEMESTER, PERIOD_YEAR, PERIOD_REQUEST, PERIOD_INCIDENT,
};

struct period {
	enum period_kind kind;
	int year;	/* calendar year; semester: the school year's first year;
			   week: the ISO week-numbering year */
	int num;	/* day of year, week, month, quarter, half, semester; 0 for year */
	int seq;	/* request: .N suffix (1 when absent) */
	long start;	/* first day (days, cal.h) */
	long end;	/* first day after the period */
	long at;	/* incident: minutes; request: the day */
};

#define PERIOD_ID_MAX 24

bool period_kind_parse(const char *s, enum period_kind *kind);
const char *period_kind_name(enum period_kind kind);	/* "month" */
const char *period_kind_label(enum period_kind kind);	/* "Tháng" / "Month" */
/* Ad hoc kinds (request, incident) have no calendar of periods. */
bool period_kind_adhoc(enum period_kind kind);

/* Parse ID as a period of KIND; false if it is not one. */
bool period_parse(enum period_kind kind, const char *id, struct period *p);
const char *period_format(const struct period *p, char *buf, size_t size);
/* The period of KIND that holds DAY (calendar kinds only). For a semester,
 * a summer day belongs to the semester that ended before it. */
struct period period_containing(enum period_kind kind, long day);
struct period period_next(const struct period *p);
struct period period_prev(const struct period *p);

enum deadline_how {
	DL_END,		/* when the period ends */
	DL_SAME_DAY,	/* day: HH:MM the same day */
	DL_WEEKDAY,	/* week: weekday [HH:MM] */
	DL_NEXT_DAY_N,	/* month/quarter: day N of the next month/quarter */
	DL_THIS_DAY_N,	/* month/quarter: day N of this month/quarter */
	DL_DATE,	/* half/semester/year: DD/MM on or after the start */
	DL_WORKDAYS,	/* request: N working days */
	DL_DAYS,	/* request: N calendar days */
	DL_HOURS,	/* incident: N hours */
	DL_MINUTES,	/* incident: N minutes */
};

struct deadline_rule {
	enum period_kind kind;
	enum deadline_how how;
	int n;		/* day of month, weekday (1 = Monday), count */
	int month;	/* DL_DATE */
	int year;	/* DL_DATE: 0 the first such day on or after the start;
			   1 "this year" (the start's), 2 "next year" */
	int minute;	/* time of day, minutes after 00:00 */
	unsigned only;	/* bit k set: only periods with num == k report; 0 = all */
	long valid_from, valid_to;	/* the plan's validity (days, inclusive), or -1:
					   periods wholly outside are never reported.
					   -1 from deadline_parse; the form's loader
					   sets them from `valid` */
};

/* Parse TEXT as a deadline for periods of KIND. On error returns false with
 * *CAUSE set and *ERRPOS the byte offset at fault. */
bool deadline_parse(enum period_kind kind, const char *text, struct deadline_rule *r,
		    size_t *errpos, char **cause);
/* The instant (minutes) by which the report for P is due. */
long deadline_of(const struct deadline_rule *r, const struct period *p, const struct cal *c);
/* Whether P is reported at all: on R's "only" list and within its validity.
 * Every path that takes a period (fill, import, review, status, report, the
 * TUI's period choice) asks this, so a plan's `valid` range holds everywhere. */
bool deadline_applies(const struct deadline_rule *r, const struct period *p);
/* Whether P overlaps R's validity window (true without one). */
bool deadline_in_window(const struct deadline_rule *r, const struct period *p);
/* The period to report at moment NOW: the earliest one, among those that
 * are reported, whose deadline is still ahead -- unless that one has not
 * begun, then the latest reported one that has (its deadline passed: it is
 * overdue). A period that has not begun is given only when no reported one
 * has (a plan not yet valid). False for ad hoc kinds and past the plan's
 * validity. Callers show the periods before it that are not done. */
bool deadline_current(const struct deadline_rule *r, long now, const struct cal *c,
		      struct period *out);
/* The latest period, among those reported under R, whose deadline is at or
 * before NOW: what is owed last. Once a plan's validity has ended and
 * deadline_current finds nothing, its final periods are these. False for
 * ad hoc kinds, or if nothing has fallen due yet. */
bool deadline_last_due(const struct deadline_rule *r, long now, const struct cal *c,
		       struct period *out);
/* The period before P that is reported under R (for prev()). */
bool deadline_previous(const struct deadline_rule *r, const struct period *p,
		       struct period *out);
/* The period after P that is reported under R (false past the validity). */
bool deadline_next(const struct deadline_rule *r, const struct period *p, struct period *out);
/* The rule in words, in the user's language ("trước ngày 12 tháng sau"). */
const char *deadline_describe(const struct deadline_rule *r, char *buf, size_t size);

#endif

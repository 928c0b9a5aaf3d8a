/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan: what a plan's task table says beyond its fields — who leads and
 * who helps each row, when each row is due, and for which dates the plan
 * holds (FORMAT.md, "Plans").
 *
 * One rule, written once here, says which unit owes which rows; the field
 * installation's form list, `fill`, the import's validation, the office's
 * status and reports all ask it. A form whose rows name no lead keeps the
 * old rule: its one `unit` kind fills everything.
 */
#ifndef BAOCAO_PLAN_H
#define BAOCAO_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "cal.h"
#include "form.h"
#include "period.h"
#include "sub.h"

enum row_role { ROW_ROLE_NONE, ROW_ROLE_HELPS, ROW_ROLE_LEADS };

/* What a unit of KIND does on row R: leads it (fills it), helps (sees it,
 * read-only) or nothing. A heading row is led by no one. */
enum row_role form_row_role(const struct form *f, const struct form_row *r, const char *kind);
/* Does a unit of KIND owe report REPORT of F (-1: any report)? True for
 * the form's `unit`, and for a kind that leads a row of the report. */
bool form_owed_by(const struct form *f, int report, const char *kind);
/* Does a unit of KIND see F at all: it owes it, or helps on a row? (The
 * office pack carries F to such units.) */
bool form_sees(const struct form *f, const char *kind);
/* Does a unit of KIND help on a row of report REPORT of F (-1: any)? A
 * kind that helps and leads nothing opens the report read-only. */
bool form_helps_on(const struct form *f, int report, const char *kind);
/* The STT of the rows of report REPORT (-1: any) a unit of KIND helps on,
 * "30, 33" into BUF ("" if none; cut, with "…", when it does not fit). */
const char *form_helped_rows(const struct form *f, int report, const char *kind, char *buf,
			     size_t size);
/* May a unit of KIND fill FIELD (row ROW for a grid's column, else -1)?
 * KIND NULL: anyone (the office's view of the whole form). */
bool form_fills(const struct form *f, const char *kind, int field, int row);
/* Is FIELD (row ROW) shown to a unit of KIND (what it fills, and the rows
 * it helps, read-only)? KIND NULL: everything. */
bool form_shows(const struct form *f, const char *kind, int field, int row);
/* The lead kinds of R as one text ("phong-kinh-te, thon"), or the form's unit. */
const char *form_row_leads(const struct form *f, const struct form_row *r, char *buf,
			   size_t size);

/* When D/M/Y is no day ("31/6/2026", "12/13/2026"; Y 0: a day of every
 * year, "30/02"), say why in *CAUSE and return true; false (nothing said)
 * when it is a day. */
bool form_date_says_why(int d, int m, int y, char **cause);
/*
 * Read TEXT as a row's deadline of F (F's events and validity must be
 * loaded). On error returns false with *CAUSE (allocated) and *POS the offset
 * at fault, counted in characters (it is read folded: one byte a character).
 */
bool form_row_due_parse(const struct form *f, const char *text, struct row_due *d,
			size_t *pos, char **cause);
/*
 * Read a row's `due` (the plan's words) with the reader of `deadline:`:
 * 1 read into *D; 0 not a deadline it reads (free text: no date, nothing
 * said); -1 refused for certain as `deadline:` would be (a day the month
 * lacks, a date outside F's validity), with the same message in *CAUSE.
 */
int form_due_parse(const struct form *f, const char *due, struct row_due *d, char **cause);
/*
 * A row's `due` (one without `deadline:`) that gives no date but reads
 * like a deadline counted from an event of F: words the reader takes for
 * an event F does not declare ("5 ngày sau khao-sa"), "sau khi …" / "kể
 * từ khi …" words that name none ("Sau khi có kết quả khảo sá"), or an
 * event named where `due` keeps one fixed day only. Why, allocated, one
 * line naming the words and the nearest event when one is near; NULL when
 * it does not look like one, or F declares no events (free words).
 */
char *form_due_event_doubt(const struct form *f, const char *due);
/*
 * The last day (inclusive) row R is due when period P is reported, or -1
 * (none, ongoing, an event not yet recorded). EVENT_DAYS[i] is the day
 * event i of F was recorded, or -1; NULL when none is known.
 */
long form_row_due_day(const struct form *f, const struct form_row *r, const struct period *p,
		      const struct cal *c, const long *event_days);
/* The row's deadline in words for the period: "30/06/2026", "chờ: Có kết
 * quả khảo sát", "thường xuyên", or "" when it has none. */
const char *form_row_due_text(const struct form *f, const struct form_row *r,
			      const struct period *p, const struct cal *c,
			      const long *event_days, char *buf, size_t size);
/* The status column of grid GRID: its first select_one whose list says
 * what its values mean (done / started / late), or -1. */
int form_grid_status_col(const struct form *f, int grid);
/* How far row ROW of grid GRID is, in S: the progress of its status. */
enum choice_progress form_row_progress(const struct form *f, const struct sub *s, int grid,
				       int row);

/*
 * Is a row overdue for a unit: its status says it is behind (PR), or it is
 * not done and its deadline DUE (form_row_due_day, -1: none) passed before
 * TODAY or the end of period P, whichever comes first. A unit that sent
 * nothing has PR PROGRESS_NONE. Never for a period that has not begun by
 * TODAY, and never while UNHEARD: the unit has sent nothing that counts
 * for P and its report is not due yet (a status of "not due yet" with rows
 * "overdue" would contradict itself; the office cannot know). The one rule
 * status and report share.
 */
bool form_row_overdue(enum choice_progress pr, long due, const struct period *p, long today,
		      bool unheard);

/* Is P within the plan's validity (overlapping it)? True without one. */
bool form_period_valid(const struct form *f, const struct period *p);
/*
 * May report REPORT of F be filled, imported or reported for PERIOD_ID?
 * NULL when it may (with *P the period), else why not, allocated, one line:
 * not a period of the report's kind, not one its deadline names, or wholly
 * outside the plan's `valid` range. The one check fill, import, review,
 * status and report share.
 */
char *form_period_refusal(const struct form *f, int report, const char *period_id,
			  struct period *p);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-status: completeness and timeliness (see office-status.h).
 */
#include "office-status.h"
#include "../core/text.h"

#include "../forms/plan.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../storage/store-audit.h"
#include "../storage/store-forms.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../forms/sub-open.h"
#include "../forms/sub.h"

const char *
office_state_name(enum office_state s)
{
	static const char *const n[] = { "missing", "late", "returned", "pending", "on-time" };
	return n[s];
}

const char *
office_state_label(enum office_state s)
{
	switch (s) {
	case OS_MISSING: return TR("chưa nộp", "missing");
	case OS_LATE: return TR("nộp muộn", "late");
	case OS_RETURNED: return TR("bị trả lại", "returned");
	case OS_PENDING: return TR("chưa đến hạn", "not due yet");
	default: return TR("đúng hạn", "on time");
	}
}

void
office_late_text(long minutes, char *buf, size_t size)
{
	if (minutes >= MINUTES_PER_DAY)
		snprintf(buf, size, TR("%ld ngày %ld giờ", "%ld days %ld hours"),
		    minutes / MINUTES_PER_DAY, minutes % MINUTES_PER_DAY / 60);
	else if (minutes >= 60)
		snprintf(buf, size, TR("%ld giờ %ld phút", "%ld hours %ld minutes"), minutes / 60,
		    minutes % 60);
	else
		snprintf(buf, size, TR("%ld phút", "%ld minutes"), minutes);
}

size_t
office_counts(const struct office_row *rows, size_t n, bool by_form, struct office_count **out)
{
	struct office_count *c = NULL;
	size_t nc = 0;

	for (size_t i = 0; i < n; i++) {
		const char *key = by_form ? rows[i].form_id : rows[i].unit_id;
		const char *period = by_form ? rows[i].period : NULL;
		size_t k;
		for (k = 0; k < nc; k++)
			if (strcmp(c[k].key, key) == 0 && (!by_form || strcmp(c[k].period, period) == 0))
				break;
		if (k == nc) {
			c = xreallocarray(c, nc + 1, sizeof *c);
			c[nc++] = (struct office_count){ key, period, { 0 } };
		}
		c[k].n[rows[i].state]++;
		/* a unit's older periods owed and not listed count all the
		 * same (per form and period they are other periods) */
		if (!by_form) {
			c[k].n[OS_MISSING] += rows[i].more_missing;
			c[k].n[OS_RETURNED] += rows[i].more_returned;
		}
	}
	*out = c;
	return nc;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct office_row *x = a, *y = b;
	int c;

	if (x->state != y->state)
		return x->state < y->state ? -1 : 1;
	if (x->deadline != y->deadline)
		return x->deadline < y->deadline ? -1 : 1;
	if ((c = strcmp(x->form_id, y->form_id)) != 0)
		return c;
	if (x->unit_rank != y->unit_rank)
		return x->unit_rank < y->unit_rank ? -1 : 1;
	return strcmp(x->unit_id, y->unit_id);
}

/*
 * The rows of a plan's task grid that UNIT (of KIND) leads and that are
 * overdue as of NOW: not done, and due by then or by the period's end,
 * whichever is sooner (or marked behind). From its latest submission,
 * read under F: the version in force at the period's deadline
 * (office_version_in_force), whose leads and dues count for it.
 */
static void
overdue_rows(struct store *st, const struct form *f, int r, const struct period *p, long now,
    const struct cal *cal, const char *unit, const char *kind, struct office_row *row)
{
	struct store_sub got;
	struct sub *s = NULL;
	char *cause = NULL, pid[PERIOD_ID_MAX];
	long *days = NULL;
	char buf[512] = "";
	struct sub_past past;
	bool past_open = false;

	period_format(p, pid, sizeof pid);
	for (size_t g = 0; g < f->nfields; g++) {
		const struct form_field *gd = &f->fields[g];
		if (gd->type != FIELD_GRID || !form_field_in_report(f, (int)g, r))
			continue;
		if (s == NULL) {
			if (store_sub_get(st, f->reports[r].form_id, unit, pid, &got, &cause) == ERR_OK) {
				s = sub_from_json(f, r, pid, got.data, false, &cause);
				free(got.form_id);
				free(got.unit_id);
				free(got.period);
				free(got.status);
				free(got.status_reason);
				free(got.data);
			}
			free(cause);
			cause = NULL;
			if (form_event_days(st, f, &days, &cause) != ERR_OK) {
				free(cause);
				cause = NULL;
			}
		}
		for (size_t k = 0; k < gd->nrows; k++) {
			const struct form_row *row_ = &gd->rows[k];
			enum choice_progress pr;
			long due;
			if (!(row_->reports & (1u << r)) ||
			    form_row_role(f, row_, kind) != ROW_ROLE_LEADS)
				continue;
			pr = form_row_progress(f, s, (int)g, (int)k);
			due = form_row_due_day(f, row_, p, cal, days);
			if (sub_row_done(f, s, (int)g, (int)k))
				pr = PROGRESS_DONE;
			else if (!sub_row_said(f, s, (int)g, (int)k) && due >= 0) {
				/* a one-off task done in an earlier counted
				 * report stays done (README) */
				if (!past_open) {
					sub_open_past(st, f, r, unit, p, &past);
					past_open = true;
				}
				if (sub_past_row_done(f, &past, (int)g, (int)k, due, cal, days))
					pr = PROGRESS_DONE;
			}
			if (form_row_overdue(pr, due, p, now / MINUTES_PER_DAY,
			    row->state == OS_PENDING)) {
				size_t n = strlen(buf);
				row->overdue_rows++;
				if (n + 1 < sizeof buf)
					snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "", row_->id);
			}
		}
	}
	if (row->overdue_rows)
		row->overdue_ids = xstrdup(buf);
	if (past_open)
		sub_past_free(&past);
	sub_free(s);
	free(days);
}

/*
 * When the revision the office counts was received (README, "Late or on
 * time"): the first final revision received, unless the office returned
 * one; then the first received after the latest return (the returned one
 * was wrong: sending it on time does not make the fix on time). SUBMITTED
 * is the first receipt of any final revision (store_sub_overview); a
 * submission the office never returned keeps it. Only a submission with
 * more than one revision can have been returned and sent again, so others
 * cost no query.
 */
static enum err
counted_receipt(struct store *st, const char *form_id, const char *unit_id, const char *pid,
    int rev, int64_t *submitted, char **cause)
{
	struct store_audit_row *rows = NULL;
	struct store_revision *revs = NULL;
	size_t nrows = 0, nrevs = 0;
	int64_t returned_at = -1, first = -1;
	char *object;
	enum err e;

	if (rev <= 1 || *submitted < 0)
		return ERR_OK;
	object = xasprintf("%s/%s/%s", form_id, unit_id, pid);
	e = store_audit_list(st, object, &rows, &nrows, cause);
	free(object);
	for (size_t i = 0; e == ERR_OK && i < nrows; i++)
		if (strcmp(rows[i].action, "return") == 0 && rows[i].at > returned_at)
			returned_at = rows[i].at;
	store_audit_free(rows, nrows);
	if (e != ERR_OK || returned_at < 0)
		return e;
	e = store_sub_revisions(st, form_id, unit_id, pid, &revs, &nrevs, cause);
	for (size_t k = 0; e == ERR_OK && k < nrevs; k++)
		if (revs[k].final && revs[k].created >= returned_at &&
		    (first < 0 || revs[k].created < first))
			first = revs[k].created;
	store_revision_free(revs, nrevs);
	/* none since: the returned one approved after all, counted as it came */
	if (e == ERR_OK && first >= 0)
		*submitted = first;
	return e;
}

/*
 * An older period's pass (a report's periods before its last due one,
 * walked newest first): only what a unit still owes is listed (missing,
 * returned), at most CAP periods per unit (0: all); the rest are counted
 * on the oldest listed row. SHOWN and LAST: per roster unit, how many are
 * listed and the index of the oldest listed row.
 */
struct older {
	int cap;
	int *shown;
	size_t *last;
};

/* Keep ROW (of roster unit U, an older period PID)? Else counted, on the
 * oldest row listed for the unit, when over the cap. */
static bool
older_keep(struct older *o, size_t u, struct office_row *rows, size_t i, const char *pid)
{
	struct office_row *row = &rows[i], *last;

	if (row->state != OS_MISSING && row->state != OS_RETURNED)
		return false;	/* sent: only the last due period lists it */
	if (o->cap == 0 || o->shown[u] < o->cap) {
		o->shown[u]++;
		o->last[u] = i;
		return true;
	}
	last = &rows[o->last[u]];
	if (row->state == OS_RETURNED)
		last->more_returned++;
	else
		last->more_missing++;
	snprintf(last->more_from, sizeof last->more_from, "%s", pid);	/* walked back */
	return false;
}

/* See office-status.h. */
struct form *
office_version_in_force(struct store *st, const struct form *f, int r, long deadline,
    int *report)
{
	struct store_form sf;
	struct form_errors errs = { 0 };
	struct form *old;
	char *cause = NULL;
	long long at = (long long)deadline * 60;
	int v;

	/* local minutes to Unix seconds: the zone's offset near that day */
	at -= (long long)moment_from_unix(at) * 60 - at;
	*report = -1;
	if (store_form_in_force(st, f->id, at, &v, &cause) != ERR_OK || v >= f->version ||
	    store_form_get(st, f->id, v, &sf, &cause) != ERR_OK) {
		free(cause);
		return NULL;
	}
	old = form_load(sf.id, sf.definition, strlen(sf.definition), &errs);
	free(sf.id);
	free(sf.title);
	free(sf.unit_kind);
	free(sf.definition);
	form_errors_free(&errs);
	if (old == NULL)
		return NULL;
	for (size_t k = 0; k < old->nreports; k++)
		if (strcmp(old->reports[k].form_id, f->reports[r].form_id) == 0)
			*report = (int)k;
	return old;
}

/* The rows of one report and period. JOINED: leave out a unit that has
 * sent nothing for a deadline that passed before it joined the roster.
 * OLDER: an older period's pass (above), or NULL. */
static enum err
add_period(struct store *st, const struct form *f, int r, const struct period *p, long deadline,
    long now, const struct cal *cal, bool joined, struct older *older,
    const struct store_unit *units, size_t nunits, struct office_row **rows, size_t *n,
    char **cause)
{
	struct store_sub_info *info;
	size_t ninfo;
	char pid[PERIOD_ID_MAX];
	enum err e;
	struct form *then;	/* the version in force at the deadline, if older */
	const struct form *vf;	/* ... else F */
	int rthen = -1, vr;

	period_format(p, pid, sizeof pid);
	e = store_sub_overview(st, f->reports[r].form_id, pid, &info, &ninfo, cause);
	if (e != ERR_OK)
		return e;
	then = office_version_in_force(st, f, r, deadline, &rthen);
	/* which rows a unit leads, and when they are due: that version's too */
	vf = then != NULL && rthen >= 0 ? then : f;
	vr = then != NULL && rthen >= 0 ? rthen : r;
	for (size_t u = 0; u < nunits; u++) {
		struct office_row *row;
		const struct store_sub_info *si = NULL;
		bool owed_now, owed_then;

		if (!units[u].active)
			continue;
		for (size_t i = 0; i < ninfo; i++)
			if (strcmp(info[i].unit_id, units[u].id) == 0)
				si = &info[i];
		/* a unit owes a period under the version in force at its
		 * deadline: leads a later version added owe only from then
		 * (unless the unit sent it all the same), leads it dropped
		 * still owe the periods due before */
		owed_now = form_owed_by(f, r, units[u].kind);
		owed_then = then == NULL ? owed_now :
		    rthen >= 0 && form_owed_by(then, rthen, units[u].kind);
		if (!owed_then && !(owed_now && si != NULL))
			continue;
		if (joined && si == NULL && deadline < moment_from_unix(units[u].created_at))
			continue;
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		row = &(*rows)[(*n)++];
		memset(row, 0, sizeof *row);
		row->form_id = f->reports[r].form_id;
		row->title = f->reports[r].title ? f->reports[r].title : f->title;
		snprintf(row->period, sizeof row->period, "%s", pid);
		row->unit_id = xstrdup(units[u].id);
		row->unit_name = xstrdup(units[u].name);
		row->unit_rank = u;
		row->deadline = deadline;
		row->submitted = si ? si->submitted : -1;
		if (si != NULL && (e = counted_receipt(st, f->reports[r].form_id, units[u].id, pid,
		    si->rev, &row->submitted, cause)) != ERR_OK)
			break;
		row->claimed = si ? si->claimed : -1;
		row->clock_note = si && si->clock_note ? xstrdup(si->clock_note) : NULL;
		row->reason = si && si->reason ? xstrdup(si->reason) : NULL;
		if (si != NULL && strcmp(si->status, "returned") == 0)
			row->state = OS_RETURNED;
		else if (row->submitted >= 0) {
			long at = moment_from_unix(row->submitted);
			row->state = at < deadline ? OS_ON_TIME : OS_LATE;
			row->late = at < deadline ? 0 : at - deadline;
		} else
			row->state = deadline <= now ? OS_MISSING : OS_PENDING;
		if (older != NULL && !older_keep(older, u, *rows, *n - 1, pid)) {
			free(row->unit_id);
			free(row->unit_name);
			free(row->clock_note);
			free(row->reason);
			(*n)--;
			continue;
		}
		overdue_rows(st, vf, vr, p, now, cal, units[u].id, units[u].kind, row);
	}
	store_sub_info_free(info, ninfo);
	form_free(then);
	return e;
}

/*
 * The periods of report R before LAST (its last due one), newest first,
 * back to the first whose deadline fell before the form was installed
 * (SINCE, minutes) or outside the plan's validity, at most
 * OFFICE_OLDER_MAX: what each unit still owes of them (older_keep).
 */
static enum err
add_older(struct store *st, const struct form *f, int r, const struct period *last, long now,
    const struct cal *cal, long since, int cap, const struct store_unit *units, size_t nunits,
    struct office_row **rows, size_t *n, char **cause)
{
	const struct deadline_rule *rule = &f->reports[r].rule;
	struct older o = { cap, xcalloc(nunits ? nunits : 1, sizeof *o.shown),
			   xcalloc(nunits ? nunits : 1, sizeof *o.last) };
	struct period q = *last;
	enum err e = ERR_OK;

	for (int k = 0; e == ERR_OK && k < OFFICE_OLDER_MAX && deadline_previous(rule, &q, &q);
	    k++) {
		long dl = deadline_of(rule, &q, cal);
		if (dl < since)
			break;	/* asked of nobody: the form was not here yet */
		e = add_period(st, f, r, &q, dl, now, cal, true, &o, units, nunits, rows, n, cause);
	}
	free(o.shown);
	free(o.last);
	return e;
}

enum err
office_status(struct store *st, const struct form_set *set, const char *period, long now,
    struct office_row **rows, size_t *n, char **cause)
{
	return office_status_owed(st, set, period, now, OFFICE_OWED_SHOWN, rows, n, cause);
}

enum err
office_status_owed(struct store *st, const struct form_set *set, const char *period, long now,
    int cap, struct office_row **rows, size_t *n, char **cause)
{
	struct store_unit *units;
	size_t nunits;
	bool known = period == NULL;	/* some report has periods like PERIOD */
	bool inside = false;		/* ... and PERIOD is within its plan's validity */
	char *outside = NULL;		/* why PERIOD is outside a plan, if it is */
	enum err e;

	*rows = NULL;
	*n = 0;
	e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e != ERR_OK)
		return e;
	for (size_t i = 0; e == ERR_OK && i < set->n; i++) {
		const struct form *f = set->forms[i];
		long since = LONG_MIN;	/* minutes: when the form was first installed */
		if (period == NULL) {
			int64_t at;
			e = store_form_since(st, f->id, &at, cause);
			if (e == ERR_OK)
				since = moment_from_unix(at);
			else if (e == ERR_NOTFOUND) {	/* not installed: no floor but the bound */
				free(*cause);
				*cause = NULL;
				e = ERR_OK;
			}
		}
		for (size_t r = 0; e == ERR_OK && r < f->nreports; r++) {
			const struct deadline_rule *rule = &f->reports[r].rule;
			struct period p, prev;

			if (period != NULL) {
				/* ad hoc reports too: a request's id is its day */
				bool parsed = period_parse(rule->kind, period, &p);
				known |= parsed;
				if (parsed && deadline_applies(rule, &p)) {
					inside = true;
					e = add_period(st, f, (int)r, &p, deadline_of(rule, &p, &set->cal),
					    now, &set->cal, false, NULL, units, nunits, rows, n, cause);
				} else if (parsed && outside == NULL && !deadline_in_window(rule, &p)) {
					outside = form_period_refusal(f, (int)r, period, &p);
				}
				continue;
			}
			if (period_kind_adhoc(rule->kind))
				continue;
			if (!deadline_current(rule, now, &set->cal, &p)) {
				/* the plan has ended: its final periods stay owed until sent */
				if (!deadline_last_due(rule, now, &set->cal, &prev))
					continue;
				e = add_period(st, f, (int)r, &prev, deadline_of(rule, &prev, &set->cal),
				    now, &set->cal, true, NULL, units, nunits, rows, n, cause);
				/* ... and every one before them that a unit still owes */
				if (e == ERR_OK)
					e = add_older(st, f, (int)r, &prev, now, &set->cal, since, cap,
					    units, nunits, rows, n, cause);
				continue;
			}
			if (deadline_previous(rule, &p, &prev)) {
				e = add_period(st, f, (int)r, &prev, deadline_of(rule, &prev, &set->cal),
				    now, &set->cal, true, NULL, units, nunits, rows, n, cause);
				/* every period before it that a unit still owes */
				if (e == ERR_OK)
					e = add_older(st, f, (int)r, &prev, now, &set->cal, since, cap,
					    units, nunits, rows, n, cause);
			}
			/* reminders: what falls due in the next 24 hours */
			if (e == ERR_OK && deadline_of(rule, &p, &set->cal) - now <= MINUTES_PER_DAY)
				e = add_period(st, f, (int)r, &p, deadline_of(rule, &p, &set->cal), now,
				    &set->cal, true, NULL, units, nunits, rows, n, cause);
		}
	}
	store_unit_free(units, nunits);
	/* a period no plan runs in is said so, not listed as "not yet due" */
	if (e == ERR_OK && known && !inside && outside != NULL)
		e = err_set(cause, ERR_INVALID, "%s", outside);
	free(outside);
	if (e == ERR_OK && !known)
		e = err_set(cause, ERR_INVALID, TR("'%s' không phải kỳ báo cáo nào (ví dụ 2026-10, "
		    "2026-Q3, 2026-W45, 2026-H1, 2026-S1, 2026, 2026-11-05)", "'%s' is no report's "
		    "period (e.g. 2026-10, 2026-Q3, 2026-W45, 2026-H1, 2026-S1, 2026, 2026-11-05)"),
		    text_quote(period));
	if (e != ERR_OK) {
		office_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return e;
	}
	if (*n > 1)	/* qsort may not be given NULL, even for nothing */
		qsort(*rows, *n, sizeof **rows, row_cmp);
	return ERR_OK;
}

void
office_rows_free(struct office_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].unit_id);
		free(rows[i].clock_note);
		free(rows[i].unit_name);
		free(rows[i].reason);
		free(rows[i].overdue_ids);
	}
	free(rows);
}

size_t
office_status_outside(const struct form_set *set, const char *period, char ***lines)
{
	size_t n = 0;

	*lines = NULL;
	for (size_t i = 0; period != NULL && i < set->n; i++) {
		const struct form *f = set->forms[i];
		bool inside = false;
		int out = -1;
		for (size_t r = 0; r < f->nreports; r++) {
			const struct deadline_rule *rule = &f->reports[r].rule;
			struct period p;
			if (!period_parse(rule->kind, period, &p))
				continue;
			if (deadline_in_window(rule, &p))
				inside = true;
			else if (out < 0)
				out = (int)r;
		}
		/* one line per plan, and only if none of its reports runs then */
		if (out >= 0 && !inside) {
			struct period p;
			char *why = form_period_refusal(f, out, period, &p);
			if (why == NULL)
				continue;
			*lines = xreallocarray(*lines, n + 1, sizeof **lines);
			(*lines)[n++] = why;
		}
	}
	return n;
}

void
office_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sub-open.c: a submission opened with its previous period, and which
 * revision of a period counts (see sub-open.h).
 */
#include "sub-open.h"
#include "../core/text.h"
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../storage/store-audit.h"

enum sub_prev
sub_prev_for(enum store_role role)
{
	return role == STORE_ROLE_FIELD ? SUB_PREV_SAVED : SUB_PREV_COUNTED;
}

/*
 * What the office said of each revision of a submission, replayed from its
 * audit rows in order (the submissions table keeps the status of the
 * current revision only): "create"/"edit"/"restore" rev N make N the
 * current draft, "finalise" rev N makes it final at the office, "import"
 * rev N (unless kept in history as older) makes it current and received,
 * "approve"/"return" judge the current one. VERDICT[i] is for REVS[i]
 * (NULL: nothing known).
 */
static void
replay_verdicts(struct store *st, const char *object, const struct store_revision *revs,
    size_t nrevs, const char **verdict)
{
	struct store_audit_row *rows = NULL;
	size_t nrows = 0;
	char *cause = NULL;
	int cur = -1;

	if (store_audit_list(st, object, &rows, &nrows, &cause) != ERR_OK) {
		free(cause);	/* nothing known: only the current revision can count */
		return;
	}
	for (size_t i = 0; i < nrows; i++) {
		const char *a = rows[i].action, *v = NULL;
		int n = 0;
		if (strcmp(a, "approve") == 0 || strcmp(a, "return") == 0) {
			if (cur >= 0)
				verdict[cur] = a[0] == 'a' ? "approved" : "returned";
			continue;
		}
		if (strcmp(a, "create") == 0 || strcmp(a, "edit") == 0 ||
		    strcmp(a, "restore") == 0)
			v = "draft";
		else if (strcmp(a, "finalise") == 0)
			v = "final";
		else if (strcmp(a, "import") == 0)
			v = "received";
		if (v == NULL || rows[i].detail == NULL || sscanf(rows[i].detail, "rev %d", &n) != 1)
			continue;
		for (size_t k = 0; k < nrevs; k++) {
			if (revs[k].rev != n)
				continue;
			verdict[k] = v;
			if (strstr(rows[i].detail, "(older, kept in history)") == NULL)
				cur = (int)k;
		}
	}
	store_audit_free(rows, nrows);
}

/* The revision that counts (sub-open.h). */
int
sub_counted_pick(struct store *st, const char *object, const struct store_revision *revs,
    size_t nrevs, const char **status)
{
	const char **verdict = xcalloc(nrevs + 1, sizeof *verdict);
	bool returned_after = false;
	int pick = -1;

	replay_verdicts(st, object, revs, nrevs, verdict);
	for (size_t k = nrevs; k-- > 0 && pick < 0; ) {
		const char *v = revs[k].current ? revs[k].status : verdict[k];
		if (v == NULL || !revs[k].final)
			continue;
		if (strcmp(v, "returned") == 0) {
			returned_after = true;
			continue;
		}
		/* behind a returned revision only an approved one counts again: one
		 * merely received was replaced by the unit itself */
		if (strcmp(v, "approved") == 0 || (!returned_after && (strcmp(v, "received") == 0 ||
		    strcmp(v, "final") == 0 || strcmp(v, "exported") == 0))) {
			pick = (int)k;
			*status = v;
		}
	}
	free(verdict);
	return pick;
}


static void
row_clear(struct store_sub *row)
{
	free(row->form_id);
	free(row->unit_id);
	free(row->period);
	free(row->status);
	free(row->status_reason);
	free(row->data);
	memset(row, 0, sizeof *row);
}

/* The JSON of PERIOD that RULE compares with, from ROW (the current
 * revision) and REVS; NULL when none does. */
static const char *
prev_data(struct store *st, const char *form_id, const char *unit, const char *period,
    const struct store_sub *row, const struct store_revision *revs, size_t nrevs,
    enum sub_prev rule)
{
	const char *status = NULL;
	char *object;
	int pick;

	if (rule == SUB_PREV_SAVED)
		return row->data;
	object = xasprintf("%s/%s/%s", form_id, unit, period);
	pick = sub_counted_pick(st, object, revs, nrevs, &status);
	free(object);
	if (pick >= 0)
		return revs[pick].data;
	/* nothing counts: what the unit last sent (a returned one) compares;
	 * a draft never does */
	if (row->final && strcmp(row->status, "draft") != 0)
		return row->data;
	return NULL;
}

enum err
sub_open_previous(struct store *st, const struct form *f, int report, const char *unit,
    const struct period *p, enum sub_prev rule, struct sub **prev, char **cause)
{
	const char *form_id = f->reports[report].form_id;
	struct store_revision *revs = NULL;
	struct store_sub row;
	struct period pp;
	char ppid[PERIOD_ID_MAX];
	const char *data;
	size_t nrevs = 0;
	enum err e;

	*prev = NULL;
	if (rule == SUB_PREV_YEAR_SAVED || rule == SUB_PREV_YEAR_COUNTED) {
		/* the same period a year before: 2025-Q2 for 2026-Q2, 2025
		 * for 2026 (its id with the year one less, when it reads) */
		char id[PERIOD_ID_MAX];
		period_format(p, id, sizeof id);
		if (p->kind == PERIOD_SEMESTER || strlen(id) < 4 ||
		    snprintf(ppid, sizeof ppid, "%04d%s", p->year - 1, id + 4) >= (int)sizeof ppid ||
		    !period_parse(p->kind, ppid, &pp))
			return ERR_OK;	/* no such period: nothing to compare with */
		rule = rule == SUB_PREV_YEAR_SAVED ? SUB_PREV_SAVED : SUB_PREV_COUNTED;
	} else if (!deadline_previous(&f->reports[report].rule, p, &pp)) {
		return ERR_OK;	/* the first period of the plan, or an ad hoc report */
	}
	period_format(&pp, ppid, sizeof ppid);
	memset(&row, 0, sizeof row);
	e = store_sub_get(st, form_id, unit, ppid, &row, cause);
	if (e == ERR_NOTFOUND) {
		free(*cause);
		*cause = NULL;
		return ERR_OK;
	}
	if (e != ERR_OK)
		goto fail;
	if (rule == SUB_PREV_COUNTED &&
	    (e = store_sub_revisions(st, form_id, unit, ppid, &revs, &nrevs, cause)) != ERR_OK)
		goto fail;
	data = prev_data(st, form_id, unit, ppid, &row, revs, nrevs, rule);
	if (data != NULL && (*prev = sub_from_json(f, report, ppid, data, false, cause)) == NULL)
		e = ERR_CORRUPT;
fail:
	store_revision_free(revs, nrevs);
	row_clear(&row);
	if (e == ERR_OK)
		return ERR_OK;
	err_prefix(cause, TR("không đọc được kỳ trước %s của %s", "cannot read the previous "
	    "period %s of %s"), ppid, unit);
	return e;
}

char *
sub_attach_previous(struct store *st, struct sub *s, const struct form *f, int report,
    const char *unit, const struct period *p, enum sub_prev rule)
{
	struct sub *prev = NULL;
	char *cause = NULL;

	if (sub_open_previous(st, f, report, unit, p, rule, &prev, &cause) != ERR_OK)
		return cause;
	sub_set_previous(s, prev);
	return NULL;
}

/* A new incident report: the moment its period names (the interface asks
 * "Xảy ra lúc" before the form opens) fills the report's first date field
 * and first time field, when empty, so it is not typed twice; both stay
 * editable. Fields in a table are left alone. */
static void
incident_moment(struct sub *s, const struct form *f, int report, const struct period *p,
    const char *period)
{
	const char *t = strchr(period, 'T');
	bool date_done = false, time_done = false;

	if (p->kind != PERIOD_INCIDENT || t == NULL || t - period != 10)
		return;
	for (size_t i = 0; i < f->nfields && !(date_done && time_done); i++) {
		const struct form_field *fd = &f->fields[i];
		char v[16], *why = NULL;
		if (fd->container >= 0 || !form_field_in_report(f, (int)i, report))
			continue;
		if (fd->type == FIELD_DATE && !date_done) {
			date_done = true;
			snprintf(v, sizeof v, "%.10s", period);
		} else if (fd->type == FIELD_TIME && !time_done) {
			time_done = true;
			snprintf(v, sizeof v, "%.5s", t + 1);
		} else {
			continue;
		}
		if (sub_get(s, (int)i, -1) == NULL && sub_set(s, (int)i, -1, v, &why) != ERR_OK)
			free(why);	/* a date the field refuses (past: true) stays empty */
	}
}

enum err
sub_open(struct store *st, const struct form *f, int report, const char *unit,
    const char *period, enum sub_prev rule, struct sub_opened *out, char **cause)
{
	const char *form_id = f->reports[report].form_id;
	struct store_sub row;
	struct period p;
	enum err e;

	memset(out, 0, sizeof *out);
	memset(&row, 0, sizeof row);
	if (!period_parse(f->reports[report].rule.kind, period, &p))
		return err_set(cause, ERR_INVALID, TR("kỳ '%s' không hợp lệ cho báo cáo %s",
		    "'%s' is not a period of report %s"), text_quote(period), form_id);
	e = store_sub_get(st, form_id, unit, period, &row, cause);
	if (e == ERR_OK) {
		out->s = sub_from_json(f, report, period, row.data, false, cause);
		if (out->s == NULL) {
			e = ERR_CORRUPT;
			err_where(cause, "%s/%s/%s", form_id, unit, period);
			row_clear(&row);
			return e;
		}
		out->saved = true;
		out->status = xstrdup(row.status);
		if (row.status_reason != NULL && strcmp(row.status, "returned") == 0)
			out->reason = xstrdup(row.status_reason);
		row_clear(&row);
	} else if (e == ERR_NOTFOUND) {
		free(*cause);
		*cause = NULL;
		out->s = sub_new(f, report, period);
		incident_moment(out->s, f, report, &p, period);
	} else {
		return e;
	}
	out->prev_cause = sub_attach_previous(st, out->s, f, report, unit, &p, rule);
	return ERR_OK;
}

void
sub_opened_free(struct sub_opened *o)
{
	sub_free(o->s);
	free(o->status);
	free(o->reason);
	free(o->prev_cause);
	memset(o, 0, sizeof *o);
}

/* ---- a unit's earlier reports: a one-off task done stays done ---- */

/* The counted revision of UNIT for period ID, or NULL (none counts, or it
 * cannot be read: then the row is not carried, which is never wrong). */
static struct sub *
counted_of(struct store *st, const struct form *f, int report, const char *unit, const char *id)
{
	const char *form_id = f->reports[report].form_id, *status = NULL;
	struct store_revision *revs = NULL;
	struct sub *s = NULL;
	size_t nrevs = 0;
	char *cause = NULL, *object;
	int pick;

	if (store_sub_revisions(st, form_id, unit, id, &revs, &nrevs, &cause) != ERR_OK ||
	    nrevs == 0) {
		free(cause);
		store_revision_free(revs, nrevs);
		return NULL;
	}
	object = xasprintf("%s/%s/%s", form_id, unit, id);
	pick = sub_counted_pick(st, object, revs, nrevs, &status);
	free(object);
	if (pick >= 0)
		s = sub_from_json(f, report, id, revs[pick].data, false, &cause);
	free(cause);
	store_revision_free(revs, nrevs);
	return s;
}

/* Add to H the counted submissions of UNIT for report K's periods that
 * ended by DAY, newest first, from Q (inclusive) back. */
static void
past_of_report(struct store *st, const struct form *f, int k, const char *unit,
    struct period q, bool include_q, struct sub_past *h)
{
	struct period pp;

	if (include_q && h->n < SUB_PAST_MAX) {
		size_t i = h->n++;
		h->periods[i] = q;
		h->reports[i] = k;
		period_format(&q, h->ids[i], sizeof h->ids[i]);
		h->subs[i] = counted_of(st, f, k, unit, h->ids[i]);
	}
	while (h->n < SUB_PAST_MAX && deadline_previous(&f->reports[k].rule, &q, &pp)) {
		size_t i = h->n++;
		h->periods[i] = pp;
		h->reports[i] = k;
		period_format(&pp, h->ids[i], sizeof h->ids[i]);
		h->subs[i] = counted_of(st, f, k, unit, h->ids[i]);
		q = pp;
	}
}

void
sub_open_past(struct store *st, const struct form *f, int report, const char *unit,
    const struct period *p, struct sub_past *out)
{
	memset(out, 0, sizeof *out);
	out->subs = xcalloc(SUB_PAST_MAX, sizeof *out->subs);
	out->periods = xcalloc(SUB_PAST_MAX, sizeof *out->periods);
	out->ids = xcalloc(SUB_PAST_MAX, sizeof *out->ids);
	out->reports = xcalloc(SUB_PAST_MAX, sizeof *out->reports);
	/* this report's earlier periods, then the form's other reports'
	 * (a plan's quarterly and yearly reports share its task table) that
	 * ended by P's end: a year's report reads its quarters */
	past_of_report(st, f, report, unit, *p, false, out);
	for (size_t k = 0; k < f->nreports; k++) {
		struct period q;
		if ((int)k == report || f->reports[k].rule.kind == PERIOD_INCIDENT ||
		    f->reports[k].rule.kind == PERIOD_REQUEST)
			continue;
		q = period_containing(f->reports[k].rule.kind, p->end - 1);
		past_of_report(st, f, (int)k, unit, q, q.end <= p->end && q.start != p->start,
		    out);
	}
	/* newest first, whatever report: by the end of the period */
	for (size_t i = 1; i < out->n; i++)
		for (size_t j = i; j > 0 && out->periods[j].end > out->periods[j - 1].end; j--) {
			struct sub *ts = out->subs[j];
			struct period tp = out->periods[j];
			char tid[PERIOD_ID_MAX];
			int tr = out->reports[j];
			memcpy(tid, out->ids[j], sizeof tid);
			out->subs[j] = out->subs[j - 1];
			out->periods[j] = out->periods[j - 1];
			memcpy(out->ids[j], out->ids[j - 1], sizeof tid);
			out->reports[j] = out->reports[j - 1];
			out->subs[j - 1] = ts;
			out->periods[j - 1] = tp;
			memcpy(out->ids[j - 1], tid, sizeof tid);
			out->reports[j - 1] = tr;
		}
}

void
sub_past_free(struct sub_past *h)
{
	for (size_t i = 0; i < h->n; i++)
		sub_free(h->subs[i]);
	free(h->subs);
	free(h->periods);
	free(h->ids);
	free(h->reports);
	memset(h, 0, sizeof *h);
}

/* The percent column of grid GRID (a number with unit "%"), or -1: the
 * same column the office report reads as "done so far". */
static int
pct_col(const struct form *f, int grid)
{
	for (size_t c = 0; c < f->nfields; c++) {
		const struct form_field *fd = &f->fields[c];
		if (fd->container == grid && (fd->type == FIELD_INTEGER ||
		    fd->type == FIELD_DECIMAL) && fd->unit && strcmp(fd->unit, "%") == 0)
			return (int)c;
	}
	return -1;
}

bool
sub_row_done(const struct form *f, const struct sub *s, int grid, int row)
{
	int c = pct_col(f, grid);
	struct val v;

	if (s == NULL)
		return false;
	if (form_row_progress(f, s, grid, row) == PROGRESS_DONE)
		return true;
	if (c < 0 || form_row_progress(f, s, grid, row) != PROGRESS_NONE)
		return false;
	v = sub_value(s, c, row);
	return v.type == VAL_NUM && v.num >= 100;
}

bool
sub_row_said(const struct form *f, const struct sub *s, int grid, int row)
{
	int c = pct_col(f, grid);

	if (s == NULL)
		return false;
	if (form_row_progress(f, s, grid, row) != PROGRESS_NONE)
		return true;
	return c >= 0 && sub_value(s, c, row).type == VAL_NUM;
}

const char *
sub_past_row_done(const struct form *f, const struct sub_past *h, int grid, int row,
    long due, const struct cal *c, const long *event_days)
{
	const struct form_row *r = &f->fields[grid].rows[row];

	if (due < 0)
		return NULL;	/* ongoing, or waiting for its event: owed each period */
	for (size_t i = 0; i < h->n; i++) {
		if (!sub_row_said(f, h->subs[i], grid, row))
			continue;
		if (!sub_row_done(f, h->subs[i], grid, row))
			return NULL;	/* the latest word on it says otherwise */
		if (form_row_due_day(f, r, &h->periods[i], c, event_days) != due)
			return NULL;	/* a recurring row: done then, owed again now */
		return h->ids[i];
	}
	return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-sub.c: submissions and revisions (see store-sub.h).
 */
#include "store-sub.h"
#include "store-audit.h"
#include "store-int.h"
#include "store-settings.h"
#include "../core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

/* the current revision's form version and finality are kept on the
 * submission (migration 7): a list never reads the revisions */
#define SUB_COLS "s.id, s.form_id, s.unit_id, s.period, s.status, s.status_reason," \
    " s.current_rev, s.cur_form_version, s.cur_final, s.updated_at"

static void
row_read(sqlite3_stmt *q, struct store_sub *s)
{
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(q, 0);
	s->form_id = col_dup(q, 1);
	s->unit_id = col_dup(q, 2);
	s->period = col_dup(q, 3);
	s->status = col_dup(q, 4);
	s->status_reason = col_dup(q, 5);
	s->rev = sqlite3_column_int(q, 6);
	s->form_version = sqlite3_column_int(q, 7);
	s->final = sqlite3_column_int(q, 8);
	s->updated_at = sqlite3_column_int64(q, 9);
}

enum err
store_sub_get(struct store *st, const char *form_id, const char *unit_id, const char *period,
    struct store_sub *out, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	memset(out, 0, sizeof *out);
	/* the revision's own columns: what a write decides on */
	e = store_cached(st, "SELECT s.id, s.form_id, s.unit_id, s.period, s.status,"
	    " s.status_reason, s.current_rev, r.form_version, r.final, s.updated_at, r.data"
	    " FROM submissions s JOIN revisions r ON r.submission_id = s.id AND r.rev = s.current_rev"
	    " WHERE s.form_id = ?1 AND s.unit_id = ?2 AND s.period = ?3", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		row_read(q, out);
		out->data = col_dup(q, 10);
	}
	store_done(st, q);
	if (rc == SQLITE_DONE)
		return err_set(cause, ERR_NOTFOUND, TR("chưa có báo cáo %s của %s kỳ %s",
		    "no submission %s of %s for %s"), form_id, unit_id, period);
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

static enum err
step_done(struct store *st, sqlite3_stmt *q, char **cause)
{
	int rc = sqlite3_step(q);

	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

static void
sub_clear(struct store_sub *s)
{
	free(s->form_id);
	free(s->unit_id);
	free(s->period);
	free(s->status);
	free(s->status_reason);
	free(s->data);
	memset(s, 0, sizeof *s);
}

static enum err
revision_get(struct store *st, const char *form_id, const char *unit_id, const char *period,
    int rev, struct store_revision *out, char **cause);

/* The settings key of a submission's revision floor (store_sub_rev_seen). */
static char *
floor_key(const char *form_id, const char *unit_id, const char *period)
{
	return xasprintf("rev_floor/%s/%s/%s", form_id, unit_id, period);
}

/* The number a revision here must be above (0: none). */
static enum err
rev_floor(struct store *st, const char *form_id, const char *unit_id, const char *period,
	  int *floor, char **cause)
{
	char *key = floor_key(form_id, unit_id, period), *v = NULL;
	enum err e = store_setting_get(st, key, &v, cause);

	*floor = e == ERR_OK && v != NULL ? atoi(v) : 0;
	free(v);
	free(key);
	return e;
}

/*
 * The one writer of revisions (rules 1-4 of store-sub.h). SES: an editing
 * session, or NULL for a one-off save; RESTORED_FROM: the revision a restore
 * copies (DATA is then its data), or 0.
 */
static enum err
sub_write(struct store *st, const char *form_id, const char *unit_id, const char *period,
    int form_version, const char *data, int final, struct store_sub_session *ses,
    int restored_from, int *rev, char **cause)
{
	struct store_sub cur;
	sqlite3_stmt *q;
	enum err e;
	int64_t id = 0, now = store_now();
	int r = 1, exists, in_place = 0, draft, same;
	const char *action = NULL;
	char *object, *detail;

	e = store_begin(st, cause);
	if (e != ERR_OK)
		return e;
	e = store_sub_get(st, form_id, unit_id, period, &cur, cause);
	exists = e == ERR_OK;
	if (e == ERR_NOTFOUND) {
		free(*cause);
		*cause = NULL;
		e = ERR_OK;
	}
	if (e != ERR_OK) {
		store_rollback(st);
		return e;
	}
	draft = exists && strcmp(cur.status, "draft") == 0;
	same = draft && restored_from == 0 && cur.data != NULL && strcmp(cur.data, data) == 0 &&
	    cur.form_version == form_version;
	if (exists) {
		id = cur.id;
		r = cur.rev;
	}
	sub_clear(&cur);
	if (same && !final) {
		/* rule 2: nothing changed, nothing to write */
		store_rollback(st);
		if (rev != NULL)
			*rev = r;
		return ERR_OK;
	}
	if (same)
		in_place = 1;	/* rule 2: these values, now final */
	else if (draft && restored_from == 0 && ses != NULL && ses->rev == r &&
	    now - ses->started < STORE_SUB_COALESCE_SECONDS && now >= ses->started)
		in_place = 1;	/* rule 3 */
	else if (exists) {
		/* rules 1, 3, 4: the next number, even if another device's
		 * revision came in after the current one */
		e = store_prepare(st, "SELECT coalesce(max(rev), 0) + 1 FROM revisions"
		    " WHERE submission_id = ?1", &q, cause);
		if (e == ERR_OK) {
			sqlite3_bind_int64(q, 1, id);
			if (sqlite3_step(q) == SQLITE_ROW)
				r = sqlite3_column_int(q, 0);
			else
				e = store_error(st, sqlite3_errcode(store_sqlite(st)), cause);
			sqlite3_finalize(q);
		}
	}

	/* restored from a backup: number past what the office has */
	if (e == ERR_OK && !in_place) {
		int floor = 0;
		e = rev_floor(st, form_id, unit_id, period, &floor, cause);
		if (e == ERR_OK && r <= floor)
			r = floor + 1;
	}
	if (e == ERR_OK && !exists) {
		e = store_prepare(st, "INSERT INTO submissions(form_id, unit_id, period, status,"
		    " current_rev, updated_at) VALUES (?1, ?2, ?3, ?4, ?6, ?5)", &q, cause);
		if (e == ERR_OK) {
			sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 4, final ? "final" : "draft", -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 5, now);
			sqlite3_bind_int(q, 6, r);
			e = step_done(st, q, cause);
			id = sqlite3_last_insert_rowid(store_sqlite(st));
		}
		action = "create";
	} else if (e == ERR_OK) {
		e = store_prepare(st, "UPDATE submissions SET status = ?2, status_reason = NULL,"
		    " current_rev = ?3, updated_at = ?4 WHERE id = ?1", &q, cause);
		if (e == ERR_OK) {
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_text(q, 2, final ? "final" : "draft", -1, SQLITE_STATIC);
			sqlite3_bind_int(q, 3, r);
			sqlite3_bind_int64(q, 4, now);
			e = step_done(st, q, cause);
		}
		if (!in_place)
			action = restored_from > 0 ? "restore" : "edit";
	}
	if (e == ERR_OK)
		e = store_prepare(st, in_place
		    ? "UPDATE revisions SET form_version = ?3, device = ?4, final = ?5, data = ?6,"
		      " created_at = ?7, user = ?8 WHERE submission_id = ?1 AND rev = ?2"
		    : "INSERT INTO revisions(submission_id, rev, form_version, device, final, data,"
		      " created_at, user, restored_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		    &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int(q, 2, r);
		sqlite3_bind_int(q, 3, form_version);
		sqlite3_bind_text(q, 4, st->installation ? st->installation : "", -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 5, final ? 1 : 0);
		sqlite3_bind_text(q, 6, data, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 7, now);
		sqlite3_bind_text(q, 8, st->user ? st->user : "", -1, SQLITE_STATIC);
		if (!in_place)
			sqlite3_bind_int(q, 9, restored_from);
		e = step_done(st, q, cause);
	}
	if (final)
		action = "finalise";
	if (e == ERR_OK && action != NULL) {
		object = xasprintf("%s/%s/%s", form_id, unit_id, period);
		detail = restored_from > 0 ? xasprintf("rev %d from rev %d", r,
		    restored_from) : xasprintf("rev %d", r);
		e = store_audit(st, action, object, detail, cause);
		free(object);
		free(detail);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK) {
		store_rollback(st);
		return e;
	}
	if (ses != NULL && !in_place) {
		ses->rev = r;
		ses->started = now;
	}
	if (rev != NULL)
		*rev = r;
	return ERR_OK;
}

enum err
store_sub_rev_seen(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int rev, int *raised, char **cause)
{
	sqlite3_stmt *q;
	int have = 0, floor = 0, rc;
	enum err e;

	*raised = 0;
	if (rev < 1 || rev > 1000000)
		return ERR_OK;
	e = store_prepare(st, "SELECT coalesce(max(r.rev), 0) FROM revisions r JOIN submissions s"
	    " ON s.id = r.submission_id WHERE s.form_id = ?1 AND s.unit_id = ?2 AND"
	    " s.period = ?3", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		have = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return store_error(st, rc, cause);
	e = rev_floor(st, form_id, unit_id, period, &floor, cause);
	if (e != ERR_OK || rev <= have || rev <= floor)
		return e;
	{
		char *key = floor_key(form_id, unit_id, period), val[16];
		snprintf(val, sizeof val, "%d", rev);
		e = store_setting_set(st, key, val, NULL, cause);
		free(key);
	}
	*raised = e == ERR_OK;
	return e;
}

enum err
store_sub_save(struct store *st, const char *form_id, const char *unit_id, const char *period,
    int form_version, const char *data, int final, int *rev, char **cause)
{
	return sub_write(st, form_id, unit_id, period, form_version, data, final, NULL, 0, rev,
	    cause);
}

enum err
store_sub_autosave(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *data, int final,
    struct store_sub_session *ses, int *rev, char **cause)
{
	return sub_write(st, form_id, unit_id, period, form_version, data, final, ses, 0, rev,
	    cause);
}

enum err
store_sub_restore(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int from, int *rev, char **cause)
{
	struct store_revision old;
	enum err e = revision_get(st, form_id, unit_id, period, from, &old, cause);

	if (e != ERR_OK)
		return e;
	e = sub_write(st, form_id, unit_id, period, old.form_version, old.data, 0, NULL, from,
	    rev, cause);
	store_revision_clear(&old);
	return e;
}

enum err
store_sub_list(struct store *st, const char *unit_id, struct store_sub **subs, size_t *n,
    char **cause)
{
	struct store_sub *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*subs = NULL;
	*n = 0;
	/* one unit's from its index (submissions_unit), not a scan of all */
	e = store_prepare(st, unit_id != NULL ? "SELECT " SUB_COLS " FROM submissions s"
	    " WHERE s.unit_id = ?1 ORDER BY s.form_id, s.period" : "SELECT " SUB_COLS
	    " FROM submissions s LEFT JOIN units u ON u.id = s.unit_id"	/* Vietnamese order */
	    " ORDER BY s.form_id, u.name_key, s.unit_id, s.period", &q, cause);
	if (e != ERR_OK)
		return e;
	if (unit_id != NULL)
		sqlite3_bind_text(q, 1, unit_id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof *v);
		row_read(q, &v[len++]);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_sub_free(v, len);
		return store_error(st, rc, cause);
	}
	*subs = v;
	*n = len;
	return ERR_OK;
}

enum err
store_sub_period_near(struct store *st, const char *form_id, const char *period, int dir,
    char **out, size_t *units, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = NULL;
	if (units != NULL)
		*units = 0;
	/* three statements, each naming its bound plainly, so that the
	 * planner walks submissions_form_period from the right end */
	e = store_prepare(st, period == NULL ? "SELECT period FROM submissions WHERE form_id = ?1"
	    " AND status <> 'draft' ORDER BY period DESC LIMIT 1" : dir < 0 ? "SELECT period FROM"
	    " submissions WHERE form_id = ?1 AND period < ?2 AND status <> 'draft'"
	    " ORDER BY period DESC LIMIT 1" : "SELECT period FROM submissions WHERE form_id = ?1"
	    " AND period > ?2 AND status <> 'draft' ORDER BY period LIMIT 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	if (period != NULL)
		sqlite3_bind_text(q, 2, period, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = xstrdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (*out == NULL || units == NULL)
		return ERR_OK;
	e = store_prepare(st, "SELECT count(*) FROM submissions WHERE form_id = ?1 AND"
	    " period = ?2 AND status <> 'draft'", &q, cause);
	if (e != ERR_OK) {
		free(*out);
		*out = NULL;
		return e;
	}
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, *out, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*units = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW) {
		free(*out);
		*out = NULL;
		return store_error(st, rc, cause);
	}
	return ERR_OK;
}

/*
 * The SQL of store_sub_find for the filters given (bit 0 form, 1 unit, 2
 * status, 3 period; COUNT: the count, else a page), and the typed words
 * of F->any: the texts without words are made once and kept for the
 * program's life (store_cached keys on them), so that each names its
 * columns plainly and the planner takes the index they call for (an "?2
 * IS NULL OR ..." would defeat it); with words the text is made each time
 * (*OWNED set: the caller frees it and prepares it afresh).
 * Parameters: ?1 the office's unit, ?2-?5 the filters, ?6 limit, ?7
 * offset, ?8 on the words' values in order.
 * A count with no period asked sums sub_counts (the same column names,
 * aliased s), kept by migration 8's triggers.
 */
static int
find_has_period(const struct store_sub_filter *f)
{
	if (f->period != NULL)
		return 1;
	for (size_t i = 0; i < f->nany; i++)
		if (f->any[i].period_text != NULL)
			return 1;
	return 0;
}

static char *
find_words(const struct store_sub_filter *f)
{
	char *w = xstrdup("");
	int p = 8;

	for (size_t i = 0; i < f->nany; i++) {
		const struct store_sub_any *a = &f->any[i];
		const char *col[3] = { "s.unit_id", "s.form_id", "s.status" };
		size_t nv[3] = { a->nunits, a->nforms, a->nstatuses };
		/* "(a OR b)", never "(0 OR a)": the planner takes a lone
		 * "unit_id IN (...)" to its index only as it is written */
		int terms = 0;
		char *t = xasprintf("%s AND (", w);
		free(w);
		w = t;
		for (int c = 0; c < 3; c++) {
			if (nv[c] == 0)
				continue;
			t = xasprintf("%s%s%s IN (", w, terms++ ? " OR " : "", col[c]);
			free(w);
			w = t;
			for (size_t k = 0; k < nv[c]; k++) {
				t = xasprintf("%s%s?%d", w, k ? ", " : "", p++);
				free(w);
				w = t;
			}
			t = xasprintf("%s)", w);
			free(w);
			w = t;
		}
		if (a->period_text != NULL)
			t = xasprintf("%s%sinstr(lower(s.period), ?%d) > 0)", w, terms++ ? " OR " : "",
			    p++);
		else
			t = xasprintf("%s%s)", w, terms ? "" : "0");	/* matches nothing */
		free(w);
		w = t;
	}
	return w;
}

static const char *
find_sql(const struct store_sub_filter *f, unsigned which, int count, char **owned)
{
	static char *sql[2][16];
	static const char *const cond[4] = { " AND s.form_id = ?2", " AND s.unit_id = ?3",
	    " AND s.status = ?4", " AND s.period = ?5" };
	int kept = count && !find_has_period(f);
	char *w, *words = f->nany ? find_words(f) : NULL, *made;

	*owned = NULL;
	if (words == NULL && sql[count][which] != NULL)
		return sql[count][which];
	/* a page: newest first on submissions_updated, walked only as far as
	 * the page (the unary + keeps the planner off the status index,
	 * which would sort them all), or on the index of the filter given */
	w = xstrdup(kept ? " WHERE s.status <> 'draft' AND s.unit_id IS NOT ?1" :
	    (which & 4) ? " WHERE s.status <> 'draft' AND s.unit_id IS NOT ?1" : count ?
	    " WHERE s.status IN ('final', 'exported', 'received', 'approved', 'returned')"
	    " AND s.unit_id IS NOT ?1" : " WHERE +s.status <> 'draft' AND s.unit_id IS NOT ?1");
	for (unsigned i = 0; i < 4; i++)
		if (which & (1u << i)) {
			char *t = xasprintf("%s%s", w, cond[i]);
			free(w);
			w = t;
		}
	made = kept ? xasprintf("SELECT coalesce(sum(s.n), 0) FROM sub_counts s%s%s", w,
	    words ? words : "") : count ? xasprintf("SELECT count(*) FROM submissions s%s%s", w,
	    words ? words : "") : xasprintf("SELECT " SUB_COLS " FROM submissions s%s%s ORDER BY"
	    " s.updated_at DESC, s.id DESC LIMIT ?6 OFFSET ?7", w, words ? words : "");
	free(w);
	if (words != NULL) {
		free(words);
		return *owned = made;
	}
	return sql[count][which] = made;
}

static unsigned
find_bind(sqlite3_stmt *q, const struct store_sub_filter *f)
{
	const char *v[4] = { f->form_id, f->unit_id, f->status, f->period };
	unsigned which = 0;
	int p = 8;

	if (q != NULL && f->office_unit != NULL)
		sqlite3_bind_text(q, 1, f->office_unit, -1, SQLITE_STATIC);
	for (int i = 0; i < 4; i++)
		if (v[i] != NULL) {
			which |= 1u << i;
			if (q != NULL)
				sqlite3_bind_text(q, i + 2, v[i], -1, SQLITE_STATIC);
		}
	for (size_t i = 0; q != NULL && i < f->nany; i++) {
		const struct store_sub_any *a = &f->any[i];
		for (size_t k = 0; k < a->nunits; k++)
			sqlite3_bind_text(q, p++, a->units[k], -1, SQLITE_STATIC);
		for (size_t k = 0; k < a->nforms; k++)
			sqlite3_bind_text(q, p++, a->forms[k], -1, SQLITE_STATIC);
		for (size_t k = 0; k < a->nstatuses; k++)
			sqlite3_bind_text(q, p++, a->statuses[k], -1, SQLITE_STATIC);
		if (a->period_text != NULL)
			sqlite3_bind_text(q, p++, a->period_text, -1, SQLITE_STATIC);
	}
	return which;
}

/* The statement of SQL: kept (store_cached) when the program keeps its text,
 * else prepared for this call. */
static enum err
find_prepare(struct store *st, const char *sql, const char *owned, sqlite3_stmt **q,
    char **cause)
{
	return owned != NULL ? store_prepare(st, sql, q, cause) : store_cached(st, sql, q, cause);
}

static void
find_done(struct store *st, sqlite3_stmt *q, char *owned)
{
	if (owned != NULL) {
		sqlite3_finalize(q);
		free(owned);
	} else
		store_done(st, q);
}

enum err
store_sub_find(struct store *st, const struct store_sub_filter *f, size_t limit,
    size_t offset, struct store_sub **subs, size_t *n, size_t *total, char **cause)
{
	struct store_sub *v = NULL;
	unsigned which = find_bind(NULL, f);
	size_t len = 0;
	const char *sql;
	char *owned;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	if (subs != NULL)
		*subs = NULL;
	if (n != NULL)
		*n = 0;
	if (total != NULL) {
		sql = find_sql(f, which, 1, &owned);
		e = find_prepare(st, sql, owned, &q, cause);
		if (e != ERR_OK) {
			free(owned);
			return e;
		}
		find_bind(q, f);
		rc = sqlite3_step(q);
		*total = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(q, 0) : 0;
		find_done(st, q, owned);
		if (rc != SQLITE_ROW)
			return store_error(st, rc, cause);
	}
	if (limit == SIZE_MAX)	/* the count only */
		return ERR_OK;
	sql = find_sql(f, which, 0, &owned);
	e = find_prepare(st, sql, owned, &q, cause);
	if (e != ERR_OK) {
		free(owned);
		return e;
	}
	find_bind(q, f);
	sqlite3_bind_int64(q, 6, limit == 0 ? -1 : (sqlite3_int64)limit);
	sqlite3_bind_int64(q, 7, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof *v);
		row_read(q, &v[len++]);
	}
	find_done(st, q, owned);
	if (rc != SQLITE_DONE) {
		store_sub_free(v, len);
		return store_error(st, rc, cause);
	}
	*subs = v;
	*n = len;
	return ERR_OK;
}

void
store_sub_free(struct store_sub *subs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(subs[i].form_id);
		free(subs[i].unit_id);
		free(subs[i].period);
		free(subs[i].status);
		free(subs[i].status_reason);
		free(subs[i].data);
	}
	free(subs);
}

enum err
store_sub_set_status(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int rev, const char *status, const char *reason, int *changed,
    char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*changed = 0;
	e = store_prepare(st, "UPDATE submissions SET status = ?5, status_reason = ?6,"
	    " updated_at = ?7 WHERE form_id = ?1 AND unit_id = ?2 AND period = ?3"
	    " AND current_rev = ?4 AND status <> 'draft'"
	    " AND (status IS NOT ?5 OR status_reason IS NOT ?6)", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 4, rev);
	sqlite3_bind_text(q, 5, status, -1, SQLITE_STATIC);
	if (reason != NULL)
		sqlite3_bind_text(q, 6, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 7, store_now());
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (sqlite3_changes(store_sqlite(st)) > 0) {
		char *object = xasprintf("%s/%s/%s", form_id, unit_id, period);
		*changed = 1;
		e = store_audit(st, status, object, reason, cause);
		free(object);
	}
	return e;
}

enum err
store_sub_receipts(struct store *st, const char *self_device, struct store_receipt **out,
    size_t *n, char **cause)
{
	struct store_receipt *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT s.form_id, s.unit_id, s.period, r.src_rev, s.status,"
	    " s.status_reason FROM submissions s JOIN revisions r ON r.submission_id = s.id AND"
	    " r.rev = s.current_rev WHERE r.device <> ?1 AND r.src_rev > 0 AND s.status IN"
	    " ('received', 'approved', 'returned') ORDER BY s.unit_id, s.form_id, s.period",
	    &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, self_device ? self_device : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const unsigned char *reason = sqlite3_column_text(q, 5);
		v = xreallocarray(v, len + 1, sizeof *v);
		v[len].form_id = xstrdup((const char *)sqlite3_column_text(q, 0));
		v[len].unit_id = xstrdup((const char *)sqlite3_column_text(q, 1));
		v[len].period = xstrdup((const char *)sqlite3_column_text(q, 2));
		v[len].rev = sqlite3_column_int(q, 3);
		v[len].status = xstrdup((const char *)sqlite3_column_text(q, 4));
		v[len].reason = reason ? xstrdup((const char *)reason) : NULL;
		len++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_receipt_free(v, len);
		return store_error(st, rc, cause);
	}
	*out = v;
	*n = len;
	return ERR_OK;
}

void
store_receipt_free(struct store_receipt *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].form_id);
		free(r[i].unit_id);
		free(r[i].period);
		free(r[i].status);
		free(r[i].reason);
	}
	free(r);
}

enum err
store_sub_review(struct store *st, const char *form_id, const char *unit_id,
    const char *period, const char *status, const char *reason, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	e = store_begin(st, cause);
	if (e != ERR_OK)
		return e;
	/* updated_at stays when the current revision came: the inbox's "Nhận
	 * lúc" and its newest-first order (an approval must not re-sort it;
	 * the audit log keeps when the review was) */
	e = store_prepare(st, "UPDATE submissions SET status = ?4, status_reason = ?5"
	    " WHERE form_id = ?1 AND unit_id = ?2 AND period = ?3"
	    " AND status IN ('received', 'approved', 'returned', 'final')", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, status, -1, SQLITE_STATIC);
		if (reason != NULL)
			sqlite3_bind_text(q, 5, reason, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
		else if (sqlite3_changes(store_sqlite(st)) == 0)
			e = err_set(cause, ERR_NOTFOUND, TR("không có báo cáo %s của %s kỳ %s đã nhận "
			    "để duyệt", "no received submission %s of %s for %s to review"), form_id,
			    unit_id, period);
	}
	if (e == ERR_OK) {
		char *object = xasprintf("%s/%s/%s", form_id, unit_id, period);
		e = store_audit(st, strcmp(status, "approved") == 0 ? "approve" : "return", object,
		    reason, cause);
		free(object);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		store_rollback(st);
	return e;
}

enum err
store_sub_overview(struct store *st, const char *form_id, const char *period,
    struct store_sub_info **out, size_t *n, char **cause)
{
	struct store_sub_info *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = NULL;
	*n = 0;
	e = store_cached(st, "SELECT s.unit_id, s.status, s.status_reason, s.current_rev,"
	    " (SELECT min(r.created_at) FROM revisions r WHERE r.submission_id = s.id AND"
	    "  r.final = 1),"
	    " (SELECT p.day FROM received_on p WHERE p.form_id = s.form_id AND p.unit_id ="
	    "  s.unit_id AND p.period = s.period),"
	    " (SELECT data FROM revisions r WHERE r.submission_id = s.id AND r.rev = s.current_rev),"
	    " (SELECT nullif(r.src_created, 0) FROM revisions r WHERE r.submission_id = s.id AND"
	    "  r.rev = s.current_rev),"
	    " (SELECT r.clock_note FROM revisions r WHERE r.submission_id = s.id AND"
	    "  r.rev = s.current_rev)"
	    " FROM submissions s WHERE s.form_id = ?1 AND s.period = ?2"
	    " UNION ALL SELECT p.unit_id, 'received', NULL, 0, NULL, p.day, NULL, NULL, NULL"
	    " FROM received_on p WHERE p.form_id = ?1 AND p.period = ?2 AND NOT EXISTS (SELECT 1"
	    " FROM submissions s WHERE s.form_id = p.form_id AND s.unit_id = p.unit_id AND"
	    " s.period = p.period) ORDER BY 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, period, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const unsigned char *reason = sqlite3_column_text(q, 2);
		const unsigned char *data = sqlite3_column_text(q, 6);
		const unsigned char *note = sqlite3_column_text(q, 8);
		int64_t got = sqlite3_column_type(q, 4) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(q, 4);
		int64_t paper = sqlite3_column_type(q, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(q, 5);
		v = xreallocarray(v, len + 1, sizeof *v);
		v[len].unit_id = xstrdup((const char *)sqlite3_column_text(q, 0));
		v[len].status = xstrdup((const char *)sqlite3_column_text(q, 1));
		v[len].reason = reason ? xstrdup((const char *)reason) : NULL;
		v[len].rev = sqlite3_column_int(q, 3);
		v[len].submitted = got < 0 ? paper : paper < 0 ? got : got < paper ? got : paper;
		v[len].data = data ? xstrdup((const char *)data) : NULL;
		v[len].claimed = sqlite3_column_type(q, 7) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(q, 7);
		v[len].clock_note = note ? xstrdup((const char *)note) : NULL;
		len++;
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		store_sub_info_free(v, len);
		return store_error(st, rc, cause);
	}
	*out = v;
	*n = len;
	return ERR_OK;
}

void
store_sub_info_free(struct store_sub_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].unit_id);
		free(v[i].status);
		free(v[i].reason);
		free(v[i].data);
		free(v[i].clock_note);
	}
	free(v);
}

#define REV_COLS "r.rev, r.form_version, r.device, r.final, r.data, r.created_at," \
    " r.src_rev, r.src_created, r.user, r.restored_from, r.rev = s.current_rev," \
    " CASE WHEN r.rev = s.current_rev THEN s.status WHEN r.final THEN 'final'" \
    " ELSE 'draft' END"

static void
revision_read(sqlite3_stmt *q, struct store_revision *r)
{
	const unsigned char *t;

	memset(r, 0, sizeof *r);
	r->rev = sqlite3_column_int(q, 0);
	r->form_version = sqlite3_column_int(q, 1);
	t = sqlite3_column_text(q, 2);
	r->device = xstrdup(t ? (const char *)t : "");
	r->final = sqlite3_column_int(q, 3);
	t = sqlite3_column_text(q, 4);
	r->data = xstrdup(t ? (const char *)t : "");
	r->created = sqlite3_column_int64(q, 5);
	r->src_rev = sqlite3_column_int(q, 6);
	r->src_created = sqlite3_column_int64(q, 7);
	t = sqlite3_column_text(q, 8);
	r->user = xstrdup(t ? (const char *)t : "");
	r->restored_from = sqlite3_column_int(q, 9);
	r->current = sqlite3_column_int(q, 10);
	t = sqlite3_column_text(q, 11);
	r->status = xstrdup(t ? (const char *)t : "");
}

enum err
store_sub_revisions(struct store *st, const char *form_id, const char *unit_id,
    const char *period, struct store_revision **out, size_t *n, char **cause)
{
	struct store_revision *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT " REV_COLS " FROM revisions r JOIN submissions s ON"
	    " s.id = r.submission_id WHERE s.form_id = ?1 AND s.unit_id = ?2 AND s.period = ?3"
	    " ORDER BY r.rev", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof *v);
		revision_read(q, &v[len++]);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_revision_free(v, len);
		return store_error(st, rc, cause);
	}
	if (len == 0)
		return err_set(cause, ERR_NOTFOUND, TR("chưa có báo cáo %s của %s kỳ %s",
		    "no submission %s of %s for %s"), form_id, unit_id, period);
	*out = v;
	*n = len;
	return ERR_OK;
}

static enum err
revision_get(struct store *st, const char *form_id, const char *unit_id, const char *period,
    int rev, struct store_revision *out, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	memset(out, 0, sizeof *out);
	e = store_prepare(st, "SELECT " REV_COLS " FROM revisions r JOIN submissions s ON"
	    " s.id = r.submission_id WHERE s.form_id = ?1 AND s.unit_id = ?2 AND s.period = ?3"
	    " AND r.rev = ?4", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 4, rev);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		revision_read(q, out);
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return err_set(cause, ERR_NOTFOUND, TR("báo cáo %s của %s kỳ %s không có lần sửa %d",
		    "submission %s of %s for %s has no revision %d"), form_id, unit_id, period, rev);
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_sub_revision(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int rev, struct store_revision *out, char **cause)
{
	return revision_get(st, form_id, unit_id, period, rev, out, cause);
}

void
store_revision_clear(struct store_revision *r)
{
	free(r->device);
	free(r->data);
	free(r->user);
	free(r->status);
	memset(r, 0, sizeof *r);
}

void
store_revision_free(struct store_revision *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_revision_clear(&v[i]);
	free(v);
}

enum err
store_sub_forms(struct store *st, char ***ids, size_t *n, char **cause)
{
	sqlite3_stmt *q;
	char **v = NULL;
	size_t len = 0;
	enum err e;
	int rc;

	*ids = NULL;
	*n = 0;
	e = store_cached(st, "SELECT form_id FROM sub_counts WHERE n > 0 GROUP BY form_id", &q,
	    cause);
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof *v);
		v[len++] = xstrdup((const char *)sqlite3_column_text(q, 0));
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < len; i++)
			free(v[i]);
		free(v);
		return store_error(st, rc, cause);
	}
	*ids = v;
	*n = len;
	return ERR_OK;
}

enum err
store_sub_count_form(struct store *st, const char *form_id, size_t *count, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*count = 0;
	e = store_cached(st, "SELECT coalesce(sum(n), 0) FROM sub_counts WHERE form_id = ?1", &q,
	    cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*count = (size_t)sqlite3_column_int64(q, 0);
	store_done(st, q);
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

/* Append the rows of Q (bound) to *V not already there (by id). */
static int
keys_take(sqlite3_stmt *q, struct store_sub **v, size_t *len)
{
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		size_t i;
		for (i = 0; i < *len && (*v)[i].id != id; i++)
			;
		if (i < *len)
			continue;
		*v = xreallocarray(*v, *len + 1, sizeof **v);
		row_read(q, &(*v)[(*len)++]);
	}
	return rc;
}

static int
by_form_period(const void *a, const void *b)
{
	const struct store_sub *x = a, *y = b;
	int c = strcmp(x->form_id, y->form_id);

	return c ? c : strcmp(x->period, y->period);
}

enum err
store_sub_unit_keys(struct store *st, const char *unit_id, const char *const *forms,
    const char *const *periods, size_t nkeys, const char *const *open_forms, size_t nopen,
    struct store_sub **subs, size_t *n, char **cause)
{
	static const char *const sql[3] = {
		"SELECT " SUB_COLS " FROM submissions s WHERE s.form_id = ?1 AND s.unit_id = ?2"
		" AND s.period = ?3",
		"SELECT " SUB_COLS " FROM submissions s WHERE s.form_id = ?1 AND s.unit_id = ?2"
		" AND s.status <> 'approved'",
		/* the returned are few: from submissions_status, never the
		 * unit's index (an office's own are tens of thousands) */
		"SELECT " SUB_COLS " FROM submissions s WHERE s.status = 'returned'"
		" AND +s.unit_id = ?2",
	};
	struct store_sub *v = NULL;
	size_t len = 0;
	int rc = SQLITE_DONE;

	*subs = NULL;
	*n = 0;
	for (int k = 0; k < 3 && rc == SQLITE_DONE; k++) {
		size_t times = k == 0 ? nkeys : k == 1 ? nopen : 1;
		sqlite3_stmt *q;
		enum err e = store_cached(st, sql[k], &q, cause);
		if (e != ERR_OK) {
			store_sub_free(v, len);
			return e;
		}
		for (size_t i = 0; i < times && rc == SQLITE_DONE; i++) {
			sqlite3_reset(q);
			if (k < 2)
				sqlite3_bind_text(q, 1, k == 0 ? forms[i] : open_forms[i], -1,
				    SQLITE_STATIC);
			sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
			if (k == 0)
				sqlite3_bind_text(q, 3, periods[i], -1, SQLITE_STATIC);
			rc = keys_take(q, &v, &len);
		}
		store_done(st, q);
	}
	if (rc != SQLITE_DONE) {
		store_sub_free(v, len);
		return store_error(st, rc, cause);
	}
	if (len > 1)
		qsort(v, len, sizeof *v, by_form_period);
	*subs = v;
	*n = len;
	return ERR_OK;
}

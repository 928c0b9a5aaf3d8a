/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-forms.c: installed form definitions (see store-forms.h).
 */
#include "store-forms.h"
#include "../core/text.h"
#include "store-audit.h"
#include "store-int.h"
#include "../core/mem.h"

#include <stdlib.h>
#include <string.h>

static char *
col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

static void
row_read(sqlite3_stmt *q, struct store_form *f)
{
	f->id = col_dup(q, 0);
	f->version = sqlite3_column_int(q, 1);
	f->title = col_dup(q, 2);
	f->unit_kind = col_dup(q, 3);
	f->definition = col_dup(q, 4);
}

enum err
store_form_put(struct store *st, const char *id, int version, const char *title,
    const char *unit_kind, const char *definition, int *added, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc, newest = 0;
	char *detail;

	if (added != NULL)
		*added = 0;
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_prepare(st, "SELECT version, definition = ?3 FROM forms WHERE id = ?1"
		    " AND (version = ?2 OR version > ?2) ORDER BY version DESC", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, version);
		sqlite3_bind_text(q, 3, definition, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			int v = sqlite3_column_int(q, 0), same = sqlite3_column_int(q, 1);

			if (v > newest)
				newest = v;
			if (v == version && same) {
				sqlite3_finalize(q);
				store_rollback(st);
				return ERR_OK;
			}
			if (v == version)
				e = err_set(cause, ERR_EXISTS, TR("biểu mẫu %s phiên bản %d đã cài với "
				    "nội dung khác: hãy tăng 'version'", "form %s version %d is installed "
				    "with other content: raise its 'version'"), id, version);
		}
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE && e == ERR_OK)
			e = store_error(st, rc, cause);
		if (e == ERR_OK && newest > version)
			e = err_set(cause, ERR_VERSION, TR("biểu mẫu %s đã có phiên bản mới hơn (%d)",
			    "form %s has a newer version installed (%d)"), id, newest);
	}
	if (e == ERR_OK)
		e = store_prepare(st, "INSERT INTO forms(id, version, title, unit_kind, definition,"
		    " installed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, version);
		sqlite3_bind_text(q, 3, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, unit_kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, definition, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 6, store_now());
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK) {
		detail = xasprintf("version %d", version);
		e = store_audit(st, "form-install", id, detail, cause);
		free(detail);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		store_rollback(st);
	else if (added != NULL)
		*added = 1;
	return e;
}

enum err
store_form_latest(struct store *st, struct store_form **forms, size_t *n, char **cause)
{
	struct store_form *r = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*forms = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT id, version, title, unit_kind, definition FROM forms f"
	    " WHERE version = (SELECT max(version) FROM forms g WHERE g.id = f.id)"
	    " ORDER BY id", &q, cause);
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		r = xreallocarray(r, len + 1, sizeof *r);
		row_read(q, &r[len++]);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_form_free(r, len);
		return store_error(st, rc, cause);
	}
	*forms = r;
	*n = len;
	return ERR_OK;
}

enum err
store_form_get(struct store *st, const char *id, int version, struct store_form *out,
    char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	memset(out, 0, sizeof *out);
	e = store_prepare(st, "SELECT id, version, title, unit_kind, definition FROM forms"
	    " WHERE id = ?1 AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, version);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		row_read(q, out);
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return err_set(cause, ERR_NOTFOUND, TR("không có biểu mẫu '%s'", "no form '%s'"), text_quote(id));
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

/* The one integer SQL (an aggregate over form ID's versions, ?2 bound to
 * *AT when AT is given) answers, into *OUT; ERR_NOTFOUND when it is NULL
 * (no such form, or no version at that time). */
static enum err
form_one_int(struct store *st, const char *sql, const char *id, const int64_t *at,
    int64_t *out, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = 0;
	e = store_prepare(st, sql, &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	if (at != NULL)
		sqlite3_bind_int64(q, 2, *at);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
		*out = sqlite3_column_int64(q, 0);
	else if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return err_set(cause, ERR_NOTFOUND, TR("không có biểu mẫu '%s'", "no form '%s'"), text_quote(id));
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_form_since(struct store *st, const char *id, int64_t *at, char **cause)
{
	return form_one_int(st, "SELECT min(installed_at) FROM forms WHERE id = ?1", id, NULL,
	    at, cause);
}

enum err
store_form_in_force(struct store *st, const char *id, int64_t at, int *version, char **cause)
{
	int64_t v;
	enum err e = form_one_int(st, "SELECT max(version) FROM forms WHERE id = ?1 AND"
	    " installed_at <= ?2", id, &at, &v, cause);

	*version = (int)v;
	return e;
}

void
store_form_free(struct store_form *forms, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(forms[i].id);
		free(forms[i].title);
		free(forms[i].unit_kind);
		free(forms[i].definition);
	}
	free(forms);
}

enum err
store_forms_stamp(struct store *st, int64_t *count, int64_t *last, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*count = *last = 0;
	e = store_cached(st, "SELECT count(*), coalesce(max(rowid), 0) FROM forms", &q, cause);
	if (e != ERR_OK)
		return e;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(q, 0);
		*last = sqlite3_column_int64(q, 1);
	}
	store_done(st, q);
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-audit.c: appending to and reading the audit log (see store-audit.h).
 */
#include "store-audit.h"
#include "store-int.h"
#include "../core/clock.h"
#include "../core/mem.h"

#include <stdlib.h>

int64_t
store_now(void)
{
	return clock_now();
}

enum err
store_audit(struct store *st, const char *action, const char *object, const char *detail,
    char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	e = store_cached(st, "INSERT INTO audit(at, installation, user, action, object, detail)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_int64(q, 1, store_now());
	sqlite3_bind_text(q, 2, st->installation, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, object, -1, SQLITE_STATIC);
	if (detail != NULL)
		sqlite3_bind_text(q, 6, detail, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	store_done(st, q);
	return rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

static char *
col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

enum err
store_audit_list(struct store *st, const char *object, struct store_audit_row **rows,
    size_t *n, char **cause)
{
	struct store_audit_row *r = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	/* two statements, not "?1 IS NULL OR object = ?1": that one cannot
	 * use the audit index on object (audit_object_action) and reads the
	 * whole log for one object (a report asks once per unit) */
	e = store_prepare(st, object != NULL ? "SELECT id, at, installation, user, action,"
	    " object, detail FROM audit WHERE object = ?1 ORDER BY id" : "SELECT id, at,"
	    " installation, user, action, object, detail FROM audit ORDER BY id", &q, cause);
	if (e != ERR_OK)
		return e;
	if (object != NULL)
		sqlite3_bind_text(q, 1, object, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			r = xreallocarray(r, cap, sizeof *r);
		}
		r[len].id = sqlite3_column_int64(q, 0);
		r[len].at = sqlite3_column_int64(q, 1);
		r[len].installation = col_dup(q, 2);
		r[len].user = col_dup(q, 3);
		r[len].action = col_dup(q, 4);
		r[len].object = col_dup(q, 5);
		r[len].detail = col_dup(q, 6);
		len++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_audit_free(r, len);
		return store_error(st, rc, cause);
	}
	*rows = r;
	*n = len;
	return ERR_OK;
}

void
store_audit_free(struct store_audit_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].installation);
		free(rows[i].user);
		free(rows[i].action);
		free(rows[i].object);
		free(rows[i].detail);
	}
	free(rows);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-settings.c: small named values (see store-settings.h).
 */
#include "store-settings.h"
#include "store-audit.h"
#include "store-int.h"
#include "../core/mem.h"

#include <string.h>

enum err
store_setting_get(struct store *st, const char *key, char **value, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*value = NULL;
	e = store_prepare(st, "SELECT value FROM settings WHERE key = ?1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*value = xstrdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_setting_set(struct store *st, const char *key, const char *value, int *changed,
    char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	if (changed != NULL)
		*changed = 0;
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_prepare(st, "INSERT INTO settings(key, value) VALUES (?1, ?2)"
		    " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
		    " WHERE value IS NOT excluded.value", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK && sqlite3_changes(st->db) > 0) {
		if (changed != NULL)
			*changed = 1;
		e = store_audit(st, "setting", key, NULL, cause);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK) {
		store_rollback(st);
		if (changed != NULL)
			*changed = 0;
	}
	return e;
}

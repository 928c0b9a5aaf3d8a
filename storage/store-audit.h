/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-audit.h: the audit log. Every write through the storage API appends
 * one row (when, which installation, which user, what action, on what) in the
 * same transaction as the write. Rows are never changed or deleted: the API
 * offers no way to, and triggers refuse UPDATE and DELETE.
 */
#ifndef BAOCAO_STORE_AUDIT_H
#define BAOCAO_STORE_AUDIT_H

#include <stdint.h>

#include "store.h"

/* Append a row. Call inside the write's transaction. detail may be NULL. */
enum err store_audit(struct store *st, const char *action, const char *object,
    const char *detail, char **cause);

struct store_audit_row {
	int64_t id;
	int64_t at;          /* Unix time */
	char *installation;
	char *user;
	char *action;
	char *object;
	char *detail;        /* NULL if none */
};

/* Rows, oldest first; only those whose object is `object` if not NULL. */
enum err store_audit_list(struct store *st, const char *object,
    struct store_audit_row **rows, size_t *n, char **cause);
void store_audit_free(struct store_audit_row *rows, size_t n);

/* Now, as the audit log and every table records it (Unix seconds). Tests may
 * pin it with BAOCAO_NOW. */
int64_t store_now(void);

#endif

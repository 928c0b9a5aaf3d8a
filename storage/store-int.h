/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-int.h: what the storage modules share about an open store.
 * Only files in storage/ include this.
 */
#ifndef BAOCAO_STORE_INT_H
#define BAOCAO_STORE_INT_H

#include "store.h"
#include "store-vfs.h"

struct store {
	sqlite3 *db;
	char *path;
	struct store_keys *keys;
	char *user;        /* audit: who */
	char *installation; /* audit: which installation (fingerprint) */
	int depth;         /* store_begin levels open: 1 the transaction, more savepoints */
	int slot;          /* the key slot the passphrase opened */
	int holds;         /* store_hold calls not yet matched by a store_close */
};

/* Prepare a statement or report why not. */
enum err store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, char **cause);

#endif

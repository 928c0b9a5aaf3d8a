/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-int.h: what the storage modules share about an open store.
 * Only files in storage/ include this.
 */
#ifndef BAOCAO_STORE_INT_H
#define BAOCAO_STORE_INT_H

#include "store.h"
#include "store-vfs.h"

/* How many statements a connection keeps prepared (store_cached). */
#define STORE_STMT_MAX 64

struct store {
	sqlite3 *db;
	char *path;
	struct store_keys *keys;
	char *user;        /* audit: who */
	char *installation; /* audit: which installation (fingerprint) */
	int depth;         /* store_begin levels open: 1 the transaction, more savepoints */
	int slot;          /* the key slot the passphrase opened */
	int holds;         /* store_hold calls not yet matched by a store_close */
	/* statements prepared once per connection (store_cached), finalized
	 * before the connection closes (store_stmt_clear) */
	struct store_stmt {
		const char *sql;
		sqlite3_stmt *q;
	} stmts[STORE_STMT_MAX];
	int nstmts;
};

/* Prepare a statement or report why not. */
enum err store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, char **cause);

/*
 * A statement for SQL, prepared once per connection and kept: reset and
 * unbound, ready to bind. SQL must be a string that lives as long as the
 * program (a literal): it is the key. Give it back with store_done as soon
 * as its rows are read (a statement left stepping would hold a snapshot).
 * When the cache is full, or the statement is in use further up the stack,
 * a fresh one is prepared, and store_done finalizes it.
 */
enum err store_cached(struct store *st, const char *sql, sqlite3_stmt **out, char **cause);

/* Give back a statement from store_cached (reset and unbound, or
 * finalized if it was not kept). NULL is ignored. */
void store_done(struct store *st, sqlite3_stmt *q);

/* Finalize every kept statement: before the connection closes or is
 * replaced. */
void store_stmt_clear(struct store *st);

#endif

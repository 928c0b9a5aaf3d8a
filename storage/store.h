/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.h: the encrypted database of one installation.
 *
 * A `struct store` is an open, unlocked database: an SQLite connection whose
 * every page, journal and WAL goes through the encrypting VFS (store-vfs.h),
 * with the schema migrated to the newest version. Writes go through the
 * storage modules (store-inst.h, store-audit.h, ...), each in a transaction
 * that also appends to the audit log.
 *
 * Errors come back as enum err with a one-line message naming the database.
 */
#ifndef BAOCAO_STORE_H
#define BAOCAO_STORE_H

#include <sqlite3.h>

#include "../core/err.h"
#include "store-key.h"

struct store;

struct store_options {
	const struct store_kdf *kdf; /* NULL: STORE_KDF_DEFAULT */
	int rollback_journal;        /* 0: WAL (the default), 1: rollback journal */
	int schema;                  /* 0: newest; n: stop at version n (tests) */
	int page_size;               /* 0: 4096; else a power of two, 1024..65536,
	                              * fixed for the life of the file */
};

/* Make a new database at path (which must not exist) and open it. On any
 * failure no file is left behind. */
enum err store_create(const char *path, const char *pass, const struct store_options *opt,
    struct store **out, char **cause);

/* Open and unlock an existing database; never creates one. Migrates the
 * schema to the newest version. */
enum err store_open(const char *path, const char *pass, struct store **out, char **cause);

/* Change the passphrase: rewraps the master key, rewrites no page. */
enum err store_rekey(struct store *st, const char *newpass, const struct store_kdf *kdf,
    char **cause);

/* Re-encrypt every page under a new random master key (and a new uuid),
 * wrapped under newpass: for a passphrase that leaked together with a copy of
 * the file, which the old master key would still open. The copy is built
 * beside the file (FILE.rekey-XXXXXX, with SQLite's backup), synced, renamed
 * over it and the folder synced, all under SQLite's exclusive lock; a crash
 * at any moment leaves the old database (old passphrase) or the new one (new
 * passphrase), never neither. Fails with ERR_BUSY if another connection has
 * the database open. On success st is open on the new file; on failure it
 * is still open on the old one, unchanged. storage/FORMAT.md says more. */
enum err store_reencrypt(struct store *st, const char *newpass, const struct store_kdf *kdf,
    char **cause);

/* The Argon2id cost the passphrase is wrapped with now. 0, or -1 if the
 * header cannot be read. */
int store_key_cost(struct store *st, struct store_kdf *out);

/* Close st (NULL: nothing), unless a store_hold is outstanding: then that
 * hold is released and st stays open. */
void store_close(struct store *st);

/* Keep st open across one more store_close: `batch` lends one unlocked store
 * to command after command, each of which closes it when done. */
void store_hold(struct store *st);

const char *store_path(const struct store *st);
sqlite3 *store_sqlite(struct store *st);
struct store_keys *store_keys_of(struct store *st);

/* Transactions. store_begin takes the write lock at once (BEGIN IMMEDIATE).
 * They nest: a store_begin inside an open one is a SAVEPOINT, its
 * store_commit releases it (nothing is on disk until the outermost commits)
 * and its store_rollback undoes only what was done since. So a command made
 * of steps that each begin and commit is all-or-nothing when its caller wraps
 * them in one store_begin/store_commit (apply, devices approve). Each begin
 * is closed once, by store_commit or store_rollback (store_commit rolls back
 * itself when it fails; a second store_rollback after it does nothing then
 * only at the outermost level: inside, an error must reach the outer
 * rollback). */
enum err store_begin(struct store *st, char **cause);
enum err store_commit(struct store *st, char **cause);
void store_rollback(struct store *st);

/* Run SQL with no result rows. */
enum err store_exec(struct store *st, const char *sql, char **cause);

/* Turn the SQLite result code rc of the last call into an error code and a
 * message that names the database (and the page, for tampering). */
enum err store_error(struct store *st, int rc, char **cause);

/* Who the audit log records: the OS user by default. */
void store_set_user(struct store *st, const char *user);
const char *store_user(const struct store *st);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-vfs.h: the encrypting SQLite VFS shim.
 *
 * A `struct store_keys` holds the secrets of one database (its uuid and page
 * key, in locked memory) and the VFS registered over the system's default VFS
 * for it. Every file SQLite opens through that VFS -- the database, its
 * rollback journal and its WAL -- has each page sealed with
 * XChaCha20-Poly1305. Any other kind of file (temp databases, statement
 * journals) is refused: connections must use PRAGMA temp_store=MEMORY.
 *
 * The on-disk format is in storage/FORMAT.md. Only store-db.c uses this.
 */
#ifndef BAOCAO_STORE_VFS_H
#define BAOCAO_STORE_VFS_H

#include <sqlite3.h>
#include <stdint.h>

/* Bytes in front of SQLite's first page: the key header (store-key.h). */
#define STORE_HDR_SIZE 4096
/* Bytes reserved at the end of every page: 24-byte nonce + 16-byte tag. */
#define STORE_RESERVE 40
#define STORE_NONCE_BYTES 24
#define STORE_TAG_BYTES 16
#define STORE_UUID_BYTES 16
#define STORE_KEY_BYTES 32
/* Bytes of page 1 kept in the clear (page size, reserve), bound as AD. */
#define STORE_CLEAR_BYTES 24

/* A file control understood by the shim on the main database: raw access to
 * the key header in front of SQLite's pages (see store-key.c). */
#define STORE_FCNTL_HEADER 0x62630001
struct store_header_io {
	int write;        /* 0 read, 1 write + sync */
	void *data;
	int len;
	sqlite3_int64 off; /* physical offset, off + len <= STORE_HDR_SIZE */
};

/* What went wrong on the last failed read, for the message the user sees. */
struct store_vfs_fault {
	char domain;      /* 'D' database, 'J' journal, 'W' WAL; 0 none */
	uint32_t pgno;    /* page that failed authentication, 0 if none */
	int truncated;    /* the page was cut short */
};

struct store_keys;

/* Make keys for a database: copies uuid and master key into locked memory and
 * derives the page key. Returns NULL if locked memory cannot be had. */
struct store_keys *store_keys_new(const unsigned char uuid[STORE_UUID_BYTES],
    const unsigned char master[STORE_KEY_BYTES]);
/* Unregisters the VFS (if any) and wipes every secret. */
void store_keys_free(struct store_keys *k);
/* The master key (read-only, locked memory), needed to rewrap it. */
const unsigned char *store_keys_master(const struct store_keys *k);

/* Register the VFS for k under a fresh unique name, returned (owned by k).
 * Returns NULL if SQLite refuses. */
const char *store_vfs_register(struct store_keys *k);

/* The last authentication failure seen through k (zeroed by the call). */
struct store_vfs_fault store_vfs_take_fault(struct store_keys *k);

/* Test hook, in the style of SQLite's fault-injecting VFS: after `n` more
 * writes, every write and sync fails with SQLITE_FULL until called with -1. */
void store_vfs_fail_after(struct store_keys *k, long n);

#endif

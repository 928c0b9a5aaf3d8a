/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-mem.h: the memory SQLite holds decrypted pages in.
 *
 * Every page the shim decrypts goes to SQLite's page cache, and from there
 * into statement values, sort buffers and the shim's own scratch pages: all
 * of it allocated through SQLite's allocator. store_mem_init() replaces that
 * allocator (SQLITE_CONFIG_MALLOC) with one that
 *   - wipes every allocation when SQLite frees it (so a closed database
 *     leaves no plaintext in freed heap memory), and
 *   - locks in RAM (mlock) the memory pages spanned by every allocation of
 *     a page (4 KiB) or more -- page-cache pages, the shim's scratch
 *     buffers, SQLite's page-sized temporaries -- so they are not written
 *     to swap.
 * Locking is best effort: RLIMIT_MEMLOCK (often 8 MiB) may refuse it, and
 * then the memory is used unlocked and still wiped; a refusal is never an
 * error. Locked pages stay locked until the process ends (several
 * allocations may share a page, so none can be unlocked alone); a locked
 * block SQLite frees is wiped and kept (4 MiB at most) for the next
 * allocation of its size, which then needs no mlock call. Costs and
 * limits are measured in storage/FORMAT.md ("Memory").
 */
#ifndef BAOCAO_STORE_MEM_H
#define BAOCAO_STORE_MEM_H

#include <stddef.h>

/* Install the allocator. Must run before SQLite is first used in the
 * process (store_open and store_create call it); idempotent. Returns 0 if
 * installed, -1 if SQLite was already initialised (then nothing changes:
 * SQLite's default allocator stays, memory is not wiped). */
int store_mem_init(void);

struct store_mem_stats {
	int installed;           /* the wiping allocator is SQLite's */
	size_t wiped;            /* bytes wiped on free, in all */
	size_t locked;           /* bytes passed to successful mlock calls, in all
	                          * (a page counts again each time) */
	size_t lock_failures;    /* mlock calls refused (RLIMIT_MEMLOCK, ...) */
	size_t reused;           /* allocations served from the pool of wiped,
	                          * still-locked blocks (no mlock call) */
};
struct store_mem_stats store_mem_stats(void);

/* Benchmarks only: switch between the wiping allocator (1) and SQLite's
 * default (0) by shutting SQLite down and initialising it again. No
 * connection may be open. Returns 0 on success. */
int store_mem_switch(int on);

#endif

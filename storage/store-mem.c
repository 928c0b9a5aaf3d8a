/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-mem.c: SQLite's allocator, wiping and locking (see store-mem.h).
 *
 * Each allocation is malloc'ed with a 16-byte header in front holding its
 * size, so that free knows how much to wipe and SQLite's xSize can answer.
 * An allocation of LOCK_MIN bytes or more has the memory pages it spans
 * mlock'ed; pages are never unlocked (another allocation may share one), so
 * the locked set is at most the heap that ever held such allocations, and
 * the kernel drops the locks when the heap shrinks or the process ends.
 *
 * A locked block SQLite frees is wiped and kept in a small pool (bins of
 * one size each, POOL_CAP bytes in all) instead of going back to malloc:
 * SQLite frees and allocates the same page-sized blocks over and over
 * (page-cache pages, statement buffers), and a block from the pool is
 * still mapped and still locked, so it costs no mlock system call. A block
 * the pool does not keep (no bin for its size, the pool full, or its lock
 * was refused) is freed as before; the pool itself is never unlocked or
 * freed (at most POOL_CAP bytes, held until the process ends).
 */
#include "store-mem.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#define HDR 16
#define LOCK_MIN 4096
#define POOL_MAX (64 * 1024)		/* larger blocks are never pooled */
#define POOL_CAP (4 * 1024 * 1024)	/* bytes the pool holds at most */
#define POOL_BINS 8

/* A block's header: its size, and whether its pages were locked. */
struct hdr {
	size_t size;
	size_t locked;
};
_Static_assert(sizeof(struct hdr) <= HDR, "a block's header fits in front of it");

/* Free locked blocks of one size, linked through their (wiped) bodies. */
struct bin {
	size_t size;
	size_t n;
	void *head;
};

static struct {
	int installed;
	int saved;                 /* dflt holds SQLite's default methods */
	sqlite3_mem_methods dflt;
	size_t wiped, locked, lock_failures, reused;
	uintptr_t pgmask;
	pthread_mutex_t pool_lock;
	struct bin bins[POOL_BINS];
	size_t pooled;			/* bytes in the bins */
} mem = { .pool_lock = PTHREAD_MUTEX_INITIALIZER };

/* Lock the pages P..P+N spans; 1 if the kernel did. */
static int
lock_span(void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p & ~mem.pgmask;
	uintptr_t b = ((uintptr_t)p + n + mem.pgmask) & ~mem.pgmask;

	if (mlock((void *)a, b - a) == 0) {
		__atomic_add_fetch(&mem.locked, b - a, __ATOMIC_RELAXED);
		return 1;
	}
	__atomic_add_fetch(&mem.lock_failures, 1, __ATOMIC_RELAXED);
	return 0;
}

/* A pooled block of SZ bytes (its header's address), or NULL. */
static unsigned char *
pool_take(size_t sz)
{
	unsigned char *p = NULL;

	pthread_mutex_lock(&mem.pool_lock);
	for (size_t i = 0; i < POOL_BINS; i++) {
		struct bin *b = &mem.bins[i];
		if (b->n > 0 && b->size == sz) {
			p = b->head;
			memcpy(&b->head, p + HDR, sizeof b->head);
			b->n--;
			mem.pooled -= sz + HDR;
			break;
		}
	}
	pthread_mutex_unlock(&mem.pool_lock);
	if (p != NULL)
		__atomic_add_fetch(&mem.reused, 1, __ATOMIC_RELAXED);
	return p;
}

/* Keep the wiped, locked block P (header's address) of SZ bytes; 0 if the
 * pool has no room for it (the caller frees it). */
static int
pool_put(unsigned char *p, size_t sz)
{
	struct bin *b = NULL;

	if (sz > POOL_MAX)
		return 0;
	pthread_mutex_lock(&mem.pool_lock);
	if (mem.pooled + sz + HDR <= POOL_CAP) {
		/* its size's bin, else an empty one */
		for (size_t i = 0; i < POOL_BINS && b == NULL; i++)
			if (mem.bins[i].n > 0 && mem.bins[i].size == sz)
				b = &mem.bins[i];
		for (size_t i = 0; i < POOL_BINS && b == NULL; i++)
			if (mem.bins[i].n == 0)
				b = &mem.bins[i];
	}
	if (b != NULL) {
		b->size = sz;
		memcpy(p + HDR, &b->head, sizeof b->head);
		b->head = p;
		b->n++;
		mem.pooled += sz + HDR;
	}
	pthread_mutex_unlock(&mem.pool_lock);
	return b != NULL;
}

static int
mem_roundup(int n)
{
	return (n + 7) & ~7;
}

static void *
mem_malloc(int n)
{
	size_t sz = (size_t)mem_roundup(n);
	struct hdr h = { sz, 0 };
	unsigned char *p;

	if (n <= 0 || sz > (size_t)INT32_MAX - HDR)
		return NULL;
	if (sz >= LOCK_MIN && (p = pool_take(sz)) != NULL) {
		h.locked = 1;
		memcpy(p, &h, sizeof h);
		return p + HDR;
	}
	p = malloc(sz + HDR);
	if (p == NULL)
		return NULL;
	if (sz >= LOCK_MIN)
		h.locked = (size_t)lock_span(p, sz + HDR);
	memcpy(p, &h, sizeof h);
	return p + HDR;
}

static void
mem_free(void *q)
{
	unsigned char *p;
	struct hdr h;

	if (q == NULL)
		return;
	p = (unsigned char *)q - HDR;
	memcpy(&h, p, sizeof h);
	sodium_memzero(p, h.size + HDR);
	__atomic_add_fetch(&mem.wiped, h.size, __ATOMIC_RELAXED);
	if (h.locked && pool_put(p, h.size))
		return;
	free(p);
}

static int
mem_size(void *q)
{
	size_t sz;

	if (q == NULL)
		return 0;
	memcpy(&sz, (unsigned char *)q - HDR, sizeof sz);
	return (int)sz;
}

/* Never realloc() in place: the old block would be freed unwiped. */
static void *
mem_realloc(void *q, int n)
{
	void *r = mem_malloc(n);
	int old = mem_size(q);

	if (r == NULL)
		return NULL;
	memcpy(r, q, (size_t)(old < n ? old : n));
	mem_free(q);
	return r;
}

static int
mem_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void
mem_shutdown(void *arg)
{
	(void)arg;
}

static const sqlite3_mem_methods wiping = {
	mem_malloc, mem_free, mem_realloc, mem_size, mem_roundup, mem_init, mem_shutdown, NULL
};

int
store_mem_init(void)
{
	static int tried;

	if (tried)
		return mem.installed ? 0 : -1;
	tried = 1;
	mem.pgmask = (uintptr_t)sysconf(_SC_PAGESIZE) - 1;
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &mem.dflt) == SQLITE_OK)
		mem.saved = 1;
	if (!mem.saved || sqlite3_config(SQLITE_CONFIG_MALLOC, &wiping) != SQLITE_OK)
		return -1;
	/* nothing reads SQLite's memory statistics (sqlite3_status), which
	 * otherwise take a global lock on every allocation */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	mem.installed = 1;
	return 0;
}

struct store_mem_stats
store_mem_stats(void)
{
	struct store_mem_stats s;

	s.installed = mem.installed;
	s.wiped = __atomic_load_n(&mem.wiped, __ATOMIC_RELAXED);
	s.locked = __atomic_load_n(&mem.locked, __ATOMIC_RELAXED);
	s.lock_failures = __atomic_load_n(&mem.lock_failures, __ATOMIC_RELAXED);
	s.reused = __atomic_load_n(&mem.reused, __ATOMIC_RELAXED);
	return s;
}

int
store_mem_switch(int on)
{
	(void)store_mem_init();
	if (!mem.saved)
		return -1;
	if (sqlite3_shutdown() != SQLITE_OK)
		return -1;
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, on ? &wiping : &mem.dflt) != SQLITE_OK)
		return -1;
	mem.installed = on;
	return sqlite3_initialize() == SQLITE_OK ? 0 : -1;
}

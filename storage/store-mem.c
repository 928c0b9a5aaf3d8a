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
 */
#include "store-mem.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HDR 16
#define LOCK_MIN 4096

static struct {
	int installed;
	int saved;                 /* dflt holds SQLite's default methods */
	sqlite3_mem_methods dflt;
	size_t wiped, locked, lock_failures;
	uintptr_t pgmask;
} mem;

static void
lock_span(void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p & ~mem.pgmask;
	uintptr_t b = ((uintptr_t)p + n + mem.pgmask) & ~mem.pgmask;

	if (mlock((void *)a, b - a) == 0)
		__atomic_add_fetch(&mem.locked, b - a, __ATOMIC_RELAXED);
	else
		__atomic_add_fetch(&mem.lock_failures, 1, __ATOMIC_RELAXED);
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
	unsigned char *p;

	if (n <= 0 || sz > (size_t)INT32_MAX - HDR)
		return NULL;
	p = malloc(sz + HDR);
	if (p == NULL)
		return NULL;
	memcpy(p, &sz, sizeof sz);
	if (sz >= LOCK_MIN)
		lock_span(p, sz + HDR);
	return p + HDR;
}

static void
mem_free(void *q)
{
	unsigned char *p;
	size_t sz;

	if (q == NULL)
		return;
	p = (unsigned char *)q - HDR;
	memcpy(&sz, p, sizeof sz);
	sodium_memzero(p, sz + HDR);
	__atomic_add_fetch(&mem.wiped, sz, __ATOMIC_RELAXED);
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

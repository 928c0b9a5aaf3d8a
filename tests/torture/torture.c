/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * torture.c: differential torture of the encrypted store.
 *
 * A seeded generator writes a random workload of SQL and connection events;
 * the same workload runs on two databases side by side: plain SQLite (the
 * default VFS, a file in a temporary folder) and the store (storage/store.h:
 * store_create with STORE_KDF_TEST, every page through the encrypting VFS).
 * The plain database is built to mirror the store page for page -- same page
 * size, the same 40 reserved bytes at the end of every page, the store's
 * schema replayed in the same order -- so both make the same decisions: when
 * a transaction spills, which pages are freed, how many frames a checkpoint
 * copies, which lock a reader meets.
 *
 * After every step both sides must agree on
 *   - the result code and every row of what the step ran;
 *   - whether a transaction is open (on each connection);
 *   - the logical content seen by the first connection: a hash of the schema
 *     and of every table, row by row, in order;
 *   - when no transaction is open: PRAGMA integrity_check ('ok'),
 *     page_count and freelist_count.
 *
 * The workload mixes tiny and huge transactions, PRAGMA cache_size down to
 * 10 pages (so transactions spill), savepoints and ROLLBACK TO, rollbacks of
 * spilled transactions, deletes and drops that free pages, auto_vacuum and
 * incremental_vacuum, VACUUM, VACUUM INTO (the copy is opened with
 * store_open and the same passphrase, and compared), every wal_checkpoint
 * mode, journal modes DELETE/TRUNCATE/PERSIST/WAL and switches between them,
 * page sizes from 1 KiB to 64 KiB, blobs over many overflow pages, closing
 * and reopening, and a second connection (a second store_open of the same
 * file) that reads while the first writes, holds a snapshot, writes and
 * checkpoints; journal_size_limit, wal_autocheckpoint, secure_delete,
 * ANALYZE and shrink_memory now and then. Every connection has no busy
 * timeout, so a lock conflict is a result (SQLITE_BUSY) that both sides must
 * agree on, never a wait. Crash images: the files are copied as a crash at
 * that moment would leave them (mid-transaction, spilled pages and all, the
 * -shm lost), opened, and must hold what was last committed; the store's
 * copies are searched for a text the workload wrote, which must not be there.
 *
 * Both sides run over a VFS that skips fsync (nothing crashes here, so a
 * sync changes nothing read back); --fsync keeps the system's.
 *
 * The workload of a seed is generated before it runs, step by step, from the
 * seed alone: the first N steps are the same whatever N is, and any subset of
 * them can be run (--keep). A failure prints the seed, the step, what
 * differed and the command that reproduces it; then the workload is shrunk
 * (steps removed while it still fails) and the shorter command printed.
 *
 *   torture --seed S [--steps N] [--keep LIST] [--large] [-v]   one workload
 *                                   (-v prints each step and its time)
 *   torture --quick [--seeds N]     seeds 1..N (200), 40 steps each, and the
 *                                   pinned seeds of defects found before
 *   torture --seconds T [--large]   random seeds until T seconds have passed,
 *                                   100 steps (150 large); one in eight large,
 *                                   all with --large
 *
 * Exit status: 0 no difference, 1 a difference (or the harness could not
 * run), 2 bad arguments.
 */
#include "../../core/mem.h"
#include "../../storage/store.h"

#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PASS "torture: mật khẩu thử"
#define CANARY "CANARY7f"      /* begins every text of 16 bytes or more */
#define HASH 16
#define NTAB 4
#define MAX_BLOB (4 << 20)

/* ---- deterministic randomness ------------------------------------------ */

static uint64_t
mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static long
rnd(uint64_t *s, long n)
{
	return n <= 1 ? 0 : (long)(mix(s) % (uint64_t)n);
}

/* A number in [lo, hi]. */
static long
rnd_in(uint64_t *s, long lo, long hi)
{
	return lo + rnd(s, hi - lo + 1);
}

/* Index of an entry chosen with the given weights (sum > 0). */
static int
pick(uint64_t *s, const int *w, int n)
{
	long sum = 0, x;
	int i;

	for (i = 0; i < n; i++)
		sum += w[i];
	x = rnd(s, sum);
	for (i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* SQL functions giving the same bytes on both sides: tblob(seed, n) is n
 * pseudo-random bytes, ttext(seed, n) n letters and digits. */
static void
fn_bytes(sqlite3_context *c, sqlite3_value **v, int text)
{
	uint64_t s = (uint64_t)sqlite3_value_int64(v[0]);
	sqlite3_int64 n = sqlite3_value_int64(v[1]), i;
	unsigned char *b;

	if (n < 0)
		n = 0;
	if (n > MAX_BLOB)
		n = MAX_BLOB;
	if ((b = sqlite3_malloc64((sqlite3_uint64)n + 1)) == NULL) {
		sqlite3_result_error_nomem(c);
		return;
	}
	for (i = 0; i < n; i += 8) {
		uint64_t x = mix(&s);
		sqlite3_int64 j;
		for (j = 0; j < 8 && i + j < n; j++, x >>= 8)
			b[i + j] = text ? (unsigned char)"abcdefghijklmnopqrstuvwxyz0123456789"[(x & 0xff) % 36]
			    : (unsigned char)x;
	}
	if (text && n >= 16)
		memcpy(b, CANARY, strlen(CANARY)); /* looked for in the store's files */
	if (text)
		sqlite3_result_text64(c, (char *)b, (sqlite3_uint64)n, sqlite3_free, SQLITE_UTF8);
	else
		sqlite3_result_blob64(c, b, (sqlite3_uint64)n, sqlite3_free);
}

static void
fn_tblob(sqlite3_context *c, int argc, sqlite3_value **v)
{
	(void)argc;
	fn_bytes(c, v, 0);
}

static void
fn_ttext(sqlite3_context *c, int argc, sqlite3_value **v)
{
	(void)argc;
	fn_bytes(c, v, 1);
}

/* ---- a default VFS without fsync ---------------------------------------- */

/* Both sides run over this VFS: the system's unix VFS with every sync
 * skipped. SQLite still asks for them, in the same places (nothing here
 * crashes, so a sync changes no byte that is read back); a run no longer
 * waits for the disk. --fsync leaves the unix VFS as it is. */
struct ns_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_vfs *ns_unix;

#define NS_REAL(f) (((struct ns_file *)(f))->real)

static int ns_close(sqlite3_file *f) { return NS_REAL(f)->pMethods->xClose(NS_REAL(f)); }
static int ns_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{ return NS_REAL(f)->pMethods->xRead(NS_REAL(f), b, n, o); }
static int ns_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{ return NS_REAL(f)->pMethods->xWrite(NS_REAL(f), b, n, o); }
static int ns_truncate(sqlite3_file *f, sqlite3_int64 n)
{ return NS_REAL(f)->pMethods->xTruncate(NS_REAL(f), n); }
static int ns_sync(sqlite3_file *f, int flags) { (void)f; (void)flags; return SQLITE_OK; }
static int ns_size(sqlite3_file *f, sqlite3_int64 *n)
{ return NS_REAL(f)->pMethods->xFileSize(NS_REAL(f), n); }
static int ns_lock(sqlite3_file *f, int l) { return NS_REAL(f)->pMethods->xLock(NS_REAL(f), l); }
static int ns_unlock(sqlite3_file *f, int l)
{ return NS_REAL(f)->pMethods->xUnlock(NS_REAL(f), l); }
static int ns_reserved(sqlite3_file *f, int *r)
{ return NS_REAL(f)->pMethods->xCheckReservedLock(NS_REAL(f), r); }
static int ns_fcntl(sqlite3_file *f, int op, void *a)
{ return NS_REAL(f)->pMethods->xFileControl(NS_REAL(f), op, a); }
static int ns_sector(sqlite3_file *f) { return NS_REAL(f)->pMethods->xSectorSize(NS_REAL(f)); }
static int ns_devchar(sqlite3_file *f)
{ return NS_REAL(f)->pMethods->xDeviceCharacteristics(NS_REAL(f)); }
static int ns_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp)
{ return NS_REAL(f)->pMethods->xShmMap(NS_REAL(f), pg, sz, ext, pp); }
static int ns_shm_lock(sqlite3_file *f, int o, int n, int fl)
{ return NS_REAL(f)->pMethods->xShmLock(NS_REAL(f), o, n, fl); }
static void ns_shm_barrier(sqlite3_file *f) { NS_REAL(f)->pMethods->xShmBarrier(NS_REAL(f)); }
static int ns_shm_unmap(sqlite3_file *f, int del)
{ return NS_REAL(f)->pMethods->xShmUnmap(NS_REAL(f), del); }
static int ns_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **pp)
{ return NS_REAL(f)->pMethods->xFetch(NS_REAL(f), o, n, pp); }
static int ns_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{ return NS_REAL(f)->pMethods->xUnfetch(NS_REAL(f), o, p); }

static const sqlite3_io_methods ns_io = {
	3, ns_close, ns_read, ns_write, ns_truncate, ns_sync, ns_size, ns_lock, ns_unlock,
	ns_reserved, ns_fcntl, ns_sector, ns_devchar, ns_shm_map, ns_shm_lock, ns_shm_barrier,
	ns_shm_unmap, ns_fetch, ns_unfetch,
};

#define NS_SIZE ((sizeof(struct ns_file) + 15) & ~(size_t)15)

static int
ns_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out)
{
	struct ns_file *f = (struct ns_file *)file;
	int rc;

	(void)vfs;
	f->real = (sqlite3_file *)((char *)f + NS_SIZE);
	f->base.pMethods = NULL;
	rc = ns_unix->xOpen(ns_unix, name, f->real, flags, out);
	if (rc == SQLITE_OK)
		f->base.pMethods = &ns_io;
	else if (f->real->pMethods != NULL)
		f->real->pMethods->xClose(f->real);
	return rc;
}

static int
ns_delete(sqlite3_vfs *vfs, const char *name, int dirsync)
{
	(void)vfs;
	(void)dirsync;
	return ns_unix->xDelete(ns_unix, name, 0);
}

static sqlite3_vfs ns_vfs;

static int
nosync_install(void)
{
	if ((ns_unix = sqlite3_vfs_find(NULL)) == NULL)
		return -1;
	ns_vfs = *ns_unix;
	ns_vfs.zName = "torture-nosync";
	ns_vfs.szOsFile = (int)NS_SIZE + ns_unix->szOsFile;
	ns_vfs.pNext = NULL;
	ns_vfs.xOpen = ns_open;
	ns_vfs.xDelete = ns_delete;
	return sqlite3_vfs_register(&ns_vfs, 1) == SQLITE_OK ? 0 : -1;
}

/* ---- the workload ------------------------------------------------------ */

enum op_kind {
	OP_SQL,       /* sql on the first connection */
	OP_REOPEN,    /* close (arg2: keep the second connection) and reopen */
	OP_OPEN2,     /* open the second connection (when no transaction is open) */
	OP_CLOSE2,
	OP_READ2,     /* the second connection reads everything */
	OP_SNAP,      /* the second connection begins or ends a read transaction */
	OP_SNAPCHECK, /* its snapshot has not moved */
	OP_SQL2,      /* sql on the second connection, rolled back if left open */
	OP_VINTO,     /* VACUUM INTO a new file, opened and compared */
	OP_CRASH      /* copy the files as a crash now would leave them, open the
	               * copy (recovery, hot journal) and compare */
};

struct op {
	enum op_kind kind;
	char *sql;
	int arg, arg2;
};

struct config {
	uint64_t seed;
	int large;      /* sizes of the long run */
	int pgsz;
	int rollback;   /* created in rollback-journal mode, not WAL */
	long steps;
};

/* What the generator believes about the state, to choose plausible steps.
 * It may be wrong (a step can fail): the workload stays valid SQL either
 * way, and both sides get the same. */
struct gen {
	uint64_t r;
	const struct config *cfg;
	int txn, nsp, sptxn, spseq;
	int sp[64];
	int wal;
	int tab[NTAB];     /* 0 absent, 1 rowid table, 2 WITHOUT ROWID */
	long bytes[NTAB];  /* roughly, what each table holds */
	long rows[NTAB];
	int conn2, snap;
};

static const int cache_sizes[] = { 10, 12, 16, 25, 50, 100, 200, 1000, -2000, -8192 };

static int
some_table(struct gen *g, int want_present)
{
	int t, i;

	for (i = 0, t = (int)rnd(&g->r, NTAB); i < NTAB; i++, t = (t + 1) % NTAB)
		if ((g->tab[t] != 0) == want_present)
			return t;
	return -1;
}

/* Length of a blob: mostly small, sometimes a few pages, rarely huge. */
static void
blob_len(struct gen *g, long *base, long *span)
{
	long p = g->cfg->pgsz;
	static const int w[] = { 30, 30, 20, 12, 6, 2 };

	switch (pick(&g->r, w, 6)) {
	case 0: *base = rnd(&g->r, 20); *span = 1 + rnd(&g->r, 40); break;
	case 1: *base = 20 + rnd(&g->r, 200); *span = 1 + rnd(&g->r, 300); break;
	case 2: *base = p / 4; *span = p; break;
	case 3: *base = p; *span = 1 + p * (g->cfg->large ? 8 : 3); break;
	case 4: *base = 0; *span = 1 + p * (g->cfg->large ? 20 : 5); break;
	default:
		*base = g->cfg->large ? 200000 : 4 * p;
		*span = 1 + (g->cfg->large ? 400000 : 4 * p);
		break;
	}
}

static char *
gen_insert(struct gen *g, int t, int big)
{
	long n, base, span, tl, max, key = rnd(&g->r, g->cfg->large ? 1000000 : 100000);
	uint64_t s = mix(&g->r) >> 12;
	int step = (int)rnd_in(&g->r, 1, 3), conflict = (int)rnd(&g->r, 10);

	if (big)
		n = g->cfg->large ? rnd_in(&g->r, 1000, 20000) : rnd_in(&g->r, 100, 600);
	else
		n = rnd(&g->r, 4) == 0 ? rnd_in(&g->r, 20, 100) : rnd_in(&g->r, 1, 12);
	blob_len(g, &base, &span);
	tl = rnd(&g->r, 8) == 0 ? g->cfg->pgsz / 2 : rnd_in(&g->r, 1, 30);
	/* Bounded in bytes, whatever the page size: a big insert writes a few
	 * times the smallest caches (quick) or the default 8 MiB one (large). */
	if (g->cfg->large)
		max = big ? 12L << 20 : 2L << 20;
	else
		max = big ? 20L * g->cfg->pgsz + (192L << 10) : 4L * g->cfg->pgsz + (32L << 10);
	if (n * (base + span / 2 + tl + 16) > max)
		n = 1 + max / (base + span / 2 + tl + 16);
	g->bytes[t] += n * (base + span / 2 + tl + 16);
	g->rows[t] += n;
	return xasprintf("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE i<%ld) "
	    "INSERT %sINTO h%d(a,b,c,d) SELECT %ld+i*%d, tblob(%" PRIu64 "+i, %ld+(i*7919)%%%ld), "
	    "ttext(%" PRIu64 "+i, %ld+i%%7), (%" PRIu64 "+i)%%1000 FROM n",
	    n - 1, conflict == 0 ? "" : conflict == 1 ? "OR IGNORE " : "OR REPLACE ", t, key,
	    step, s, base, span, s, tl, s);
}

static char *
gen_update(struct gen *g, int t)
{
	long base, span, max, m = rnd_in(&g->r, 1, 12), lo = rnd(&g->r, 100000);
	uint64_t s = mix(&g->r) >> 12;

	blob_len(g, &base, &span);
	if (base > 4 * g->cfg->pgsz)
		base = g->cfg->pgsz, span = g->cfg->pgsz;
	/* As many bytes as a big insert at most: the rows it touches times the
	 * new length. */
	max = g->cfg->large ? 12L << 20 : 20L * g->cfg->pgsz + (192L << 10);
	if (g->rows[t] / m * (base + span / 2 + 1) > max) {
		base = max / (g->rows[t] / m + 1) / 2;
		span = base + 1;
	}
	switch (rnd(&g->r, 4)) {
	case 0:
		return xasprintf("UPDATE h%d SET a = a + %ld WHERE a BETWEEN %ld AND %ld", t,
		    rnd_in(&g->r, 1, 5000), lo, lo + rnd(&g->r, 20000));
	case 1:
		return xasprintf("UPDATE OR REPLACE h%d SET a = a + %ld WHERE a %% %ld = %ld", t,
		    rnd_in(&g->r, 1, 50), m, rnd(&g->r, m));
	default:
		g->bytes[t] += g->rows[t] / m * (base + span / 2) - g->bytes[t] / m;
		return xasprintf("UPDATE h%d SET b = tblob(%" PRIu64 "+a, %ld+(a*31)%%%ld), "
		    "c = CASE WHEN a%%3=0 THEN c ELSE ttext(%" PRIu64 "+a, %ld) END, d = d+1 "
		    "WHERE a %% %ld = %ld", t, s, base, span, s, rnd_in(&g->r, 1, 40), m,
		    rnd(&g->r, m));
	}
}

static char *
gen_delete(struct gen *g, int t)
{
	long m = rnd_in(&g->r, 1, 6), lo = rnd(&g->r, 100000);

	switch (rnd(&g->r, 5)) {
	case 0:
		g->bytes[t] = g->rows[t] = 0;
		return xasprintf("DELETE FROM h%d", t);
	case 1:
		g->bytes[t] -= g->bytes[t] / 4;
		g->rows[t] -= g->rows[t] / 4;
		return xasprintf("DELETE FROM h%d WHERE a BETWEEN %ld AND %ld", t, lo,
		    lo + rnd(&g->r, 50000));
	case 2:
		g->bytes[t] /= 2;
		g->rows[t] -= g->rows[t] / 4;
		return xasprintf("DELETE FROM h%d WHERE length(b) > %ld", t,
		    rnd(&g->r, 2 * (long)g->cfg->pgsz));
	default:
		g->bytes[t] -= g->bytes[t] / m;
		g->rows[t] -= g->rows[t] / m;
		return xasprintf("DELETE FROM h%d WHERE a %% %ld = %ld", t, m, rnd(&g->r, m));
	}
}

static char *
gen_index(struct gen *g, int t)
{
	static const char *const cols[] = { "c", "d, c", "length(b)", "d", "c, a" };
	int i = (int)rnd(&g->r, 5);

	if (rnd(&g->r, 3) == 0)
		return xasprintf("DROP INDEX IF EXISTS h%d_i%d", t, i);
	return xasprintf("CREATE INDEX IF NOT EXISTS h%d_i%d ON h%d(%s)%s", t, i, t, cols[i],
	    i == 3 ? " WHERE d % 2 = 0" : "");
}

enum {
	G_CREATE, G_DROP, G_INDEX, G_INSERT, G_BIGINSERT, G_UPDATE, G_DELETE, G_BEGIN,
	G_COMMIT, G_ROLLBACK, G_SAVEPOINT, G_RELEASE, G_ROLLBACKTO, G_CACHE, G_JOURNAL,
	G_CKPT, G_VACUUM, G_AUTOVAC, G_INCRVAC, G_VINTO, G_REOPEN, G_OPEN2, G_CLOSE2,
	G_READ2, G_SNAP, G_SNAPCHECK, G_WRITE2, G_CKPT2, G_PRAGMA, G_CRASH, G_N
};

static void
gen_step(struct gen *g, struct op *op)
{
	static const char *const jm[] = { "DELETE", "TRUNCATE", "PERSIST", "WAL" };
	static const char *const ck[] = { "PASSIVE", "FULL", "RESTART", "TRUNCATE" };
	static const char *const av[] = { "NONE", "FULL", "INCREMENTAL" };
	int w[G_N] = { 0 }, present = some_table(g, 1) >= 0, absent = some_table(g, 0) >= 0;
	long total = 0;
	int t, i, k;

	for (t = 0; t < NTAB; t++)
		total += g->bytes[t] > 0 ? g->bytes[t] : 0;
	w[G_CREATE] = absent ? (present ? 2 : 40) : 0;
	w[G_DROP] = present ? 1 : 0;
	w[G_INDEX] = present ? 3 : 0;
	w[G_INSERT] = present ? 20 : 0;
	w[G_BIGINSERT] = present ? (g->txn ? 5 : 2) : 0;
	w[G_UPDATE] = present ? 8 : 0;
	w[G_DELETE] = present ? (total > (g->cfg->large ? 16L << 20 :
	    (512L << 10) + 20L * g->cfg->pgsz) ? 40 : 5) : 0;
	w[G_BEGIN] = g->txn ? 0 : 12;
	w[G_COMMIT] = g->txn ? 10 : 0;
	w[G_ROLLBACK] = g->txn ? 4 : 0;
	w[G_SAVEPOINT] = g->nsp < 60 ? 4 : 0;
	w[G_RELEASE] = g->nsp ? 3 : 0;
	w[G_ROLLBACKTO] = g->nsp ? 4 : 0;
	w[G_CACHE] = 3;
	w[G_JOURNAL] = g->txn ? 0 : 3;
	w[G_CKPT] = g->txn ? 0 : 3;
	w[G_VACUUM] = g->txn ? 0 : 2;
	w[G_AUTOVAC] = g->txn ? 0 : 1;
	w[G_INCRVAC] = 2;
	w[G_VINTO] = g->txn ? 0 : 2;
	w[G_REOPEN] = g->txn ? 1 : 3;
	w[G_OPEN2] = !g->conn2 && !g->txn ? 4 : 0;
	w[G_CLOSE2] = g->conn2 ? 2 : 0;
	w[G_READ2] = g->conn2 ? 5 : 0;
	w[G_SNAP] = g->conn2 ? 3 : 0;
	w[G_SNAPCHECK] = g->snap ? 4 : 0;
	w[G_WRITE2] = g->conn2 && !g->snap ? 4 : 0;
	w[G_CKPT2] = g->conn2 && !g->snap ? 2 : 0;
	w[G_PRAGMA] = 3;
	w[G_CRASH] = 2;

	memset(op, 0, sizeof *op);
	op->kind = OP_SQL;
	t = some_table(g, 1);
	switch (pick(&g->r, w, G_N)) {
	case G_CREATE:
		t = some_table(g, 0);
		g->tab[t] = rnd(&g->r, 3) == 0 ? 2 : 1;
		g->bytes[t] = g->rows[t] = 0;
		op->sql = xasprintf(g->tab[t] == 2 ?
		    "CREATE TABLE h%d(a INTEGER NOT NULL PRIMARY KEY, b BLOB, c TEXT, d INT) WITHOUT ROWID" :
		    "CREATE TABLE h%d(a INTEGER PRIMARY KEY, b BLOB, c TEXT, d INT)", t);
		break;
	case G_DROP:
		g->tab[t] = 0;
		g->bytes[t] = g->rows[t] = 0;
		op->sql = xasprintf("DROP TABLE h%d", t);
		break;
	case G_INDEX:
		op->sql = gen_index(g, t);
		break;
	case G_INSERT:
		op->sql = gen_insert(g, t, 0);
		break;
	case G_BIGINSERT:
		op->sql = gen_insert(g, t, 1);
		break;
	case G_UPDATE:
		op->sql = gen_update(g, t);
		break;
	case G_DELETE:
		op->sql = gen_delete(g, t);
		break;
	case G_BEGIN:
		i = (int)rnd(&g->r, 3);
		op->sql = xstrdup(i == 0 ? "BEGIN" : i == 1 ? "BEGIN IMMEDIATE" : "BEGIN EXCLUSIVE");
		g->txn = 1;
		break;
	case G_COMMIT:
		op->sql = xstrdup(rnd(&g->r, 8) == 0 ? "END" : "COMMIT");
		g->txn = g->nsp = g->sptxn = 0;
		break;
	case G_ROLLBACK:
		op->sql = xstrdup("ROLLBACK");
		g->txn = g->nsp = g->sptxn = 0;
		break;
	case G_SAVEPOINT:
		g->sp[g->nsp++] = ++g->spseq;
		if (!g->txn)
			g->txn = g->sptxn = 1;
		op->sql = xasprintf("SAVEPOINT s%d", g->spseq);
		break;
	case G_RELEASE:
		i = (int)rnd(&g->r, g->nsp);
		op->sql = xasprintf("RELEASE s%d", g->sp[i]);
		g->nsp = i;
		if (i == 0 && g->sptxn)
			g->txn = g->sptxn = 0;
		break;
	case G_ROLLBACKTO:
		i = (int)rnd(&g->r, g->nsp);
		op->sql = xasprintf("ROLLBACK TO s%d", g->sp[i]);
		g->nsp = i + 1;
		break;
	case G_CACHE:
		k = cache_sizes[rnd(&g->r, sizeof cache_sizes / sizeof *cache_sizes)];
		op->sql = rnd(&g->r, 6) == 0 ? xasprintf("PRAGMA cache_spill=%s",
		    rnd(&g->r, 2) ? "ON" : "OFF") : xasprintf("PRAGMA cache_size=%d", k);
		break;
	case G_JOURNAL:
		i = (int)rnd(&g->r, 4);
		g->wal = i == 3;
		op->sql = xasprintf("PRAGMA journal_mode=%s", jm[i]);
		break;
	case G_CKPT:
		op->sql = xasprintf("PRAGMA wal_checkpoint(%s)", ck[rnd(&g->r, 4)]);
		break;
	case G_VACUUM:
		op->sql = xstrdup("VACUUM");
		break;
	case G_AUTOVAC:
		op->sql = xasprintf("PRAGMA auto_vacuum=%s; VACUUM", av[rnd(&g->r, 3)]);
		break;
	case G_INCRVAC:
		op->sql = xasprintf("PRAGMA incremental_vacuum(%ld)", rnd(&g->r, 3) ? rnd(&g->r, 200) : 0);
		break;
	case G_CRASH:
		op->kind = OP_CRASH;
		break;
	case G_VINTO:
		op->kind = OP_VINTO;
		break;
	case G_REOPEN:
		op->kind = OP_REOPEN;
		op->arg = cache_sizes[rnd(&g->r, sizeof cache_sizes / sizeof *cache_sizes)];
		op->arg2 = g->conn2 && rnd(&g->r, 2);
		g->txn = g->nsp = 0;
		if (!op->arg2)
			g->conn2 = g->snap = 0;
		break;
	case G_OPEN2:
		op->kind = OP_OPEN2;
		op->arg = cache_sizes[rnd(&g->r, sizeof cache_sizes / sizeof *cache_sizes)];
		g->conn2 = 1;
		break;
	case G_CLOSE2:
		op->kind = OP_CLOSE2;
		g->conn2 = g->snap = 0;
		break;
	case G_READ2:
		op->kind = OP_READ2;
		break;
	case G_SNAP:
		op->kind = OP_SNAP;
		g->snap = !g->snap;
		break;
	case G_SNAPCHECK:
		op->kind = OP_SNAPCHECK;
		break;
	case G_WRITE2:
		op->kind = OP_SQL2;
		t = t < 0 ? 0 : t;
		{
			char *s = rnd(&g->r, 2) ? gen_insert(g, t, rnd(&g->r, 6) == 0) :
			    rnd(&g->r, 2) ? gen_update(g, t) : gen_delete(g, t);
			op->sql = xasprintf("BEGIN IMMEDIATE; %s; COMMIT", s);
			free(s);
		}
		break;
	case G_PRAGMA:
		/* Paths the rest does not take: truncated logs and journals,
		 * checkpoints after every commit, zeroed free pages, statistics
		 * tables, a cache emptied of clean pages (read back from disk). */
		switch (rnd(&g->r, 5)) {
		case 0:
			op->sql = xasprintf("PRAGMA journal_size_limit=%ld",
			    (long[]){ -1, 0, 8192, 65536 }[rnd(&g->r, 4)]);
			break;
		case 1:
			op->sql = xasprintf("PRAGMA wal_autocheckpoint=%ld",
			    (long[]){ 0, 1, 10, 100, 1000 }[rnd(&g->r, 5)]);
			break;
		case 2:
			op->sql = xasprintf("PRAGMA secure_delete=%s",
			    (const char *[]){ "ON", "OFF", "FAST" }[rnd(&g->r, 3)]);
			break;
		case 3:
			op->sql = xstrdup("ANALYZE");
			break;
		default:
			op->sql = xstrdup("PRAGMA shrink_memory");
			break;
		}
		break;
	case G_CKPT2:
		op->kind = OP_SQL2;
		op->sql = xasprintf("PRAGMA wal_checkpoint(%s)", ck[rnd(&g->r, 4)]);
		break;
	}
}

/* The configuration and the first `steps` steps of a seed's workload. */
static struct op *
generate(struct config *cfg)
{
	static const int pw[] = { 25, 10, 25, 10, 10, 10, 10 };
	struct gen g;
	struct op *ops = xcalloc((size_t)cfg->steps, sizeof *ops);
	long i;

	memset(&g, 0, sizeof g);
	g.r = cfg->seed ^ 0x62616f63616f7472ULL;
	g.cfg = cfg;
	cfg->pgsz = 1024 << pick(&g.r, pw, 7);
	cfg->rollback = (int)rnd(&g.r, 2);
	g.wal = !cfg->rollback;
	for (i = 0; i < cfg->steps; i++)
		gen_step(&g, &ops[i]);
	return ops;
}

static void
ops_free(struct op *ops, long n)
{
	long i;

	for (i = 0; i < n; i++)
		free(ops[i].sql);
	free(ops);
}

static void
op_describe(const struct op *op, char *buf, size_t len)
{
	switch (op->kind) {
	case OP_SQL: snprintf(buf, len, "%s", op->sql); break;
	case OP_REOPEN: snprintf(buf, len, "reopen (cache_size=%d%s)", op->arg,
	    op->arg2 ? ", second connection kept open" : ""); break;
	case OP_OPEN2: snprintf(buf, len, "open a second connection (cache_size=%d)", op->arg); break;
	case OP_CLOSE2: snprintf(buf, len, "close the second connection"); break;
	case OP_READ2: snprintf(buf, len, "second connection: read everything"); break;
	case OP_SNAP: snprintf(buf, len, "second connection: begin/end a read transaction"); break;
	case OP_SNAPCHECK: snprintf(buf, len, "second connection: its snapshot is unchanged"); break;
	case OP_SQL2: snprintf(buf, len, "second connection: %s", op->sql); break;
	case OP_VINTO: snprintf(buf, len, "VACUUM INTO a new file, then open it"); break;
	case OP_CRASH: snprintf(buf, len, "copy the files as a crash would leave them, "
	    "open the copy"); break;
	}
}

/* ---- one side: plain SQLite or the store --------------------------------- */

struct side {
	const char *name;
	int store;
	char *path, *copy;
	struct store *st, *st2;
	sqlite3 *db, *db2;
	unsigned char snap[HASH];
	int snap_on;
	unsigned char committed[HASH];
	int committed_ok;
};

/* What one side did in a step: result code, a hash of every row, a note. */
struct outcome {
	int rc;
	unsigned char h[HASH];
	char msg[300];
	char text[160];   /* the first values, for a report */
};

static void
hash_value(crypto_generichash_state *h, sqlite3_stmt *q, int i)
{
	int type = sqlite3_column_type(q, i);
	unsigned char t = (unsigned char)type, b[8];
	sqlite3_int64 v;
	double d;
	uint64_t n;

	crypto_generichash_update(h, &t, 1);
	switch (type) {
	case SQLITE_INTEGER:
		v = sqlite3_column_int64(q, i);
		memcpy(b, &v, 8);
		crypto_generichash_update(h, b, 8);
		break;
	case SQLITE_FLOAT:
		d = sqlite3_column_double(q, i);
		memcpy(b, &d, 8);
		crypto_generichash_update(h, b, 8);
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB:
		n = (uint64_t)sqlite3_column_bytes(q, i);
		memcpy(b, &n, 8);
		crypto_generichash_update(h, b, 8);
		if (n > 0)
			crypto_generichash_update(h, type == SQLITE_TEXT ?
			    sqlite3_column_text(q, i) : sqlite3_column_blob(q, i), n);
		break;
	default:
		break;
	}
}

static void
note(struct outcome *o, sqlite3 *db, const char *what)
{
	snprintf(o->msg, sizeof o->msg, "%s: %s (%d)", what,
	    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(o->rc), o->rc);
}

/* Run every statement of sql, hashing every row; stops at the first error. */
static void
run_sql(sqlite3 *db, const char *sql, struct outcome *o)
{
	crypto_generichash_state h;
	const char *tail = sql;
	sqlite3_stmt *q;
	int rc = SQLITE_OK, i;

	memset(o, 0, sizeof *o);
	crypto_generichash_init(&h, NULL, 0, HASH);
	while (rc == SQLITE_OK && tail != NULL && *tail != '\0') {
		rc = sqlite3_prepare_v2(db, tail, -1, &q, &tail);
		if (rc != SQLITE_OK || q == NULL)
			break;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			for (i = 0; i < sqlite3_column_count(q); i++) {
				size_t n = strlen(o->text);
				hash_value(&h, q, i);
				if (n + 2 < sizeof o->text)
					snprintf(o->text + n, sizeof o->text - n, "%s%.40s",
					    n ? "|" : "", sqlite3_column_type(q, i) == SQLITE_BLOB ?
					    "<blob>" : (const char *)sqlite3_column_text(q, i) ?
					    (const char *)sqlite3_column_text(q, i) : "NULL");
			}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_finalize(q);
	}
	crypto_generichash_final(&h, o->h, HASH);
	o->rc = rc;
	if (rc != SQLITE_OK)
		note(o, db, sql);
}

/* A hash of the logical content: the schema (without root pages) and every
 * row of every table, in order. */
static void
content_hash(sqlite3 *db, struct outcome *o)
{
	crypto_generichash_state h;
	sqlite3_stmt *q, *r;
	char **names = NULL;
	size_t n = 0, i;
	int rc, c;

	memset(o, 0, sizeof *o);
	crypto_generichash_init(&h, NULL, 0, HASH);
	rc = sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
	    "ORDER BY type, name", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			for (c = 0; c < 4; c++)
				hash_value(&h, q, c);
			if (strcmp((const char *)sqlite3_column_text(q, 0), "table") == 0) {
				names = xrealloc(names, (n + 1) * sizeof *names);
				names[n++] = xstrdup((const char *)sqlite3_column_text(q, 1));
			}
		}
		sqlite3_finalize(q);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		const char *name = names[i];
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY %s", name,
		    name[0] == 'h' && name[1] >= '0' && name[1] <= '9' ? "a" : "rowid");
		rc = sqlite3_prepare_v2(db, sql, -1, &r, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			break;
		crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
		while ((rc = sqlite3_step(r)) == SQLITE_ROW)
			for (c = 0; c < sqlite3_column_count(r); c++)
				hash_value(&h, r, c);
		sqlite3_finalize(r);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	crypto_generichash_final(&h, o->h, HASH);
	o->rc = rc;
	if (rc != SQLITE_OK)
		note(o, db, "reading every table");
}

/* integrity_check, page_count and freelist_count; "ok" or a note. */
static void
check_db(sqlite3 *db, struct outcome *o)
{
	sqlite3_stmt *q;
	int rc;

	run_sql(db, "PRAGMA page_count; PRAGMA freelist_count", o);
	if (o->rc != SQLITE_OK)
		return;
	rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(q, 0);
			if (t == NULL || strcmp(t, "ok") != 0) {
				snprintf(o->msg, sizeof o->msg, "integrity_check: %s", t ? t : "?");
				o->rc = SQLITE_CORRUPT;
			}
			while ((rc = sqlite3_step(q)) == SQLITE_ROW)
				;
		}
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_DONE && o->rc == SQLITE_OK) {
		o->rc = rc;
		note(o, db, "integrity_check");
	}
}

/* Settings every connection of the run gets, on both sides. */
static int
conn_setup(sqlite3 *db, int cache)
{
	char sql[64];

	sqlite3_busy_timeout(db, 0);
	if (sqlite3_create_function(db, "tblob", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    fn_tblob, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "ttext", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    fn_ttext, NULL, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", cache);
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Open a connection to path on side s; the store through store_open. */
static void
side_open(struct side *s, const char *path, struct store **st, sqlite3 **db, int cache,
    struct outcome *o)
{
	char *cause = NULL;
	int rc;

	memset(o, 0, sizeof *o);
	if (s->store) {
		if (store_open(path, PASS, st, &cause) != ERR_OK) {
			o->rc = SQLITE_ERROR;
			snprintf(o->msg, sizeof o->msg, "store_open: %s", cause ? cause : "?");
			free(cause);
			*st = NULL;
			*db = NULL;
			return;
		}
		*db = store_sqlite(*st);
	} else {
		rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_extended_result_codes(*db, 1);
			/* The store's connection settings (store-db.c). */
			rc = sqlite3_exec(*db, "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0;"
			    "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			    "PRAGMA trusted_schema=OFF", NULL, NULL, NULL);
		}
		if (rc != SQLITE_OK) {
			o->rc = rc;
			note(o, *db, "sqlite3_open");
			sqlite3_close(*db);
			*db = NULL;
			return;
		}
	}
	if ((rc = conn_setup(*db, cache)) != SQLITE_OK) {
		o->rc = rc;
		note(o, *db, "setting up the connection");
	}
}

static void
side_close(struct side *s, struct store **st, sqlite3 **db)
{
	if (s->store)
		store_close(*st);
	else if (*db != NULL)
		sqlite3_close(*db);
	*st = NULL;
	*db = NULL;
}

static void
unlink_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	size_t i;

	for (i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

/* ---- a run: both sides, step by step ------------------------------------- */

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* --seconds: when to stop, even in the middle of a workload (0: never). */
static double deadline;

struct run {
	const struct config *cfg;
	const char *dir;
	struct side s[2];   /* 0 plain SQLite, 1 the store */
	long step;
	const struct op *op;
	char why[2048];
	int verbose;
	int count;          /* add to stats (not while shrinking) */
	int spilled;        /* the store's open transaction has spilled */
};

/* What the workloads did, counted on the store's side, for the report. */
static struct {
	long steps, commits, spilled_commits, rollbacks, spilled_rollbacks, rollback_to, spilled_auto;
	long spill_pages, vacuums, copies, crashes, crashes_mid, checkpoints, journal, reopens, reads2, writes2;
	long busy, errors;
} stats;

static void
count_step(struct run *r, const struct op *op, const struct outcome *o, int was_txn)
{
	sqlite3 *db = r->s[1].db;
	int cur = 0, hi = 0, ended;

	if (!r->count)
		return;
	stats.steps++;
	if (db != NULL && sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_SPILL, &cur, &hi, 1) ==
	    SQLITE_OK && cur > 0) {
		stats.spill_pages += cur;
		r->spilled = 1;
	}
	if ((o->rc & 0xff) == SQLITE_BUSY)
		stats.busy++;
	else if (o->rc != SQLITE_OK)
		stats.errors++;
	ended = db != NULL && sqlite3_get_autocommit(db);
	if (op->kind == OP_SQL && o->rc == SQLITE_OK) {
		if (strncmp(op->sql, "ROLLBACK TO", 11) == 0)
			stats.rollback_to++;
		else if (was_txn && ended && strncmp(op->sql, "ROLLBACK", 8) == 0) {
			stats.rollbacks++;
			stats.spilled_rollbacks += r->spilled;
		} else if (was_txn && ended) {
			stats.commits++;
			stats.spilled_commits += r->spilled;
		} else if (!was_txn && ended && r->spilled)
			stats.spilled_auto++;
		stats.checkpoints += strstr(op->sql, "wal_checkpoint") != NULL;
		stats.journal += strstr(op->sql, "journal_mode") != NULL;
		stats.vacuums += strstr(op->sql, "VACUUM") != NULL;
	}
	if (o->rc == SQLITE_OK) {
		stats.copies += op->kind == OP_VINTO;
		stats.crashes += op->kind == OP_CRASH;
		stats.crashes_mid += op->kind == OP_CRASH && was_txn && r->spilled;
		stats.reopens += op->kind == OP_REOPEN;
		stats.reads2 += (op->kind == OP_READ2 || op->kind == OP_SNAPCHECK) &&
		    r->s[1].db2 != NULL;
		stats.writes2 += op->kind == OP_SQL2 && r->s[1].db2 != NULL;
	}
	if (ended)
		r->spilled = 0;
}

static void
print_stats(void)
{
	fprintf(stderr, "torture: the store's side did %ld steps: %ld commits (%ld of "
	    "transactions that spilled), %ld rollbacks (%ld spilled), %ld rollbacks to a "
	    "savepoint, %ld statements outside a transaction that spilled; %ld pages spilled; "
	    "%ld vacuums, %ld VACUUM INTO copies opened and "
	    "compared, %ld crash images recovered and compared (%ld in a transaction that had "
	    "spilled), %ld checkpoints, %ld journal_mode pragmas, %ld reopens; a second "
	    "connection read %ld times and wrote %ld; %ld lock conflicts (SQLITE_BUSY) and "
	    "%ld other errors, the same on both sides\n", stats.steps, stats.commits,
	    stats.spilled_commits, stats.rollbacks, stats.spilled_rollbacks, stats.rollback_to,
	    stats.spilled_auto, stats.spill_pages, stats.vacuums, stats.copies, stats.crashes,
	    stats.crashes_mid, stats.checkpoints, stats.journal,
	    stats.reopens, stats.reads2, stats.writes2, stats.busy, stats.errors);
}

static int __attribute__((format(printf, 2, 3)))
fail(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->why[0] == '\0') {
		va_start(ap, fmt);
		vsnprintf(r->why, sizeof r->why, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Both sides must have the same outcome. */
static int
same(struct run *r, const char *what, const struct outcome *o)
{
	if ((o[0].rc & 0xff) == (o[1].rc & 0xff) && (o[0].rc != SQLITE_OK ||
	    memcmp(o[0].h, o[1].h, HASH) == 0))
		return 0;
	if ((o[0].rc & 0xff) != (o[1].rc & 0xff))
		return fail(r, "%s: plain SQLite gave %d%s%s, the store %d%s%s", what,
		    o[0].rc, o[0].msg[0] ? " " : "", o[0].msg, o[1].rc, o[1].msg[0] ? " " : "",
		    o[1].msg);
	return fail(r, "%s: different results: plain SQLite [%s], the store [%s]", what,
	    o[0].text, o[1].text);
}

/* Create both databases: the store first, then plain SQLite made to mirror
 * its layout (page size, reserve, schema in creation order). */
static int
run_open(struct run *r)
{
	struct store_options so = { .kdf = &STORE_KDF_TEST, .rollback_journal = r->cfg->rollback,
	    .page_size = r->cfg->pgsz };
	struct side *p = &r->s[0], *s = &r->s[1];
	sqlite3_stmt *q;
	char *cause = NULL, *sql;
	int reserve = 40, rc, v;
	struct outcome o;

	if (store_create(s->path, PASS, &so, &s->st, &cause) != ERR_OK) {
		fail(r, "store_create: %s", cause ? cause : "?");
		free(cause);
		return -1;
	}
	s->db = store_sqlite(s->st);
	if (conn_setup(s->db, -8192) != SQLITE_OK)
		return fail(r, "setting up the store's connection");
	rc = sqlite3_open_v2(p->path, &p->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK)
		return fail(r, "sqlite3_open %s: %s", p->path, sqlite3_errstr(rc));
	sqlite3_extended_result_codes(p->db, 1);
	sqlite3_file_control(p->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
	sql = xasprintf("PRAGMA page_size=%d; PRAGMA journal_mode=%s; PRAGMA temp_store=MEMORY;"
	    "PRAGMA mmap_size=0; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
	    "PRAGMA trusted_schema=OFF", r->cfg->pgsz, r->cfg->rollback ? "DELETE" : "WAL");
	run_sql(p->db, sql, &o);
	free(sql);
	if (o.rc != SQLITE_OK || conn_setup(p->db, -8192) != SQLITE_OK)
		return fail(r, "setting up plain SQLite: %s", o.msg);
	rc = sqlite3_prepare_v2(s->db, "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%%' "
	    "ORDER BY rowid", -1, &q, NULL);
	while (q != NULL && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		run_sql(p->db, (const char *)sqlite3_column_text(q, 0), &o);
		if (o.rc != SQLITE_OK) {
			sqlite3_finalize(q);
			return fail(r, "replaying the store's schema: %s", o.msg);
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return fail(r, "reading the store's schema: %s", sqlite3_errstr(rc));
	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL);
	v = rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
	sqlite3_finalize(q);
	/* Both rebuilt the same way: the store grew its schema migration by
	 * migration (ALTER TABLE rewrites its rows), the copy in one go, and at
	 * small pages the schema table's b-tree then splits differently.
	 * Both logs empty: the store made its schema in fewer transactions. */
	run_sql(s->db, "VACUUM", &o);
	if (o.rc != SQLITE_OK)
		return fail(r, "VACUUM of the store: %s", o.msg);
	sql = xasprintf("PRAGMA user_version=%d; VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", v);
	run_sql(p->db, sql, &o);
	free(sql);
	if (o.rc != SQLITE_OK)
		return fail(r, "PRAGMA user_version: %s", o.msg);
	run_sql(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", &o);
	return o.rc == SQLITE_OK ? 0 : fail(r, "the store: %s", o.msg);
}

static void
run_close(struct run *r)
{
	int i;

	for (i = 0; i < 2; i++) {
		side_close(&r->s[i], &r->s[i].st2, &r->s[i].db2);
		side_close(&r->s[i], &r->s[i].st, &r->s[i].db);
	}
}

/* The second connection ends any transaction a step left it in (but a
 * snapshot, which it keeps until OP_SNAP ends it). */
static void
end2(struct side *s)
{
	if (s->db2 != NULL && !s->snap_on && !sqlite3_get_autocommit(s->db2))
		sqlite3_exec(s->db2, "ROLLBACK", NULL, NULL, NULL);
}

/* VACUUM INTO on side s, then open the copy (the store's with store_open and
 * the same passphrase) and check it: encrypted, whole, the same content as
 * the database it was made from. */
static void
vacuum_into(struct side *s, struct outcome *o)
{
	struct outcome m, c, k;
	struct store *cst = NULL;
	sqlite3 *cdb = NULL;
	char *sql = sqlite3_mprintf("VACUUM INTO %Q", s->copy);
	crypto_generichash_state h;
	unsigned char magic[16];
	FILE *f;

	unlink_db(s->copy);
	content_hash(s->db, &m);
	run_sql(s->db, sql, o);
	sqlite3_free(sql);
	if (o->rc != SQLITE_OK)
		return;
	if (s->store) {
		f = fopen(s->copy, "rb");
		if (f == NULL || fread(magic, 1, sizeof magic, f) != sizeof magic ||
		    memcmp(magic, "BAOCAODB", 8) != 0) {
			o->rc = SQLITE_NOTADB;
			snprintf(o->msg, sizeof o->msg, "the copy does not begin with a key header");
		}
		if (f != NULL)
			fclose(f);
		if (o->rc != SQLITE_OK)
			return;
	}
	side_open(s, s->copy, &cst, &cdb, -2000, o);
	if (o->rc != SQLITE_OK) {
		side_close(s, &cst, &cdb);
		return;
	}
	content_hash(cdb, &c);
	check_db(cdb, &k);
	side_close(s, &cst, &cdb);
	unlink_db(s->copy);
	if (c.rc != SQLITE_OK || k.rc != SQLITE_OK) {
		*o = c.rc != SQLITE_OK ? c : k;
		return;
	}
	if (m.rc == SQLITE_OK && memcmp(m.h, c.h, HASH) != 0) {
		o->rc = SQLITE_MISMATCH;
		snprintf(o->msg, sizeof o->msg, "the copy's content differs from the database's");
		return;
	}
	/* Both sides compare the copy's content and its page counts. */
	crypto_generichash_init(&h, NULL, 0, HASH);
	crypto_generichash_update(&h, c.h, HASH);
	crypto_generichash_update(&h, k.h, HASH);
	crypto_generichash_final(&h, o->h, HASH);
}

/* Copy a file (none: nothing to do). *plain is set if it holds the canary:
 * a text the workload wrote, on disk in the clear. */
static int
copy_file(const char *from, const char *to, int *plain)
{
	unsigned char buf[65536 + 16];
	FILE *in = fopen(from, "rb"), *out;
	size_t n, keep = 0;
	int rc = 0;

	if (in == NULL)
		return errno == ENOENT ? 0 : -1;
	if ((out = fopen(to, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf + keep, 1, sizeof buf - keep, in)) > 0) {
		size_t all = keep + n;
		if (fwrite(buf + keep, 1, n, out) != n)
			rc = -1;
		if (memmem(buf, all, CANARY, strlen(CANARY)) != NULL)
			*plain = 1;
		/* The tail is kept: a canary across two reads is found in the next. */
		keep = all < strlen(CANARY) - 1 ? all : strlen(CANARY) - 1;
		memmove(buf, buf + all - keep, keep);
	}
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

/* The files as a crash at this moment would leave them (every write made so
 * far on disk, the -shm index lost): the database, its WAL or journal --
 * mid-transaction, with spilled pages -- copied, then opened. Recovery must
 * give exactly what was last committed, and a whole database. */
static void
crash_image(struct side *s, struct outcome *o)
{
	static const char *const suffix[] = { "", "-wal", "-journal" };
	struct outcome c, k;
	struct store *cst = NULL;
	sqlite3 *cdb = NULL;
	char *crash = xasprintf("%s-crash.db", s->path);
	crypto_generichash_state h;
	unsigned char want[HASH];
	int known = 0, plain = 0, i;

	memset(o, 0, sizeof *o);
	if (sqlite3_get_autocommit(s->db)) {
		content_hash(s->db, &c);
		known = c.rc == SQLITE_OK;
		memcpy(want, c.h, HASH);
	} else if (s->committed_ok) {
		known = 1;
		memcpy(want, s->committed, HASH);
	}
	unlink_db(crash);
	for (i = 0; i < 3; i++) {
		char *from = xasprintf("%s%s", s->path, suffix[i]);
		char *to = xasprintf("%s%s", crash, suffix[i]);
		if (copy_file(from, to, &plain) != 0) {
			o->rc = SQLITE_IOERR;
			snprintf(o->msg, sizeof o->msg, "copying %s: %s", from, strerror(errno));
		}
		free(from);
		free(to);
	}
	if (plain && s->store && o->rc == SQLITE_OK) {
		o->rc = SQLITE_CORRUPT;
		snprintf(o->msg, sizeof o->msg, "plaintext (" CANARY ") in the store's files");
	}
	if (o->rc == SQLITE_OK)
		side_open(s, crash, &cst, &cdb, -2000, o);
	if (o->rc == SQLITE_OK) {
		content_hash(cdb, &c);
		check_db(cdb, &k);
		if (c.rc != SQLITE_OK || k.rc != SQLITE_OK)
			*o = c.rc != SQLITE_OK ? c : k;
		else if (known && memcmp(c.h, want, HASH) != 0) {
			o->rc = SQLITE_MISMATCH;
			snprintf(o->msg, sizeof o->msg, "after recovery the copy does not hold "
			    "what was last committed");
		} else {
			crypto_generichash_init(&h, NULL, 0, HASH);
			crypto_generichash_update(&h, c.h, HASH);
			crypto_generichash_update(&h, k.h, HASH);
			crypto_generichash_final(&h, o->h, HASH);
		}
	}
	side_close(s, &cst, &cdb);
	unlink_db(crash);
	free(crash);
}

/* Run one step on side s. */
static void
step_side(struct side *s, const struct op *op, struct outcome *o)
{
	memset(o, 0, sizeof *o);
	switch (op->kind) {
	case OP_SQL:
		run_sql(s->db, op->sql, o);
		break;
	case OP_REOPEN:
		if (!op->arg2) {
			side_close(s, &s->st2, &s->db2);
			s->snap_on = 0;
		}
		side_close(s, &s->st, &s->db);
		side_open(s, s->path, &s->st, &s->db, op->arg, o);
		if (o->rc == SQLITE_OK)
			run_sql(s->db, "PRAGMA journal_mode", o);
		break;
	case OP_OPEN2:
		/* Only between transactions: store_open reads the schema. */
		if (s->db2 == NULL && sqlite3_get_autocommit(s->db))
			side_open(s, s->path, &s->st2, &s->db2, op->arg, o);
		break;
	case OP_CLOSE2:
		side_close(s, &s->st2, &s->db2);
		s->snap_on = 0;
		break;
	case OP_READ2:
		if (s->db2 == NULL)
			break;
		if (!s->snap_on)
			run_sql(s->db2, "BEGIN", o);
		if (o->rc == SQLITE_OK)
			content_hash(s->db2, o);
		end2(s);
		if (!s->snap_on && o->rc == SQLITE_OK && s->committed_ok &&
		    memcmp(o->h, s->committed, HASH) != 0) {
			o->rc = SQLITE_MISMATCH;
			snprintf(o->msg, sizeof o->msg, "the second connection does not read "
			    "what was last committed");
		}
		break;
	case OP_SNAP:
		if (s->db2 == NULL)
			break;
		if (s->snap_on) {
			s->snap_on = 0;
			run_sql(s->db2, "COMMIT", o);
			end2(s);
			break;
		}
		run_sql(s->db2, "BEGIN", o);
		if (o->rc == SQLITE_OK)
			content_hash(s->db2, o);
		if (o->rc == SQLITE_OK) {
			memcpy(s->snap, o->h, HASH);
			s->snap_on = 1;
		}
		end2(s);
		break;
	case OP_SNAPCHECK:
		if (s->db2 == NULL || !s->snap_on)
			break;
		content_hash(s->db2, o);
		if (o->rc == SQLITE_OK && memcmp(o->h, s->snap, HASH) != 0) {
			o->rc = SQLITE_MISMATCH;
			snprintf(o->msg, sizeof o->msg, "the second connection's snapshot moved");
		}
		break;
	case OP_SQL2:
		if (s->db2 == NULL)
			break;
		run_sql(s->db2, op->sql, o);
		if (o->rc == SQLITE_OK)
			s->committed_ok = 0; /* the first connection may be in a snapshot */
		end2(s);
		break;
	case OP_VINTO:
		vacuum_into(s, o);
		break;
	case OP_CRASH:
		crash_image(s, o);
		break;
	}
}

/* Can this step change the database, or what the first connection sees of
 * it? If not, the checks after the step are not repeated (a change they
 * would miss is seen after the next step that writes). */
static int
may_write(const struct op *op)
{
	switch (op->kind) {
	case OP_SQL:
		return strncmp(op->sql, "PRAGMA cache_s", 14) != 0;
	case OP_OPEN2:
	case OP_CLOSE2:
	case OP_READ2:
	case OP_SNAP:
	case OP_SNAPCHECK:
		return 0;
	default:
		return 1;
	}
}

/* After a step: both sides in the same state, with the same content. */
static int
check_state(struct run *r, int full)
{
	struct outcome o[2];
	int i, ac[2], ac2[2];

	for (i = 0; i < 2; i++) {
		struct side *s = &r->s[i];
		if (s->db == NULL)
			return fail(r, "%s: the first connection is closed", s->name);
		ac[i] = sqlite3_get_autocommit(s->db);
		ac2[i] = s->db2 == NULL ? -1 : sqlite3_get_autocommit(s->db2);
	}
	if (ac[0] != ac[1])
		return fail(r, "a transaction is open on %s only", ac[0] ? "the store" : "plain SQLite");
	if (ac2[0] != ac2[1])
		return fail(r, "the second connection differs (plain %d, store %d)", ac2[0], ac2[1]);
	if (!full)
		return 0; /* nothing the first connection sees has changed */
	for (i = 0; i < 2; i++)
		content_hash(r->s[i].db, &o[i]);
	if (same(r, "content", o) != 0)
		return -1;
	if (!ac[0])
		return 0;
	for (i = 0; i < 2; i++) {
		memcpy(r->s[i].committed, o[i].h, HASH);
		r->s[i].committed_ok = o[i].rc == SQLITE_OK;
		check_db(r->s[i].db, &o[i]);
		if (o[i].rc != SQLITE_OK && (o[i].rc & 0xff) != SQLITE_BUSY)
			return fail(r, "%s: %s", r->s[i].name, o[i].msg);
	}
	return same(r, "integrity_check, page_count, freelist_count", o);
}

/* Run the steps of ops marked in keep (all if NULL). Returns 0, or -1 with
 * r->step and r->why saying where and what. */
static int
run_ops(struct run *r, const struct op *ops, long n, const unsigned char *keep)
{
	struct outcome o[2];
	char desc[400];
	long i;
	int k, rc = 0, was_txn;
	double t0 = now();

	r->why[0] = '\0';
	r->step = -1;
	r->spilled = 0;
	for (k = 0; k < 2; k++) {
		struct side *s = &r->s[k];
		memset(s, 0, sizeof *s);
		s->store = k;
		s->name = k ? "the store" : "plain SQLite";
		s->path = xasprintf("%s/%s.db", r->dir, k ? "store" : "plain");
		s->copy = xasprintf("%s/%s-copy.db", r->dir, k ? "store" : "plain");
		unlink_db(s->path);
		unlink_db(s->copy);
	}
	if (run_open(r) != 0)
		rc = -1;
	for (i = 0; i < n && rc == 0; i++) {
		if (keep != NULL && !keep[i])
			continue;
		if (deadline > 0 && r->count && now() > deadline)
			break;
		r->step = i;
		r->op = &ops[i];
		if (r->verbose) {
			op_describe(&ops[i], desc, sizeof desc);
			fprintf(stderr, "  step %ld (%.3f s): %.300s\n", i, now() - t0, desc);
		}
		was_txn = r->s[1].db != NULL && !sqlite3_get_autocommit(r->s[1].db);
		for (k = 0; k < 2; k++)
			step_side(&r->s[k], &ops[i], &o[k]);
		count_step(r, &ops[i], &o[1], was_txn);
		op_describe(&ops[i], desc, sizeof desc);
		if (same(r, desc, o) != 0 || check_state(r, may_write(&ops[i])) != 0)
			rc = -1;
	}
	run_close(r);
	for (k = 0; k < 2; k++) {
		unlink_db(r->s[k].path);
		unlink_db(r->s[k].copy);
		free(r->s[k].path);
		free(r->s[k].copy);
	}
	return rc;
}

/* ---- command line, shrinking and reports --------------------------------- */

static const char *argv0;

/* "0-5,9,12-40" */
static char *
keep_list(const unsigned char *keep, long n)
{
	size_t cap = 64, len = 0;
	char *s = xmalloc(cap);
	long i, j;

	s[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		for (j = i; j + 1 < n && keep[j + 1]; j++)
			;
		while (len + 48 > cap)
			s = xrealloc(s, cap *= 2);
		len += (size_t)snprintf(s + len, cap - len, j > i ? "%s%ld-%ld" : "%s%ld",
		    len ? "," : "", i, j);
		i = j;
	}
	return s;
}

static int
parse_keep(const char *s, unsigned char *keep, long n)
{
	char *end;
	long a, b;

	memset(keep, 0, (size_t)n);
	while (*s != '\0') {
		errno = 0;
		a = strtol(s, &end, 10);
		if (end == s || errno != 0 || a < 0)
			return -1;
		b = a;
		if (*end == '-') {
			s = end + 1;
			b = strtol(s, &end, 10);
			if (end == s || errno != 0 || b < a)
				return -1;
		}
		if (b >= n)
			return -1;
		memset(keep + a, 1, (size_t)(b - a + 1));
		s = end;
		if (*s == ',')
			s++;
		else if (*s != '\0')
			return -1;
	}
	return 0;
}

static void
print_repro(const struct config *cfg, long steps, const unsigned char *keep)
{
	char *k = keep != NULL ? keep_list(keep, steps) : NULL;

	fprintf(stderr, "  %s --seed %" PRIu64 " --steps %ld%s%s%s\n", argv0, cfg->seed, steps,
	    cfg->large ? " --large" : "", k ? " --keep " : "", k ? k : "");
	free(k);
}

/* Remove steps while the workload still fails (ddmin), within a time budget.
 * Prints the shortest failing workload found. */
static void
shrink(struct run *r, const struct op *ops, long steps, double budget)
{
	unsigned char *keep = xcalloc((size_t)steps, 1), *tryk = xmalloc((size_t)steps);
	long *idx = xmalloc((size_t)steps * sizeof *idx), m, i, j, chunk, runs = 0, last;
	double t0 = now();
	char why[sizeof r->why], desc[400];
	int nparts = 2, removed;

	memset(keep, 1, (size_t)steps);
	memcpy(why, r->why, sizeof why);
	last = steps;
	while (now() - t0 < budget) {
		for (m = 0, i = 0; i < last; i++)
			if (keep[i])
				idx[m++] = i;
		if (m < 2)
			break;
		if (nparts > m)
			nparts = (int)m;
		chunk = (m + nparts - 1) / nparts;
		removed = 0;
		for (j = 0; j < m && now() - t0 < budget; j += chunk) {
			memcpy(tryk, keep, (size_t)steps);
			for (i = j; i < j + chunk && i < m; i++)
				tryk[idx[i]] = 0;
			runs++;
			if (run_ops(r, ops, last, tryk) != 0) {
				memcpy(keep, tryk, (size_t)steps);
				last = r->step + 1;
				memcpy(why, r->why, sizeof why);
				removed = 1;
				nparts = nparts > 2 ? nparts - 1 : 2;
				break;
			}
		}
		if (!removed) {
			if (nparts >= m)
				break;
			nparts = nparts * 2 > m ? (int)m : nparts * 2;
		}
	}
	for (m = 0, i = 0; i < last; i++)
		m += keep[i];
	fprintf(stderr, "torture: shrunk to %ld steps (%ld runs, %.0f s): %s\n", m, runs,
	    now() - t0, why);
	for (i = 0; i < last; i++) {
		if (!keep[i])
			continue;
		op_describe(&ops[i], desc, sizeof desc);
		fprintf(stderr, "    %ld: %.200s%s\n", i, desc, strlen(desc) > 200 ? "..." : "");
	}
	print_repro(r->cfg, last, keep);
	free(keep);
	free(tryk);
	free(idx);
}

/* Run one seed. 0 if both sides agreed at every step. */
static int
run_seed(const char *dir, struct config *cfg, const char *keeparg, int verbose,
    double shrink_budget)
{
	struct op *ops = generate(cfg);
	unsigned char *keep = NULL;
	struct run r;
	char desc[400];
	int rc;

	memset(&r, 0, sizeof r);
	r.cfg = cfg;
	r.dir = dir;
	r.verbose = verbose;
	r.count = 1;
	if (keeparg != NULL) {
		keep = xmalloc((size_t)cfg->steps);
		if (parse_keep(keeparg, keep, cfg->steps) != 0) {
			fprintf(stderr, "torture: --keep %s: not a list of steps below %ld\n",
			    keeparg, cfg->steps);
			rmdir(dir);
			exit(2);
		}
	}
	if (verbose)
		fprintf(stderr, "torture: seed %" PRIu64 ": page size %d, %s\n", cfg->seed,
		    cfg->pgsz, cfg->rollback ? "rollback journal" : "WAL");
	rc = run_ops(&r, ops, cfg->steps, keep);
	if (rc != 0) {
		if (r.step >= 0)
			op_describe(&ops[r.step], desc, sizeof desc);
		else
			snprintf(desc, sizeof desc, "creating the databases");
		fprintf(stderr, "torture: FAILED seed %" PRIu64 " (page size %d, %s) at step %ld: "
		    "%.300s\n  %s\n  reproduce:\n", cfg->seed, cfg->pgsz,
		    cfg->rollback ? "rollback journal" : "WAL", r.step, desc, r.why);
		print_repro(cfg, r.step + 1, keep);
		r.verbose = 0;
		r.count = 0;
		if (shrink_budget > 0 && r.step > 0)
			shrink(&r, ops, r.step + 1, shrink_budget);
	}
	free(keep);
	ops_free(ops, cfg->steps);
	return rc;
}

/* Seeds that found a defect, run by --quick with the steps it took (after
 * seeds 1..N, even when among them: the list says what each one guards).
 * The workload of a seed is whatever the generator makes of it: after a
 * change to the generator, check that each still fails with its defect put
 * back, or find it another seed. */
static const struct {
	uint64_t seed;
	long steps;
	int large;
} pinned[] = {
	/* Issue #11, fixed in 58c1f36: WAL pages sealed with the frame header's
	 * salts, which SQLite writes as zeros after rewriting a spilled page:
	 * with the fix reverted, the store cannot read its pages after the
	 * commit at step 36 (shrunk: --keep 1-3,29,34,36). */
	{ 7, 37, 0 },
};

static void
usage(void)
{
	fprintf(stderr, "usage: torture --seed S [--steps N] [--keep LIST] [--large] [-v] [--fsync]\n"
	    "       torture --quick [--seeds N] [--steps N] [-v] [--fsync]\n"
	    "       torture --seconds T [--large] [--steps N] [-v] [--fsync]\n");
	exit(2);
}

static long
num(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0) {
		fprintf(stderr, "torture: %s: not a number: %s\n", what, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	const char *tmp = getenv("TMPDIR"), *keeparg = NULL;
	long steps = -1, seconds = -1, nseeds = 200, done = 0, nlarge = 0;
	int quick = 0, large = 0, verbose = 0, have_seed = 0, fsync = 0, rc = 0, i;
	uint64_t seed = 0;
	double t0, last;
	struct config cfg;
	char *dir;

	argv0 = argv[0];
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			char *end;
			errno = 0;
			seed = strtoull(argv[++i], &end, 10);
			if (*argv[i] < '0' || *argv[i] > '9' || *end != '\0' || errno != 0) {
				fprintf(stderr, "torture: --seed: not a number: %s\n", argv[i]);
				exit(2);
			}
			have_seed = 1;
		} else if (strcmp(argv[i], "--steps") == 0 && i + 1 < argc)
			steps = num(argv[++i], "--steps");
		else if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc)
			keeparg = argv[++i];
		else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
			seconds = num(argv[++i], "--seconds");
		else if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
			nseeds = num(argv[++i], "--seeds");
		else if (strcmp(argv[i], "--quick") == 0)
			quick = 1;
		else if (strcmp(argv[i], "--large") == 0)
			large = 1;
		else if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "--fsync") == 0)
			fsync = 1;
		else
			usage();
	}
	if (have_seed + quick + (seconds >= 0) != 1 || (keeparg && !have_seed))
		usage();
	if (sodium_init() < 0) {
		fprintf(stderr, "torture: libsodium could not be initialised\n");
		return 1;
	}
	if (!fsync && nosync_install() != 0) {
		fprintf(stderr, "torture: could not register the VFS without fsync\n");
		return 1;
	}
	setenv("BAOCAO_LANG", "en", 0);
	dir = xasprintf("%s/baocao-torture-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "torture: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	memset(&cfg, 0, sizeof cfg);
	t0 = last = now();
	if (have_seed) {
		cfg.seed = seed;
		cfg.large = large;
		cfg.steps = steps > 0 ? steps : large ? 150 : 40;
		rc = run_seed(dir, &cfg, keeparg, verbose, 300);
		if (rc == 0)
			fprintf(stderr, "torture: seed %" PRIu64 ", %ld steps: plain SQLite and the "
			    "store agree\n", seed, cfg.steps);
	} else if (quick) {
		for (seed = 1; seed <= (uint64_t)nseeds && rc == 0; seed++, done++) {
			cfg.seed = seed;
			cfg.large = 0;
			cfg.steps = steps > 0 ? steps : 40;
			rc = run_seed(dir, &cfg, NULL, verbose, 60);
		}
		for (i = 0; rc == 0 && i < (int)(sizeof pinned / sizeof *pinned); i++) {
			cfg.seed = pinned[i].seed;
			cfg.large = pinned[i].large;
			cfg.steps = pinned[i].steps;
			rc = run_seed(dir, &cfg, NULL, verbose, 60);
			done++;
		}
		fprintf(stderr, "torture: %ld seeds, %ld steps in %.1f s: %s\n", done, stats.steps,
		    now() - t0, rc ? "FAILED" : "plain SQLite and the store agree");
	} else {
		unsigned char b[4];
		randombytes_buf(b, sizeof b);
		seed = (uint64_t)(b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24);
		fprintf(stderr, "torture: %ld s from seed %" PRIu64 "%s\n", seconds, seed,
		    large ? ", large workloads" : "");
		deadline = t0 + (double)seconds;
		while (rc == 0 && now() - t0 < (double)seconds) {
			/* Without --large, one seed in eight is large all the same. */
			cfg.seed = seed++;
			cfg.large = large || cfg.seed % 8 == 0;
			cfg.steps = steps > 0 ? steps : cfg.large ? 150 : 100;
			rc = run_seed(dir, &cfg, NULL, verbose, 600);
			done++;
			nlarge += cfg.large;
			if (now() - last >= 60) {
				last = now();
				fprintf(stderr, "torture: %.0f s: %ld seeds (%ld large), %ld steps, "
				    "no difference\n", last - t0, done, nlarge, stats.steps);
			}
		}
		fprintf(stderr, "torture: %.0f s: %ld seeds (%ld large), %ld steps: %s\n",
		    now() - t0, done, nlarge, stats.steps,
		    rc ? "FAILED" : "plain SQLite and the store agree");
	}
	print_stats();
	rmdir(dir);
	free(dir);
	return rc ? 1 : 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-mem.c: what the wiping, locking allocator (storage/store-mem.c)
 * costs the encrypted store: the same workload with it (B) and with
 * SQLite's own allocator (A), in interleaved runs (A B, B A, ...), each on a
 * fresh database, each variant's median and spread (min-max) per phase.
 *
 * Phases, on a store made with the test Argon2id cost (unlock is not what is
 * measured): 10,000 inserts in transactions of 100 (synchronous=FULL, as
 * the store runs); reopen, then 20,000 point reads from a cold cache (every
 * page decrypted into freshly allocated cache memory); a full-table
 * aggregate; 50 open + read + close cycles (each allocates and frees a page
 * cache and its connection). Every run checks that it read what was
 * written: the row count and the sum of the values read are compared with
 * the expected ones, and the program exits 1 if they differ.
 *
 *   bench_mem [DIR]      (DIR: where the files go; default $TMPDIR or /tmp)
 */
#include "bench.h"
#include "../core/mem.h"
#include "../storage/store.h"
#include "../storage/store-mem.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ROWS 10000
#define BATCH 100
#define READS 20000
#define CYCLES 50
#define ROUNDS 7
#define PHASES 4
#define PASS "bench passphrase"

static const char *phase_name[PHASES] = {
	"10,000 inserts, tx of 100", "20,000 cold point reads", "full-table aggregate",
	"50 open + read + close",
};

static void
must(struct store *st, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "bench_mem: %s: %s\n", what, st ? sqlite3_errmsg(store_sqlite(st)) :
		    sqlite3_errstr(rc));
		exit(1);
	}
}

static struct store *
open_store(const char *path)
{
	struct store *st;
	char *cause = NULL;

	bench_must(store_open(path, PASS, &st, &cause), cause, "open");
	return st;
}

/* One run; t[] gets each phase's seconds. Returns the checksum of what was
 * read (rows counted + values summed). */
static long long
run(const char *dir, int n, double t[PHASES])
{
	struct store_options o = { .kdf = &STORE_KDF_TEST };
	char *path = xasprintf("%s/mem-%d.db", dir, n), *cause = NULL, note[96];
	struct store *st;
	sqlite3_stmt *q;
	long long check = 0;
	double t0;
	int i, j;

	bench_must(store_create(path, PASS, &o, &st, &cause), cause, "create");
	must(st, sqlite3_exec(store_sqlite(st), "CREATE TABLE r(id INTEGER PRIMARY KEY, "
	    "val INTEGER, note TEXT)", NULL, NULL, NULL), "create table");
	must(st, sqlite3_prepare_v2(store_sqlite(st), "INSERT INTO r(val, note) VALUES (?1, ?2)",
	    -1, &q, NULL), "prepare");
	t0 = bench_now();
	for (i = 0; i < ROWS / BATCH; i++) {
		must(st, sqlite3_exec(store_sqlite(st), "BEGIN", NULL, NULL, NULL), "begin");
		for (j = 0; j < BATCH; j++) {
			int k = i * BATCH + j;
			snprintf(note, sizeof note, "Số hộ nghèo giảm so với kỳ trước, ghi chú %d", k);
			sqlite3_bind_int(q, 1, k % 977);
			sqlite3_bind_text(q, 2, note, -1, SQLITE_TRANSIENT);
			must(st, sqlite3_step(q), "insert");
			sqlite3_reset(q);
		}
		must(st, sqlite3_exec(store_sqlite(st), "COMMIT", NULL, NULL, NULL), "commit");
	}
	t[0] = bench_now() - t0;
	sqlite3_finalize(q);
	store_close(st);

	st = open_store(path);
	must(st, sqlite3_prepare_v2(store_sqlite(st), "SELECT val FROM r WHERE id = ?1", -1, &q,
	    NULL), "prepare");
	srand(7);
	t0 = bench_now();
	for (i = 0; i < READS; i++) {
		sqlite3_bind_int(q, 1, 1 + rand() % ROWS);
		must(st, sqlite3_step(q), "read");
		check += sqlite3_column_int(q, 0);
		sqlite3_reset(q);
	}
	t[1] = bench_now() - t0;
	sqlite3_finalize(q);
	must(st, sqlite3_prepare_v2(store_sqlite(st), "SELECT count(*), sum(length(note)) FROM r",
	    -1, &q, NULL), "prepare");
	t0 = bench_now();
	must(st, sqlite3_step(q), "aggregate");
	check += sqlite3_column_int64(q, 0) * 1000003 + sqlite3_column_int64(q, 1);
	t[2] = bench_now() - t0;
	sqlite3_finalize(q);
	store_close(st);

	t0 = bench_now();
	for (i = 0; i < CYCLES; i++) {
		st = open_store(path);
		must(st, sqlite3_prepare_v2(store_sqlite(st), "SELECT val FROM r WHERE id = ?1",
		    -1, &q, NULL), "prepare");
		sqlite3_bind_int(q, 1, 1 + i * 97);
		must(st, sqlite3_step(q), "read");
		check += sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		store_close(st);
	}
	t[3] = bench_now() - t0;
	unlink(path);
	free(path);
	return check;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	char *dir = xasprintf("%s/baocao-bench-XXXXXX", bench_dir_only(argc, argv));
	double t[2][PHASES][ROUNDS], one[PHASES], med[2][PHASES];
	long long want = -1, got;
	struct store_mem_stats s;
	int r, v, p, k, n = 0;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL) {
		fprintf(stderr, "bench_mem: cannot set up in %s\n", dir);
		return 1;
	}
	for (r = 0; r < ROUNDS; r++) {
		for (k = 0; k < 2; k++) {
			v = (r + k) % 2; /* A B, then B A, ... */
			if (store_mem_switch(v) != 0) {
				fprintf(stderr, "bench_mem: cannot switch SQLite's allocator\n");
				return 1;
			}
			got = run(dir, n++, one);
			if (want == -1)
				want = got;
			if (got != want) {
				fprintf(stderr, "bench_mem: run %d read %lld, want %lld\n", n, got, want);
				return 1;
			}
			for (p = 0; p < PHASES; p++)
				t[v][p][r] = one[p];
		}
	}
	s = store_mem_stats();
	printf("mem: the encrypted store with SQLite's allocator (A) and the wiping, "
	    "locking one (B)\n");
	printf("  %d interleaved runs each; median [min-max] in ms; checksum %lld both\n",
	    ROUNDS, want);
	printf("  %-28s %24s %24s  %6s\n", "phase", "A: SQLite's", "B: wiping+mlock", "B/A");
	for (p = 0; p < PHASES; p++) {
		char a[64], b[64];
		for (v = 0; v < 2; v++) {
			qsort(t[v][p], ROUNDS, sizeof(double), cmp);
			med[v][p] = t[v][p][ROUNDS / 2];
		}
		snprintf(a, sizeof a, "%.1f [%.1f-%.1f]", med[0][p] * 1e3, t[0][p][0] * 1e3,
		    t[0][p][ROUNDS - 1] * 1e3);
		snprintf(b, sizeof b, "%.1f [%.1f-%.1f]", med[1][p] * 1e3, t[1][p][0] * 1e3,
		    t[1][p][ROUNDS - 1] * 1e3);
		printf("  %-28s %24s %24s  %5.2fx\n", phase_name[p], a, b, med[1][p] / med[0][p]);
	}
	printf("  B: %.1f MiB wiped on free; mlock calls over %.1f MiB (a page counts again "
	    "each time a block on it is locked), %zu refused (RLIMIT_MEMLOCK)\n",
	    (double)s.wiped / (1 << 20), (double)s.locked / (1 << 20), s.lock_failures);
	rmdir(dir);
	free(dir);
	return 0;
}

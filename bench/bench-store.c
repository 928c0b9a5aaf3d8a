/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-store.c: the encrypted store against plain SQLite, same workload,
 * same pragmas (those store-db.c sets), runs interleaved (BENCH_RUNS, 5 by
 * default), fresh files each run, both sides' checksums compared:
 *
 *   100,000 inserts in transactions of 100; 100,000 point reads by key;
 *   a full-table aggregate; open + unlock.
 *
 *   then random point reads out of cache (a cache a tenth of the database),
 *   cold and warm, interleaved runs (plain, encrypted, plain, ...).
 *
 * Prints each figure and the ratio encrypted / plain. Usage:
 *   bench_store [DIR]      (DIR: where the files go; default $TMPDIR or /tmp)
 */
#include "bench.h"
#include "../core/mem.h"
#include "../storage/store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ROWS 100000
#define BATCH 100
#define READS 100000
#define PASS "bench passphrase"

static void
must(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "bench: %s: %s\n", what, sqlite3_errmsg(db));
		exit(1);
	}
}

static void
exec(sqlite3 *db, const char *sql)
{
	must(db, sqlite3_exec(db, sql, NULL, NULL, NULL), sql);
}

/* One run of the main workload: its figures, each a series over runs. */
struct figures {
	struct bench_series insert, read, aggregate, open;
};

/* The workload on DB (empty): its checksum, the same on both sides. */
static long long
workload(sqlite3 *db, struct figures *f)
{
	static const char *units[] = { "thon-dong-tam", "thon-lang-sung", "truong-th", "tram-y-te",
		"cong-an", "quan-su", "thon-ban-ngoc", "thon-minh-tien" };
	sqlite3_stmt *ins, *sel, *agg;
	double t0;
	long long sum = 0;
	int i, j;

	exec(db, "CREATE TABLE r(id INTEGER PRIMARY KEY, unit TEXT, form TEXT, period TEXT,"
	    " val REAL, note TEXT)");
	must(db, sqlite3_prepare_v2(db, "INSERT INTO r(unit, form, period, val, note)"
	    " VALUES (?1, 'ix-thon-thang', ?2, ?3, ?4)", -1, &ins, NULL), "prepare");
	t0 = bench_now();
	for (i = 0; i < ROWS / BATCH; i++) {
		char period[16], note[96];
		exec(db, "BEGIN");
		for (j = 0; j < BATCH; j++) {
			int n = i * BATCH + j;
			snprintf(period, sizeof period, "2026-%02d", 1 + n % 12);
			snprintf(note, sizeof note, "Số hộ nghèo giảm so với kỳ trước, ghi chú %d", n);
			sqlite3_bind_text(ins, 1, units[n % 8], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 2, period, -1, SQLITE_TRANSIENT);
			sqlite3_bind_double(ins, 3, (double)(n % 977));
			sqlite3_bind_text(ins, 4, note, -1, SQLITE_TRANSIENT);
			must(db, sqlite3_step(ins), "insert");
			sqlite3_reset(ins);
		}
		exec(db, "COMMIT");
	}
	bench_add(&f->insert, bench_now() - t0);
	sqlite3_finalize(ins);

	must(db, sqlite3_prepare_v2(db, "SELECT val FROM r WHERE id = ?1", -1, &sel, NULL), "prep");
	srand(42);
	t0 = bench_now();
	for (i = 0; i < READS; i++) {
		sqlite3_bind_int(sel, 1, 1 + rand() % ROWS);
		bench_check(sqlite3_step(sel) == SQLITE_ROW, "read: a row inserted is not there");
		sum += sqlite3_column_int(sel, 0);
		sqlite3_reset(sel);
	}
	bench_add(&f->read, bench_now() - t0);
	sqlite3_finalize(sel);

	must(db, sqlite3_prepare_v2(db, "SELECT unit, count(*), sum(val), avg(length(note))"
	    " FROM r GROUP BY unit", -1, &agg, NULL), "prep");
	t0 = bench_now();
	for (i = 0; sqlite3_step(agg) == SQLITE_ROW; i++) {
		j = sqlite3_column_int(agg, 1);
		bench_check(j == ROWS / 8, "aggregate: %d rows of a unit, not %d", j, ROWS / 8);
		sum += j;
	}
	bench_add(&f->aggregate, bench_now() - t0);
	sqlite3_finalize(agg);
	bench_check(i == 8, "aggregate: %d units, not 8", i);
	return sum;
}

/*
 * Random point reads out of cache: the database reopened (SQLite's cache
 * empty: cold) with a cache a tenth of its size, READS_OUT reads, then the
 * same again (warm: what the first left in the cache, at most a tenth).
 * DB is plain SQLite, or the store's connection (ST not NULL).
 */
#define READS_OUT 20000
static void
out_of_cache(sqlite3 *db, struct bench_series *cold, struct bench_series *warm)
{
	sqlite3_stmt *sel;
	char pragma[64];
	long long pages = 0, sum = 0;
	double t0;

	must(db, sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &sel, NULL), "prep");
	if (sqlite3_step(sel) == SQLITE_ROW)
		pages = sqlite3_column_int64(sel, 0);
	sqlite3_finalize(sel);
	bench_check(pages > 100, "out of cache: the database has %lld pages", pages);
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size=%lld", pages / 10);
	exec(db, pragma);
	must(db, sqlite3_prepare_v2(db, "SELECT val FROM r WHERE id = ?1", -1, &sel, NULL), "prep");
	for (int pass = 0; pass < 2; pass++) {
		srand(7);
		t0 = bench_now();
		for (int i = 0; i < READS_OUT; i++) {
			sqlite3_bind_int(sel, 1, 1 + rand() % ROWS);
			bench_check(sqlite3_step(sel) == SQLITE_ROW, "out of cache: row not found");
			sum += sqlite3_column_int(sel, 0);
			sqlite3_reset(sel);
		}
		bench_add(pass == 0 ? cold : warm, bench_now() - t0);
	}
	sqlite3_finalize(sel);
	bench_check(sum > 0, "out of cache: nothing read");
}

/* One run on plain SQLite (a fresh file at PATH): its checksum. */
static long long
run_plain(const char *path, struct figures *f)
{
	sqlite3 *db;
	long long sum;
	double t0;

	bench_remove_db(path);
	must(NULL, sqlite3_open(path, &db), "open plain");
	exec(db, "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; PRAGMA temp_store=MEMORY;"
	    "PRAGMA mmap_size=0; PRAGMA cache_size=-8192; PRAGMA synchronous=FULL");
	sum = workload(db, f);
	sqlite3_close(db);
	t0 = bench_now();
	must(NULL, sqlite3_open(path, &db), "reopen plain");
	exec(db, "PRAGMA cache_size=-8192; SELECT count(*) FROM sqlite_schema");
	bench_add(&f->open, bench_now() - t0);
	sqlite3_close(db);
	return sum;
}

/* One run on the encrypted store (a fresh file at PATH, the default key
 * cost): its checksum. */
static long long
run_store(const char *path, struct figures *f)
{
	struct store *st;
	char *cause = NULL;
	long long sum;
	double t0;

	bench_remove_db(path);
	bench_must(store_create(path, PASS, NULL, &st, &cause), cause, "create");
	sum = workload(store_sqlite(st), f);
	store_close(st);
	t0 = bench_now();
	bench_must(store_open(path, PASS, &st, &cause), cause, "open");
	bench_add(&f->open, bench_now() - t0);
	store_close(st);
	return sum;
}

int
main(int argc, char **argv)
{
	char *dir = xasprintf("%s/baocao-bench-XXXXXX", bench_dir_only(argc, argv));
	char *plain_path, *enc_path, *cause = NULL;
	struct figures p = { .insert.n = 0 }, e = { .insert.n = 0 };
	struct bench_series p_cold = { .n = 0 }, p_warm = { .n = 0 }, e_cold = { .n = 0 };
	struct bench_series e_warm = { .n = 0 };
	struct store *st;
	sqlite3 *db;
	int runs = bench_runs(5), w_met, r_met;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL) {
		fprintf(stderr, "bench: cannot set up in %s\n", dir);
		return 1;
	}
	plain_path = xasprintf("%s/plain.db", dir);
	enc_path = xasprintf("%s/enc.db", dir);

	/* the main workload, interleaved (plain, encrypted, encrypted, plain,
	 * ...): each run on fresh files, both sides' checksums equal */
	for (int i = 0; i < runs; i++) {
		long long a_sum, b_sum;
		if (i % 2 == 0) {
			a_sum = run_plain(plain_path, &p);
			b_sum = run_store(enc_path, &e);
		} else {
			b_sum = run_store(enc_path, &e);
			a_sum = run_plain(plain_path, &p);
		}
		bench_check(a_sum == b_sum && a_sum > 0, "plain SQLite read %lld, the store %lld",
		    a_sum, b_sum);
	}

	/* out of cache, interleaved: plain, encrypted, plain, ... */
	for (int i = 0; i < runs; i++) {
		bench_check(sqlite3_open(plain_path, &db) == SQLITE_OK, "reopen plain");
		exec(db, "PRAGMA mmap_size=0");
		out_of_cache(db, &p_cold, &p_warm);
		sqlite3_close(db);
		if (store_open(enc_path, PASS, &st, &cause) != ERR_OK) {
			fprintf(stderr, "bench: %s\n", cause);
			return 1;
		}
		out_of_cache(store_sqlite(st), &e_cold, &e_warm);
		store_close(st);
	}

	printf("store: plain SQLite %s vs encrypted store (XChaCha20-Poly1305 per page)\n",
	    sqlite3_libversion());
	printf("  pragmas for both: page_size 4096, WAL, synchronous FULL, cache 8 MiB, no mmap\n");
	printf("  %d runs interleaved, fresh files each, median (fastest-slowest)\n", runs);
	w_met = bench_line("100,000 inserts, tx of 100", &e.insert, "plain", &p.insert, 1, "s",
	    1.5);
	r_met = bench_line("100,000 point reads", &e.read, "plain", &p.read, 1, "s", 1.3);
	bench_line("full-table aggregate", &e.aggregate, "plain", &p.aggregate, 1e3, "ms", 0);
	bench_line("open (+ unlock for encrypted)", &e.open, "plain", &p.open, 1e3, "ms", 0);
	printf("  out of cache (a cache a tenth of the database; %d random reads; %d runs"
	    " interleaved, median (fastest-slowest)):\n", READS_OUT, p_cold.n);
	bench_line("cold (just opened)", &e_cold, "plain", &p_cold, 1e3, "ms", 0);
	bench_line("warm (the same reads again)", &e_warm, "plain", &p_warm, 1e3, "ms", 0);
	printf("  insert rate: plain %.0f/s, encrypted %.0f/s; reads: plain %.0f/s, encrypted %.0f/s\n",
	    ROWS / bench_median(&p.insert), ROWS / bench_median(&e.insert),
	    READS / bench_median(&p.read), READS / bench_median(&e.read));
	printf("  unlock = Argon2id opslimit %llu, memlimit %zu MiB (STORE_KDF_DEFAULT)\n",
	    STORE_KDF_DEFAULT.opslimit, STORE_KDF_DEFAULT.memlimit >> 20);
	printf("  targets: writes <= 1.50x (%s), reads <= 1.30x (%s), unlock 0.3-1 s (%s)\n",
	    w_met ? "met" : "MISSED", r_met ? "met" : "MISSED",
	    bench_median(&e.open) >= 0.3 && bench_median(&e.open) <= 1.0 ? "met" : "MISSED");

	bench_remove_db(plain_path);
	bench_remove_db(enc_path);
	rmdir(dir);
	free(plain_path);
	free(enc_path);
	free(dir);
	return 0;
}

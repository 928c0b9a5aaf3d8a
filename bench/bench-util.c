/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-util.c: the timer, the give-up and the figures (median, spread,
 * ratio to the baseline) every benchmark program prints; the databases the
 * import benchmarks start from, and their plain SQLite baseline.
 */
#include "bench.h"
#include "../core/mem.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
bench_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
bench_must(enum err e, char *cause, const char *what)
{
	if (e != ERR_OK) {
		fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		    cause ? cause : "?");
		exit(1);
	}
}

void
bench_check(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return;
	fprintf(stderr, "%s: FAILED: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void
bench_add(struct bench_series *s, double seconds)
{
	if (s->n < BENCH_RUNS_MAX)
		s->v[s->n++] = seconds;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
sorted(const struct bench_series *s, double *out)
{
	memcpy(out, s->v, (size_t)s->n * sizeof *out);
	qsort(out, (size_t)s->n, sizeof *out, cmp_double);
}

double
bench_median(const struct bench_series *s)
{
	double v[BENCH_RUNS_MAX];

	if (s->n == 0)
		return 0;
	sorted(s, v);
	return s->n % 2 ? v[s->n / 2] : (v[s->n / 2 - 1] + v[s->n / 2]) / 2;
}

/* "12.3 (11.9-13.0)" */
static void
figure(char *buf, size_t size, const struct bench_series *s, double scale)
{
	double v[BENCH_RUNS_MAX];

	sorted(s, v);
	snprintf(buf, size, "%.3g (%.3g-%.3g)", bench_median(s) * scale, v[0] * scale,
	    v[s->n - 1] * scale);
}

int
bench_line(const char *what, const struct bench_series *a, const char *base_name,
	   const struct bench_series *base, double scale, const char *unit, double goal_max)
{
	char fa[64], fb[64];
	double ratio = bench_median(a) / bench_median(base);
	int met = goal_max <= 0 || ratio <= goal_max;

	figure(fa, sizeof fa, a, scale);
	figure(fb, sizeof fb, base, scale);
	printf("  %-30s %s %s | %s %s %s | %6.2fx", what, fa, unit, base_name, fb, unit, ratio);
	if (goal_max > 0)
		printf("  (goal <= %.2fx: %s)", goal_max, met ? "met" : "MISSED");
	printf("\n");
	return met;
}

int
bench_line1(const char *what, const struct bench_series *a, double scale, const char *unit,
	    double goal_max)
{
	char fa[64];
	int met = goal_max <= 0 || bench_median(a) <= goal_max;

	figure(fa, sizeof fa, a, scale);
	printf("  %-30s %s %s", what, fa, unit);
	if (goal_max > 0)
		printf("  (goal < %.0f %s: %s)", goal_max * scale, unit, met ? "met" : "MISSED");
	printf("\n");
	return met;
}

int
bench_runs(int def)
{
	const char *e = getenv("BENCH_RUNS");
	int n = e != NULL ? atoi(e) : def;

	return n < 1 ? 1 : n > BENCH_RUNS_MAX ? BENCH_RUNS_MAX : n;
}

void
bench_copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	bench_check(in != NULL && out != NULL, "cannot copy %s to %s", from, to);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		bench_check(fwrite(buf, 1, n, out) == n, "cannot write %s", to);
	fclose(in);
	bench_check(fclose(out) == 0, "cannot write %s", to);
}

void
bench_remove_db(const char *path)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
		char *p = xasprintf("%s%s", path, side[i]);
		unlink(p);
		free(p);
	}
}

long long
bench_count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	long long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void
plain_must(sqlite3 *db, int rc, const char *what)
{
	bench_check(rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW, "plain SQLite: %s: %s",
	    what, db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

double
bench_plain_rows(const char *path, const struct bench_row *rows, size_t n, size_t per_txn,
    struct bench_series *cpu)
{
	sqlite3 *db;
	sqlite3_stmt *sub, *rev;
	double t0, t, c0;

	bench_remove_db(path);
	plain_must(NULL, sqlite3_open(path, &db), "open");
	plain_must(db, sqlite3_exec(db, "PRAGMA page_size=4096; PRAGMA journal_mode=WAL;"
	    " PRAGMA synchronous=FULL; PRAGMA cache_size=-8192; PRAGMA mmap_size=0;"
	    " PRAGMA temp_store=MEMORY;"
	    "CREATE TABLE submissions(id INTEGER PRIMARY KEY, form_id TEXT NOT NULL,"
	    "  unit_id TEXT NOT NULL, period TEXT NOT NULL, status TEXT NOT NULL,"
	    "  current_rev INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
	    "  UNIQUE (form_id, unit_id, period));"
	    "CREATE TABLE revisions(submission_id INTEGER NOT NULL, rev INTEGER NOT NULL,"
	    "  form_version INTEGER NOT NULL, device TEXT NOT NULL, final INTEGER NOT NULL,"
	    "  data TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (submission_id, rev));",
	    NULL, NULL, NULL), "schema");
	plain_must(db, sqlite3_prepare_v2(db, "INSERT INTO submissions(form_id, unit_id, period,"
	    " status, current_rev, updated_at) VALUES (?1, ?2, ?3, 'received', 1, 1)", -1, &sub,
	    NULL), "prepare");
	plain_must(db, sqlite3_prepare_v2(db, "INSERT INTO revisions(submission_id, rev,"
	    " form_version, device, final, data, created_at) VALUES (?1, 1, 1, 'DEVI-CE00', 1, ?2,"
	    " 1)", -1, &rev, NULL), "prepare");
	t0 = bench_now();
	c0 = bench_cpu();
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || (per_txn > 0 && i % per_txn == 0))
			plain_must(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
		sqlite3_bind_text(sub, 1, rows[i].form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(sub, 2, rows[i].unit, -1, SQLITE_STATIC);
		sqlite3_bind_text(sub, 3, rows[i].period, -1, SQLITE_STATIC);
		plain_must(db, sqlite3_step(sub), "insert");
		sqlite3_reset(sub);
		sqlite3_bind_int64(rev, 1, sqlite3_last_insert_rowid(db));
		sqlite3_bind_text(rev, 2, rows[i].data, -1, SQLITE_STATIC);
		plain_must(db, sqlite3_step(rev), "insert");
		sqlite3_reset(rev);
		if (i + 1 == n || (per_txn > 0 && (i + 1) % per_txn == 0))
			plain_must(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
	}
	t = bench_now() - t0;
	bench_add(cpu, bench_cpu() - c0);
	sqlite3_finalize(sub);
	sqlite3_finalize(rev);
	bench_check(bench_count(db, "SELECT count(*) FROM revisions") == (long long)n,
	    "plain SQLite did not store %zu rows", n);
	sqlite3_close(db);
	bench_remove_db(path);
	return t;
}

const char *
bench_dir_only(int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: %s [DIR]   (no options: it has no --smoke size)\n",
		    argv[0]);
		exit(2);
	}
	return argc > 1 ? argv[1] : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
}

double
bench_rss_mb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, resident = 0;
	int got;

	bench_check(f != NULL, "cannot read /proc/self/statm");
	got = fscanf(f, "%lu %lu", &size, &resident);
	fclose(f);
	bench_check(got == 2, "cannot read /proc/self/statm");
	return (double)resident * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/* Every submission the import stored holds the values sent, byte for byte
 * (the canonical form the unit wrote is the one the office writes). */
void
bench_values_kept(sqlite3 *db, const struct bench_row *rows, size_t n)
{
	sqlite3_stmt *q;

	bench_check(sqlite3_prepare_v2(db, "SELECT r.data FROM submissions s JOIN revisions r ON"
	    " r.submission_id = s.id AND r.rev = s.current_rev WHERE s.form_id = ?1 AND"
	    " s.unit_id = ?2 AND s.period = ?3", -1, &q, NULL) == SQLITE_OK, "prepare: %s",
	    sqlite3_errmsg(db));
	for (size_t i = 0; i < n; i++) {
		const char *got;
		sqlite3_bind_text(q, 1, rows[i].form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, rows[i].unit, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, rows[i].period, -1, SQLITE_STATIC);
		bench_check(sqlite3_step(q) == SQLITE_ROW, "%s %s %s not stored", rows[i].form_id,
		    rows[i].unit, rows[i].period);
		got = (const char *)sqlite3_column_text(q, 0);
		bench_check(got != NULL && strcmp(got, rows[i].data) == 0, "%s %s %s stored other"
		    " values than sent:\n  sent   %.200s\n  stored %.200s", rows[i].form_id,
		    rows[i].unit, rows[i].period, rows[i].data, got ? got : "(none)");
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench.h: what the benchmark programs share: a timer, the give-up, the
 * synthetic values, and the figures of interleaved runs.
 *
 * A figure is never one run: each benchmark runs its subject and its
 * baseline in turn (A B A B ...), so that the machine's noise lands on
 * both, and prints the median and the spread (fastest-slowest) of each
 * beside the ratio of the medians. Every run checks that it did the work
 * (rows there, value saved) and gives up loudly when not.
 */
#ifndef BAOCAO_BENCH_H
#define BAOCAO_BENCH_H

#include <stddef.h>

#include "../forms/sub.h"

/* Monotonic seconds, for timing. */
double bench_now(void);

/* This process's CPU seconds: on a machine shared with other work, what
 * the measured code itself cost (wall time also counts the waits). */
double bench_cpu(void);

/* Unless E is ERR_OK, print "PROGRAM: WHAT: CAUSE" and exit 1. */
void bench_must(enum err e, char *cause, const char *what);

/* Unless OK, print "PROGRAM: FAILED: " and the message, and exit 1: a
 * benchmark that did not do its work must not print a figure. */
void bench_check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Fill every enterable field of report R of F in S (grid cells too) with a
 * plausible value derived from SEED; returns how many values were set. */
size_t bench_fill(struct sub *s, const struct form *f, int r, unsigned seed);

/* The timings of one measure over the runs. */
#define BENCH_RUNS_MAX 64
struct bench_series {
	double v[BENCH_RUNS_MAX];
	int n;
};

void bench_add(struct bench_series *s, double seconds);
double bench_median(const struct bench_series *s);

/* One line: WHAT, the subject's median (fastest-slowest) in UNIT (SCALE
 * per second: 1e3 for ms), the baseline's (BASE_NAME), and the ratio of
 * medians subject / baseline, judged against GOAL_MAX (0: no goal) —
 * "met" or "MISSED". Returns whether the goal was met. */
int bench_line(const char *what, const struct bench_series *a, const char *base_name,
	       const struct bench_series *base, double scale, const char *unit, double goal_max);

/* One line for a measure without a baseline: its median (spread), and its
 * goal (GOAL_MAX seconds, 0: none). */
int bench_line1(const char *what, const struct bench_series *a, double scale, const char *unit,
		double goal_max);

/* Runs: BENCH_RUNS in the environment, else DEF (at most BENCH_RUNS_MAX). */
int bench_runs(int def);

/* Copy the file FROM to TO (a database to start a run from); gives up on
 * failure. */
void bench_copy(const char *from, const char *to);

/* Remove the database PATH and SQLite's side files (-wal, -shm, -journal). */
void bench_remove_db(const char *path);

/* The folder a benchmark that takes only [DIR] works in: ARGV[1], else
 * $TMPDIR, else /tmp. An option (--smoke, say: this one has no tiny size)
 * or more arguments: the usage line on stderr, exit 2. */
const char *bench_dir_only(int argc, char **argv);

/* This process's resident memory now, in MB (/proc/self/statm). */
double bench_rss_mb(void);

/* The first column of SQL's first row as a number (-1 if none): a count
 * that checks a run did its work. */
struct sqlite3;
long long bench_count(struct sqlite3 *db, const char *sql);

/* A submission as stored: what the import baselines insert. */
struct bench_row {
	char *form_id, *unit, *period, *data;
};

/* The import's baseline: plain SQLite (unencrypted, same pragmas as the
 * store, prepared statements) inserting ROWS[0..N) as submissions and
 * revisions into a fresh database at PATH, in transactions of PER_TXN rows
 * (0: one); checks they are there, removes the database. Returns the wall
 * seconds; adds the CPU seconds to CPU. */
double bench_plain_rows(const char *path, const struct bench_row *rows, size_t n,
			size_t per_txn, struct bench_series *cpu);

/* Every row of ROWS stored in DB (the store's) holds the values sent, byte
 * for byte, in its current revision; else FAILED. */
void bench_values_kept(struct sqlite3 *db, const struct bench_row *rows, size_t n);

#endif

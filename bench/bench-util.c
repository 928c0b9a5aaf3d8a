/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-util.c: the timer, the give-up and the figures (median, spread,
 * ratio to the baseline) every benchmark program prints.
 */
#include "bench.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

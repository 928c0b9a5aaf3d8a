/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench.h: what the benchmark programs share.
 */
#ifndef BAOCAO_BENCH_H
#define BAOCAO_BENCH_H

#include <stddef.h>

#include "../forms/sub.h"

/* Monotonic seconds, for timing. */
double bench_now(void);

/* Unless E is ERR_OK, print "PROGRAM: WHAT: CAUSE" and exit 1. */
void bench_must(enum err e, char *cause, const char *what);

/* Fill every enterable field of report R of F in S (grid cells too) with a
 * plausible value derived from SEED; returns how many values were set. */
size_t bench_fill(struct sub *s, const struct form *f, int r, unsigned seed);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-util.c: the timer and the give-up every benchmark program uses.
 */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mem.h: allocation that cannot return NULL.
 *
 * On out-of-memory these print one line and abort: baocao has nothing useful
 * to do without memory, and every database write is a transaction, so nothing
 * committed is lost. Sizes that come from input are capped before they reach
 * these functions (see buf.h).
 */
#ifndef BAOCAO_MEM_H
#define BAOCAO_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of `size`-byte elements to at least `want` elements. */
void *xreallocarray(void *p, size_t want, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif

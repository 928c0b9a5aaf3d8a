/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * err.h: the one set of error codes every layer returns, and the human message
 * that travels back beside them.
 *
 * Functions that can fail return an enum err (0 = ERR_OK) and, when the caller
 * passes a non-NULL `char **cause`, store a one-line message there that the
 * caller prints and frees. The message names what went wrong and where (file,
 * line, field), in the user's language (see err_lang below). On success *cause
 * is left untouched.
 */
#ifndef BAOCAO_ERR_H
#define BAOCAO_ERR_H

#include <stdarg.h>

enum err {
	ERR_OK = 0,
	ERR_INVALID,   /* bad input: an argument, a value, a file's contents */
	ERR_NOTFOUND,  /* a file, a unit, a form that does not exist */
	ERR_EXISTS,    /* would overwrite something that exists */
	ERR_WRONGPASS, /* the passphrase does not unlock the database */
	ERR_CORRUPT,   /* damaged or tampered data: refused, never used */
	ERR_FULL,      /* disk full */
	ERR_IO,        /* any other operating-system or I/O failure */
	ERR_BUSY,      /* another process holds the database */
	ERR_VERSION,   /* written by a newer baocao */
};

/* The language of messages: 0 Vietnamese (the default), 1 English. Set once at
 * start-up by err_lang_init() from BAOCAO_LANG ("en" or "vi"). */
extern int err_lang;
void err_lang_init(void);

/* TR("tiếng Việt", "English"): pick the message in the user's language. Both
 * arguments are string literals, so printf-style format checking sees both. */
#define TR(vi, en) (err_lang ? (en) : (vi))

/* Store a formatted message in *cause (if cause is not NULL) and return code.
 * Any earlier message in *cause is freed first. */
enum err err_set(char **cause, enum err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum err err_vset(char **cause, enum err code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Prefix an existing message: "<prefix>: <old message>". */
void err_prefix(char **cause, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The operating system's error errnum as the user can read it: in Vietnamese
 * for the failures people meet with files and USB sticks (no such file, disk
 * full, read-only, permission, device error, ...), else strerror(). */
const char *err_os(int errnum);

/* ERR_FULL for "no space" errnos (ENOSPC, EDQUOT), else ERR_IO. */
enum err err_os_code(int errnum);

/* The process exit status for an error code (ERR_OK -> 0). */
int err_exit_status(enum err code);

#endif

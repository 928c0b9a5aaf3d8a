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
 *
 * The shape of every message, in both languages (README, "Exit codes"):
 *
 *	what went wrong[: detail] — where
 *
 * e.g. "không đọc được: tệp bị hỏng — /media/usb/thon.bcb". What went wrong
 * comes first, so a line cut at 80 columns loses the least useful part (a long
 * path) rather than the reason. The " — where" part is written by err_set_at,
 * err_where and err_fmt_at only, so the separator is in one place.
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

/* Prefix an existing message: "<prefix>: <old message>". For context that
 * says what was being done ("schema migration 3: ..."), not where: a place
 * goes last, with err_where. */
void err_prefix(char **cause, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The separator between what went wrong and where. */
#define ERR_WHERE_SEP " — "

/* err_set, then " — <where>" after the message. A NULL or empty where adds
 * nothing. Returns code. */
enum err err_set_at(char **cause, enum err code, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Append a place to an existing message (if any): " — <where>", or ", <where>"
 * when the message names a place already (the narrower place stays first:
 * "… — dòng 3, /media/usb/x.csv"). */
void err_where(char **cause, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A new string "<message> — <where>" (just the message when where is NULL or
 * empty), for error lines that are not carried in a cause (lists of errors).
 * Caller frees. */
char *err_fmt_at(const char *where, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The operating system's error errnum as the user can read it: in Vietnamese
 * for the failures people meet with files and USB sticks (no such file, disk
 * full, read-only, permission, device error, ...), else "lỗi hệ thống số N"
 * (never an English sentence in the Vietnamese interface); strerror() under
 * BAOCAO_LANG=en. Every errno text shown to the user goes through here.
 * The returned text is static (or per thread): use it before the next call. */
const char *err_os(int errnum);

/* ERR_FULL for "no space" errnos (ENOSPC, EDQUOT), else ERR_IO. */
enum err err_os_code(int errnum);

/* The process exit status for an error code (ERR_OK -> 0). */
int err_exit_status(enum err code);

#endif

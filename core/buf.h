/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buf.h: a growable byte buffer with a hard cap.
 *
 * Every buffer whose size comes from input (a bundle, a pack, a form file) is a
 * struct buf with a `max`: appending past it fails and leaves the buffer as it
 * was, so a hostile file cannot take all memory. The contents are always
 * followed by a NUL byte (not counted in len), so text can be used in place.
 */
#ifndef BAOCAO_BUF_H
#define BAOCAO_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* 0: no cap */
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* 0 on success, -1 if it would exceed the cap (the buffer is unchanged). */
int buf_add(struct buf *b, const void *p, size_t n) __attribute__((warn_unused_result));
int buf_addstr(struct buf *b, const char *s) __attribute__((warn_unused_result));
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), warn_unused_result));
/* Hand the contents to the caller (who frees them); the buffer is emptied. */
char *buf_detach(struct buf *b, size_t *len);

/* Read a whole file into b, failing with -1 and errno = EFBIG past b->max. */
int buf_read_file(struct buf *b, const char *path) __attribute__((warn_unused_result));
/* The same from an open descriptor (not closed), e.g. standard input. */
int buf_read_fd(struct buf *b, int fd) __attribute__((warn_unused_result));

#endif

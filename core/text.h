/*
 * text.h: UTF-8 text as baocao stores and compares it.
 *
 * Text is stored NFC (composed), whatever the keyboard, paste or import gave.
 * Searching folds case, accents and đ: "nuoc sach" matches "Nước sạch", and
 * "Hòa" matches "Hoà". The work is done by utf8proc.
 */
#ifndef BAOCAO_TEXT_H
#define BAOCAO_TEXT_H

#include <stddef.h>

/* 1 if s is valid UTF-8 with no control characters other than tab. */
int text_valid(const char *s);

/* 1 if s is valid UTF-8 whose only control characters are tab, CR and LF
 * (a text file, or a multi-line value). */
int text_valid_lines(const char *s);

/* NFC copy of s (caller frees); NULL if s is not valid UTF-8. */
char *text_nfc(const char *s);

/* Folded copy for searching: no accents, đ -> d, lower case (caller frees);
 * NULL if s is not valid UTF-8. */
char *text_fold(const char *s);

/* An ASCII id made from a name: folded, runs of other characters become one
 * '-', e.g. "Thôn Đồng Tâm" -> "thon-dong-tam". Caller frees; NULL if nothing
 * is left. */
char *text_slug(const char *s);

/* Does `hay` contain every word of `needle` (in any order) once both are
 * folded? "dong tam 2026-10" finds "Thôn Đồng Tâm ... 2026-10". */
int text_match(const char *hay, const char *needle);

/* Columns that s takes on a terminal (wcwidth of each character). */
int text_width(const char *s);

/* Cut s in place to at most `cols` terminal columns, on a character
 * boundary (a combining mark stays with its letter). */
void text_cut(char *s, int cols);

/* TEXT in exactly WIDTH columns into BUF: padded with spaces, or cut to
 * WIDTH - 1 so that a space always follows it (a column of a table). */
char *text_pad(char *buf, size_t size, const char *text, int width);

#endif

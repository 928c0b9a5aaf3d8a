/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.h: UTF-8 text as baocao stores and compares it.
 *
 * Text is stored NFC (composed), whatever the keyboard, paste or import gave.
 * Searching folds case, accents and đ: "nuoc sach" matches "Nước sạch", and
 * "Hòa" matches "Hoà". The work is done by utf8proc.
 *
 * Sorting by name uses a sort key (text_sort_key) stored beside the name:
 * comparing keys byte by byte (memcmp, SQLite's BINARY) gives CLDR's
 * Vietnamese order, so any tool that opens the database sorts right with
 * a plain ORDER BY.
 */
#ifndef BAOCAO_TEXT_H
#define BAOCAO_TEXT_H

#include <stddef.h>

/* 1 if s is valid UTF-8 with no control characters (C0, DEL, C1) other
 * than tab. */
int text_valid(const char *s);

/* A copy of S safe to print on a terminal (caller frees): every control
 * character (C0, DEL, C1 — escape sequences, carriage returns, new lines)
 * and every byte that is not UTF-8 becomes '?'. For text that came from
 * outside (a device's file) on its way to a message. */
char *text_safe(const char *s);

/* Input quoted in a message: what the user typed or a file held may be any
 * length (a 15 MiB --period) and hold anything, but an error line must stay
 * one short line whose reason is never lost behind the quote. text_quote
 * copies at most TEXT_QUOTE_CHARS characters of S, cut on a character
 * boundary (a combining mark is never parted from its letter), then "…" if
 * anything was left out; control characters (C0, DEL, C1) and bytes that are
 * not UTF-8 become '?', as in text_safe. NULL gives "". The result lives in
 * one of TEXT_QUOTE_RING per-thread buffers: use it at once (several in one
 * printf are fine), never free it, never keep it past the next
 * TEXT_QUOTE_RING calls. */
#define TEXT_QUOTE_CHARS 60
#define TEXT_QUOTE_RING 8
const char *text_quote(const char *s);

/* The same into OUT (SIZE bytes; at least 4 * CHARS + 4 keeps every
 * character asked for), at most CHARS characters; smaller sizes cut sooner,
 * still on a character boundary. Returns OUT. For callers (and tests) with
 * their own limit. */
char *text_quote_n(char *out, size_t size, const char *s, size_t chars);

/* 1 if s is valid UTF-8 whose only control characters are tab, CR and LF
 * (a text file, or a multi-line value). */
int text_valid_lines(const char *s);

/* NFC copy of s (caller frees); NULL if s is not valid UTF-8. */
char *text_nfc(const char *s);

/* Folded copy for searching: no accents, đ -> d (and Ð, ð, the đ of older
 * encodings), lower case (caller frees); NULL if s is not valid UTF-8. */
char *text_fold(const char *s);

/* A name as it is kept: NFC, Ð/ð (U+00D0/U+00F0, older encodings) made
 * Đ/đ, spaces and tabs trimmed from both ends and runs of them made one
 * space (caller frees; "" if only spaces; NULL if s is not valid UTF-8). */
char *text_name(const char *s);

/* An ASCII id made from a name: folded, runs of other characters become one
 * '-', e.g. "Thôn Đồng Tâm" -> "thon-dong-tam". Caller frees; NULL if nothing
 * is left. */
char *text_slug(const char *s);

/* Does `hay` contain every word of `needle` (in any order) once both are
 * folded? "dong tam 2026-10" finds "Thôn Đồng Tâm ... 2026-10". */
int text_match(const char *hay, const char *needle);

/* Sort key of s for Vietnamese order (CLDR `vi`), to compare with memcmp
 * (shorter first on a tie of the common part). Levels, as in the Unicode
 * collation algorithm:
 *   1. letters: spaces < punctuation and symbols < numbers (by value:
 *      "Thôn 2" < "Thôn 10", as CLDR's numeric option) < letters
 *      a ă â b c d đ e ê f ... o ô ơ p ... u ư v ... z < other scripts
 *      (Ð, ð of older encodings count as Đ, đ);
 *   2. tones, letter by letter from the left: none < huyền < hỏi < ngã <
 *      sắc < nặng (other accents after them);
 *   3. case: lower before upper;
 *   4. the text itself (NFD), so that different texts never tie.
 * Sets *len to the key's length in bytes. Caller frees; NULL if s is not
 * valid UTF-8. */
unsigned char *text_sort_key(const char *s, size_t *len);

/* Compare a and b in Vietnamese order (their sort keys; qsort style). Text
 * that is not valid UTF-8 sorts last, by bytes. */
int text_collate(const char *a, const char *b);

/* Columns that s takes on a terminal (wcwidth of each character). */
int text_width(const char *s);

/* Cut s in place to at most `cols` terminal columns, on a character
 * boundary (a combining mark stays with its letter). */
void text_cut(char *s, int cols);

/* TEXT in exactly WIDTH columns into BUF: padded with spaces, or cut to
 * WIDTH - 1 so that a space always follows it (a column of a table). */
char *text_pad(char *buf, size_t size, const char *text, int width);

#endif

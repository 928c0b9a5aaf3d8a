/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-line.h: a one-line text editor for UTF-8 input.
 *
 * Holds wide characters, so the cursor moves over whole characters (a
 * precomposed "ệ" or a base letter with its combining marks is one step);
 * scrolls sideways when the text is wider than the field; can mask its text
 * (passphrases). The text comes out as NFC UTF-8.
 */
#ifndef BAOCAO_WIDGET_LINE_H
#define BAOCAO_WIDGET_LINE_H

#include <stddef.h>
#include <wchar.h>

#include "../core/vnime.h"

struct ui_input;

struct line {
	wchar_t *text;
	size_t len;    /* characters */
	size_t cap;
	size_t cur;    /* cursor, 0..len */
	size_t max;    /* most characters accepted */
	int masked;
	int scroll;    /* first column shown */
	/* Built-in Telex/VNI: the typing mode (shared, may be NULL: off) and
	 * the word being composed: its raw keys, where its rendering starts and
	 * how many characters it takes. Any other key ends the word, and so does
	 * a change of mode (the word stays as shown, as Unikey does). */
	const enum vnime_mode *ime;
	char keys[VNIME_MAX_KEYS];
	size_t nkeys, word_at, word_len;
	enum vnime_mode word_mode;	/* the mode the word was begun in */
	/* The keys as typed, before Telex/VNI composed them ("2026-W50" where
	 * the line shows 2026-Ư50): a filter matches either (line_match).
	 * Kept while typing at the end; an edit elsewhere makes it the text. */
	wchar_t *raw;
	size_t rlen, rcap;
	/* The text was proposed (line_propose) and not touched since: a
	 * character typed replaces it whole, as in a spreadsheet's cell; an
	 * arrow, Home, End or Backspace edits it instead. Drawn selected. */
	int proposed;
};

void line_init(struct line *l, size_t max, int masked);
void line_free(struct line *l);   /* wipes the text */
void line_clear(struct line *l);
void line_set(struct line *l, const char *utf8);
/* line_set, as a proposal: the first character typed replaces it (see
 * PROPOSED), the first edit or move makes it the text to edit. */
void line_propose(struct line *l, const char *utf8);
/* 1 if the key was used (an edit or a move), 0 if not ours. */
int line_key(struct line *l, const struct ui_input *in);
/* Does HAY match what was typed (text_match: every word, accents and case
 * ignored), each word as shown or as its keys were typed? A filter line
 * finds "2026-W50" typed in Telex (shown 2026-Ư50) and "ddaf locj" (Đà
 * Lộc) alike. An empty line matches everything. */
int line_match(const struct line *l, const char *hay);
/* The keys as typed, UTF-8 (caller frees): the text itself where nothing
 * was composed; NULL if it cannot be encoded. */
char *line_typed(const struct line *l);
/* Draw at (y, x) in `width` columns and place the cursor there. */
void line_draw(struct line *l, int y, int x, int width, int focused);
/* The text as NFC UTF-8 (caller frees), or NULL if it cannot be encoded. */
char *line_utf8(const struct line *l);
/* The same in memory that is wiped when freed: for passphrases. Free with
 * line_secret_free. */
char *line_secret(const struct line *l);
void line_secret_free(char *s);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-line.c: the one-line UTF-8 editor (see widget-line.h).
 */
#include "widget-line.h"
#include "ui.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <limits.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void
line_init(struct line *l, size_t max, int masked)
{
	memset(l, 0, sizeof *l);
	l->max = max;
	l->masked = masked;
	l->cap = 16;
	l->text = xcalloc(l->cap, sizeof *l->text);
}

void
line_free(struct line *l)
{
	if (l->text != NULL)
		sodium_memzero(l->text, l->cap * sizeof *l->text);
	free(l->text);
	free(l->raw);		/* never kept for a masked line */
	l->text = NULL;
	l->raw = NULL;
	l->len = l->cur = l->cap = l->rlen = l->rcap = 0;
}

void
line_clear(struct line *l)
{
	sodium_memzero(l->text, l->cap * sizeof *l->text);
	l->len = l->cur = 0;
	l->scroll = 0;
	l->nkeys = 0;
	l->rlen = 0;
	l->proposed = 0;
}

/* Add C to the keys as typed. */
static void
raw_add(struct line *l, wchar_t c)
{
	if (l->masked)
		return;
	if (l->rlen + 2 > l->rcap) {
		l->rcap = l->rcap ? 2 * l->rcap : 16;
		l->raw = xrealloc(l->raw, l->rcap * sizeof *l->raw);
	}
	l->raw[l->rlen++] = c;
	l->raw[l->rlen] = 0;
}

/* The keys as typed become the text (after an edit not at the end). */
static void
raw_sync(struct line *l)
{
	l->rlen = 0;
	for (size_t i = 0; i < l->len; i++)
		raw_add(l, l->text[i]);
}

static void
line_insert(struct line *l, wchar_t c)
{
	if (l->len >= l->max)
		return;
	if (l->len + 2 > l->cap) {
		/* Grow by copying, so a masked text leaves no copy behind. */
		size_t ncap = l->cap * 2;
		wchar_t *n = xcalloc(ncap, sizeof *n);
		memcpy(n, l->text, l->len * sizeof *n);
		sodium_memzero(l->text, l->cap * sizeof *l->text);
		free(l->text);
		l->text = n;
		l->cap = ncap;
	}
	memmove(l->text + l->cur + 1, l->text + l->cur, (l->len - l->cur) * sizeof *l->text);
	l->text[l->cur++] = c;
	l->len++;
	l->text[l->len] = 0;
}

void
line_set(struct line *l, const char *utf8)
{
	mbstate_t ps;
	const char *p = utf8;
	wchar_t c;
	size_t n;

	line_clear(l);
	memset(&ps, 0, sizeof ps);
	while (*p != '\0' && (n = mbrtowc(&c, p, strlen(p), &ps)) != 0 &&
	    n != (size_t)-1 && n != (size_t)-2) {
		line_insert(l, c);
		p += n;
	}
	raw_sync(l);
}

/* Combining marks (width 0) belong to the character before them. */
static int
is_mark(wchar_t c)
{
	return wcwidth(c) == 0;
}

static void
move_left(struct line *l)
{
	while (l->cur > 0) {
		l->cur--;
		if (!is_mark(l->text[l->cur]))
			break;
	}
}

static void
move_right(struct line *l)
{
	if (l->cur < l->len)
		l->cur++;
	while (l->cur < l->len && is_mark(l->text[l->cur]))
		l->cur++;
}

static void
delete_range(struct line *l, size_t from, size_t to)
{
	memmove(l->text + from, l->text + to, (l->len - to) * sizeof *l->text);
	l->len -= to - from;
	l->text[l->len] = 0;
	l->cur = from;
}

/* Replace the word being composed with the rendering of its raw keys. */
static void
compose(struct line *l)
{
	char out[8 * VNIME_MAX_KEYS + 1];
	wchar_t w[VNIME_MAX_KEYS * 4 + 1];
	mbstate_t ps;
	const char *p = out;
	size_t n;

	vnime_render(*l->ime, l->keys, l->nkeys, out, sizeof out);
	memset(&ps, 0, sizeof ps);
	n = mbsrtowcs(w, &p, sizeof w / sizeof w[0] - 1, &ps);
	if (n == (size_t)-1)
		return;
	delete_range(l, l->word_at, l->word_at + l->word_len);
	l->cur = l->word_at;
	for (size_t i = 0; i < n; i++)
		line_insert(l, w[i]);
	l->word_len = l->cur - l->word_at;
}

/* The raw keys of the word as it now shows (after a Backspace), into
 * l->keys: how many, or 0 if it cannot be composed on (then it stays as
 * text and the next key begins a new word). */
static size_t
word_keys(struct line *l)
{
	char utf8[MB_LEN_MAX * (VNIME_MAX_KEYS + 1)];
	size_t len = 0;
	mbstate_t ps;

	if (l->word_len == 0 || l->word_len > VNIME_MAX_KEYS)
		return 0;
	memset(&ps, 0, sizeof ps);
	for (size_t i = l->word_at; i < l->word_at + l->word_len; i++) {
		size_t k = wcrtomb(utf8 + len, l->text[i], &ps);
		if (k == (size_t)-1)
			return 0;
		len += k;
	}
	utf8[len] = '\0';
	return vnime_keys(*l->ime, utf8, l->keys, sizeof l->keys);
}

/* Keys typed in Telex/VNI: 1 if used. */
static int
ime_key(struct line *l, const struct ui_input *in)
{
	int composing;

	if (l->ime == NULL || *l->ime == VNIME_OFF || l->masked ||
	    *l->ime != l->word_mode) {
		/* typing off, or in another mode than the word was begun in: the
		 * word ends as shown; its keys mean nothing in the new mode */
		l->nkeys = 0;
		if (l->ime == NULL || *l->ime == VNIME_OFF || l->masked)
			return 0;
	}
	composing = l->nkeys > 0 && l->cur == l->word_at + l->word_len;
	if (!in->code && in->ch < 0x80 && vnime_word_key(*l->ime, (int)in->ch)) {
		if (!composing) {
			l->nkeys = 0;
			l->word_at = l->cur;
			l->word_len = 0;
			l->word_mode = *l->ime;
		}
		if (l->nkeys == VNIME_MAX_KEYS)
			return 0;
		l->keys[l->nkeys++] = (char)in->ch;
		compose(l);
		return 1;
	}
	/* Backspace at the end of the word deletes its last letter, as Unikey
	 * does (the tone stays on what is left: Việt -> Việ), and the word
	 * goes on from the keys of what is left. */
	if (composing && ((in->code && in->key == KEY_BACKSPACE) ||
	    (!in->code && (in->ch == 0x7f || in->ch == 0x08)))) {
		size_t end = l->cur;
		move_left(l);
		if (l->cur < l->word_at)
			l->cur = l->word_at;
		delete_range(l, l->cur, end);
		l->word_len = l->cur - l->word_at;
		l->nkeys = word_keys(l);
		return 1;
	}
	l->nkeys = 0;	/* anything else ends the word */
	return 0;
}

static int
line_edit(struct line *l, const struct ui_input *in)
{
	size_t at;

	if (ime_key(l, in))
		return 1;

	if (in->code) {
		switch (in->key) {
		case KEY_LEFT: move_left(l); return 1;
		case KEY_RIGHT: move_right(l); return 1;
		case KEY_HOME: l->cur = 0; return 1;
		case KEY_END: l->cur = l->len; return 1;
		case KEY_BACKSPACE:
			at = l->cur;
			move_left(l);
			delete_range(l, l->cur, at);
			return 1;
		case KEY_DC:
			at = l->cur;
			move_right(l);
			delete_range(l, at, l->cur);
			return 1;
		default:
			return 0;
		}
	}
	if (in->ch == 0x7f || in->ch == 0x08) { /* Backspace as a character */
		at = l->cur;
		move_left(l);
		delete_range(l, l->cur, at);
		return 1;
	}
	if (in->ch == 0x15) { /* Ctrl-U: clear */
		line_clear(l);
		return 1;
	}
	if (in->ch < 0x20 || in->ch == 0x7f)
		return 0;
	line_insert(l, (wchar_t)in->ch);
	return 1;
}

void
line_propose(struct line *l, const char *utf8)
{
	line_set(l, utf8);
	l->proposed = 1;
}

int
line_key(struct line *l, const struct ui_input *in)
{
	int at_end, bs, used;

	if (l->proposed) {
		/* typed over a proposal: it goes; any other key keeps it to edit */
		l->proposed = 0;
		if (!in->code && in->ch >= 0x20 && in->ch != 0x7f)
			line_clear(l);
	}
	at_end = l->cur == l->len;

	bs = (in->code && in->key == KEY_BACKSPACE) || (!in->code && (in->ch == 0x7f ||
	    in->ch == 0x08));
	used = line_edit(l, in);
	if (!used || l->masked)
		return used;
	if (in->code && (in->key == KEY_LEFT || in->key == KEY_RIGHT || in->key == KEY_HOME ||
	    in->key == KEY_END))
		return used;			/* the text did not change */
	if (at_end && !in->code && in->ch >= 0x20 && in->ch != 0x7f && l->cur == l->len)
		raw_add(l, (wchar_t)in->ch);	/* typed at the end: a key as typed */
	else if (at_end && bs && l->rlen > 0 && l->len > 0)
		l->raw[--l->rlen] = 0;
	else
		raw_sync(l);
	return used;
}

/* The words of UTF-8 text S, split at spaces, into W (room for MAX);
 * S is changed in place. Returns how many. */
static size_t
words(char *s, char **w, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *t = strtok_r(s, " \t", &save); t != NULL; t = strtok_r(NULL, " \t", &save))
		if (n < max)
			w[n++] = t;
		else
			return max + 1;
	return n;
}

static char *
wide_utf8(const wchar_t *w)
{
	size_t n = wcstombs(NULL, w, 0);
	char *s;

	if (n == (size_t)-1)
		return NULL;
	s = xmalloc(n + 1);
	wcstombs(s, w, n + 1);
	return s;
}

char *
line_typed(const struct line *l)
{
	return l->rlen && l->raw ? wide_utf8(l->raw) : line_utf8(l);
}

int
line_match(const struct line *l, const char *hay)
{
	char *shown = line_utf8(l), *typed = l->rlen && l->raw ? wide_utf8(l->raw) : NULL;
	char *ws[32], *wt[32];
	size_t ns, nt;
	int r;

	if (shown == NULL || *shown == '\0') {
		free(shown);
		free(typed);
		return 1;
	}
	r = text_match(hay, shown) || (typed != NULL && text_match(hay, typed));
	if (!r && typed != NULL) {
		/* word by word: each as shown or as typed ("ddaf 2026-W50") */
		ns = words(shown, ws, 32);
		nt = words(typed, wt, 32);
		r = ns == nt && ns <= 32;
		for (size_t i = 0; r && i < ns; i++)
			r = text_match(hay, ws[i]) || text_match(hay, wt[i]);
	}
	free(shown);
	free(typed);
	return r;
}

void
line_draw(struct line *l, int y, int x, int width, int focused)
{
	int col = 0, curcol = 0, w;
	size_t i;

	/* Columns up to the cursor decide the scroll. */
	for (i = 0; i < l->cur; i++)
		curcol += l->masked ? 1 : (wcwidth(l->text[i]) > 0 ? wcwidth(l->text[i]) : 0);
	if (curcol < l->scroll)
		l->scroll = curcol;
	if (curcol >= l->scroll + width)
		l->scroll = curcol - width + 1;
	/* every field is underlined; the focused one also bold, and where bold
	 * cannot be seen (the Linux console) reversed as well */
	attron(focused ? A_UNDERLINE | A_BOLD | (ui_plain_console() ? A_REVERSE : 0) : A_UNDERLINE);
	if (focused && l->proposed)	/* selected: typing replaces it */
		attron(A_REVERSE);
	mvhline(y, x, ' ', width);
	move(y, x);
	for (i = 0; i < l->len; i++) {
		wchar_t c = l->masked ? L'*' : l->text[i];
		wchar_t s[2] = { c, 0 };
		w = l->masked ? 1 : wcwidth(c);
		if (w < 0)
			w = 1;
		if (col >= l->scroll && col + w <= l->scroll + width)
			mvaddnwstr(y, x + col - l->scroll, s, 1);
		col += w;
	}
	attroff(A_UNDERLINE | A_BOLD | A_REVERSE);
	if (focused)
		move(y, x + curcol - l->scroll);
}

static char *
to_utf8(const struct line *l, int secret)
{
	size_t n = wcstombs(NULL, l->text, 0);
	char *s, *nfc;

	if (n == (size_t)-1)
		return NULL;
	s = secret ? sodium_malloc(n + 1) : xmalloc(n + 1);
	if (s == NULL)
		return NULL;
	wcstombs(s, l->text, n + 1);
	if (secret)
		return s; /* passphrases are used byte for byte as typed */
	nfc = text_nfc(s);
	free(s);
	return nfc;
}

char *
line_utf8(const struct line *l)
{
	return to_utf8(l, 0);
}

char *
line_secret(const struct line *l)
{
	return to_utf8(l, 1);
}

void
line_secret_free(char *s)
{
	if (s != NULL)
		sodium_free(s);
}

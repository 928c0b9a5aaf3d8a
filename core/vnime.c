/*
 * vnime: Telex and VNI rendering (see vnime.h).
 *
 * A word is rebuilt from its raw keys as a list of letters — a base letter,
 * its case, a mark (circumflex, breve, horn, or đ's bar) — and one tone for
 * the word. Mark keys act on the vowel run of the word (the nucleus), not
 * only the previous letter; repeating a key that was just applied undoes it
 * and types the key itself. The tone is placed last, then the letters are
 * written as base + combining marks and composed to NFC by utf8proc.
 */
#include "vnime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "mem.h"

enum mark { M_NONE, M_HAT, M_BREVE, M_HORN, M_BAR };

struct letter {
	char base;		/* lower-case ASCII */
	int upper;
	enum mark mark;
	int paired;		/* its horn came with ơ's (uo + w -> ươ) */
};

struct word {
	struct letter l[VNIME_MAX_KEYS + 1];
	int n;
	int tone;		/* 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng */
	char undone;		/* a key whose effect was undone: it is literal now */
	int lone_w;		/* n just after a lone w made ư, else 0 */
};

int vnime_word_key(enum vnime_mode mode, int c)
{
	if (mode == VNIME_OFF)
		return 0;
	return isalpha(c) || (mode == VNIME_VNI && isdigit(c));
}

const char *vnime_mode_name(enum vnime_mode mode)
{
	return mode == VNIME_TELEX ? "Telex" : mode == VNIME_VNI ? "VNI" : "EN";
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static void add(struct word *w, char c)
{
	if (w->n >= VNIME_MAX_KEYS)
		return;
	w->l[w->n].base = (char)tolower((unsigned char)c);
	w->l[w->n].upper = isupper((unsigned char)c) != 0;
	w->l[w->n].mark = M_NONE;
	w->l[w->n].paired = 0;
	w->n++;
}

/* The vowel run of the word: [*s, *e). qu and gi (before a vowel) are
 * consonants. Returns 0 if there is no vowel. */
static int nucleus(const struct word *w, int *s, int *e)
{
	int i = 0;

	while (i < w->n && !is_vowel(w->l[i].base))
		i++;
	if (i == w->n)
		return 0;
	if (i > 0 && w->l[i].base == 'u' && w->l[i - 1].base == 'q' && i + 1 < w->n &&
	    is_vowel(w->l[i + 1].base))
		i++;
	else if (i > 0 && w->l[i].base == 'i' && w->l[i - 1].base == 'g' && i == 1 &&
		 i + 1 < w->n && is_vowel(w->l[i + 1].base))
		i++;
	*s = i;
	while (i < w->n && is_vowel(w->l[i].base))
		i++;
	*e = i;
	return 1;
}

/* Circumflex (aa, ee, oo / VNI 6): on the last a, e or o of the nucleus
 * (matching BASE unless BASE is 0). Returns 1 if applied, -1 if it undid
 * one, 0 if there is nothing to apply it to. */
static int hat(struct word *w, char base)
{
	int s, e;

	if (!nucleus(w, &s, &e))
		return 0;
	for (int i = e - 1; i >= s; i--) {
		char b = w->l[i].base;
		if ((base && b != base) || (b != 'a' && b != 'e' && b != 'o'))
			continue;
		if (w->l[i].mark == M_HAT) {
			w->l[i].mark = M_NONE;
			return -1;
		}
		if (w->l[i].mark != M_NONE)
			return 0;
		w->l[i].mark = M_HAT;
		return 1;
	}
	return 0;
}

/* Which letters of the nucleus a horn/breve key marks. */
static int horn_targets(const struct word *w, int s, int e, int horn_only, int t[2])
{
	char run[8] = "";
	int n = e - s;

	for (int i = 0; i < n && i < 7; i++)
		run[i] = w->l[s + i].base;
	if (n >= 2 && run[0] == 'u' && run[1] == 'o') {		/* ươ, ươi, ươu */
		t[0] = s;
		t[1] = s + 1;
		return 2;
	}
	if (!horn_only && strncmp(run, "oa", 2) == 0) {		/* oă: hoặc */
		t[0] = s + 1;
		return 1;
	}
	if (strcmp(run, "ua") == 0 || strcmp(run, "ui") == 0 || strcmp(run, "uu") == 0) {
		t[0] = s;					/* ưa, ưi, ưu */
		return 1;
	}
	if (strcmp(run, "oi") == 0) {				/* ơi */
		t[0] = s;
		return 1;
	}
	for (int i = e - 1; i >= s; i--) {
		char b = w->l[i].base;
		if (b == 'o' || b == 'u' || (!horn_only && b == 'a')) {
			t[0] = i;
			return 1;
		}
	}
	return 0;
}

/* Horn or breve (w / VNI 7, 8). Same returns as hat(). */
static int horn(struct word *w, int horn_only, int breve_only)
{
	int s, e, t[2], n;

	if (!nucleus(w, &s, &e))
		return 0;
	if (breve_only) {
		for (int i = e - 1; i >= s; i--)
			if (w->l[i].base == 'a') {
				if (w->l[i].mark == M_BREVE) {
					w->l[i].mark = M_NONE;
					return -1;
				}
				w->l[i].mark = M_BREVE;	/* â8 -> ă */
				return 1;
			}
		return 0;
	}
	n = horn_targets(w, s, e, horn_only, t);
	if (n == 0)
		return 0;
	{
		int have = 0;
		for (int k = 0; k < n; k++) {
			enum mark m = w->l[t[k]].base == 'a' ? M_BREVE : M_HORN;
			if (w->l[t[k]].mark == m)
				have++;
			else if (w->l[t[k]].mark != M_NONE && w->l[t[k]].mark != M_HAT)
				return 0;	/* a hat gives way: aaw -> ă, oow -> ơ */
		}
		/* all marked already: this key undoes them (uww -> uw) */
		if (have == n) {
			for (int k = 0; k < n; k++)
				w->l[t[k]].mark = M_NONE;
			return -1;
		}
	}
	w->l[t[0]].paired = n == 2 && w->l[t[0]].mark == M_NONE;
	for (int k = 0; k < n; k++)
		w->l[t[k]].mark = w->l[t[k]].base == 'a' ? M_BREVE : M_HORN;
	return 1;
}

/* Unikey's uơ: a w on "uo" that ends the word gives uơ (huơ, thuở); once
 * a letter follows, it is ươ (hương, thưởng, người). A u horned by its
 * own key (uw) keeps its horn. */
static void bare_uo(struct word *w)
{
	int s, e;

	if (nucleus(w, &s, &e) && e == w->n && e - s == 2 && w->l[s].base == 'u' &&
	    w->l[s + 1].base == 'o' && w->l[s].mark == M_HORN && w->l[s].paired &&
	    w->l[s + 1].mark == M_HORN)
		w->l[s].mark = M_NONE;
}

/* đ from the word's first d. Same returns as hat(). */
static int bar(struct word *w)
{
	if (w->n == 0 || w->l[0].base != 'd')
		return 0;
	if (w->l[0].mark == M_BAR) {
		w->l[0].mark = M_NONE;
		return -1;
	}
	w->l[0].mark = M_BAR;
	return 1;
}

static int has_vowel(const struct word *w)
{
	for (int i = 0; i < w->n; i++)
		if (is_vowel(w->l[i].base))
			return 1;
	return 0;
}

/* A tone key: set it, or undo it when repeated. */
static void tone(struct word *w, int t, char key)
{
	if (!has_vowel(w) || w->undone == key) {
		add(w, key);
		return;
	}
	if (w->tone == t) {
		w->tone = 0;
		w->undone = key;
		add(w, key);
		return;
	}
	w->tone = t;
}

/* Apply a mark key: R is what hat/horn/bar returned. */
static void marked(struct word *w, int r, char key)
{
	if (r == 1)
		return;
	if (r == -1)
		w->undone = key;
	add(w, key);
}

static void telex(struct word *w, char c)
{
	char lc = (char)tolower((unsigned char)c);
	static const char tones[] = "sfrxj";
	const char *tp = strchr(tones, lc);

	if (w->undone == lc && lc != 'w') {
		add(w, c);
		return;
	}
	if (tp != NULL && lc != '\0') {
		tone(w, (int)(tp - tones) + 1, c);
	} else if (lc == 'z' && w->tone) {
		w->tone = 0;
	} else if ((lc == 'a' || lc == 'e' || lc == 'o') && w->n > 0) {
		int r = hat(w, lc);
		if (r == 0)
			add(w, c);
		else
			marked(w, r, c);
	} else if (lc == 'w') {
		int r;
		if (w->undone == 'w') {
			add(w, c);
			return;
		}
		/* ww: the ư a lone w made goes back to w */
		if (w->lone_w == w->n && w->n > 0) {
			w->l[w->n - 1].base = 'w';
			w->l[w->n - 1].mark = M_NONE;
			w->undone = 'w';
			return;
		}
		r = horn(w, 0, 0);
		if (r == 0) {
			/* w alone is ư */
			add(w, 'u');
			w->l[w->n - 1].upper = isupper((unsigned char)c) != 0;
			w->l[w->n - 1].mark = M_HORN;
			w->lone_w = w->n;
			return;
		}
		marked(w, r, c);
	} else if (lc == 'd' && w->n > 0) {
		int r = bar(w);
		if (r == 0)
			add(w, c);
		else
			marked(w, r, c);
	} else {
		add(w, c);
	}
}

static void vni(struct word *w, char c)
{
	int r;

	if (w->undone == c) {
		add(w, c);
		return;
	}
	switch (c) {
	case '1': case '2': case '3': case '4': case '5':
		tone(w, c - '0', c);
		return;
	case '0':
		if (w->tone)
			w->tone = 0;
		else
			add(w, c);
		return;
	case '6': r = hat(w, 0); break;
	case '7': r = horn(w, 1, 0); break;
	case '8': r = horn(w, 0, 1); break;
	case '9': r = bar(w); break;
	default:
		add(w, c);
		return;
	}
	if (r == 0)
		add(w, c);
	else
		marked(w, r, c);
}

/* Where the tone goes (index into w->l), or -1. */
static int tone_place(const struct word *w)
{
	int s, e, n;

	if (!nucleus(w, &s, &e)) {
		return -1;
	}
	/* bare gi: the tone sits on i (gì) */
	if (s == 2 && w->n == 2 && w->l[0].base == 'g' && w->l[1].base == 'i')
		return 1;
	n = e - s;
	for (int i = e - 1; i >= s; i--)
		if (w->l[i].mark == M_HAT || w->l[i].mark == M_BREVE || w->l[i].mark == M_HORN) {
			/* ươ: on ơ; otherwise the marked vowel */
			return i;
		}
	if (n == 1)
		return s;
	if (n >= 3)
		return s + 1;
	return e < w->n ? s + 1 : s;
}

char *vnime_render(enum vnime_mode mode, const char *keys, size_t n, char *out, size_t size)
{
	static const char *const marks[] = { "", "\xcc\x82", "\xcc\x86", "\xcc\x9b", "" };
	static const char *const tones[] = { "", "\xcc\x81", "\xcc\x80", "\xcc\x89", "\xcc\x83",
					     "\xcc\xa3" };
	struct word w;
	char raw[8 * (VNIME_MAX_KEYS + 1)], *nfc;
	size_t len = 0;
	int at;

	memset(&w, 0, sizeof w);
	if (n > VNIME_MAX_KEYS)
		n = VNIME_MAX_KEYS;
	for (size_t i = 0; i < n; i++) {
		if (mode == VNIME_TELEX)
			telex(&w, keys[i]);
		else if (mode == VNIME_VNI)
			vni(&w, keys[i]);
		else
			add(&w, keys[i]);
	}
	bare_uo(&w);
	at = w.tone ? tone_place(&w) : -1;
	for (int i = 0; i < w.n; i++) {
		const struct letter *l = &w.l[i];
		if (l->mark == M_BAR) {
			memcpy(raw + len, l->upper ? "\xc4\x90" : "\xc4\x91", 2);
			len += 2;
		} else {
			raw[len++] = l->upper ? (char)toupper((unsigned char)l->base) : l->base;
			strcpy(raw + len, marks[l->mark]);
			len += strlen(marks[l->mark]);
		}
		if (i == at) {
			strcpy(raw + len, tones[w.tone]);
			len += strlen(tones[w.tone]);
		}
	}
	raw[len] = '\0';
	nfc = text_nfc(raw);
	snprintf(out, size, "%s", nfc ? nfc : raw);
	free(nfc);
	return out;
}

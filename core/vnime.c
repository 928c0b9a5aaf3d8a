/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vnime: Telex and VNI rendering (see vnime.h).
 *
 * A word is rebuilt from its raw keys as a list of letters — a base letter,
 * its case, a mark (circumflex, breve, horn, or đ's bar) — and one tone for
 * the word. Each key is applied in turn, as Unikey applies it:
 *
 *   - mark keys act on the vowel run of the word (the nucleus), not only
 *     the previous letter; repeating a key that was just applied undoes it
 *     and types the key itself (aaa -> aa, ass -> as);
 *   - the horn on u + o: after h, kh, th or at the word's start, with
 *     nothing after, it goes on o alone (huơ, thuở, uơ); anywhere else on
 *     both (ngươ, ươi). A second horn key turns uơ into ươ; on ươ it undoes.
 *     A half-horned uơ or ưo becomes ươ as soon as a letter follows that only
 *     ươ can take (i, u, or a final: c, m, n, p, t): hươu, người, thương;
 *   - only sắc and nặng sit on a syllable ending in c, ch, p or t; a huyền,
 *     hỏi or ngã key there is typed as a letter (tacf -> tacf).
 *
 * The tone is placed last, then the letters are written as base +
 * combining marks and composed to NFC by utf8proc.
 */
#include "vnime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"
#include "mem.h"

enum mark { M_NONE, M_HAT, M_BREVE, M_HORN, M_BAR };

struct letter {
	char base;		/* lower-case ASCII */
	int upper;
	enum mark mark;
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

/* Which letter of the nucleus a horn/breve key marks (u + o is
 * horn_uo's): 1 and its index in *T, or 0 if none. */
static int horn_targets(const struct word *w, int s, int e, int horn_only, int *t)
{
	char run[8] = "";
	int n = e - s;

	for (int i = 0; i < n && i < 7; i++)
		run[i] = w->l[s + i].base;
	if (!horn_only && strncmp(run, "oa", 2) == 0) {		/* oă: hoặc */
		*t = s + 1;
		return 1;
	}
	if (strcmp(run, "ua") == 0 || strcmp(run, "ui") == 0 || strcmp(run, "uu") == 0) {
		*t = s;					/* ưa, ưi, ưu */
		return 1;
	}
	if (strcmp(run, "oi") == 0) {				/* ơi */
		*t = s;
		return 1;
	}
	for (int i = e - 1; i >= s; i--) {
		char b = w->l[i].base;
		if (b == 'o' || b == 'u' || (!horn_only && b == 'a')) {
			*t = i;
			return 1;
		}
	}
	return 0;
}

/* The horn key on a nucleus [S, E) that starts with u or ư followed by o,
 * ô or ơ (Unikey's rule, see the top of the file). Same returns as hat(). */
static int horn_uo(struct word *w, int s, int e)
{
	struct letter *u = &w->l[s], *o = &w->l[s + 1];

	if (u->mark == M_HORN && o->mark == M_HORN) {	/* ươ: undo */
		u->mark = M_NONE;
		o->mark = M_NONE;
		return -1;
	}
	if (u->mark == M_HORN || o->mark == M_HORN) {	/* ưo, uơ -> ươ */
		u->mark = M_HORN;
		o->mark = M_HORN;
		return 1;
	}
	/* u + o or ô: uơ after h, kh, th or alone with nothing after, else ươ */
	if (e - s == 2 && e == w->n &&
	    (s == 0 || (s == 1 && w->l[0].base == 'h') ||
	     (s == 2 && (w->l[0].base == 'k' || w->l[0].base == 't') && w->l[1].base == 'h'))) {
		o->mark = M_HORN;
		return 1;
	}
	u->mark = M_HORN;
	o->mark = M_HORN;
	return 1;
}

/* Is the word q, or qu with nothing after? Its u belongs to the consonant:
 * a horn key there is typed as itself (quw, qu7), and so is a w that would
 * be ư alone (qw), as Unikey does. */
static int q_only(const struct word *w)
{
	return (w->n == 1 && w->l[0].base == 'q') ||
	    (w->n == 2 && w->l[0].base == 'q' && w->l[1].base == 'u' && w->l[1].mark == M_NONE);
}

/* Horn or breve (w / VNI 7, 8). Same returns as hat(). */
static int horn(struct word *w, int horn_only, int breve_only)
{
	int s, e, t;
	struct letter *l;
	enum mark m;

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
	if (q_only(w))
		return 0;
	if (e - s >= 2 && w->l[s].base == 'u' && w->l[s + 1].base == 'o')
		return horn_uo(w, s, e);
	if (!horn_targets(w, s, e, horn_only, &t))
		return 0;
	l = &w->l[t];
	m = l->base == 'a' ? M_BREVE : M_HORN;
	if (l->mark == m) {		/* marked already: this key undoes it (uww -> uw) */
		l->mark = M_NONE;
		return -1;
	}
	if (l->mark != M_NONE && l->mark != M_HAT)
		return 0;
	l->mark = m;			/* a hat gives way: aaw -> ă, oow -> ơ */
	return 1;
}

/* Before C is added as a letter of the word: a half-horned uơ or ưo ending
 * the word becomes ươ if C is a letter only ươ takes after it — i or u
 * (ươi, ươu) or the first letter of a final (c, m, n, p, t). */
static void complete_uo(struct word *w, char c)
{
	int s, e;
	char lc = (char)tolower((unsigned char)c);

	if (strchr("iucmnpt", lc) == NULL || !nucleus(w, &s, &e) || e != w->n || e - s != 2 ||
	    w->l[s].base != 'u' || w->l[s + 1].base != 'o')
		return;
	if ((w->l[s].mark == M_HORN) != (w->l[s + 1].mark == M_HORN)) {
		w->l[s].mark = M_HORN;
		w->l[s + 1].mark = M_HORN;
	}
}

/* Add C as a letter of the word, not as a key typed as itself. */
static void letter(struct word *w, char c)
{
	complete_uo(w, c);
	add(w, c);
}

static int has_vowel(const struct word *w);

/* đ: from the word's first d; in a word with no vowel yet (an
 * abbreviation: HĐND, ĐB), from the d just typed before the key — Telex
 * dd — or, in VNI, the last d of the word, as Unikey allows. Same
 * returns as hat(). */
static int bar(struct word *w, int vni)
{
	int t = -1;

	if (w->n > 0 && w->l[0].base == 'd')
		t = 0;
	if (w->n > 0 && !has_vowel(w)) {
		t = -1;
		for (int i = w->n - 1; i >= 0; i--)
			if (w->l[i].base == 'd') {
				t = i;
				break;
			} else if (!vni) {
				break;	/* Telex: only the d right before */
			}
	}
	if (t < 0)
		return 0;
	if (w->l[t].mark == M_BAR) {
		w->l[t].mark = M_NONE;
		return -1;
	}
	w->l[t].mark = M_BAR;
	return 1;
}

static int has_vowel(const struct word *w)
{
	for (int i = 0; i < w->n; i++)
		if (is_vowel(w->l[i].base))
			return 1;
	return 0;
}

/* What follows the vowels of the word: 0 nothing, 1 a final that takes
 * any tone (m, n, ng, nh), 2 a stop final (c, ch, p, t), -1 anything else
 * (the word is no Vietnamese syllable: a key typed as itself, say). */
static int final_kind(const struct word *w)
{
	static const char *const finals[] = { "m", "n", "ng", "nh", "c", "ch", "p", "t" };
	char f[3] = "";
	int s, e;

	if (!nucleus(w, &s, &e) || e == w->n)
		return 0;
	if (w->n - e > 2)
		return -1;
	for (int i = e; i < w->n; i++)
		f[i - e] = w->l[i].base;
	for (size_t i = 0; i < sizeof finals / sizeof finals[0]; i++)
		if (strcmp(f, finals[i]) == 0)
			return i < 4 ? 1 : 2;
	return -1;
}

/* A tone key: set it, or undo it when repeated. It is typed as itself
 * where no tone can go: before any vowel, after a letter that is no final,
 * and — huyền, hỏi, ngã — on a stop final (tacf; only sắc and nặng there). */
static void tone(struct word *w, int t, char key)
{
	int fin = final_kind(w);

	if (!has_vowel(w) || w->undone == key || fin < 0 ||
	    (fin == 2 && (t == 2 || t == 3 || t == 4))) {
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
			letter(w, c);
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
		if (r == 0 && (q_only(w) || (w->n > 0 && w->l[0].base == 'q' && !has_vowel(w)))) {
			add(w, c);		/* qw, quw, qww: w after q stays w */
			return;
		}
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
		int r = bar(w, 0);
		if (r == 0)
			add(w, c);
		else
			marked(w, r, c);
	} else {
		letter(w, c);
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
	case '9': r = bar(w, 1); break;
	default:
		letter(w, c);
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

size_t vnime_keys(enum vnime_mode mode, const char *word, char *keys, size_t max)
{
	utf8proc_uint8_t *nfd = NULL;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	char tone = 0, out[8 * VNIME_MAX_KEYS + 1], *nfc;
	size_t n = 0, room = max < VNIME_MAX_KEYS ? max : VNIME_MAX_KEYS;
	int ok = mode != VNIME_OFF, telex = mode == VNIME_TELEX;
	char base = 0;

	if (!ok || word == NULL || *word == '\0' ||
	    utf8proc_map((const utf8proc_uint8_t *)word, 0, &nfd,
	    (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE)) < 0)
		return 0;
	for (const utf8proc_uint8_t *p = nfd; ok && *p != '\0'; p += k) {
		char add[2] = { 0, 0 };
		size_t na = 1;

		if ((k = utf8proc_iterate(p, -1, &c)) < 0)
			break;
		switch (c) {
		case 0x0302: add[0] = telex ? base : '6'; break;	/* â ê ô */
		case 0x0306: add[0] = telex ? 'w' : '8'; break;	/* ă */
		case 0x031b: add[0] = telex ? 'w' : '7'; break;	/* ơ ư */
		case 0x0300: ok = !tone; tone = telex ? 'f' : '2'; na = 0; break;
		case 0x0301: ok = !tone; tone = telex ? 's' : '1'; na = 0; break;
		case 0x0309: ok = !tone; tone = telex ? 'r' : '3'; na = 0; break;
		case 0x0303: ok = !tone; tone = telex ? 'x' : '4'; na = 0; break;
		case 0x0323: ok = !tone; tone = telex ? 'j' : '5'; na = 0; break;
		case 0x0110: case 0x0111:				/* đ */
			add[0] = c == 0x0110 ? 'D' : 'd';
			add[1] = telex ? add[0] : '9';
			na = 2;
			base = 0;
			break;
		default:
			if (c >= 0x80 || c <= 0x20) {
				ok = 0;
				break;
			}
			add[0] = base = (char)c;
		}
		if (ok && na > 0 && add[0] == 0)
			ok = 0;		/* a mark on no letter */
		if (ok && n + na > room)
			ok = 0;
		for (size_t i = 0; ok && i < na; i++)
			keys[n++] = add[i];
	}
	free(nfd);
	if (ok && tone) {
		if (n + 1 > room)
			ok = 0;
		else
			keys[n++] = tone;
	}
	if (!ok || n == 0)
		return 0;
	/* the keys must type the word exactly */
	vnime_render(mode, keys, n, out, sizeof out);
	nfc = text_nfc(word);
	ok = nfc != NULL && strcmp(out, nfc) == 0;
	free(nfc);
	return ok ? n : 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.c: NFC, accent folding and widths (see text.h).
 */
#include "text.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

static int
valid(const char *s, int lines)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	while (*p != '\0') {
		n = utf8proc_iterate(p, -1, &c);
		if (n < 0)
			return 0;
		if ((c < 0x20 && c != '\t' && !(lines && (c == '\n' || c == '\r'))) ||
		    (c >= 0x7f && c < 0xa0))
			return 0;
		p += n;
	}
	return 1;
}

char *
text_safe(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	while (*p != '\0') {
		n = utf8proc_iterate(p, -1, &c);
		if (n < 0) {
			*o++ = '?';
			p++;
			continue;
		}
		if (c < 0x20 || (c >= 0x7f && c < 0xa0))
			*o++ = '?';
		else {
			memcpy(o, p, (size_t)n);
			o += n;
		}
		p += n;
	}
	*o = '\0';
	return out;
}

/* A mark that belongs to the character before it: combining marks (Mn, Mc,
 * Me) and the zero-width joiner. */
static int
joins_previous(utf8proc_int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ||
	    k == UTF8PROC_CATEGORY_ME || c == 0x200d;
}

char *
text_quote_n(char *out, size_t size, const char *s, size_t chars)
{
	static const char ell[] = "\xe2\x80\xa6";	/* … */
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s != NULL ? s : "");
	size_t o = 0, kept = 0, base = 0; /* base: where the last letter began */
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int cut = 0;

	if (size == 0)
		return out;
	while (*p != '\0') {
		const utf8proc_uint8_t *ch = p;
		size_t len;

		n = utf8proc_iterate(p, -1, &c);
		if (n < 0 || c < 0x20 || (c >= 0x7f && c < 0xa0)) {
			ch = (const utf8proc_uint8_t *)"?";
			len = 1;
			c = '?';
			n = n < 0 ? 1 : n;
		} else {
			len = (size_t)n;
		}
		/* room for this character, and for "…" and the NUL after it */
		if (kept == chars || o + len + sizeof ell > size) {
			cut = 1;
			/* a mark left out takes its letter with it */
			if (joins_previous(c))
				o = base;
			break;
		}
		if (!joins_previous(c))
			base = o;
		memcpy(out + o, ch, len);
		o += len;
		kept++;
		p += n;
	}
	if (cut && o + sizeof ell <= size) {
		memcpy(out + o, ell, sizeof ell);
		return out;
	}
	out[o] = '\0';
	return out;
}

const char *
text_quote(const char *s)
{
	static _Thread_local char ring[TEXT_QUOTE_RING][TEXT_QUOTE_CHARS * 4 + 4];
	static _Thread_local unsigned next;
	char *out = ring[next++ % TEXT_QUOTE_RING];

	return text_quote_n(out, sizeof ring[0], s, TEXT_QUOTE_CHARS);
}

int
text_valid(const char *s)
{
	return valid(s, 0);
}

int
text_valid_lines(const char *s)
{
	return valid(s, 1);
}

static char *
text_map(const char *s, int options)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	    (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE | options));
	if (n < 0)
		return NULL;
	if (out == NULL)
		return xstrdup("");
	return (char *)out;
}

char *
text_nfc(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	/* Text made only of characters that are their own NFC and never
	 * compose with a neighbour is its own NFC: ASCII (numbers, codes: most
	 * values), U+0080-U+02FF (Latin-1, Latin Extended-A/B: ơ, ư, đ, à, é)
	 * and U+1EA0-U+1EF9 (Vietnamese letters with two marks: ạ, ấ, ồ, ữ).
	 * Recognized by their exact UTF-8 bytes; anything else (a combining
	 * mark, another script, bytes that are not UTF-8) goes to utf8proc.
	 * Import normalizes every value, already NFC as the device wrote it;
	 * check-text.c compares every pair of these characters to utf8proc. */
	for (;;) {
		if (p[0] != '\0' && p[0] < 0x80)
			p++;
		else if (p[0] >= 0xc2 && p[0] <= 0xcb && (p[1] & 0xc0) == 0x80)
			p += 2;		/* U+0080-U+02FF */
		else if (p[0] == 0xe1 && ((p[1] == 0xba && p[2] >= 0xa0 && p[2] <= 0xbf) ||
		    (p[1] == 0xbb && p[2] >= 0x80 && p[2] <= 0xb9)))
			p += 3;		/* U+1EA0-U+1EF9 */
		else
			break;
	}
	if (*p == '\0')
		return xstrdup(s);
	return text_map(s, UTF8PROC_COMPOSE);
}

char *
text_fold(const char *s)
{
	char *f = text_map(s, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	char *r, *w;

	if (f == NULL)
		return NULL;
	/* đ (U+0111, C4 91) and Đ (folded to đ already) have no decomposition;
	 * nor has ð (U+00F0, C3 B0; Ð folds to it), the đ of older encodings. */
	for (r = w = f; *r != '\0';) {
		if (((unsigned char)r[0] == 0xc4 && (unsigned char)r[1] == 0x91) ||
		    ((unsigned char)r[0] == 0xc3 && (unsigned char)r[1] == 0xb0)) {
			*w++ = 'd';
			r += 2;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return f;
}

char *
text_name(const char *s)
{
	char *n = text_nfc(s), *out;
	const utf8proc_uint8_t *p;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t len = 0;
	int space = 0;

	if (n == NULL)
		return NULL;
	out = xmalloc(strlen(n) + 2);	/* Ð, ð (2 bytes) become Đ, đ (2 bytes) */
	for (p = (const utf8proc_uint8_t *)n; *p != '\0'; p += k) {
		k = utf8proc_iterate(p, -1, &c);
		if (k < 0)
			break;	/* not reached: text_nfc checked */
		if (c == '\t' || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS) {
			space = len > 0;
			continue;
		}
		if (space)
			out[len++] = ' ';
		space = 0;
		if (c == 0x00d0)
			c = 0x0110;
		else if (c == 0x00f0)
			c = 0x0111;
		len += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + len);
	}
	out[len] = '\0';
	free(n);
	return out;
}

char *
text_slug(const char *s)
{
	char *f = text_fold(s);
	char *w, *r;
	int dash = 0;

	if (f == NULL)
		return NULL;
	for (r = w = f; *r != '\0'; r++) {
		unsigned char c = (unsigned char)*r;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && w != f)
				*w++ = '-';
			*w++ = (char)c;
			dash = 0;
		} else
			dash = 1;
	}
	*w = '\0';
	if (*f == '\0') {
		free(f);
		return NULL;
	}
	return f;
}

int
text_match(const char *hay, const char *needle)
{
	char *h = text_fold(hay), *n = text_fold(needle), *w, *save = NULL;
	int r = (h != NULL && n != NULL);

	/* every word of the needle, anywhere in the hay */
	for (w = r ? strtok_r(n, " \t", &save) : NULL; w != NULL && r; w = strtok_r(NULL, " \t",
	    &save))
		r = strstr(h, w) != NULL;
	free(h);
	free(n);
	return r;
}

int
text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int w = 0, cw;

	while (*p != '\0') {
		n = utf8proc_iterate(p, -1, &c);
		if (n < 0) {
			p++;
			w++;
			continue;
		}
		cw = utf8proc_charwidth(c);
		w += cw > 0 ? cw : 0;
		p += n;
	}
	return w;
}

void
text_cut(char *s, int cols)
{
	int w = 0;

	for (char *p = s; *p; ) {
		char ch[8];
		int n = 1;
		while (p[n] && (p[n] & 0xc0) == 0x80 && n < 7)
			n++;
		memcpy(ch, p, (size_t)n);
		ch[n] = '\0';
		w += text_width(ch);
		if (w > cols) {
			*p = '\0';
			return;
		}
		p += n;
	}
}

char *
text_pad(char *buf, size_t size, const char *text, int width)
{
	int w;
	size_t n;

	if (size == 0)
		return buf;
	snprintf(buf, size, "%s", text);
	/* snprintf may have cut inside a character: drop what is left of it */
	n = strlen(buf);
	if (n + 1 == size) {
		size_t k = n;
		while (k > 0 && ((unsigned char)buf[k - 1] & 0xc0) == 0x80)
			k--;
		if (k > 0) {
			unsigned char lead = (unsigned char)buf[k - 1];
			size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
			if (n - (k - 1) < need)
				buf[k - 1] = '\0';
		}
	}
	if (text_width(buf) >= width)
		text_cut(buf, width - 1);
	w = text_width(buf);
	for (n = strlen(buf); w < width && n + 1 < size; w++, n++) {
		buf[n] = ' ';
		buf[n + 1] = '\0';
	}
	return buf;
}

/*
 * Sort keys. The text is decomposed (NFD) and read as elements: a base
 * character with the marks that follow it. A base gives one primary weight
 * (4 bytes: a tier, then the order within it), one secondary byte (common)
 * and one tertiary byte (its case); each mark that is not part of a
 * Vietnamese letter (ă â ê ô ơ ư) gives one secondary byte. The key is
 * primaries 00 secondaries 00 tertiaries 00 NFD-text: every weight byte
 * that starts a level's unit is above 00, so a text that runs out first
 * sorts first at that level.
 */
enum {
	TIER_SPACE = 1, TIER_PUNCT, TIER_DIGIT, TIER_LETTER, TIER_OTHER,
	SEC_COMMON = 0x05, SEC_TONE = 0x10, SEC_MARK = 0x20, SEC_OTHER = 0xf0,
	TER_LOWER = 0x05, TER_UPPER = 0x06,
};

/* The Vietnamese alphabet as the order of tier TIER_LETTER, with the 4
 * Latin letters it does not use (f j w z) where Latin has them:
 * a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z. */
static const utf8proc_int32_t vi_letters[] = {
	'a', 0x0103, 0x00e2, 'b', 'c', 'd', 0x0111, 'e', 0x00ea, 'f', 'g', 'h', 'i', 'j', 'k',
	'l', 'm', 'n', 'o', 0x00f4, 0x01a1, 'p', 'q', 'r', 's', 't', 'u', 0x01b0, 'v', 'w',
	'x', 'y', 'z',
};

/* Position in vi_letters of lower-case C, or -1. */
static int
letter_index(utf8proc_int32_t c)
{
	for (int i = 0; i < (int)(sizeof vi_letters / sizeof vi_letters[0]); i++)
		if (vi_letters[i] == c)
			return i;
	return -1;
}

/* The Vietnamese letter made of lower-case base B and mark M (breve,
 * circumflex, horn), or 0. */
static utf8proc_int32_t
vi_letter(utf8proc_int32_t b, utf8proc_int32_t m)
{
	switch (m) {
	case 0x0306: return b == 'a' ? 0x0103 : 0;			/* ă */
	case 0x0302: return b == 'a' ? 0x00e2 : b == 'e' ? 0x00ea :	/* â ê */
	    b == 'o' ? 0x00f4 : 0;					/* ô */
	case 0x031b: return b == 'o' ? 0x01a1 : b == 'u' ? 0x01b0 : 0;	/* ơ ư */
	default: return 0;
	}
}

static unsigned char
mark_weight(utf8proc_int32_t m)
{
	switch (m) {
	case 0x0300: return SEC_TONE;		/* huyền */
	case 0x0309: return SEC_TONE + 1;	/* hỏi */
	case 0x0303: return SEC_TONE + 2;	/* ngã */
	case 0x0301: return SEC_TONE + 3;	/* sắc */
	case 0x0323: return SEC_TONE + 4;	/* nặng */
	default:
		return m >= 0x0300 && m < 0x0370 ? (unsigned char)(SEC_MARK + (m - 0x0300)) :
		    SEC_OTHER;
	}
}

static int
is_mark(utf8proc_int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ||
	    k == UTF8PROC_CATEGORY_ME;
}

static void
put_primary(unsigned char *p, int tier, utf8proc_int32_t order)
{
	p[0] = (unsigned char)tier;
	p[1] = (unsigned char)(order >> 16);
	p[2] = (unsigned char)(order >> 8);
	p[3] = (unsigned char)order;
}

unsigned char *
text_sort_key(const char *s, size_t *len)
{
	char *nfd = text_map(s, UTF8PROC_DECOMPOSE);
	utf8proc_int32_t *cp;
	unsigned char *key, *pri, *sec, *ter;
	size_t ncp = 0, np = 0, ns = 0, nt = 0, nb, i, j, used;
	const utf8proc_uint8_t *p;
	utf8proc_ssize_t n;

	if (nfd == NULL)
		return NULL;
	nb = strlen(nfd);
	cp = xcalloc(nb + 1, sizeof *cp);
	for (p = (const utf8proc_uint8_t *)nfd; *p != '\0'; p += n)
	{
		n = utf8proc_iterate(p, -1, &cp[ncp]);	/* valid: text_map checked */
		/* Ð, ð: the Đ, đ of older encodings */
		cp[ncp] = cp[ncp] == 0x00d0 ? 0x0110 : cp[ncp] == 0x00f0 ? 0x0111 : cp[ncp];
		ncp++;
	}
	/* at most 2 elements a character (a number adds its length) */
	pri = xmalloc(8 * ncp + 1);
	sec = xmalloc(2 * ncp + 1);
	ter = xmalloc(2 * ncp + 1);
	for (i = 0; i < ncp; i = j) {
		utf8proc_int32_t c = cp[i], lc = utf8proc_tolower(c), made = 0;
		utf8proc_category_t k = utf8proc_category(c);
		int li;

		j = i + 1;
		if (is_mark(c)) {	/* a mark with no base: accent weight only */
			sec[ns++] = mark_weight(c);
			continue;
		}
		/* a Vietnamese letter takes the first breve, circumflex or horn
		 * (NFD may put a tone first: ặ is a, dot below, breve) */
		used = 0;
		for (size_t m = j; m < ncp && is_mark(cp[m]) && made == 0; m++)
			if ((made = vi_letter(lc, cp[m])) != 0)
				used = m;	/* part of the letter: no accent weight */
		if ((li = letter_index(made ? made : lc)) >= 0)
			put_primary(pri + np, TIER_LETTER, li);
		else if (c >= '0' && c <= '9') {
			/* a number by its value (CLDR's numeric option): its count
			 * of digits, leading zeros left out, then the digits */
			size_t z = i, e;
			while (z + 1 < ncp && cp[z] == '0' && cp[z + 1] >= '0' && cp[z + 1] <= '9')
				z++;
			for (e = z; e < ncp && cp[e] >= '0' && cp[e] <= '9'; e++)
				;
			put_primary(pri + np, TIER_DIGIT, (utf8proc_int32_t)(e - z));
			for (; z < e; z++) {
				np += 4;
				put_primary(pri + np, TIER_DIGIT, 0x10 + cp[z] - '0');
				sec[ns++] = SEC_COMMON;
				ter[nt++] = TER_LOWER;
			}
			j = e;
		} else if (k == UTF8PROC_CATEGORY_ZS || c == '\t' || c == '\n' || c == '\r')
			put_primary(pri + np, TIER_SPACE, c);
		else if (k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_SO)
			put_primary(pri + np, TIER_PUNCT, c);
		else
			put_primary(pri + np, TIER_OTHER, lc);
		np += 4;
		sec[ns++] = SEC_COMMON;
		ter[nt++] = lc != c ? TER_UPPER : TER_LOWER;
		for (; j < ncp && is_mark(cp[j]); j++)
			if (j != used)
				sec[ns++] = mark_weight(cp[j]);
	}
	*len = np + 1 + ns + 1 + nt + 1 + nb;
	key = xmalloc(*len + 1);
	memcpy(key, pri, np);
	key[np] = 0;
	memcpy(key + np + 1, sec, ns);
	key[np + 1 + ns] = 0;
	memcpy(key + np + 1 + ns + 1, ter, nt);
	key[np + 1 + ns + 1 + nt] = 0;
	memcpy(key + np + 1 + ns + 1 + nt + 1, nfd, nb);
	free(pri);
	free(sec);
	free(ter);
	free(cp);
	free(nfd);
	return key;
}

int
text_collate(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	unsigned char *ka = text_sort_key(a, &la), *kb = text_sort_key(b, &lb);
	int r;

	if (ka == NULL || kb == NULL)
		r = ka != NULL ? -1 : kb != NULL ? 1 : strcmp(a, b);
	else {
		r = memcmp(ka, kb, la < lb ? la : lb);
		if (r == 0)
			r = la < lb ? -1 : la > lb;
	}
	free(ka);
	free(kb);
	return r < 0 ? -1 : r > 0;
}

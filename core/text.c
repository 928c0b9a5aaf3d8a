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
		if ((c < 0x20 && c != '\t' && !(lines && (c == '\n' || c == '\r'))) || c == 0x7f)
			return 0;
		p += n;
	}
	return 1;
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
	return text_map(s, UTF8PROC_COMPOSE);
}

char *
text_fold(const char *s)
{
	char *f = text_map(s, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	char *r, *w;

	if (f == NULL)
		return NULL;
	/* đ (U+0111, C4 91) and Đ (folded to đ already) have no decomposition. */
	for (r = w = f; *r != '\0';) {
		if ((unsigned char)r[0] == 0xc4 && (unsigned char)r[1] == 0x91) {
			*w++ = 'd';
			r += 2;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return f;
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

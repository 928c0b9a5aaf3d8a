/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * num.c: the one reader of typed numbers (see num.h for the rules). The
 * text is cut into runs of digits joined by single separators ('.', ',' or
 * ' '); the separators' kinds and the runs' lengths decide what each one
 * means, and only then is the canonical "123.45" handed to strtod, so that
 * strtod never sees hex, exponents, "inf" or a locale's decimal mark.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "../core/text.h"

#define NUM_MAX_RUNS 8
#define NUM_MAX_DIGITS 30

struct run {
	const char *at;
	size_t len;
};

/* Runs R[0..N) grouped in thousands: the first 1..3 digits (not starting
 * with 0 unless it is the only run), every other exactly 3. */
static bool grouped(const struct run *r, size_t n)
{
	if (n < 2)
		return true;
	if (r[0].len < 1 || r[0].len > 3 || r[0].at[0] == '0')
		return false;
	for (size_t i = 1; i < n; i++)
		if (r[i].len != 3)
			return false;
	return true;
}

/* Append runs R[0..N) to BUF at *AT; false when too long. */
static bool append(char *buf, size_t *at, const struct run *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (*at + r[i].len >= NUM_MAX_DIGITS)
			return false;
		memcpy(buf + *at, r[i].at, r[i].len);
		*at += r[i].len;
	}
	buf[*at] = '\0';
	return true;
}

static enum err bad(const char *text, bool whole, char **cause)
{
	if (whole)
		return err_set(cause, ERR_INVALID, TR("\"%s\" không phải số nguyên",
						      "\"%s\" is not a whole number"), text_quote(text));
	return err_set(cause, ERR_INVALID, TR("\"%s\" không phải số (ví dụ 12,5)",
					      "\"%s\" is not a number (e.g. 12.5)"), text_quote(text));
}

/* "15.000" or "1.234" typed into a decimal field: say both readings. */
static enum err ambiguous(const char *text, bool neg, const struct run *r, char **cause)
{
	char head[8], tail[8], thousands[16], point[24], plain[24];
	const char *sign = neg ? "-" : "";
	size_t z = 0;

	snprintf(head, sizeof head, "%.*s", (int)r[0].len, r[0].at);
	while (z < 2 && r[1].at[z] == '0')
		z++;
	snprintf(tail, sizeof tail, "%.*s", (int)(3 - z), r[1].at + z);
	snprintf(thousands, sizeof thousands, "%s%s%.3s", sign, head, r[1].at);
	if (strcmp(tail, "0") == 0) {
		snprintf(point, sizeof point, "%s%s", sign, head);
		snprintf(plain, sizeof plain, "%s%s,0", sign, head);
		return err_set(cause, ERR_INVALID,
			       TR("\"%s\" chưa rõ: %s%s nghìn thì ghi %s, %s thì ghi %s hoặc %s",
				  "\"%s\" is ambiguous: for %s%s thousand write %s, for %s write %s "
				  "or %s"), text, sign, head, thousands, point, point, plain);
	}
	/* the decimal reading without its trailing zeros: 1.230 -> 1,23 */
	snprintf(point, sizeof point, "%s%s,%.3s", sign, head, r[1].at);
	for (size_t n = strlen(point); point[n - 1] == '0'; n--)
		point[n - 1] = '\0';
	return err_set(cause, ERR_INVALID,
		       TR("\"%s\" chưa rõ: %s%s nghìn %s thì ghi %s, %s thì ghi %s",
			  "\"%s\" is ambiguous: for %s%s thousand %s write %s, for %s write %s"),
		       text, sign, head, tail, thousands, point, point);
}

enum err num_read(const char *text, bool whole, double *out, char **cause)
{
	struct run r[NUM_MAX_RUNS];
	char buf[NUM_MAX_DIGITS + 2];
	size_t n = 0, at = 0, comma = 0, ncomma = 0, ndot = 0, nspace = 0, frac = 0;
	const char *t = text;
	bool neg = false;
	char *end;
	double x;

	if (*t == '-') {
		neg = true;
		t++;
	}
	/* digit runs joined by single separators, nothing else */
	for (;;) {
		const char *s = t;

		while (isdigit((unsigned char)*t))
			t++;
		if (t == s || n == NUM_MAX_RUNS)
			return bad(text, whole, cause);
		r[n].at = s;
		r[n].len = (size_t)(t - s);
		n++;
		if (*t == '\0')
			break;
		if (*t != '.' && *t != ',' && *t != ' ')
			return bad(text, whole, cause);
		if (*t == ',') {
			ncomma++;
			comma = n;	/* runs before the comma */
		} else if (*t == '.') {
			ndot++;
		} else {
			nspace++;
		}
		t++;
	}
	/* one decimal comma, last; thousands by dots or by spaces, not both */
	if (ncomma > 1 || (ncomma == 1 && comma != n - 1) || (ndot > 0 && nspace > 0))
		return bad(text, whole, cause);
	if (ncomma == 1) {
		if (!grouped(r, comma))
			return bad(text, whole, cause);
		frac = 1;
	} else if (ndot == 1 && n == 2 && !grouped(r, 2)) {
		/* "1.5", "0.25", "1234.5", "0.250": a decimal point */
		frac = 1;
	} else if (ndot == 1 && n == 2 && !whole) {
		return ambiguous(text, neg, r, cause);
	} else if (!grouped(r, n)) {
		return bad(text, whole, cause);
	}
	buf[at++] = neg ? '-' : '+';
	if (!append(buf, &at, r, n - frac))
		return bad(text, whole, cause);
	if (frac) {
		buf[at++] = '.';
		if (!append(buf, &at, r + n - 1, 1))
			return bad(text, whole, cause);
	}
	x = strtod(buf, &end);
	if (*end != '\0' || !isfinite(x) || fabs(x) >= 1e15)
		return err_set(cause, ERR_INVALID, TR("\"%s\" lớn quá (tối đa 15 chữ số)",
						      "\"%s\" is too large (15 digits at most)"),
			       text);
	if (whole && x != floor(x))
		return bad(text, whole, cause);
	*out = x == 0 ? 0.0 : x;
	return ERR_OK;
}

bool num_canonical(const char *text, double *out)
{
	const char *t = text + (*text == '-');
	size_t before = 0, after = 0;
	char *end;
	double x;

	while (isdigit((unsigned char)t[before]))
		before++;
	if (before == 0)
		return false;
	if (t[before] == '.') {
		while (isdigit((unsigned char)t[before + 1 + after]))
			after++;
		if (after == 0)
			return false;
		before += 1 + after;
	}
	if (t[before] != '\0')
		return false;
	x = strtod(text, &end);
	if (*end != '\0' || !isfinite(x) || fabs(x) >= 1e15)
		return false;
	*out = x == 0 ? 0.0 : x;
	return true;
}

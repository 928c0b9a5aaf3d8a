/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cal: civil dates and working days (see cal.h).
 *
 * Day numbers use the classic era-based conversion between a civil date
 * and a day count (400-year eras of 146097 days, March-based years so that
 * the leap day falls at the end of the year).
 */
#include "cal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"

long date_from_ymd(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;			/* [0, 399] */
	long mp = (m + 9) % 12;				/* March = 0 */
	long doy = (153 * mp + 2) / 5 + d - 1;		/* [0, 365] */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(long days, int *y, int *m, int *d)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : dm[m - 1];
}

bool date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

int date_weekday(long days)
{
	/* 1970-01-01 was a Thursday (4). */
	long w = (days + 3) % 7;
	if (w < 0)
		w += 7;
	return (int)w + 1;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool parse_ymd(const char *s, int *y, int *m, int *d)
{
	return digits(s, 4, y) && s[4] == '-' && digits(s + 5, 2, m) && s[7] == '-' &&
	       digits(s + 8, 2, d) && date_valid(*y, *m, *d);
}

bool date_parse(const char *s, long *days)
{
	int y, m, d;
	if (strlen(s) != 10 || !parse_ymd(s, &y, &m, &d))
		return false;
	*days = date_from_ymd(y, m, d);
	return true;
}

const char *date_format(long days, char *buf, size_t size)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return buf;
}

bool moment_parse(const char *s, long *minutes)
{
	int y, m, d, hh, mm;
	if (strlen(s) != 16 || !parse_ymd(s, &y, &m, &d) || (s[10] != ' ' && s[10] != 'T') ||
	    !digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm) || hh > 23 ||
	    mm > 59)
		return false;
	*minutes = date_from_ymd(y, m, d) * MINUTES_PER_DAY + hh * 60 + mm;
	return true;
}

/* Up to MAX digits at *S (at least one); advances *S. */
static bool some_digits(const char **s, int max, int *out, int *n)
{
	int v = 0, k = 0;
	while (k < max && **s >= '0' && **s <= '9')
		v = v * 10 + (*(*s)++ - '0'), k++;
	*out = v;
	*n = k;
	return k > 0;
}

/* A date as typed at the start of S: "2026-11-23" or "23/11/2026" (day and
 * month of one or two digits, the year whole); advances *S past it. */
static bool read_date_at(const char **s, long *day)
{
	const char *t = *s;
	int d, m, y, n;

	if (strlen(t) >= 10 && t[4] == '-' && parse_ymd(t, &y, &m, &d)) {
		*s = t + 10;
		*day = date_from_ymd(y, m, d);
		return true;
	}
	if (!some_digits(&t, 2, &d, &n) || *t++ != '/' || !some_digits(&t, 2, &m, &n) ||
	    *t++ != '/' || !some_digits(&t, 4, &y, &n) || n != 4 || y < 1900 ||
	    (*t >= '0' && *t <= '9') || !date_valid(y, m, d))
		return false;
	*s = t;
	*day = date_from_ymd(y, m, d);
	return true;
}

bool date_read(const char *s, long *day)
{
	return read_date_at(&s, day) && *s == '\0';
}

bool time_read(const char *s, int *minute)
{
	int h, m = 0, nh, nm = 0;
	char sep;

	if (!some_digits(&s, 2, &h, &nh))
		return false;
	sep = *s;
	if (sep != ':' && sep != 'h' && sep != 'H' && sep != 'g' && sep != '.')
		return false;
	s++;
	some_digits(&s, 2, &m, &nm);
	/* "14h" is 14:00; "14:" and "14:3" are not finished */
	if (*s != '\0' || nm == 1 || (nm == 0 && sep == ':') ||
	    h > 23 || m > 59)
		return false;
	*minute = h * 60 + m;
	return true;
}

bool moment_read(const char *s, long *minutes)
{
	long day;
	int minute;

	while (*s == ' ')
		s++;
	if (!read_date_at(&s, &day) || (*s != ' ' && *s != 'T'))
		return false;
	while (*s == ' ' || *s == 'T')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	char t[8];
	if (n == 0 || n >= sizeof t)
		return false;
	memcpy(t, s, n);
	t[n] = '\0';
	if (!time_read(t, &minute))
		return false;
	*minutes = day * MINUTES_PER_DAY + minute;
	return true;
}

const char *moment_format(long minutes, char *buf, size_t size)
{
	long day = minutes >= 0 ? minutes / MINUTES_PER_DAY
				: -((-minutes + MINUTES_PER_DAY - 1) / MINUTES_PER_DAY);
	long rest = minutes - day * MINUTES_PER_DAY;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02dT%02ld:%02ld", y, m, d, rest / 60, rest % 60);
	return buf;
}

long moment_from_unix(long long secs)
{
	time_t t = (time_t)secs;
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long)(secs / 60);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * MINUTES_PER_DAY +
	       tm.tm_hour * 60 + tm.tm_min;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static void add_sorted(long **arr, size_t *n, long day)
{
	if (*n > 0 && bsearch(&day, *arr, *n, sizeof **arr, cmp_long) != NULL)
		return;
	*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = day;
	qsort(*arr, *n, sizeof **arr, cmp_long);
}

static void cover(struct cal *c, long day)
{
	if (c->noff + c->non == 0 || day < c->first)
		c->first = day;
	if (c->noff + c->non == 0 || day > c->last)
		c->last = day;
}

void cal_add_holiday(struct cal *c, long day)
{
	cover(c, day);
	add_sorted(&c->off, &c->noff, day);
}

void cal_add_workday(struct cal *c, long day)
{
	cover(c, day);
	add_sorted(&c->on, &c->non, day);
}

void cal_free(struct cal *c)
{
	free(c->off);
	free(c->on);
	memset(c, 0, sizeof *c);
}

bool cal_is_workday(const struct cal *c, long day)
{
	if (c != NULL && c->non && bsearch(&day, c->on, c->non, sizeof day, cmp_long))
		return true;
	if (date_weekday(day) >= 6)
		return false;
	return c == NULL || c->noff == 0 ||
	       bsearch(&day, c->off, c->noff, sizeof day, cmp_long) == NULL;
}

long cal_add_workdays(const struct cal *c, long day, int n)
{
	while (n > 0) {
		day++;
		if (cal_is_workday(c, day))
			n--;
	}
	return day;
}

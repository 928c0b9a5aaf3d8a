/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cal: civil dates and the working-day calendar.
 *
 * Dates are days since 1970-01-01 in the proleptic Gregorian calendar;
 * moments are minutes since 1970-01-01 00:00 local time (the commune's wall
 * clock: reports are due "before 15:00 Friday", never in UTC).
 *
 * Working days are Monday to Friday, minus the holidays loaded into a
 * struct cal (forms/catalog/holidays.yaml ships Viet Nam's public holidays
 * for 2026 and 2027), plus the Saturdays or Sundays declared as make-up
 * working days.
 */
#ifndef BAOCAO_CAL_H
#define BAOCAO_CAL_H

#include <stdbool.h>
#include <stddef.h>

#define MINUTES_PER_DAY 1440L

long date_from_ymd(int y, int m, int d);
void date_to_ymd(long days, int *y, int *m, int *d);
bool date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* 1 = Monday ... 7 = Sunday */
int date_weekday(long days);
/* Parse exactly "YYYY-MM-DD"; false if it is not a real date. */
bool date_parse(const char *s, long *days);
/* "YYYY-MM-DD" into BUF (at least 11 bytes). */
const char *date_format(long days, char *buf, size_t size);
/* Parse "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" into minutes. */
bool moment_parse(const char *s, long *minutes);
/* What people type, the one reader of it everywhere (form fields, the
 * incident and request prompts): dates "23/11/2026" (or "2026-11-23"; the
 * year whole), times "14:30", "7:05", "14h30", "14h", "14g30", "14.30",
 * moments a date, spaces or "T", a time ("23/11/2026 14h30"). False for
 * anything else, trailing text included; never a partial value. */
bool date_read(const char *s, long *day);
bool time_read(const char *s, int *minute);
bool moment_read(const char *s, long *minutes);
/* "YYYY-MM-DDTHH:MM" into BUF (at least 17 bytes). */
const char *moment_format(long minutes, char *buf, size_t size);

/* Local wall-clock minutes for a Unix time (seconds). */
long moment_from_unix(long long secs);

struct cal {
	long *off;	/* sorted holiday dates */
	size_t noff;
	long *on;	/* sorted make-up working days (weekend days worked) */
	size_t non;
	long first, last;	/* dates the list covers (inclusive); 0,0 if none */
};

/* Add a holiday or a make-up working day. */
void cal_add_holiday(struct cal *c, long day);
void cal_add_workday(struct cal *c, long day);
void cal_free(struct cal *c);
bool cal_is_workday(const struct cal *c, long day);
/* The day that is N working days after DAY (DAY itself not counted);
 * N = 0 gives DAY. */
long cal_add_workdays(const struct cal *c, long day, int n);

#endif

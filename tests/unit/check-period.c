/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-period.c: period ids, the calendar arithmetic under them, and every
 * deadline rule the seeds write, table-driven. Year ends, ISO weeks 53, leap
 * days, semesters and holidays (the shipped 2026-2027 calendar) included.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../forms/form-install.h"
#include "../../forms/period.h"

static long
day(const char *s)
{
	long d;
	ck_assert_msg(date_parse(s, &d), "bad date in test: %s", s);
	return d;
}

static long
at(const char *s)
{
	long m;
	ck_assert_msg(moment_parse(s, &m), "bad moment in test: %s", s);
	return m;
}

START_TEST(test_dates)
{
	static const struct { int y, m, d, wd; } t[] = {
		{ 1970, 1, 1, 4 }, { 2000, 2, 29, 2 }, { 2024, 2, 29, 4 }, { 2026, 11, 23, 1 },
		{ 2026, 12, 31, 4 }, { 2027, 1, 1, 5 }, { 2100, 3, 1, 1 }, { 1969, 12, 31, 3 },
	};
	char buf[32];
	long d;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int y, m, dd;
		long n = date_from_ymd(t[i].y, t[i].m, t[i].d);
		date_to_ymd(n, &y, &m, &dd);
		ck_assert(y == t[i].y && m == t[i].m && dd == t[i].d);
		ck_assert_int_eq(date_weekday(n), t[i].wd);
	}
	ck_assert_int_eq(date_days_in_month(2024, 2), 29);
	ck_assert_int_eq(date_days_in_month(2026, 2), 28);
	ck_assert_int_eq(date_days_in_month(2000, 2), 29);
	ck_assert_int_eq(date_days_in_month(2100, 2), 28);
	ck_assert(!date_parse("2026-02-29", &d));
	ck_assert(!date_parse("2026-13-01", &d));
	ck_assert(!date_parse("2026-1-01", &d));
	ck_assert(!date_parse("2026-01-01x", &d));
	ck_assert(date_parse("2028-02-29", &d));
	ck_assert_str_eq(moment_format(at("2026-11-23T14:05"), buf, sizeof buf), "2026-11-23T14:05");
	ck_assert(!moment_parse("2026-11-23T24:00", &d));
	ck_assert_str_eq(moment_format(at("1969-12-31 23:59"), buf, sizeof buf), "1969-12-31T23:59");
}
END_TEST

static const struct {
	const char *kind, *id;
	const char *start, *end;	/* first day, first day after */
	const char *next, *prev;
} ids[] = {
	{ "day", "2026-12-31", "2026-12-31", "2027-01-01", "2027-01-01", "2026-12-30" },
	{ "day", "2028-02-29", "2028-02-29", "2028-03-01", "2028-03-01", "2028-02-28" },
	{ "day", "2027-01-01", "2027-01-01", "2027-01-02", "2027-01-02", "2026-12-31" },
	{ "week", "2026-W48", "2026-11-23", "2026-11-30", "2026-W49", "2026-W47" },
	{ "week", "2026-W53", "2026-12-28", "2027-01-04", "2027-W01", "2026-W52" },
	{ "week", "2026-W01", "2025-12-29", "2026-01-05", "2026-W02", "2025-W52" },
	{ "week", "2020-W53", "2020-12-28", "2021-01-04", "2021-W01", "2020-W52" },
	{ "month", "2026-12", "2026-12-01", "2027-01-01", "2027-01", "2026-11" },
	{ "month", "2028-02", "2028-02-01", "2028-03-01", "2028-03", "2028-01" },
	{ "month", "2027-01", "2027-01-01", "2027-02-01", "2027-02", "2026-12" },
	{ "quarter", "2026-Q4", "2026-10-01", "2027-01-01", "2027-Q1", "2026-Q3" },
	{ "quarter", "2027-Q1", "2027-01-01", "2027-04-01", "2027-Q2", "2026-Q4" },
	{ "half", "2026-H1", "2026-01-01", "2026-07-01", "2026-H2", "2025-H2" },
	{ "half", "2026-H2", "2026-07-01", "2027-01-01", "2027-H1", "2026-H1" },
	{ "semester", "2026-S1", "2026-09-01", "2027-01-16", "2026-S2", "2025-S2" },
	{ "semester", "2026-S2", "2027-01-16", "2027-06-01", "2027-S1", "2026-S1" },
	{ "year", "2026", "2026-01-01", "2027-01-01", "2027", "2025" },
};

START_TEST(test_period_ids)
{
	char buf[PERIOD_ID_MAX];

	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		enum period_kind k;
		struct period p, q;

		ck_assert(period_kind_parse(ids[i].kind, &k));
		ck_assert_msg(period_parse(k, ids[i].id, &p), "%s", ids[i].id);
		ck_assert_str_eq(period_format(&p, buf, sizeof buf), ids[i].id);
		ck_assert_msg(p.start == day(ids[i].start) && p.end == day(ids[i].end),
		    "%s: wrong bounds", ids[i].id);
		q = period_next(&p);
		ck_assert_str_eq(period_format(&q, buf, sizeof buf), ids[i].next);
		q = period_prev(&p);
		ck_assert_str_eq(period_format(&q, buf, sizeof buf), ids[i].prev);
		/* every day of the period is contained by it */
		for (long d = p.start; d < p.end; d += (p.end - p.start) / 3 + 1) {
			q = period_containing(k, d);
			ck_assert_str_eq(period_format(&q, buf, sizeof buf), ids[i].id);
		}
		q = period_containing(k, p.end - 1);
		ck_assert_str_eq(period_format(&q, buf, sizeof buf), ids[i].id);
	}
}
END_TEST

START_TEST(test_period_bad_ids)
{
	static const struct { enum period_kind k; const char *id; } t[] = {
		{ PERIOD_MONTH, "2026-13" }, { PERIOD_MONTH, "2026-1" }, { PERIOD_MONTH, "2026" },
		{ PERIOD_WEEK, "2026-W54" }, { PERIOD_WEEK, "2027-W53" }, { PERIOD_WEEK, "2026-W00" },
		{ PERIOD_QUARTER, "2026-Q5" }, { PERIOD_QUARTER, "2026-Q0" },
		{ PERIOD_HALF, "2026-H3" }, { PERIOD_SEMESTER, "2026-S3" }, { PERIOD_YEAR, "26" },
		{ PERIOD_YEAR, "2026-" }, { PERIOD_DAY, "2026-02-29" }, { PERIOD_REQUEST, "2026-11-23.0" },
		{ PERIOD_REQUEST, "2026-11-23." }, { PERIOD_INCIDENT, "2026-11-23 14:30" },
		{ PERIOD_INCIDENT, "2026-11-23T25:00" }, { PERIOD_YEAR, "abcd" },
	};
	struct period p;
	char buf[PERIOD_ID_MAX];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_msg(!period_parse(t[i].k, t[i].id, &p), "%s accepted", t[i].id);
	ck_assert(period_parse(PERIOD_REQUEST, "2026-11-23.2", &p));
	ck_assert_str_eq(period_format(&p, buf, sizeof buf), "2026-11-23.2");
	ck_assert(period_parse(PERIOD_INCIDENT, "2026-11-23T14:30", &p));
	ck_assert_str_eq(period_format(&p, buf, sizeof buf), "2026-11-23T14:30");
	/* summer belongs to the semester that ended */
	p = period_containing(PERIOD_SEMESTER, day("2027-07-15"));
	ck_assert_str_eq(period_format(&p, buf, sizeof buf), "2026-S2");
	p = period_containing(PERIOD_SEMESTER, day("2027-01-15"));
	ck_assert_str_eq(period_format(&p, buf, sizeof buf), "2026-S1");
}
END_TEST

/* The deadline of one period under one rule, as the seeds write them. */
static const struct {
	const char *kind, *rule, *period, *due;
} deadlines[] = {
	/* daily before 16:30 */
	{ "day", "16:30", "2026-11-23", "2026-11-23T16:30" },
	{ "day", "before 16:30", "2026-12-31", "2026-12-31T16:30" },
	{ "day", "end", "2026-12-31", "2027-01-01T00:00" },
	/* weekly before 15:00 (or 16:30) Friday */
	{ "week", "friday 15:00", "2026-W48", "2026-11-27T15:00" },
	{ "week", "fri 16:30", "2026-W53", "2027-01-01T16:30" },
	{ "week", "friday 15:00", "2026-W01", "2026-01-02T15:00" },
	/* monthly before day 12 (or 10) of the next month */
	{ "month", "day 12 of next month", "2026-11", "2026-12-12T00:00" },
	{ "month", "day 12 of next month", "2026-12", "2027-01-12T00:00" },
	{ "month", "day 10", "2027-01", "2027-02-10T00:00" },
	{ "month", "day 31 of next month", "2028-01", "2028-02-29T00:00" },
	{ "month", "day 31 of next month", "2027-01", "2027-02-28T00:00" },
	{ "month", "day 10 of this month", "2026-11", "2026-11-10T00:00" },
	/* quarterly before day 05 (or 03) of the first month of the next quarter */
	{ "quarter", "day 5 of next quarter", "2026-Q4", "2027-01-05T00:00" },
	{ "quarter", "day 3 of next quarter", "2026-Q2", "2026-07-03T00:00" },
	{ "quarter", "day 05 of next quarter", "2027-Q1", "2027-04-05T00:00" },
	/* semester I before 15/01, semester II before 25/5 */
	{ "semester", "15/01", "2026-S1", "2027-01-15T00:00" },
	{ "semester", "25/05", "2026-S2", "2027-05-25T00:00" },
	/* six-month before 25/5 (or 20/5), sơ kết before 15/6 */
	{ "half", "25/05", "2026-H1", "2026-05-25T00:00" },
	{ "half", "15/06", "2027-H1", "2027-06-15T00:00" },
	/* annual before 10/12 (or 05/12), plan at the start of the year before 15/01 */
	{ "year", "10/12", "2026", "2026-12-10T00:00" },
	{ "year", "05/12", "2027", "2027-12-05T00:00" },
	{ "year", "15/01 this year", "2027", "2027-01-15T00:00" },
	{ "year", "before 15/01 năm nay", "2027", "2027-01-15T00:00" },
	{ "year", "29/02 this year", "2027", "2027-02-28T00:00" },
	{ "year", "29/02 this year", "2028", "2028-02-29T00:00" },
	/* the annual report of a year, due early the next */
	{ "year", "05/01 next year", "2026", "2027-01-05T00:00" },
	{ "year", "trước 05/01 năm sau", "2026", "2027-01-05T00:00" },
	{ "year", "05/01 next year 08:00", "2026", "2027-01-05T08:00" },
	/* within N working days of the request: Mon-Fri minus holidays */
	{ "request", "1 working days", "2026-11-23", "2026-11-25T00:00" },
	{ "request", "3 working days", "2026-11-20", "2026-11-26T00:00" },
	{ "request", "3 working days", "2026-02-12", "2026-02-25T00:00" },	/* Tết */
	{ "request", "1 working day", "2026-04-29", "2026-05-05T00:00" },	/* 30/4, 1/5 */
	{ "request", "1 working days", "2026-04-24", "2026-04-29T00:00" },	/* Giỗ Tổ bù 27/4 */
	{ "request", "3 working days", "2026-12-31", "2027-01-07T00:00" },	/* 1/1 */
	{ "request", "2 working days", "2026-08-31", "2026-09-05T00:00" },	/* 1-2/9 */
	{ "request", "3 working days", "2027-02-03", "2027-02-16T00:00" },	/* Tết 2027 */
	{ "request", "1 days", "2026-11-23", "2026-11-25T00:00" },
	/* incidents: at once, within 2 hours */
	{ "incident", "2 hours", "2026-11-23T14:30", "2026-11-23T16:30" },
	{ "incident", "2 hours", "2026-12-31T23:00", "2027-01-01T01:00" },
	{ "incident", "30 minutes", "2026-11-23T14:30", "2026-11-23T15:00" },
	/* the same in Vietnamese, as a clerk writes them (accents and case aside) */
	{ "day", "16 giờ 30", "2026-11-23", "2026-11-23T16:30" },
	{ "day", "trước 16h30 hằng ngày", "2026-11-23", "2026-11-23T16:30" },
	{ "day", "hết kỳ", "2026-12-31", "2027-01-01T00:00" },
	{ "week", "thứ Sáu 16 giờ 30", "2026-W48", "2026-11-27T16:30" },
	{ "week", "thứ 6 15:00", "2026-W48", "2026-11-27T15:00" },
	{ "week", "trước 15 giờ thứ sáu hằng tuần", "2026-W48", "2026-11-27T15:00" },
	{ "week", "Chủ nhật", "2026-W48", "2026-11-29T00:00" },
	{ "month", "ngày 10 tháng sau", "2026-11", "2026-12-10T00:00" },
	{ "month", "trước ngày 10 hằng tháng", "2026-12", "2027-01-10T00:00" },
	{ "month", "chậm nhất ngày 12 của tháng sau 16 giờ", "2026-11", "2026-12-12T16:00" },
	{ "month", "ngày 25 trong tháng", "2026-11", "2026-11-25T00:00" },
	{ "month", "NGAY 10 THANG SAU", "2026-11", "2026-12-10T00:00" },
	{ "quarter", "ngày 5 tháng đầu quý sau", "2026-Q4", "2027-01-05T00:00" },
	{ "quarter", "trước ngày 5 quý sau", "2026-Q2", "2026-07-05T00:00" },
	/* as plans write them (issue 14's outsider clerk) */
	{ "quarter", "ngày 5 tháng đầu quý tiếp theo", "2026-Q3", "2026-10-05T00:00" },
	{ "quarter", "trước 16 giờ ngày 10 tháng đầu tiên của quý sau", "2026-Q4",
	  "2027-01-10T16:00" },
	{ "year", "trước 16 giờ ngày 05/01 năm sau", "2026", "2027-01-05T16:00" },
	{ "year", "trước 16h30 ngày 15 tháng 12 hằng năm", "2026", "2026-12-15T16:30" },
	{ "month", "trước 9 giờ ngày 3 tháng sau", "2026-11", "2026-12-03T09:00" },
	{ "half", "25/5", "2026-H1", "2026-05-25T00:00" },
	{ "half", "ngày 25 tháng 5", "2026-H1", "2026-05-25T00:00" },
	{ "semester", "trước ngày 15/1", "2026-S1", "2027-01-15T00:00" },
	{ "year", "10/12 hằng năm", "2026", "2026-12-10T00:00" },
	{ "year", "trước 5/1 năm sau", "2026", "2027-01-05T00:00" },
	{ "year", "ngày 15 tháng 1 năm nay", "2027", "2027-01-15T00:00" },
	{ "request", "3 ngày làm việc", "2026-11-20", "2026-11-26T00:00" },
	{ "request", "trong 3 ngày làm việc kể từ khi nhận yêu cầu", "2026-11-20",
	  "2026-11-26T00:00" },
	{ "request", "1 ngày", "2026-11-23", "2026-11-25T00:00" },
	{ "incident", "2 giờ", "2026-11-23T14:30", "2026-11-23T16:30" },
	{ "incident", "ngay, chậm nhất trong 2 giờ", "2026-11-23T14:30", "2026-11-23T16:30" },
	{ "incident", "30 phút", "2026-11-23T14:30", "2026-11-23T15:00" },
	{ "week", "FRIDAY 15:00", "2026-W48", "2026-11-27T15:00" },
};

START_TEST(test_deadlines)
{
	struct cal cal = { 0 };
	char buf[32];

	form_builtin_calendar(&cal);
	ck_assert_uint_gt(cal.noff, 10);
	for (size_t i = 0; i < sizeof deadlines / sizeof deadlines[0]; i++) {
		enum period_kind k;
		struct deadline_rule r;
		struct period p;
		char *cause = NULL;
		size_t pos;

		ck_assert(period_kind_parse(deadlines[i].kind, &k));
		ck_assert_msg(deadline_parse(k, deadlines[i].rule, &r, &pos, &cause), "%s: %s",
		    deadlines[i].rule, cause);
		ck_assert_msg(period_parse(k, deadlines[i].period, &p), "%s", deadlines[i].period);
		moment_format(deadline_of(&r, &p, &cal), buf, sizeof buf);
		ck_assert_msg(strcmp(buf, deadlines[i].due) == 0, "%s %s %s: got %s, want %s",
		    deadlines[i].kind, deadlines[i].rule, deadlines[i].period, buf,
		    deadlines[i].due);
	}
	cal_free(&cal);
}
END_TEST

/* Which period is due at a moment: the earliest reported one whose deadline
 * is still ahead, but never one that has not begun -- then the latest one
 * that has, overdue (issue 15: on 07/12/2026 a yearly report due 05/12 was
 * offered for 2027). Deadlines after their period (next month...) and inside
 * it (day 5 of this month, 05/12 of the year), on dates around each. */
static const struct {
	const char *kind, *rule, *now, *current;
	unsigned only;
} currents[] = {
	/* month, deadline in the next month */
	{ "month", "day 10 of next month", "2026-11-05T08:00", "2026-10", 0 },
	{ "month", "day 10 of next month", "2026-11-09T23:59", "2026-10", 0 },
	{ "month", "day 10 of next month", "2026-11-10T00:00", "2026-11", 0 },
	{ "month", "day 12 of next month", "2026-12-31T12:00", "2026-12", 0 },
	/* month, deadline inside the month */
	{ "month", "day 5 of this month", "2026-12-04T23:59", "2026-12", 0 },
	{ "month", "day 5 of this month", "2026-12-05T00:00", "2026-12", 0 },
	{ "month", "day 5 of this month", "2026-12-31T23:59", "2026-12", 0 },
	{ "month", "day 5 of this month", "2027-01-01T00:00", "2027-01", 0 },
	{ "month", "end", "2026-11-30T23:59", "2026-11", 0 },
	{ "month", "end", "2026-12-01T00:00", "2026-12", 0 },
	/* quarter, after and inside */
	{ "quarter", "day 5 of next quarter", "2027-01-04T10:00", "2026-Q4", 0 },
	{ "quarter", "day 5 of next quarter", "2027-01-05T00:00", "2027-Q1", 0 },
	{ "quarter", "day 20 of this quarter", "2026-10-19T23:59", "2026-Q4", 0 },
	{ "quarter", "day 20 of this quarter", "2026-10-20T00:00", "2026-Q4", 0 },
	{ "quarter", "day 20 of this quarter", "2026-12-31T12:00", "2026-Q4", 0 },
	{ "quarter", "day 20 of this quarter", "2027-01-01T00:00", "2027-Q1", 0 },
	/* half year: after (next year's 25/01 would be "25/01 next year") and inside */
	{ "half", "25/05", "2026-11-23T10:00", "2026-H1", 1u << 1 },
	{ "half", "25/05", "2026-03-01T10:00", "2026-H1", 1u << 1 },
	{ "half", "25/05", "2027-01-01T00:00", "2027-H1", 1u << 1 },
	{ "half", "end", "2026-06-30T23:59", "2026-H1", 0 },
	{ "half", "end", "2026-07-01T00:00", "2026-H2", 0 },
	{ "half", "05/12", "2026-12-04T23:59", "2026-H2", 1u << 2 },
	{ "half", "05/12", "2026-12-05T00:00", "2026-H2", 1u << 2 },
	{ "half", "05/12", "2027-06-30T00:00", "2026-H2", 1u << 2 },
	{ "half", "05/12", "2027-07-01T00:00", "2027-H2", 1u << 2 },
	/* year, inside: due 05/12 or 10/12 of its year */
	{ "year", "10/12", "2026-11-23T10:00", "2026", 0 },
	{ "year", "10/12", "2026-12-10T00:01", "2026", 0 },
	{ "year", "05/12", "2026-12-04T23:59", "2026", 0 },
	{ "year", "05/12", "2026-12-05T00:00", "2026", 0 },
	{ "year", "05/12", "2026-12-07T10:00", "2026", 0 },
	{ "year", "05/12", "2026-12-31T23:59", "2026", 0 },
	{ "year", "05/12", "2027-01-01T00:00", "2027", 0 },
	/* year, after: due the next January */
	{ "year", "15/01 next year", "2027-01-14T23:59", "2026", 0 },
	{ "year", "15/01 next year", "2027-01-15T00:00", "2027", 0 },
	{ "semester", "15/01", "2026-11-23T10:00", "2026-S1", 1u << 1 },
	{ "semester", "25/05", "2026-11-23T10:00", "2025-S2", 1u << 2 },
	{ "semester", "25/05", "2027-02-01T10:00", "2026-S2", 1u << 2 },
	{ "semester", "25/05", "2027-06-01T10:00", "2026-S2", 1u << 2 },
	{ "week", "friday 15:00", "2026-11-27T14:59", "2026-W48", 0 },
	{ "week", "friday 15:00", "2026-11-27T15:00", "2026-W48", 0 },
	{ "week", "friday 15:00", "2026-11-30T00:00", "2026-W49", 0 },
	{ "day", "16:30", "2026-11-23T16:29", "2026-11-23", 0 },
	{ "day", "16:30", "2026-11-23T16:30", "2026-11-23", 0 },
	{ "day", "16:30", "2026-11-24T00:00", "2026-11-24", 0 },
};

START_TEST(test_current_period)
{
	char buf[PERIOD_ID_MAX];

	for (size_t i = 0; i < sizeof currents / sizeof currents[0]; i++) {
		enum period_kind k;
		struct deadline_rule r;
		struct period p;
		char *cause = NULL;
		size_t pos;

		ck_assert(period_kind_parse(currents[i].kind, &k));
		ck_assert(deadline_parse(k, currents[i].rule, &r, &pos, &cause));
		r.only = currents[i].only;
		ck_assert(deadline_current(&r, at(currents[i].now), NULL, &p));
		period_format(&p, buf, sizeof buf);
		ck_assert_msg(strcmp(buf, currents[i].current) == 0, "%s %s at %s: got %s, want %s",
		    currents[i].kind, currents[i].rule, currents[i].now, buf, currents[i].current);
	}
}
END_TEST

/* A plan valid for 2026 only: once its last deadline has passed there is no
 * current period, and the last one due is its final period, whatever the
 * date (status keeps it owed until sent). "-" for none yet. */
static const struct {
	const char *kind, *rule, *now, *last;
} lasts[] = {
	{ "year", "10/12", "2026-12-09T09:00", "-" },
	{ "year", "10/12", "2026-12-11T09:00", "2026" },
	{ "year", "10/12", "2031-05-01T09:00", "2026" },
	{ "quarter", "day 5 of next quarter", "2026-10-06T09:00", "2026-Q3" },
	{ "quarter", "day 5 of next quarter", "2027-01-10T09:00", "2026-Q4" },
	{ "quarter", "day 5 of next quarter", "2029-07-01T09:00", "2026-Q4" },
	{ "month", "day 12 of next month", "2026-01-20T09:00", "-" },
	{ "day", "16:30", "2030-01-01T09:00", "2026-12-31" },
	{ "week", "friday 15:00", "2027-03-01T09:00", "2026-W53" },
};

START_TEST(test_last_due)
{
	char buf[PERIOD_ID_MAX];

	for (size_t i = 0; i < sizeof lasts / sizeof lasts[0]; i++) {
		enum period_kind k;
		struct deadline_rule r;
		struct period p;
		char *cause = NULL;
		size_t pos;
		bool got;

		ck_assert(period_kind_parse(lasts[i].kind, &k));
		ck_assert(deadline_parse(k, lasts[i].rule, &r, &pos, &cause));
		r.valid_from = day("2026-01-01");
		r.valid_to = day("2026-12-31");
		got = deadline_last_due(&r, at(lasts[i].now), NULL, &p);
		snprintf(buf, sizeof buf, "-");
		if (got)
			period_format(&p, buf, sizeof buf);
		ck_assert_msg(strcmp(buf, lasts[i].last) == 0, "%s %s at %s: got %s, want %s",
		    lasts[i].kind, lasts[i].rule, lasts[i].now, buf, lasts[i].last);
		/* and the plan over: nothing current, so this is what is owed */
		if (strcmp(lasts[i].now, "2027") > 0)
			ck_assert(!deadline_current(&r, at(lasts[i].now), NULL, &p));
	}
}
END_TEST

START_TEST(test_deadline_errors)
{
	static const struct { const char *kind, *rule; size_t pos; } t[] = {
		{ "month", "day 32 of next month", 4 },
		{ "month", "day 12 of next week", 7 },
		{ "month", "12", 0 },
		{ "quarter", "day 5 of next month", 6 },
		{ "week", "someday 15:00", 0 },
		{ "week", "friday 25:00", 7 },
		{ "day", "4pm", 0 },
		{ "year", "31/02", 0 },
		{ "year", "10-12", 0 },
		{ "request", "3 weekdays", 0 },
		{ "request", "0 working days", 0 },
		{ "incident", "2", 0 },
		{ "incident", "soon", 0 },
		{ "half", "before 25/13", 7 },
		/* which January? never guessed */
		{ "year", "05/01", 0 },
		{ "year", "before 30/06", 7 },
		{ "year", "05/01 next month", 0 },
		/* Vietnamese that names no one deadline: said, at the word */
		{ "month", "ngày 10", 0 },
		{ "month", "trước ngày 10 tuần sau", 18 },
		{ "quarter", "ngày 5", 0 },
		{ "week", "thứ Sáu tuần sau", 11 },
		{ "year", "5/1", 0 },
		{ "year", "25/5/2026", 0 },
		{ "half", "ngày 32 tháng 5", 6 },
		{ "request", "3 ngày lam", 0 },
		{ "day", "16 giờ 75", 0 },
		{ "month", "ngày 10 tháng sau a b c d e f g h i j k l m n", 47 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		enum period_kind k;
		struct deadline_rule r;
		char *cause = NULL;
		size_t pos = 99;

		ck_assert(period_kind_parse(t[i].kind, &k));
		ck_assert_msg(!deadline_parse(k, t[i].rule, &r, &pos, &cause), "%s accepted",
		    t[i].rule);
		ck_assert_msg(pos == t[i].pos, "%s: error at %zu, want %zu", t[i].rule, pos,
		    t[i].pos);
		ck_assert_ptr_nonnull(strstr(cause, t[i].rule));
		free(cause);
	}
}
END_TEST

START_TEST(test_workdays)
{
	struct cal cal = { 0 };

	/* no calendar: weekends only */
	ck_assert(cal_is_workday(NULL, day("2026-11-23")));
	ck_assert(!cal_is_workday(NULL, day("2026-11-28")));
	ck_assert_int_eq(cal_add_workdays(NULL, day("2026-11-27"), 1), day("2026-11-30"));
	ck_assert_int_eq(cal_add_workdays(NULL, day("2026-11-27"), 0), day("2026-11-27"));
	form_builtin_calendar(&cal);
	ck_assert(!cal_is_workday(&cal, day("2026-01-01")));
	ck_assert(!cal_is_workday(&cal, day("2026-02-16")));
	ck_assert(!cal_is_workday(&cal, day("2026-09-02")));
	ck_assert(cal_is_workday(&cal, day("2026-02-23")));
	/* a make-up Saturday counts */
	cal_add_workday(&cal, day("2026-11-28"));
	ck_assert(cal_is_workday(&cal, day("2026-11-28")));
	ck_assert_int_eq(cal_add_workdays(&cal, day("2026-11-27"), 1), day("2026-11-28"));
	cal_free(&cal);
}
END_TEST

/* The one reader of typed dates and times (issue 15: the incident prompt
 * read "01h30" as 01:00, while the form's time fields read it right). */
START_TEST(test_typed_moments)
{
	static const struct { const char *in, *want; } ok[] = {
		{ "07/12/2026 01h30", "2026-12-07T01:30" },
		{ "06/12/2026 14h30", "2026-12-06T14:30" },
		{ "07/12/2026 01:45", "2026-12-07T01:45" },
		{ "7/12/2026 9h", "2026-12-07T09:00" },
		{ "07/12/2026 14g05", "2026-12-07T14:05" },
		{ "07/12/2026 14.05", "2026-12-07T14:05" },
		{ " 07/12/2026   23H59 ", "2026-12-07T23:59" },
		{ "2026-12-07T01:30", "2026-12-07T01:30" },
		{ "2026-12-07 01h30", "2026-12-07T01:30" },
	};
	static const char *const bad[] = {
		"07/12/2026", "07/12/2026 ", "07/12/2026 1h3", "07/12/2026 14:", "07/12/2026 24h00",
		"07/12/2026 14h60", "07/12/2026 14h30x", "07/12/2026 14h30 15", "31/02/2026 10h",
		"07/12/26 10h", "07/12/20266 10h", "07/12/2026x10h", "", "14h30", "07-12-2026 10h",
		"2026-12-07T1:30x",
	};
	static const struct { const char *in; int minute; } times[] = {
		{ "14h30", 870 }, { "14:30", 870 }, { "7h", 420 }, { "7:05", 425 }, { "0h00", 0 },
		{ "23.59", 1439 },
	};
	static const char *const bad_times[] = { "14", "14:", "14h3", "24:00", "14h30m", "h30",
						 "1430", "-1h", "" };
	char buf[32];
	long v;
	int m;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		ck_assert_msg(moment_read(ok[i].in, &v), "\"%s\" refused", ok[i].in);
		ck_assert_str_eq(moment_format(v, buf, sizeof buf), ok[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!moment_read(bad[i], &v), "\"%s\" read as %s", bad[i],
		    moment_format(v, buf, sizeof buf));
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		ck_assert_msg(time_read(times[i].in, &m), "\"%s\" refused", times[i].in);
		ck_assert_int_eq(m, times[i].minute);
	}
	for (size_t i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++)
		ck_assert_msg(!time_read(bad_times[i], &m), "\"%s\" read", bad_times[i]);
	ck_assert(date_read("7/2/2026", &v) && v == date_from_ymd(2026, 2, 7));
	ck_assert(date_read("2026-02-07", &v) && v == date_from_ymd(2026, 2, 7));
	ck_assert(!date_read("29/02/2026", &v));
	ck_assert(!date_read("07/02/2026 ", &v));
}
END_TEST

Suite *
period_suite(void)
{
	Suite *s = suite_create("period");
	TCase *tc = tcase_create("period");

	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_period_ids);
	tcase_add_test(tc, test_period_bad_ids);
	tcase_add_test(tc, test_deadlines);
	tcase_add_test(tc, test_current_period);
	tcase_add_test(tc, test_last_due);
	tcase_add_test(tc, test_typed_moments);
	tcase_add_test(tc, test_deadline_errors);
	tcase_add_test(tc, test_workdays);
	suite_add_tcase(s, tc);
	return s;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-sub.c: the submission engine — typing values the way people write
 * them, calculations in dependency order, relevance, every kind of check,
 * the previous period, repeats and grids, and the JSON round trip.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests.h"
#include "../../forms/cal.h"
#include "../../forms/sub.h"
#include "../../core/mem.h"

#include <jansson.h>

static const char *const FORM =
    "form: t\nversion: 3\ntitle: T\nunit: thon\n"
    "reports:\n"
    "  - {id: thang, period: month, deadline: day 10 of next month}\n"
    "  - {id: nam, period: year, deadline: 05/12}\n"
    "choices:\n"
    "  tt: [{value: chua, label: Chưa}, {value: xong, label: Xong}]\n"
    "  nd: [{value: a, label: A}, {value: b, label: B}, {value: c, label: C}]\n"
    "fields:\n"
    "  - {name: ho, type: integer, label: Hộ, min: 0, required: true,\n"
    "     warn: [{check: \"prev(${ho}) = '' or . <= prev(${ho}) * 1.5\", message: tăng nhanh}]}\n"
    "  - {name: ngheo, type: integer, label: Nghèo, min: 0, constraint: '. <= ${ho}',\n"
    "     constraint_message: quá số hộ}\n"
    "  - {name: tyle, type: calculate, label: Tỷ lệ, calculation: 'round(${ngheo} div ${ho} * 100, 1)'}\n"
    "  - {name: gap, type: calculate, label: Gấp đôi, calculation: '${tyle} * 2'}\n"
    "  - {name: dt, type: decimal, label: Diện tích, max: 100}\n"
    "  - {name: ngay, type: date, label: Ngày, past: true}\n"
    "  - {name: gio, type: time, label: Giờ, constraint: \". >= '06:00'\", constraint_message: sớm}\n"
    "  - {name: nd, type: select_multiple, label: Nội dung, list: nd}\n"
    "  - {name: co-vu-viec, type: select_one, label: Có vụ việc, list: tt}\n"
    "  - {name: mo-ta, type: text, label: Mô tả, required: true, relevant: \"${co-vu-viec} = 'xong'\"}\n"
    "  - name: nam-g\n    type: group\n    label: Năm\n    reports: [nam]\n    fields:\n"
    "      - {name: thu-nhap, type: decimal, label: Thu nhập, required: true}\n"
    "  - name: ds\n    type: repeat\n    label: Danh sách\n    fields:\n"
    "      - {name: ten, type: text, label: Tên, required: true}\n"
    "      - {name: so, type: integer, label: Số, min: 1}\n"
    "  - {name: tong, type: calculate, label: Tổng, calculation: 'sum(${so})'}\n"
    "  - {name: dem, type: calculate, label: Đếm, calculation: 'count(${ds})'}\n"
    "  - name: nv\n    type: grid\n    label: NV\n"
    "    rows: [{id: '1', label: Một}, {id: '2', label: Hai, reports: [nam]}]\n"
    "    columns:\n"
    "      - {name: st, type: select_one, label: TT, list: tt, default: chua}\n"
    "      - {name: kq, type: decimal, label: KQ, max: 100, relevant: \"${st} = 'xong'\"}\n";

static struct form *
load(void)
{
	struct form_errors errs;
	struct form *f = form_load("t.yaml", FORM, strlen(FORM), &errs);

	ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "?");
	return f;
}

static int
fi(const struct form *f, const char *name)
{
	int i = form_field_index(f, name);
	ck_assert_msg(i >= 0, "no field %s", name);
	return i;
}

static void
set_ok(struct sub *s, const char *name, int row, const char *text, const char *want)
{
	char *cause = NULL;
	int i = fi(sub_form(s), name);

	ck_assert_msg(sub_set(s, i, row, text, &cause) == ERR_OK, "%s=%s: %s", name, text, cause);
	if (want == NULL)
		ck_assert_ptr_null(sub_get(s, i, row));
	else
		ck_assert_msg(sub_get(s, i, row) && strcmp(sub_get(s, i, row), want) == 0,
		    "%s=%s: got %s, want %s", name, text, sub_get(s, i, row), want);
}

static void
set_bad(struct sub *s, const char *name, int row, const char *text, const char *msg)
{
	char *cause = NULL;
	int i = fi(sub_form(s), name);
	const char *before = sub_get(s, i, row);
	char *keep = before ? strdup(before) : NULL;

	ck_assert_msg(sub_set(s, i, row, text, &cause) == ERR_INVALID, "%s=%s accepted", name, text);
	ck_assert_msg(strstr(cause, msg) != NULL, "%s=%s: '%s' lacks '%s'", name, text, cause, msg);
	/* the value is unchanged */
	ck_assert((keep == NULL && sub_get(s, i, row) == NULL) ||
	    (keep && sub_get(s, i, row) && strcmp(keep, sub_get(s, i, row)) == 0));
	free(keep);
	free(cause);
}

START_TEST(test_sub_typing)
{
	struct form *f = load();
	struct sub *s = sub_new(f, 0, "2026-10");

	set_ok(s, "ho", -1, " 120 ", "120");
	set_ok(s, "ho", -1, "1.234", "1234");
	set_ok(s, "ho", -1, "1 234 567", "1234567");
	set_ok(s, "ho", -1, "-5", "-5");
	set_ok(s, "ho", -1, "", NULL);
	set_bad(s, "ho", -1, "12,5", "không phải số nguyên");
	set_bad(s, "ho", -1, "1.23", "không phải số nguyên");
	set_bad(s, "ho", -1, "3 hộ", "không phải số nguyên");
	set_bad(s, "ho", -1, "1.2345", "không phải số nguyên");
	set_ok(s, "dt", -1, "12,5", "12.5");
	set_ok(s, "dt", -1, "0.25", "0.25");
	set_ok(s, "dt", -1, "7", "7");
	set_bad(s, "dt", -1, "1e5", "không phải số");
	set_bad(s, "dt", -1, "nan", "không phải số");
	set_ok(s, "ngay", -1, "23/11/2026", "2026-11-23");
	set_ok(s, "ngay", -1, "2026-02-28", "2026-02-28");
	set_bad(s, "ngay", -1, "29/02/2026", "không phải ngày");
	set_bad(s, "ngay", -1, "23/11/26", "không phải ngày");
	set_ok(s, "gio", -1, "14:30", "14:30");
	set_ok(s, "gio", -1, "7:05", "07:05");
	set_ok(s, "gio", -1, "7h05", "07:05");
	set_ok(s, "gio", -1, "7h", "07:00");
	set_ok(s, "gio", -1, "14g30", "14:30");
	set_ok(s, "gio", -1, "23.59", "23:59");
	set_bad(s, "gio", -1, "24:00", "không phải giờ");
	set_bad(s, "gio", -1, "12:60", "không phải giờ");
	set_bad(s, "gio", -1, "12:5", "không phải giờ");
	set_bad(s, "gio", -1, "7:", "không phải giờ");
	set_bad(s, "gio", -1, "1430", "không phải giờ");
	set_bad(s, "gio", -1, "ab:cd", "không phải giờ");
	set_ok(s, "nd", -1, "c a", "a c");
	set_ok(s, "nd", -1, "b, B,a", "a b");
	set_ok(s, "nd", -1, " ", NULL);
	set_bad(s, "nd", -1, "a z", "\"z\" không có trong danh sách");
	set_ok(s, "co-vu-viec", -1, "Xong", "xong");
	set_bad(s, "co-vu-viec", -1, "có", "không có trong danh sách");
	set_ok(s, "mo-ta", -1, "Nu\xcc\x9bo\xcc\x9b\xcc\x81" "c", "N\xc6\xb0\xe1\xbb\x9b" "c");	/* NFD in, NFC out */
	set_bad(s, "mo-ta", -1, "hai\ndòng", "không hợp lệ");
	set_bad(s, "tyle", -1, "5", "tính tự động");
	sub_free(s);
	form_free(f);
}
END_TEST

/* Numbers the Vietnamese way (num.h): one reader for whole-number and
 * decimal fields. Each row: what is typed, then what a whole-number field
 * ("ho") and a decimal field ("dt", no max here: "thu-nhap" of the year)
 * store, or "!" and the start of the refusal. */
START_TEST(test_sub_numbers)
{
	static const struct {
		const char *typed, *whole, *decimal;
	} rows[] = {
		{ "15", "15", "15" },
		{ "0,5", "!không phải số nguyên", "0.5" },
		{ "12,0", "12", "12" },
		{ "1.234", "1234", "!chưa rõ: 1 nghìn 234 thì ghi 1234, 1,234 thì ghi 1,234" },
		{ "15.000", "15000", "!chưa rõ: 15 nghìn thì ghi 15000, 15 thì ghi 15 hoặc 15,0" },
		{ "-15.000", "-15000", "!-15 nghìn thì ghi -15000" },
		{ "1.050", "1050", "!1 nghìn 50 thì ghi 1050, 1,05 thì ghi 1,05" },
		{ "15.000,5", "!không phải số nguyên", "15000.5" },
		{ "15.000,0", "15000", "15000" },
		{ "1.234,5", "!không phải số nguyên", "1234.5" },
		{ "1.234.567", "1234567", "1234567" },
		{ "1.234.567,25", "!không phải số nguyên", "1234567.25" },
		{ "1 234,5", "!không phải số nguyên", "1234.5" },
		{ "1.5", "!không phải số nguyên", "1.5" },
		{ "0.25", "!không phải số nguyên", "0.25" },
		{ "1.2345", "!không phải số nguyên", "1.2345" },
		{ "1234.567", "!không phải số nguyên", "1234.567" },
		{ "0.250", "!không phải số nguyên", "0.25" },
		{ "1,234.5", "!không phải số nguyên", "!không phải số" },
		{ "1.23.4", "!không phải số nguyên", "!không phải số" },
		{ "1.234.5", "!không phải số nguyên", "!không phải số" },
		{ "1,2,3", "!không phải số nguyên", "!không phải số" },
		{ "1.234 567", "!không phải số nguyên", "!không phải số" },
		{ "12.", "!không phải số nguyên", "!không phải số" },
		{ ",5", "!không phải số nguyên", "!không phải số" },
		{ "1..5", "!không phải số nguyên", "!không phải số" },
		{ "1e5", "!không phải số nguyên", "!không phải số" },
		{ "0x10", "!không phải số nguyên", "!không phải số" },
		{ "inf", "!không phải số nguyên", "!không phải số" },
		{ "15 000", "15000", "15000" },
		{ "1000000000000000", "!lớn quá", "!lớn quá" },
	};
	struct form *f = load();
	struct sub *s = sub_new(f, 1, "2026");

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (rows[i].whole[0] == '!')
			set_bad(s, "ho", -1, rows[i].typed, rows[i].whole + 1);
		else
			set_ok(s, "ho", -1, rows[i].typed, rows[i].whole);
		if (rows[i].decimal[0] == '!')
			set_bad(s, "thu-nhap", -1, rows[i].typed, rows[i].decimal + 1);
		else
			set_ok(s, "thu-nhap", -1, rows[i].typed, rows[i].decimal);
	}
	/* what is stored ("12.125", canonical) reads back as it was, never
	 * as ambiguous thousands; a JSON number's dot is a decimal point; a
	 * JSON string is what a person wrote */
	set_ok(s, "thu-nhap", -1, "12,125", "12.125");
	set_ok(s, "ho", -1, "1.234", "1234");
	{
		char *json = sub_to_json(s), *cause = NULL;
		struct sub *back = sub_from_json(f, 1, "2026", json, true, &cause);
		ck_assert_msg(back != NULL, "%s", cause);
		ck_assert_str_eq(sub_get(back, fi(f, "thu-nhap"), -1), "12.125");
		ck_assert_str_eq(sub_get(back, fi(f, "ho"), -1), "1234");
		sub_free(back);
		free(json);
		back = sub_from_json(f, 1, "2026", "{\"thu-nhap\": 1.234}", true, &cause);
		ck_assert_msg(back != NULL, "%s", cause);
		ck_assert_str_eq(sub_get(back, fi(f, "thu-nhap"), -1), "1.234");
		/* typed after loading: the person's reading again */
		set_bad(back, "thu-nhap", -1, "1.234", "chưa rõ");
		sub_free(back);
		back = sub_from_json(f, 1, "2026", "{\"thu-nhap\": \"1.234\"}", true, &cause);
		ck_assert_ptr_null(back);
		ck_assert_ptr_nonnull(strstr(cause, "chưa rõ"));
		free(cause);
	}
	sub_free(s);
	form_free(f);
}
END_TEST

static size_t
check(struct sub *s, struct sub_issue **is, size_t *errors, size_t *unconfirmed)
{
	size_t n = sub_check(s, is);
	sub_count(*is, n, errors, unconfirmed);
	return n;
}

static int
has_issue(const struct sub_issue *is, size_t n, const struct form *f, const char *name, int row,
    const char *msg)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f->fields[is[i].field].name, name) == 0 && is[i].row == row &&
		    strstr(is[i].message, msg) != NULL)
			return 1;
	return 0;
}

/* Incidents are reported the day they happen: a new submission judges
 * "not after today" by the clock (BAOCAO_NOW here), not by a fixed day, so
 * the office's re-check of an imported incident does not call its own day
 * an error. */
START_TEST(test_sub_today_from_clock)
{
	struct form *f = load();
	struct sub *s;
	struct sub_issue *is;
	size_t n, e, u;

	setenv("BAOCAO_NOW", "1793840400", 1);	/* 2026-11-05 08:00 +07 */
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	s = sub_new(f, 0, "2026-10");
	set_ok(s, "ho", -1, "40", "40");
	set_ok(s, "ngay", -1, "05/11/2026", "2026-11-05");
	n = check(s, &is, &e, &u);
	ck_assert(!has_issue(is, n, f, "ngay", -1, "không được sau hôm nay"));
	sub_issues_free(is, n);
	set_ok(s, "ngay", -1, "06/11/2026", "2026-11-06");
	n = check(s, &is, &e, &u);
	ck_assert(has_issue(is, n, f, "ngay", -1, "không được sau hôm nay"));
	sub_issues_free(is, n);
	sub_free(s);
	form_free(f);
	unsetenv("BAOCAO_NOW");
}
END_TEST

START_TEST(test_sub_checks)
{
	struct form *f = load();
	struct sub *s = sub_new(f, 0, "2026-10");
	struct sub_issue *is;
	size_t n, e, u;

	sub_set_today(s, date_from_ymd(2026, 11, 5));
	/* empty: only the required field */
	n = check(s, &is, &e, &u);
	ck_assert_int_eq(e, 1);
	ck_assert(has_issue(is, n, f, "ho", -1, "bắt buộc"));
	sub_issues_free(is, n);

	set_ok(s, "ho", -1, "40", "40");
	set_ok(s, "ngheo", -1, "50", "50");
	set_ok(s, "dt", -1, "100,5", "100.5");
	set_ok(s, "ngay", -1, "06/11/2026", "2026-11-06");
	set_ok(s, "gio", -1, "5h30", "05:30");	/* times compare in order */
	n = check(s, &is, &e, &u);
	ck_assert_int_eq(e, 4);
	ck_assert(has_issue(is, n, f, "gio", -1, "sớm"));
	ck_assert(has_issue(is, n, f, "ngheo", -1, "quá số hộ"));
	ck_assert(has_issue(is, n, f, "dt", -1, "không được lớn hơn 100"));
	ck_assert(has_issue(is, n, f, "ngay", -1, "không được sau hôm nay"));
	sub_issues_free(is, n);

	/* calculations, in dependency order (gap reads tyle) */
	set_ok(s, "ngheo", -1, "10", "10");
	set_ok(s, "gio", -1, "06:00", "06:00");
	sub_recalc(s);
	ck_assert_str_eq(sub_get(s, fi(f, "tyle"), -1), "25");
	ck_assert_str_eq(sub_get(s, fi(f, "gap"), -1), "50");
	set_ok(s, "ho", -1, "0", "0");
	sub_recalc(s);
	ck_assert_ptr_null(sub_get(s, fi(f, "tyle"), -1));	/* division by zero: empty */
	ck_assert_ptr_null(sub_get(s, fi(f, "gap"), -1));

	/* relevance: mo-ta is required only once shown */
	ck_assert(!sub_relevant(s, fi(f, "mo-ta"), -1));
	set_ok(s, "co-vu-viec", -1, "xong", "xong");
	ck_assert(sub_relevant(s, fi(f, "mo-ta"), -1));
	set_ok(s, "ho", -1, "40", "40");
	set_ok(s, "dt", -1, "", NULL);
	set_ok(s, "ngay", -1, "", NULL);
	n = check(s, &is, &e, &u);
	ck_assert_int_eq(e, 1);
	ck_assert(has_issue(is, n, f, "mo-ta", -1, "bắt buộc"));
	sub_issues_free(is, n);

	/* a group of another report is neither shown nor checked */
	ck_assert(!sub_relevant(s, fi(f, "thu-nhap"), -1));
	sub_free(s);
	form_free(f);
}
END_TEST

START_TEST(test_sub_rows_and_grid)
{
	struct form *f = load();
	struct sub *s = sub_new(f, 0, "2026-10");
	int ds = fi(f, "ds"), nv = fi(f, "nv"), r;
	struct sub_issue *is;
	size_t n, e, u;

	set_ok(s, "ho", -1, "10", "10");
	ck_assert_int_eq(sub_rows(s, nv), 2);
	ck_assert_str_eq(sub_get(s, fi(f, "st"), 0), "chua");		/* default */
	ck_assert(sub_relevant(s, fi(f, "st"), 0));
	ck_assert(!sub_relevant(s, fi(f, "st"), 1));			/* row 2 is yearly */
	ck_assert(!sub_relevant(s, fi(f, "kq"), 0));			/* not done yet */
	set_ok(s, "st", 0, "xong", "xong");
	ck_assert(sub_relevant(s, fi(f, "kq"), 0));
	set_ok(s, "kq", 0, "120", "120");
	ck_assert_int_eq(sub_add_row(s, nv), -1);			/* grids are fixed */
	ck_assert_int_eq(sub_rows(s, ds), 0);
	r = sub_add_row(s, ds);
	ck_assert_int_eq(r, 0);
	set_ok(s, "ten", r, "Ông A", "Ông A");
	set_ok(s, "so", r, "3", "3");
	r = sub_add_row(s, ds);
	set_ok(s, "so", r, "4", "4");
	r = sub_add_row(s, ds);
	set_ok(s, "ten", r, "Bà C", "Bà C");
	set_ok(s, "so", r, "0", "0");
	n = check(s, &is, &e, &u);
	ck_assert_str_eq(sub_get(s, fi(f, "tong"), -1), "7");
	ck_assert_str_eq(sub_get(s, fi(f, "dem"), -1), "3");
	ck_assert(has_issue(is, n, f, "kq", 0, "không được lớn hơn 100"));
	ck_assert(has_issue(is, n, f, "ten", 1, "bắt buộc"));
	ck_assert(has_issue(is, n, f, "so", 2, "không được nhỏ hơn 1"));
	ck_assert_int_eq(e, 3);
	sub_issues_free(is, n);
	sub_del_row(s, ds, 1);
	ck_assert_int_eq(sub_rows(s, ds), 2);
	ck_assert_str_eq(sub_get(s, fi(f, "ten"), 1), "Bà C");
	sub_recalc(s);
	ck_assert_str_eq(sub_get(s, fi(f, "tong"), -1), "3");
	sub_free(s);
	form_free(f);
}
END_TEST

START_TEST(test_sub_previous_and_json)
{
	struct form *f = load();
	struct sub *prev = sub_new(f, 0, "2026-09"), *s = sub_new(f, 0, "2026-10"), *back;
	struct sub_issue *is;
	size_t n, e, u;
	char *json, *json2, *cause = NULL;
	int ho = fi(f, "ho");

	set_ok(prev, "ho", -1, "100", "100");
	set_ok(prev, "nd", -1, "a", "a");
	sub_set_previous(s, prev);
	ck_assert(sub_copy_previous(s, ho));
	ck_assert_str_eq(sub_get(s, ho, -1), "100");
	set_ok(s, "ho", -1, "200", "200");
	n = check(s, &is, &e, &u);
	ck_assert_int_eq(e, 0);
	ck_assert_int_eq(u, 1);
	ck_assert(has_issue(is, n, f, "ho", -1, "tăng nhanh"));
	sub_issues_free(is, n);
	sub_set_reason(s, ho, -1, 0, "Sáp nhập thôn");
	n = check(s, &is, &e, &u);
	ck_assert_int_eq(u, 0);
	ck_assert(is[0].confirmed);
	sub_issues_free(is, n);

	set_ok(s, "st", 0, "xong", "xong");
	set_ok(s, "kq", 0, "50", "50");
	sub_add_row(s, fi(f, "ds"));
	set_ok(s, "ten", 0, "Ông A", "Ông A");
	json = sub_to_json(s);
	back = sub_from_json(f, 0, "2026-10", json, true, &cause);
	ck_assert_msg(back != NULL, "%s", cause);
	json2 = sub_to_json(back);
	ck_assert_str_eq(json, json2);		/* deterministic and lossless */
	ck_assert_str_eq(sub_reason(back, ho, -1, 0), "Sáp nhập thôn");
	ck_assert_ptr_nonnull(strstr(json, "\"version\":3"));
	free(json2);
	sub_free(back);

	/* the plain form `fill` accepts, with numbers as JSON numbers */
	back = sub_from_json(f, 0, "2026-10", "{\"ho\": 12, \"dt\": 2.5, \"nv\": [{\"_row\": \"1\","
	    " \"st\": \"Xong\"}], \"ds\": [{\"ten\": \"X\", \"so\": 2}]}", true, &cause);
	ck_assert_msg(back != NULL, "%s", cause);
	ck_assert_str_eq(sub_get(back, ho, -1), "12");
	ck_assert_str_eq(sub_get(back, fi(f, "dt"), -1), "2.5");
	ck_assert_str_eq(sub_get(back, fi(f, "st"), 0), "xong");
	ck_assert_str_eq(sub_get(back, fi(f, "tong"), -1), "2");
	sub_free(back);
	/* strict: unknown fields, wrong types, bad JSON are refused */
	ck_assert_ptr_null(sub_from_json(f, 0, "x", "{\"nope\": 1}", true, &cause));
	ck_assert_ptr_nonnull(strstr(cause, "không có trường 'nope'"));
	free(cause);
	cause = NULL;
	ck_assert_ptr_null(sub_from_json(f, 0, "x", "{\"ho\": \"abc\"}", true, &cause));
	ck_assert_str_eq(cause, "\"abc\" không phải số nguyên — ho");
	free(cause);
	cause = NULL;
	ck_assert_ptr_null(sub_from_json(f, 0, "x", "{\"ho\": [1]}", true, &cause));
	free(cause);
	cause = NULL;
	ck_assert_ptr_null(sub_from_json(f, 0, "x", "{\"ho\": 1,", true, &cause));
	ck_assert_ptr_nonnull(strstr(cause, "JSON sai"));
	free(cause);
	cause = NULL;
	ck_assert_ptr_null(sub_from_json(f, 0, "x", "{\"ho\": 1, \"ho\": 2}", true, &cause));
	free(cause);
	cause = NULL;
	/* not strict (an older version): unknown fields dropped */
	back = sub_from_json(f, 0, "x", "{\"values\": {\"ho\": \"5\", \"old\": \"1\"}}", false, &cause);
	ck_assert_ptr_nonnull(back);
	ck_assert_str_eq(sub_get(back, ho, -1), "5");
	sub_free(back);
	free(json);
	sub_free(s);
	form_free(f);
}
END_TEST

/* Keys in any order are all read (the lookup starts where the last key was
 * found), and a calculation is redone after every kind of change however
 * often sub_recalc ran before (it skips only when nothing changed). */
START_TEST(test_sub_order_and_fresh)
{
	struct form *f = load();
	char *cause = NULL, *json;
	struct sub *s = sub_from_json(f, 0, "2026-10", "{\"values\": {\"dt\": \"2.5\", \"ngheo\":"
	    " \"3\", \"ho\": \"10\"}, \"rows\": {\"nv\": [{\"kq\": \"7\", \"_row\": \"1\","
	    " \"st\": \"xong\"}], \"ds\": [{\"so\": \"4\", \"ten\": \"B\"}, {\"ten\": \"C\","
	    " \"so\": \"5\"}]}}", true, &cause);
	int ds = fi(f, "ds");

	ck_assert_msg(s != NULL, "%s", cause);
	ck_assert_str_eq(sub_get(s, fi(f, "ho"), -1), "10");
	ck_assert_str_eq(sub_get(s, fi(f, "ngheo"), -1), "3");
	ck_assert_str_eq(sub_get(s, fi(f, "dt"), -1), "2.5");
	ck_assert_str_eq(sub_get(s, fi(f, "kq"), 0), "7");
	ck_assert_str_eq(sub_get(s, fi(f, "ten"), 1), "C");
	ck_assert_str_eq(sub_get(s, fi(f, "tyle"), -1), "30");
	ck_assert_str_eq(sub_get(s, fi(f, "tong"), -1), "9");
	sub_recalc(s);
	sub_recalc(s);
	set_ok(s, "ho", -1, "20", "20");
	sub_recalc(s);
	ck_assert_str_eq(sub_get(s, fi(f, "tyle"), -1), "15");
	set_ok(s, "ngheo", -1, "", NULL);
	sub_recalc(s);
	ck_assert_ptr_null(sub_get(s, fi(f, "gap"), -1));
	ck_assert_int_eq(sub_add_row(s, ds), 2);
	json = sub_to_json(s);
	ck_assert_msg(strstr(json, "\"dem\":\"3\"") != NULL, "%s", json);
	free(json);
	sub_del_row(s, ds, 0);
	json = sub_to_json(s);
	ck_assert_msg(strstr(json, "\"dem\":\"2\"") != NULL && strstr(json, "\"tong\":\"5\""),
	    "%s", json);
	free(json);
	sub_free(s);
	form_free(f);
}
END_TEST

/* JSON as jansson writes it: loaded and dumped again, the same bytes. */
static void
same_as_jansson(const char *json)
{
	json_error_t jerr;
	json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &jerr);
	char *again;

	ck_assert_msg(root != NULL, "%s: %s", json, jerr.text);
	again = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(json, again);
	free(again);
	json_decref(root);
}

/* The saved form is written without a jansson tree: quotes, backslashes,
 * slashes, Vietnamese, empty objects and reasons on rows come out as
 * jansson writes them, and read back to the same submission. */
START_TEST(test_sub_json_writer)
{
	struct form *f = load();
	struct sub *s = sub_new(f, 0, "2026-10"), *back;
	char *json, *json2, *cause = NULL;
	int ds = fi(f, "ds");

	json = sub_to_json(s);
	same_as_jansson(json);
	ck_assert_ptr_nonnull(strstr(json, "\"reasons\":[]}"));
	free(json);
	set_ok(s, "ho", -1, "10", "10");
	set_ok(s, "co-vu-viec", -1, "xong", "xong");
	set_ok(s, "mo-ta", -1, "Ông \"Ba\" \\ chú/cháu é", "Ông \"Ba\" \\ chú/cháu é");
	ck_assert_int_eq(sub_add_row(s, ds), 0);
	set_ok(s, "ten", 0, "\"", "\"");
	set_ok(s, "so", 0, "2", "2");
	sub_set_reason(s, fi(f, "ho"), -1, 0, "Sáp nhập \"thôn\"");
	json = sub_to_json(s);
	same_as_jansson(json);
	back = sub_from_json(f, 0, "2026-10", json, true, &cause);
	ck_assert_msg(back != NULL, "%s", cause);
	json2 = sub_to_json(back);
	ck_assert_str_eq(json, json2);
	ck_assert_str_eq(sub_get(back, fi(f, "mo-ta"), -1), "Ông \"Ba\" \\ chú/cháu é");
	ck_assert_str_eq(sub_reason(back, fi(f, "ho"), -1, 0), "Sáp nhập \"thôn\"");
	free(json);
	free(json2);
	sub_free(back);
	sub_free(s);
	form_free(f);
}
END_TEST

/* Differential, seeded: random texts (quotes, backslashes, controls, C1
 * controls, DEL, Vietnamese, broken UTF-8) and random stored whole
 * numbers (signs, leading zeros, 1 to 17 digits) go through the writer's
 * shortcuts; what it writes is what jansson writes, and a number read
 * back stored is what format_number ("%.0f") makes of its value, or
 * refused when it is 1e15 or more. */
START_TEST(test_sub_writer_random)
{
	static const char *const piece[] = { "a", "Z", " ", "\"", "\\", "/", "\t", "\n", "\x7f",
	    "\xc2\x85", "\xc2\xa0", "ễ", "Đ", "ư", "\xff", "\xc3", "\x01", "}", "€", "\xf0\x9f\x98\x80" };
	unsigned seed = (unsigned)time(NULL);
	struct form *f = load();
	int mo = fi(f, "mo-ta"), ho = fi(f, "ho"), dt = fi(f, "dt");

	for (int k = 0; k < 400; k++) {
		struct sub *s = sub_new(f, 0, "2026-10"), *back;
		char text[128] = "", num[32], *json, *cause = NULL, *at;
		size_t n = 0;
		int len = rand_r(&seed) % 12;
		double x;

		for (int j = 0; j < len; j++) {
			const char *pc = piece[rand_r(&seed) % (sizeof piece / sizeof piece[0])];
			if (n + strlen(pc) < sizeof text) {
				memcpy(text + n, pc, strlen(pc) + 1);
				n += strlen(pc);
			}
		}
		set_ok(s, "co-vu-viec", -1, "xong", "xong");
		set_ok(s, "ho", -1, "1234567", "1234567");
		if (sub_set(s, mo, -1, text, &cause) != ERR_OK) {
			free(cause);	/* not a text the form takes: nothing to write */
			cause = NULL;
		}
		json = sub_to_json(s);
		same_as_jansson(json);
		back = sub_from_json(f, 0, "2026-10", json, true, &cause);
		ck_assert_msg(back != NULL, "seed %u: %s", seed, cause);
		ck_assert_msg((sub_get(s, mo, -1) == NULL && sub_get(back, mo, -1) == NULL) ||
		    strcmp(sub_get(s, mo, -1), sub_get(back, mo, -1)) == 0, "seed %u", seed);
		sub_free(back);

		/* a stored number, put in place of ho's (an integer) or dt's */
		n = 0;
		if (rand_r(&seed) % 3 == 0)
			num[n++] = '-';
		for (int j = 1 + rand_r(&seed) % 17; j > 0; j--)
			num[n++] = (char)('0' + (rand_r(&seed) % 4 == 0 ? 0 : rand_r(&seed) % 10));
		num[n] = '\0';
		at = strstr(json, "\"1234567\"");
		ck_assert_ptr_nonnull(at);
		{
			char *j2 = xasprintf("%.*s\"%s\"%s", (int)(at - json), json, num, at + 9);
			char want[64];
			int field = rand_r(&seed) % 2 ? ho : dt;

			if (field == dt) {
				/* the same number in dt instead: ho as it was */
				char *j3 = xasprintf("%.*s\"1\"%s", (int)(at - json), json, at + 9);
				char *dtat;
				free(j2);
				sub_set(s, dt, -1, "5", &cause);
				free(json);
				json = sub_to_json(s);
				dtat = strstr(json, "\"dt\":\"5\"");
				ck_assert_ptr_nonnull(dtat);
				j2 = xasprintf("%.*s\"dt\":\"%s\"%s", (int)(dtat - json), json, num,
				    dtat + 8);
				free(j3);
			}
			x = strtod(num, NULL);
			snprintf(want, sizeof want, "%.0f", x == 0 ? 0.0 : x);
			back = sub_from_json(f, 0, "2026-10", j2, true, &cause);
			if (fabs(x) >= 1e15) {
				ck_assert_msg(back == NULL, "seed %u: %s taken", seed, num);
				free(cause);
				cause = NULL;
			} else {
				ck_assert_msg(back != NULL, "seed %u: %s: %s", seed, num, cause);
				ck_assert_msg(strcmp(sub_get(back, field, -1), want) == 0,
				    "seed %u: %s read as %s, want %s", seed, num,
				    sub_get(back, field, -1), want);
				sub_free(back);
			}
			free(j2);
		}
		free(json);
		sub_free(s);
	}
	form_free(f);
}
END_TEST

Suite *
sub_suite(void)
{
	Suite *s = suite_create("sub");
	TCase *tc = tcase_create("sub");

	tcase_add_test(tc, test_sub_typing);
	tcase_add_test(tc, test_sub_writer_random);
	tcase_add_test(tc, test_sub_numbers);
	tcase_add_test(tc, test_sub_checks);
	tcase_add_test(tc, test_sub_today_from_clock);
	tcase_add_test(tc, test_sub_rows_and_grid);
	tcase_add_test(tc, test_sub_previous_and_json);
	tcase_add_test(tc, test_sub_order_and_fresh);
	tcase_add_test(tc, test_sub_json_writer);
	suite_add_tcase(s, tc);
	return s;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-office.c: the office layer's pieces that need no database — how
 * lateness reads, counts per unit and per form, a report cell as people
 * read it (a choice's label, several joined), and whether a figure meets
 * its target.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../office/office-report.h"
#include "../../core/text.h"

START_TEST(test_late_text)
{
	static const struct { long minutes; const char *want; } cases[] = {
		{ 1, "1 phút" }, { 59, "59 phút" }, { 60, "1 giờ 0 phút" },
		{ 75, "1 giờ 15 phút" }, { 1439, "23 giờ 59 phút" }, { 1440, "1 ngày 0 giờ" },
		{ 1440 * 13 + 18 * 60 + 5, "13 ngày 18 giờ" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		office_late_text(cases[i].minutes, buf, sizeof buf);
		ck_assert_str_eq(buf, cases[i].want);
	}
}
END_TEST

START_TEST(test_counts)
{
	struct office_row rows[5];
	struct office_count *c;
	char u1[] = "u1", u2[] = "u2";
	size_t n;

	memset(rows, 0, sizeof rows);
	rows[0] = (struct office_row){ .form_id = "a-thang", .period = "2026-10", .unit_id = u1,
	    .state = OS_MISSING };
	rows[1] = (struct office_row){ .form_id = "a-thang", .period = "2026-10", .unit_id = u2,
	    .state = OS_LATE };
	rows[2] = (struct office_row){ .form_id = "a-thang", .period = "2026-09", .unit_id = u1,
	    .state = OS_ON_TIME };
	rows[3] = (struct office_row){ .form_id = "b-quy", .period = "2026-Q3", .unit_id = u2,
	    .state = OS_RETURNED };
	rows[4] = (struct office_row){ .form_id = "b-quy", .period = "2026-Q3", .unit_id = u1,
	    .state = OS_LATE };

	/* per unit, in the order the rows first name them */
	n = office_counts(rows, 5, false, &c);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[0].key, "u1");
	ck_assert_int_eq(c[0].n[OS_MISSING], 1);
	ck_assert_int_eq(c[0].n[OS_ON_TIME], 1);
	ck_assert_int_eq(c[0].n[OS_LATE], 1);
	ck_assert_str_eq(c[1].key, "u2");
	ck_assert_int_eq(c[1].n[OS_LATE], 1);
	ck_assert_int_eq(c[1].n[OS_RETURNED], 1);
	ck_assert_int_eq(c[1].n[OS_MISSING], 0);
	free(c);

	/* per form and period: the same form in two periods is two lines */
	n = office_counts(rows, 5, true, &c);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(c[0].key, "a-thang");
	ck_assert_str_eq(c[0].period, "2026-10");
	ck_assert_int_eq(c[0].n[OS_MISSING] + c[0].n[OS_LATE], 2);
	ck_assert_str_eq(c[1].period, "2026-09");
	ck_assert_str_eq(c[2].key, "b-quy");
	ck_assert_int_eq(c[2].n[OS_RETURNED], 1);
	ck_assert_int_eq(c[2].n[OS_LATE], 1);
	free(c);

	ck_assert_uint_eq(office_counts(rows, 0, true, &c), 0);
	free(c);
}
END_TEST

/* The older periods a unit owes that the table does not list (over the
 * cap) count in the unit's counts, never in another period's. */
START_TEST(test_counts_hidden)
{
	struct office_row rows[2];
	struct office_count *c;
	char u1[] = "u1";
	size_t n;

	memset(rows, 0, sizeof rows);
	rows[0] = (struct office_row){ .form_id = "a-thang", .period = "2026-10", .unit_id = u1,
	    .state = OS_MISSING };
	rows[1] = (struct office_row){ .form_id = "a-thang", .period = "2026-07", .unit_id = u1,
	    .state = OS_RETURNED, .more_missing = 5, .more_returned = 2, .more_from = "2025-12" };
	n = office_counts(rows, 2, false, &c);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(c[0].n[OS_MISSING], 6);
	ck_assert_int_eq(c[0].n[OS_RETURNED], 3);
	free(c);
	n = office_counts(rows, 2, true, &c);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[1].period, "2026-07");
	ck_assert_int_eq(c[1].n[OS_MISSING], 0);
	ck_assert_int_eq(c[1].n[OS_RETURNED], 1);
	free(c);
}
END_TEST

static const char *const FORM =
    "form: t\nversion: 1\ntitle: T\nunit: thon\n"
    "reports: [{id: thang, period: month, deadline: day 10 of next month}]\n"
    "choices:\n"
    "  md: [{value: thuong, label: Thông thường}, {value: nang, label: Nghiêm trọng}]\n"
    "fields:\n"
    "  - {name: muc-do, type: select_one, label: Mức độ, list: md}\n"
    "  - {name: loai, type: select_multiple, label: Loại, list: md}\n"
    "  - {name: ty-le, type: decimal, label: Tỷ lệ, target: '>= 60'}\n"
    "  - {name: ghi-chu, type: text, label: Ghi chú}\n";

START_TEST(test_cells_and_targets)
{
	struct form_errors errs;
	struct form *f = form_load("t.yaml", FORM, strlen(FORM), &errs);
	struct office_report rep;
	struct sub *s;
	char buf[128], *cause = NULL;
	int cols[4];

	ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "?");
	memset(&rep, 0, sizeof rep);
	rep.f = f;
	for (int i = 0; i < 4; i++)
		cols[i] = form_field_index(f, (const char *[]){ "muc-do", "loai", "ty-le",
		    "ghi-chu" }[i]);
	rep.cols = cols;
	rep.ncols = 4;
	s = sub_new(f, 0, "2026-10");

	/* empty: NULL, so CSV and XLSX leave the cell empty */
	ck_assert_ptr_null(office_report_cell(&rep, s, 0, buf, sizeof buf));
	ck_assert(!office_report_off_target(&rep, s, 2));
	ck_assert(!office_report_off_target(&rep, NULL, 2));

	ck_assert_int_eq(sub_set(s, cols[0], -1, "thuong", &cause), ERR_OK);
	ck_assert_int_eq(sub_set(s, cols[1], -1, "nang thuong", &cause), ERR_OK);
	ck_assert_int_eq(sub_set(s, cols[2], -1, "48,73", &cause), ERR_OK);
	ck_assert_int_eq(sub_set(s, cols[3], -1, "Đã xử lý", &cause), ERR_OK);
	ck_assert_str_eq(office_report_cell(&rep, s, 0, buf, sizeof buf), "Thông thường");
	/* several choices: their labels in the order stored, joined */
	ck_assert_str_eq(office_report_cell(&rep, s, 1, buf, sizeof buf),
	    "Thông thường; Nghiêm trọng");
	ck_assert_str_eq(office_report_cell(&rep, s, 2, buf, sizeof buf), "48.73");
	ck_assert_str_eq(office_report_cell(&rep, s, 3, buf, sizeof buf), "Đã xử lý");
	/* a small buffer cuts, never overflows */
	ck_assert_uint_le(strlen(office_report_cell(&rep, s, 1, buf, 8)), 7);

	ck_assert(office_report_off_target(&rep, s, 2));
	ck_assert_int_eq(sub_set(s, cols[2], -1, "60", &cause), ERR_OK);
	ck_assert(!office_report_off_target(&rep, s, 2));
	ck_assert(!office_report_off_target(&rep, s, 0));	/* no target */

	sub_free(s);
	form_free(f);
}
END_TEST

/* Targets as plans write them, read into comparison + value + unit. */
START_TEST(test_targets_read)
{
	static const struct {
		const char *text;
		enum target_cmp cmp;
		double value;
		const char *unit;
		bool previous;
	} ok[] = {
		{ "100%", TARGET_GE, 100, "%", false },
		{ ">= 80", TARGET_GE, 80, NULL, false },
		{ "≥ 80%", TARGET_GE, 80, "%", false },
		{ "<= 3", TARGET_LE, 3, NULL, false },
		{ "≤ 3 ngày", TARGET_LE, 3, "ngày", false },
		{ "tối thiểu 90%", TARGET_GE, 90, "%", false },
		{ "Tối thiểu 90 %", TARGET_GE, 90, "%", false },
		{ "không thấp hơn 95%", TARGET_GE, 95, "%", false },
		{ "không quá 3 ngày", TARGET_LE, 3, "ngày", false },
		{ "không vượt quá 5", TARGET_LE, 5, NULL, false },
		{ "dưới 5%", TARGET_LT, 5, "%", false },
		{ "trên 50 hộ", TARGET_GT, 50, "hộ", false },
		{ "= 0", TARGET_EQ, 0, NULL, false },
		{ "80% trở lên", TARGET_GE, 80, "%", false },
		{ "từ 80%", TARGET_GE, 80, "%", false },
		{ "1.234 người", TARGET_GE, 1234, "người", false },
		{ "12,5 ha", TARGET_GE, 12.5, "ha", false },
		{ "12.5 ha", TARGET_GE, 12.5, "ha", false },
		{ "không thấp hơn năm trước", TARGET_GE, 0, NULL, true },
		{ "≥ kỳ trước", TARGET_GE, 0, NULL, true },
	};
	static const char *const bad[] = { "", "khoảng 90", "hoàn thành", ">= ", "90 hay 100",
		"%" };
	struct form_target t;
	size_t pos;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		ck_assert_msg(form_target_parse(ok[i].text, &t, &pos), "%s", ok[i].text);
		ck_assert_msg(t.cmp == ok[i].cmp, "%s: cmp %d", ok[i].text, t.cmp);
		ck_assert_msg(t.previous == ok[i].previous, "%s", ok[i].text);
		ck_assert_msg(fabs(t.value - ok[i].value) < 1e-9, "%s: %g", ok[i].text, t.value);
		if (ok[i].unit)
			ck_assert_msg(t.unit && strcmp(t.unit, ok[i].unit) == 0, "%s: unit '%s'",
			    ok[i].text, t.unit ? t.unit : "(none)");
		else
			ck_assert_msg(t.unit == NULL, "%s: unit '%s'", ok[i].text, t.unit);
		form_target_free(&t);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(!form_target_parse(bad[i], &t, &pos), "'%s' read", bad[i]);
		ck_assert_int_eq(t.cmp, TARGET_UNREAD);
		form_target_free(&t);
	}
	/* where reading stopped: "90 hay 100" — at the digits after the unit */
	ck_assert(!form_target_parse("90 hay 100", &t, &pos));
	ck_assert_uint_eq(pos, 7);
	form_target_free(&t);

	/* met, and met against the previous period */
	ck_assert(form_target_parse("tối thiểu 90%", &t, &pos));
	ck_assert_int_eq(form_target_met(&t, 90, false, 0), 1);
	ck_assert_int_eq(form_target_met(&t, 89.99, false, 0), 0);
	form_target_free(&t);
	ck_assert(form_target_parse("không thấp hơn năm trước", &t, &pos));
	ck_assert_int_eq(form_target_met(&t, 5, false, 0), -1);
	ck_assert_int_eq(form_target_met(&t, 5, true, 6), 0);
	ck_assert_int_eq(form_target_met(&t, 6, true, 6), 1);
	form_target_free(&t);
}
END_TEST

/* Defaults that are right without `total:`. */
START_TEST(test_total_defaults)
{
	static const char *const text =
	    "form: t\nversion: 1\ntitle: T\nunit: thon\n"
	    "reports: [{id: thang, period: month, deadline: day 10 of next month}]\n"
	    "choices:\n  md: [{value: a, label: A, done: true}, {value: b, label: B, progress: late}]\n"
	    "fields:\n"
	    "  - {name: ho, type: integer, label: Số hộ, unit: hộ}\n"
	    "  - {name: dt, type: decimal, label: Diện tích, unit: ha}\n"
	    "  - {name: tl, type: decimal, label: Tỷ lệ che phủ, unit: '%'}\n"
	    "  - {name: bq, type: decimal, label: Thu nhập bình quân, unit: triệu}\n"
	    "  - {name: c, type: calculate, label: C, calculation: '${ho} * 2'}\n"
	    "  - {name: s, type: select_one, label: S, list: md}\n"
	    "  - {name: x, type: text, label: X}\n"
	    "  - {name: r, type: decimal, label: R, unit: '%', total: 'ratio(ho, dt)'}\n";
	struct form_errors errs;
	struct form *f = form_load("t.yaml", text, strlen(text), &errs);

	ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "?");
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "ho")), TOTAL_SUM);
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "dt")), TOTAL_SUM);
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "tl")), TOTAL_NONE);
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "bq")), TOTAL_MEAN);
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "c")), TOTAL_FORMULA);
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "s")), TOTAL_OPTIONS);
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "x")), TOTAL_COUNT);
	ck_assert_int_eq(form_field_total(f, form_field_index(f, "r")), TOTAL_RATIO);
	ck_assert_int_eq(f->fields[form_field_index(f, "r")].total_num, form_field_index(f, "ho"));
	ck_assert_int_eq(f->fields[form_field_index(f, "r")].total_den, form_field_index(f, "dt"));
	ck_assert_int_eq(f->lists[0].choices[0].progress, PROGRESS_DONE);
	ck_assert_int_eq(f->lists[0].choices[1].progress, PROGRESS_LATE);
	/* the doubtful defaults are said: the rate, the mean from the label */
	ck_assert_uint_eq(f->nnotes, 2);
	ck_assert_ptr_nonnull(strstr(f->notes[0], " — t.yaml:11:5"));
	ck_assert_ptr_nonnull(strstr(f->notes[1], " — t.yaml:12:5"));
	form_free(f);

	/* a task grid whose statuses mean nothing is said */
	{
		static const char *const g =
		    "form: g\nversion: 1\ntitle: T\nunit: thon\n"
		    "reports: [{id: thang, period: month, deadline: day 10 of next month}]\n"
		    "choices:\n  tt: [{value: xong, label: Xong}, {value: chua, label: Chưa}]\n"
		    "fields:\n"
		    "  - name: nv\n    type: grid\n    label: Nhiệm vụ\n"
		    "    rows: [{id: '1', label: Việc}]\n"
		    "    columns: [{name: nv-tt, type: select_one, label: Tình trạng, list: tt}]\n";
		f = form_load("g.yaml", g, strlen(g), &errs);
		ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "?");
		ck_assert_uint_eq(f->nnotes, 1);
		ck_assert_ptr_nonnull(strstr(f->notes[0], " — g.yaml:9:5"));
		ck_assert_ptr_nonnull(strstr(f->notes[0], "done: true"));
		form_free(f);
	}
}
END_TEST

/* Text cut and padded by display width, never inside a character. */
START_TEST(test_text_fits)
{
	static const char *const words[] = { "Phối hợp rà soát đất đai, GPMB", "ệệệệệệ",
		"Trung tâm Phục vụ hành chính công xã", "a", "" };
	char buf[256];

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		for (int w = 1; w < 40; w++) {
			text_pad(buf, sizeof buf, words[i], w);
			ck_assert_msg(text_valid(buf), "'%s' at %d: not UTF-8", words[i], w);
			ck_assert_int_eq(text_width(buf), w);
			/* a column: one space always parts it from the next */
			if ((int)strlen(words[i]) > 0 && text_width(words[i]) >= w)
				ck_assert(buf[strlen(buf) - 1] == ' ');
		}
	/* a buffer too small for the text: cut before the character, not in it */
	for (size_t size = 1; size < 12; size++) {
		char small[12];
		text_pad(small, size, "ệệệệệệ", 20);
		ck_assert_msg(text_valid(small), "size %zu: not UTF-8", size);
	}
	snprintf(buf, sizeof buf, "%s", "Nguyễn Văn Ấn");
	text_cut(buf, 5);
	ck_assert_str_eq(buf, "Nguyễ");
}
END_TEST

/* Periods in DHIS2's notation. */
START_TEST(test_dhis2_periods)
{
	static const struct { enum period_kind k; const char *id, *want; } cases[] = {
		{ PERIOD_MONTH, "2026-10", "202610" }, { PERIOD_MONTH, "2026-01", "202601" },
		{ PERIOD_QUARTER, "2026-Q3", "2026Q3" }, { PERIOD_HALF, "2026-H1", "2026S1" },
		{ PERIOD_YEAR, "2026", "2026" }, { PERIOD_WEEK, "2026-W45", "2026W45" },
		{ PERIOD_DAY, "2026-11-05", "20261105" },
		{ PERIOD_INCIDENT, "2026-11-05T07:30", "20261105" },
	};
	struct period p;
	char buf[16];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(period_parse(cases[i].k, cases[i].id, &p), "%s", cases[i].id);
		ck_assert(office_dhis2_period(&p, buf, sizeof buf));
		ck_assert_str_eq(buf, cases[i].want);
	}
	ck_assert(period_parse(PERIOD_SEMESTER, "2026-S1", &p));
	ck_assert(!office_dhis2_period(&p, buf, sizeof buf));
}
END_TEST

Suite *
office_suite(void)
{
	Suite *s = suite_create("office");
	TCase *tc = tcase_create("office");

	tcase_add_test(tc, test_late_text);
	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_counts_hidden);
	tcase_add_test(tc, test_cells_and_targets);
	tcase_add_test(tc, test_targets_read);
	tcase_add_test(tc, test_total_defaults);
	tcase_add_test(tc, test_dhis2_periods);
	tcase_add_test(tc, test_text_fits);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * check-office.c: the office layer's pieces that need no database — how
 * lateness reads, counts per unit and per form, a report cell as people
 * read it (a choice's label, several joined), and whether a figure meets
 * its target.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../office/office-report.h"

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

Suite *
office_suite(void)
{
	Suite *s = suite_create("office");
	TCase *tc = tcase_create("office");

	tcase_add_test(tc, test_late_text);
	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_cells_and_targets);
	suite_add_tcase(s, tc);
	return s;
}

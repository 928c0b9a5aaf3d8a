/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-form.c: the form loader. Every file of forms/catalog/ must load;
 * each kind of definition error, in a small broken file, must be reported
 * at its exact file:line:col; a file with errors never half-loads.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../forms/catalog.h"
#include "../../forms/form.h"

START_TEST(test_catalog_loads)
{
	DIR *d = opendir("forms/catalog");
	struct dirent *de;
	int forms = 0;

	ck_assert_msg(d != NULL, "run the tests from the source tree (forms/catalog)");
	while ((de = readdir(d)) != NULL) {
		char path[512];
		struct form_errors errs;
		struct form *f;
		size_t n = strlen(de->d_name);

		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0 ||
		    strcmp(de->d_name, CATALOG_HOLIDAYS) == 0)
			continue;
		snprintf(path, sizeof path, "forms/catalog/%s", de->d_name);
		f = form_load_file(path, &errs);
		ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : path);
		ck_assert_uint_gt(f->nreports, 0);
		ck_assert_uint_gt(f->nfields, 0);
		form_free(f);
		forms++;
	}
	closedir(d);
	ck_assert_int_gt(forms, 0);
}
END_TEST

START_TEST(test_catalog_embedded)
{
	/* The binary's copy is the same set of files, and every form id is
	 * unique across the catalogue. */
	char **ids = NULL;
	size_t nids = 0;

	ck_assert_uint_gt(catalog_nfiles, 1);
	for (size_t i = 0; i < catalog_nfiles; i++) {
		struct form_errors errs;
		struct form *f;

		if (strcmp(catalog_files[i].name, CATALOG_HOLIDAYS) == 0)
			continue;
		f = form_load(catalog_files[i].name, catalog_files[i].text, catalog_files[i].len,
		    &errs);
		ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "?");
		for (size_t r = 0; r < f->nreports; r++) {
			for (size_t k = 0; k < nids; k++)
				ck_assert_msg(strcmp(ids[k], f->reports[r].form_id) != 0,
				    "form id %s twice in the catalogue", ids[k]);
			ids = realloc(ids, (nids + 1) * sizeof *ids);
			ids[nids++] = strdup(f->reports[r].form_id);
		}
		form_free(f);
	}
	for (size_t k = 0; k < nids; k++)
		free(ids[k]);
	free(ids);
}
END_TEST

#define HEAD \
	"form: t\n" \
	"version: 1\n" \
	"title: Thử\n" \
	"unit: thon\n" \
	"reports:\n" \
	"  - {id: thang, period: month, deadline: day 10 of next month}\n" \
	"  - {id: nam, period: year, deadline: 05/12}\n"

/* Each broken file and its first error. Lines 1-7 are HEAD. */
static const struct {
	const char *what, *text, *want;
} broken[] = {
	{ "unknown key", HEAD "fields:\n  - {name: a, type: integer, label: A, requird: true}\n",
	  "khóa không biết 'requird' trong trường — t.yaml:9:40" },
	{ "unknown top key", HEAD "feilds: []\n", "tệp biểu mẫu thiếu khóa 'fields' — t.yaml:1:1" },
	{ "wrong type", HEAD "fields:\n  - {name: a, type: integer, label: A, min: many}\n",
	  "'min' phải là một số — t.yaml:9:45" },
	{ "wrong type: version", "form: t\nversion: one\ntitle: T\nunit: thon\n"
	  "reports: [{id: a, period: year}]\nfields: [{name: a, type: text, label: A}]\n",
	  "'version' phải là số nguyên từ 1 đến 1000000 — t.yaml:2:10" },
	{ "wrong type: list for a value", HEAD "fields:\n  - name: a\n    type: [integer]\n    label: A\n",
	  "'type' phải là một giá trị đơn — t.yaml:10:11" },
	{ "unknown field type", HEAD "fields:\n  - {name: a, type: number, label: A}\n",
	  "kiểu trường không biết 'number' — t.yaml:9:21" },
	{ "duplicate field id", HEAD "fields:\n  - {name: a, type: integer, label: A}\n"
	  "  - {name: a, type: text, label: B}\n",
	  "tên trường 'a' đã dùng ở dòng 9 — t.yaml:10:12" },
	{ "bad field name", HEAD "fields:\n  - {name: Số hộ, type: integer, label: A}\n",
	  "'name' phải gồm chữ thường — t.yaml:9:12" },
	{ "reference to a missing field", HEAD "fields:\n  - name: a\n    type: integer\n"
	  "    label: A\n    constraint: \". <= ${so-ho}\"\n",
	  "biểu thức sai: không có trường 'so-ho' — t.yaml:12:23" },
	{ "bad expression", HEAD "fields:\n  - name: a\n    type: integer\n    label: A\n"
	  "    relevant: ${b} >\n  - {name: b, type: integer, label: B}\n",
	  "biểu thức sai: biểu thức chưa kết thúc — t.yaml:12:21" },
	{ "unknown function", HEAD "fields:\n  - {name: a, type: calculate, calculation: 'sqrt(4)'}\n",
	  "biểu thức sai: không có hàm 'sqrt' — t.yaml:9:46" },
	{ "cycle in calculations", HEAD "fields:\n"
	  "  - {name: a, type: calculate, calculation: '${b} + 1'}\n"
	  "  - {name: b, type: calculate, calculation: '${c} * 2'}\n"
	  "  - {name: c, type: calculate, calculation: '${a}'}\n",
	  "phép tính phụ thuộc vòng tròn: a → b → c → a — t.yaml:9:5" },
	{ "self-reference", HEAD "fields:\n  - {name: a, type: calculate, calculation: '${a} + 1'}\n",
	  "phép tính phụ thuộc vòng tròn: a → a — t.yaml:9:5" },
	{ "bad deadline rule", "form: t\nversion: 1\ntitle: T\nunit: thon\nreports:\n"
	  "  - {id: thang, period: month, deadline: day 40 of next month}\n"
	  "fields:\n  - {name: a, type: integer, label: A}\n",
	  "hạn nộp không hợp lệ \"day 40 of next month\" — t.yaml:6:46" },
	{ "deadline for another period", "form: t\nversion: 1\ntitle: T\nunit: thon\nreports:\n"
	  "  - id: quy\n    period: quarter\n    deadline: \"10/12\"\n"
	  "fields:\n  - {name: a, type: integer, label: A}\n",
	  "hạn nộp không hợp lệ \"10/12\" (với kỳ quý — t.yaml:8:16" },
	{ "unknown period", "form: t\nversion: 1\ntitle: T\nunit: thon\nreports:\n"
	  "  - {id: thang, period: monthly}\nfields:\n  - {name: a, type: integer, label: A}\n",
	  "không có kỳ báo cáo 'monthly': có phải 'month' (tháng)? Tên kỳ viết bằng tiếng Anh — t.yaml:6:25" },
	{ "a Vietnamese period", "form: t\nversion: 1\ntitle: T\nunit: thon\nreports:\n"
	  "  - {id: q, period: quy}\nfields:\n  - {name: a, type: integer, label: A}\n",
	  "không có kỳ báo cáo 'quy': có phải 'quarter' (quý)? Tên kỳ viết bằng tiếng Anh — t.yaml:6:21" },
	{ "a period nothing like one", "form: t\nversion: 1\ntitle: T\nunit: thon\nreports:\n"
	  "  - {id: q, period: xyz}\nfields:\n  - {name: a, type: integer, label: A}\n",
	  "không có kỳ báo cáo 'xyz': ghi một trong các kỳ day (ngày), week (tuần), month (tháng), "
	  "quarter (quý), half (nửa năm), semester (học kỳ), year (năm), request (theo yêu cầu), "
	  "incident (khi có việc) — t.yaml:6:21" },
	{ "a heading with a deadline", HEAD "fields:\n  - name: g\n    type: grid\n    label: G\n"
	  "    rows:\n      - {id: 'I', label: Phần một, heading: true, deadline: 30/06/2026}\n"
	  "    columns: [{name: c, type: text, label: C}]\n",
	  "dòng 'I' là dòng tiêu đề (heading: true), không ai báo cáo nên không ghi 'deadline': xoá "
	  "'deadline' ở dòng này, hoặc bỏ 'heading: true' nếu dòng này là một nhiệm vụ — t.yaml:13:51" },
	{ "missing choice list", HEAD "fields:\n  - {name: a, type: select_one, label: A, list: x}\n",
	  "không có danh sách lựa chọn 'x' — t.yaml:9:49" },
	{ "select without list", HEAD "fields:\n  - {name: a, type: select_one, label: A}\n",
	  "trường 'a' thiếu 'list' — t.yaml:9:5" },
	{ "field outside its report", HEAD "fields:\n"
	  "  - {name: a, type: integer, label: A, reports: [nam]}\n"
	  "  - {name: b, type: calculate, calculation: '${a} * 2'}\n",
	  "'b' đọc trường 'a' không có trong báo cáo 'thang' — t.yaml:10:45" },
	{ "unknown report", HEAD "fields:\n  - {name: a, type: integer, label: A, reports: [tuan]}\n",
	  "không có báo cáo 'tuan' — t.yaml:9:50" },
	{ "sum of a plain field", HEAD "fields:\n  - {name: a, type: integer, label: A}\n"
	  "  - {name: b, type: calculate, calculation: 'sum(${a})'}\n",
	  "biểu thức sai: sum() cần một cột — t.yaml:10:50" },
	{ "grid without rows", HEAD "fields:\n  - name: g\n    type: grid\n    label: G\n"
	  "    columns:\n      - {name: s, type: text, label: S}\n",
	  "bảng thiếu khóa 'rows' — t.yaml:9:5" },
	{ "nested grid", HEAD "fields:\n  - name: g\n    type: repeat\n    label: G\n    fields:\n"
	  "      - {name: h, type: grid, label: H, rows: [{id: '1', label: x}], columns: []}\n",
	  "không lồng bảng hoặc nhóm lặp vào nhau — t.yaml:13:25" },
	{ "YAML syntax", HEAD "fields:\n  - {name: a, type: integer, label: A\n",
	  "thiếu ',' hoặc '}' — t.yaml:10:1" },
	{ "alias", HEAD "fields:\n  - &x {name: a, type: integer, label: A}\n  - *x\n",
	  "không hỗ trợ anchor — t.yaml:9:5" },
	{ "duplicate key", HEAD "fields:\n  - {name: a, type: integer, label: A, label: B}\n",
	  "khóa 'label' lặp lại (đã có ở dòng 9) — t.yaml:9:40" },
	{ "calculation on a non-calculate", HEAD "fields:\n"
	  "  - {name: a, type: integer, label: A, calculation: '1'}\n",
	  "'calculation' chỉ dùng cho trường calculate — t.yaml:9:53" },
	{ "min above max", HEAD "fields:\n  - {name: a, type: integer, label: A, min: 5, max: 1}\n",
	  "'max' nhỏ hơn 'min' — t.yaml:9:53" },
	/* HEAD's "Thử" is 4 bytes and 3 characters: libyaml's mark counts characters */
	{ "tab after a list's '-', below Vietnamese text", HEAD "fields:\n"
	  "  - {name: a, type: integer, label: Số hộ}\n  -\t{name: b, type: integer, label: B}\n",
	  "có ký tự tab: YAML chỉ thụt đầu dòng bằng dấu cách — t.yaml:10:4" },
	{ "tab indenting a list item's key, below Vietnamese text", HEAD "fields:\n"
	  "  - name: a\n    type: integer\n    label: Số hộ gia đình\n\t   hint: x\n",
	  "có ký tự tab: YAML chỉ thụt đầu dòng bằng dấu cách (khối bắt đầu ở dòng 11) — t.yaml:12:1" },
	{ "a validity day the month lacks", "form: t\nversion: 1\ntitle: T\nunit: thon\n"
	  "valid: {from: 31/6/2026}\nreports: [{id: a, period: year}]\n"
	  "fields: [{name: a, type: text, label: A}]\n",
	  "'from' \"31/6/2026\": tháng 6/2026 không có ngày 31 (tháng này có 30 ngày) — t.yaml:5:15" },
	{ "not UTF-8", "form: t\ntitle: \xff\n", "tệp không phải văn bản UTF-8 hợp lệ — t.yaml:1:1" },
	{ "empty file", "", "tệp biểu mẫu thiếu khóa 'form' — t.yaml:1:1" },
};

START_TEST(test_broken_files)
{
	int bad = 0;

	/* Report every mismatch before failing, so one run shows them all. */
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		struct form_errors errs;
		struct form *f = form_load("t.yaml", broken[i].text, strlen(broken[i].text), &errs);

		ck_assert_msg(f == NULL, "%s: loaded", broken[i].what);
		ck_assert_uint_gt(errs.n, 0);
		if (!test_line_is(errs.lines[0], broken[i].want)) {
			fprintf(stderr, "%s:\n got  %s\n want %s\n", broken[i].what, errs.lines[0],
			    broken[i].want);
			bad++;
		}
		form_errors_free(&errs);
	}
	ck_assert_msg(bad == 0, "%d broken files reported wrongly (see above)", bad);
}
END_TEST

START_TEST(test_all_errors_reported)
{
	const char *text = HEAD "fields:\n"
	    "  - {name: a, type: integer, label: A, requird: true}\n"
	    "  - {name: b, type: integer, label: B, constraint: '. > ${zz}'}\n"
	    "  - {name: a, type: text, label: C}\n";
	struct form_errors errs;
	struct form *f = form_load("t.yaml", text, strlen(text), &errs);

	ck_assert_ptr_null(f);
	ck_assert_uint_eq(errs.n, 3);
	ck_assert_ptr_nonnull(strstr(errs.lines[0], " — t.yaml:9:"));
	ck_assert_ptr_nonnull(strstr(errs.lines[1], " — t.yaml:10:"));
	ck_assert_ptr_nonnull(strstr(errs.lines[2], " — t.yaml:11:"));
	form_errors_free(&errs);
}
END_TEST

/* The kinds no unit has are said with the errors, in line order, under the
 * same cap; and as warnings (notes) when the file loads. */
START_TEST(test_kinds_with_errors)
{
	static const char *const known[] = { "thon", "phong-vhxh", "tt-hcc" };
	const struct form_kinds k = { known, 3, "trong danh sách đơn vị" };
	const char *text = HEAD "fields:\n"
	    "  - name: g\n    type: grid\n    label: G\n    rows:\n"
	    "      - {id: '1', label: A, lead: phong-vh-xh}\n"
	    "      - {id: '2', label: B, dealine: 30/06/2026}\n"
	    "    columns: [{name: c, type: text, label: C}]\n";
	const char *good = HEAD "fields:\n"
	    "  - name: g\n    type: grid\n    label: G\n    rows:\n"
	    "      - {id: '1', label: A, lead: phong-vh-xh}\n"
	    "    columns: [{name: c, type: text, label: C}]\n";
	struct form_errors errs;
	struct form *f = form_load_kinds("t.yaml", text, strlen(text), &k, &errs);

	ck_assert_ptr_null(f);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_msg(strstr(errs.lines[0], "'phong-vh-xh'") && strstr(errs.lines[0],
	    "có phải 'phong-vhxh'?") && strstr(errs.lines[0], " — t.yaml:13:"), "%s", errs.lines[0]);
	ck_assert_msg(strstr(errs.lines[1], "'dealine'") && strstr(errs.lines[1], " — t.yaml:14:"),
	    "%s", errs.lines[1]);
	form_errors_free(&errs);
	/* without kinds: the error alone */
	ck_assert_ptr_null(form_load("t.yaml", text, strlen(text), &errs));
	ck_assert_uint_eq(errs.n, 1);
	form_errors_free(&errs);
	f = form_load_kinds("t.yaml", good, strlen(good), &k, &errs);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->nnotes, 1);
	ck_assert_ptr_nonnull(strstr(f->notes[0], "có phải 'phong-vhxh'?"));
	form_free(f);
}
END_TEST

START_TEST(test_form_model)
{
	const char *text = HEAD
	    "choices:\n  yn:\n    - {value: co, label: Có}\n    - {value: khong, label: Không}\n"
	    "fields:\n"
	    "  - name: s\n    type: group\n    label: S\n    reports: [nam]\n    fields:\n"
	    "      - {name: a, type: integer, label: A, min: 0}\n"
	    "  - {name: b, type: select_one, label: B, list: yn}\n"
	    "  - name: g\n    type: grid\n    label: G\n"
	    "    rows: [{id: '1', label: Việc một}, {id: '2', label: Việc hai, due: Quý II}]\n"
	    "    columns:\n      - {name: pct, type: decimal, label: '%', max: 100}\n";
	struct form_errors errs;
	struct form *f = form_load("t.yaml", text, strlen(text), &errs);
	int a, pct;

	ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "");
	ck_assert_str_eq(f->reports[0].form_id, "t-thang");
	ck_assert_str_eq(f->reports[1].form_id, "t-nam");
	ck_assert_int_eq(form_report_index(f, "t-nam"), 1);
	a = form_field_index(f, "a");
	pct = form_field_index(f, "pct");
	ck_assert(!form_field_in_report(f, a, 0));
	ck_assert(form_field_in_report(f, a, 1));
	ck_assert(form_field_in_report(f, form_field_index(f, "b"), 0));
	ck_assert_int_eq(f->fields[pct].container, form_field_index(f, "g"));
	ck_assert_uint_eq(f->fields[form_field_index(f, "g")].nrows, 2);
	ck_assert_str_eq(f->fields[form_field_index(f, "g")].rows[1].due, "Quý II");
	ck_assert(f->fields[pct].has_max && f->fields[pct].max == 100);
	ck_assert_str_eq(f->lists[0].choices[0].label, "Có");
	form_free(f);
}
END_TEST

Suite *
form_suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("form");

	tcase_add_test(tc, test_catalog_loads);
	tcase_add_test(tc, test_catalog_embedded);
	tcase_add_test(tc, test_broken_files);
	tcase_add_test(tc, test_all_errors_reported);
	tcase_add_test(tc, test_form_model);
	tcase_add_test(tc, test_kinds_with_errors);
	suite_add_tcase(s, tc);
	return s;
}

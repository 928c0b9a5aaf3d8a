/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-plan.c: plans as forms. A task table whose rows name their own
 * lead and helper kinds is one form, and every question "who owes this
 * row?" gets one answer; row deadlines are read the way plans write them
 * and a day without a year is refused; targets relative to the previous
 * period are judged against it; a file with five mistakes gets five lines.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../core/mem.h"
#include "../../forms/form.h"
#include "../../forms/plan.h"
#include "../../forms/sub.h"

static const char plan_text[] =
	"form: papi\n"
	"version: 1\n"
	"title: Nâng cao PAPI\n"
	"unit: van-phong\n"
	"valid: {from: 2025-01-01, to: 2026-12-31}\n"
	"events:\n"
	"  - {id: khao-sat, label: Có kết quả khảo sát}\n"
	"reports:\n"
	"  - {id: quy, period: quarter}\n"
	"  - {id: nam, period: year, deadline: 05/01 next year}\n"
	"choices:\n"
	"  tt:\n"
	"    - {value: chua, label: Chưa}\n"
	"    - {value: xong, label: Xong, done: true}\n"
	"fields:\n"
	"  - {name: so-ho, type: integer, label: Số hộ}\n"
	"  - name: nv\n"
	"    type: grid\n"
	"    label: Nhiệm vụ\n"
	"    rows:\n"
	"      - {id: I, heading: true, label: Công khai minh bạch}\n"
	"      - {id: '1', label: Niêm yết, lead: thon, helpers: [van-phong], deadline: Quý II/2025}\n"
	"      - {id: '2', label: Họp dân, lead: [thon, truong], deadline: tháng 9 hằng năm}\n"
	"      - {id: '3', label: Báo cáo, deadline: trước 05/01 năm sau,"
	" target: ['100%', {column: nv-diem, target: tăng ít nhất 5%}]}\n"
	"      - {id: '4', label: Khắc phục, lead: phong-vhxh,"
	" deadline: 5 ngày làm việc sau khao-sat}\n"
	"      - {id: '5', label: Duy trì, deadline: Thường xuyên}\n"
	"    columns:\n"
	"      - {name: nv-tt, type: select_one, label: Tình trạng, list: tt}\n"
	"      - {name: nv-diem, type: decimal, label: Điểm, unit: điểm}\n"
	"      - {name: nv-x2, type: calculate, hidden: true, calculation: '${nv-diem} * 2'}\n";

static struct form *load_plan(void)
{
	struct form_errors errs;
	struct form *f = form_load("papi.yaml", plan_text, strlen(plan_text), &errs);

	ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "?");
	return f;
}

START_TEST(test_who_owes_what)
{
	struct form *f = load_plan();
	int g = form_field_index(f, "nv"), col = form_field_index(f, "nv-tt");
	const struct form_field *gd = &f->fields[g];

	ck_assert(f->has_leads);
	ck_assert_uint_eq(gd->nrows, 6);
	/* the heading is nobody's */
	ck_assert(gd->rows[0].heading);
	ck_assert_int_eq(form_row_role(f, &gd->rows[0], "van-phong"), ROW_ROLE_NONE);
	/* row 1: led by villages, helped by the office */
	ck_assert_int_eq(form_row_role(f, &gd->rows[1], "thon"), ROW_ROLE_LEADS);
	ck_assert_int_eq(form_row_role(f, &gd->rows[1], "van-phong"), ROW_ROLE_HELPS);
	ck_assert_int_eq(form_row_role(f, &gd->rows[1], "truong"), ROW_ROLE_NONE);
	/* row 3 names no lead: the form's unit */
	ck_assert_int_eq(form_row_role(f, &gd->rows[3], "van-phong"), ROW_ROLE_LEADS);
	/* who owes the form: the unit, and the kinds that lead a row */
	ck_assert(form_owed_by(f, -1, "van-phong"));
	ck_assert(form_owed_by(f, -1, "thon"));
	ck_assert(form_owed_by(f, 0, "phong-vhxh"));
	ck_assert(!form_owed_by(f, -1, "cong-an"));
	/* what each fills */
	ck_assert(form_fills(f, "thon", col, 1));
	ck_assert(!form_fills(f, "thon", col, 3));
	ck_assert(!form_fills(f, "thon", form_field_index(f, "so-ho"), -1));
	ck_assert(form_fills(f, "van-phong", form_field_index(f, "so-ho"), -1));
	ck_assert(!form_fills(f, "van-phong", col, 1));
	ck_assert(form_shows(f, "van-phong", col, 1));	/* helps: read-only */
	ck_assert(!form_shows(f, "truong", col, 1));
	ck_assert(form_fills(f, NULL, col, 1));	/* the office sees everything */
	ck_assert(f->fields[form_field_index(f, "nv-x2")].hidden);
	form_free(f);
}
END_TEST

static long day(const char *s)
{
	long d;
	ck_assert(date_parse(s, &d));
	return d;
}

START_TEST(test_row_deadlines)
{
	struct form *f = load_plan();
	const struct form_field *gd = &f->fields[form_field_index(f, "nv")];
	struct period p;
	struct cal c = { 0 };
	long ev[1] = { -1 };
	char buf[64];

	ck_assert(period_parse(PERIOD_QUARTER, "2026-Q1", &p));
	ck_assert_int_eq(form_row_due_day(f, &gd->rows[1], &p, &c, ev), day("2025-06-30"));
	ck_assert_int_eq(form_row_due_day(f, &gd->rows[2], &p, &c, ev), day("2026-09-30"));
	ck_assert_int_eq(form_row_due_day(f, &gd->rows[3], &p, &c, ev), day("2027-01-05"));
	/* the event not yet recorded: no date, and it says what it waits for */
	ck_assert_int_eq(form_row_due_day(f, &gd->rows[4], &p, &c, ev), -1);
	ck_assert_str_eq(form_row_due_text(f, &gd->rows[4], &p, &c, ev, buf, sizeof buf),
			 "chờ: Có kết quả khảo sát");
	/* recorded on Wednesday 1 July 2026: 5 working days is Wednesday 8 July */
	ev[0] = day("2026-07-01");
	ck_assert_int_eq(form_row_due_day(f, &gd->rows[4], &p, &c, ev), day("2026-07-08"));
	ck_assert_int_eq(form_row_due_day(f, &gd->rows[5], &p, &c, ev), -1);
	ck_assert_int_eq(gd->rows[5].dl.kind, ROW_DUE_ONGOING);
	/* the annual report of 2026 is due in January 2027 */
	ck_assert(period_parse(PERIOD_YEAR, "2026", &p));
	ck_assert_int_eq(deadline_of(&f->reports[1].rule, &p, &c), day("2027-01-05") * MINUTES_PER_DAY);
	/* validity */
	ck_assert(form_period_valid(f, &p));
	ck_assert(period_parse(PERIOD_YEAR, "2027", &p));
	ck_assert(!form_period_valid(f, &p));
	form_free(f);
}
END_TEST

/* A row is overdue only for a period under way or past, and only from what
 * the office knows: a unit that sent nothing while its report is not due
 * yet is "not due yet", not behind on its rows (the status line
 * "chưa đến hạn · 1 dòng quá hạn: 37" contradicted itself). */
START_TEST(test_row_overdue_rule)
{
	struct period q2, q3;
	long jan = day("2026-01-31"), today = day("2026-05-10");

	ck_assert(period_parse(PERIOD_QUARTER, "2026-Q2", &q2));
	ck_assert(period_parse(PERIOD_QUARTER, "2026-Q3", &q3));
	/* the current quarter, the report due: past its row's day, not done */
	ck_assert(form_row_overdue(PROGRESS_NONE, jan, &q2, today, false));
	ck_assert(!form_row_overdue(PROGRESS_DONE, jan, &q2, today, false));
	ck_assert(form_row_overdue(PROGRESS_LATE, -1, &q2, today, false));
	/* a row due later in the quarter is not overdue yet */
	ck_assert(!form_row_overdue(PROGRESS_NONE, day("2026-06-30"), &q2, today, false));
	/* nothing heard and the report not due: nothing overdue */
	ck_assert(!form_row_overdue(PROGRESS_NONE, jan, &q2, today, true));
	/* a quarter that has not begun: nothing of it is overdue */
	ck_assert(!form_row_overdue(PROGRESS_NONE, jan, &q3, today, false));
	ck_assert(!form_row_overdue(PROGRESS_LATE, jan, &q3, today, false));
	/* once it runs, a row due before it still open is */
	ck_assert(form_row_overdue(PROGRESS_NONE, jan, &q3, day("2026-07-02"), false));
}
END_TEST

/* A plan's `valid` range bounds every report's periods: fill, import,
 * review, status and report all ask deadline_applies / form_period_refusal,
 * and the period walks stop at the plan's ends. */
/* A row without `deadline:` takes a date from its `due` text only when
 * that text names one time: a recurring schedule or several items each
 * with its own time give none (row 37 of nl-cchc was overdue in every
 * period from its first item's "tháng 01/2026"). */
START_TEST(test_due_text_one_date)
{
	static const struct form none = { .valid_from = -1, .valid_to = -1 };
	static const char *const dates[] = { "Chậm nhất ngày 15/8/2026", "Năm 2026", "- Quý II/2026." };
	static const char *const none_of[] = { "- Ban hành kế hoạch: chậm nhất tháng 01/2026. - "
		"Hoàn thành: theo Kế hoạch của UBND tỉnh. - Báo cáo: định kỳ hằng năm.",
		"- Kế hoạch: 15/3/2026 - Báo cáo: 30/11/2026", "Từ năm 2026" };
	struct row_due d;

	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		ck_assert_int_eq(form_due_parse(&none, dates[i], &d, NULL), 1);
		ck_assert_int_eq(d.kind, ROW_DUE_DATE);
	}
	for (size_t i = 0; i < sizeof none_of / sizeof none_of[0]; i++)
		ck_assert_msg(form_due_parse(&none, none_of[i], &d, NULL) == 0, "%s", none_of[i]);
	/* a day each year: a `due` of it is no fixed date (the loader keeps DATE only) */
	ck_assert_int_eq(form_due_parse(&none, "Tháng 12 hằng năm", &d, NULL), 1);
	ck_assert_int_eq(d.kind, ROW_DUE_YEARLY);
	/* several quarters: no one time (a person writes `deadline:`) */
	ck_assert_int_eq(form_due_parse(&none, "Quý II, III năm 2026.", &d, NULL), 0);
}
END_TEST

START_TEST(test_validity_enforced)
{
	struct form *f = load_plan();
	struct period p, q;
	char *why;

	ck_assert(period_parse(PERIOD_QUARTER, "2026-Q4", &p));
	ck_assert(deadline_applies(&f->reports[0].rule, &p));
	ck_assert_ptr_null(form_period_refusal(f, 0, "2026-Q4", &p));
	ck_assert(period_parse(PERIOD_QUARTER, "2027-Q1", &q));
	ck_assert(!deadline_applies(&f->reports[0].rule, &q));
	why = form_period_refusal(f, 0, "2027-Q1", &q);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, "nằm ngoài hiệu lực của kế hoạch papi") != NULL, "%s", why);
	free(why);
	why = form_period_refusal(f, 0, "2024-Q4", &q);
	ck_assert_ptr_nonnull(why);
	free(why);
	why = form_period_refusal(f, 1, "2027", &q);	/* the annual report too */
	ck_assert_ptr_nonnull(why);
	free(why);
	why = form_period_refusal(f, 0, "2026-13", &q);	/* not a quarter at all */
	ck_assert_msg(why != NULL && strstr(why, "không phải một kỳ") != NULL, "%s", why);
	free(why);
	/* walks end at the plan's ends */
	ck_assert(!deadline_next(&f->reports[0].rule, &p, &q));
	ck_assert(period_parse(PERIOD_QUARTER, "2025-Q1", &p));
	ck_assert(!deadline_previous(&f->reports[0].rule, &p, &q));
	ck_assert(deadline_next(&f->reports[0].rule, &p, &q));
	ck_assert_int_eq(q.num, 2);
	/* after the plan nothing is current */
	ck_assert(!deadline_current(&f->reports[0].rule, day("2027-03-01") * MINUTES_PER_DAY,
				    &(struct cal){ 0 }, &q));
	form_free(f);
}
END_TEST

/* Every way FORMAT.md's "Row deadlines" table writes a deadline reads,
 * in both languages; a day and month with no year never does. */
START_TEST(test_deadline_forms)
{
	static const char *const ok[] = { "30/06/2026", "trước 30/6/2026", "2026-06-30",
		"Chậm nhất ngày 15/8/2026", "Quý II/2025", "quý 2/2025", "quarter 2 2025",
		"tháng 6/2026", "month 6 2026", "năm 2026", "year 2026", "Quý II hằng năm",
		"quarter 2 each year", "tháng 9 hằng năm", "month 9 each year", "15/08 hằng năm",
		"15/08 each year", "05/01 năm sau", "05/01 next year", "before 05/01 next year",
		"5 ngày làm việc sau khao-sat", "5 working days after khao-sat",
		"trong 5 ngày làm việc kể từ khi khao-sat", "10 ngày sau khao-sat",
		"10 days after khao-sat", "thường xuyên", "ongoing", "- Thường xuyên.",
		"6 tháng đầu năm 2026", "6 tháng cuối năm 2025" };
	static const char *const bad[] = { "05/01", "trước 10/12", "Quý V/2026", "tháng 13/2026",
		"5 ngày làm việc sau hop", "31/02/2026", "sớm", "Quý II/2031" };
	struct form *f = load_plan();
	struct row_due d;
	size_t pos;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char *cause = NULL;
		ck_assert_msg(form_row_due_parse(f, ok[i], &d, &pos, &cause), "%s: %s", ok[i],
			      cause ? cause : "?");
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *cause = NULL;
		ck_assert_msg(!form_row_due_parse(f, bad[i], &d, &pos, &cause), "%s accepted", bad[i]);
		ck_assert_ptr_nonnull(cause);
		free(cause);
	}
	/* a day the month lacks is said so, not "cannot read" */
	static const struct { const char *text, *why; } no_day[] = {
		{ "31/6/2026", "hạn \"31/6/2026\": tháng 6/2026 không có ngày 31 (tháng này có 30 ngày)" },
		{ "trước 29/02/2026", "tháng 2/2026 không có ngày 29 (tháng này có 28 ngày)" },
		{ "2026-04-31", "tháng 4/2026 không có ngày 31" },
		{ "30/02 hằng năm", "tháng 2 không có ngày 30 (tháng này có nhiều nhất 29 ngày)" },
		{ "12/13/2026", "không có tháng 13" },
	};
	for (size_t i = 0; i < sizeof no_day / sizeof no_day[0]; i++) {
		char *cause = NULL;
		ck_assert(!form_row_due_parse(f, no_day[i].text, &d, &pos, &cause));
		ck_assert_msg(cause && strstr(cause, no_day[i].why), "%s: %s", no_day[i].text,
			      cause ? cause : "(nothing)");
		free(cause);
	}
	form_free(f);
}
END_TEST

/* `due` and `deadline:` read a date phrase with the one reader: what one
 * takes the other takes, to the same day; a day the month lacks or a date
 * outside the plan is refused by both with the same message; words the
 * reader does not take give a `due` no date (it is the plan's free text). */
START_TEST(test_due_and_deadline_agree)
{
	static const char *const phrases[] = { "6 tháng đầu năm 2026", "Chậm nhất ngày 15/8/2026",
		"Quý II/2026", "tháng 6/2026", "năm 2026", "30/06/2026", "6 tháng đầu năm 2027",
		"31/6/2026", "Quý II, III năm 2026.", "Thường xuyên trong năm 2026." };
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
		char *a = xasprintf("form: t\nversion: 1\ntitle: T\nunit: thon\n"
		    "valid: {from: 2026-01-01, to: 2026-12-31}\nreports: [{id: q, period: quarter}]\n"
		    "fields:\n  - name: g\n    type: grid\n    label: G\n    rows:\n"
		    "      - {id: '1', label: x, %s: '%s'}\n"
		    "    columns: [{name: c, type: text, label: C}]\n", "due", phrases[i]);
		char *b = xasprintf("form: t\nversion: 1\ntitle: T\nunit: thon\n"
		    "valid: {from: 2026-01-01, to: 2026-12-31}\nreports: [{id: q, period: quarter}]\n"
		    "fields:\n  - name: g\n    type: grid\n    label: G\n    rows:\n"
		    "      - {id: '1', label: x, %s: '%s'}\n"
		    "    columns: [{name: c, type: text, label: C}]\n", "deadline", phrases[i]);
		struct form_errors ea, eb;
		struct form *fa = form_load("t.yaml", a, strlen(a), &ea);
		struct form *fb = form_load("t.yaml", b, strlen(b), &eb);

		if (fb == NULL && strstr(eb.lines[0], "không đọc được hạn") != NULL) {
			/* words the reader does not take: a `due` of them gives no date */
			ck_assert_msg(fa != NULL, "%s: %s", phrases[i], ea.lines[0]);
			ck_assert_int_eq(fa->fields[0].rows[0].dl.kind, ROW_DUE_NONE);
			form_errors_free(&eb);
			form_free(fa);
			free(a);
			free(b);
			continue;
		}
		ck_assert_msg((fa == NULL) == (fb == NULL), "%s: due %s, deadline %s", phrases[i],
			      fa ? "read" : ea.lines[0], fb ? "read" : eb.lines[0]);
		if (fa) {
			ck_assert_int_eq(fa->fields[0].rows[0].dl.kind, ROW_DUE_DATE);
			ck_assert_int_eq(fa->fields[0].rows[0].dl.day, fb->fields[0].rows[0].dl.day);
		} else {
			/* the same message, at each key's value (the columns differ by 3) */
			const char *ma = strstr(ea.lines[0], "hạn "), *mb = strstr(eb.lines[0], "hạn ");
			ck_assert_msg(ma && mb && strncmp(ma, mb, strcspn(ma, "—")) == 0, "%s | %s",
				      ea.lines[0], eb.lines[0]);
			form_errors_free(&ea);
			form_errors_free(&eb);
		}
		form_free(fa);
		form_free(fb);
		free(a);
		free(b);
	}
}
END_TEST

START_TEST(test_relative_targets)
{
	struct form *f = load_plan();
	const struct form_row *r = &f->fields[form_field_index(f, "nv")].rows[3];
	const struct form_target *t;

	ck_assert_uint_eq(r->ntargets, 2);
	ck_assert_int_eq(r->targets[0].column, -1);
	ck_assert_int_eq(r->targets[1].column, form_field_index(f, "nv-diem"));
	t = &r->targets[1].tgt;
	ck_assert(t->previous);
	ck_assert_int_eq(form_target_met(t, 105, true, 100), 1);
	ck_assert_int_eq(form_target_met(t, 104, true, 100), 0);
	ck_assert_int_eq(form_target_met(t, 104, false, 0), -1);	/* no previous: unknown */
	form_free(f);
	{
		struct form_target g;
		size_t pos;
		ck_assert(form_target_parse("giảm ít nhất 10%", &g, &pos));
		ck_assert_int_eq(form_target_met(&g, 90, true, 100), 1);
		ck_assert_int_eq(form_target_met(&g, 91, true, 100), 0);
		form_target_free(&g);
		ck_assert(form_target_parse("tăng ít nhất 3", &g, &pos));
		ck_assert_int_eq(form_target_met(&g, 13, true, 10), 1);
		ck_assert_int_eq(form_target_met(&g, 12, true, 10), 0);
		form_target_free(&g);
		ck_assert(!form_target_parse("tăng nhiều", &g, &pos));
		form_target_free(&g);
	}
}
END_TEST

/* The import's check: a unit's submission holding a value in a row it
 * does not lead is refused, naming the row and who leads it. */
START_TEST(test_foreign_values)
{
	struct form *f = load_plan();
	struct sub *s;
	char *cause = NULL;

	s = sub_from_json(f, 0, "2026-Q2", "{\"nv\": [{\"_row\": \"1\", \"nv-tt\": \"xong\"}]}",
			  true, &cause);
	ck_assert_msg(s != NULL, "%s", cause ? cause : "?");
	ck_assert(!sub_foreign(s, "thon", &cause));
	ck_assert(sub_foreign(s, "truong", &cause));
	ck_assert_str_eq(cause, "đơn vị loại 'truong' không nhập được dòng 1 (do thon chủ trì)");
	free(cause);
	cause = NULL;
	/* a unit filling: sub_set refuses another's row, the checks skip it */
	sub_set_kind(s, "thon");
	ck_assert_int_eq(sub_set(s, form_field_index(f, "nv-tt"), 3, "xong", &cause), ERR_INVALID);
	ck_assert_int_eq(sub_set(s, form_field_index(f, "nv-tt"), 2, "xong", &cause), ERR_OK);
	free(cause);
	cause = NULL;
	ck_assert(!sub_relevant(s, form_field_index(f, "so-ho"), -1));
	ck_assert(sub_relevant(s, form_field_index(f, "nv-tt"), 1));
	sub_free(s);
	form_free(f);
}
END_TEST

/* One file, five different mistakes: five lines, each at its place, in
 * one run (issue #14). */
START_TEST(test_five_mistakes)
{
	static const char text[] =
		"form: t\n"
		"version: 1\n"
		"title: T\n"
		"unit: thon\n"
		"reports:\n"
		"  - {id: nam, period: year, deadlne: 10/12}\n"			/* 6: key */
		"fields:\n"
		"  - {name: a, type: integr, label: A}\n"			/* 8: type */
		"  - name: g\n"
		"    type: grid\n"
		"    label: G\n"
		"    rows:\n"
		"      - {id: '1', label: x, deadline: trước 05/01}\n"		/* 13: no year */
		"      - {id: '2', label: y, deadline: 3 ngày sau hop}\n"	/* 14: event */
		"      - {id: '3', label: z, lead: [thon, Xã]}\n"		/* 15: kind */
		"    columns:\n"
		"      - {name: c, type: text, label: C}\n";
	static const char *const want[] = {
		"khóa không biết 'deadlne' trong báo cáo: có phải 'deadline'? — t.yaml:6:29",
		"kiểu trường không biết 'integr': có phải 'integer'? — t.yaml:8:21",
		"hạn \"trước 05/01\" không nói năm nào — t.yaml:13:39",
		" — t.yaml:14:",
		"'lead' phải gồm chữ thường — t.yaml:15:42",
	};
	struct form_errors errs;
	struct form *f = form_load("t.yaml", text, strlen(text), &errs);

	ck_assert_ptr_null(f);
	ck_assert_uint_eq(errs.n, 5);
	for (size_t i = 0; i < 5; i++)
		ck_assert_msg(test_line_is(errs.lines[i], want[i]),
			      "line %zu: %s", i, errs.lines[i]);
	ck_assert_ptr_nonnull(strstr(errs.lines[3], "không có sự kiện 'hop'"));
	form_errors_free(&errs);
}
END_TEST

/* Warnings are said in the same run as the errors, in line order. */
START_TEST(test_warnings_with_errors)
{
	static const char text[] =
		"form: t\n"
		"version: 1\n"
		"title: T\n"
		"unit: thon\n"
		"reports:\n"
		"  - {id: nam, period: year}\n"
		"fields:\n"
		"  - {name: a, type: integer, label: A, target: khoảng chừng}\n"	/* 8: warning */
		"  - {name: b, type: integr, label: B}\n"				/* 9: error */
		"  - name: g\n"
		"    type: grid\n"
		"    label: G\n"
		"    rows:\n"
		"      - {id: '1', label: x, lead: Trạm Y tế}\n"			/* 14: a name */
		"    columns:\n"
		"      - {name: c, type: text, label: C}\n";
	struct form_errors errs;
	struct form *f = form_load("t.yaml", text, strlen(text), &errs);

	ck_assert_ptr_null(f);
	ck_assert_uint_eq(errs.n, 3);
	ck_assert_msg(strstr(errs.lines[0], " — t.yaml:8:") != NULL &&
		      strstr(errs.lines[0], "cảnh báo: không đọc được chỉ tiêu") != NULL,
		      "%s", errs.lines[0]);
	ck_assert_msg(strstr(errs.lines[1], " — t.yaml:9:") != NULL &&
		      strstr(errs.lines[1], "kiểu trường không biết") != NULL, "%s", errs.lines[1]);
	ck_assert_msg(strstr(errs.lines[2], " — t.yaml:14:") != NULL &&
		      strstr(errs.lines[2], "'lead' không phải loại đơn vị") != NULL,
		      "%s", errs.lines[2]);
	form_errors_free(&errs);
}
END_TEST

/* A `due` (no `deadline:`) that reads like a deadline counted from an event
 * but names none of the plan's gives no date: said, at the row, with the
 * words and the nearest event; nothing for words that do not look like
 * one, for a `due` a `deadline:` overrides, or in a plan without events. */
START_TEST(test_due_event_doubt)
{
	static const char *const cases[][2] = {
		/* due, what the warning says ("" none) */
		{ "5 ngày làm việc sau khao-sa", "có phải 'khao-sat'?" },
		{ "Sau khi có kết quả khảo sá", "có phải 'khao-sat'?" },
		/* an event's deadline, but `due` only gives a fixed day */
		{ "Trong 3 ngày kể từ khi có kết qủa khao sat", "viết 'deadline: 3 ngày sau khao-sat'" },
		{ "- Sau khi có văn bản của Tỉnh.", "(có: khao-sat)" },
		{ "Sau khi có kết quả khảo sát", "viết 'deadline: N ngày làm việc sau khao-sat'" },
		{ "Báo cáo quý trước ngày 05 của tháng đầu quý sau", "" },
		{ "Quý II/2026", "" },
	};
	for (int events = 1; events >= 0; events--)
		for (int dl = 0; dl < 2; dl++)
			for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
				char *t = xasprintf("form: t\nversion: 1\ntitle: T\nunit: thon\n"
				    "valid: {from: 2026-01-01, to: 2026-12-31}\n%s"
				    "reports: [{id: q, period: quarter}]\n"
				    "fields:\n  - name: g\n    type: grid\n    label: G\n    rows:\n"
				    "      - {id: '7', label: x, due: '%s'%s}\n"
				    "    columns: [{name: c, type: text, label: C}]\n",
				    events ? "events: [{id: khao-sat, label: Có kết quả khảo sát "
				    "PAPI}]\n" : "", cases[i][0], dl ? ", deadline: 30/06/2026" : "");
				struct form_errors errs;
				struct form *f = form_load("t.yaml", t, strlen(t), &errs);
				bool want = events && !dl && cases[i][1][0] != '\0';

				ck_assert_msg(f != NULL, "%s: %s", cases[i][0], errs.lines[0]);
				ck_assert_msg(f->nnotes == (want ? 1u : 0u), "%s (events %d, deadline "
				    "%d): %zu notes%s%s", cases[i][0], events, dl, f->nnotes,
				    f->nnotes ? ": " : "", f->nnotes ? f->notes[0] : "");
				if (want) {
					ck_assert_msg(strstr(f->notes[0], "dòng 7: 'due' \"") != NULL &&
					    strstr(f->notes[0], cases[i][1]) != NULL &&
					    strstr(f->notes[0], " — t.yaml:13:") != NULL, "%s: %s",
					    cases[i][0], f->notes[0]);
				}
				form_free(f);
				free(t);
			}
}
END_TEST

/* Many errors: listed up to the cap, then how many more. */
START_TEST(test_errors_capped)
{
	char *text = xstrdup("form: t\nversion: 1\ntitle: T\nunit: thon\n"
			     "reports: [{id: m, period: month}]\nfields:\n");
	struct form_errors errs;

	for (int i = 0; i < 80; i++) {
		char *n = xasprintf("%s  - {name: f%d, type: integer, label: F, x%d: 1}\n", text, i, i);
		free(text);
		text = n;
	}
	ck_assert_ptr_null(form_load("t.yaml", text, strlen(text), &errs));
	ck_assert_uint_eq(errs.n, FORM_MAX_ERRORS + 1);
	ck_assert_str_eq(errs.lines[FORM_MAX_ERRORS], "... và 30 lỗi khác — t.yaml");
	form_errors_free(&errs);
	free(text);
}
END_TEST

Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");

	tcase_add_test(tc, test_who_owes_what);
	tcase_add_test(tc, test_row_deadlines);
	tcase_add_test(tc, test_row_overdue_rule);
	tcase_add_test(tc, test_due_text_one_date);
	tcase_add_test(tc, test_validity_enforced);
	tcase_add_test(tc, test_deadline_forms);
	tcase_add_test(tc, test_due_and_deadline_agree);
	tcase_add_test(tc, test_relative_targets);
	tcase_add_test(tc, test_foreign_values);
	tcase_add_test(tc, test_five_mistakes);
	tcase_add_test(tc, test_warnings_with_errors);
	tcase_add_test(tc, test_errors_capped);
	tcase_add_test(tc, test_due_event_doubt);
	suite_add_tcase(s, tc);
	return s;
}

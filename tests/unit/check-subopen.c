/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-subopen.c: a submission opened with its previous period
 * (forms/sub-open.c), the one rule the form screen, `baocao fill` and the
 * office report share. At the field the previous period is what the unit
 * last saved or sent (a draft too); at the office it is the counted
 * revision, else a returned one, never a draft. The previous period
 * follows the schedule: across a year boundary, for a quarterly form, and
 * none before the plan's first period.
 */
#include "tests.h"
#include "../../core/mem.h"
#include "../../forms/form.h"
#include "../../forms/sub-open.h"
#include "../../storage/store.h"
#include "../../storage/store-inst.h"
#include "../../storage/store-sub.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS "correct horse battery"
#define U "thon-dong-tam"

static const char *const FORM =
    "form: t\nversion: 1\ntitle: T\nunit: thon\n"
    "reports:\n"
    "  - {id: thang, period: month, deadline: day 10 of next month}\n"
    "  - {id: quy, period: quarter, deadline: end}\n"
    "  - {id: vu, period: incident, deadline: 2 hours}\n"
    "fields:\n"
    "  - {name: so-ho, type: integer, label: Số hộ}\n"
    "  - {name: so-ho-truoc, type: calculate, label: Kỳ trước, calculation: \"prev(${so-ho})\"}\n"
    "  - {name: ngay, type: date, label: Ngày xảy ra, past: true}\n"
    "  - {name: gio, type: time, label: Giờ xảy ra}\n";

static char *dir, *path;
static struct form *f;

static void
setup(void)
{
	struct form_errors errs;

	ck_assert_int_ge(sodium_init(), 0);
	dir = test_tmpdir();
	path = xasprintf("%s/o.db", dir);
	setenv("BAOCAO_NOW", "1800000000", 1);
	f = form_load("t.yaml", FORM, strlen(FORM), &errs);
	ck_assert_msg(f != NULL, "%s", errs.n ? errs.lines[0] : "?");
}

static void
teardown(void)
{
	form_free(f);
	unsetenv("BAOCAO_NOW");
	test_rmdir(dir);
	free(dir);
	free(path);
}

static struct store *
make(enum store_role role)
{
	struct store_options o = { .kdf = &STORE_KDF_TEST };
	struct store *st = NULL;
	char *cause = NULL;

	ck_assert_msg(store_create(path, PASS, &o, &st, &cause) == ERR_OK, "%s", cause);
	store_set_user(st, "chi-lan");
	ck_assert_msg(store_install_create(st, role, "Ngọc Lặc", role == STORE_ROLE_FIELD ? U :
	    NULL, &cause) == ERR_OK, "%s", cause);
	return st;
}

/* Save so-ho = N for PERIOD of report R, final or not. */
static void
save(struct store *st, int r, const char *period, int n, int final)
{
	char *cause = NULL, *json = xasprintf("{\"so-ho\": %d}", n);

	ck_assert_msg(store_sub_save(st, f->reports[r].form_id, U, period, 1, json, final, NULL,
	    &cause) == ERR_OK, "%s", cause);
	free(json);
}

/* What the previous period says of so-ho when PERIOD of report R is opened
 * under RULE: its value, "" when no previous period is attached. */
static char *
prev_of(struct store *st, int r, const char *period, enum sub_prev rule)
{
	struct sub_opened o;
	char *cause = NULL, *v;
	const char *pv;

	ck_assert_msg(sub_open(st, f, r, U, period, rule, &o, &cause) == ERR_OK, "%s", cause);
	ck_assert_msg(o.prev_cause == NULL, "%s", o.prev_cause);
	ck_assert_ptr_nonnull(o.s);
	if (sub_previous(o.s) == NULL) {
		v = xstrdup("");
	} else {
		pv = sub_get(sub_previous(o.s), form_field_index(f, "so-ho"), -1);
		v = xstrdup(pv ? pv : "(empty)");
	}
	sub_opened_free(&o);
	return v;
}

#define PREV_IS(st, r, period, rule, want) do { \
	char *got_ = prev_of(st, r, period, rule); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
} while (0)

START_TEST(test_field_saved)
{
	struct store *st = make(STORE_ROLE_FIELD);

	/* none: nothing attached, the form still opens, empty */
	PREV_IS(st, 0, "2026-10", SUB_PREV_SAVED, "");
	/* a draft of the previous period: the field compares with it */
	save(st, 0, "2026-09", 40, 0);
	PREV_IS(st, 0, "2026-10", SUB_PREV_SAVED, "40");
	/* sent (final) */
	save(st, 0, "2026-09", 41, 1);
	PREV_IS(st, 0, "2026-10", SUB_PREV_SAVED, "41");
	/* two revisions, the newer a draft: the last thing saved */
	save(st, 0, "2026-09", 42, 0);
	PREV_IS(st, 0, "2026-10", SUB_PREV_SAVED, "42");
	/* the same data at the office's rule: the final one, not the draft */
	PREV_IS(st, 0, "2026-10", SUB_PREV_COUNTED, "41");
	/* a returned one is what the unit last sent: it compares on both sides */
	save(st, 0, "2026-08", 30, 1);
	{
		char *cause = NULL;
		int changed = 0;
		ck_assert_int_eq(store_sub_set_status(st, f->reports[0].form_id, U, "2026-08", 1,
		    "returned", "sai số hộ", &changed, &cause), ERR_OK);
		ck_assert_int_eq(changed, 1);
	}
	PREV_IS(st, 0, "2026-09", SUB_PREV_SAVED, "30");
	PREV_IS(st, 0, "2026-09", SUB_PREV_COUNTED, "30");
	/* prev() in a calculation reads the attached period */
	{
		struct sub_opened o;
		char *cause = NULL;
		ck_assert_int_eq(sub_open(st, f, 0, U, "2026-10", SUB_PREV_SAVED, &o, &cause), ERR_OK);
		sub_recalc(o.s);
		ck_assert_str_eq(sub_get(o.s, form_field_index(f, "so-ho-truoc"), -1), "42");
		sub_opened_free(&o);
	}
	store_close(st);
}
END_TEST

START_TEST(test_office_counted)
{
	struct store *st = make(STORE_ROLE_OFFICE);
	const char *fid = f->reports[0].form_id;
	char *cause = NULL;

	ck_assert_int_eq(sub_prev_for(STORE_ROLE_OFFICE), SUB_PREV_COUNTED);
	ck_assert_int_eq(sub_prev_for(STORE_ROLE_FIELD), SUB_PREV_SAVED);
	/* only a draft: the office never compares with it */
	save(st, 0, "2026-09", 40, 0);
	PREV_IS(st, 0, "2026-10", SUB_PREV_COUNTED, "");
	PREV_IS(st, 0, "2026-10", SUB_PREV_SAVED, "40");
	/* final at the office: counted */
	save(st, 0, "2026-09", 41, 1);
	ck_assert_int_eq(store_sub_review(st, fid, U, "2026-09", "approved", NULL, &cause), ERR_OK);
	PREV_IS(st, 0, "2026-10", SUB_PREV_COUNTED, "41");
	/* a newer final, returned: the approved one still counts */
	save(st, 0, "2026-09", 99, 1);
	ck_assert_int_eq(store_sub_review(st, fid, U, "2026-09", "returned", "sai", &cause),
	    ERR_OK);
	PREV_IS(st, 0, "2026-10", SUB_PREV_COUNTED, "41");
	PREV_IS(st, 0, "2026-10", SUB_PREV_SAVED, "99");
	store_close(st);
}
END_TEST

START_TEST(test_schedule)
{
	struct store *st = make(STORE_ROLE_FIELD);

	/* across a year boundary */
	save(st, 0, "2025-12", 7, 1);
	PREV_IS(st, 0, "2026-01", SUB_PREV_SAVED, "7");
	PREV_IS(st, 0, "2026-01", SUB_PREV_COUNTED, "7");
	/* a quarterly report: the quarter before, across the year too; a
	 * month of the same year is another report, never read */
	save(st, 1, "2025-Q4", 70, 1);
	save(st, 1, "2026-Q2", 80, 0);
	PREV_IS(st, 1, "2026-Q1", SUB_PREV_SAVED, "70");
	PREV_IS(st, 1, "2026-Q3", SUB_PREV_SAVED, "80");
	PREV_IS(st, 1, "2026-Q2", SUB_PREV_SAVED, "");
	store_close(st);
}
END_TEST

START_TEST(test_open_current)
{
	struct store *st = make(STORE_ROLE_FIELD);
	struct sub_opened o;
	char *cause = NULL;
	int changed = 0;

	/* nothing stored: a new one, no status */
	ck_assert_int_eq(sub_open(st, f, 0, U, "2026-10", SUB_PREV_SAVED, &o, &cause), ERR_OK);
	ck_assert(!o.saved);
	ck_assert_ptr_null(o.status);
	sub_opened_free(&o);
	/* returned: its status and the office's reason */
	save(st, 0, "2026-10", 5, 1);
	ck_assert_int_eq(store_sub_set_status(st, f->reports[0].form_id, U, "2026-10", 1,
	    "returned", "thiếu số hộ", &changed, &cause), ERR_OK);
	ck_assert_int_eq(sub_open(st, f, 0, U, "2026-10", SUB_PREV_SAVED, &o, &cause), ERR_OK);
	ck_assert(o.saved);
	ck_assert_str_eq(o.status, "returned");
	ck_assert_str_eq(o.reason, "thiếu số hộ");
	ck_assert_str_eq(sub_get(o.s, form_field_index(f, "so-ho"), -1), "5");
	sub_opened_free(&o);
	/* not a period of the report: refused, saying which */
	ck_assert_int_eq(sub_open(st, f, 0, U, "2026-Q1", SUB_PREV_SAVED, &o, &cause),
	    ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "2026-Q1"));
	free(cause);
	cause = NULL;
	/* a new incident: the moment it names is its date and time; a
	 * monthly report gets none, a stored incident keeps its own */
	ck_assert_int_eq(sub_open(st, f, 2, U, "2026-11-04T16:40", SUB_PREV_SAVED, &o, &cause),
	    ERR_OK);
	ck_assert_str_eq(sub_get(o.s, form_field_index(f, "ngay"), -1), "2026-11-04");
	ck_assert_str_eq(sub_get(o.s, form_field_index(f, "gio"), -1), "16:40");
	sub_opened_free(&o);
	ck_assert_int_eq(sub_open(st, f, 0, U, "2026-11", SUB_PREV_SAVED, &o, &cause), ERR_OK);
	ck_assert_ptr_null(sub_get(o.s, form_field_index(f, "ngay"), -1));
	sub_opened_free(&o);
	ck_assert_int_eq(store_sub_save(st, f->reports[2].form_id, U, "2026-11-03T09:00", 1,
	    "{\"ngay\": \"2026-11-02\"}", 0, NULL, &cause), ERR_OK);
	ck_assert_int_eq(sub_open(st, f, 2, U, "2026-11-03T09:00", SUB_PREV_SAVED, &o, &cause),
	    ERR_OK);
	ck_assert_str_eq(sub_get(o.s, form_field_index(f, "ngay"), -1), "2026-11-02");
	ck_assert_ptr_null(sub_get(o.s, form_field_index(f, "gio"), -1));
	sub_opened_free(&o);
	/* a damaged previous period: the form opens, the reason is said */
	ck_assert_int_eq(store_sub_save(st, f->reports[0].form_id, U, "2026-09", 1, "[1, 2]", 0,
	    NULL, &cause), ERR_OK);
	ck_assert_int_eq(sub_open(st, f, 0, U, "2026-10", SUB_PREV_SAVED, &o, &cause), ERR_OK);
	ck_assert_ptr_nonnull(o.prev_cause);
	ck_assert_ptr_nonnull(strstr(o.prev_cause, "2026-09"));
	ck_assert_ptr_null(sub_previous(o.s));
	sub_opened_free(&o);
	/* a damaged current one: refused, never opened empty */
	ck_assert_int_eq(sub_open(st, f, 0, U, "2026-09", SUB_PREV_SAVED, &o, &cause),
	    ERR_CORRUPT);
	ck_assert_ptr_nonnull(strstr(cause, "2026-09"));
	ck_assert_ptr_null(o.s);
	free(cause);
	store_close(st);
}
END_TEST

Suite *
subopen_suite(void)
{
	Suite *s = suite_create("subopen");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_field_saved);
	tcase_add_test(tc, test_office_counted);
	tcase_add_test(tc, test_schedule);
	tcase_add_test(tc, test_open_current);
	suite_add_tcase(s, tc);
	return s;
}

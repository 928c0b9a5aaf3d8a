/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-history.c: the revision history of submissions (storage/store-sub.c):
 * every saved change of a draft keeps the one before, an editing session's
 * autosaves coalesce, a restore is a new revision that names the old one and
 * never rewrites history, and a final's history survives a later edit.
 */
#include "tests.h"
#include "../../core/mem.h"
#include "../../forms/sub-history.h"
#include "../../storage/store.h"
#include "../../storage/store-audit.h"
#include "../../storage/store-inst.h"
#include "../../storage/store-sub.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS "correct horse battery"
#define F "nl09-thon-thang"
#define U "thon-dong-tam"
#define P "2026-10"

static char *dir, *path;

static void
setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	dir = test_tmpdir();
	path = xasprintf("%s/h.db", dir);
	setenv("BAOCAO_NOW", "1800000000", 1);
}

static void
teardown(void)
{
	unsetenv("BAOCAO_NOW");
	test_rmdir(dir);
	free(dir);
	free(path);
}

static void
at(long long t)
{
	char b[32];

	snprintf(b, sizeof b, "%lld", t);
	setenv("BAOCAO_NOW", b, 1);
}

static struct store *
make(void)
{
	struct store_options o = { .kdf = &STORE_KDF_TEST };
	struct store *st = NULL;
	char *cause = NULL;

	ck_assert_msg(store_create(path, PASS, &o, &st, &cause) == ERR_OK, "%s", cause);
	store_set_user(st, "chi-lan");
	ck_assert_msg(store_install_create(st, STORE_ROLE_OFFICE, "Ngọc Lặc", NULL, &cause) ==
	    ERR_OK, "%s", cause);
	return st;
}

static int
save(struct store *st, const char *data, int final)
{
	char *cause = NULL;
	int rev = -1;

	ck_assert_msg(store_sub_save(st, F, U, P, 1, data, final, &rev, &cause) == ERR_OK, "%s",
	    cause);
	return rev;
}

static int
autosave(struct store *st, struct store_sub_session *ses, const char *data)
{
	char *cause = NULL;
	int rev = -1;

	ck_assert_msg(store_sub_autosave(st, F, U, P, 1, data, 0, ses, &rev, &cause) == ERR_OK,
	    "%s", cause);
	return rev;
}

static size_t
revisions(struct store *st, struct store_revision **rv)
{
	char *cause = NULL;
	size_t n = 0;

	ck_assert_msg(store_sub_revisions(st, F, U, P, rv, &n, &cause) == ERR_OK, "%s", cause);
	return n;
}

static size_t
audits(struct store *st, const char *action)
{
	struct store_audit_row *r;
	char *cause = NULL;
	size_t n, k = 0;

	ck_assert_int_eq(store_audit_list(st, F "/" U "/" P, &r, &n, &cause), ERR_OK);
	for (size_t i = 0; i < n; i++)
		k += strcmp(r[i].action, action) == 0;
	store_audit_free(r, n);
	return k;
}

/* Every save that changes a draft keeps the draft before it. */
START_TEST(test_draft_saves_kept)
{
	struct store *st = make();
	struct store_revision *rv;
	size_t n;

	ck_assert_int_eq(save(st, "{\"a\":\"1\"}", 0), 1);
	ck_assert_int_eq(save(st, "{\"a\":\"2\"}", 0), 2);
	/* the same values again: nothing new */
	ck_assert_int_eq(save(st, "{\"a\":\"2\"}", 0), 2);
	ck_assert_int_eq(save(st, "{}", 0), 3);
	n = revisions(st, &rv);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(rv[0].data, "{\"a\":\"1\"}");
	ck_assert_str_eq(rv[1].data, "{\"a\":\"2\"}");
	ck_assert_str_eq(rv[2].data, "{}");
	ck_assert_str_eq(rv[0].status, "draft");
	ck_assert_str_eq(rv[0].user, "chi-lan");
	ck_assert_int_eq(rv[2].current, 1);
	ck_assert_int_eq(rv[1].current, 0);
	store_revision_free(rv, n);
	ck_assert_uint_eq(audits(st, "create"), 1);
	ck_assert_uint_eq(audits(st, "edit"), 2);
	/* finalising the current values marks that revision final in place */
	ck_assert_int_eq(save(st, "{}", 1), 3);
	n = revisions(st, &rv);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(rv[2].final, 1);
	ck_assert_str_eq(rv[2].status, "final");
	store_revision_free(rv, n);
	store_close(st);
}
END_TEST

/* One sitting: its first change is a new revision, the rest overwrite it
 * for ten minutes; then, or in a new sitting, a new one starts. */
START_TEST(test_autosave_coalesces)
{
	struct store *st = make();
	struct store_sub_session a = { 0, 0 }, b = { 0, 0 };
	struct store_revision *rv;
	char data[64];
	size_t n;

	ck_assert_int_eq(save(st, "{\"a\":\"0\"}", 0), 1);
	for (int i = 1; i <= 500; i++) {
		at(1800000000 + i);	/* a value a second for 500 s */
		snprintf(data, sizeof data, "{\"a\":\"%d\"}", i);
		ck_assert_int_eq(autosave(st, &a, data), 2);
	}
	n = revisions(st, &rv);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rv[0].data, "{\"a\":\"0\"}");
	ck_assert_str_eq(rv[1].data, "{\"a\":\"500\"}");
	ck_assert_int_eq(rv[1].created, 1800000500);
	store_revision_free(rv, n);
	/* ten minutes (as README says) after the sitting's revision began:
	 * the next one */
	ck_assert_int_eq(STORE_SUB_COALESCE_SECONDS, 600);
	at(1800000000 + 1 + STORE_SUB_COALESCE_SECONDS);
	ck_assert_int_eq(autosave(st, &a, "{\"a\":\"x\"}"), 3);
	at(1800000000 + 2 + STORE_SUB_COALESCE_SECONDS);
	ck_assert_int_eq(autosave(st, &a, "{\"a\":\"y\"}"), 3);
	/* a new sitting (the form left and opened again) */
	ck_assert_int_eq(autosave(st, &b, "{\"a\":\"z\"}"), 4);
	/* another writer in between: the old sitting does not overwrite it */
	ck_assert_int_eq(save(st, "{\"a\":\"cli\"}", 0), 5);
	ck_assert_int_eq(autosave(st, &b, "{\"a\":\"w\"}"), 6);
	n = revisions(st, &rv);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(rv[2].data, "{\"a\":\"y\"}");
	ck_assert_str_eq(rv[4].data, "{\"a\":\"cli\"}");
	store_revision_free(rv, n);
	store_close(st);
}
END_TEST

/* A restore is a new draft revision that names the one it copies; nothing
 * before it changes, and it is audited. */
START_TEST(test_restore)
{
	struct store *st = make();
	struct store_revision *rv, one;
	char *cause = NULL;
	int rev = 0;
	size_t n;

	save(st, "{\"a\":\"1\"}", 0);
	save(st, "{\"a\":\"2\"}", 0);
	save(st, "{}", 0);
	ck_assert_int_eq(store_sub_restore(st, F, U, P, 1, &rev, &cause), ERR_OK);
	ck_assert_int_eq(rev, 4);
	n = revisions(st, &rv);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(rv[0].data, "{\"a\":\"1\"}");
	ck_assert_str_eq(rv[1].data, "{\"a\":\"2\"}");
	ck_assert_str_eq(rv[2].data, "{}");
	ck_assert_str_eq(rv[3].data, "{\"a\":\"1\"}");
	ck_assert_int_eq(rv[3].restored_from, 1);
	ck_assert_int_eq(rv[2].restored_from, 0);
	ck_assert_str_eq(rv[3].status, "draft");
	store_revision_free(rv, n);
	ck_assert_uint_eq(audits(st, "restore"), 1);
	/* restoring the values the draft has already is still a revision: it
	 * is what the user asked for, and it says so */
	ck_assert_int_eq(store_sub_restore(st, F, U, P, 4, &rev, &cause), ERR_OK);
	ck_assert_int_eq(rev, 5);
	ck_assert_int_eq(store_sub_revision(st, F, U, P, 5, &one, &cause), ERR_OK);
	ck_assert_str_eq(one.data, "{\"a\":\"1\"}");
	store_revision_clear(&one);
	/* no such revision, no such submission */
	ck_assert_int_eq(store_sub_restore(st, F, U, P, 9, &rev, &cause), ERR_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(cause, "9"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(store_sub_restore(st, F, U, "2026-11", 1, &rev, &cause), ERR_NOTFOUND);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(store_sub_revisions(st, F, U, "2026-11", &rv, &n, &cause), ERR_NOTFOUND);
	free(cause);
	store_close(st);
}
END_TEST

/* A final's history: editing it starts a draft revision, the final one
 * stays as it was, and it can be brought back. */
START_TEST(test_final_history)
{
	struct store *st = make();
	struct store_revision *rv;
	struct store_sub cur;
	char *cause = NULL;
	int rev;
	size_t n;

	ck_assert_int_eq(save(st, "{\"a\":\"1\"}", 1), 1);
	ck_assert_int_eq(save(st, "{\"a\":\"1\"}", 0), 2);	/* reopened: always a revision */
	ck_assert_int_eq(save(st, "{\"a\":\"3\"}", 0), 3);
	n = revisions(st, &rv);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(rv[0].status, "final");
	ck_assert_int_eq(rv[0].final, 1);
	ck_assert_str_eq(rv[0].data, "{\"a\":\"1\"}");
	ck_assert_str_eq(rv[2].status, "draft");
	store_revision_free(rv, n);
	ck_assert_int_eq(store_sub_restore(st, F, U, P, 1, &rev, &cause), ERR_OK);
	ck_assert_int_eq(rev, 4);
	ck_assert_int_eq(store_sub_get(st, F, U, P, &cur, &cause), ERR_OK);
	ck_assert_str_eq(cur.status, "draft");	/* restored values are a draft again */
	ck_assert_int_eq(cur.rev, 4);
	ck_assert_str_eq(cur.data, "{\"a\":\"1\"}");
	free(cur.form_id);
	free(cur.unit_id);
	free(cur.period);
	free(cur.status);
	free(cur.status_reason);
	free(cur.data);
	store_close(st);
}
END_TEST

/* The values of a stored revision, named as fill's CSV names them, and the
 * count of values changed between two. */
START_TEST(test_entries)
{
	const char *a = "{\"values\":{\"so-ho\":\"120\",\"ho-ngheo\":\"5\"},\"rows\":"
	    "{\"nhiem-vu\":[{\"_row\":\"1\",\"nv-ket-qua\":\"100\"},{\"_row\":\"4\"}],"
	    "\"ten\":[{\"ho-ten\":\"An\"},{\"ho-ten\":\"Bình\"}]},\"reasons\":"
	    "[{\"field\":\"so-ho\",\"warn\":0,\"reason\":\"sáp nhập\"}]}";
	const char *b = "{\"values\":{\"so-ho\":\"121\"},\"rows\":"
	    "{\"nhiem-vu\":[{\"_row\":\"1\",\"nv-ket-qua\":\"100\"},{\"_row\":\"4\","
	    "\"nv-ket-qua\":\"7\"}],\"ten\":[{\"ho-ten\":\"An\"}]}}";
	struct sub_entry *e;
	size_t n = sub_entries(NULL, a, &e);

	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(e[0].key, "so-ho");
	ck_assert_str_eq(e[0].reason, "sáp nhập");
	ck_assert_str_eq(e[2].key, "nv-ket-qua[1]");
	ck_assert_str_eq(e[3].key, "ho-ten[1]");
	ck_assert_str_eq(e[4].key, "ho-ten[2]");
	ck_assert_str_eq(e[4].value, "Bình");
	ck_assert_ptr_null(e[4].reason);
	sub_entries_free(e, n);
	/* so-ho changed, ho-ngheo cleared, nv-ket-qua[4] added, ho-ten[2] gone */
	ck_assert_uint_eq(sub_entries_changed(NULL, a, b), 4);
	ck_assert_uint_eq(sub_entries_changed(NULL, NULL, a), 5);
	ck_assert_uint_eq(sub_entries_changed(NULL, a, a), 0);
	/* not a stored submission: no values, no crash */
	ck_assert_uint_eq(sub_entries(NULL, "[1,2]", &e), 0);
	ck_assert_ptr_null(e);
	ck_assert_uint_eq(sub_entries(NULL, "{\"values\": 3", &e), 0);
}
END_TEST

Suite *
history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_draft_saves_kept);
	tcase_add_test(tc, test_autosave_coalesces);
	tcase_add_test(tc, test_restore);
	tcase_add_test(tc, test_final_history);
	tcase_add_test(tc, test_entries);
	suite_add_tcase(s, tc);
	return s;
}

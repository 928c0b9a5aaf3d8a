/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tests.h: the unit suites and helpers they share.
 */
#ifndef BAOCAO_TESTS_H
#define BAOCAO_TESTS_H

#include <check.h>
#include <stddef.h>

Suite *text_suite(void);
Suite *store_suite(void);
Suite *crash_suite(void);
Suite *rekey_suite(void);
Suite *expr_suite(void);
Suite *period_suite(void);
Suite *form_suite(void);
Suite *plan_suite(void);
Suite *sub_suite(void);
Suite *seal_suite(void);
Suite *vnime_suite(void);
Suite *line_suite(void);
Suite *tui_suite(void);
Suite *office_suite(void);
Suite *history_suite(void);
Suite *import_suite(void);
Suite *draft_suite(void);
Suite *kdf_suite(void);
Suite *filepick_suite(void);
Suite *dict_suite(void);
Suite *subopen_suite(void);

/* A fresh empty directory under $TMPDIR (or /tmp); caller frees. */
char *test_tmpdir(void);
/* rm -r of a test directory. */
void test_rmdir(const char *dir);
/* Read a whole file; NULL if missing. */
unsigned char *test_slurp(const char *path, size_t *len);
/* Does any file in dir contain needle? Returns the file's name or NULL. */
char *test_dir_contains(const char *dir, const char *needle);
/* Is LINE an error line as WANT says, "what — where" (core/err.h)? LINE starts
 * with WANT's part before its last " — " (a prefix of what went wrong), and
 * LINE's part after its last " — " starts with WANT's part after it. */
int test_line_is(const char *line, const char *want);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-main.c: the Check runner for every unit suite. Each suite file
 * exposes `Suite *<name>_suite(void)`.
 */
#include <check.h>
#include <stdlib.h>

#include "tests.h"

int
main(void)
{
	SRunner *sr = srunner_create(text_suite());
	int failed;

	srunner_add_suite(sr, store_suite());
	srunner_add_suite(sr, expr_suite());
	srunner_add_suite(sr, period_suite());
	srunner_add_suite(sr, form_suite());
	srunner_add_suite(sr, plan_suite());
	srunner_add_suite(sr, sub_suite());
	srunner_add_suite(sr, seal_suite());
	srunner_add_suite(sr, vnime_suite());
	srunner_add_suite(sr, line_suite());
	srunner_add_suite(sr, tui_suite());
	srunner_add_suite(sr, office_suite());
	srunner_add_suite(sr, import_suite());
	srunner_add_suite(sr, crash_suite());
	srunner_add_suite(sr, history_suite());
	srunner_add_suite(sr, draft_suite());
	srunner_add_suite(sr, dict_suite());
	srunner_add_suite(sr, rekey_suite());
	srunner_add_suite(sr, kdf_suite());
	srunner_add_suite(sr, filepick_suite());
	srunner_add_suite(sr, subopen_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

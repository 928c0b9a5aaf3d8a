/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-line.c: the one-line editor — moving over multibyte and combining
 * characters, inserting and deleting in the middle, NFC out, and typing
 * Vietnamese through the built-in Telex/VNI with Backspace inside a word.
 */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../core/mem.h"
#include "../../tui/ui.h"
#include "../../tui/widget-line.h"

static void
type(struct line *l, const char *ascii_or_utf8)
{
	mbstate_t ps;
	const char *p = ascii_or_utf8;
	wchar_t c;
	size_t n;

	memset(&ps, 0, sizeof ps);
	while (*p && (n = mbrtowc(&c, p, strlen(p), &ps)) > 0 && n < (size_t)-2) {
		struct ui_input in = { 0, 0, (wint_t)c };
		line_key(l, &in);
		p += n;
	}
}

static void
key(struct line *l, int code)
{
	struct ui_input in = { 1, code, 0 };
	line_key(l, &in);
}

static void
expect(struct line *l, const char *want)
{
	char *got = line_utf8(l);
	ck_assert_msg(got && strcmp(got, want) == 0, "got '%s', want '%s'", got, want);
	free(got);
}

START_TEST(test_line_editing)
{
	struct line l;

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	line_init(&l, 100, 0);
	type(&l, "Nước sạch");
	expect(&l, "Nước sạch");
	ck_assert_uint_eq(l.cur, 9);
	key(&l, KEY_LEFT);		/* over "h" */
	key(&l, KEY_LEFT);		/* over "c" */
	key(&l, KEY_LEFT);		/* over "ạ", one character */
	type(&l, "X");
	expect(&l, "Nước sXạch");
	key(&l, KEY_HOME);
	key(&l, KEY_DC);
	expect(&l, "ước sXạch");
	key(&l, KEY_END);
	key(&l, KEY_BACKSPACE);
	expect(&l, "ước sXạc");
	/* a base letter with a combining mark moves and deletes as one */
	line_set(&l, "Hoa\xcc\x80");		/* "Hoà" in NFD */
	ck_assert_uint_eq(l.len, 4);
	key(&l, KEY_END);
	key(&l, KEY_LEFT);
	ck_assert_uint_eq(l.cur, 2);
	key(&l, KEY_END);
	key(&l, KEY_BACKSPACE);
	expect(&l, "Ho");
	line_set(&l, "Hoa\xcc\x80");
	expect(&l, "Ho\xc3\xa0");		/* comes out NFC */
	line_free(&l);
}
END_TEST

START_TEST(test_line_telex)
{
	struct line l;
	enum vnime_mode mode = VNIME_TELEX;

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	line_init(&l, 100, 0);
	l.ime = &mode;
	type(&l, "Thoon DDoongf Taam");
	expect(&l, "Thôn Đồng Tâm");
	/* Backspace deletes the last letter, keeping the tone (Unikey); typing
	 * goes on composing */
	line_clear(&l);
	type(&l, "tieengs");
	expect(&l, "tiếng");
	key(&l, KEY_BACKSPACE);
	expect(&l, "tiến");
	type(&l, "f");
	expect(&l, "tiền");
	type(&l, "g");
	expect(&l, "tiềng");
	line_clear(&l);
	type(&l, "nguwowif");
	key(&l, KEY_BACKSPACE);
	expect(&l, "ngườ");
	type(&l, "i");
	expect(&l, "người");
	line_clear(&l);
	type(&l, "Vieetj");
	key(&l, KEY_BACKSPACE);
	expect(&l, "Việ");
	type(&l, "c");
	expect(&l, "Việc");
	struct ui_input del = { 0, 0, 0x7f };	/* Backspace as a character */
	line_key(&l, &del);
	line_key(&l, &del);
	expect(&l, "Vi");
	type(&l, "eef");
	expect(&l, "Viề");
	line_key(&l, &del);
	line_key(&l, &del);
	line_key(&l, &del);
	expect(&l, "");
	type(&l, "ddaa");
	expect(&l, "đâ");
	/* moving away ends the word; typing resumes a new one */
	line_clear(&l);
	type(&l, "tieengf");
	key(&l, KEY_LEFT);
	key(&l, KEY_RIGHT);
	type(&l, "s");
	expect(&l, "tiềngs");
	/* characters from a system input method pass straight through */
	line_clear(&l);
	type(&l, "Việt ");
	type(&l, "Nam");
	expect(&l, "Việt Nam");
	/* VNI, and off */
	mode = VNIME_VNI;
	line_clear(&l);
	type(&l, "ngu7o72i da6n");
	expect(&l, "người dân");
	mode = VNIME_OFF;
	line_clear(&l);
	type(&l, "aas");
	expect(&l, "aas");
	line_free(&l);
}
END_TEST

/* A change of typing mode in the middle of a word ends the word as shown,
 * as Unikey does: its raw keys mean nothing in the new mode. */
START_TEST(test_line_mode_switch)
{
	struct line l;
	enum vnime_mode mode = VNIME_VNI;

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	line_init(&l, 100, 0);
	l.ime = &mode;
	type(&l, "d9u7o7c");
	expect(&l, "đươc");
	mode = VNIME_OFF;			/* Ctrl-T twice: off, then Telex */
	mode = VNIME_TELEX;
	type(&l, "j");
	expect(&l, "đươcj");
	/* through off, with a key typed while off */
	line_clear(&l);
	mode = VNIME_VNI;
	type(&l, "d9u7o7c");
	mode = VNIME_OFF;
	key(&l, KEY_LEFT);
	key(&l, KEY_RIGHT);
	mode = VNIME_TELEX;
	type(&l, "j");
	expect(&l, "đươcj");
	/* Telex to VNI */
	line_clear(&l);
	mode = VNIME_TELEX;
	type(&l, "vieet");
	mode = VNIME_VNI;
	type(&l, "5");
	expect(&l, "viêt5");
	/* VNI to Telex directly */
	line_clear(&l);
	mode = VNIME_VNI;
	type(&l, "tu7");
	mode = VNIME_TELEX;
	type(&l, "w");
	expect(&l, "tưư");	/* tư then a new word: w alone is ư */
	/* a word begun after the switch composes */
	type(&l, " ddaa");
	expect(&l, "tưư đâ");
	line_free(&l);
}
END_TEST

/* A filter matches what was typed as shown or as its keys: Telex does not
 * get in the way of a period or an id (2026-W50 shows 2026-Ư50). */
START_TEST(test_line_match)
{
	struct line l;
	enum vnime_mode mode = VNIME_TELEX;
	struct ui_input ctrl_u = { 0, 0, 0x15 };
	const char *period = "Báo cáo tuần 2026-W50 nl-tuan", *unit = "Thôn Đa Lộc 2026-10";

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	line_init(&l, 60, 0);
	l.ime = &mode;
	ck_assert(line_match(&l, period));		/* empty: everything */
	type(&l, "2026-W50");
	expect(&l, "2026-Ư50");
	ck_assert(line_match(&l, period));
	ck_assert(!line_match(&l, unit));
	line_key(&l, &ctrl_u);
	expect(&l, "");
	type(&l, "w50");
	ck_assert(line_match(&l, period));
	line_key(&l, &ctrl_u);
	type(&l, "ddaf locj");
	expect(&l, "đà lọc");
	ck_assert(line_match(&l, unit));
	ck_assert(!line_match(&l, period));
	char *typed = line_typed(&l);
	ck_assert_str_eq(typed, "ddaf locj");
	free(typed);
	/* word by word, each as shown or as typed */
	type(&l, " 2026-10");
	ck_assert(line_match(&l, unit));
	line_key(&l, &ctrl_u);
	type(&l, "tuaanf 2026-W50");
	ck_assert(line_match(&l, period));
	/* Backspace at the end takes from both */
	line_key(&l, &ctrl_u);
	type(&l, "w500");
	ck_assert(!line_match(&l, period));
	key(&l, KEY_BACKSPACE);
	ck_assert(line_match(&l, period));
	/* an edit in the middle: the text is what was typed */
	key(&l, KEY_HOME);
	type(&l, "x");
	expect(&l, "xư50");
	ck_assert(!line_match(&l, period));
	ck_assert(line_match(&l, "xư50"));
	ck_assert(!line_match(&l, "xw50"));
	line_free(&l);
}
END_TEST

Suite *
line_suite(void)
{
	Suite *s = suite_create("line");
	TCase *tc = tcase_create("line");

	tcase_add_test(tc, test_line_editing);
	tcase_add_test(tc, test_line_telex);
	tcase_add_test(tc, test_line_mode_switch);
	tcase_add_test(tc, test_line_match);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * check-vnime.c: the Telex and VNI engine against Unikey's behaviour —
 * letters, tones, tone placement (old style), keys applied to the whole
 * word, undo by repetition, case, qu/gi, w alone, uơ at a word's end.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "tests.h"
#include "../../core/vnime.h"

static const struct {
	enum vnime_mode mode;
	const char *keys, *want;
} cases[] = {
	/* Telex letters */
	{ VNIME_TELEX, "aa", "â" }, { VNIME_TELEX, "aw", "ă" }, { VNIME_TELEX, "ee", "ê" },
	{ VNIME_TELEX, "oo", "ô" }, { VNIME_TELEX, "ow", "ơ" }, { VNIME_TELEX, "uw", "ư" },
	{ VNIME_TELEX, "dd", "đ" }, { VNIME_TELEX, "w", "ư" }, { VNIME_TELEX, "DD", "Đ" },
	/* tones */
	{ VNIME_TELEX, "as", "á" }, { VNIME_TELEX, "af", "à" }, { VNIME_TELEX, "ar", "ả" },
	{ VNIME_TELEX, "ax", "ã" }, { VNIME_TELEX, "aj", "ạ" }, { VNIME_TELEX, "asz", "a" },
	{ VNIME_TELEX, "asf", "à" },
	/* undo by repeating a key */
	{ VNIME_TELEX, "ass", "as" }, { VNIME_TELEX, "aaa", "aa" }, { VNIME_TELEX, "ddd", "dd" },
	{ VNIME_TELEX, "aww", "aw" }, { VNIME_TELEX, "ww", "w" }, { VNIME_TELEX, "uww", "uw" },
	{ VNIME_TELEX, "aass", "âs" }, { VNIME_TELEX, "ooo", "oo" },
	{ VNIME_TELEX, "maawtj", "mặt" }, { VNIME_TELEX, "mawtj", "mặt" },
	{ VNIME_TELEX, "oow", "ơ" },
	/* keys act on the whole word; the tone may come last */
	{ VNIME_TELEX, "chuaarn", "chuẩn" }, { VNIME_TELEX, "cuarw", "cửa" },
	{ VNIME_TELEX, "tieengs", "tiếng" }, { VNIME_TELEX, "tiengse", "tiếng" },
	{ VNIME_TELEX, "nguoiwf", "người" }, { VNIME_TELEX, "nuwowcs", "nước" },
	{ VNIME_TELEX, "dduwowngf", "đường" }, { VNIME_TELEX, "truwowngf", "trường" },
	{ VNIME_TELEX, "ruwowuj", "rượu" }, { VNIME_TELEX, "huwowu", "hươu" },
	{ VNIME_TELEX, "hoawcj", "hoặc" }, { VNIME_TELEX, "gurwi", "gửi" },
	{ VNIME_TELEX, "bowi", "bơi" }, { VNIME_TELEX, "cuoons", "cuốn" },
	{ VNIME_TELEX, "ddaay", "đây" }, { VNIME_TELEX, "hojc", "học" },
	{ VNIME_TELEX, "khoong", "không" }, { VNIME_TELEX, "lowps", "lớp" },
	{ VNIME_TELEX, "phuowng", "phương" }, { VNIME_TELEX, "chuwa", "chưa" },
	{ VNIME_TELEX, "vaanf", "vần" }, { VNIME_TELEX, "tuyeets", "tuyết" },
	{ VNIME_TELEX, "khuyeenr", "khuyển" }, { VNIME_TELEX, "xoay", "xoay" },
	/* tone placement */
	{ VNIME_TELEX, "muaf", "mùa" }, { VNIME_TELEX, "taif", "tài" },
	{ VNIME_TELEX, "hoaf", "hòa" }, { VNIME_TELEX, "hoafn", "hoàn" },
	{ VNIME_TELEX, "thuyr", "thủy" }, { VNIME_TELEX, "khoer", "khỏe" },
	{ VNIME_TELEX, "toans", "toán" }, { VNIME_TELEX, "khoais", "khoái" },
	{ VNIME_TELEX, "tuooir", "tuổi" }, { VNIME_TELEX, "mias", "mía" },
	/* qu and gi are consonants */
	{ VNIME_TELEX, "quys", "quý" }, { VNIME_TELEX, "quaf", "quà" },
	{ VNIME_TELEX, "giaf", "già" }, { VNIME_TELEX, "gif", "gì" },
	{ VNIME_TELEX, "giuwax", "giữa" }, { VNIME_TELEX, "Quoocs", "Quốc" },
	/* case comes from the letters */
	{ VNIME_TELEX, "VIEETJ", "VIỆT" }, { VNIME_TELEX, "Vieetj", "Việt" },
	{ VNIME_TELEX, "Nguyeenx", "Nguyễn" }, { VNIME_TELEX, "DDoongf", "Đồng" },
	{ VNIME_TELEX, "TAAM", "TÂM" },
	/* a tone key before any vowel is a letter */
	{ VNIME_TELEX, "s", "s" }, { VNIME_TELEX, "str", "str" },
	/* uo + w ending the word is uơ (Unikey); a letter after makes it ươ */
	{ VNIME_TELEX, "thuowr", "thuở" }, { VNIME_TELEX, "huow", "huơ" },
	{ VNIME_TELEX, "thuowrng", "thưởng" }, { VNIME_TELEX, "huowng", "hương" },
	{ VNIME_TELEX, "nguowif", "người" }, { VNIME_TELEX, "thuwowr", "thưở" },
	/* VNI */
	{ VNIME_VNI, "a6", "â" }, { VNIME_VNI, "a8", "ă" }, { VNIME_VNI, "o7", "ơ" },
	{ VNIME_VNI, "u7", "ư" }, { VNIME_VNI, "d9", "đ" }, { VNIME_VNI, "a1", "á" },
	{ VNIME_VNI, "a2", "à" }, { VNIME_VNI, "a3", "ả" }, { VNIME_VNI, "a4", "ã" },
	{ VNIME_VNI, "a5", "ạ" }, { VNIME_VNI, "a10", "a" }, { VNIME_VNI, "a11", "a1" },
	{ VNIME_VNI, "d99", "d9" }, { VNIME_VNI, "Vie65t", "Việt" },
	{ VNIME_VNI, "viet65", "việt" }, { VNIME_VNI, "ngu7o72i", "người" },
	{ VNIME_VNI, "tru7o7ng2", "trường" }, { VNIME_VNI, "d9a6y", "đây" },
	{ VNIME_VNI, "thu3y", "thủy" }, { VNIME_VNI, "ho2a", "hòa" },
	{ VNIME_VNI, "hoa2n", "hoàn" }, { VNIME_VNI, "Nguye64n", "Nguyễn" },
	{ VNIME_VNI, "chu7a2", "chừa" }, { VNIME_VNI, "thuo73", "thuở" },
	{ VNIME_VNI, "thuo73ng", "thưởng" },
	/* off: keys as typed */
	{ VNIME_OFF, "aas", "aas" },
};

START_TEST(test_vnime_table)
{
	char out[256];
	int bad = 0;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vnime_render(cases[i].mode, cases[i].keys, strlen(cases[i].keys), out, sizeof out);
		if (strcmp(out, cases[i].want) != 0) {
			fprintf(stderr, "%s %s: got %s, want %s\n", vnime_mode_name(cases[i].mode),
			    cases[i].keys, out, cases[i].want);
			bad++;
		}
	}
	ck_assert_msg(bad == 0, "%d of %zu cases wrong (see above)", bad,
	    sizeof cases / sizeof cases[0]);
	ck_assert_uint_ge(sizeof cases / sizeof cases[0], 60);
}
END_TEST

START_TEST(test_vnime_word_keys)
{
	char out[512], keys[64];

	ck_assert(vnime_word_key(VNIME_TELEX, 'a'));
	ck_assert(!vnime_word_key(VNIME_TELEX, '1'));
	ck_assert(vnime_word_key(VNIME_VNI, '1'));
	ck_assert(!vnime_word_key(VNIME_VNI, ' '));
	ck_assert(!vnime_word_key(VNIME_OFF, 'a'));
	/* more keys than a word holds: the rest is ignored, nothing overflows */
	memset(keys, 'a', sizeof keys);
	vnime_render(VNIME_TELEX, keys, sizeof keys, out, sizeof out);
	ck_assert_uint_le(strlen(out), 4 * VNIME_MAX_KEYS);
}
END_TEST

Suite *
vnime_suite(void)
{
	Suite *s = suite_create("vnime");
	TCase *tc = tcase_create("vnime");

	tcase_add_test(tc, test_vnime_table);
	tcase_add_test(tc, test_vnime_word_keys);
	suite_add_tcase(s, tc);
	return s;
}

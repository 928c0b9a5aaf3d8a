/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-text.c: NFC, accent folding, ids and widths (core/text.c); whole
 * files written or not at all, with the system's reason in Vietnamese
 * (core/file.c, core/err.c).
 */
#include "tests.h"
#include "../../core/buf.h"
#include "../../core/file.h"
#include "../../core/mem.h"
#include "../../core/text.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <unicode/ucol.h>
#include <unicode/utypes.h>
#include <utf8proc.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

START_TEST(test_nfc)
{
	/* "Nguyễn" decomposed: e + circumflex (U+0302) + tilde (U+0303). */
	const char *nfd = "Nguye\xcc\x82\xcc\x83n";
	char *n = text_nfc(nfd);

	ck_assert_str_eq(n, "Nguyễn");
	ck_assert_uint_eq(strlen(n), 8);
	free(n);
	n = text_nfc("Nguyễn Thị Hoà Đặng");
	ck_assert_uint_eq(strlen(n), 27);
	free(n);
	ck_assert_ptr_null(text_nfc("\xff\xfe"));
	/* ASCII is its own NFC (a copy, without a pass of utf8proc); bytes
	 * past it are still checked */
	n = text_nfc("So ho: 1.250, 12,5 ha");
	ck_assert_str_eq(n, "So ho: 1.250, 12,5 ha");
	free(n);
	n = text_nfc("");
	ck_assert_str_eq(n, "");
	free(n);
	ck_assert_ptr_null(text_nfc("abc\xff"));
}
END_TEST

/* text_nfc's shortcut: every character it copies as it is (ASCII,
 * U+0080-U+02FF, U+1EA0-U+1EF9), next to each other of them, is what
 * utf8proc's NFC makes of it; what it does not know still goes to
 * utf8proc (a combining mark after a letter, cut sequences). */
START_TEST(test_nfc_shortcut)
{
	enum { N = 0x2ff + (0x1ef9 - 0x1ea0 + 1) };
	static char one[N][5], all[N * 8 + 8];
	size_t n = 0;
	char *a, *want;

	for (int32_t c = 1; c <= 0x1ef9; c = c == 0x2ff ? 0x1ea0 : c + 1) {
		utf8proc_ssize_t k = utf8proc_encode_char(c, (utf8proc_uint8_t *)one[n]);
		one[n++][k] = '\0';
	}
	ck_assert_uint_eq(n, N);
	/* each character before and after every other, in one text a
	 * character: the text is NFC only if no pair in it composes */
	for (size_t i = 0; i < n; i++) {
		size_t li = strlen(one[i]), len = 0;
		for (size_t j = 0; j < n; j++) {
			size_t lj = strlen(one[j]);
			memcpy(all + len, one[i], li);
			memcpy(all + len + li, one[j], lj);
			len += li + lj;
		}
		memcpy(all + len, one[i], li);
		all[len + li] = '\0';
		a = text_nfc(all);
		want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)all);
		ck_assert_msg(a != NULL && want != NULL && strcmp(a, want) == 0,
		    "'%s' next to the others (character %zu): not as utf8proc's NFC", one[i], i);
		free(a);
		free(want);
	}
	a = text_nfc("Ca\xcc\x81 ca\xcc\xa3o \xe1\xbb\xb9");	/* marks, U+1EF9 */
	ck_assert_str_eq(a, "Cá cạo ỹ");
	free(a);
	ck_assert_ptr_null(text_nfc("\xc3"));
	ck_assert_ptr_null(text_nfc("\xe1\xba"));
	ck_assert_ptr_null(text_nfc("\xe1\xbb\xc3"));
	ck_assert_ptr_null(text_nfc("\xc0\x80"));
}
END_TEST

START_TEST(test_fold)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "Nước sạch", "nuoc sach" },
		{ "Thôn Đồng Tâm", "thon dong tam" },
		{ "ĐƯỜNG ĐI", "duong di" },
		{ "Hòa", "hoa" },
		{ "Hoà", "hoa" },
		{ "Trạm Y tế", "tram y te" },
		{ "abc 123", "abc 123" },
		/* Ð, ð (U+00D0, U+00F0): the Đ, đ of older encodings */
		{ "\xc3\x90\xe1\xbb\x93ng Xuân", "dong xuan" }, { "\xc3\xb0" "a", "da" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *f = text_fold(cases[i].in);
		ck_assert_msg(f != NULL && strcmp(f, cases[i].out) == 0, "fold(%s) = %s, want %s",
		    cases[i].in, f ? f : "(null)", cases[i].out);
		free(f);
	}
	ck_assert(text_match("Nước sạch nông thôn", "nuoc sach"));
	ck_assert(text_match("Hoà Bình", "hòa"));
	ck_assert(!text_match("Nước sạch", "nuoc bẩn"));
	/* words in any order, each anywhere */
	ck_assert(text_match("thon-dong-tam Thôn Đồng Tâm nl09 thon thang 2026-10",
	    "dong tam 2026-10"));
	ck_assert(text_match("Nước sạch nông thôn", "  thôn   nước "));
	ck_assert(!text_match("Thôn Đồng Tâm 2026-10", "dong tam 2026-09"));
	ck_assert(text_match("Nước sạch", ""));
}
END_TEST

/* Pairs in Vietnamese order (CLDR vi), each first < second. */
START_TEST(test_sort_key_pairs)
{
	static const char *const pairs[][2] = {
		/* letters: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư */
		{ "a", "ă" }, { "ă", "â" }, { "â", "b" }, { "d", "đ" }, { "đ", "e" },
		{ "e", "ê" }, { "ê", "f" }, { "o", "ô" }, { "ô", "ơ" }, { "ơ", "p" },
		{ "u", "ư" }, { "ư", "v" }, { "z", "Ω" },
		/* the names */
		{ "An Xuân", "Ăn Thi" }, { "Ăn Thi", "Dừa" }, { "Dừa", "Đa Lộc" },
		{ "Đa Lộc", "Én Bay" }, { "Én Bay", "Ê Đê" }, { "Én Bay", "Êm Đềm" },
		{ "Ê Đê", "Êm Đềm" },
		/* a letter outweighs any tone anywhere: tones only break a tie */
		{ "ạz", "ăa" }, { "Dừa", "đa" }, { "tụ", "tư" }, { "tư", "tữ" },
		/* glibc 2.36 vi_VN gets these wrong (ấ taken as a with accents) */
		{ "ac", "ấa" }, { "tàu", "tẩo" }, { "uc", "ữa" }, { "ac", "ắa" },
		/* tones: none < huyền < hỏi < ngã < sắc < nặng */
		{ "ma", "mà" }, { "mà", "mả" }, { "mả", "mã" }, { "mã", "má" }, { "má", "mạ" },
		{ "ba", "bạ" }, { "mạ", "mac" },
		/* the first tone that differs, from the left */
		{ "bàa", "bảa" }, { "baà", "bàa" }, { "Hoà", "Hòa" },
		/* tones before case; lower case first */
		{ "ma", "Ma" }, { "Ma", "mà" }, { "hoa", "Hoa" }, { "Hoa", "HOA" },
		{ "đa", "Đa" }, { "Đa", "đà" },
		/* numbers by value (CLDR's numeric option) */
		/* shorter first; spaces and punctuation before letters, digits too */
		{ "An", "An Xuân" }, { "An Xuân", "Anh" }, { "Thôn 2", "Thôn 10" },
		{ "Thôn 9", "Thôn A" }, { "Thôn 02", "Thôn 3" },
		{ "Thôn 02", "Thôn 2" }, { "Tổ 1A", "Tổ 1B" }, { "Tổ 9B", "Tổ 10A" }, { "Thôn-A", "Thôn1" }, { "", "a" }, { " ", "-" },
		{ "ô", "ôa" }, { "ồ", "ôa" },
		/* other Latin accents after the Vietnamese tones */
		{ "ọ", "ö" }, { "o", "ö" }, { "ö", "p" },
		/* Ð (U+00D0, older encodings) is Đ: after D, before E */
		{ "Dừa", "\xc3\x90\xe1\xbb\x93ng Xuân" }, { "\xc3\x90\xe1\xbb\x93ng Xuân", "Én Bay" },
		{ "d", "\xc3\xb0" }, { "\xc3\xb0", "e" },
	};
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		ck_assert_msg(text_collate(pairs[i][0], pairs[i][1]) < 0, "want '%s' < '%s'",
		    pairs[i][0], pairs[i][1]);
		ck_assert_msg(text_collate(pairs[i][1], pairs[i][0]) > 0, "want '%s' > '%s'",
		    pairs[i][1], pairs[i][0]);
	}
}
END_TEST

/* The key is what SQLite compares: bytes, whatever the normalisation. */
START_TEST(test_sort_key_bytes)
{
	/* ặ as NFC, and as a + breve + dot below (NFD puts the dot first) */
	size_t l1, l2, l3;
	unsigned char *k1 = text_sort_key("Đặng", &l1);
	unsigned char *k2 = text_sort_key("\xc4\x90" "a\xcc\x86\xcc\xa3" "ng", &l2);
	unsigned char *k3 = text_sort_key("Đăng", &l3);

	ck_assert_ptr_nonnull(k1);
	ck_assert_uint_eq(l1, l2);
	ck_assert(memcmp(k1, k2, l1) == 0);
	/* same letters, tone differs: the primary part is equal */
	ck_assert(memcmp(k1, k3, 16) == 0);
	ck_assert(memcmp(k3, k1, l1 < l3 ? l1 : l3) < 0);
	free(k1);
	free(k2);
	free(k3);
	ck_assert_ptr_null(text_sort_key("\xff", &l1));
	ck_assert_int_eq(text_collate("Hòa", "Ho\xcc\x80" "a"), 0);
	ck_assert_int_eq(text_collate("", ""), 0);
	/* invalid UTF-8 last */
	ck_assert_int_lt(text_collate("z", "\xff"), 0);
}
END_TEST

static int
key_cmp(const unsigned char *a, size_t la, const unsigned char *b, size_t lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);

	if (r == 0)
		r = la < lb ? -1 : la > lb;
	return r < 0 ? -1 : r > 0;
}

/* Odd text: marks with no letter, long numbers, other scripts, emoji. The
 * order is total: antisymmetric, transitive, and 0 only for the same text
 * (up to normalisation). */
START_TEST(test_sort_key_odd)
{
	static const char *const parts[] = { "a", "Ă", "\xcc\x81", "\xcc\xa3", "\xcc\x86",
	    "0", "007", "9", "12345678901234567890", " ", "-", "đ", "Đ", "ư", "\xe4\xb8\xad",
	    "\xf0\x9f\x99\x82", "ß", "ö", "\t", "Z", "ỵ" };
	enum { N = 300 };
	char *s[N];
	unsigned char *key[N];
	size_t klen[N];
	unsigned seed = 7;
	size_t i, j, k;

	for (i = 0; i < N; i++) {
		char buf[128] = "";
		size_t len = (seed = seed * 1103515245u + 12345u) >> 28;
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			strncat(buf, parts[(seed >> 16) % (sizeof parts / sizeof parts[0])],
			    sizeof buf - strlen(buf) - 1);
		}
		s[i] = xstrdup(buf);
	}
	for (i = 0; i < N; i++) {
		key[i] = text_sort_key(s[i], &klen[i]);
		ck_assert_ptr_nonnull(key[i]);
	}
	ck_assert_int_eq(text_collate(s[0], s[1]), key_cmp(key[0], klen[0], key[1], klen[1]));
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++) {
			int c = key_cmp(key[i], klen[i], key[j], klen[j]);
			ck_assert_int_eq(c, -key_cmp(key[j], klen[j], key[i], klen[i]));
			if (c == 0) {
				char *a = text_nfc(s[i]), *b = text_nfc(s[j]);
				ck_assert_str_eq(a, b);
				free(a);
				free(b);
			}
		}
	for (i = 0; i < 60; i++)
		for (j = 0; j < 60; j++)
			for (k = 0; k < 60; k++)
				if (key_cmp(key[i], klen[i], key[j], klen[j]) <= 0 &&
				    key_cmp(key[j], klen[j], key[k], klen[k]) <= 0)
					ck_assert_int_le(key_cmp(key[i], klen[i], key[k], klen[k]), 0);
	for (i = 0; i < N; i++)
		free(key[i]);
	for (i = 0; i < N; i++)
		free(s[i]);
}
END_TEST

/*
 * Differential test against ICU's collator for "vi" (CLDR's rules; with
 * its numeric option on, as text_sort_key reads numbers by value): random
 * Vietnamese names of one to three syllables, with capitals, spaces and
 * numbers, must come out in the same order. Punctuation is left out: ours
 * goes by code point, CLDR's by its own table. glibc's vi_VN.UTF-8 is not
 * used: 2.36 sorts a letter with both a hat and a tone as the plain letter
 * ("ấa" before "ac"), see the pairs above.
 */
static unsigned
next(unsigned *seed)
{
	return (*seed = *seed * 1103515245u + 12345u) >> 8;
}

/* A name of one to three syllables. Its shape (how many syllables, which
 * onset, vowel and final) comes from *shape, the variants (hat, horn,
 * breve, tone, case, d or đ) from *var: two names of one shape differ only
 * where the later levels decide. */
static char *
vi_name(unsigned *shape, unsigned *var)
{
	static const char *const onset[][4] = { { "", "", "", "" }, { "b", "B", "b", "B" },
	    { "c", "C", "ch", "Ch" }, { "d", "đ", "D", "Đ" }, { "g", "G", "gi", "Gi" },
	    { "h", "H", "kh", "Kh" }, { "l", "L", "l", "L" }, { "m", "M", "n", "N" },
	    { "ng", "Ng", "nh", "Nh" }, { "qu", "Qu", "ph", "Ph" }, { "t", "T", "th", "tr" },
	    { "v", "V", "x", "X" } };
	static const char *const vowel[][18] = {
		{ "a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ẳ", "ẵ", "ắ", "ặ", "â", "ầ", "ẩ",
		  "ẫ", "ấ", "ậ" },
		{ "e", "è", "ẻ", "ẽ", "é", "ẹ", "ê", "ề", "ể", "ễ", "ế", "ệ", "E", "Ê", "Ế",
		  "È", "Ệ", "ể" },
		{ "o", "ò", "ỏ", "õ", "ó", "ọ", "ô", "ồ", "ổ", "ỗ", "ố", "ộ", "ơ", "ờ", "ở",
		  "ỡ", "ớ", "ợ" },
		{ "u", "ù", "ủ", "ũ", "ú", "ụ", "ư", "ừ", "ử", "ữ", "ứ", "ự", "U", "Ư", "Ứ",
		  "Ừ", "Ự", "ử" },
		{ "i", "ì", "ỉ", "ĩ", "í", "ị", "y", "ỳ", "ỷ", "ỹ", "ý", "ỵ", "I", "Y", "Í",
		  "Ỳ", "Ị", "ỹ" },
		{ "oa", "oà", "òa", "oá", "óa", "oạ", "uô", "uồ", "uố", "ươ", "ườ", "ượ",
		  "iê", "iế", "iề", "ai", "ái", "ài" },
	};
	static const char *const coda[] = { "", "", "c", "ch", "m", "n", "ng", "nh", "p",
	    "t", "i", "o", "u", " 1", " 2", " 10", " 9", "" };
	char buf[256] = "";
	unsigned words = 1 + next(shape) % 3;

	for (unsigned i = 0; i < words; i++) {
		unsigned o = next(shape) % (sizeof onset / sizeof onset[0]);
		unsigned v = next(shape) % (sizeof vowel / sizeof vowel[0]);
		unsigned c = next(shape) % (sizeof coda / sizeof coda[0]);
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s%s%s", i ? " " : "",
		    onset[o][next(var) % 4], vowel[v][next(var) % 18], coda[c]);
	}
	return xstrdup(buf);
}

START_TEST(test_sort_key_icu)
{
	UErrorCode ue = U_ZERO_ERROR;
	UCollator *col = ucol_open("vi", &ue);
	unsigned seed = 19, shape, shape2;
	int i, differ = 0;

	ck_assert_msg(U_SUCCESS(ue), "ICU has no 'vi' collator: %s", u_errorName(ue));
	ucol_setAttribute(col, UCOL_NUMERIC_COLLATION, UCOL_ON, &ue);
	ck_assert(U_SUCCESS(ue));
	for (i = 0; i < 50000; i++) {
		char *a, *b;
		UErrorCode e2 = U_ZERO_ERROR;

		/* two in three pairs of one shape; the others of any two */
		shape = shape2 = next(&seed);
		if (i % 3 == 0)
			shape2 = next(&seed);
		a = vi_name(&shape, &seed);
		b = vi_name(&shape2, &seed);
		int icu = ucol_strcollUTF8(col, a, -1, b, -1, &e2), ours = text_collate(a, b);
		ck_assert(U_SUCCESS(e2));
		/* ICU ties only on identical text; ours then ties too */
		if (icu != ours && !(icu == 0 && strcmp(a, b) == 0) && differ++ < 10)
			fprintf(stderr, "ICU: '%s' %s '%s'; text_collate: %d\n", a,
			    icu < 0 ? "<" : icu > 0 ? ">" : "=", b, ours);
		free(a);
		free(b);
	}
	ucol_close(col);
	ck_assert_msg(differ == 0, "%d of 50000 pairs ordered otherwise than ICU's vi", differ);
}
END_TEST

/* Sorting a list gives the order. */
START_TEST(test_sort_key_list)
{
	const char *names[] = { "Ê Đê", "Én Bay", "Đa Lộc", "Dừa", "Ăn Thi", "An Xuân" };
	const char *want[] = { "An Xuân", "Ăn Thi", "Dừa", "Đa Lộc", "Én Bay", "Ê Đê" };
	size_t i, j;

	/* insertion sort with text_collate */
	for (i = 1; i < 6; i++)
		for (j = i; j > 0 && text_collate(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (i = 0; i < 6; i++)
		ck_assert_str_eq(names[i], want[i]);
}
END_TEST


START_TEST(test_slug)
{
	char *s = text_slug("Thôn Đồng Tâm");

	ck_assert_str_eq(s, "thon-dong-tam");
	free(s);
	s = text_slug("  Trường Tiểu học -- Ngọc Lặc! ");
	ck_assert_str_eq(s, "truong-tieu-hoc-ngoc-lac");
	free(s);
	ck_assert_ptr_null(text_slug("!!!"));
	s = text_slug("\xc3\x90\xe1\xbb\x93ng Tâm");	/* Ð of older encodings */
	ck_assert_str_eq(s, "dong-tam");
	free(s);
}
END_TEST

/* Names as kept: trimmed, inner runs of spaces made one, Ð made Đ. */
START_TEST(test_name)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "  Bà Rịa  ", "Bà Rịa" }, { "Thôn \t  Đồng   Tâm", "Thôn Đồng Tâm" },
		{ "   ", "" }, { "", "" }, { "\xc2\xa0Tổ 1\xc2\xa0", "Tổ 1" },
		{ "\xc3\x90\xe1\xbb\x93ng \xc3\xb0" "a", "Đồng đa" },
		{ "Hoa\xcc\x80", "Hoà" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *n = text_name(cases[i].in);
		ck_assert_msg(n != NULL && strcmp(n, cases[i].out) == 0, "name(%s) = '%s', want '%s'",
		    cases[i].in, n ? n : "(null)", cases[i].out);
		free(n);
	}
	ck_assert_ptr_null(text_name("\xff"));
}
END_TEST

START_TEST(test_width_valid)
{
	ck_assert_int_eq(text_width("Việt Nam"), 8);
	ck_assert_int_eq(text_width("Nguye\xcc\x82\xcc\x83n"), 6);
	ck_assert(text_valid("Thôn\tA"));
	ck_assert(!text_valid("a\nb"));
	ck_assert(!text_valid("\xc3"));
}
END_TEST

/* A capped buffer refuses to grow past its cap and stays as it was. */
START_TEST(test_buf_cap)
{
	struct buf b;
	char *p;
	size_t n;

	buf_init(&b, 10);
	ck_assert_int_eq(buf_addstr(&b, "Việt"), 0);      /* 6 bytes */
	ck_assert_int_eq(buf_addstr(&b, "Nam!!"), -1);    /* 11 > 10 */
	ck_assert_uint_eq(b.len, 6);
	ck_assert_str_eq(b.data, "Việt");
	ck_assert_int_eq(buf_printf(&b, "%d", 1234), 0);  /* exactly 10 */
	ck_assert_int_eq(buf_add(&b, "x", 1), -1);
	p = buf_detach(&b, &n);
	ck_assert_uint_eq(n, 10);
	ck_assert_str_eq(p, "Việt1234");
	ck_assert_uint_eq(b.len, 0);
	free(p);
	buf_init(&b, 4);
	ck_assert_int_eq(buf_read_file(&b, "/etc/os-release"), -1);
	buf_free(&b);
}
END_TEST

/* How many entries in dir (beyond . and ..): no temporary file left behind. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* file_write: replaces whole; a missing folder, a file where a folder should
 * be, and a write the system cuts short each fail with the reason in
 * Vietnamese, leave the old file as it was and no temporary file. */
START_TEST(test_file_write)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/báo cáo.bcb", dir), *cause = NULL, *p;
	unsigned char *got;
	size_t n;
	static char big[256 * 1024];
	struct rlimit rl = { 64 * 1024, 64 * 1024 };

	ck_assert_int_eq(file_write(path, "một", 4, &cause), ERR_OK);
	ck_assert_int_eq(file_write(path, "hai", 3, &cause), ERR_OK);
	ck_assert_int_eq(file_read(path, 100, &got, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq((char *)got, "hai");
	free(got);

	p = xasprintf("%s/không có/x.bcb", dir);
	ck_assert_int_eq(file_write(p, "x", 1, &cause), ERR_IO);
	ck_assert_int_eq(strncmp(cause, "không ghi được: không có tệp hoặc thư mục này — ", strlen(
	    "không ghi được: không có tệp hoặc thư mục này — ")), 0);
	ck_assert_str_eq(strstr(cause, " — ") + strlen(" — "), p);
	free(p);
	p = xasprintf("%s/x.bcb", path);
	ck_assert_int_eq(file_write(p, "x", 1, &cause), ERR_IO);
	ck_assert_ptr_nonnull(strstr(cause, "một phần của đường dẫn không phải thư mục"));
	free(p);

	/* The system refuses to let the file grow (as a full stick would). */
	memset(big, 'x', sizeof big);
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	ck_assert_int_eq(file_write(path, big, sizeof big, &cause), ERR_IO);
	ck_assert_ptr_nonnull(strstr(cause, "không ghi được: tệp quá lớn"));
	ck_assert_int_eq(file_read(path, 100, &got, &n, &cause), ERR_OK);
	ck_assert_str_eq((char *)got, "hai");
	free(got);
	ck_assert_int_eq(entries(dir), 1);

	/* not a regular file: refused, never read or waited on */
	ck_assert_int_eq(file_read(dir, 100, &got, &n, &cause), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "bỏ qua: là một thư mục, không phải tệp thường"));
	free(cause);
	free(path);
	test_rmdir(dir);
	free(dir);
}
END_TEST

START_TEST(test_err_os)
{
	ck_assert_str_eq(err_os(ENOSPC), "đĩa đầy");
	ck_assert_int_eq(err_os_code(ENOSPC), ERR_FULL);
	ck_assert_int_eq(err_os_code(EDQUOT), ERR_FULL);
	ck_assert_int_eq(err_os_code(EIO), ERR_IO);
	ck_assert_str_eq(err_os(EROFS), "ổ đĩa chỉ cho đọc (USB đang khóa ghi?)");
	/* Never the system's English in the Vietnamese interface: the less
	 * common ones in Vietnamese too, any other by its number; in English
	 * the system's words. */
	ck_assert_str_eq(err_os(EXDEV), "không chuyển được sang ổ đĩa khác");
	ck_assert_ptr_nonnull(strstr(err_os(EDOM), "lỗi hệ thống số"));
	err_lang = 1;
	ck_assert_str_eq(err_os(ENOENT), strerror(ENOENT));
	err_lang = 0;
}
END_TEST

/* Error lines: what went wrong, then " — where" (err.h); the narrower place
 * first when a message names one already; nothing added for no place. */
START_TEST(test_err_where)
{
	char *cause = NULL, *line;

	ck_assert_int_eq(err_set_at(&cause, ERR_CORRUPT, "/media/usb/thon.bcb", "%s: %s",
	    "không đọc được", "tệp bị hỏng"), ERR_CORRUPT);
	ck_assert_str_eq(cause, "không đọc được: tệp bị hỏng — /media/usb/thon.bcb");
	ck_assert_int_eq(err_set_at(&cause, ERR_IO, NULL, "đĩa đầy"), ERR_IO);	/* frees the old one */
	ck_assert_str_eq(cause, "đĩa đầy");
	err_set_at(&cause, ERR_IO, "", "đĩa đầy");
	ck_assert_str_eq(cause, "đĩa đầy");
	err_where(&cause, "%s:%d", "x.csv", 3);
	ck_assert_str_eq(cause, "đĩa đầy — x.csv:3");
	err_set_at(&cause, ERR_INVALID, "so-ho", "\"abc\" không phải số nguyên");
	err_where(&cause, "%s:%d", "bad.csv", 1);
	ck_assert_str_eq(cause, "\"abc\" không phải số nguyên — so-ho, bad.csv:1");
	free(cause);
	cause = NULL;
	err_where(&cause, "x");			/* no message: nothing to place */
	ck_assert_ptr_null(cause);
	ck_assert_int_eq(err_set_at(NULL, ERR_IO, "x", "y"), ERR_IO);
	err_where(NULL, "x");
	line = err_fmt_at("t.yaml", "... và %d lỗi khác", 30);
	ck_assert_str_eq(line, "... và 30 lỗi khác — t.yaml");
	free(line);
	line = err_fmt_at(NULL, "%s", "x");
	ck_assert_str_eq(line, "x");
	free(line);
}
END_TEST

/* Input quoted in a message (text_quote): short text whole; long text cut
 * to TEXT_QUOTE_CHARS characters and "…", on a character boundary, a
 * combining mark kept with its letter or dropped with it; control
 * characters and broken UTF-8 made '?'; a 15 MiB word stays a short quote. */
START_TEST(test_quote)
{
	char out[64], *big, *s;
	const char *q;
	size_t i;

	ck_assert_str_eq(text_quote("2026-01"), "2026-01");
	ck_assert_str_eq(text_quote(NULL), "");
	ck_assert_str_eq(text_quote("a\x1b[2Jb\r\n\x7f\xc2\x9b"), "a?[2Jb????");
	ck_assert_str_eq(text_quote("x\xff\xc3y"), "x??y");	/* not UTF-8 */
	/* exactly the limit: whole; one more: cut and "…" */
	s = xmalloc(TEXT_QUOTE_CHARS + 2);
	memset(s, 'x', TEXT_QUOTE_CHARS);
	s[TEXT_QUOTE_CHARS] = '\0';
	ck_assert_str_eq(text_quote(s), s);
	s[TEXT_QUOTE_CHARS] = 'y', s[TEXT_QUOTE_CHARS + 1] = '\0';
	q = text_quote(s);
	ck_assert_uint_eq(strlen(q), TEXT_QUOTE_CHARS + 3);
	ck_assert_int_eq(strncmp(q, s, TEXT_QUOTE_CHARS), 0);
	ck_assert_str_eq(q + TEXT_QUOTE_CHARS, "…");
	free(s);
	/* counted in characters, not bytes: "ệ" is 3 bytes */
	ck_assert_str_eq(text_quote_n(out, sizeof out, "Nghệ An", 3), "Ngh…");
	ck_assert_str_eq(text_quote_n(out, sizeof out, "Nghệ An", 4), "Nghệ…");
	ck_assert_str_eq(text_quote_n(out, sizeof out, "Nghệ", 4), "Nghệ");
	/* NFD "ệ" = e + U+0323 + U+0302: a cut among its marks drops the letter */
	ck_assert_str_eq(text_quote_n(out, sizeof out, "Nghe\xcc\xa3\xcc\x82 An", 4), "Ngh…");
	ck_assert_str_eq(text_quote_n(out, sizeof out, "Nghe\xcc\xa3\xcc\x82 An", 5), "Ngh…");
	ck_assert_str_eq(text_quote_n(out, sizeof out, "Nghe\xcc\xa3\xcc\x82 An", 6),
	    "Nghe\xcc\xa3\xcc\x82…");
	/* a small buffer cuts sooner, never inside a character, always with
	 * room for "…" (3 bytes) and the NUL: "ệệệ" in 10 bytes keeps two */
	ck_assert_str_eq(text_quote_n(out, 10, "ệệệ", 60), "ệệ…");
	ck_assert_str_eq(text_quote_n(out, 9, "ệệệ", 60), "ệ…");
	ck_assert_str_eq(text_quote_n(out, 6, "ệệệ", 60), "…");
	ck_assert_str_eq(text_quote_n(out, 3, "ệệệ", 60), "");
	ck_assert_str_eq(text_quote_n(out, 6, "ab", 60), "ab");
	/* the 4-byte characters the buffer is sized for, all kept */
	big = xmalloc(4 * (TEXT_QUOTE_CHARS + 5) + 1);
	for (i = 0; i < TEXT_QUOTE_CHARS + 5; i++)
		memcpy(big + 4 * i, "\xf0\x9f\x98\x80", 4);
	big[4 * (TEXT_QUOTE_CHARS + 5)] = '\0';
	q = text_quote(big);
	ck_assert_uint_eq(strlen(q), 4 * TEXT_QUOTE_CHARS + 3);
	free(big);
	/* 15 MiB of x: a short quote, quickly */
	big = xmalloc((15u << 20) + 1);
	memset(big, 'x', 15u << 20);
	big[15u << 20] = '\0';
	ck_assert_uint_eq(strlen(text_quote(big)), TEXT_QUOTE_CHARS + 3);
	free(big);
	/* the ring: eight quotes in one printf stay apart */
	ck_assert_str_eq(text_quote("a"), "a");
	q = text_quote("one");
	for (i = 0; i < TEXT_QUOTE_RING - 1; i++)
		text_quote("other");
	ck_assert_str_eq(q, "one");
}
END_TEST

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_nfc);
	tcase_add_test(tc, test_nfc_shortcut);
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_name);
	tcase_add_test(tc, test_sort_key_pairs);
	tcase_add_test(tc, test_sort_key_bytes);
	tcase_add_test(tc, test_sort_key_list);
	tcase_add_test(tc, test_sort_key_odd);
	tcase_add_test(tc, test_slug);
	tcase_add_test(tc, test_width_valid);
	tcase_add_test(tc, test_buf_cap);
	tcase_add_test(tc, test_file_write);
	tcase_add_test(tc, test_err_os);
	tcase_add_test(tc, test_err_where);
	tcase_add_test(tc, test_quote);
	suite_add_tcase(s, tc);
	tc = tcase_create("collate-icu");
	tcase_set_timeout(tc, 60);	/* 50,000 pairs: seconds under ASan */
	tcase_add_test(tc, test_sort_key_icu);
	suite_add_tcase(s, tc);
	return s;
}

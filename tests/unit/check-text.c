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

START_TEST(test_slug)
{
	char *s = text_slug("Thôn Đồng Tâm");

	ck_assert_str_eq(s, "thon-dong-tam");
	free(s);
	s = text_slug("  Trường Tiểu học -- Ngọc Lặc! ");
	ck_assert_str_eq(s, "truong-tieu-hoc-ngoc-lac");
	free(s);
	ck_assert_ptr_null(text_slug("!!!"));
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
	ck_assert_str_eq(strstr(cause, ": không ghi được: "), ": không ghi được: không có tệp hoặc "
	    "thư mục này");
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
	/* Uncommon ones, and every one in English, are the system's words. */
	ck_assert_str_eq(err_os(EXDEV), strerror(EXDEV));
	err_lang = 1;
	ck_assert_str_eq(err_os(ENOENT), strerror(ENOENT));
	err_lang = 0;
}
END_TEST

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_nfc);
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_slug);
	tcase_add_test(tc, test_width_valid);
	tcase_add_test(tc, test_buf_cap);
	tcase_add_test(tc, test_file_write);
	tcase_add_test(tc, test_err_os);
	suite_add_tcase(s, tc);
	return s;
}

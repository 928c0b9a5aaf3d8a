/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-filepick.c: the file picker without a terminal — the sticks found
 * (BAOCAO_MEDIA), the name proposed (no accents, "-2" when taken), what a
 * folder lists (folders first, only regular files of the extension: never a
 * FIFO, a link or another kind of file), choosing by keys, and refusing a
 * FIFO or a link typed as a path.
 */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests.h"
#include "../../core/mem.h"
#include "../../tui/ui.h"
#include "../../tui/widget-filepick.h"

static void
touch(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void
press(struct filepick *fp, int code, int key, wint_t ch, enum filepick_result want)
{
	struct ui_input in = { code, key, ch };
	ck_assert_int_eq(filepick_key(fp, &in), want);
}

static void
type(struct filepick *fp, const char *ascii)
{
	for (const char *p = ascii; *p; p++)
		press(fp, 0, 0, (wint_t)*p, FILEPICK_NONE);
}

/* The index of the entry named NAME, or -1. */
static int
find(const struct filepick *fp, const char *name)
{
	for (size_t i = 0; i < fp->n; i++)
		if (strcmp(fp->e[i].name, name) == 0)
			return (int)i;
	return -1;
}

START_TEST(stem_has_no_accents)
{
	char *s = filepick_stem("Thôn Đồng Tâm", "2026-10");
	ck_assert_str_eq(s, "thon-dong-tam-2026-10");
	free(s);
	s = filepick_stem(NULL, "2026-10");
	ck_assert_str_eq(s, "2026-10");
	free(s);
	s = filepick_stem("!!!", "2026-10");
	ck_assert_str_eq(s, "2026-10");
	free(s);
}
END_TEST

START_TEST(media_from_the_environment)
{
	char *dir = test_tmpdir(), *pat, *a, *b, **roots;
	size_t n;

	a = xasprintf("%s/media/USB-A", dir);
	b = xasprintf("%s/media/.hidden", dir);
	pat = xasprintf("%s/media", dir);
	ck_assert_int_eq(mkdir(pat, 0700), 0);
	free(pat);
	ck_assert_int_eq(mkdir(a, 0700), 0);
	ck_assert_int_eq(mkdir(b, 0700), 0);
	touch(dir, "media/not-a-folder", "x");
	pat = xasprintf("%s/media/*:%s/none/*", dir, dir);
	setenv("BAOCAO_MEDIA", pat, 1);
	filepick_media(&roots, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(roots[0], a);
	free(roots[0]);
	free(roots);
	setenv("BAOCAO_MEDIA", "", 1);	/* set and empty: no stick */
	filepick_media(&roots, &n);
	ck_assert_uint_eq(n, 0);
	free(roots);
	unsetenv("BAOCAO_MEDIA");
	test_rmdir(dir);
	free(dir);
	free(a);
	free(b);
	free(pat);
}
END_TEST

/* A stick with a folder, a bundle, a FIFO, a link and a text file. */
static char *
stick(char **usb)
{
	char *dir = test_tmpdir(), *p;

	*usb = xasprintf("%s/media/USB", dir);
	p = xasprintf("%s/media", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	free(p);
	ck_assert_int_eq(mkdir(*usb, 0700), 0);
	p = xasprintf("%s/cu", *usb);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	free(p);
	touch(*usb, "thon-dong-tam-2026-10.bcb", "old bundle");
	touch(*usb, "ghi-chu.txt", "note");
	touch(dir, "elsewhere.bcb", "elsewhere");
	p = xasprintf("%s/fifo.bcb", *usb);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	free(p);
	p = xasprintf("%s/link.bcb", *usb);
	{
		char *target = xasprintf("%s/elsewhere.bcb", dir);
		ck_assert_int_eq(symlink(target, p), 0);
		free(target);
	}
	free(p);
	p = xasprintf("%s/media/*", dir);
	setenv("BAOCAO_MEDIA", p, 1);
	free(p);
	return dir;
}

START_TEST(save_proposes_a_free_name_on_the_stick)
{
	struct filepick fp;
	char *usb, *dir = stick(&usb), *want;

	filepick_init(&fp, NULL, NULL, FILEPICK_SAVE, ".bcb", "thon-dong-tam-2026-10", 0);
	ck_assert_str_eq(fp.dir, usb);
	ck_assert_ptr_nonnull(fp.medium);
	/* the name taken: -2 */
	ck_assert_str_eq(fp.proposed, "thon-dong-tam-2026-10-2.bcb");
	/* listed: .., the folder, the bundle; not the FIFO, the link, the note */
	ck_assert_uint_eq(fp.n, 3);
	ck_assert_int_eq(fp.e[0].kind, 'u');
	ck_assert_int_eq(fp.e[1].kind, 'd');
	ck_assert_str_eq(fp.e[1].name, "cu");
	ck_assert_str_eq(fp.e[2].name, "thon-dong-tam-2026-10.bcb");
	ck_assert_int_eq(find(&fp, "fifo.bcb"), -1);
	ck_assert_int_eq(find(&fp, "link.bcb"), -1);
	/* Enter writes the name proposed, into the folder shown */
	press(&fp, 0, 0, '\r', FILEPICK_CHOSEN);
	want = xasprintf("%s/thon-dong-tam-2026-10-2.bcb", usb);
	ck_assert_str_eq(fp.chosen, want);
	ck_assert_int_eq(fp.force, 0);
	free(want);
	/* the existing bundle chosen from the list: not replaced unless the
	 * user says so (no terminal here: no), the file as it was */
	press(&fp, 1, KEY_DOWN, 0, FILEPICK_NONE);
	press(&fp, 1, KEY_END, 0, FILEPICK_NONE);
	ck_assert_str_eq(fp.e[fp.sel].name, "thon-dong-tam-2026-10.bcb");
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	ck_assert_ptr_nonnull(strstr(fp.msg, "vẫn như cũ"));
	{
		size_t len;
		char *p = xasprintf("%s/thon-dong-tam-2026-10.bcb", usb);
		unsigned char *kept = test_slurp(p, &len);
		ck_assert_ptr_nonnull(kept);
		ck_assert_uint_eq(len, 10);
		ck_assert_mem_eq(kept, "old bundle", len);
		free(kept);
		free(p);
	}
	press(&fp, 0, 0, '\t', FILEPICK_NONE);	/* back to the name */
	/* a FIFO or a link typed as the name is refused, nothing chosen */
	press(&fp, 0, 0, 0x15, FILEPICK_NONE);
	type(&fp, "fifo.bcb");
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	ck_assert_int_eq(fp.msg_err, 1);
	press(&fp, 0, 0, 0x15, FILEPICK_NONE);
	type(&fp, "link");	/* the extension is added */
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	ck_assert_int_eq(fp.msg_err, 1);
	/* a folder typed is opened, the name proposed there again */
	press(&fp, 0, 0, 0x15, FILEPICK_NONE);
	type(&fp, "cu");
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	want = xasprintf("%s/cu", usb);
	ck_assert_str_eq(fp.dir, want);
	free(want);
	ck_assert_str_eq(fp.proposed, "thon-dong-tam-2026-10.bcb");
	filepick_free(&fp);
	unsetenv("BAOCAO_MEDIA");
	test_rmdir(dir);
	free(dir);
	free(usb);
}
END_TEST

START_TEST(open_offers_regular_files_only)
{
	struct filepick fp;
	char *usb, *dir = stick(&usb), *want;

	filepick_init(&fp, NULL, NULL, FILEPICK_OPEN, ".bcb", NULL, FILEPICK_FOLDER);
	/* .., every file at once (one), the folder, the bundle */
	ck_assert_uint_eq(fp.n, 4);
	ck_assert_int_eq(fp.e[1].kind, 'a');
	ck_assert_uint_eq(fp.sel, 1);
	press(&fp, 0, 0, '\r', FILEPICK_CHOSEN);
	ck_assert_int_eq(fp.all, 1);
	ck_assert_uint_eq(fp.nfiles, 1);
	want = xasprintf("%s/thon-dong-tam-2026-10.bcb", usb);
	ck_assert_str_eq(fp.files[0], want);
	/* the bundle itself, by the keys */
	press(&fp, 1, KEY_END, 0, FILEPICK_NONE);
	press(&fp, 0, 0, '\r', FILEPICK_CHOSEN);
	ck_assert_int_eq(fp.all, 0);
	ck_assert_str_eq(fp.chosen, want);
	free(want);
	/* typed: a FIFO and a link are refused, never opened */
	press(&fp, 0, 0, 0x15, FILEPICK_NONE);
	want = xasprintf("%s/fifo.bcb", usb);
	type(&fp, want);
	free(want);
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	ck_assert_int_eq(fp.msg_err, 1);
	ck_assert_ptr_nonnull(strstr(fp.msg, "fifo.bcb"));
	press(&fp, 0, 0, 27, FILEPICK_NONE);	/* Esc: the typing, not the picker */
	press(&fp, 0, 0, '/', FILEPICK_NONE);
	want = xasprintf("%s/link.bcb", usb + 1);
	type(&fp, want);
	free(want);
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	ck_assert_ptr_nonnull(strstr(fp.msg, "link.bcb"));
	press(&fp, 0, 0, 27, FILEPICK_NONE);
	/* ← goes up, to the folder of the sticks, the cursor on the stick */
	press(&fp, 1, KEY_LEFT, 0, FILEPICK_NONE);
	ck_assert_int_eq(fp.e[fp.sel].kind, 'd');
	ck_assert_str_eq(fp.e[fp.sel].name, "USB");
	press(&fp, 0, 0, 27, FILEPICK_CANCEL);
	filepick_free(&fp);

	/* one file at a time: the cursor starts on the newest, wherever its
	 * name sorts */
	{
		struct timeval old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
		char *p = xasprintf("%s/thon-dong-tam-2026-10.bcb", usb);
		ck_assert_int_eq(utimes(p, old), 0);
		free(p);
		touch(usb, "a-moi.bcb", "newer");
		p = xasprintf("%s/a-moi.bcb", usb);
		old[0].tv_sec = old[1].tv_sec = 1100000000;
		ck_assert_int_eq(utimes(p, old), 0);
		free(p);
		touch(usb, "z-moi-nhat.bcb", "newest");
	}
	filepick_init(&fp, NULL, NULL, FILEPICK_OPEN, ".bcb", NULL, 0);
	ck_assert_str_eq(fp.e[fp.sel].name, "z-moi-nhat.bcb");
	filepick_free(&fp);
	unsetenv("BAOCAO_MEDIA");
	test_rmdir(dir);
	free(dir);
	free(usb);
}
END_TEST

/* Writing, "/" over the name proposed begins a path (README, the help): the
 * outsider's "/" then Enter named "thon-dong-tam-2026-10-2.bcb/", a folder
 * that does not exist, and got an English strerror. A path typed opens the
 * folder; a missing one is said in Vietnamese (err_os), nothing chosen. */
START_TEST(save_slash_types_a_path)
{
	struct filepick fp;
	char *usb, *dir = stick(&usb), *want;

	filepick_init(&fp, NULL, NULL, FILEPICK_SAVE, ".bcb", "thon-dong-tam-2026-10", 0);
	ck_assert_str_eq(fp.proposed, "thon-dong-tam-2026-10-2.bcb");
	press(&fp, 0, 0, '/', FILEPICK_NONE);
	type(&fp, dir + 1);	/* "/" + the rest: the test folder */
	type(&fp, "/media/USB/cu");
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	want = xasprintf("%s/cu", usb);
	ck_assert_str_eq(fp.dir, want);
	free(want);
	ck_assert_int_eq(fp.msg_err, 0);
	/* a missing folder: one Vietnamese line, no English errno text */
	press(&fp, 0, 0, '/', FILEPICK_NONE);
	type(&fp, dir + 1);
	type(&fp, "/khong-co-thu-muc-nay/");
	press(&fp, 0, 0, '\r', FILEPICK_NONE);
	ck_assert_int_eq(fp.msg_err, 1);
	ck_assert_msg(strstr(fp.msg, "không có tệp hoặc thư mục này") != NULL, "%s", fp.msg);
	ck_assert_msg(strstr(fp.msg, "No such") == NULL, "%s", fp.msg);
	ck_assert_ptr_null(fp.chosen);
	/* after an edited name, "/" is part of it: a folder below */
	press(&fp, 0, 0, 0x15, FILEPICK_NONE);
	type(&fp, "x/");
	{
		char *t = line_utf8(&fp.name);
		ck_assert_str_eq(t, "x/");
		free(t);
	}
	filepick_free(&fp);
	unsetenv("BAOCAO_MEDIA");
	test_rmdir(dir);
	free(dir);
	free(usb);
}
END_TEST

Suite *
filepick_suite(void)
{
	Suite *s = suite_create("filepick");
	TCase *tc = tcase_create("core");

	setlocale(LC_ALL, "C.UTF-8");
	tcase_add_test(tc, stem_has_no_accents);
	tcase_add_test(tc, media_from_the_environment);
	tcase_add_test(tc, save_proposes_a_free_name_on_the_stick);
	tcase_add_test(tc, open_offers_regular_files_only);
	tcase_add_test(tc, save_slash_types_a_path);
	suite_add_tcase(s, tc);
	return s;
}

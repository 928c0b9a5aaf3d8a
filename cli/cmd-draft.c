/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-draft.c: `baocao forms draft` and `baocao forms import` — form files
 * written from a clerk's documents, never installed by themselves.
 *
 *   forms draft PLAN.docx|PLAN.xlsx|PLAN.csv [--out-dir DIR] [--force]
 *       one draft per task table of the plan, DIR/ID.yaml; what could not be
 *       mapped listed per draft; each draft then checked as `forms check`
 *       would, its errors said.
 *   forms import SURVEY.xlsx [--out-dir DIR] [--unit KIND] [--force]
 *       an XLSForm as one form file; every column or type left out listed.
 *
 * Neither needs a database. No file is overwritten without --force, and when
 * one would be, nothing at all is written.
 */
#include "cli.h"
#include "../core/text.h"
#include "cmd-draft.h"
#include "../core/mem.h"
#include "../forms/doc-table.h"
#include "../forms/form-draft.h"
#include "../forms/form-xlsform.h"
#include "../forms/form.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The usage of both verbs (`baocao forms draft --help`). */
static const struct cmd_entry cmd_draft_entry = {
	"forms",
	"forms draft TỆP.docx|.xlsx|.csv [--out-dir THƯ-MỤC] [--force]"
	" | forms import TỆP.xlsx [--out-dir THƯ-MỤC] [--unit LOẠI] [--force]",
	"Viết bản nháp biểu mẫu từ các bảng nhiệm vụ của một kế hoạch (DOCX, XLSX, CSV), hoặc từ một "
	"XLSForm; liệt kê những gì chưa chuyển được; không ghi đè nếu thiếu --force.",
	"Draft form files from a plan's task tables (DOCX, XLSX, CSV) or from an XLSForm; list what "
	"could not be mapped; nothing overwritten without --force.",
	NULL,
};

struct draft_opts {
	const char *out_dir;
	const char *unit;
	int force;
	const char *file;
};

/* Parse ARGV (ARGV[0] the verb); 0, or the exit status to return. */
static int
draft_args(struct cli *cli, int argc, char **argv, struct draft_opts *o, bool unit_ok)
{
	static const struct option opts[] = {
		{ "out-dir", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "unit", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof *o);
	o->out_dir = ".";
	optind = 1;
	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'o': o->out_dir = optarg; break;
		case 'F': o->force = 1; break;
		case 'u':
			if (!unit_ok)
				goto usage;
			o->unit = optarg;
			break;
		case 'h': cli_usage(&cmd_draft_entry, 0); return -1;
		default: goto usage;
		}
	}
	if (optind + 1 != argc)
		goto usage;
	o->file = argv[optind];
	if (!*o->out_dir)
		return cli_fail(ERR_INVALID, TR("--out-dir trống", "--out-dir is empty"));
	return 0;
usage:
	cli_usage(&cmd_draft_entry, 1);
	return 2;
}

/* The folder exists and is one; a missing last level is made (README's
 * `--out-dir nhap`), not its parents. */
static int
check_dir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) != 0 && errno == ENOENT && mkdir(dir, 0777) == 0)
		return 0;
	if (stat(dir, &st) != 0)
		return cli_failf_at(err_os_code(errno), dir, TR("%s (tạo thư mục cha trước)",
		    "%s (make the parent folder first)"), err_os(errno));
	if (!S_ISDIR(st.st_mode))
		return cli_failf_at(ERR_INVALID, dir, TR("không phải thư mục", "not a folder"));
	return 0;
}

/* Write NFILES files; refuses them all when one exists and !FORCE. */
static int
write_all(char **paths, char **texts, size_t n, int force)
{
	char *cause = NULL;
	enum err e;

	if (!force)
		for (size_t i = 0; i < n; i++) {
			struct stat st;
			if (lstat(paths[i], &st) == 0)
				return cli_failf_at(ERR_EXISTS, paths[i], "%s", TR("đã có tệp này; không ghi đè "
				    "(thêm --force để ghi đè), chưa ghi tệp nào", "the file exists; not overwritten "
				    "(add --force), nothing written"));
		}
	for (size_t i = 0; i < n; i++)
		if ((e = file_write(paths[i], texts[i], strlen(texts[i]), &cause)) != ERR_OK) {
			int rc = cli_fail(e, cause);
			free(cause);
			return rc;
		}
	return 0;
}

/* Say whether TEXT (written to PATH) passes forms check, and if not why. */
static bool
say_check(const char *path, const char *text)
{
	struct form_errors errs = { 0 };
	struct form *f = form_load(path, text, strlen(text), &errs);

	if (f) {
		printf(TR("  forms check: đạt%s\n", "  forms check: passes%s\n"),
		    f->nnotes ? TR(" (có cảnh báo:)", " (with warnings:)") : "");
		for (size_t i = 0; i < f->nnotes; i++)
			printf("    %s\n", f->notes[i]);
		form_free(f);
		return true;
	}
	printf(TR("  forms check: CHƯA ĐẠT — %zu lỗi:\n", "  forms check: FAILS — %zu errors:\n"), errs.n);
	for (size_t i = 0; i < errs.n; i++)
		printf("    %s\n", errs.lines[i]);
	form_errors_free(&errs);
	return false;
}

int
cmd_forms_draft(struct cli *cli, int argc, char **argv)
{
	struct draft_opts o;
	struct doc_tables t = { 0 };
	struct drafts ds = { 0 };
	char *cause = NULL, **paths, **texts;
	enum err e;
	int rc;

	if ((rc = draft_args(cli, argc, argv, &o, false)) != 0)
		return rc < 0 ? 0 : rc;
	if ((e = doc_tables_read(o.file, &t, &cause)) != ERR_OK ||
	    (e = form_draft_make(&t, o.file, &ds, &cause)) != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		doc_tables_free(&t);
		return rc;
	}
	/* the folder, once there is something to write into it */
	if ((rc = check_dir(o.out_dir)) != 0) {
		form_drafts_free(&ds);
		doc_tables_free(&t);
		return rc;
	}
	paths = xcalloc(ds.n, sizeof *paths);
	texts = xcalloc(ds.n, sizeof *texts);
	for (size_t i = 0; i < ds.n; i++) {
		paths[i] = xasprintf("%s/%s.yaml", o.out_dir, ds.d[i].id);
		texts[i] = form_draft_yaml(&ds.d[i]);
	}
	rc = write_all(paths, texts, ds.n, o.force);
	for (size_t i = 0; rc == 0 && i < ds.n; i++) {
		const struct draft *d = &ds.d[i];
		size_t tasks = 0;
		for (size_t r = 0; r < d->nrows; r++)
			tasks += !d->rows[r].heading;
		printf(TR("%s: %zu dòng (%zu nhiệm vụ), đơn vị %s — %s\n",
		    "%s: %zu rows (%zu tasks), unit %s — %s\n"), paths[i], d->nrows, tasks, d->unit, d->title);
		if (d->nunmapped)
			printf(TR("  chưa chuyển được (%zu):\n", "  not mapped (%zu):\n"), d->nunmapped);
		for (size_t k = 0; k < d->nunmapped; k++)
			printf("    - %s\n", d->unmapped[k]);
		say_check(paths[i], texts[i]);
	}
	for (size_t i = 0; i < ds.n; i++) {
		free(paths[i]);
		free(texts[i]);
	}
	free(paths);
	free(texts);
	form_drafts_free(&ds);
	doc_tables_free(&t);
	return rc;
}

int
cmd_forms_import(struct cli *cli, int argc, char **argv)
{
	struct draft_opts o;
	struct doc_tables t = { 0 };
	struct xlsform_result r = { 0 };
	char *cause = NULL, *path = NULL, *id;
	enum err e;
	int rc;

	if ((rc = draft_args(cli, argc, argv, &o, true)) != 0)
		return rc < 0 ? 0 : rc;
	if (o.unit && (!*o.unit || strlen(o.unit) > 32 || o.unit[0] < 'a' || o.unit[0] > 'z' ||
	    strspn(o.unit, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(o.unit)))
		return cli_failf(ERR_INVALID, TR("loại đơn vị viết bằng chữ thường không dấu, "
		    "số và '-' (ví dụ thon, tram-y-te)" ERR_WHERE_SEP "--unit '%s'", "a unit kind is lower-case ASCII letters, "
		    "digits and '-' (e.g. thon, tram-y-te)" ERR_WHERE_SEP "--unit '%s'"), text_quote(o.unit));
	if (doc_kind_of(o.file) != DOC_XLSX)
		return cli_failf_at(ERR_INVALID, o.file, TR("XLSForm là tệp .xlsx", "an XLSForm is an .xlsx file"));
	if ((e = doc_tables_read(o.file, &t, &cause)) != ERR_OK ||
	    (e = form_xlsform_import(&t, o.file, o.unit, &r, &cause)) != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		doc_tables_free(&t);
		return rc;
	}
	if ((rc = check_dir(o.out_dir)) != 0) {
		form_xlsform_free(&r);
		doc_tables_free(&t);
		return rc;
	}
	/* the id is on the line "form: ID" */
	id = strstr(r.yaml, "\nform: ");
	id = id ? xstrndup(id + 7, strcspn(id + 7, "\n")) : xstrdup("xlsform");
	path = xasprintf("%s/%s.yaml", o.out_dir, id);
	rc = write_all(&path, &r.yaml, 1, o.force);
	if (rc == 0) {
		printf("%s\n", path);
		if (r.nunsupported)
			printf(TR("  không hỗ trợ, đã bỏ qua (%zu):\n", "  not supported, left out (%zu):\n"),
			    r.nunsupported);
		for (size_t k = 0; k < r.nunsupported; k++)
			printf("    - %s\n", r.unsupported[k]);
		say_check(path, r.yaml);
	}
	free(id);
	free(path);
	form_xlsform_free(&r);
	doc_tables_free(&t);
	return rc;
}

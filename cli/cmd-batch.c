/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-batch.c: `baocao batch [FILE | -]`: many commands after one unlock.
 *
 * Every separate command pays the Argon2id key derivation (a quarter to a
 * half second and up to 256 MiB); thirty `fill`s and a `report` typed one by
 * one spend most of their time unlocking. A batch reads its commands, one per
 * line, with the same verbs and options as on the command line (each line is
 * run by that verb's own exec function; nothing here parses a verb), and
 * unlocks the database once, at the first line that needs it: cli_open lends
 * the open store to every later line (struct cli_batch, store_hold).
 *
 * Lines are split into words by the C library's wordexp(3), the shell's own
 * rules, without command substitution: quotes and backslashes as in sh,
 * $VARIABLES (an unset one is an error), ~ and file patterns. A line whose
 * first non-blank character is # is a comment; blank lines are skipped; as
 * in sh, an unquoted word that starts with # ends the line ("fill ... # the
 * October file"), a quoted "#" or one inside a word (a#b) stays.
 *
 * A line is bounded before wordexp sees it (LINE_BYTES, LINE_WORDS): a
 * generated line of millions of words would otherwise cost wordexp hundreds
 * of MiB; no command typed or generated for baocao comes near the limits.
 *
 * Every line is split and its verb checked before any runs, so a typing
 * mistake anywhere runs nothing. Then the lines run in order; the first that
 * fails stops the batch: its own message says "dòng N:" (cli_fail), a last
 * line says where the batch stopped, and the exit status is that command's.
 * The lines before it stay done, as if typed one by one; none after it runs.
 */
#include "cli.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wordexp.h>

/* A batch is typed or generated text, not data: a few MiB is plenty. */
#define BATCH_MAX (16u << 20)

/* One line: far more than any command needs (a fill names a form, a period,
 * a unit and a file; an import of a few hundred files fits), far less than
 * what costs wordexp real memory (about 130 bytes a word). */
#define LINE_BYTES (64u << 10)
#define LINE_WORDS 4096u

struct line {
	unsigned long no; /* 1-based, in the file */
	wordexp_t w;
	const struct cmd_entry *verb;
};

/* Verbs a batch refuses, and why: they make or re-key the database (the
 * batch holds it open and unlocked), or would nest. */
static const char *
refused(const char *verb)
{
	if (strcmp(verb, "setup") == 0)
		return TR("tạo cơ sở dữ liệu mới", "it makes a new database");
	if (strcmp(verb, "passwd") == 0)
		return TR("đổi mật khẩu của chính cơ sở dữ liệu batch đang mở",
		    "it changes the passphrase of the database the batch holds open");
	if (strcmp(verb, "batch") == 0)
		return TR("batch không lồng nhau", "batches do not nest");
	return NULL;
}

/* Before wordexp: end the line at a comment (an unquoted word starting with
 * '#', as sh does) and count its words (words outside quotes separated by
 * blanks; an upper bound of what the line holds before file patterns). The
 * quoting rules are sh's: '...' takes everything literally, "..." all but
 * a backslash before " or a backslash, and a backslash outside quotes the
 * next character. An unclosed quote is left for wordexp to refuse. Returns
 * the number of words. */
static size_t
strip_comment(char *s)
{
	size_t words = 0;
	int q = 0, start = 1;	/* q: the open quote; start: a word may begin */
	char *p;

	for (p = s; *p != '\0'; p++) {
		if (q == '\'') {
			if (*p == '\'')
				q = 0;
			continue;
		}
		if (q == '"') {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '"')
				q = 0;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			start = 1;
			continue;
		}
		if (start && *p == '#') {
			*p = '\0';
			break;
		}
		if (start)
			words++;
		start = 0;
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '\'' || *p == '"')
			q = *p;
	}
	return words;
}

/* Split one line (NUL-terminated, no newline) into l->w. 0, or the exit
 * status after the message. */
static int
split(struct line *l, const char *text)
{
	const char *why;
	int rc = wordexp(text, &l->w, WRDE_NOCMD | WRDE_UNDEF);

	if (rc == 0)
		return 0;
	switch (rc) {
	case WRDE_BADCHAR:
		why = TR("các ký tự | & ; < > ( ) { } phải nằm trong dấu nháy (batch không "
		    "chuyển hướng hay nối lệnh)", "the characters | & ; < > ( ) { } must be "
		    "quoted (a batch neither redirects nor chains commands)");
		break;
	case WRDE_BADVAL:
		why = TR("dùng một biến môi trường chưa đặt", "uses an environment variable that "
		    "is not set");
		break;
	case WRDE_CMDSUB:
		why = TR("không chạy lệnh con $(...) hay `...`", "no command substitution $(...) "
		    "or `...`");
		break;
	case WRDE_SYNTAX:
		why = TR("dấu nháy chưa đóng hoặc cú pháp sai", "an unclosed quote or a syntax "
		    "error");
		break;
	default:
		why = TR("không đủ bộ nhớ để tách từ", "not enough memory to split the words");
		break;
	}
	/* wordexp leaves nothing to free after an error but WRDE_NOSPACE */
	if (rc == WRDE_NOSPACE)
		wordfree(&l->w);
	cli_batch_line = l->no;
	rc = cli_fail(rc == WRDE_NOSPACE ? ERR_IO : ERR_INVALID, why);
	cli_batch_line = 0;
	return rc;
}

/* Check a split line's verb and arguments. 0, or the exit status after the
 * message (with the line number). */
static int
check(struct line *l, int from_stdin)
{
	const char *v = l->w.we_wordv[0], *why;
	size_t i;
	int rc = 0;

	cli_batch_line = l->no;
	if (v[0] == '-')
		rc = cli_failf(ERR_INVALID, TR("'%s': mỗi dòng bắt đầu bằng một lệnh (fill, "
		    "report, ...), không phải tuỳ chọn; --db là của chính batch", "'%s': each "
		    "line starts with a verb (fill, report, ...), not an option; --db belongs to "
		    "the batch itself"), text_quote(v));
	else if ((l->verb = cli_find_verb(v)) == NULL)
		rc = cli_failf(ERR_INVALID, TR("không có lệnh '%s'; 'baocao --help' liệt kê các "
		    "lệnh", "no verb '%s'; 'baocao --help' lists them"), text_quote(v));
	else if ((why = refused(v)) != NULL)
		rc = cli_failf(ERR_INVALID, TR("'%s' không chạy được trong batch: %s; hãy chạy "
		    "riêng", "'%s' cannot run in a batch: %s; run it on its own"), v, why);
	for (i = 1; rc == 0 && from_stdin && i < l->w.we_wordc; i++)
		if (strcmp(l->w.we_wordv[i], "-") == 0)
			rc = cli_fail(ERR_INVALID, TR("'-' (đầu vào chuẩn) đang chở chính các "
			    "lệnh của batch; hãy ghi các lệnh vào một tệp: baocao batch TỆP",
			    "'-' (standard input) is carrying the batch's own commands; put "
			    "the commands in a file: baocao batch FILE"));
	cli_batch_line = 0;
	return rc;
}

/* Read FILE (or standard input) and split it into lines. 0 and *out, *n
 * set, or the exit status after the message. */
static int
parse(const char *file, struct line **out, size_t *n)
{
	int from_stdin = strcmp(file, "-") == 0;
	struct line *lines = NULL;
	size_t count = 0, cap = 0;
	unsigned long no = 0;
	struct buf b;
	char *p, *end;
	int rc = 0;

	buf_init(&b, BATCH_MAX);
	if ((from_stdin ? buf_read_fd(&b, 0) : buf_read_file(&b, file)) < 0) {
		int e = errno;
		buf_free(&b);
		if (e == EFBIG)
			return cli_failf_at(ERR_INVALID, text_quote(from_stdin ? "-" : file),
			    TR("tệp lớn quá %u byte", "the file is over %u bytes"), BATCH_MAX);
		return cli_failf_at(e == ENOENT ? ERR_NOTFOUND : err_os_code(e),
		    text_quote(from_stdin ? "-" : file), "%s", err_os(e));
	}
	for (p = b.data, end = b.data + b.len; rc == 0 && p < end; ) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *s;
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct line l;

		no++;
		if (memchr(p, '\0', len) != NULL) {
			cli_batch_line = no;
			rc = cli_fail(ERR_INVALID, TR("có byte NUL: đây không phải một tệp văn bản",
			    "a NUL byte: this is not a text file"));
			cli_batch_line = 0;
			break;
		}
		p[len] = '\0';
		if (len > 0 && p[len - 1] == '\r')
			p[len - 1] = '\0';	/* written on Windows */
		s = p;
		p += len + 1;
		if (len > LINE_BYTES) {
			cli_batch_line = no;
			rc = cli_failf(ERR_INVALID, TR("dòng dài %zu byte, quá giới hạn %u byte của "
			    "một dòng batch; hãy chia thành nhiều dòng", "the line is %zu bytes long, "
			    "over a batch line's limit of %u bytes; split it into several lines"),
			    len, LINE_BYTES);
			cli_batch_line = 0;
			break;
		}
		s += strspn(s, " \t");
		if (strip_comment(s) > LINE_WORDS) {
			cli_batch_line = no;
			rc = cli_failf(ERR_INVALID, TR("dòng có hơn %u từ, quá giới hạn của một dòng "
			    "batch; hãy chia thành nhiều dòng", "the line has more than %u words, over "
			    "a batch line's limit; split it into several lines"), LINE_WORDS);
			cli_batch_line = 0;
			break;
		}
		if (*s == '\0')
			continue;
		memset(&l, 0, sizeof l);
		l.no = no;
		if ((rc = split(&l, s)) != 0)
			break;
		if (l.w.we_wordc == 0) {	/* e.g. a line that is only "" */
			wordfree(&l.w);
			continue;
		}
		if (count == cap) {
			cap = cap ? cap * 2 : 32;
			lines = xreallocarray(lines, cap, sizeof *lines);
		}
		lines[count++] = l;
		rc = check(&lines[count - 1], from_stdin);
	}
	buf_free(&b);
	if (rc != 0) {
		while (count > 0)
			wordfree(&lines[--count].w);
		free(lines);
		return rc;
	}
	*out = lines;
	*n = count;
	return 0;
}

static int
cmd_batch_exec(struct cli *cli, int argc, char **argv)
{
	struct cli_batch batch = { NULL, NULL };
	struct line *lines = NULL;
	size_t n = 0, i;
	int c, rc = 0;

	while ((c = cli_getopt(cli, argc, argv, NULL)) != -1) {
		if (c == 'h') {
			cli_usage(&cmd_batch_entry, 0);
			return 0;
		}
		cli_usage(&cmd_batch_entry, 1);
		return 2;
	}
	if (argc - optind > 1) {
		cli_usage(&cmd_batch_entry, 1);
		return 2;
	}
	if ((rc = parse(optind < argc ? argv[optind] : "-", &lines, &n)) != 0)
		return rc;
	batch.db = cli->db;
	for (i = 0; i < n && rc == 0; i++) {
		struct cli one = *cli;

		one.batch = &batch;
		cli_batch_line = lines[i].no;
		optind = 0;	/* getopt starts afresh for each verb, as in main() */
		rc = lines[i].verb->exec(&one, (int)lines[i].w.we_wordc, lines[i].w.we_wordv);
		/* A command that returns leaves no transaction open; if one
		 * did, its writes must not ride along with the next line's. */
		if (rc == 0 && batch.st != NULL && !sqlite3_get_autocommit(store_sqlite(batch.st))) {
			store_rollback(batch.st);
			rc = cli_failf(ERR_IO, TR("'%s' để lại một giao dịch đang mở (lỗi của "
			    "chương trình); đã huỷ nó", "'%s' left a transaction open (a bug in "
			    "the program); it was rolled back"), lines[i].verb->name);
		}
		cli_batch_line = 0;
		fflush(stdout);	/* in order with stderr, line by line */
		if (rc != 0) {
			size_t left = n - i - 1;
			if (left > 0)
				fprintf(stderr, TR("baocao: batch dừng ở dòng %lu (%s, mã %d); %zu lệnh "
				    "sau không chạy\n", "baocao: the batch stopped at line %lu (%s, "
				    "status %d); %zu later commands not run\n"), lines[i].no,
				    lines[i].verb->name, rc, left);
			else
				fprintf(stderr, TR("baocao: batch dừng ở dòng %lu (%s, mã %d)\n",
				    "baocao: the batch stopped at line %lu (%s, status %d)\n"),
				    lines[i].no, lines[i].verb->name, rc);
		}
	}
	store_close(batch.st);
	for (i = 0; i < n; i++)
		wordfree(&lines[i].w);
	free(lines);
	return rc;
}

const struct cmd_entry cmd_batch_entry = {
	"batch",
	"batch [TỆP|-]",
	"Chạy nhiều lệnh sau một lần mở khoá: mỗi dòng một lệnh như khi gõ riêng (không có "
	"'baocao' và --db), tách từ như sh; bỏ qua dòng trống và dòng #. Đọc TỆP, hoặc đầu "
	"vào chuẩn. Mọi dòng được kiểm tra trước; lệnh đầu tiên lỗi dừng batch, với số dòng "
	"và mã thoát của nó. Không nhận setup, passwd, batch.",
	"Run many commands after one unlock: one per line as typed separately (without "
	"'baocao' and --db), words split as sh does; blank and # lines skipped. Reads FILE, "
	"or standard input. Every line is checked first; the first command that fails stops "
	"the batch, with its line number and exit status. Not setup, passwd, batch.",
	cmd_batch_exec,
};

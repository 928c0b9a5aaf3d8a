/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.c: helpers the subcommands share (see cli.h).
 */
#include "cli.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../storage/store-key.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define PASS_MAX 1024

unsigned long cli_batch_line;

/* The most of one error line: messages quote what was typed through
 * text_quote, so only a message that quotes input some other way comes
 * near it. Such a line keeps its head and its tail (the reason, then
 * " — where") and loses the middle. */
#define FAIL_LINE_MAX 2048
#define FAIL_TAIL 512

int
cli_fail(enum err code, const char *msg)
{
	char head[FAIL_LINE_MAX - FAIL_TAIL], end[FAIL_TAIL + 4];
	const char *tail = "";
	size_t len = strlen(msg != NULL ? msg : "");

	if (len > FAIL_LINE_MAX) {
		const char *t = msg + len - FAIL_TAIL;
		while ((*t & 0xc0) == 0x80)	/* not inside a character */
			t++;
		tail = text_quote_n(end, sizeof end, t, FAIL_TAIL);
		msg = text_quote_n(head, sizeof head, msg, sizeof head);
	}
	if (cli_batch_line != 0)
		fprintf(stderr, TR("baocao: dòng %lu: %s%s\n", "baocao: line %lu: %s%s\n"),
		    cli_batch_line, msg != NULL ? msg : "", tail);
	else
		fprintf(stderr, "baocao: %s%s\n", msg != NULL ? msg : "", tail);
	return err_exit_status(code);
}

void
cli_fail_line(const char *line)
{
	if (cli_batch_line != 0)
		fprintf(stderr, TR("baocao: dòng %lu: %s\n", "baocao: line %lu: %s\n"),
		    cli_batch_line, line);
	else
		fprintf(stderr, "%s\n", line);
}

int
cli_failf(enum err code, const char *fmt, ...)
{
	va_list ap;
	char *m;
	int rc;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	rc = cli_fail(code, m);
	free(m);
	return rc;
}

int
cli_failf_at(enum err code, const char *where, const char *fmt, ...)
{
	va_list ap;
	char *m = NULL;
	int rc;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	err_where(&m, "%s", where != NULL ? where : "");
	rc = cli_fail(code, m);
	free(m);
	return rc;
}

void
cli_wrap(FILE *f, const char *text, int col, int indent)
{
	const char *p = text;

	while (*p != '\0') {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		char word[512];
		int w;

		snprintf(word, sizeof word, "%.*s", (int)n, p);
		w = text_width(word);
		/* a word that would pass column 79 starts the next line */
		if (col > indent && col + 1 + w > 79) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fputs(word, f);
		col += w;
		p += n;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

/* A usage line in English: its Vietnamese placeholders (TỆP, KỲ, ...) in
 * English words. Caller frees. */
static char *
usage_en(const char *usage)
{
	static const struct { const char *vi, *en; } words[] = {
		/* longest first: MÃ-ĐƠN-VỊ before MÃ */
		{ "MÃ-THIẾT-BỊ", "FINGERPRINT" }, { "THƯ-MỤC", "DIR" }, { "MÃ-ĐƠN-VỊ", "UNIT" },
		{ "ĐỐI-TƯỢNG", "OBJECT" }, { "LÝ-DO", "REASON" }, { "LOẠI", "KIND" },
		{ "SỰ-KIỆN", "EVENT" }, { "PHÚT", "MINUTES" }, { "NGÀY", "DATE" },
		{ "TỆP", "FILE" }, { "TÊN", "NAME" }, { "CHỮ", "TEXT" }, { "CỠ", "SIZE" },
		{ "KỲ", "PERIOD" }, { "MÃ", "ID" },
	};
	struct buf b;
	const char *p = usage;
	size_t len;
	int bad = 0;

	buf_init(&b, 0);	/* no cap: adding cannot fail */
	while (*p != '\0' && !bad) {
		size_t i, n = sizeof words / sizeof words[0];
		for (i = 0; i < n; i++)
			if (strncmp(p, words[i].vi, strlen(words[i].vi)) == 0)
				break;
		if (i < n) {
			bad = buf_addstr(&b, words[i].en) != 0;
			p += strlen(words[i].vi);
		} else {
			bad = buf_add(&b, p++, 1) != 0;
		}
	}
	if (b.len == 0 || bad) {
		buf_free(&b);
		return xstrdup(usage);
	}
	return buf_detach(&b, &len);
}

void
cli_usage(const struct cmd_entry *c, int to_stderr)
{
	FILE *f = to_stderr ? stderr : stdout;
	char head[32], *alts = err_lang ? usage_en(c->usage) : xstrdup(c->usage), *alt = alts;
	char *bar;
	int w;

	if (to_stderr && cli_batch_line != 0) {
		/* a batch line's failure: one line with its number, as every
		 * other (the usage itself is one --help away) */
		free(alts);
		cli_failf(ERR_INVALID, TR("sai cách dùng '%s'; 'baocao %s --help' cho biết cách "
		    "dùng", "wrong use of '%s'; 'baocao %s --help' shows its usage"), c->name,
		    c->name);
		return;
	}
	/* each alternative ("a | b") on a line of its own, under the first; a
	 * choice inside brackets ("[x | y]") is not one */
	snprintf(head, sizeof head, "%s: ", TR("Cách dùng", "Usage"));
	w = text_width(head);
	fputs(head, f);
	for (;;) {
		int depth = 0;
		for (bar = alt; *bar != '\0'; bar++) {
			if (*bar == '[')
				depth++;
			else if (*bar == ']' && depth > 0)
				depth--;
			else if (depth == 0 && strncmp(bar, " | ", 3) == 0)
				break;
		}
		if (*bar == '\0')
			bar = NULL;
		else
			*bar = '\0';
		fputs("baocao ", f);
		cli_wrap(f, alt, w + 7, w + 7);
		if (bar == NULL)
			break;
		alt = bar + 3;
		fprintf(f, "%*s", w, "");
	}
	free(alts);
	cli_wrap(f, err_lang ? c->summary_en : c->summary_vi, 0, 0);
	cli_wrap(f, TR("Mọi lệnh nhận --db TỆP (mặc định: $XDG_DATA_HOME/baocao/baocao.db) và "
	    "--help.", "Every verb takes --db FILE (default: $XDG_DATA_HOME/baocao/baocao.db) "
	    "and --help."), 0, 0);
}

int
cli_getopt(struct cli *cli, int argc, char **argv, const struct option *extra)
{
	struct option all[24];
	int n = 0, c;

	while (extra != NULL && extra[n].name != NULL && n < 20) {
		all[n] = extra[n];
		n++;
	}
	all[n++] = (struct option){ "db", required_argument, NULL, 1 };
	all[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	all[n] = (struct option){ NULL, 0, NULL, 0 };
	opterr = 0;	/* getopt's own message would be in English */
	for (;;) {
		c = getopt_long(argc, argv, "h", all, NULL);
		if (c == 1) {
			cli->db = optarg, cli->db_given = 1;
			continue;
		}
		if (c == '?') {	/* in a batch, "dòng N: " first (cli_fail) */
			char where[64];
			snprintf(where, sizeof where, "baocao %s", argv[0]);
			cli_failf_at(ERR_INVALID, where, TR("tùy chọn không hợp lệ "
			    "hoặc thiếu giá trị: %s", "unknown option or missing value: %s"),
			    text_quote(argv[optind - 1]));
		}
		return c;
	}
}

char *
cli_default_db(void)
{
	const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (x != NULL && *x == '/')
		return xasprintf("%s/baocao/baocao.db", x);
	return xasprintf("%s/.local/share/baocao/baocao.db", home ? home : ".");
}

enum err
cli_make_parent(const char *path, char **cause)
{
	return file_make_parent(path, cause);
}

static char *
read_tty_line(int fd, const char *prompt)
{
	struct termios old, quiet;
	char *buf = sodium_malloc(PASS_MAX + 1);
	size_t n = 0;
	int have_term = tcgetattr(fd, &old) == 0;
	char c;

	if (buf == NULL)
		return NULL;
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* nothing to do: the read below still works */
	}
	if (have_term) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	while (read(fd, &c, 1) == 1 && c != '\n' && c != '\r')
		if (n < PASS_MAX)
			buf[n++] = c;
	buf[n] = '\0';
	if (have_term)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	return buf;
}

char *
cli_passphrase(const char *env, const char *prompt, int confirm, char **cause)
{
	const char *e = getenv(env);
	char *p, *again;
	int fd;

	if (e != NULL) {
		size_t n = strlen(e);
		if (n > PASS_MAX || (p = sodium_malloc(n + 1)) == NULL) {
			err_set(cause, ERR_INVALID, TR("%s quá dài", "%s is too long"), env);
			return NULL;
		}
		memcpy(p, e, n + 1);
		return p;
	}
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		err_set(cause, ERR_INVALID, TR("cần mật khẩu: không có terminal để hỏi, hãy đặt "
		    "biến %s", "a passphrase is needed: no terminal to ask on, set %s"), env);
		return NULL;
	}
	p = read_tty_line(fd, prompt);
	if (p != NULL && confirm) {
		again = read_tty_line(fd, TR("Nhập lại mật khẩu: ", "Passphrase again: "));
		if (again == NULL || strcmp(p, again) != 0) {
			err_set(cause, ERR_INVALID, TR("hai lần nhập mật khẩu không khớp",
			    "the two passphrases differ"));
			cli_passphrase_free(p);
			p = NULL;
		}
		cli_passphrase_free(again);
	}
	close(fd);
	if (p == NULL && cause != NULL && *cause == NULL)
		err_set(cause, ERR_IO, TR("không đủ bộ nhớ khoá", "no locked memory"));
	return p;
}

void
cli_passphrase_free(char *p)
{
	if (p != NULL)
		sodium_free(p); /* wipes */
}

const struct store_kdf *
cli_kdf(void)
{
	const char *why;
	const struct store_kdf *k = store_kdf_env(&why);

	/* main() has refused a BAOCAO_KDF this build does not take. */
	return k != NULL ? k : &STORE_KDF_DEFAULT;
}

/* A release binary opening a database whose passphrase is wrapped with a
 * cheaper Argon2id cost than any it makes (below libsodium's interactive
 * cost, STORE_KDF_FLOOR: made by a test build, or by a release from before
 * test builds refused BAOCAO_KDF) says so: one line, the command goes on. A
 * cost chosen for a small machine (store_kdf_choose) is not weak. */
static void
warn_weak_key(const struct cli *cli, struct store *st)
{
	struct store_kdf k;

	if (store_test_build || cli->changing_key || store_key_cost(st, &k) != 0 ||
	    (k.opslimit >= STORE_KDF_FLOOR.opslimit && k.memlimit >= STORE_KDF_FLOOR.memlimit))
		return;
	fprintf(stderr, TR("baocao: mật khẩu được bảo vệ bằng khoá yếu (Argon2id %llu lượt, "
	    "%zu KiB); hãy chạy 'baocao passwd' để tăng cường" ERR_WHERE_SEP "%s\n", "baocao: the passphrase "
	    "is protected by a weak key (Argon2id %llu passes, %zu KiB); run 'baocao passwd' to "
	    "strengthen it" ERR_WHERE_SEP "%s\n"), k.opslimit, k.memlimit / 1024, cli->db);
}

/* A key made cheaper than the default because memory is short says so, in
 * one line on stdout (not an error: the file is made, and as strong as the
 * machine allows): the cost, what limited it, how to raise it later. */
void
cli_said_key_cost(const struct store_kdf *k)
{
	uint64_t ram, limit;
	int by_limit;

	if (k->memlimit >= STORE_KDF_DEFAULT.memlimit || k == &STORE_KDF_TEST)
		return;
	store_kdf_machine_facts(&ram, &limit);
	by_limit = limit != 0 && (ram == 0 || limit < ram);
	printf(TR("Khoá mật khẩu dùng Argon2id %zu MiB (mặc định %zu MiB) vì %s chỉ có %llu "
	    "MiB; nơi có đủ bộ nhớ, tăng bằng 'baocao passwd --kdf-memory %zuM'.\n",
	    "The passphrase key uses Argon2id %zu MiB (default %zu MiB) because %s has only "
	    "%llu MiB; where there is the memory, raise it with 'baocao passwd --kdf-memory "
	    "%zuM'.\n"), k->memlimit >> 20, STORE_KDF_DEFAULT.memlimit >> 20, by_limit ?
	    TR("giới hạn bộ nhớ của tiến trình", "this process's memory limit") :
	    TR("máy này", "this machine"), (unsigned long long)((by_limit ? limit : ram) >> 20),
	    STORE_KDF_DEFAULT.memlimit >> 20);
}

/* The same database: the same name, or two names of one file. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return 1;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
}

int
cli_open(struct cli *cli, struct store **st)
{
	char *cause = NULL, *pass;
	enum err e;
	int rc;

	if (cli->batch != NULL && !same_file(cli->db, cli->batch->db))
		return cli_failf(ERR_INVALID, TR("--db %s: mọi dòng của batch dùng cùng một "
		    "cơ sở dữ liệu (%s); hãy chạy batch riêng cho tệp kia", "--db %s: every "
		    "line of a batch uses the same database (%s); run a separate batch for "
		    "the other file"), text_quote(cli->db), text_quote(cli->batch->db));
	if (cli->batch != NULL && cli->batch->st != NULL) {
		store_hold(cli->batch->st);
		*st = cli->batch->st;
		return 0;
	}
	if (access(cli->db, F_OK) != 0 && errno == ENOENT)
		return cli_failf_at(ERR_NOTFOUND, cli->db, TR("chưa có cơ sở dữ liệu (hãy chạy "
		    "'baocao setup' trước)", "no database here (run 'baocao setup' first)"));
	pass = cli_passphrase("BAOCAO_PASSPHRASE", TR("Mật khẩu: ", "Passphrase: "), 0, &cause);
	if (pass == NULL) {
		rc = cli_fail(ERR_INVALID, cause);
		free(cause);
		return rc;
	}
	e = store_open(cli->db, pass, st, &cause);
	cli_passphrase_free(pass);
	if (e != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	warn_weak_key(cli, *st);
	if (cli->batch != NULL) {
		cli->batch->st = *st;	/* closed by the batch, after its last line */
		store_hold(*st);
	}
	return 0;
}

int
cli_parse_format(const char *s, enum cli_format *f)
{
	if (strcmp(s, "tsv") == 0)
		*f = CLI_TSV;
	else if (strcmp(s, "text") == 0)
		*f = CLI_TEXT;
	else
		return cli_failf(ERR_INVALID, TR("--format '%s' không có; chọn text hoặc tsv",
		    "no --format '%s'; choose text or tsv"), text_quote(s));
	return 0;
}

void
cli_row(const char *label, const char *fmt, ...)
{
	va_list ap;
	int w = text_width(label);

	fputs(label, stdout);
	do
		putchar(' ');
	while (++w < 25);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void
cli_cell(const char *s, int width)
{
	int w = text_width(s);

	fputs(s, stdout);
	do
		putchar(' ');
	while (++w < width);
}


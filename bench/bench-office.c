/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-office.c: the office's home screen, its inbox (F7) and a filter
 * keystroke, at 1,000, 10,000 and 100,000 submissions, so that the growth
 * shows — timed on the interface's own screens (screen_home_new,
 * screen_inbox_new and the inbox's key handler, drawn into a curses
 * screen that writes to /dev/null), so that the figure is what a person
 * waits for, whatever those screens call.
 *
 * A commune: the office and 30 units (19 villages, 3 schools, one of each
 * other kind the catalogue names), every report of every form of their
 * kinds over ten years (2017-2026: daily, weekly, monthly, quarterly,
 * half-yearly, semester and yearly periods), every field filled, stored
 * as received from devices, the newest first: the database of size N
 * holds the N most recent. What is older than two months was approved.
 *
 * Timed, runs interleaved (home, its baseline, inbox, its baseline,
 * filter, its baseline, ...), median and spread:
 *   home    the office's home screen opened and drawn (again: the forms
 *           kept parsed, office_forms; and first of a sitting: parsed)
 *   inbox   the inbox opened and drawn (its first screen, how many match)
 *   filter  the last key of "thon-07" typed in its filter, redrawn
 *   report  the consolidated report of one month (nl09-thon-thang,
 *           2026-09: the villages), built and written as CSV
 *           (office_report_build, office_report_csv: what 'baocao
 *           report' and F9 Enter do)
 *   list    the report list (F9) opened and drawn: each report's last
 *           period with figures and how many units sent it
 * Baseline of each: the SQL that screen ran (caught with sqlite3_trace_v2,
 * values in) run again by plain SQLite on an unencrypted copy of the
 * database (sqlite3_backup), each prepared before the clock starts (the
 * store keeps its own prepared), with nothing else: what the queries cost
 * without the cipher, the C and the drawing.
 * Each screen's answer is checked against a recount in SQL: the total on
 * the inbox's count line, its first row the newest submission (the
 * unit's newest for the filter); the report's units counted and its
 * total of households (so-ho) against the submissions' own figures; the
 * list's last period and units of nl09-thon-thang.
 * Then, at each size, the resident memory of a new sitting (this program
 * run again with --rss: the store opened and unlocked, home, inbox, report
 * list and report opened, each checked): goal < 30 MB.
 * Goals at 96,000 and more: home and inbox < 100 ms, filter < 20 ms,
 * report and list < 500 ms.
 *
 * Usage: bench_office [--smoke] [DIR]   (--smoke: 200 and 1,000; BENCH_SIZE=N in the
 * environment: that size only; BENCH_SLOW=1: each baseline statement over
 * 0.2 ms on stderr, to see where the time goes)
 */
#include "bench.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"
#include "../office/office-inbox.h"
#include "../office/office-report.h"
#include "../tui/screen-report-int.h"
#include "../tui/ui.h"

#include <locale.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

struct item {
	const struct form *f;
	int report;
	char period[PERIOD_ID_MAX];
	long end;
	const char *unit;
};

static int
newest_first(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	return x->end != y->end ? (x->end < y->end ? 1 : -1) : strcmp(x->unit, y->unit);
}

struct ctx {
	struct store *st;
	struct ui ui;
	struct form_set set;
	size_t n;	/* submissions stored */
	sqlite3 *plain;	/* the unencrypted copy */
	/* the SQL each screen ran, values in (the baselines) */
	char **sql;
	size_t nsql;
	int tracing;
	char home_want[128];	/* the home's inbox line, as counted in SQL */
};

static int
catch_sql(unsigned type, void *arg, void *p, void *x)
{
	struct ctx *c = arg;
	char *sql;

	(void)type;
	if (((const char *)x)[0] == '-' || (sql = sqlite3_expanded_sql(p)) == NULL)
		return 0;	/* a trigger's statement: the plain copy fires it itself */
	if (strncmp(sql, "SELECT", 6) == 0 || strncmp(sql, "WITH", 4) == 0) {
		c->sql = xreallocarray(c->sql, c->nsql + 1, sizeof *c->sql);
		c->sql[c->nsql++] = xstrdup(sql);
	}
	sqlite3_free(sql);
	return 0;
}

static void
sql_trace(struct ctx *c, int on)
{
	if (on)
		for (size_t i = 0; i < c->nsql; i++)
			free(c->sql[i]);
	if (on)
		c->nsql = 0;
	sqlite3_trace_v2(store_sqlite(c->st), on ? SQLITE_TRACE_STMT : 0, on ? catch_sql : NULL,
	    c);
}

/* The baseline: the statements caught, by plain SQLite on the copy. Each
 * is prepared before the clock starts (the store keeps its statements
 * prepared: timing plain SQLite's compiling of ~200 statements would make
 * the baseline look slow); only their running is timed. */
static double
replay(struct ctx *c, char **sql, size_t n)
{
	sqlite3_stmt **q = xcalloc(n + 1, sizeof *q);
	double t0, t;

	for (size_t i = 0; i < n; i++)
		bench_check(sqlite3_prepare_v2(c->plain, sql[i], -1, &q[i], NULL) == SQLITE_OK,
		    "plain: %s", sqlite3_errmsg(c->plain));
	t0 = bench_now();
	for (size_t i = 0; i < n; i++) {
		double t1 = bench_now();
		int rc;
		while ((rc = sqlite3_step(q[i])) == SQLITE_ROW)
			;
		bench_check(rc == SQLITE_DONE, "plain: %s", sqlite3_errmsg(c->plain));
		if (getenv("BENCH_SLOW") && bench_now() - t1 > 0.0002)
			fprintf(stderr, "%.1f ms: %.300s\n", (bench_now() - t1) * 1e3, sql[i]);
	}
	t = bench_now() - t0;
	for (size_t i = 0; i < n; i++)
		sqlite3_finalize(q[i]);
	free(q);
	return t;
}

static int64_t
sql_int(struct ctx *c, const char *sql)
{
	sqlite3_stmt *q;
	int64_t v;

	bench_check(sqlite3_prepare_v2(store_sqlite(c->st), sql, -1, &q, NULL) == SQLITE_OK,
	    "%s", sql);
	bench_check(sqlite3_step(q) == SQLITE_ROW, "%s", sql);
	v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* The newest submission's "unit period" (of UNIT, NULL: any) units sent. */
static char *
newest(struct ctx *c, const char *unit)
{
	sqlite3_stmt *q;
	char *v;

	bench_check(sqlite3_prepare_v2(store_sqlite(c->st), "SELECT unit_id, period FROM"
	    " submissions WHERE status <> 'draft' AND unit_id <> 'van-phong' AND (?1 IS NULL OR"
	    " unit_id = ?1) ORDER BY updated_at DESC, id DESC LIMIT 1", -1, &q, NULL) == SQLITE_OK,
	    "newest");
	if (unit != NULL)
		sqlite3_bind_text(q, 1, unit, -1, SQLITE_STATIC);
	bench_check(sqlite3_step(q) == SQLITE_ROW, "newest: none");
	v = xasprintf("%s %s", sqlite3_column_text(q, 0), sqlite3_column_text(q, 1));
	sqlite3_finalize(q);
	return v;
}

/* Line Y of the screen as drawn, UTF-8. */
static void
screen_line(int y, char *buf, size_t size)
{
	wchar_t w[100];

	buf[0] = '\0';
	if (mvwinnwstr(stdscr, y, 0, w, 90) != ERR && wcstombs(buf, w, size) == (size_t)-1)
		buf[0] = '\0';
	buf[size - 1] = '\0';
}

/* Does line Y show the unit and period of WANT ("unit period")? */
static int
shows(int y, const char *want)
{
	char line[512], unit[64], period[PERIOD_ID_MAX];

	screen_line(y, line, sizeof line);
	if (sscanf(want, "%63s %31s", unit, period) != 2)
		return 0;
	return strstr(line, unit) != NULL && strstr(line, period) != NULL;
}

static void
key(struct ui *ui, wint_t ch)
{
	struct ui_input in = { 0, 0, ch };
	struct screen *s = ui->stack[ui->depth - 1];

	s->ops->key(s, &in);
	ui_draw(ui);
}

/* The home screen, opened and drawn: its inbox line says the received
 * and approved figures counted again in SQL (c->home_want), and its line
 * of who owes what is there. */
static void
home(struct ctx *c)
{
	char line[512];
	int found = 0, inbox = 0;

	ui_replace(&c->ui, &screen_home_ops, screen_home_new(&c->ui));
	ui_draw(&c->ui);
	for (int y = 0; y < LINES && !found; y++) {
		screen_line(y, line, sizeof line);
		if (strstr(line, c->home_want) != NULL)
			inbox = 1;
		found = strstr(line, "(F4):") != NULL;	/* the office's line: who owes what */
	}
	bench_check(inbox, "home: no line says '%s'", c->home_want);
	bench_check(found, "home: the office's line is not drawn");
}

/* The inbox shows N of N and the newest first. */
static void
inbox(struct ctx *c, size_t total, const char *first)
{
	char line[512], want[64];

	ui_replace(&c->ui, &screen_inbox_ops, screen_inbox_new(&c->ui));
	ui_draw(&c->ui);
	screen_line(2, line, sizeof line);
	snprintf(want, sizeof want, "%zu / %zu", total, total);
	bench_check(strstr(line, want) != NULL, "inbox: '%s', expected %s", line, want);
	bench_check(shows(4, first), "inbox: the first row is not %s", first);
}

/* "thon-0" typed, untimed; then the timed key ('7'), checked. */
static void
filter_ready(struct ctx *c)
{
	ui_replace(&c->ui, &screen_inbox_ops, screen_inbox_new(&c->ui));
	for (const char *k = "thon-0"; *k; k++)
		key(&c->ui, (wint_t)*k);
}

static void
filter_key(struct ctx *c, size_t match, size_t total, const char *first)
{
	char line[512], want[64];

	key(&c->ui, '7');
	screen_line(2, line, sizeof line);
	snprintf(want, sizeof want, "%zu / %zu", match, total);
	bench_check(strstr(line, want) != NULL, "filter: '%s', expected %s", line, want);
	bench_check(shows(4, first), "filter: the first row is not %s", first);
}

/* The report the bench builds: a month of the villages' own report. */
#define REPORT_FORM "nl09-thon-thang"
#define REPORT_PERIOD "2026-09"

/* The report built and written as CSV (into memory); its units counted
 * and its households' total as WANT_UNITS and WANT_HH say. */
static void
report(struct ctx *c, int want_units, double want_hh)
{
	struct office_report rep;
	char *cause = NULL, *buf = NULL;
	size_t len = 0, c_hh = 0;
	FILE *m;

	bench_must(office_report_build(c->st, &c->set, REPORT_FORM, REPORT_PERIOD, &rep, &cause),
	    cause, "report");
	m = open_memstream(&buf, &len);
	bench_check(m != NULL && office_report_csv(&rep, m) == ERR_OK, "report: csv");
	fclose(m);
	bench_check((int)rep.ncounted == want_units, "report: %d units counted, %d sent figures",
	    (int)rep.ncounted, want_units);
	while (c_hh < rep.ncols && strcmp(rep.f->fields[rep.cols[c_hh]].name, "so-ho") != 0)
		c_hh++;
	bench_check(c_hh < rep.ncols, "report: no so-ho column");
	bench_check(want_units == 0 || (rep.totals[c_hh].known && rep.totals[c_hh].x == want_hh),
	    "report: %.0f households in all, the submissions say %.0f", rep.totals[c_hh].x,
	    want_hh);
	bench_check(len > 0, "report: empty csv");
	free(buf);
	office_report_free(&rep);
}

/* The report list opened and drawn; REPORT_FORM's line says WANT (its
 * last period with figures, and how many units sent it). */
static void
report_list(struct ctx *c, const char *want)
{
	const struct rscreen *x;
	char got[64] = "—";

	ui_replace(&c->ui, &screen_report_ops, screen_report_new(&c->ui));
	ui_draw(&c->ui);
	x = c->ui.stack[c->ui.depth - 1]->data;
	bench_check(!x->err, "list: %s", x->msg ? x->msg : "?");
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->items[i].id, REPORT_FORM) == 0 && x->items[i].latest != NULL)
			snprintf(got, sizeof got, "%s (%zu)", x->items[i].latest,
			    x->items[i].latest_units);
	bench_check(strcmp(got, want) == 0, "list: %s shows %s, expected %s", REPORT_FORM, got,
	    want);
}

/* Curses on a terminal that writes to /dev/null, 80x24. */
static SCREEN *
curses_open(FILE **out, FILE **in)
{
	SCREEN *scr;

	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	bench_check(*out != NULL && *in != NULL, "cannot open /dev/null");
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TERM", "xterm-256color", 1);
	scr = newterm("xterm-256color", *out, *in);
	bench_check(scr != NULL, "newterm");
	set_term(scr);
	resizeterm(24, 80);
	keypad(stdscr, TRUE);
	return scr;
}

/* The screens of UI closed, then curses_open's terminal. */
static void
curses_close(struct ui *ui, SCREEN *scr, FILE *out, FILE *in)
{
	while (ui->depth > 0)
		ui_pop(ui);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/*
 * bench_office --rss DB HOME TOTAL FIRST UNITS HOUSEHOLDS LIST: a new
 * sitting on DB (the store opened and unlocked, the forms read) that opens
 * the home, the inbox, the report list and the report, each checked as
 * the timed ones are, then prints its resident memory in MB: what the
 * interface holds, apart from the process that built the database.
 */
static int
rss_main(char **argv)
{
	struct ctx c = { .n = 0 };
	char *cause = NULL;
	FILE *out, *in;
	SCREEN *scr = curses_open(&out, &in);

	c.ui.db_path = argv[2];
	c.ui.ime = VNIME_TELEX;
	snprintf(c.home_want, sizeof c.home_want, "%s", argv[3]);
	bench_must(store_open(argv[2], "bench passphrase", &c.st, &cause), cause, "open");
	c.ui.st = c.st;
	bench_must(form_set_load(c.st, &c.set, &cause), cause, "forms");
	home(&c);
	inbox(&c, (size_t)atol(argv[4]), argv[5]);
	report_list(&c, argv[8]);
	report(&c, atoi(argv[6]), atof(argv[7]));
	printf("%.1f\n", bench_rss_mb());
	curses_close(&c.ui, scr, out, in);
	form_set_free(&c.set);
	store_close(c.st);
	return 0;
}

/* The resident memory (MB) of a new sitting on C's database (rss_main). */
static double
sitting_rss(struct ctx *c, size_t total, const char *first, int units, double hh,
	    const char *list)
{
	char stotal[32], sunits[32], shh[64], buf[64] = "";
	int fd[2], status;
	pid_t pid;
	ssize_t got;
	double mb;

	snprintf(stotal, sizeof stotal, "%zu", total);
	snprintf(sunits, sizeof sunits, "%d", units);
	snprintf(shh, sizeof shh, "%.0f", hh);
	bench_check(pipe(fd) == 0, "pipe");
	pid = fork();
	bench_check(pid >= 0, "fork");
	if (pid == 0) {
		char a0[] = "bench_office", a1[] = "--rss";
		char *const args[] = { a0, a1, (char *)c->ui.db_path, c->home_want,
		    stotal, (char *)first, sunits, shh, (char *)list, NULL };
		close(fd[0]);
		if (dup2(fd[1], STDOUT_FILENO) < 0)
			_exit(127);
		execv("/proc/self/exe", args);
		_exit(127);
	}
	close(fd[1]);
	got = read(fd[0], buf, sizeof buf - 1);
	close(fd[0]);
	bench_check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0, "the new sitting failed");
	bench_check(got > 0 && sscanf(buf, "%lf", &mb) == 1, "the new sitting said nothing");
	return mb;
}

int
main(int argc, char **argv)
{
	static const char *const kinds[] = { "van-phong", "phong-kinh-te", "phong-vhxh", "tt-hcc",
	    "cong-an", "quan-su", "tram-y-te", "doanh-nghiep", "tt-dvc" };
	int smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
	const char *dir = argc > 1 + smoke ? argv[1 + smoke] :
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	static const size_t full_sizes[] = { 1000, 10000, 100000 }, smoke_sizes[] = { 200, 1000 };
	size_t env_size = getenv("BENCH_SIZE") ? (size_t)atol(getenv("BENCH_SIZE")) : 0;
	const size_t *sizes = env_size ? &env_size : smoke ? smoke_sizes : full_sizes;
	size_t nsizes = env_size ? 1 : smoke ? 2 : 3, nitems = 0, cap = 0, done = 0, ten_years = 0;
	int runs = bench_runs(smoke ? 2 : 7), all_met = 1;
	char *path = xasprintf("%s/bench-office-%ld.db", dir, (long)getpid()), *cause = NULL;
	struct store_options so = { .kdf = &STORE_KDF_TEST };
	struct store_unit *units;
	struct item *items = NULL;
	struct ctx c = { .n = 0 };
	FILE *out, *in;
	char *plain_path = xasprintf("%s/bench-office-%ld-plain.db", dir, (long)getpid());
	SCREEN *scr;
	size_t nunits;
	int count;

	if (sodium_init() < 0)
		return 1;
	if (argc == 9 && strcmp(argv[1], "--rss") == 0)
		return rss_main(argv);
	scr = curses_open(&out, &in);
	c.ui.db_path = path;
	c.ui.ime = VNIME_TELEX;
	bench_must(store_create(path, "bench passphrase", &so, &c.st, &cause), cause, "create");
	c.ui.st = c.st;
	bench_must(store_install_create(c.st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause), cause,
	    "setup");
	bench_must(store_unit_add(c.st, "van-phong", "van-phong", "Văn phòng", NULL, &cause), cause,
	    "unit");
	bench_must(form_install_catalog(c.st, NULL, &count, &cause), cause, "catalogue");
	for (int i = 0; i < 19; i++) {
		char id[32];
		snprintf(id, sizeof id, "thon-%02d", i + 1);
		bench_must(store_unit_add(c.st, id, "thon", id, NULL, &cause), cause, "unit");
	}
	for (int i = 0; i < 3; i++) {
		char id[32];
		snprintf(id, sizeof id, "truong-%d", i + 1);
		bench_must(store_unit_add(c.st, id, "truong", id, NULL, &cause), cause, "unit");
	}
	for (size_t k = 1; k < sizeof kinds / sizeof kinds[0]; k++)
		bench_must(store_unit_add(c.st, kinds[k], kinds[k], kinds[k], NULL, &cause), cause,
		    "unit");
	bench_must(form_set_load(c.st, &c.set, &cause), cause, "forms");
	bench_must(store_unit_list(c.st, NULL, &units, &nunits, &cause), cause, "units");
	/* the screens' clock (store_now): 23 November 2026, 10:00 */
	{
		char now[32];
		snprintf(now, sizeof now, "%ld", (date_from_ymd(2026, 11, 23) * MINUTES_PER_DAY +
		    600) * 60);
		setenv("BAOCAO_NOW", now, 1);
	}

	/* every report due over ten years (more, back from 2017, until the
	 * largest size is reached), the newest first */
	for (int from = 2017; nitems < sizes[nsizes - 1] && from > 1900; from -= 10) {
		for (size_t i = 0; i < c.set.n; i++) {
			const struct form *f = c.set.forms[i];
			for (size_t r = 0; r < f->nreports; r++) {
				const struct deadline_rule *rule = &f->reports[r].rule;
				struct period p;
				if (period_kind_adhoc(rule->kind))
					continue;
				p = period_containing(rule->kind, date_from_ymd(from, 1, 1));
				for (; p.end < date_from_ymd(from == 2017 ? 2026 : from + 10, from == 2017 ?
				    11 : 1, 1); p = period_next(&p)) {
					if (!deadline_applies(rule, &p))
						continue;
					for (size_t u = 0; u < nunits; u++) {
						if (strcmp(units[u].kind, f->unit_kind) != 0)
							continue;
						if (nitems == cap)
							items = xreallocarray(items, cap = cap ? cap * 2 : 4096,
							    sizeof *items);
						items[nitems].f = f;
						items[nitems].report = (int)r;
						period_format(&p, items[nitems].period, PERIOD_ID_MAX);
						items[nitems].end = p.end;
						items[nitems++].unit = units[u].id;
					}
				}
			}
		}
		if (from == 2017)
			ten_years = nitems;
	}
	qsort(items, nitems, sizeof *items, newest_first);
	printf("office: a commune of %zu units, %zu reports due (2017-2026 holds %zu; more come"
	    " from earlier decades); the interface's screens, %d runs interleaved with their"
	    " baselines, median (fastest-slowest)\n", nunits, nitems, ten_years, runs);
	for (size_t z = 0; z < nsizes; z++) {
		size_t want = sizes[z] < nitems ? sizes[z] : nitems;
		struct bench_series h = { .n = 0 }, in_ = { .n = 0 }, fl = { .n = 0 },
		    hb = { .n = 0 }, ib = { .n = 0 }, fb = { .n = 0 }, h1 = { .n = 0 },
		    rp = { .n = 0 }, rb = { .n = 0 }, ls = { .n = 0 }, lb = { .n = 0 };
		char **sql_h, **sql_i, **sql_f, **sql_r, **sql_l, *first, *first7, want_list[64];
		size_t nsql_h, nsql_i, nsql_f, nsql_r, nsql_l, total, match;
		int rep_units;
		double rep_hh;
		sqlite3_backup *b;
		double t0, rss;

		/* the next oldest, as received from devices, in one transaction */
		t0 = bench_now();
		bench_must(store_begin(c.st, &cause), cause, "begin");
		for (; done < want; done++) {
			const struct item *it = &items[done];
			const struct form *f = it->f;
			struct sub *s = sub_new(f, it->report, it->period);
			enum store_receive what;
			char *data;
			bench_fill(s, f, it->report, (unsigned)(done * 7919));
			data = sub_to_json(s);
			bench_must(store_sub_receive(c.st, f->reports[it->report].form_id, it->unit,
			    it->period, f->version, "DEVI-CE00-0000-0000", 1, (it->end + 1) * 86400,
			    (it->end + 1) * 86400, NULL, data, &what, &cause), cause, "receive");
			bench_check(what == STORE_RECEIVED_NEW, "receive: not new");
			free(data);
			sub_free(s);
		}
		/* what is older than two months was approved */
		bench_must(store_exec(c.st, "UPDATE submissions SET status = 'approved' WHERE id IN"
		    " (SELECT submission_id FROM revisions WHERE created_at < (SELECT max(created_at)"
		    " FROM revisions) - 60 * 86400)", &cause), cause, "approve");
		bench_must(store_commit(c.st, &cause), cause, "commit");
		c.n = done;
		printf("  %zu submissions (stored in %.1f s):\n", c.n, bench_now() - t0);
		/* what the screens must show, recounted (not from kept counts) */
		total = (size_t)sql_int(&c, "SELECT count(*) FROM submissions WHERE status <> 'draft'"
		    " AND unit_id <> 'van-phong'");
		match = (size_t)sql_int(&c, "SELECT count(*) FROM submissions WHERE status <> 'draft'"
		    " AND unit_id = 'thon-07'");
		bench_check(total + (size_t)sql_int(&c, "SELECT count(*) FROM submissions WHERE"
		    " unit_id = 'van-phong'") == c.n, "%zu submissions listed of %zu", total, c.n);
		first = newest(&c, NULL);
		first7 = newest(&c, "thon-07");
		/* the report's: every unit's submission counts (received or
		 * approved, one revision each); the list's: the last period */
		rep_units = (int)sql_int(&c, "SELECT count(*) FROM submissions WHERE form_id = '"
		    REPORT_FORM "' AND period = '" REPORT_PERIOD "' AND status IN ('received',"
		    " 'approved')");
		rep_hh = (double)sql_int(&c, "SELECT coalesce(sum(CAST(json_extract(r.data,"
		    " '$.values.so-ho') AS INTEGER)), 0) FROM submissions s JOIN revisions r ON"
		    " r.submission_id = s.id AND r.rev = s.current_rev WHERE s.form_id = '" REPORT_FORM
		    "' AND s.period = '" REPORT_PERIOD "' AND s.status IN ('received', 'approved')");
		if (sql_int(&c, "SELECT count(*) FROM submissions WHERE form_id = '" REPORT_FORM
		    "' AND status <> 'draft'") == 0) {
			snprintf(want_list, sizeof want_list, "—");
		} else {
			char *lp = NULL;
			sqlite3_stmt *q;
			bench_check(sqlite3_prepare_v2(store_sqlite(c.st), "SELECT max(period) FROM"
			    " submissions WHERE form_id = '" REPORT_FORM "' AND status <> 'draft'", -1,
			    &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW, "last period");
			lp = xstrdup((const char *)sqlite3_column_text(q, 0));
			sqlite3_finalize(q);
			snprintf(want_list, sizeof want_list, "%s (%d)", lp, (int)sql_int(&c,
			    "SELECT count(*) FROM submissions WHERE form_id = '" REPORT_FORM "' AND"
			    " status <> 'draft' AND period = (SELECT max(period) FROM submissions"
			    " WHERE form_id = '" REPORT_FORM "' AND status <> 'draft')"));
			free(lp);
		}
		/* the home's inbox line: what is final, exported or received, and
		 * what is approved, of every unit (the home's kept counts) */
		snprintf(c.home_want, sizeof c.home_want, "(F7): %d đã nhận, %d đã duyệt",
		    (int)sql_int(&c, "SELECT count(*) FROM submissions WHERE status IN ('final',"
		    " 'exported', 'received')"), (int)sql_int(&c, "SELECT count(*) FROM submissions"
		    " WHERE status = 'approved'"));
		/* the unencrypted copy, and the SQL each screen runs */
		unlink(plain_path);
		bench_check(sqlite3_open(plain_path, &c.plain) == SQLITE_OK, "open plain");
		b = sqlite3_backup_init(c.plain, "main", store_sqlite(c.st), "main");
		bench_check(b != NULL && sqlite3_backup_step(b, -1) == SQLITE_DONE, "copy");
		sqlite3_backup_finish(b);
		sql_trace(&c, 1);
		home(&c);
		sql_h = c.sql, nsql_h = c.nsql, c.sql = NULL, c.nsql = 0;
		inbox(&c, total, first);
		sql_i = c.sql, nsql_i = c.nsql, c.sql = NULL, c.nsql = 0;
		filter_ready(&c);
		for (size_t i = 0; i < c.nsql; i++)
			free(c.sql[i]);
		c.nsql = 0;
		filter_key(&c, match, total, first7);
		sql_f = c.sql, nsql_f = c.nsql, c.sql = NULL, c.nsql = 0;
		report(&c, rep_units, rep_hh);
		sql_r = c.sql, nsql_r = c.nsql, c.sql = NULL, c.nsql = 0;
		report_list(&c, want_list);
		sql_l = c.sql, nsql_l = c.nsql, c.sql = NULL, c.nsql = 0;
		sql_trace(&c, 0);
		for (int i = 0; i < runs; i++) {
			office_forms_forget();	/* the first home of a sitting */
			t0 = bench_now();
			home(&c);
			bench_add(&h1, bench_now() - t0);
			t0 = bench_now();
			home(&c);
			bench_add(&h, bench_now() - t0);
			bench_add(&hb, replay(&c, sql_h, nsql_h));
			t0 = bench_now();
			inbox(&c, total, first);
			bench_add(&in_, bench_now() - t0);
			bench_add(&ib, replay(&c, sql_i, nsql_i));
			filter_ready(&c);
			t0 = bench_now();
			filter_key(&c, match, total, first7);
			bench_add(&fl, bench_now() - t0);
			bench_add(&fb, replay(&c, sql_f, nsql_f));
			t0 = bench_now();
			report(&c, rep_units, rep_hh);
			bench_add(&rp, bench_now() - t0);
			bench_add(&rb, replay(&c, sql_r, nsql_r));
			t0 = bench_now();
			report_list(&c, want_list);
			bench_add(&ls, bench_now() - t0);
			bench_add(&lb, replay(&c, sql_l, nsql_l));
		}
		all_met &= bench_line1("home (opened, drawn)", &h, 1e3, "ms",
		    c.n >= 96000 ? 0.100 : 0);
		bench_line("  its SQL, plain SQLite", &h, "plain", &hb, 1e3, "ms", 0);
		all_met &= bench_line1("home, first of a sitting", &h1, 1e3, "ms",
		    c.n >= 96000 ? 0.100 : 0);
		all_met &= bench_line1("inbox F7 (first screen, count)", &in_, 1e3, "ms",
		    c.n >= 96000 ? 0.100 : 0);
		bench_line("  its SQL, plain SQLite", &in_, "plain", &ib, 1e3, "ms", 0);
		all_met &= bench_line1("filter keystroke (thon-07)", &fl, 1e3, "ms",
		    c.n >= 96000 ? 0.020 : 0);
		bench_line("  its SQL, plain SQLite", &fl, "plain", &fb, 1e3, "ms", 0);
		all_met &= bench_line1("report " REPORT_FORM " " REPORT_PERIOD " (csv)", &rp, 1e3,
		    "ms", c.n >= 96000 ? 0.500 : 0);
		bench_line("  its SQL, plain SQLite", &rp, "plain", &rb, 1e3, "ms", 0);
		all_met &= bench_line1("report list F9 (opened, drawn)", &ls, 1e3, "ms",
		    c.n >= 96000 ? 0.500 : 0);
		bench_line("  its SQL, plain SQLite", &ls, "plain", &lb, 1e3, "ms", 0);
		printf("    (%zu, %zu, %zu, %zu and %zu statements; %zu listed, %zu of thon-07, %d"
		    " units and %.0f households in the report, the list's %s, checked)\n", nsql_h,
		    nsql_i, nsql_f, nsql_r, nsql_l, total, match, rep_units, rep_hh, want_list);
		rss = sitting_rss(&c, total, first, rep_units, rep_hh, want_list);
		printf("  resident memory of a new sitting, home, inbox, F9 and the report opened:"
		    " %.1f MB  (goal < 30 MB: %s)\n", rss, rss < 30 ? "met" : "MISSED");
		all_met &= rss < 30;
		for (size_t i = 0; i < nsql_r; i++)
			free(sql_r[i]);
		for (size_t i = 0; i < nsql_l; i++)
			free(sql_l[i]);
		free(sql_r);
		free(sql_l);
		for (size_t i = 0; i < nsql_h; i++)
			free(sql_h[i]);
		for (size_t i = 0; i < nsql_i; i++)
			free(sql_i[i]);
		for (size_t i = 0; i < nsql_f; i++)
			free(sql_f[i]);
		free(sql_h);
		free(sql_i);
		free(sql_f);
		free(first);
		free(first7);
		sqlite3_close(c.plain);
		unlink(plain_path);
	}
	curses_close(&c.ui, scr, out, in);
	free(plain_path);
	form_set_free(&c.set);
	store_unit_free(units, nunits);
	free(items);
	store_close(c.st);
	unlink(path);
	free(path);
	printf("  goals at 96,000 submissions and more: %s\n", all_met ? "met" : "some MISSED");
	return 0;
}

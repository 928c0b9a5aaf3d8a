/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-office.c: what the office's screens ask of the store, at 1,000,
 * 10,000 and 100,000 submissions, so that the growth shows.
 *
 * A commune: the office and 30 units (19 villages, 3 schools, one of each
 * other kind the catalogue names), every report of every form of their
 * kinds over ten years (2017-2026: daily, weekly, monthly, quarterly,
 * half-yearly, semester and yearly periods), every field filled, stored
 * as received from devices, the newest first: the database of size N
 * holds the N most recent. What is older than two months was approved.
 *
 * Timed, runs interleaved (home, inbox, filter, home, inbox, ...), median
 * and spread:
 *   home    the office's counts, who is late or missing now
 *           (office_status), incidents waiting (a count per ad hoc form)
 *   inbox   the first screen of the newest submissions and how many there
 *           are (store_sub_find), the clock notes, the held submissions
 *   filter  one keystroke narrowing the inbox to a unit (a page + count)
 *   list    every submission listed (store_sub_list), as a screen that
 *           loads them all would — for comparison
 * Goals at 96,000 and more: home and inbox < 100 ms, filter < 20 ms.
 * Each query checks its answer (rows there, counts right).
 *
 * Usage: bench_office [--smoke] [DIR]   (--smoke: 200 and 1,000; BENCH_SIZE=N in the
 * environment: that size only)
 */
#include "bench.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../office/office-status.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	struct form_set set;
	long now;
	size_t n;	/* submissions stored */
};

static void
home(struct ctx *c)
{
	struct store_counts counts;
	struct office_row *rows;
	size_t n, incidents = 0;
	char *cause = NULL;

	bench_must(store_counts_get(c->st, &counts, &cause), cause, "counts");
	bench_check((size_t)counts.submissions == c->n, "counts: %zu submissions, expected %zu",
	    (size_t)counts.submissions, c->n);
	bench_must(office_status(c->st, &c->set, NULL, c->now, &rows, &n, &cause), cause, "status");
	bench_check(n > 0, "status: no rows");
	office_rows_free(rows, n);
	for (size_t i = 0; i < c->set.n; i++) {
		const struct form *f = c->set.forms[i];
		for (size_t r = 0; r < f->nreports; r++) {
			struct store_sub_filter q = { .office_unit = "van-phong", .status = "received",
			    .form_id = f->reports[r].form_id };
			struct store_sub *subs;
			size_t k, total;
			if (!period_kind_adhoc(f->reports[r].rule.kind))
				continue;
			bench_must(store_sub_find(c->st, &q, 1, 0, &subs, &k, &total, &cause), cause,
			    "incidents");
			store_sub_free(subs, k);
			incidents += total;
		}
	}
	(void)incidents;
}

static void
inbox(struct ctx *c)
{
	struct store_sub_filter q = { .office_unit = "van-phong" };
	struct store_sub *subs;
	struct store_clock_note *notes;
	struct store_held_sub *held;
	size_t n, total, nn, nh;
	char *cause = NULL;

	bench_must(store_sub_find(c->st, &q, 18, 0, &subs, &n, &total, &cause), cause, "inbox");
	bench_check(n == (c->n < 18 ? c->n : 18) && total > 0 && total <= c->n,
	    "inbox: %zu rows of %zu", n, total);
	bench_check(n < 2 || subs[0].updated_at >= subs[n - 1].updated_at, "inbox: not newest first");
	store_sub_free(subs, n);
	bench_must(store_clock_notes(c->st, &notes, &nn, &cause), cause, "clock notes");
	store_clock_notes_free(notes, nn);
	bench_must(store_held_list(c->st, &held, &nh, &cause), cause, "held");
	store_held_free(held, nh);
}

static void
filter(struct ctx *c)
{
	struct store_sub_filter q = { .office_unit = "van-phong", .unit_id = "thon-07" };
	struct store_sub *subs;
	size_t n, total;
	char *cause = NULL;

	bench_must(store_sub_find(c->st, &q, 18, 0, &subs, &n, &total, &cause), cause, "filter");
	bench_check(n > 0 && total >= n, "filter: no submission of thon-07");
	for (size_t i = 0; i < n; i++)
		bench_check(strcmp(subs[i].unit_id, "thon-07") == 0, "filter: %s", subs[i].unit_id);
	store_sub_free(subs, n);
}

static void
list(struct ctx *c)
{
	struct store_sub *subs;
	size_t n;
	char *cause = NULL;

	bench_must(store_sub_list(c->st, NULL, &subs, &n, &cause), cause, "list");
	bench_check(n == c->n, "list: %zu of %zu", n, c->n);
	store_sub_free(subs, n);
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
	size_t nunits;
	int count;

	if (sodium_init() < 0)
		return 1;
	bench_must(store_create(path, "bench passphrase", &so, &c.st, &cause), cause, "create");
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
	c.now = date_from_ymd(2026, 11, 23) * MINUTES_PER_DAY + 600;

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
	    " from earlier decades); %d runs interleaved (home, inbox, filter, list), median"
	    " (fastest-slowest)\n", nunits, nitems, ten_years, runs);
	for (size_t z = 0; z < nsizes; z++) {
		size_t want = sizes[z] < nitems ? sizes[z] : nitems;
		struct bench_series h = { .n = 0 }, in = { .n = 0 }, fl = { .n = 0 }, ls = { .n = 0 };
		double t0;

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
		for (int i = 0; i < runs; i++) {
			t0 = bench_now();
			home(&c);
			bench_add(&h, bench_now() - t0);
			t0 = bench_now();
			inbox(&c);
			bench_add(&in, bench_now() - t0);
			t0 = bench_now();
			filter(&c);
			bench_add(&fl, bench_now() - t0);
			t0 = bench_now();
			list(&c);
			bench_add(&ls, bench_now() - t0);
		}
		all_met &= bench_line1("home", &h, 1e3, "ms", c.n >= 96000 ? 0.100 : 0);
		all_met &= bench_line1("inbox (first screen + count)", &in, 1e3, "ms",
		    c.n >= 96000 ? 0.100 : 0);
		all_met &= bench_line1("filter keystroke (a unit)", &fl, 1e3, "ms",
		    c.n >= 96000 ? 0.020 : 0);
		bench_line1("every submission listed", &ls, 1e3, "ms", 0);
	}
	form_set_free(&c.set);
	store_unit_free(units, nunits);
	free(items);
	store_close(c.st);
	unlink(path);
	free(path);
	printf("  goals at 96,000 submissions and more: %s\n", all_met ? "met" : "some MISSED");
	return 0;
}

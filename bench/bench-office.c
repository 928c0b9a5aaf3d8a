/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-office.c: the office's queries on a synthetic commune.
 *
 * The office and 30 units (19 villages, 3 schools, one of each other kind the
 * catalogue names), every report of every form of their kinds for three
 * years (2024-2026: daily, weekly, monthly, quarterly, half-yearly,
 * semester and yearly periods), every field filled, stored as received
 * from devices. Then, timed: `status` for a month (2026-10), and the
 * consolidated report of every quarterly form for 2026-Q3.
 *
 * Usage: bench_office [DIR]
 */
#include "bench.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../office/office-report.h"
#include "../office/office-status.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static const char *const kinds[] = { "van-phong", "phong-kinh-te", "phong-vhxh", "tt-hcc",
	    "cong-an", "quan-su", "tram-y-te", "doanh-nghiep", "tt-dvc" };
	const char *dir = argc > 1 ? argv[1] : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	char *path = xasprintf("%s/bench-office-%ld.db", dir, (long)getpid()), *cause = NULL;
	struct store_options so = { .kdf = NULL };
	struct form_set set;
	struct store *st;
	struct store_unit *units;
	size_t nunits, nsubs = 0, nreports = 0;
	int count;
	double t0, t_load, t_status, t_max = 0, t_sum = 0;
	long moment;

	if (sodium_init() < 0)
		return 1;
	so.kdf = &STORE_KDF_TEST;
	bench_must(store_create(path, "bench passphrase", &so, &st, &cause), cause, "create");
	bench_must(store_install_create(st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause), cause, "setup");
	bench_must(store_unit_add(st, "van-phong", "van-phong", "Văn phòng", NULL, &cause), cause, "unit");
	bench_must(form_install_catalog(st, NULL, &count, &cause), cause, "catalogue");
	for (int i = 0; i < 19; i++) {
		char id[32];
		snprintf(id, sizeof id, "thon-%02d", i + 1);
		bench_must(store_unit_add(st, id, "thon", id, NULL, &cause), cause, "unit");
	}
	for (int i = 0; i < 3; i++) {
		char id[32];
		snprintf(id, sizeof id, "truong-%d", i + 1);
		bench_must(store_unit_add(st, id, "truong", id, NULL, &cause), cause, "unit");
	}
	for (size_t k = 1; k < sizeof kinds / sizeof kinds[0]; k++)
		bench_must(store_unit_add(st, kinds[k], kinds[k], kinds[k], NULL, &cause), cause, "unit");
	bench_must(form_set_load(st, &set, &cause), cause, "forms");
	bench_must(store_unit_list(st, NULL, &units, &nunits, &cause), cause, "units");

	t0 = bench_now();
	bench_must(store_begin(st, &cause), cause, "begin");
	for (size_t i = 0; i < set.n; i++) {
		const struct form *f = set.forms[i];
		for (size_t r = 0; r < f->nreports; r++) {
			const struct deadline_rule *rule = &f->reports[r].rule;
			struct period p;
			if (period_kind_adhoc(rule->kind))
				continue;
			p = period_containing(rule->kind, date_from_ymd(2024, 1, 1));
			for (; p.start < date_from_ymd(2027, 1, 1); p = period_next(&p)) {
				char pid[PERIOD_ID_MAX];
				if (!deadline_applies(rule, &p))
					continue;
				period_format(&p, pid, sizeof pid);
				for (size_t u = 0; u < nunits; u++) {
					struct sub *s;
					char *data;
					enum store_receive what;
					if (strcmp(units[u].kind, f->unit_kind) != 0)
						continue;
					s = sub_new(f, (int)r, pid);
					bench_fill(s, f, (int)r, (unsigned)(u * 7919 + (size_t)p.start));
					data = sub_to_json(s);
					bench_must(store_sub_receive(st, f->reports[r].form_id, units[u].id, pid,
					    f->version, "DEVI-CE00-0000-0000", 1, (p.end + 1) * 86400,
					    (p.end + 1) * 86400, NULL, data, &what, &cause), cause, "receive");
					free(data);
					sub_free(s);
					nsubs++;
				}
			}
		}
	}
	bench_must(store_commit(st, &cause), cause, "commit");
	t_load = bench_now() - t0;

	moment = date_from_ymd(2026, 11, 23) * MINUTES_PER_DAY + 600;
	t0 = bench_now();
	{
		struct office_row *rows;
		size_t n;
		bench_must(office_status(st, &set, "2026-10", moment, &rows, &n, &cause), cause, "status");
		office_rows_free(rows, n);
	}
	t_status = bench_now() - t0;
	for (size_t i = 0; i < set.n; i++) {
		const struct form *f = set.forms[i];
		for (size_t r = 0; r < f->nreports; r++) {
			struct office_report rep;
			FILE *null = fopen("/dev/null", "w");
			double t;
			if (f->reports[r].rule.kind != PERIOD_QUARTER)
				continue;
			t0 = bench_now();
			bench_must(office_report_build(st, &set, f->reports[r].form_id, "2026-Q3", &rep, &cause),
			    cause, "report");
			office_report_csv(&rep, null);
			office_report_text(&rep, null);
			office_report_free(&rep);
			t = bench_now() - t0;
			fclose(null);
			t_sum += t;
			if (t > t_max)
				t_max = t;
			nreports++;
		}
	}
	form_set_free(&set);
	store_unit_free(units, nunits);
	store_close(st);
	unlink(path);
	free(path);
	printf("synthetic commune: %zu units, %zu submissions over 2024-2026, stored in %.1f s\n",
	    nunits, nsubs, t_load);
	printf("status for 2026-10:                 %.1f ms   (target < 100 ms)\n", t_status * 1e3);
	printf("report of each quarterly form (%zu), 2026-Q3: mean %.1f ms, slowest %.1f ms   "
	    "(target < 200 ms each)\n", nreports, t_sum / (double)nreports * 1e3, t_max * 1e3);
	return 0;
}

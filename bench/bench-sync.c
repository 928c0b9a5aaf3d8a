/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-sync.c: import throughput and bundle size, in one run.
 *
 * A synthetic year of a 30-village commune: each village finalises every
 * report of the village form (12 monthly, 4 quarterly, 1 annual), every
 * field filled, the task grid included, and sends them in one bundle.
 * The office (a fresh encrypted database, the built-in catalogue, the 30
 * devices approved) imports the 30 bundles; the figure is submissions and
 * field values per second, each bundle verified, decrypted, decompressed,
 * re-checked against its form and stored in its own transaction, into a
 * fresh copy of that database each run, interleaved (A B A B ...) with
 * plain SQLite inserting the same rows, a transaction per bundle; both
 * check the rows are there. BENCH_RUNS runs (3 by default).
 *
 * Sizes: each bundle against `gzip -9` and `zstd -19` of its own JSON
 * payload, summed. Usage: bench_sync [DIR]
 */
#include "bench.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/sub.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#define UNITS 30
#define PASS "bench passphrase"

int
main(int argc, char **argv)
{
	const char *dir = bench_dir_only(argc, argv);
	char *path = xasprintf("%s/bench-sync-%ld.db", dir, (long)getpid()), *cause = NULL;
	char *run_path = xasprintf("%s/bench-sync-%ld-run.db", dir, (long)getpid());
	char *plain_path = xasprintf("%s/bench-sync-%ld-plain.db", dir, (long)getpid());
	struct bench_row *rows = NULL;
	struct bench_series a = { .n = 0 }, b = { .n = 0 }, ac = { .n = 0 }, bc = { .n = 0 };
	int runs = bench_runs(3);
	char *json_path = xasprintf("%s/bench-sync-%ld.json", dir, (long)getpid());
	struct store_options so = { .kdf = NULL };
	struct store_install in;
	struct form_set set;
	struct store *st;
	const struct form *f = NULL;
	unsigned char *files[UNITS];
	size_t lens[UNITS], total_bundle = 0, total_json = 0, total_z19 = 0, total_gz = 0;
	size_t values = 0, subs = 0;
	FILE *jf;
	int count;
	double t;

	if (sodium_init() < 0)
		return 1;
	so.kdf = &STORE_KDF_TEST;
	bench_must(store_create(path, PASS, &so, &st, &cause), cause, "create");
	bench_must(store_install_create(st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause), cause, "setup");
	bench_must(form_install_catalog(st, NULL, &count, &cause), cause, "catalogue");
	bench_must(store_install_get(st, &in, &cause), cause, "installation");
	bench_must(form_set_load(st, &set, &cause), cause, "forms");
	for (size_t i = 0; i < set.n; i++)
		if (strcmp(set.forms[i]->id, "nl09-thon") == 0)
			f = set.forms[i];
	if (f == NULL)
		return 1;
	for (int u = 0; u < UNITS; u++) {
		unsigned char pk[32], sk[64];
		char unit[32], fpr[STORE_FPR_LEN + 1], *payload;
		json_t *root, *arr;

		crypto_sign_keypair(pk, sk);
		snprintf(unit, sizeof unit, "thon-%02d", u + 1);
		bench_must(store_unit_add(st, unit, "thon", unit, NULL, &cause), cause, "unit");
		bench_must(store_begin(st, &cause), cause, "begin");
		bench_must(store_device_seen(st, pk, unit, &cause), cause, "device");
		store_fingerprint(pk, fpr);
		bench_must(store_device_decide(st, fpr, "approved", &cause), cause, "approve");
		bench_must(store_commit(st, &cause), cause, "commit");
		root = json_pack("{s:s, s:s, s:s}", "kind", "bundle", "commune", "Xã Thử", "unit", unit);
		arr = json_array();
		for (size_t r = 0; r < f->nreports; r++) {
			struct deadline_rule rule = f->reports[r].rule;
			struct period p;
			int n = rule.kind == PERIOD_MONTH ? 12 : rule.kind == PERIOD_QUARTER ? 4
			    : rule.kind == PERIOD_YEAR ? 1 : 0;
			for (int k = 1; k <= n; k++) {
				char pid[PERIOD_ID_MAX];
				struct sub *s;
				char *data;
				if (!period_parse(rule.kind, rule.kind == PERIOD_MONTH ? (k < 10 ?
				    (snprintf(pid, sizeof pid, "2026-0%d", k), pid) :
				    (snprintf(pid, sizeof pid, "2026-%d", k), pid)) : rule.kind ==
				    PERIOD_QUARTER ? (snprintf(pid, sizeof pid, "2026-Q%d", k), pid) :
				    "2026", &p))
					return 1;
				period_format(&p, pid, sizeof pid);
				s = sub_new(f, (int)r, pid);
				values += bench_fill(s, f, (int)r, (unsigned)(u * 31 + k));
				data = sub_to_json(s);
				json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:i, s:I, s:o}",
				    "form", f->reports[r].form_id, "period", pid, "rev", 1, "form_version",
				    f->version, "created", (json_int_t)1790000000 + k, "data",
				    json_loads(data, 0, NULL)));
				sub_free(s);
				rows = xreallocarray(rows, subs + 1, sizeof *rows);
				rows[subs].form_id = xstrdup(f->reports[r].form_id);
				rows[subs].unit = xstrdup(unit);
				rows[subs].period = xstrdup(pid);
				rows[subs].data = data;
				subs++;
			}
		}
		/* JSON lines: the header, then one submission a line */
		payload = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
		{
			size_t j;
			json_t *one;
			json_array_foreach(arr, j, one) {
				char *line = json_dumps(one, JSON_COMPACT | JSON_PRESERVE_ORDER);
				char *more = xasprintf("%s\n%s", payload, line);
				free(payload);
				free(line);
				payload = more;
			}
		}
		json_decref(arr);
		json_decref(root);
		total_json += strlen(payload);
		/* gzip -9 of each payload on its own, as each bundle is on its own */
		jf = fopen(json_path, "wb");
		fwrite(payload, 1, strlen(payload), jf);
		fclose(jf);
		{
			char *cmd = xasprintf("gzip -9 -c < '%s' | wc -c", json_path);
			FILE *p = popen(cmd, "r");
			long gz = -1;
			if (p == NULL || fscanf(p, "%ld", &gz) != 1)
				gz = -1;
			if (p)
				pclose(p);
			free(cmd);
			total_gz += gz > 0 ? (size_t)gz : 0;
		}
		{
			size_t bound = ZSTD_compressBound(strlen(payload));
			void *z = xmalloc(bound);
			total_z19 += ZSTD_compress(z, bound, payload, strlen(payload), 19);
			free(z);
		}
		bench_must(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, unit, 1, 1790000000, payload, strlen(payload),
		    &files[u], &lens[u], &cause), cause, "seal");
		total_bundle += lens[u];
		free(payload);
	}
	form_set_free(&set);
	store_close(st);
	/* A B A B ...: the import into a fresh copy of the office, plain SQLite */
	for (int i = 0; i < runs; i++) {
		double t0, c0;

		bench_copy(path, run_path);
		bench_must(store_open(run_path, PASS, &st, &cause), cause, "open");
		bench_must(form_set_load(st, &set, &cause), cause, "forms");
		t0 = bench_now();
		c0 = bench_cpu();
		for (int u = 0; u < UNITS; u++) {
			struct sync_result r;
			bench_must(sync_import(st, &set, files[u], lens[u], &r, &cause), cause,
			    "import");
			bench_check(r.outcome == SYNC_IMPORTED && r.n_new > 0 && r.n_held == 0,
			    "bundle %d not imported: %s", u, cause ? cause : r.n_held > 0 ?
			    r.held[0] : "?");
			sync_result_free(&r);
		}
		bench_add(&a, bench_now() - t0);
		bench_add(&ac, bench_cpu() - c0);
		bench_check(bench_count(store_sqlite(st), "SELECT count(*) FROM revisions") ==
		    (long long)subs, "the import did not store %zu submissions", subs);
		bench_values_kept(store_sqlite(st), rows, subs);
		form_set_free(&set);
		store_close(st);
		bench_remove_db(run_path);
		bench_add(&b, bench_plain_rows(plain_path, rows, subs, subs / UNITS, &bc));
	}
	t = bench_median(&a);
	printf("import: %d bundles, %zu submissions, %zu field values, each bundle its own"
	    " transaction; %d runs interleaved, median (fastest-slowest)\n", UNITS, subs, values,
	    runs);
	bench_line("import, wall", &a, "plain SQLite", &b, 1, "s", 0);
	bench_line("import, CPU", &ac, "plain SQLite", &bc, 1, "s", 0);
	printf("        %.0f submissions/s, %.0f field values/s   (target >= 50,000 values/s: %s)\n",
	    (double)subs / t, (double)values / t, (double)values / t >= 50000 ? "met" : "MISSED");
	printf("size:   %d bundles of one village-year each: JSON %zu bytes; bundles %zu "
	    "(zstd -19, sealed, signed, headers included)\n", UNITS, total_json, total_bundle);
	printf("        gzip -9 of each JSON %zu; zstd -19 of each JSON %zu\n", total_gz, total_z19);
	printf("        bundles / gzip -9 = %.2f   (target <= 1.00: %s)\n",
	    (double)total_bundle / (double)total_gz, total_bundle <= total_gz ? "met" : "MISSED");
	store_install_free(&in);
	for (int u = 0; u < UNITS; u++)
		free(files[u]);
	for (size_t i = 0; i < subs; i++) {
		free(rows[i].form_id);
		free(rows[i].unit);
		free(rows[i].period);
		free(rows[i].data);
	}
	free(rows);
	bench_remove_db(path);
	unlink(json_path);
	free(path);
	free(run_path);
	free(plain_path);
	free(json_path);
	return 0;
}

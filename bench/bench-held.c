/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-held.c: files held from a device not yet approved, against the
 * same files imported from an approved device, interleaved (A B A B ...).
 *
 * A village's new laptop sends 1,000 bundles (one monthly report each,
 * every field filled) before the office approves it. A: the office holds
 * them all (each verified, kept unread), then approves the device, which
 * imports every held file in one transaction — timed is the approval. B:
 * the office approved the device first and imports the same files as
 * `baocao import` does (the forms loaded once, one transaction). Goal:
 * the approval at most 1.5x the import. A second line times A's holding:
 * the second half of the files (held into an office already holding the
 * first half) against the first half (into an office holding none). Goal:
 * at most 1.5x — holding a file must not cost more the more are held.
 * Every run checks the files were held, and then imported whole.
 *
 * Usage: bench_held [--smoke] [DIR]   (--smoke: 40 files)
 */
#include "bench.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/sub.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASS "bench passphrase"
#define UNIT "thon-01"

/* Every file's submission is a revision the office keeps. */
static void
check_imported(struct store *st, size_t nfiles, const char *who)
{
	bench_check(bench_count(store_sqlite(st), "SELECT count(*) FROM revisions") ==
	    (long long)nfiles && bench_count(store_sqlite(st), "SELECT count(*) FROM bundles"
	    " WHERE state = 'imported'") == (long long)nfiles, "%s: not every file imported", who);
}

/* Hold FILES[FROM..TO) (one transaction); returns the seconds. */
static double
hold(struct store *st, unsigned char **files, size_t *lens, size_t from, size_t to)
{
	char *cause = NULL;
	double t0 = bench_now();

	bench_must(store_begin(st, &cause), cause, "begin");
	for (size_t i = from; i < to; i++) {
		struct sync_result r;
		bench_must(sync_import(st, NULL, files[i], lens[i], &r, &cause), cause, "hold");
		bench_check(r.outcome == SYNC_HELD, "file %zu not held (outcome %d: %s)", i,
		    (int)r.outcome, cause ? cause : "");
		sync_result_free(&r);
	}
	bench_must(store_commit(st, &cause), cause, "commit");
	return bench_now() - t0;
}

/* A: hold every file (the halves timed in H1, H2), then approve (timed). */
static double
run_approve(const char *tmpl, const char *path, const char *fpr, unsigned char **files,
	    size_t *lens, size_t nfiles, struct bench_series *h1, struct bench_series *h2)
{
	struct store *st;
	char *cause = NULL;
	struct sync_approved a;
	double t0, t;

	bench_copy(tmpl, path);
	bench_must(store_open(path, PASS, &st, &cause), cause, "open");
	bench_add(h1, hold(st, files, lens, 0, nfiles / 2));
	bench_add(h2, hold(st, files, lens, nfiles / 2, nfiles));
	bench_check(bench_count(store_sqlite(st), "SELECT count(*) FROM bundles WHERE state ="
	    " 'held'") == (long long)nfiles, "not every file held");
	t0 = bench_now();
	bench_must(sync_approve_report(st, fpr, NULL, NULL, &a, &cause), cause, "approve");
	t = bench_now() - t0;
	bench_check(a.imported == (int)nfiles && a.refused == 0 && a.held_back == 0, "the "
	    "approval imported %d of %zu files, refused %zu, held back %zu", a.imported, nfiles,
	    a.refused, a.held_back);
	sync_approved_free(&a);
	check_imported(st, nfiles, "approval");
	store_close(st);
	bench_remove_db(path);
	return t;
}

/* B: the device approved first; every file imported as `baocao import` does. */
static double
run_import(const char *tmpl, const char *path, const unsigned char *pk, unsigned char **files,
	   size_t *lens, size_t nfiles)
{
	struct form_set set;
	struct store *st;
	char *cause = NULL, fpr[STORE_FPR_LEN + 1];
	double t0, t;

	bench_copy(tmpl, path);
	bench_must(store_open(path, PASS, &st, &cause), cause, "open");
	store_fingerprint(pk, fpr);
	bench_must(store_begin(st, &cause), cause, "begin");
	bench_must(store_device_seen(st, pk, UNIT, &cause), cause, "device");
	bench_must(store_device_decide(st, fpr, "approved", &cause), cause, "approve");
	bench_must(store_commit(st, &cause), cause, "commit");
	t0 = bench_now();
	bench_must(form_set_load(st, &set, &cause), cause, "forms");
	bench_must(store_begin(st, &cause), cause, "begin");
	for (size_t i = 0; i < nfiles; i++) {
		struct sync_result r;
		bench_must(sync_import(st, &set, files[i], lens[i], &r, &cause), cause, "import");
		bench_check(r.outcome == SYNC_IMPORTED && r.n_new == 1, "file %zu not imported", i);
		sync_result_free(&r);
	}
	bench_must(store_commit(st, &cause), cause, "commit");
	form_set_free(&set);
	t = bench_now() - t0;
	check_imported(st, nfiles, "import");
	store_close(st);
	bench_remove_db(path);
	return t;
}

int
main(int argc, char **argv)
{
	int smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
	const char *base = argc > 1 + smoke ? argv[1 + smoke] :
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	size_t nfiles = smoke ? 40 : 1000;
	int runs = bench_runs(smoke ? 1 : 3), count;
	char *dir = xasprintf("%s/bench-held-XXXXXX", base), *tmpl, *a_path, *b_path;
	char *cause = NULL, fpr[STORE_FPR_LEN + 1];
	struct store_options so = { .kdf = &STORE_KDF_TEST };
	struct store_install in;
	struct form_set set;
	struct store *st;
	const struct form *f = NULL;
	int report = -1;
	unsigned char pk[32], sk[64], **files;
	size_t *lens;
	struct bench_series a = { .n = 0 }, b = { .n = 0 }, h1 = { .n = 0 }, h2 = { .n = 0 };

	if (sodium_init() < 0 || mkdtemp(dir) == NULL) {
		fprintf(stderr, "bench_held: cannot set up in %s\n", dir);
		return 1;
	}
	tmpl = xasprintf("%s/office.db", dir);
	a_path = xasprintf("%s/held.db", dir);
	b_path = xasprintf("%s/import.db", dir);
	bench_must(store_create(tmpl, PASS, &so, &st, &cause), cause, "create");
	bench_must(store_install_create(st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause), cause,
	    "setup");
	bench_must(form_install_catalog(st, NULL, &count, &cause), cause, "catalogue");
	bench_must(store_unit_add(st, UNIT, "thon", UNIT, NULL, &cause), cause, "unit");
	bench_must(store_install_get(st, &in, &cause), cause, "installation");
	bench_must(form_set_load(st, &set, &cause), cause, "forms");
	for (size_t i = 0; i < set.n; i++)
		if (strcmp(set.forms[i]->id, "nl09-thon") == 0)
			f = set.forms[i];
	for (size_t r = 0; f != NULL && r < f->nreports; r++)
		if (f->reports[r].rule.kind == PERIOD_MONTH)
			report = (int)r;
	bench_check(f != NULL && report >= 0, "no monthly report of nl09-thon in the catalogue");
	crypto_sign_keypair(pk, sk);
	store_fingerprint(pk, fpr);
	files = xcalloc(nfiles, sizeof *files);
	lens = xcalloc(nfiles, sizeof *lens);
	/* file I: month I of 2016-2025, the Ith revision past the first ten years */
	for (size_t i = 0; i < nfiles; i++) {
		char text[16], pid[PERIOD_ID_MAX], *data, *payload;
		struct period p;
		struct sub *s;
		json_t *head, *one;

		snprintf(text, sizeof text, "%zu-%02zu", 2016 + i / 12 % 10, i % 12 + 1);
		bench_check(period_parse(PERIOD_MONTH, text, &p), "period %s", text);
		period_format(&p, pid, sizeof pid);
		s = sub_new(f, report, pid);
		bench_fill(s, f, report, (unsigned)i);
		data = sub_to_json(s);
		sub_free(s);
		head = json_pack("{s:s, s:s, s:s}", "kind", "bundle", "commune", "Xã Thử", "unit",
		    UNIT);
		one = json_pack("{s:s, s:s, s:i, s:i, s:I, s:o}", "form", f->reports[report].form_id,
		    "period", pid, "rev", (int)(i / 120) + 1, "form_version", f->version, "created",
		    (json_int_t)1490000000 + (json_int_t)i, "data", json_loads(data, 0, NULL));
		{
			char *h = json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER);
			char *l = json_dumps(one, JSON_COMPACT | JSON_PRESERVE_ORDER);
			payload = xasprintf("%s\n%s\n", h, l);
			free(h);
			free(l);
		}
		json_decref(head);
		json_decref(one);
		free(data);
		bench_must(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, UNIT, (uint64_t)i + 1,
		    1490000000 + (int64_t)i, payload, strlen(payload), &files[i], &lens[i], &cause),
		    cause, "seal");
		free(payload);
	}
	form_set_free(&set);
	store_install_free(&in);
	store_close(st);
	for (int r = 0; r < runs; r++) {
		bench_add(&a, run_approve(tmpl, a_path, fpr, files, lens, nfiles, &h1, &h2));
		bench_add(&b, run_import(tmpl, b_path, pk, files, lens, nfiles));
	}
	printf("bench_held: %zu files of one device, %d runs\n", nfiles, runs);
	bench_line("approve: import the held files", &a, "import when approved", &b, 1,
	    "s", 1.5);
	bench_line("hold: second half (half held)", &h2, "first half (none held)", &h1, 1,
	    "s", 1.5);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(lens);
	bench_remove_db(tmpl);
	rmdir(dir);
	free(tmpl);
	free(a_path);
	free(b_path);
	free(dir);
	return 0;
}

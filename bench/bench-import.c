/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-import.c: the office's import against plain SQLite inserting the
 * same rows, interleaved (A B A B ...).
 *
 * A commune of 30 villages over ten years (2017-2026): each village sends
 * one bundle a year with every report of the village form (12 monthly, 4
 * quarterly, 1 yearly), every field filled, the task grid included. A run
 * of the office imports the 300 bundles as `baocao import` does: one
 * transaction for the run, each file a savepoint, each verified,
 * decrypted, decompressed, parsed once, checked against its form, stored
 * with its audit line — into a fresh copy of the same office database.
 * The baseline inserts the same submissions and revisions (the same JSON)
 * into plain SQLite, same pragmas, one transaction, prepared statements —
 * an unencrypted database without the store's indexes, triggers and audit.
 * A third run, between them, has the store insert those same rows into a
 * copy of the office database (encrypted pages, the schema's indexes and
 * triggers, no checks): where the import's time goes, the store's share
 * against the import's own (verify, decrypt, parse, check, audit). Every
 * run checks the rows are there. Goal: the import at least 0.25x the speed
 * of the plain baseline (its time at most 4x). The import commits once a
 * second, as `baocao import` does (cli/cmd-sync.c).
 *
 * Usage: bench_import [--smoke] [DIR]   (--smoke: 2 villages, 1 year)
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
#define FIRST_YEAR 2017

/* A: the office imports every bundle in one run. */
static double
run_import(const char *tmpl, const char *path, unsigned char **files, size_t *lens,
	   size_t nfiles, size_t per_file, const struct bench_row *rows, size_t nsubs,
	   struct bench_series *cpu)
{
	struct form_set set;
	struct store *st;
	char *cause = NULL;
	double t0, t, c0, last;

	bench_copy(tmpl, path);
	bench_must(store_open(path, PASS, &st, &cause), cause, "open");
	bench_must(form_set_load(st, &set, &cause), cause, "forms");
	t0 = last = bench_now();
	c0 = bench_cpu();
	bench_must(store_begin(st, &cause), cause, "begin");
	for (size_t i = 0; i < nfiles; i++) {
		struct sync_result r;
		bench_must(sync_import(st, &set, files[i], lens[i], &r, &cause), cause, "import");
		bench_check(r.outcome == SYNC_IMPORTED && (size_t)r.n_new == per_file &&
		    r.n_held == 0, "bundle %zu not imported whole: %d new of %zu, %zu held%s%s", i,
		    r.n_new, per_file, r.n_held, r.n_held ? ": " : "", r.n_held ? r.held[0] : "");
		sync_result_free(&r);
		if (i + 1 < nfiles && bench_now() - last >= 1.0) {
			bench_must(store_commit(st, &cause), cause, "commit");
			bench_must(store_begin(st, &cause), cause, "begin");
			last = bench_now();
		}
	}
	bench_must(store_commit(st, &cause), cause, "commit");
	t = bench_now() - t0;
	bench_add(cpu, bench_cpu() - c0);
	bench_check(bench_count(store_sqlite(st), "SELECT count(*) FROM submissions WHERE status ="
	    " 'received' AND cur_final = 1") == (long long)nsubs &&
	    bench_count(store_sqlite(st), "SELECT count(*) FROM revisions") == (long long)nsubs,
	    "the import did not store %zu submissions", nsubs);
	bench_values_kept(store_sqlite(st), rows, nsubs);
	form_set_free(&set);
	store_close(st);
	bench_remove_db(path);
	return t;
}

/* The rows C and D write, on DB (the store's or plain SQLite's), by the
 * same prepared statements: a submission, its revision, and (AUD not
 * NULL) an audit line. WHO names the run in a failure. */
#define SQL_SUB "INSERT INTO submissions(form_id, unit_id, period, status, current_rev," \
    " updated_at) VALUES (?1, ?2, ?3, 'received', 1, 1)"
#define SQL_REV "INSERT INTO revisions(submission_id, rev, form_version, device, final," \
    " data, created_at, src_rev, src_created) VALUES (?1, 1, 1, 'DEVI-CE00', 1, ?2, 1, 1, 1)"

static void
insert_rows(sqlite3 *db, sqlite3_stmt *sub, sqlite3_stmt *rev, sqlite3_stmt *aud,
	    const struct bench_row *rows, size_t n, const char *who)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(sub, 1, rows[i].form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(sub, 2, rows[i].unit, -1, SQLITE_STATIC);
		sqlite3_bind_text(sub, 3, rows[i].period, -1, SQLITE_STATIC);
		bench_check(sqlite3_step(sub) == SQLITE_DONE, "%s: insert: %s", who,
		    sqlite3_errmsg(db));
		sqlite3_reset(sub);
		sqlite3_bind_int64(rev, 1, sqlite3_last_insert_rowid(db));
		sqlite3_bind_text(rev, 2, rows[i].data, -1, SQLITE_STATIC);
		bench_check(sqlite3_step(rev) == SQLITE_DONE, "%s: insert: %s", who,
		    sqlite3_errmsg(db));
		sqlite3_reset(rev);
		if (aud == NULL)
			continue;
		sqlite3_bind_text(aud, 1, rows[i].period, -1, SQLITE_STATIC);
		bench_check(sqlite3_step(aud) == SQLITE_DONE, "%s: insert: %s", who,
		    sqlite3_errmsg(db));
		sqlite3_reset(aud);
	}
}

/* Every row C or D wrote is there, its submission current and final. */
static void
rows_kept(sqlite3 *db, size_t n, const char *who)
{
	bench_check(bench_count(db, "SELECT count(*) FROM submissions WHERE cur_final = 1") ==
	    (long long)n && bench_count(db, "SELECT count(*) FROM revisions") == (long long)n,
	    "%s did not keep %zu rows", who, n);
}

/* C: the store inserting the rows B inserts, into a copy of the office
 * database (its schema, indexes and triggers; encrypted pages), one
 * transaction, prepared statements: no file opened, nothing checked. */
static double
run_store_rows(const char *tmpl, const char *path, const struct bench_row *rows, size_t n,
	       struct bench_series *cpu)
{
	struct store *st;
	sqlite3 *db;
	sqlite3_stmt *sub, *rev;
	char *cause = NULL;
	double t0, t, c0;

	bench_copy(tmpl, path);
	bench_must(store_open(path, PASS, &st, &cause), cause, "open");
	db = store_sqlite(st);
	bench_check(sqlite3_prepare_v2(db, SQL_SUB, -1, &sub, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, SQL_REV, -1, &rev, NULL) == SQLITE_OK, "store: prepare: %s",
	    sqlite3_errmsg(db));
	t0 = bench_now();
	c0 = bench_cpu();
	bench_must(store_begin(st, &cause), cause, "begin");
	insert_rows(db, sub, rev, NULL, rows, n, "store");
	bench_must(store_commit(st, &cause), cause, "commit");
	t = bench_now() - t0;
	bench_add(cpu, bench_cpu() - c0);
	sqlite3_finalize(sub);
	sqlite3_finalize(rev);
	rows_kept(db, n, "the store");
	store_close(st);
	bench_remove_db(path);
	return t;
}

/* D: plain SQLite (unencrypted, no baocao code) inserting the rows the
 * import writes (a submission, its revision and its audit line) into an
 * unencrypted copy of the office database: the same schema, indexes and
 * triggers, one transaction, prepared statements. Against B, what the
 * office's schema costs; against C, what the encrypted pages cost. */
static double
run_plain_schema(const char *tmpl, const char *path, const struct bench_row *rows, size_t n,
		 struct bench_series *cpu)
{
	sqlite3 *db;
	sqlite3_stmt *sub, *rev, *aud;
	double t0, t, c0;

	bench_remove_db(path);
	bench_copy(tmpl, path);
	bench_check(sqlite3_open(path, &db) == SQLITE_OK && sqlite3_exec(db, "PRAGMA"
	    " journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-8192; PRAGMA"
	    " mmap_size=0; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=ON", NULL, NULL, NULL) ==
	    SQLITE_OK, "plain copy: open: %s", sqlite3_errmsg(db));
	bench_check(sqlite3_prepare_v2(db, SQL_SUB, -1, &sub, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, SQL_REV, -1, &rev, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "INSERT INTO audit(at, installation, user, action, object,"
	    " detail) VALUES (1, 'office', 'bench', 'import', ?1, 'rev 1 from DEVI-CE00 rev 1')",
	    -1, &aud, NULL) == SQLITE_OK, "plain copy: prepare: %s", sqlite3_errmsg(db));
	t0 = bench_now();
	c0 = bench_cpu();
	bench_check(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK,
	    "plain copy: begin: %s", sqlite3_errmsg(db));
	insert_rows(db, sub, rev, aud, rows, n, "plain copy");
	bench_check(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK,
	    "plain copy: commit: %s", sqlite3_errmsg(db));
	t = bench_now() - t0;
	bench_add(cpu, bench_cpu() - c0);
	sqlite3_finalize(sub);
	sqlite3_finalize(rev);
	sqlite3_finalize(aud);
	rows_kept(db, n, "plain copy");
	sqlite3_close(db);
	bench_remove_db(path);
	return t;
}

int
main(int argc, char **argv)
{
	int smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
	const char *base = argc > 1 + smoke ? argv[1 + smoke] :
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int nunits = smoke ? 2 : 30, nyears = smoke ? 1 : 10, runs = bench_runs(smoke ? 2 : 5);
	char *dir = xasprintf("%s/bench-import-XXXXXX", base), *tmpl, *a_path, *b_path, *plain_tmpl;
	char *cause = NULL;
	struct store_options so = { .kdf = &STORE_KDF_TEST };
	struct store_install in;
	struct form_set set;
	struct store *st;
	const struct form *f = NULL;
	unsigned char **files;
	size_t *lens, nfiles = 0, nrows = 0, values = 0, per_file = 0;
	struct bench_row *rows;
	struct bench_series a = { .n = 0 }, b = { .n = 0 }, ac = { .n = 0 }, bc = { .n = 0 };
	struct bench_series c = { .n = 0 }, cc = { .n = 0 }, d = { .n = 0 }, dc = { .n = 0 };
	int count;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL) {
		fprintf(stderr, "bench_import: cannot set up in %s\n", dir);
		return 1;
	}
	tmpl = xasprintf("%s/office.db", dir);
	a_path = xasprintf("%s/import.db", dir);
	b_path = xasprintf("%s/plain.db", dir);
	plain_tmpl = xasprintf("%s/office-plain.db", dir);
	bench_must(store_create(tmpl, PASS, &so, &st, &cause), cause, "create");
	bench_must(store_install_create(st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause), cause,
	    "setup");
	bench_must(form_install_catalog(st, NULL, &count, &cause), cause, "catalogue");
	bench_must(store_install_get(st, &in, &cause), cause, "installation");
	bench_must(form_set_load(st, &set, &cause), cause, "forms");
	for (size_t i = 0; i < set.n; i++)
		if (strcmp(set.forms[i]->id, "nl09-thon") == 0)
			f = set.forms[i];
	bench_check(f != NULL, "no form nl09-thon in the catalogue");
	files = xcalloc((size_t)(nunits * nyears), sizeof *files);
	lens = xcalloc((size_t)(nunits * nyears), sizeof *lens);
	rows = xcalloc((size_t)(nunits * nyears) * 17, sizeof *rows);
	for (int u = 0; u < nunits; u++) {
		unsigned char pk[32], sk[64];
		char unit[32], fpr[STORE_FPR_LEN + 1];

		crypto_sign_keypair(pk, sk);
		snprintf(unit, sizeof unit, "thon-%02d", u + 1);
		bench_must(store_unit_add(st, unit, "thon", unit, NULL, &cause), cause, "unit");
		bench_must(store_begin(st, &cause), cause, "begin");
		bench_must(store_device_seen(st, pk, unit, &cause), cause, "device");
		store_fingerprint(pk, fpr);
		bench_must(store_device_decide(st, fpr, "approved", &cause), cause, "approve");
		bench_must(store_commit(st, &cause), cause, "commit");
		for (int y = 0; y < nyears; y++) {
			json_t *head = json_pack("{s:s, s:s, s:s}", "kind", "bundle", "commune",
			    "Xã Thử", "unit", unit);
			char *payload = json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER);
			size_t plen = strlen(payload), in_file = 0;

			json_decref(head);
			for (size_t r = 0; r < f->nreports; r++) {
				enum period_kind kind = f->reports[r].rule.kind;
				int n = kind == PERIOD_MONTH ? 12 : kind == PERIOD_QUARTER ? 4 :
				    kind == PERIOD_YEAR ? 1 : 0;
				for (int k = 1; k <= n; k++) {
					char pid[PERIOD_ID_MAX], *data, *line;
					struct period p;
					struct sub *s;
					json_t *one;
					int year = FIRST_YEAR + y;

					char text[32];

					if (kind == PERIOD_MONTH)
						snprintf(text, sizeof text, "%d-%02d", year, k);
					else if (kind == PERIOD_QUARTER)
						snprintf(text, sizeof text, "%d-Q%d", year, k);
					else
						snprintf(text, sizeof text, "%d", year);
					bench_check(period_parse(kind, text, &p), "period %s", text);
					period_format(&p, pid, sizeof pid);
					s = sub_new(f, (int)r, pid);
					values += bench_fill(s, f, (int)r, (unsigned)(u * 31 + y * 7 + k));
					data = sub_to_json(s);
					sub_free(s);
					one = json_pack("{s:s, s:s, s:i, s:i, s:I, s:o}", "form",
					    f->reports[r].form_id, "period", pid, "rev", 1, "form_version",
					    f->version, "created", (json_int_t)1490000000 + y * 31536000 + k,
					    "data", json_loads(data, 0, NULL));
					line = json_dumps(one, JSON_COMPACT | JSON_PRESERVE_ORDER);
					json_decref(one);
					payload = xrealloc(payload, plen + strlen(line) + 2);
					payload[plen++] = '\n';
					memcpy(payload + plen, line, strlen(line) + 1);
					plen += strlen(line);
					free(line);
					rows[nrows].form_id = xstrdup(f->reports[r].form_id);
					rows[nrows].unit = xstrdup(unit);
					rows[nrows].period = xstrdup(pid);
					rows[nrows++].data = data;
					in_file++;
				}
			}
			per_file = in_file;
			bench_must(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, unit, (uint64_t)y + 1,
			    1490000000 + (int64_t)(y + 1) * 31536000, payload, plen, &files[nfiles],
			    &lens[nfiles], &cause), cause, "seal");
			nfiles++;
			free(payload);
		}
	}
	form_set_free(&set);
	store_install_free(&in);
	{
		/* D's template: the office database, unencrypted (its schema, its
		 * units and devices), by SQLite's own backup */
		sqlite3 *pd;
		sqlite3_backup *bk;

		bench_check(sqlite3_open(plain_tmpl, &pd) == SQLITE_OK, "open %s", plain_tmpl);
		bk = sqlite3_backup_init(pd, "main", store_sqlite(st), "main");
		bench_check(bk != NULL && sqlite3_backup_step(bk, -1) == SQLITE_DONE &&
		    sqlite3_backup_finish(bk) == SQLITE_OK, "copy to %s", plain_tmpl);
		bench_check(sqlite3_exec(pd, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) ==
		    SQLITE_OK && sqlite3_close(pd) == SQLITE_OK, "close %s", plain_tmpl);
	}
	store_close(st);

	/* A C B D A C B D ... */
	for (int i = 0; i < runs; i++) {
		bench_add(&a, run_import(tmpl, a_path, files, lens, nfiles, per_file, rows, nrows, &ac));
		bench_add(&c, run_store_rows(tmpl, a_path, rows, nrows, &cc));
		bench_add(&b, bench_plain_rows(b_path, rows, nrows, 0, &bc));
		bench_add(&d, run_plain_schema(plain_tmpl, b_path, rows, nrows, &dc));
	}
	printf("import: %d villages x %d years = %zu bundles, %zu submissions, %zu field values;"
	    " %d runs interleaved, median (fastest-slowest)\n", nunits, nyears, nfiles, nrows, values,
	    runs);
	printf("  B = plain SQLite, bare tables (no index, no trigger, no audit line);"
	    " D = plain SQLite writing what the import writes (submission, revision, audit line)"
	    " into an unencrypted copy of the office database (its indexes and triggers)\n");
	bench_line("import, wall, vs B", &a, "B", &b, 1, "s", 4.0);
	bench_line("import, CPU, vs B", &ac, "B", &bc, 1, "s", 4.0);
	bench_line("import, wall, vs D", &a, "D", &d, 1, "s", 4.0);
	bench_line("import, CPU, vs D", &ac, "D", &dc, 1, "s", 4.0);
	printf("  import %.0f values/s, %.0f submissions/s; B %.0f rows/s, D %.0f rows/s;"
	    " speed ratio %.2f against B, %.2f against D (goal >= 0.25)\n",
	    (double)values / bench_median(&a), (double)nrows / bench_median(&a),
	    (double)nrows / bench_median(&b), (double)nrows / bench_median(&d),
	    bench_median(&b) / bench_median(&a), bench_median(&d) / bench_median(&a));
	printf("  where it goes: C = the store writing B's rows into a copy of the office database"
	    " (encrypted pages, its indexes and triggers, no checks)\n");
	bench_line("D, the office schema, wall", &d, "B", &b, 1, "s", 0);
	bench_line("C, the store, wall", &c, "D", &d, 1, "s", 0);
	bench_line("C, the store, CPU", &cc, "B", &bc, 1, "s", 0);
	bench_line("import, CPU, vs C", &ac, "C", &cc, 1, "s", 0);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	for (size_t i = 0; i < nrows; i++) {
		free(rows[i].form_id);
		free(rows[i].unit);
		free(rows[i].period);
		free(rows[i].data);
	}
	free(files);
	free(lens);
	free(rows);
	bench_remove_db(tmpl);
	bench_remove_db(plain_tmpl);
	free(plain_tmpl);
	rmdir(dir);
	free(tmpl);
	free(a_path);
	free(b_path);
	free(dir);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-store.c: the encrypted store (storage/): round trip, no plaintext on
 * disk, every tampered byte detected, passphrases, migrations, audit log and
 * a full disk.
 */
#include "tests.h"
#include "../../core/mem.h"
#include "../../forms/form-install.h"
#include "../../office/office-inbox.h"
#include "../../storage/store.h"
#include "../../storage/store-audit.h"
#include "../../storage/store-inst.h"
#include "../../storage/store-schema.h"
#include "../../storage/store-sub.h"
#include "../../storage/store-sync.h"
#include "../../storage/store-vfs.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PASS "correct horse battery"
#define CANARY "CANARY-7f3a9-Thôn-Đồng-Tâm"

static char *dir, *path;

static void
setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	dir = test_tmpdir();
	path = xasprintf("%s/t.db", dir);
}

static void
teardown(void)
{
	test_rmdir(dir);
	free(dir);
	free(path);
}

static struct store *
make(int rollback, int schema)
{
	struct store_options o = { .kdf = &STORE_KDF_TEST, .rollback_journal = rollback,
	    .schema = schema };
	struct store *st = NULL;
	char *cause = NULL;
	enum err e = store_create(path, PASS, &o, &st, &cause);

	ck_assert_msg(e == ERR_OK, "store_create: %s", cause ? cause : "?");
	return st;
}

static struct store *
reopen(const char *pass, enum err want, char **cause)
{
	struct store *st = NULL;
	enum err e = store_open(path, pass, &st, cause);

	ck_assert_msg(e == want, "store_open: got %d want %d (%s)", e, want,
	    cause && *cause ? *cause : "");
	return st;
}

static void
exec_ok(struct store *st, const char *sql)
{
	char *cause = NULL;

	ck_assert_msg(store_exec(st, sql, &cause) == ERR_OK, "%s: %s", sql, cause);
}

static long long
query_int(struct store *st, const char *sql)
{
	sqlite3_stmt *q;
	long long v;

	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), sql, -1, &q, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* n rows of ~300 bytes that contain the canary, spread over many pages. */
static void
fill(struct store *st, int n)
{
	char sql[512];
	int i;

	exec_ok(st, "CREATE TABLE IF NOT EXISTS t(i INTEGER PRIMARY KEY, s TEXT)");
	exec_ok(st, "BEGIN");
	for (i = 0; i < n; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO t(s) VALUES ('%s %d %0250d')", CANARY, i, i);
		exec_ok(st, sql);
	}
	exec_ok(st, "COMMIT");
}

START_TEST(test_round_trip)
{
	struct store *st = make(_i, 0);
	char *cause = NULL;

	fill(st, 200);
	store_close(st);
	st = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 200);
	ck_assert_int_eq(query_int(st, "SELECT sum(length(s)) FROM t WHERE s LIKE 'CANARY%'") > 0, 1);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	store_close(st);
}
END_TEST

/* The canary must not be found in the database, its journal (while a
 * transaction that changed canary pages is open) or its WAL. */
START_TEST(test_no_plaintext)
{
	struct store *st = make(_i, 0);
	char *found, *j;
	struct stat sb;

	fill(st, 300);
	/* Keep the journal/WAL: open a transaction that rewrites canary pages. */
	exec_ok(st, "BEGIN");
	exec_ok(st, "UPDATE t SET s = s || ' " CANARY "'");
	exec_ok(st, "INSERT INTO t(s) VALUES ('" CANARY " new')");
	j = xasprintf("%s%s", path, _i ? "-journal" : "-wal");
	ck_assert_msg(stat(j, &sb) == 0 && sb.st_size > 4096, "%s should hold pages", j);
	found = test_dir_contains(dir, "CANARY-7f3a9");
	ck_assert_msg(found == NULL, "plaintext found in %s (mid-transaction)", found);
	exec_ok(st, "COMMIT");
	found = test_dir_contains(dir, "CANARY-7f3a9");
	ck_assert_msg(found == NULL, "plaintext found in %s (after commit)", found);
	found = test_dir_contains(dir, "Thôn Đồng Tâm");
	ck_assert_msg(found == NULL, "plaintext found in %s", found);
	store_close(st);
	found = test_dir_contains(dir, "CANARY-7f3a9");
	ck_assert_msg(found == NULL, "plaintext found in %s (after close)", found);
	free(j);
}
END_TEST

/* Flip every byte of every page in use, one at a time: each read of that
 * page through the VFS must fail with SQLITE_IOERR_DATA. */
START_TEST(test_every_byte_flip)
{
	struct store *st = make(1, 0);
	sqlite3_file *fp = NULL;
	unsigned char page[4096], orig;
	struct stat sb;
	int fd, pgno, npages, b, rc;
	char *cause = NULL;

	fill(st, 60);
	store_close(st);
	st = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(sqlite3_file_control(store_sqlite(st), "main",
	    SQLITE_FCNTL_FILE_POINTER, &fp), SQLITE_OK);
	fd = open(path, O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &sb), 0);
	npages = (int)((sb.st_size - STORE_HDR_SIZE) / 4096);
	ck_assert_int_ge(npages, 6);
	for (pgno = 1; pgno <= npages; pgno++) {
		off_t base = STORE_HDR_SIZE + (off_t)(pgno - 1) * 4096;
		ck_assert_int_eq(fp->pMethods->xRead(fp, page, 4096, base - STORE_HDR_SIZE), SQLITE_OK);
		for (b = 0; b < 4096; b++) {
			ck_assert_int_eq(pread(fd, &orig, 1, base + b), 1);
			orig ^= 0x01;
			ck_assert_int_eq(pwrite(fd, &orig, 1, base + b), 1);
			rc = fp->pMethods->xRead(fp, page, 4096, base - STORE_HDR_SIZE);
			ck_assert_msg(rc == SQLITE_IOERR_DATA, "page %d byte %d: flip not detected (%d)",
			    pgno, b, rc);
			orig ^= 0x01;
			ck_assert_int_eq(pwrite(fd, &orig, 1, base + b), 1);
		}
		ck_assert_int_eq(fp->pMethods->xRead(fp, page, 4096, base - STORE_HDR_SIZE), SQLITE_OK);
	}
	store_close(st);
	close(fd);
}
END_TEST

/* Through the public API: a damaged page gives ERR_CORRUPT naming the file
 * and the page, never data. */
START_TEST(test_tamper_message)
{
	struct store *st = make(1, 0);
	char *cause = NULL, want[32];
	unsigned char c;
	struct stat sb;
	off_t at;
	int fd, last;

	fill(st, 200);
	store_close(st);
	/* The last page belongs to t, the table filled last. */
	ck_assert_int_eq(stat(path, &sb), 0);
	last = (int)((sb.st_size - STORE_HDR_SIZE) / 4096);
	at = STORE_HDR_SIZE + (off_t)(last - 1) * 4096 + 1000;
	fd = open(path, O_RDWR);
	ck_assert_int_eq(pread(fd, &c, 1, at), 1);
	c ^= 0x80;
	ck_assert_int_eq(pwrite(fd, &c, 1, at), 1);
	close(fd);
	st = NULL;
	if (store_open(path, PASS, &st, &cause) == ERR_OK) {
		sqlite3_stmt *q;
		int rc;
		ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT sum(length(s)) FROM t",
		    -1, &q, NULL), SQLITE_OK);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		ck_assert_int_ne(rc, SQLITE_ROW);
		ck_assert_int_eq(store_error(st, rc, &cause), ERR_CORRUPT);
		store_close(st);
	}
	snprintf(want, sizeof want, "trang %d", last);
	ck_assert_msg(strstr(cause, path) != NULL && strstr(cause, want) != NULL,
	    "message: %s (want %s)", cause, want);
	free(cause);
}
END_TEST

/* Open the database and read every row of t: the error, if any. */
static enum err
open_and_scan(char **cause)
{
	struct store *st = NULL;
	sqlite3_stmt *q;
	enum err e = store_open(path, PASS, &st, cause);
	int rc;

	if (e != ERR_OK)
		return e;
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT sum(length(s)) FROM t", -1,
	    &q, NULL), SQLITE_OK);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	e = store_error(st, rc, cause);
	store_close(st);
	return e;
}

START_TEST(test_truncated)
{
	struct store *st = make(1, 0);
	char *cause = NULL;
	struct stat sb;
	enum err e;

	fill(st, 200);
	store_close(st);
	ck_assert_int_eq(stat(path, &sb), 0);
	/* Cut in the middle of the last page, then at a page boundary. */
	ck_assert_int_eq(truncate(path, sb.st_size - 1000), 0);
	e = open_and_scan(&cause);
	ck_assert_int_eq(e, ERR_CORRUPT);
	ck_assert_ptr_nonnull(strstr(cause, path));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(truncate(path, sb.st_size - 3 * 4096), 0);
	e = open_and_scan(&cause);
	ck_assert_int_eq(e, ERR_CORRUPT);
	free(cause);
}
END_TEST

/* Every byte of the key header that is in use: the database never opens. */
START_TEST(test_header_flip)
{
	struct store *st = make(1, 0);
	unsigned char c;
	char *cause = NULL;
	int fd, b;

	store_close(st);
	fd = open(path, O_RDWR);
	for (b = 0; b < 32 + 128; b++) {
		ck_assert_int_eq(pread(fd, &c, 1, b), 1);
		c ^= 0x04;
		ck_assert_int_eq(pwrite(fd, &c, 1, b), 1);
		st = NULL;
		ck_assert_msg(store_open(path, PASS, &st, &cause) != ERR_OK,
		    "header byte %d flipped, yet the database opened", b);
		free(cause);
		cause = NULL;
		c ^= 0x04;
		ck_assert_int_eq(pwrite(fd, &c, 1, b), 1);
	}
	close(fd);
	st = reopen(PASS, ERR_OK, &cause);
	store_close(st);
}
END_TEST

START_TEST(test_wrong_passphrase)
{
	struct store *st = make(0, 0);
	char *cause = NULL;
	unsigned char *before, *after;
	size_t nb, na;

	fill(st, 20);
	store_close(st);
	before = test_slurp(path, &nb);
	st = reopen("not the passphrase", ERR_WRONGPASS, &cause);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(cause, "sai mật khẩu") != NULL && strstr(cause, path) != NULL,
	    "message: %s", cause);
	free(cause);
	/* Nothing on disk changed. */
	after = test_slurp(path, &na);
	ck_assert_uint_eq(nb, na);
	ck_assert_int_eq(memcmp(before, after, nb), 0);
	free(before);
	free(after);
}
END_TEST

START_TEST(test_rekey)
{
	struct store *st = make(1, 0);
	char *cause = NULL;
	unsigned char *before, *after;
	size_t nb, na, off;
	int differ = 0;

	fill(st, 200);
	store_close(st);
	before = test_slurp(path, &nb);
	st = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(store_rekey(st, "a new passphrase", &STORE_KDF_TEST, &cause), ERR_OK);
	store_close(st);
	after = test_slurp(path, &na);
	/* Only the header and the few pages the audit row touched (its leaf,
	 * its index, sqlite_sequence, page 1) were written. */
	ck_assert_uint_eq(nb, na);
	for (off = STORE_HDR_SIZE; off < nb; off += 4096)
		differ += memcmp(before + off, after + off, 4096) != 0;
	ck_assert_msg(differ <= 5 && nb / 4096 > 20, "%d of %zu pages rewritten", differ, nb / 4096);
	ck_assert_int_ne(memcmp(before, after, 288), 0);
	free(before);
	free(after);

	st = reopen(PASS, ERR_WRONGPASS, &cause);
	free(cause);
	cause = NULL;
	st = reopen("a new passphrase", ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 200);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit WHERE action = 'passphrase'"), 1);
	/* And back again: the other slot is used, the first cleared. */
	ck_assert_int_eq(store_rekey(st, PASS, &STORE_KDF_TEST, &cause), ERR_OK);
	store_close(st);
	st = reopen("a new passphrase", ERR_WRONGPASS, &cause);
	free(cause);
	cause = NULL;
	st = reopen(PASS, ERR_OK, &cause);
	store_close(st);
}
END_TEST

/* store_begin nests: inside an open transaction it is a savepoint, whose
 * rollback undoes only its own part and whose commit writes nothing until
 * the outer one commits. */
START_TEST(test_nested)
{
	struct store *st = make(0, 0), *other;
	char *cause = NULL;

	exec_ok(st, "CREATE TABLE n(i)");
	ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
	exec_ok(st, "INSERT INTO n VALUES (1)");
	ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
	exec_ok(st, "INSERT INTO n VALUES (2)");
	store_rollback(st);		/* undoes 2 only */
	ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
	exec_ok(st, "INSERT INTO n VALUES (3)");
	ck_assert_int_eq(store_commit(st, &cause), ERR_OK);	/* a release */
	ck_assert_int_eq(query_int(st, "SELECT group_concat(i) = '1,3' FROM n"), 1);
	other = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(other, "SELECT count(*) FROM n"), 0);
	store_close(other);
	ck_assert_int_eq(store_commit(st, &cause), ERR_OK);
	other = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(other, "SELECT sum(i) FROM n"), 4);
	store_close(other);
	/* a rolled back outer transaction takes its committed inner ones */
	ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
	ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
	exec_ok(st, "INSERT INTO n VALUES (5)");
	ck_assert_int_eq(store_commit(st, &cause), ERR_OK);
	store_rollback(st);
	ck_assert_int_eq(query_int(st, "SELECT sum(i) FROM n"), 4);
	store_rollback(st);		/* none open: nothing */
	ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
	ck_assert_int_eq(store_commit(st, &cause), ERR_OK);
	store_close(st);
}
END_TEST

static void
spit(const unsigned char *b, size_t n)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

static int
zero(const unsigned char *b, size_t n)
{
	while (n > 0 && b[n - 1] == 0)
		n--;
	return n == 0;
}

#define NEWPASS "a new passphrase"
#define SLOT(b, i) ((b) + 32 + (i) * 128)

/* A passphrase change interrupted between its header writes and its audit
 * commit (FORMAT.md, "Changing the passphrase"): the files a crash can
 * leave, made from the file before and the file after, are settled at open
 * so that the passphrase that works and the audit agree. */
START_TEST(test_rekey_interrupted)
{
	struct store *st = make(1, 0);
	char *cause = NULL;
	unsigned char *before, *after, *mix;
	size_t nb, na;
	int newslot;

	fill(st, 20);
	store_close(st);
	before = test_slurp(path, &nb);
	st = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(store_rekey(st, NEWPASS, &STORE_KDF_TEST, &cause), ERR_OK);
	store_close(st);
	after = test_slurp(path, &na);
	newslot = zero(SLOT(before, 1), 128) ? 1 : 0;
	ck_assert(zero(SLOT(after, 1 - newslot), 128) && !zero(SLOT(after, newslot), 128));

	/* crash after the commit, before the old slot was cleared: done */
	mix = xmalloc(na);
	memcpy(mix, after, na);
	memcpy(SLOT(mix, 1 - newslot), SLOT(before, 1 - newslot), 128);
	spit(mix, na);
	st = reopen(PASS, ERR_WRONGPASS, &cause);
	free(cause);
	cause = NULL;
	st = reopen(PASS, ERR_WRONGPASS, &cause);	/* the old slot is gone */
	free(cause);
	cause = NULL;
	st = reopen(NEWPASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit WHERE action = 'passphrase'"), 1);
	store_close(st);

	/* crash before the commit, opened with the old passphrase: undone */
	free(mix);
	mix = xmalloc(nb);
	memcpy(mix, before, nb);
	memcpy(SLOT(mix, newslot), SLOT(after, newslot), 128);
	spit(mix, nb);
	st = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit WHERE action = 'passphrase'"), 0);
	store_close(st);
	st = reopen(NEWPASS, ERR_WRONGPASS, &cause);
	free(cause);
	cause = NULL;

	/* the same, opened with the new passphrase: done, and recorded so */
	spit(mix, nb);
	st = reopen(NEWPASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit WHERE action = 'passphrase' "
	    "AND detail LIKE 'key slot 2, file %, recorded at open'"), 1);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 20);
	store_close(st);
	st = reopen(PASS, ERR_WRONGPASS, &cause);
	free(cause);
	cause = NULL;
	st = reopen(NEWPASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit WHERE action = 'passphrase'"), 1);
	store_close(st);
	free(mix);
	free(before);
	free(after);
}
END_TEST

START_TEST(test_not_ours)
{
	char *cause = NULL, *plain = xasprintf("%s/plain.db", dir);
	struct store *st = NULL;
	sqlite3 *db;
	FILE *f;

	ck_assert_int_eq(store_open(path, PASS, &st, &cause), ERR_NOTFOUND);
	ck_assert_int_eq(strncmp(cause, "chưa có cơ sở dữ liệu", strlen("chưa có cơ sở dữ liệu")), 0);
	ck_assert_str_eq(strstr(cause, " — ") + strlen(" — "), path);	/* the place last */
	free(cause);
	cause = NULL;
	ck_assert_int_eq(sqlite3_open(plain, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE x(y)", NULL, NULL, NULL);
	sqlite3_close(db);
	ck_assert_int_eq(store_open(plain, PASS, &st, &cause), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "SQLite"));
	free(cause);
	cause = NULL;
	f = fopen(path, "w");
	fputs("hello", f);
	fclose(f);
	ck_assert_int_eq(store_open(path, PASS, &st, &cause), ERR_INVALID);
	free(cause);
	cause = NULL;
	/* store_create never overwrites. */
	ck_assert_int_eq(store_create(path, PASS, NULL, &st, &cause), ERR_EXISTS);
	free(cause);
	free(plain);
}
END_TEST

/* Build a database at every earlier schema version, with data, and open it
 * with this build: it must reach the newest version with the data intact and
 * the same tables and columns as a new database. */
static char *
schema_shape(struct store *st)
{
	sqlite3_stmt *q;
	char *shape = xstrdup(""), *n;

	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st),
	    "SELECT m.type || ':' || m.name || ':' || coalesce(group_concat(p.name, ','), '')"
	    " FROM sqlite_schema m LEFT JOIN pragma_table_info(m.name) p"
	    " WHERE m.name NOT LIKE 'sqlite_%' GROUP BY m.name ORDER BY m.name", -1, &q, NULL),
	    SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		n = xasprintf("%s%s\n", shape, sqlite3_column_text(q, 0));
		free(shape);
		shape = n;
	}
	sqlite3_finalize(q);
	return shape;
}

START_TEST(test_migrations)
{
	struct store *st;
	char *cause = NULL, *fresh, *migrated;
	int v;

	st = make(0, 0);
	fresh = schema_shape(st);
	store_close(st);
	unlink(path);
	for (v = 1; v < store_schema_latest(); v++) {
		st = make(0, v);
		ck_assert_int_eq(store_schema_version(st), v);
		/* Data as version v knew it (from 2 on, the program fills name_fold). */
		exec_ok(st, v < 2 ? "INSERT INTO units(id, kind, name, created_at) VALUES"
		    " ('thon-dong-tam', 'thon', 'Thôn Đồng Tâm', 1)"
		    : "INSERT INTO units(id, kind, name, name_fold, created_at) VALUES"
		    " ('thon-dong-tam', 'thon', 'Thôn Đồng Tâm', 'thon dong tam', 1)");
		exec_ok(st, "INSERT INTO audit(at, installation, user, action, object)"
		    " VALUES (1, '-', 'test', 'unit-add', 'thon-dong-tam')");
		/* a submission with two revisions, the second current */
		exec_ok(st, "INSERT INTO submissions(id, form_id, unit_id, period, status,"
		    " current_rev, updated_at) VALUES (1, 'f', 'thon-dong-tam', '2026-10', 'received',"
		    " 2, 1)");
		exec_ok(st, "INSERT INTO revisions(submission_id, rev, form_version, device, final,"
		    " data, created_at) VALUES (1, 1, 2, 'd', 0, '{}', 1), (1, 2, 3, 'd', 1, '{}', 2)");
		store_close(st);
		st = reopen(PASS, ERR_OK, &cause);
		ck_assert_int_eq(store_schema_version(st), store_schema_latest());
		migrated = schema_shape(st);
		ck_assert_str_eq(migrated, fresh);
		free(migrated);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM units WHERE"
		    " name_fold = 'thon dong tam'"), 1);
		/* the migration computed the sort key (up to 6: from then on
		 * the program writes it) */
		if (v < 6)
			ck_assert_int_eq(query_int(st, "SELECT count(*) FROM units WHERE"
			    " name_key > x'04' AND name_key < x'05'"), 1);
		/* migration 7: the current revision's version and finality */
		ck_assert_int_eq(query_int(st, "SELECT cur_form_version * 10 + cur_final FROM"
		    " submissions WHERE id = 1"), 31);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit"), 1);
		store_close(st);
		unlink(path);
	}
	free(fresh);
	/* A database from the future is refused and left alone. */
	st = make(0, 0);
	exec_ok(st, "PRAGMA user_version = 999");
	store_close(st);
	st = reopen(PASS, ERR_VERSION, &cause);
	ck_assert_ptr_nonnull(strstr(cause, "999"));
	free(cause);
}
END_TEST

/* Every statement the office's screens run, caught as it starts. */
struct seen_sql {
	char *sql[64];
	int n;
};

static int
catch_sql(unsigned type, void *ctx, void *p, void *x)
{
	struct seen_sql *seen = ctx;
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)x;
	if (sql == NULL || strncmp(sql, "SELECT", 6) != 0)
		return 0;
	for (int i = 0; i < seen->n; i++)
		if (strcmp(seen->sql[i], sql) == 0)
			return 0;
	if (seen->n < 64)
		seen->sql[seen->n++] = xstrdup(sql);
	return 0;
}

/* The plan of SQL, one detail a line. */
static char *
plan_of(struct store *st, const char *sql)
{
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql), *plan = xstrdup(""), *n;
	sqlite3_stmt *q;

	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), eqp, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		n = xasprintf("%s%s\n", plan, sqlite3_column_text(q, 3));
		free(plan);
		plan = n;
	}
	sqlite3_finalize(q);
	free(eqp);
	return plan;
}

/* Migration 7: a submission's current form version and finality follow
 * every write, and the office's queries read indexes, never the whole of
 * submissions or revisions. */
START_TEST(test_office_plans)
{
	struct store *st = make(0, 0);
	struct store_sub *subs;
	struct store_sub_info *info;
	struct store_clock_note *notes;
	struct store_counts counts;
	struct store_sub_filter all = { .office_unit = "van-phong" };
	struct store_sub_filter by_form = { .office_unit = "van-phong", .form_id = "f" };
	struct store_sub_filter by_unit = { .office_unit = "van-phong", .unit_id = "thon-b" };
	struct store_sub_filter by_status = { .office_unit = "van-phong", .status = "received" };
	struct store_sub_filter by_period = { .office_unit = "van-phong", .form_id = "f",
	    .period = "2026-10" };
	struct store_sub_filter waiting = { .office_unit = "van-phong", .form_id = "f",
	    .status = "received" };
	static const char *const b[] = { "thon-b" }, *const fs[] = { "f" },
	    *const recv[] = { "received" };
	const struct store_sub_any w_unit = { .units = b, .nunits = 1 };
	const struct store_sub_any w_any[2] = { { .forms = fs, .nforms = 1, .statuses = recv,
	    .nstatuses = 1 }, { .units = b, .nunits = 1, .forms = fs, .nforms = 1 } };
	const struct store_sub_any w_none = { .nunits = 0 };
	struct store_sub_filter typed_unit = { .office_unit = "van-phong", .any = &w_unit,
	    .nany = 1 };
	struct store_sub_filter typed_any = { .office_unit = "van-phong", .any = w_any,
	    .nany = 2 };
	struct store_sub_filter typed_none = { .office_unit = "van-phong", .any = &w_none,
	    .nany = 1 };
	struct seen_sql seen = { .n = 0 };
	enum store_receive what;
	char *cause = NULL;
	size_t n, total;
	int rev;

	/* a draft, edited, finalised; received from devices, newer and older */
	ck_assert_int_eq(store_sub_save(st, "f", "van-phong", "2026-10", 1, "{\"a\":1}", 0, &rev,
	    &cause), ERR_OK);
	ck_assert_int_eq(store_sub_save(st, "f", "van-phong", "2026-10", 2, "{\"a\":2}", 1, &rev,
	    &cause), ERR_OK);
	ck_assert_int_eq(store_sub_receive(st, "f", "thon-b", "2026-10", 3, "DEV1", 2, 10, 20,
	    "future", "{\"a\":3}", &what, &cause), ERR_OK);
	ck_assert_int_eq(store_sub_receive(st, "f", "thon-b", "2026-10", 1, "DEV1", 1, 5, 30,
	    NULL, "{\"a\":4}", &what, &cause), ERR_OK);
	ck_assert_int_eq(what, STORE_RECEIVED_OLDER);
	ck_assert_int_eq(store_sub_receive(st, "f", "thon-c", "2026-09", 4, "DEV2", 1, 5, 30,
	    NULL, "{\"a\":5}", &what, &cause), ERR_OK);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM submissions"), 3);
	/* what the submission says of its current revision is the revision's */
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM submissions s JOIN revisions r ON"
	    " r.submission_id = s.id AND r.rev = s.current_rev WHERE s.cur_form_version ="
	    " r.form_version AND s.cur_final = r.final"), 3);
	ck_assert_int_eq(query_int(st, "SELECT cur_form_version * 10 + cur_final FROM submissions"
	    " WHERE unit_id = 'thon-b'"), 31);	/* the older one did not become current */
	ck_assert_int_eq(query_int(st, "SELECT cur_form_version * 10 + cur_final FROM submissions"
	    " WHERE unit_id = 'van-phong'"), 21);

	/* the office's lists: what they return */
	ck_assert_int_eq(store_sub_find(st, &all, 10, 0, &subs, &n, &total, &cause), ERR_OK);
	ck_assert_uint_eq(total, 2);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(subs[0].unit_id, "thon-c");	/* the newest first */
	ck_assert_int_eq(subs[1].form_version, 3);
	ck_assert_int_eq(subs[1].final, 1);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &by_unit, 1, 0, &subs, &n, &total, &cause), ERR_OK);
	ck_assert_uint_eq(total, 1);
	ck_assert_str_eq(subs[0].unit_id, "thon-b");
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &by_period, 0, 0, &subs, &n, &total, &cause), ERR_OK);
	ck_assert_uint_eq(n, 1);
	store_sub_free(subs, n);

	/* the plans of everything the screens run */
	sqlite3_trace_v2(store_sqlite(st), SQLITE_TRACE_STMT, catch_sql, &seen);
	ck_assert_int_eq(store_sub_find(st, &all, 18, 0, &subs, &n, &total, &cause), ERR_OK);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &by_form, 18, 0, &subs, &n, &total, &cause), ERR_OK);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &by_unit, 18, 0, &subs, &n, &total, &cause), ERR_OK);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &by_status, 18, 0, &subs, &n, &total, &cause), ERR_OK);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &by_period, 18, 0, &subs, &n, &total, &cause), ERR_OK);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &waiting, 18, 0, &subs, &n, &total, &cause), ERR_OK);
	ck_assert_uint_eq(total, 2);
	store_sub_free(subs, n);
	/* words typed in the inbox's filter, resolved to units, forms, statuses */
	ck_assert_int_eq(store_sub_find(st, &typed_unit, 18, 0, &subs, &n, &total, &cause),
	    ERR_OK);
	ck_assert_uint_eq(total, 1);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(subs[0].unit_id, "thon-b");
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &typed_any, 18, 0, &subs, &n, &total, &cause), ERR_OK);
	ck_assert_uint_eq(total, 2);
	ck_assert_uint_eq(n, 2);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &typed_none, 18, 0, &subs, &n, &total, &cause),
	    ERR_OK);
	ck_assert_uint_eq(total, 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(store_sub_overview(st, "f", "2026-10", &info, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 2);
	store_sub_info_free(info, n);
	ck_assert_int_eq(store_clock_notes(st, &notes, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 1);
	store_clock_notes_free(notes, n);
	ck_assert_int_eq(store_counts_get(st, &counts, &cause), ERR_OK);
	/* the consolidated report: a unit's audit entries (its verdicts), the
	 * report list's periods of a form */
	{
		struct store_audit_row *arows;
		char *near;
		size_t units;
		ck_assert_int_eq(store_audit_list(st, "f/thon-b/2026-10", &arows, &n, &cause),
		    ERR_OK);
		for (size_t i = 0; i < n; i++)
			ck_assert_str_eq(arows[i].object, "f/thon-b/2026-10");
		ck_assert_uint_ge(n, 1);
		store_audit_free(arows, n);
		ck_assert_int_eq(store_sub_period_near(st, "f", NULL, 0, &near, &units, &cause),
		    ERR_OK);
		ck_assert_str_eq(near, "2026-10");
		ck_assert_uint_eq(units, (size_t)query_int(st, "SELECT count(*) FROM submissions"
		    " WHERE form_id = 'f' AND period = '2026-10' AND status <> 'draft'"));
		free(near);
		ck_assert_int_eq(store_sub_period_near(st, "f", "2026-10", -1, &near, NULL, &cause),
		    ERR_OK);
		ck_assert_str_eq(near, "2026-09");
		free(near);
		ck_assert_int_eq(store_sub_period_near(st, "f", "2026-095", 1, &near, NULL, &cause),
		    ERR_OK);
		ck_assert_str_eq(near, "2026-10");
		free(near);
		ck_assert_int_eq(store_sub_period_near(st, "f", "2026-10", 1, &near, NULL, &cause),
		    ERR_OK);
		ck_assert_ptr_null(near);
		ck_assert_int_eq(store_sub_period_near(st, "nothing", NULL, 0, &near, &units,
		    &cause), ERR_OK);
		ck_assert_ptr_null(near);
		ck_assert_uint_eq(units, 0);
	}
	sqlite3_trace_v2(store_sqlite(st), 0, NULL, NULL);
	ck_assert_int_ge(seen.n, 15);
	for (int i = 0; i < seen.n; i++) {
		char *plan;
		/* the kept counts (migration 8) are a few hundred rows: summed
		 * whole, whatever the number of submissions */
		if (strstr(seen.sql[i], " FROM sub_counts s ") != NULL) {
			free(seen.sql[i]);
			continue;
		}
		plan = plan_of(st, seen.sql[i]);
		/* a SCAN of either table without an index reads all of it */
		for (const char *l = plan; (l = strstr(l, "SCAN ")) != NULL; l++) {
			const char *end = strchr(l, '\n');
			char line[256];
			snprintf(line, sizeof line, "%.*s", (int)(end - l), l);
			if ((strcmp(line, "SCAN s") == 0 || strncmp(line, "SCAN s ", 7) == 0 ||
			    strcmp(line, "SCAN r") == 0 || strncmp(line, "SCAN r ", 7) == 0 ||
			    strstr(line, "submissions") == line + 5 || strstr(line, "revisions") ==
			    line + 5 || strstr(line, "audit") == line + 5) &&
			    strstr(line, " INDEX ") == NULL)
				ck_abort_msg("full scan in\n%s\n%s", seen.sql[i], plan);
		}
		/* the inbox's first page walks the newest, it does not sort all
		 * (words typed: the rows they match, from their indexes, sorted) */
		if (strstr(seen.sql[i], "LIMIT") != NULL && strstr(seen.sql[i], "= ?") == NULL &&
		    strstr(seen.sql[i], " IN (?") == NULL &&
		    strstr(plan, "TEMP B-TREE") != NULL)
			ck_abort_msg("the whole list sorted for a page:\n%s\n%s", seen.sql[i], plan);
		free(plan);
		free(seen.sql[i]);
	}
	store_close(st);
}
END_TEST

/* The inbox's "Nhận lúc" (updated_at) is when the current revision was
 * received, not the last review (issue 15: an approval moved it and
 * re-sorted the inbox); the same in the list, a page of it, and one
 * submission. */
START_TEST(test_received_at)
{
	struct store *st = make(0, 0);
	struct store_sub_filter all = { .office_unit = "van-phong" };
	struct store_sub *subs, one;
	enum store_receive what;
	char *cause = NULL;
	size_t n, total;

	setenv("BAOCAO_NOW", "1000", 1);	/* imported then */
	ck_assert_int_eq(store_sub_receive(st, "f", "thon-b", "2026-10", 1, "DEV1", 1, 900, 1000,
	    NULL, "{\"a\":1}", &what, &cause), ERR_OK);
	setenv("BAOCAO_NOW", "1800000000", 1);
	ck_assert_int_eq(store_sub_review(st, "f", "thon-b", "2026-10", "approved", NULL, &cause),
	    ERR_OK);
	unsetenv("BAOCAO_NOW");
	ck_assert_int_eq(store_sub_list(st, NULL, &subs, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(subs[0].updated_at, 1000);
	ck_assert_str_eq(subs[0].status, "approved");
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_find(st, &all, 10, 0, &subs, &n, &total, &cause), ERR_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(subs[0].updated_at, 1000);
	store_sub_free(subs, n);
	ck_assert_int_eq(store_sub_get(st, "f", "thon-b", "2026-10", &one, &cause), ERR_OK);
	ck_assert_int_eq(one.updated_at, 1000);
	ck_assert_str_eq(one.data, "{\"a\":1}");
	free(one.form_id);
	free(one.unit_id);
	free(one.period);
	free(one.status);
	free(one.status_reason);
	free(one.data);
	store_close(st);
}
END_TEST

/* Kept counts (migration 8) against a recount of submissions: every
 * (form, unit, status) the same, and the office's totals too. */
static void
counts_agree(struct store *st, unsigned seed, int step)
{
	struct store_sub_filter all = { .office_unit = "van-phong" };
	struct store_sub_filter by_status = { .office_unit = "van-phong", .status = "returned" };
	struct store_counts counts;
	size_t total;
	char *cause = NULL;

	ck_assert_msg(query_int(st, "SELECT count(*) FROM (SELECT form_id, unit_id, status,"
	    " count(*) FROM submissions GROUP BY 1, 2, 3 EXCEPT SELECT form_id, unit_id, status, n"
	    " FROM sub_counts WHERE n > 0)") == 0 && query_int(st, "SELECT count(*) FROM"
	    " (SELECT form_id, unit_id, status, n FROM sub_counts WHERE n <> 0 EXCEPT SELECT"
	    " form_id, unit_id, status, count(*) FROM submissions GROUP BY 1, 2, 3)") == 0,
	    "kept counts differ from a recount after step %d (seed %u: SEED=%u to replay)", step,
	    seed, seed);
	ck_assert_int_eq(store_sub_find(st, &all, SIZE_MAX, 0, NULL, NULL, &total, &cause),
	    ERR_OK);
	ck_assert_msg(total == (size_t)query_int(st, "SELECT count(*) FROM submissions WHERE"
	    " status <> 'draft' AND unit_id <> 'van-phong'"), "total (seed %u)", seed);
	ck_assert_int_eq(store_sub_find(st, &by_status, SIZE_MAX, 0, NULL, NULL, &total, &cause),
	    ERR_OK);
	ck_assert_msg(total == (size_t)query_int(st, "SELECT count(*) FROM submissions WHERE"
	    " status = 'returned' AND unit_id <> 'van-phong'"), "returned (seed %u)", seed);
	ck_assert_int_eq(store_counts_get(st, &counts, &cause), ERR_OK);
	ck_assert_msg(counts.audit == query_int(st, "SELECT count(*) FROM audit") &&
	    counts.submissions == query_int(st, "SELECT count(*) FROM submissions") &&
	    counts.returned == query_int(st, "SELECT count(*) FROM submissions WHERE status ="
	    " 'returned'") && counts.exported == query_int(st, "SELECT count(*) FROM"
	    " submissions WHERE status = 'exported'") && counts.received == query_int(st,
	    "SELECT count(*) FROM submissions WHERE status = 'received'") && counts.finals ==
	    query_int(st, "SELECT count(*) FROM submissions WHERE status IN ('final',"
	    " 'exported', 'received')"), "store_counts_get differs from a recount (seed %u)",
	    seed);
}

START_TEST(test_kept_counts)
{
	static const char *const forms[] = { "f-a", "f-b", "f-c" };
	static const char *const units[] = { "van-phong", "thon-a", "thon-b", "thon-c" };
	static const char *const periods[] = { "2026-09", "2026-10", "2026-11" };
	unsigned seed = getenv("SEED") ? (unsigned)strtoul(getenv("SEED"), NULL, 10) :
	    (unsigned)time(NULL), r = seed;
	struct store *st = make(0, 0);
	int rev;

	for (int step = 0; step < 600; step++) {
		const char *f, *u, *p;
		char *cause = NULL, *sql;
		enum store_receive what;
		int op, tx;
		r = r * 1103515245u + 12345u;
		f = forms[(r >> 8) % 3];
		u = units[(r >> 12) % 4];
		p = periods[(r >> 16) % 3];
		op = (int)((r >> 20) % 6);
		tx = (r >> 24) % 8;	/* 0: inside a transaction rolled back */
		if (tx == 0)
			ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
		switch (op) {
		case 0:	/* an import */
			if (tx != 0)
				ck_assert_int_eq(store_begin(st, &cause), ERR_OK);
			if (store_sub_receive(st, f, u, p, 1, "DEV1", step + 1, step, step, NULL, "{}",
			    &what, &cause) != ERR_OK) {
				free(cause);
				cause = NULL;
			}
			if (tx != 0)
				ck_assert_int_eq(store_commit(st, &cause), ERR_OK);
			break;
		case 1:	/* a save here, draft or final */
			if (store_sub_save(st, f, u, p, 1, step % 2 ? "{\"a\":1}" : "{\"a\":2}",
			    (int)(r >> 28) % 2, &rev, &cause) != ERR_OK) {
				free(cause);
				cause = NULL;
			}
			break;
		case 2:	/* approved */
		case 3:	/* returned */
			if (store_sub_review(st, f, u, p, op == 2 ? "approved" : "returned",
			    op == 2 ? NULL : "Thiếu số liệu", &cause) != ERR_OK) {
				free(cause);
				cause = NULL;
			}
			break;
		case 4:	/* deleted (no command does; a tool might) */
			sql = xasprintf("DELETE FROM revisions WHERE submission_id IN (SELECT id FROM"
			    " submissions WHERE form_id = '%s' AND unit_id = '%s' AND period = '%s');"
			    " DELETE FROM submissions WHERE form_id = '%s' AND unit_id = '%s' AND"
			    " period = '%s'", f, u, p, f, u, p);
			exec_ok(st, sql);
			free(sql);
			break;
		default:	/* moved to another unit (a correction by a tool) */
			sql = xasprintf("UPDATE OR IGNORE submissions SET unit_id = '%s' WHERE"
			    " form_id = '%s' AND unit_id = 'thon-a' AND period = '%s'", u, f, p);
			exec_ok(st, sql);
			free(sql);
			break;
		}
		if (tx == 0)
			store_rollback(st);
		if (step % 25 == 24)
			counts_agree(st, seed, step);
	}
	counts_agree(st, seed, 600);
	ck_assert_int_gt(query_int(st, "SELECT count(*) FROM submissions"), 5);
	store_close(st);
}
END_TEST

/* The parsed forms are kept between home screens, and parsed again when a
 * form is installed or another database is opened. */
START_TEST(test_forms_kept)
{
	struct store *st = make(0, 0), *other;
	const struct form_set *a, *b;
	char *cause = NULL, *path2 = xasprintf("%s/other.db", dir);
	struct store_options o = { .kdf = &STORE_KDF_TEST };
	size_t n;
	int count;

	ck_assert_int_eq(store_install_create(st, STORE_ROLE_OFFICE, "Ngọc Lặc", NULL, &cause),
	    ERR_OK);
	ck_assert_int_eq(form_install_catalog(st, "thon", &count, &cause), ERR_OK);
	ck_assert_int_eq(office_forms(st, &a, &cause), ERR_OK);
	n = a->n;
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(office_forms(st, &b, &cause), ERR_OK);
	ck_assert_ptr_eq(a, b);
	ck_assert_uint_eq(b->n, n);
	ck_assert_ptr_eq(b->forms[0], a->forms[0]);	/* not parsed again */
	/* a form installed since: parsed again, with it */
	ck_assert_int_eq(form_install_catalog(st, "truong", &count, &cause), ERR_OK);
	ck_assert_int_eq(office_forms(st, &b, &cause), ERR_OK);
	ck_assert_uint_gt(b->n, n);
	n = b->n;
	/* another database: its own forms */
	ck_assert_int_eq(store_create(path2, PASS, &o, &other, &cause), ERR_OK);
	ck_assert_int_eq(store_install_create(other, STORE_ROLE_OFFICE, "Xã Khác", NULL, &cause),
	    ERR_OK);
	ck_assert_int_eq(office_forms(other, &b, &cause), ERR_OK);
	ck_assert_uint_eq(b->n, 0);
	store_close(other);
	ck_assert_int_eq(office_forms(st, &b, &cause), ERR_OK);
	ck_assert_uint_eq(b->n, n);
	office_forms_forget();
	store_close(st);
	unlink(path2);
	free(path2);
}
END_TEST

START_TEST(test_audit)
{
	struct store *st = make(0, 0);
	struct store_audit_row *r;
	char *cause = NULL, *made = NULL;
	size_t n;

	store_set_user(st, "chi-lan");
	ck_assert_int_eq(store_install_create(st, STORE_ROLE_OFFICE, "Ngọc Lặc", NULL, &cause),
	    ERR_OK);
	ck_assert_int_eq(store_unit_add(st, NULL, "thon", "Thôn Đồng Tâm", &made, &cause), ERR_OK);
	ck_assert_str_eq(made, "thon-dong-tam");
	free(made);
	ck_assert_int_eq(store_unit_add(st, "thon-dong-tam", "thon", "X", NULL, &cause), ERR_EXISTS);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(store_audit_list(st, NULL, &r, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(r[0].action, "setup");
	ck_assert_str_eq(r[1].action, "unit-add");
	ck_assert_str_eq(r[1].object, "thon-dong-tam");
	ck_assert_str_eq(r[1].user, "chi-lan");
	ck_assert_uint_eq(strlen(r[1].installation), STORE_FPR_LEN);
	store_audit_free(r, n);
	/* Append-only, even for raw SQL. */
	ck_assert_int_ne(store_exec(st, "UPDATE audit SET user = 'x'", &cause), ERR_OK);
	free(cause);
	cause = NULL;
	ck_assert_int_ne(store_exec(st, "DELETE FROM audit", &cause), ERR_OK);
	free(cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit"), 2);
	store_close(st);
}
END_TEST

/* The roster in Vietnamese order, by a key that SQLite's own BINARY order
 * sorts right; search ignores accents and word order. */
START_TEST(test_unit_order)
{
	static const char *const scrambled[] = { "Ê Đê", "Dừa", "Én Bay", "An Xuân", "Đa Lộc",
	    "Ăn Thi", "Thôn 10", "Thôn 2", "Hòa Bình", "Hoà Lạc", "Thôn Đồng Tâm" };
	static const char *const sorted[] = { "An Xuân", "Ăn Thi", "Dừa", "Đa Lộc", "Én Bay",
	    "Ê Đê", "Hòa Bình", "Hoà Lạc", "Thôn 2", "Thôn 10", "Thôn Đồng Tâm" };
	struct store *st = make(0, 0);
	struct store_unit *u;
	char *cause = NULL;
	size_t n, i;
	sqlite3_stmt *q;

	ck_assert_int_eq(store_install_create(st, STORE_ROLE_OFFICE, "Ngọc Lặc", NULL, &cause),
	    ERR_OK);
	for (i = 0; i < sizeof scrambled / sizeof scrambled[0]; i++)
		ck_assert_int_eq(store_unit_add(st, NULL, "thon", scrambled[i], NULL, &cause),
		    ERR_OK);
	ck_assert_int_eq(store_unit_list(st, NULL, &u, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, sizeof sorted / sizeof sorted[0]);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(u[i].name, sorted[i]);
	store_unit_free(u, n);
	/* another tool, plain SQL: the same order */
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT name FROM units"
	    " ORDER BY name_key", -1, &q, NULL), SQLITE_OK);
	for (i = 0; sqlite3_step(q) == SQLITE_ROW; i++)
		ck_assert_str_eq((const char *)sqlite3_column_text(q, 0), sorted[i]);
	sqlite3_finalize(q);
	/* "hoa" finds Hòa and Hoà; "dong" finds Đồng; words in any order */
	ck_assert_int_eq(store_unit_list(st, "hoa", &u, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(u[0].name, "Hòa Bình");
	ck_assert_str_eq(u[1].name, "Hoà Lạc");
	store_unit_free(u, n);
	ck_assert_int_eq(store_unit_list(st, "dong", &u, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(u[0].name, "Thôn Đồng Tâm");
	store_unit_free(u, n);
	ck_assert_int_eq(store_unit_list(st, "tam đồng", &u, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 1);
	store_unit_free(u, n);
	ck_assert_int_eq(store_unit_list(st, "binh lac", &u, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 0);
	store_unit_free(u, n);
	store_close(st);
}
END_TEST

/* A disk that fills up after n writes, for every n until the write fits:
 * the call fails with ERR_FULL and a clear message, or succeeds; after
 * reopening, the database is sound and holds all or nothing of the change. */
START_TEST(test_disk_full)
{
	struct store *st = make(_i, 0);
	char *cause = NULL, *name;
	long n;
	int done = 0, added = 0;
	enum err e;

	ck_assert_int_eq(store_install_create(st, STORE_ROLE_OFFICE, "Ngọc Lặc", NULL, &cause),
	    ERR_OK);
	fill(st, 100);
	store_close(st);
	for (n = 0; !done && n < 200; n++) {
		st = reopen(PASS, ERR_OK, &cause);
		store_vfs_fail_after(store_keys_of(st), n);
		name = xasprintf("Thôn số %ld", n);
		e = store_unit_add(st, NULL, "thon", name, NULL, &cause);
		if (e == ERR_OK) {
			done = 1;
			added = 1;
		} else {
			ck_assert_int_eq(e, ERR_FULL);
			ck_assert_msg(strstr(cause, "ổ đĩa đã đầy") != NULL, "message: %s", cause);
		}
		free(cause);
		cause = NULL;
		store_close(st);
		free(name);
		st = reopen(PASS, ERR_OK, &cause);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM pragma_integrity_check"
		    " WHERE integrity_check = 'ok'"), 1);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM units"), added);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM audit WHERE action = 'unit-add'"),
		    added);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 100);
		store_close(st);
	}
	ck_assert_msg(done, "the write never fitted");
	ck_assert_int_gt(n, 1);
}
END_TEST

/* ---- transactions larger than the cache --------------------------------
 * The same workload runs on plain SQLite (the default VFS, a file beside the
 * store) and on the store; after every step both must hold the same rows. */

/* A hash of every row of t, in order. */
static void
content_hash(sqlite3 *db, unsigned char out[32])
{
	crypto_generichash_state h;
	sqlite3_stmt *q;
	int rc;

	crypto_generichash_init(&h, NULL, 0, 32);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT a, b FROM t ORDER BY a", -1, &q, NULL),
	    SQLITE_OK);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long long a = sqlite3_column_int64(q, 0);
		crypto_generichash_update(&h, (const unsigned char *)&a, sizeof a);
		crypto_generichash_update(&h, sqlite3_column_blob(q, 1),
		    (size_t)sqlite3_column_bytes(q, 1));
	}
	ck_assert_int_eq(rc, SQLITE_DONE);
	sqlite3_finalize(q);
	crypto_generichash_final(&h, out, 32);
}

static void
plain_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql, msg);
}

/* n rows with random keys in an index, so that pages written early in the
 * transaction are changed again after they had to leave the cache. */
static void
big_insert(sqlite3 *db, int n, unsigned seed)
{
	sqlite3_stmt *q;
	int i;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO t(b) VALUES (?)", -1, &q, NULL),
	    SQLITE_OK);
	for (i = 0; i < n; i++) {
		char b[80];
		unsigned x = seed + (unsigned)i * 2654435761u;
		snprintf(b, sizeof b, "%08x-%08x-hàng-%d-%040d", x, x ^ 0x5bd1e995u, i, i);
		sqlite3_bind_text(q, 1, b, -1, SQLITE_TRANSIENT);
		ck_assert_int_eq(sqlite3_step(q), SQLITE_DONE);
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
}

static void
assert_same(struct store *st, sqlite3 *ref, const char *when)
{
	unsigned char a[32], b[32];

	content_hash(store_sqlite(st), a);
	content_hash(ref, b);
	ck_assert_msg(memcmp(a, b, 32) == 0, "store and plain SQLite differ %s", when);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM pragma_integrity_check"
	    " WHERE integrity_check = 'ok'"), 1);
}

static sqlite3 *
plain_open(int rollback)
{
	char *p = xasprintf("%s/plain.db", dir);
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
	free(p);
	plain_exec(db, rollback ? "PRAGMA journal_mode=DELETE" : "PRAGMA journal_mode=WAL");
	return db;
}

/* _i: 0 WAL, 1 rollback journal. 120,000 rows with an index: about five
 * times the 8 MiB cache, in one transaction; then a spilled transaction
 * rolled back; then VACUUM of the half left after deleting. */
START_TEST(test_bigger_than_cache)
{
	struct store *st = make(_i, 0);
	sqlite3 *ref = plain_open(_i);
	const char *ddl = "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX tb ON t(b)";
	char *cause = NULL;

	exec_ok(st, ddl);
	plain_exec(ref, ddl);
	exec_ok(st, "BEGIN");
	plain_exec(ref, "BEGIN");
	big_insert(store_sqlite(st), 120000, 1);
	big_insert(ref, 120000, 1);
	exec_ok(st, "COMMIT");
	plain_exec(ref, "COMMIT");
	store_close(st);
	st = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 120000);
	assert_same(st, ref, "after a commit larger than the cache");

	/* A transaction that spilled, rolled back. */
	exec_ok(st, "BEGIN");
	big_insert(store_sqlite(st), 80000, 7);
	exec_ok(st, "UPDATE t SET b = b || 'x' WHERE a % 3 = 0");
	exec_ok(st, "ROLLBACK");
	assert_same(st, ref, "after rolling back a spilled transaction");
	store_close(st);
	st = reopen(PASS, ERR_OK, &cause);
	assert_same(st, ref, "after rolling back a spilled transaction and reopening");

	/* Free half the pages, then VACUUM. */
	exec_ok(st, "DELETE FROM t WHERE a % 2 = 0");
	plain_exec(ref, "DELETE FROM t WHERE a % 2 = 0");
	exec_ok(st, "VACUUM");
	plain_exec(ref, "VACUUM");
	exec_ok(st, "PRAGMA wal_checkpoint(TRUNCATE)");
	store_close(st);
	st = reopen(PASS, ERR_OK, &cause);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 60000);
	assert_same(st, ref, "after VACUUM");
	store_close(st);
	sqlite3_close(ref);
}
END_TEST

/* The page size is chosen at creation (store_options.page_size) and kept:
 * every power of two from 1 KiB to 64 KiB round-trips; anything else is a
 * bad argument that leaves no file. */
START_TEST(test_page_size)
{
	static const int bad[] = { 512, 3000, 131072, -4096 };
	struct store_options o = { .kdf = &STORE_KDF_TEST };
	struct store *st;
	char *cause = NULL;
	size_t i;
	int sz;

	for (sz = 1024; sz <= 65536; sz *= 2) {
		o.page_size = sz;
		o.rollback_journal = sz % 4096 == 0;
		ck_assert_msg(store_create(path, PASS, &o, &st, &cause) == ERR_OK, "%d: %s", sz,
		    cause);
		fill(st, 50);
		store_close(st);
		st = reopen(PASS, ERR_OK, &cause);
		ck_assert_int_eq(query_int(st, "PRAGMA page_size"), sz);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 50);
		/* VACUUM after asking for another size keeps this one: SQLite
		 * ignores the request in WAL mode; with a rollback journal the
		 * shim refuses the new page 1 (invariant 4), and the journal
		 * puts back every page. */
		exec_ok(st, "PRAGMA page_size=8192");
		if (o.rollback_journal && sz != 8192)
			ck_assert_int_ne(store_exec(st, "VACUUM", &cause), ERR_OK);
		else
			exec_ok(st, "VACUUM");
		free(cause);
		cause = NULL;
		store_close(st);
		st = reopen(PASS, ERR_OK, &cause);
		ck_assert_int_eq(query_int(st, "PRAGMA page_size"), sz);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 50);
		ck_assert_int_eq(query_int(st, "SELECT count(*) FROM pragma_integrity_check"
		    " WHERE integrity_check = 'ok'"), 1);
		store_close(st);
		unlink(path);
		test_rmdir(dir);
		ck_assert_int_eq(mkdir(dir, 0700), 0);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		o.page_size = bad[i];
		ck_assert_int_eq(store_create(path, PASS, &o, &st, &cause), ERR_INVALID);
		free(cause);
		cause = NULL;
		ck_assert_int_ne(access(path, F_OK), 0);
	}
}
END_TEST

/* ---- VACUUM INTO -------------------------------------------------------
 * _i: 0 WAL, 1 rollback journal. The copy is the same database under the
 * same key: it opens with the passphrase in force when it was made (after a
 * change, the new one), holds every row, and no plaintext. An existing file
 * is never overwritten. */
START_TEST(test_vacuum_into)
{
	struct store *st = make(_i, 0), *cp;
	char *copy = xasprintf("%s/copy.db", dir), *junk = xasprintf("%s/junk.db", dir);
	char *sql, *cause = NULL, *found;
	unsigned char *b, *b2;
	size_t n, n2;
	FILE *f;

	fill(st, 300);
	exec_ok(st, "DELETE FROM t WHERE i % 3 = 0");
	ck_assert_int_eq(store_rekey(st, "a new passphrase", &STORE_KDF_TEST, &cause), ERR_OK);
	sql = sqlite3_mprintf("VACUUM INTO %Q", copy);
	exec_ok(st, sql);

	b = test_slurp(copy, &n);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(memcmp(b, "BAOCAODB", 8), 0);
	ck_assert_uint_gt(n, STORE_HDR_SIZE + 20 * 4096);
	found = test_dir_contains(dir, "CANARY-7f3a9");
	ck_assert_msg(found == NULL, "plaintext found in %s", found);

	/* Never over an existing file: the copy is left as it was. */
	ck_assert_int_ne(store_exec(st, sql, &cause), ERR_OK);
	free(cause);
	cause = NULL;
	b2 = test_slurp(copy, &n2);
	ck_assert(n2 == n && memcmp(b, b2, n) == 0);
	free(b2);
	/* Nor over another file, nor a short one, which stay as they were. */
	f = fopen(junk, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("BAOCAO", f);
	fclose(f);
	sqlite3_free(sql);
	sql = sqlite3_mprintf("VACUUM INTO %Q", junk);
	/* Said as an I/O error on the output, not as damage to the database. */
	ck_assert_int_eq(store_exec(st, sql, &cause), ERR_IO);
	ck_assert_msg(strstr(cause, "junk.db") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	b2 = test_slurp(junk, &n2);
	ck_assert(n2 == 6 && memcmp(b2, "BAOCAO", 6) == 0);
	free(b2);
	ck_assert_int_eq(query_int(st, "SELECT count(*) FROM t"), 200);
	store_close(st);

	ck_assert_int_eq(store_open(copy, PASS, &cp, &cause), ERR_WRONGPASS);
	free(cause);
	cause = NULL;
	ck_assert_msg(store_open(copy, "a new passphrase", &cp, &cause) == ERR_OK, "%s", cause);
	ck_assert_int_eq(query_int(cp, "SELECT count(*) FROM t"), 200);
	ck_assert_int_eq(query_int(cp, "SELECT count(*) FROM t WHERE s LIKE 'CANARY%' "
	    "AND i % 3 != 0"), 200);
	ck_assert_int_eq(query_int(cp, "SELECT count(*) FROM pragma_integrity_check"
	    " WHERE integrity_check = 'ok'"), 1);
	ck_assert_int_eq(query_int(cp, "SELECT count(*) FROM audit WHERE action = 'passphrase'"), 1);
	/* The copy is a database like any other: it takes writes. */
	exec_ok(cp, "INSERT INTO t(s) VALUES ('after the copy')");
	store_close(cp);
	ck_assert_msg(store_open(copy, "a new passphrase", &cp, &cause) == ERR_OK, "%s", cause);
	ck_assert_int_eq(query_int(cp, "SELECT count(*) FROM t"), 201);
	store_close(cp);
	free(b);
	sqlite3_free(sql);
	free(copy);
	free(junk);
}
END_TEST

Suite *
store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);	/* a hang, not a speed test: the machine may be loaded */
	/* _i: 0 WAL, 1 rollback journal */
	tcase_add_loop_test(tc, test_round_trip, 0, 2);
	tcase_add_loop_test(tc, test_no_plaintext, 0, 2);
	tcase_add_test(tc, test_every_byte_flip);
	tcase_add_test(tc, test_tamper_message);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_header_flip);
	tcase_add_test(tc, test_wrong_passphrase);
	tcase_add_test(tc, test_rekey);
	tcase_add_test(tc, test_nested);
	tcase_add_test(tc, test_rekey_interrupted);
	tcase_add_test(tc, test_not_ours);
	tcase_add_test(tc, test_migrations);
	tcase_add_test(tc, test_audit);
	tcase_add_test(tc, test_received_at);
	tcase_add_test(tc, test_office_plans);
	tcase_add_test(tc, test_kept_counts);
	tcase_add_test(tc, test_forms_kept);
	tcase_add_test(tc, test_unit_order);
	tcase_add_loop_test(tc, test_disk_full, 0, 2);
	tcase_add_loop_test(tc, test_bigger_than_cache, 0, 2);
	tcase_add_loop_test(tc, test_vacuum_into, 0, 2);
	tcase_add_test(tc, test_page_size);
	suite_add_tcase(s, tc);
	return s;
}

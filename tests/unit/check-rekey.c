/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-rekey.c: re-encrypting the store under a new master key
 * (store_reencrypt, `baocao passwd --rekey`) and what a page rolled back to
 * an older copy of itself does (storage/FORMAT.md, "Rollback").
 *
 * After a re-encryption: the content is the same row for row, the old
 * passphrase is refused, and the old key -- the old header with its master
 * key, or the old master key under the new uuid -- opens no page of the new
 * file (every page is read through the shim's xRead). Another connection
 * open makes it fail with ERR_BUSY and changes nothing; a connection that
 * slept through it (rollback-journal mode) is told the file was replaced
 * before it writes. A process killed at random moments during re-encryptions
 * leaves a database that the old or the new passphrase opens, whole.
 */
#include "tests.h"
#include "../../core/mem.h"
#include "../../storage/store-int.h"
#include "../../storage/store-audit.h"
#include "../../storage/store-mem.h"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PASS_A "rekey test passphrase A"
#define PASS_B "rekey test passphrase B"
#define ROWS 3000

static char *dir, *path;

static void
setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	dir = test_tmpdir();
	path = xasprintf("%s/rekey.db", dir);
}

static void
teardown(void)
{
	test_rmdir(dir);
	free(dir);
	free(path);
}

/* A database with a table of ROWS rows of random-looking text, so that it
 * spans a few hundred pages (and overflow pages). */
static struct store *
make_db(const char *pass, int rollback)
{
	struct store_options o = { .kdf = &STORE_KDF_TEST, .rollback_journal = rollback };
	struct store *st;
	char *cause = NULL;

	ck_assert_int_eq(store_create(path, pass, &o, &st, &cause), ERR_OK);
	ck_assert_int_eq(store_exec(st, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
	    "INSERT INTO t SELECT i, hex(randomblob(20 + i % 300)) FROM n;", &cause), ERR_OK);
	ck_assert_int_eq(store_audit(st, "test", "t", "3000 rows", &cause), ERR_OK);
	return st;
}

/* A digest of the schema and of every row of every table, the audit log
 * without its passphrase rows (the re-encryption adds one); *audit counts
 * the audit rows digested. sqlite_sequence is left out: the audit row bumps
 * it. */
static void
digest(struct store *st, unsigned char out[32], long long *audit)
{
	crypto_generichash_state h;
	sqlite3_stmt *tables, *q;
	char *sql;
	int c;

	crypto_generichash_init(&h, NULL, 0, 32);
	*audit = 0;
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT name, sql FROM "
	    "sqlite_schema ORDER BY name", -1, &tables, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		const char *def = (const char *)sqlite3_column_text(tables, 1);
		crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
		/* sqlite_sequence and kept_counts (the audit log's length)
		 * count the audit row added too. */
		if (def == NULL || strncmp(def, "CREATE TABLE", 12) != 0 ||
		    strcmp(name, "sqlite_sequence") == 0 || strcmp(name, "kept_counts") == 0)
			continue;
		crypto_generichash_update(&h, (const unsigned char *)def, strlen(def) + 1);
		sql = strcmp(name, "audit") == 0 ?
		    xstrdup("SELECT * FROM audit WHERE action <> 'passphrase' ORDER BY rowid") :
		    strstr(def, "WITHOUT ROWID") != NULL ?	/* read in key order */
		    xasprintf("SELECT * FROM \"%s\"", name) :
		    xasprintf("SELECT * FROM \"%s\" ORDER BY rowid", name);
		ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), sql, -1, &q, NULL), SQLITE_OK);
		while (sqlite3_step(q) == SQLITE_ROW) {
			if (strcmp(name, "audit") == 0)
				(*audit)++;
			for (c = 0; c < sqlite3_column_count(q); c++) {
				const unsigned char *v = sqlite3_column_blob(q, c);
				int n = sqlite3_column_bytes(q, c);
				crypto_generichash_update(&h, (const unsigned char *)&n, sizeof n);
				if (n > 0)
					crypto_generichash_update(&h, v, (size_t)n);
			}
		}
		sqlite3_finalize(q);
		free(sql);
	}
	sqlite3_finalize(tables);
	ck_assert_int_gt(*audit, 0);
	crypto_generichash_final(&h, out, 32);
}

static long long
one(struct store *st, const char *sql)
{
	sqlite3_stmt *q;
	long long v = -1;

	if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static void
copy_file(const char *from, const char *to)
{
	size_t n;
	unsigned char *b = test_slurp(from, &n);
	FILE *f = fopen(to, "wb");

	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	free(b);
}

static void
read_header(const char *file, struct store_header *h)
{
	size_t n;
	unsigned char *b = test_slurp(file, &n);

	ck_assert_ptr_nonnull(b);
	ck_assert_uint_ge(n, sizeof h->raw);
	memcpy(h->raw, b, sizeof h->raw);
	free(b);
}

/* Read every page of `file` through the shim with keys (uuid, master),
 * calling its xOpen and xRead directly (SQLite would stop at page 1):
 * returns how many pages open (SQLITE_OK); *pages is the number of pages. */
static int
pages_that_open(const char *file, const unsigned char *uuid, const unsigned char *master,
    int *pages)
{
	struct store_keys *k = store_keys_new(uuid, master);
	sqlite3_vfs *vfs;
	sqlite3_file *f;
	sqlite3_int64 size;
	unsigned char buf[4096];
	int i, ok = 0, out;

	ck_assert_ptr_nonnull(k);
	vfs = sqlite3_vfs_find(store_vfs_register(k));
	ck_assert_ptr_nonnull(vfs);
	f = xcalloc(1, (size_t)vfs->szOsFile);
	ck_assert_int_eq(vfs->xOpen(vfs, file, f, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY,
	    &out), SQLITE_OK);
	ck_assert_int_eq(f->pMethods->xFileSize(f, &size), SQLITE_OK);
	*pages = (int)(size / 4096);
	ck_assert_int_gt(*pages, 50);
	for (i = 0; i < *pages; i++)
		if (f->pMethods->xRead(f, buf, 4096, (sqlite3_int64)i * 4096) == SQLITE_OK)
			ok++;
	f->pMethods->xClose(f);
	free(f);
	store_keys_free(k);
	return ok;
}

static int
stray_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".rekey-") != NULL)
			n++;
	closedir(d);
	return n;
}

static void
reencrypt_checks(int rollback)
{
	struct store *st = make_db(PASS_A, rollback);
	struct store_header oldh, newh;
	unsigned char before[32], after[32], *oldmaster = sodium_malloc(STORE_KEY_BYTES);
	unsigned char *newmaster = sodium_malloc(STORE_KEY_BYTES);
	char *cause = NULL, *oldcopy = xasprintf("%s/old.db", dir);
	char *spliced = xasprintf("%s/spliced.db", dir);
	long long na, nb;
	int pages, opened;

	digest(st, before, &na);
	store_close(st);
	copy_file(path, oldcopy); /* the copy that leaked with the passphrase */
	{
		/* What a killed re-encryption leaves is cleared by the next;
		 * a file that only looks like it is left alone. */
		char *stale = xasprintf("%s.rekey-Ab3xYz", path);
		char *other = xasprintf("%s.rekey-Ab3xYz.keep", path);
		copy_file(path, stale);
		copy_file(path, other);
		free(stale);
		free(other);
	}
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_OK);
	ck_assert_int_eq(store_reencrypt(st, PASS_B, &STORE_KDF_TEST, &cause), ERR_OK);
	/* st now reads and writes the new file. */
	ck_assert_int_eq(one(st, "SELECT count(*) FROM t"), ROWS);
	ck_assert_int_eq(store_exec(st, "UPDATE t SET v = v WHERE id = 1", &cause), ERR_OK);
	store_close(st);
	ck_assert_int_eq(stray_files(), 1); /* the .keep one */
	{
		char *other = xasprintf("%s.rekey-Ab3xYz.keep", path);
		ck_assert_int_eq(unlink(other), 0);
		free(other);
	}
	{
		/* Nothing of the old database is left beside the new one. */
		char *j = xasprintf("%s-journal", path), *w = xasprintf("%s-wal", path);
		ck_assert_msg(access(j, F_OK) != 0, "%s left behind", j);
		ck_assert_msg(access(w, F_OK) != 0, "%s left behind", w);
		free(j);
		free(w);
	}

	/* The old passphrase is refused; the new one sees the same content,
	 * plus the audit row of the change, in the same journal mode. */
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_WRONGPASS);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(store_open(path, PASS_B, &st, &cause), ERR_OK);
	digest(st, after, &nb);
	ck_assert_int_eq(nb, na);
	ck_assert_mem_eq(after, before, 32);
	ck_assert_int_eq(one(st, "SELECT count(*) FROM audit WHERE action = 'passphrase' AND "
	    "detail = 're-encrypted'"), 1);
	ck_assert_int_eq(one(st, "PRAGMA integrity_check = 1") == -1, 0);
	ck_assert_int_eq(one(st, "SELECT count(*) FROM pragma_journal_mode WHERE "
	    "journal_mode = 'wal'"), rollback ? 0 : 1);
	store_close(st);

	/* The keys. */
	read_header(oldcopy, &oldh);
	read_header(path, &newh);
	ck_assert_int_eq(store_header_unlock(&oldh, PASS_A, oldmaster), 0);
	ck_assert_int_eq(store_header_unlock(&newh, PASS_B, newmaster), 0);
	ck_assert_mem_ne(oldmaster, newmaster, STORE_KEY_BYTES);
	ck_assert_mem_ne(store_header_uuid(&oldh), store_header_uuid(&newh), STORE_UUID_BYTES);
	/* Controls: each key opens every page of its own file. */
	opened = pages_that_open(oldcopy, store_header_uuid(&oldh), oldmaster, &pages);
	ck_assert_int_eq(opened, pages);
	opened = pages_that_open(path, store_header_uuid(&newh), newmaster, &pages);
	ck_assert_int_eq(opened, pages);
	/* The old header spliced onto the new file: the old passphrase opens
	 * the header, and not one page. */
	copy_file(path, spliced);
	{
		int fd = open(spliced, O_WRONLY);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(pwrite(fd, oldh.raw, sizeof oldh.raw, 0), (ssize_t)sizeof oldh.raw);
		close(fd);
	}
	ck_assert_int_eq(store_open(spliced, PASS_A, &st, &cause), ERR_CORRUPT);
	free(cause);
	cause = NULL;
	opened = pages_that_open(spliced, store_header_uuid(&oldh), oldmaster, &pages);
	ck_assert_int_eq(opened, 0);
	/* Nor the old master key with the new file's own uuid. */
	opened = pages_that_open(path, store_header_uuid(&newh), oldmaster, &pages);
	ck_assert_int_eq(opened, 0);

	sodium_free(oldmaster);
	sodium_free(newmaster);
	free(oldcopy);
	free(spliced);
}

START_TEST(test_reencrypt_wal)
{
	reencrypt_checks(0);
}
END_TEST

START_TEST(test_reencrypt_rollback)
{
	reencrypt_checks(1);
}
END_TEST

/* Another connection open: refused (busy), nothing changed, both go on. */
START_TEST(test_reencrypt_busy)
{
	struct store *st = make_db(PASS_A, 0), *other;
	unsigned char before[32], after[32];
	char *cause = NULL;
	long long n;

	digest(st, before, &n);
	ck_assert_int_eq(store_open(path, PASS_A, &other, &cause), ERR_OK);
	ck_assert_int_eq(store_reencrypt(st, PASS_B, &STORE_KDF_TEST, &cause), ERR_BUSY);
	ck_assert_ptr_nonnull(strstr(cause, "rekey.db"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(stray_files(), 0);
	ck_assert_int_eq(store_audit(other, "test", "x", NULL, &cause), ERR_OK);
	ck_assert_int_eq(store_audit(st, "test", "y", NULL, &cause), ERR_OK);
	store_close(other);
	ck_assert_int_eq(one(st, "SELECT count(*) FROM pragma_journal_mode WHERE "
	    "journal_mode = 'wal'"), 1);
	store_close(st);
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_OK);
	digest(st, after, &n);
	store_close(st);
	ck_assert_int_eq(store_open(path, PASS_B, &st, &cause), ERR_WRONGPASS);
	free(cause);
}
END_TEST

/* A rollback-journal connection idle during another's re-encryption holds
 * no lock; its next write transaction is refused, never lost in the old
 * file. */
START_TEST(test_reencrypt_replaced_under)
{
	struct store *st = make_db(PASS_A, 1), *idle;
	char *cause = NULL;

	ck_assert_int_eq(store_open(path, PASS_A, &idle, &cause), ERR_OK);
	ck_assert_int_eq(store_reencrypt(st, PASS_B, &STORE_KDF_TEST, &cause), ERR_OK);
	ck_assert_int_eq(store_begin(idle, &cause), ERR_BUSY);
	ck_assert_ptr_nonnull(strstr(cause, "rekey.db"));
	free(cause);
	cause = NULL;
	store_close(idle);
	store_close(st);
}
END_TEST

static long long
drain(int fd, long long last)
{
	long long v;

	while (read(fd, &v, sizeof v) == sizeof v)
		last = v;
	return last;
}

/* Killed at random moments during re-encryptions: the old or the new
 * passphrase opens the database, never neither, and it is whole. */
START_TEST(test_reencrypt_crash)
{
	struct store *st = make_db(PASS_A, 0);
	unsigned char want[32], got[32];
	char *cause = NULL;
	long long n, parity = 0, changes = 0;
	int i, p[2], status, a, b;
	pid_t pid;

	digest(st, want, &n);
	store_close(st);
	for (i = 0; i < 30; i++) {
		ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			long long k = parity;
			close(p[0]);
			if (store_open(path, k % 2 ? PASS_B : PASS_A, &st, &cause) != ERR_OK)
				_exit(3);
			for (;;) {
				if (store_reencrypt(st, k % 2 ? PASS_A : PASS_B, &STORE_KDF_TEST,
				    &cause) != ERR_OK)
					_exit(4);
				k++;
				if (write(p[1], &k, sizeof k) != sizeof k)
					_exit(5);
			}
		}
		close(p[1]);
		/* One re-encryption takes 0.1-0.2 s here, most of it in fsync. */
		usleep((useconds_t)(rand() % 400000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		ck_assert_msg(WIFSIGNALED(status), "re-encrypting child exited by itself (%d)",
		    WEXITSTATUS(status));
		changes += drain(p[0], parity) - parity;
		close(p[0]);
		st = NULL;
		a = store_open(path, PASS_A, &st, &cause) == ERR_OK;
		if (!a) {
			free(cause);
			cause = NULL;
			b = store_open(path, PASS_B, &st, &cause) == ERR_OK;
		} else
			b = 0;
		ck_assert_msg(a || b, "neither passphrase opens the database after kill %d: %s",
		    i, cause ? cause : "");
		digest(st, got, &n);
		ck_assert_msg(memcmp(got, want, 32) == 0, "content changed after kill %d", i);
		store_close(st);
		parity = a ? 0 : 1;
		/* A killed run may leave its copy (and its journal); the next
		 * run clears it, so they never pile up. */
		ck_assert_int_le(stray_files(), 2);
	}
	ck_assert_msg(changes > 0, "no re-encryption completed before the kills");
}
END_TEST

/* storage/FORMAT.md, "Rollback": a page replaced by an older copy of
 * itself (same page number, same database, same key) authenticates, and so
 * does a whole file replaced by an older copy. This test pins that
 * documented limit: if the store ever detects it, the test and FORMAT.md
 * change together. What is detected -- a page moved to another page number
 * -- is checked alongside. */
START_TEST(test_page_rollback)
{
	struct store_options o = { .kdf = &STORE_KDF_TEST, .rollback_journal = 1 };
	struct store *st;
	char *cause = NULL, *snap = xasprintf("%s/snapshot.db", dir);
	unsigned char *old, *cur;
	size_t oldn, curn;
	long long root;
	sqlite3_stmt *q;
	int fd;

	ck_assert_int_eq(store_create(path, PASS_A, &o, &st, &cause), ERR_OK);
	ck_assert_int_eq(store_exec(st, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
	    "INSERT INTO t VALUES (1, 'approved: 120 households');", &cause), ERR_OK);
	root = one(st, "SELECT rootpage FROM sqlite_schema WHERE name = 't'");
	ck_assert_int_gt(root, 1);
	store_close(st);
	copy_file(path, snap);
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_OK);
	ck_assert_int_eq(store_exec(st, "UPDATE t SET v = 'returned: 999 households' "
	    "WHERE id = 1", &cause), ERR_OK);
	store_close(st);

	/* The table's one page, put back as it was before the update. */
	old = test_slurp(snap, &oldn);
	cur = test_slurp(path, &curn);
	ck_assert_ptr_nonnull(old);
	ck_assert_ptr_nonnull(cur);
	ck_assert_mem_ne(old + 4096 + (root - 1) * 4096, cur + 4096 + (root - 1) * 4096, 4096);
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, old + 4096 + (root - 1) * 4096, 4096,
	    4096 + (root - 1) * 4096), 4096);
	close(fd);
	/* Accepted: the old value reads back, and SQLite sees nothing wrong. */
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT v FROM t WHERE id = 1",
	    -1, &q, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(q, 0), "approved: 120 households");
	sqlite3_finalize(q);
	store_close(st);

	/* The same page put at another page number (page 2) is refused. */
	ck_assert_int_ne(root, 2);
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, old + 4096 + (root - 1) * 4096, 4096, 4096 + 4096), 4096);
	close(fd);
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_OK);
	ck_assert_int_eq(sqlite3_exec(store_sqlite(st), "PRAGMA integrity_check", NULL, NULL,
	    NULL), SQLITE_IOERR_DATA);
	store_close(st);

	/* The whole file replaced by the older copy: accepted too. */
	copy_file(snap, path);
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_OK);
	ck_assert_int_eq(one(st, "SELECT count(*) FROM t WHERE v LIKE 'approved%'"), 1);
	store_close(st);
	free(old);
	free(cur);
	free(snap);
}
END_TEST

/* Does `needle` appear in the process's writable anonymous memory (heap,
 * anonymous maps)? Read through /proc/self/mem, so that freed memory is
 * read as bytes, not through pointers the sanitizers watch; the map list is
 * read first and each region copied into a fresh mmap, so that the search
 * allocates nothing from the heap it searches. */
static int
in_memory(const unsigned char *needle, size_t n)
{
	static char maps[1 << 16];
	unsigned long a[256], b[256];
	char *line, *save = NULL, perms[8], file[256];
	ssize_t got, len = 0;
	unsigned char *buf;
	int fd, found = 0, k = 0, i;

	fd = open("/proc/self/maps", O_RDONLY);
	ck_assert_int_ge(fd, 0);
	while (len < (ssize_t)sizeof maps - 1 &&
	    (got = read(fd, maps + len, sizeof maps - 1 - (size_t)len)) > 0)
		len += got;
	close(fd);
	maps[len] = '\0';
	for (line = strtok_r(maps, "\n", &save); line != NULL && k < 256;
	    line = strtok_r(NULL, "\n", &save)) {
		file[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &a[k], &b[k], perms, file) < 3)
			continue;
		if (perms[0] == 'r' && perms[1] == 'w' && (file[0] == '\0' ||
		    strcmp(file, "[heap]") == 0) && b[k] - a[k] <= ((size_t)1 << 30))
			k++;
	}
	fd = open("/proc/self/mem", O_RDONLY);
	ck_assert_int_ge(fd, 0);
	for (i = 0; i < k && !found; i++) {
		size_t sz = b[i] - a[i];
		buf = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ck_assert_ptr_ne(buf, MAP_FAILED);
		if (pread(fd, buf, sz, (off_t)a[i]) == (ssize_t)sz)
			found = memmem(buf, sz, needle, n) != NULL;
		munmap(buf, sz);
	}
	close(fd);
	return found;
}

/* After a database is closed, nothing it decrypted is left in the heap:
 * SQLite's memory is wiped as it is freed (storage/store-mem.c). The
 * secret goes in and out through a bound parameter and a copy that is
 * wiped by hand, so the only plaintext copies are SQLite's. With SQLite's
 * own allocator (the control) the secret is still found. */
static int
secret_left_after_close(int wiping)
{
	struct store *st;
	char *cause = NULL, hex[65];
	unsigned char raw[32];
	sqlite3_stmt *q;
	int found, i;

	ck_assert_int_eq(store_mem_switch(wiping), 0);
	/* Freed memory stays in the heap (as it would in a long-running
	 * process): glibc neither trims the heap nor unmaps big blocks. */
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	/* The secret lives on the stack (never searched) and reaches SQLite
	 * only through copies it makes itself (SQLITE_TRANSIENT). */
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	st = make_db(PASS_A, 0);
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "INSERT INTO t(v) VALUES (?1)",
	    -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_text(q, 1, hex, 64, SQLITE_TRANSIENT);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	store_close(st);
	ck_assert_int_eq(store_open(path, PASS_A, &st, &cause), ERR_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(store_sqlite(st), "SELECT count(*) FROM t WHERE "
	    "v = ?1", -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_text(q, 1, hex, 64, SQLITE_TRANSIENT);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(q, 0), 1);
	sqlite3_finalize(q);
	/* Open, the decrypted page holds it (this proves the search works). */
	ck_assert_msg(in_memory((unsigned char *)hex, 64), "the open database's secret is "
	    "not found in memory (the search is blind)");
	store_close(st);
	found = in_memory((unsigned char *)hex, 64);
	for (i = 0; i < 65; i++)
		hex[i] = 0;
	sodium_memzero(raw, sizeof raw);
	return found;
}

START_TEST(test_memory_wiped)
{
	struct store_mem_stats s;
	int with, without;

	without = secret_left_after_close(0);
	test_rmdir(dir);
	free(dir);
	free(path);
	setup();
	with = secret_left_after_close(1);
	s = store_mem_stats();
	ck_assert_int_eq(s.installed, 1);
	ck_assert_uint_gt(s.wiped, 0);
	/* Locked, or refused by RLIMIT_MEMLOCK: either way it was tried. */
	ck_assert_uint_gt(s.locked + s.lock_failures, 0);
	/* A locked block freed is kept, wiped, for the next of its size (no
	 * mlock call then); the search above saw the kept ones too. */
	if (s.locked > 0)
		ck_assert_uint_gt(s.reused, 0);
	ck_assert_msg(without, "control: SQLite's own allocator left no trace (the search is "
	    "blind)");
	ck_assert_msg(!with, "a decrypted value is still in freed memory after closing");
}
END_TEST

Suite *
rekey_suite(void)
{
	Suite *s = suite_create("rekey");
	TCase *tc = tcase_create("rekey");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_reencrypt_wal);
	tcase_add_test(tc, test_reencrypt_rollback);
	tcase_add_test(tc, test_reencrypt_busy);
	tcase_add_test(tc, test_reencrypt_replaced_under);
	tcase_add_test(tc, test_reencrypt_crash);
	tcase_add_test(tc, test_page_rollback);
	tcase_add_test(tc, test_memory_wiped);
	suite_add_tcase(s, tc);
	return s;
}

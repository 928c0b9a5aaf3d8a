/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-crash.c: crash consistency of the encrypted store.
 *
 * A child process writes numbered transactions (each several rows plus a
 * counter) and reports every commit through a pipe; the parent kills it with
 * SIGKILL at a random moment, then opens the database and checks that it
 * passes PRAGMA integrity_check and holds exactly the transactions 1..k,
 * whole, with k the last reported commit or the one after it (which may have
 * committed just before the kill). 200 kills in WAL mode (with frequent
 * checkpoints, so some kills land in one) and 200 in rollback-journal mode;
 * then kills during passphrase changes.
 */
#include "tests.h"
#include "../../core/mem.h"
#include "../../storage/store.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PASS_A "crash test passphrase A"
#define PASS_B "crash test passphrase B"
#define ROWS 5

static char *dir, *path;

static void
setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	dir = test_tmpdir();
	path = xasprintf("%s/crash.db", dir);
}

static void
teardown(void)
{
	test_rmdir(dir);
	free(dir);
	free(path);
}

static long long
one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* The child: write transactions from `next` on until killed. */
static void __attribute__((noreturn))
writer(int fd, long long next, unsigned seed)
{
	struct store *st;
	char *cause = NULL, sql[256];
	sqlite3 *db;
	int j;

	if (store_open(path, PASS_A, &st, &cause) != ERR_OK)
		_exit(3);
	db = store_sqlite(st);
	sqlite3_exec(db, "PRAGMA wal_autocheckpoint=16", NULL, NULL, NULL);
	srand(seed);
	for (;; next++) {
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(4);
		for (j = 0; j < ROWS; j++) {
			snprintf(sql, sizeof sql, "INSERT INTO t(n, j, pad) VALUES (%lld, %d,"
			    " randomblob(%d))", next, j, 50 + rand() % 900);
			if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
				_exit(5);
		}
		snprintf(sql, sizeof sql, "UPDATE counter SET v = %lld", next);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			_exit(6);
		if (write(fd, &next, sizeof next) != sizeof next)
			_exit(7);
	}
}

/* Open after a crash and check the prefix property; returns k. */
static long long
verify(long long acked)
{
	struct store *st = NULL;
	char *cause = NULL;
	sqlite3 *db;
	long long k, rows, distinct, lo;

	ck_assert_msg(store_open(path, PASS_A, &st, &cause) == ERR_OK, "reopen: %s", cause);
	db = store_sqlite(st);
	ck_assert_int_eq(one(db, "SELECT count(*) FROM pragma_integrity_check"
	    " WHERE integrity_check = 'ok'"), 1);
	k = one(db, "SELECT v FROM counter");
	rows = one(db, "SELECT count(*) FROM t");
	distinct = one(db, "SELECT count(DISTINCT n) FROM t");
	lo = one(db, "SELECT coalesce(min(n), 1) FROM t");
	ck_assert_msg(k == acked || k == acked + 1, "counter %lld, last acknowledged %lld", k, acked);
	ck_assert_msg(rows == k * ROWS && distinct == k && lo == 1 &&
	    one(db, "SELECT coalesce(max(n), 0) FROM t") == k,
	    "not a prefix: counter %lld, %lld rows, %lld transactions", k, rows, distinct);
	store_close(st);
	return k;
}

static long long
drain(int fd, long long acked)
{
	long long v;

	while (read(fd, &v, sizeof v) == sizeof v)
		acked = v;
	return acked;
}

static void
crash_loop(int rollback, int kills)
{
	struct store_options o = { .kdf = &STORE_KDF_TEST, .rollback_journal = rollback };
	struct store *st;
	char *cause = NULL;
	long long acked = 0;
	int i, p[2], status;
	pid_t pid;

	ck_assert_int_eq(store_create(path, PASS_A, &o, &st, &cause), ERR_OK);
	ck_assert_int_eq(store_exec(st, "CREATE TABLE t(n INTEGER, j INTEGER, pad BLOB);"
	    "CREATE TABLE counter(v INTEGER); INSERT INTO counter VALUES (0)", &cause), ERR_OK);
	store_close(st);
	srand((unsigned)time(NULL));
	for (i = 0; i < kills; i++) {
		ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			close(p[0]);
			writer(p[1], acked + 1, (unsigned)rand());
		}
		close(p[1]);
		/* Every other kill first waits for a commit (up to 10 s): on a
		 * loaded machine opening alone can take the 40 ms, and the test
		 * must still prove that commits survive, not only opens. */
		if (i % 2 == 1) {
			struct pollfd pf = { p[0], POLLIN, 0 };
			long long v;
			if (poll(&pf, 1, 10000) == 1 && read(p[0], &v, sizeof v) == sizeof v)
				acked = v;
		}
		/* Die somewhere in the next 40 ms: during open, writes, commits,
		 * checkpoints. */
		usleep((useconds_t)(rand() % 40000));
		kill(pid, SIGKILL);
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFSIGNALED(status), "writer exited by itself (%d) on kill %d",
		    WEXITSTATUS(status), i);
		acked = drain(p[0], acked);
		close(p[0]);
		acked = verify(acked);
	}
	ck_assert_msg(acked > kills / 4, "too few transactions committed (%lld)", acked);
}

START_TEST(test_crash_wal)
{
	crash_loop(0, 200);
}
END_TEST

START_TEST(test_crash_rollback)
{
	crash_loop(1, 200);
}
END_TEST

/* Killed in the middle of a passphrase change: one of the two passphrases
 * opens the database, and it is the one acknowledged or the next. */
START_TEST(test_crash_rekey)
{
	struct store_options o = { .kdf = &STORE_KDF_TEST };
	struct store *st;
	char *cause = NULL;
	long long acked = 0, v;
	int i, p[2], status, a, b;

	pid_t pid;

	ck_assert_int_eq(store_create(path, PASS_A, &o, &st, &cause), ERR_OK);
	store_close(st);
	for (i = 0; i < 60; i++) {
		ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			long long n = acked;
			close(p[0]);
			if (store_open(path, n % 2 ? PASS_B : PASS_A, &st, &cause) != ERR_OK)
				_exit(3);
			for (;;) {
				if (store_rekey(st, n % 2 ? PASS_A : PASS_B, &STORE_KDF_TEST, &cause) !=
				    ERR_OK)
					_exit(4);
				n++;
				if (write(p[1], &n, sizeof n) != sizeof n)
					_exit(5);
			}
		}
		close(p[1]);
		usleep((useconds_t)(rand() % 20000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		ck_assert(WIFSIGNALED(status));
		v = drain(p[0], acked);
		close(p[0]);
		st = NULL;
		a = store_open(path, PASS_A, &st, &cause) == ERR_OK;
		store_close(st);
		free(cause);
		cause = NULL;
		st = NULL;
		b = store_open(path, PASS_B, &st, &cause) == ERR_OK;
		store_close(st);
		free(cause);
		cause = NULL;
		/* Never locked out: the old or the new passphrase opens it (both, if
		 * the kill fell between writing the new slot and clearing the old). */
		ck_assert_msg(a || b, "neither passphrase opens the database after kill %d "
		    "(%lld changes acknowledged)", i, v);
		/* Only the parity matters to the next writer: even opens with A. */
		acked = a ? 0 : 1;
	}
}
END_TEST

Suite *
crash_suite(void)
{
	Suite *s = suite_create("crash");
	TCase *tc = tcase_create("crash");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_crash_wal);
	tcase_add_test(tc, test_crash_rollback);
	tcase_add_test(tc, test_crash_rekey);
	suite_add_tcase(s, tc);
	return s;
}

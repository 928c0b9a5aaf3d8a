/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dumpdb.c: the fault tests' view of a store. Opens a database the way
 * baocao does (passphrase from BAOCAO_PASSPHRASE), runs PRAGMA
 * integrity_check, and prints every table's rows in a fixed order, so that
 * two dumps are equal exactly when the stores hold the same data.
 *
 *   dumpdb DB            every row of every table, values quoted
 *   dumpdb --shape DB    one line per table: its name and row count (for a
 *                        store whose keys and ids are random, e.g. setup)
 *
 * Exit: 0 and the dump; 3 wrong passphrase; 4 integrity_check not ok (its
 * first line printed); 1 any other failure to open or read.
 */
#include "../../storage/store.h"
#include "../../core/err.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
print_value(sqlite3_stmt *q, int i)
{
	const unsigned char *b;
	int n;

	switch (sqlite3_column_type(q, i)) {
	case SQLITE_NULL:
		fputs("NULL", stdout);
		break;
	case SQLITE_INTEGER:
		printf("%lld", (long long)sqlite3_column_int64(q, i));
		break;
	case SQLITE_FLOAT:
		printf("%.17g", sqlite3_column_double(q, i));
		break;
	case SQLITE_BLOB:
		b = sqlite3_column_blob(q, i);
		n = sqlite3_column_bytes(q, i);
		fputs("x'", stdout);
		for (int k = 0; k < n; k++)
			printf("%02x", b[k]);
		putchar('\'');
		break;
	default:
		printf("'%s'", (const char *)sqlite3_column_text(q, i));
	}
}

int
main(int argc, char **argv)
{
	const char *pass = getenv("BAOCAO_PASSPHRASE"), *path;
	int shape = argc == 3 && strcmp(argv[1], "--shape") == 0;
	struct store *st;
	sqlite3_stmt *t, *q;
	sqlite3 *db;
	char *cause = NULL, *sql;
	enum err e;
	int rc = 0;

	if (argc != 2 + shape || pass == NULL) {
		fprintf(stderr, "usage: BAOCAO_PASSPHRASE=P dumpdb [--shape] DB\n");
		return 2;
	}
	path = argv[1 + shape];
	err_lang = 1;
	if ((e = store_open(path, pass, &st, &cause)) != ERR_OK) {
		fprintf(stderr, "dumpdb: %s\n", cause);
		return err_exit_status(e);
	}
	db = store_sqlite(st);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(q, 0),
	    "ok") != 0) {
		fprintf(stderr, "dumpdb: integrity_check: %s\n", sqlite3_errmsg(db));
		sqlite3_finalize(q);
		store_close(st);
		return 4;
	}
	sqlite3_finalize(q);
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type='table' AND "
	    "name NOT LIKE 'sqlite_%' ORDER BY name", -1, &t, NULL) != SQLITE_OK) {
		fprintf(stderr, "dumpdb: %s\n", sqlite3_errmsg(db));
		store_close(st);
		return 1;
	}
	while (rc == 0 && sqlite3_step(t) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(t, 0);
		int n = 0, step;

		/* every column in the order key: rows come out in one order */
		sql = sqlite3_mprintf("SELECT * FROM \"%w\"", name);
		if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
			int cols = sqlite3_column_count(q);
			char *order = sqlite3_mprintf("%s ORDER BY 1", sql);
			for (int i = 2; i <= cols; i++) {
				char *o = sqlite3_mprintf("%s,%d", order, i);
				sqlite3_free(order);
				order = o;
			}
			sqlite3_finalize(q);
			sqlite3_free(sql);
			sql = order;
		}
		if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
			fprintf(stderr, "dumpdb: %s: %s\n", name, sqlite3_errmsg(db));
			sqlite3_free(sql);
			rc = 1;
			break;
		}
		sqlite3_free(sql);
		if (!shape)
			printf("== %s\n", name);
		while ((step = sqlite3_step(q)) == SQLITE_ROW) {
			n++;
			if (shape)
				continue;
			for (int i = 0; i < sqlite3_column_count(q); i++) {
				if (i)
					putchar('|');
				print_value(q, i);
			}
			putchar('\n');
		}
		if (step != SQLITE_DONE) {
			fprintf(stderr, "dumpdb: %s: %s\n", name, sqlite3_errmsg(db));
			rc = 4;
		}
		if (shape)
			printf("%s %d\n", name, n);
		sqlite3_finalize(q);
	}
	sqlite3_finalize(t);
	store_close(st);
	return rc;
}

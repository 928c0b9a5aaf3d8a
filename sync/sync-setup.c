/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-setup: a new installation (see sync-setup.h).
 */
#include "sync-setup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync.h"
#include "sync-seal.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../forms/form-install.h"

static void
remove_db(const char *path)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
		char *p = xasprintf("%s%s", path, side[i]);
		unlink(p);
		free(p);
	}
}

/*
 * Move the finished database ASIDE to PATH in one step that never replaces a
 * database that appeared meanwhile (renameat2 RENAME_NOREPLACE): after a
 * crash there is PATH complete, or ASIDE only (removed by the next setup).
 * A file system without it (a FAT stick) gets link() + unlink(), whose
 * leftover after a crash between the two is a second name of the same
 * file, removed by the next setup too.
 */
static enum err
move_into_place(const char *aside, const char *path, char **cause)
{
	int en;

	if (renameat2(AT_FDCWD, aside, AT_FDCWD, path, RENAME_NOREPLACE) == 0) {
		file_sync_parent(path);
		return ERR_OK;
	}
	en = errno;
	if (en == EINVAL || en == ENOSYS || en == ENOTSUP) {
		en = 0;
		if (link(aside, path) != 0)
			en = errno;
		else
			unlink(aside);
		if ((en == EPERM || en == ENOTSUP) && access(path, F_OK) != 0)
			en = rename(aside, path) == 0 ? 0 : errno;	/* no links either */
	}
	if (en == EEXIST)
		return err_set_at(cause, ERR_EXISTS, path, TR("đã có cơ sở dữ liệu ở đây; không ghi đè",
		    "a database exists here already; not overwriting it"));
	if (en != 0)
		return err_set_at(cause, err_os_code(en), path, TR("không ghi được: %s",
		    "cannot write: %s"), err_os(en));
	file_sync_parent(path);
	return ERR_OK;
}

/* Everything a new installation holds, written into ST. */
static enum err
fill_new(struct store *st, const struct setup_request *rq, int *nforms, char **cause)
{
	enum err e;

	e = store_install_create(st, rq->role, rq->commune ? rq->commune : "", rq->unit, cause);
	if (e == ERR_OK && rq->role == STORE_ROLE_OFFICE)
		e = store_unit_add(st, "van-phong", "van-phong", "Văn phòng HĐND và UBND xã", NULL,
		    cause);
	if (e == ERR_OK && rq->role == STORE_ROLE_FIELD && rq->kind != NULL)
		e = store_unit_add(st, rq->unit, rq->kind, rq->name, NULL, cause);
	if (e == ERR_OK && (rq->role == STORE_ROLE_OFFICE || rq->kind != NULL))
		e = form_install_catalog(st, rq->role == STORE_ROLE_OFFICE ? NULL : rq->kind, nforms,
		    cause);
	if (e == ERR_OK && rq->pack != NULL) {
		struct sync_applied ap;
		e = sync_apply(st, rq->pack, rq->packlen, SYNC_TRUST_NEW, &ap, cause);
		if (e != ERR_OK && rq->pack_name != NULL)
			err_where(cause, "%s", rq->pack_name);
		*nforms = ap.forms;
	}
	/* everything into the main file: the WAL does not move with it */
	if (e == ERR_OK) {
		sqlite3_stmt *q;
		int rc = sqlite3_prepare_v2(store_sqlite(st), "PRAGMA wal_checkpoint(TRUNCATE)",
		    -1, &q, NULL);
		if (rc != SQLITE_OK)
			e = store_error(st, rc, cause);
		else {
			rc = sqlite3_step(q);
			if (rc != SQLITE_ROW)
				e = store_error(st, rc, cause);
			else if (sqlite3_column_int(q, 0) != 0)
				e = err_set_at(cause, ERR_BUSY, store_path(st), TR("cơ sở dữ liệu đang được dùng",
				    "the database is in use"));
			sqlite3_finalize(q);
		}
	}
	return e;
}

/*
 * The database is built aside (PATH.setup-PID) and moved into place only when
 * complete, then opened again there: a crash or a full disk at any point
 * leaves no database or a complete one, and what a killed setup left aside
 * is removed by the next one.
 */
enum err
sync_setup(const char *path, const char *pass, const struct setup_request *rq,
    struct store **st, int *nforms, char **cause)
{
	struct store_options so = { .kdf = NULL };
	char *aside;
	enum err e;

	*st = NULL;
	*nforms = 0;
	if (strlen(pass) < SETUP_PASS_MIN)
		return err_set(cause, ERR_INVALID, TR("mật khẩu phải có ít nhất %d ký tự",
		    "the passphrase must have at least %d characters"), SETUP_PASS_MIN);
	if (access(path, F_OK) == 0)
		return err_set_at(cause, ERR_EXISTS, path, TR("đã có cơ sở dữ liệu ở đây; không ghi đè",
		    "a database exists here already; not overwriting it"));
	file_clean_stale(path, ".setup-");
	aside = xasprintf("%s.setup-%ld", path, (long)getpid());
	remove_db(aside);
	so.kdf = rq->kdf;
	e = store_create(aside, pass, &so, st, cause);
	if (e == ERR_OK) {
		e = fill_new(*st, rq, nforms, cause);
		store_close(*st);
		*st = NULL;
	}
	if (e == ERR_OK)
		e = move_into_place(aside, path, cause);
	remove_db(aside);
	free(aside);
	/* and whatever else of ours or of a killed setup is there (a header
	 * written aside whose removal failed) */
	file_clean_stale(path, ".setup-");
	if (e == ERR_OK) {
		/* complete and in place: only opening it again can fail now */
		if ((e = store_open(path, pass, st, cause)) != ERR_OK) {
			*st = NULL;
			err_prefix(cause, "%s", TR("đã tạo cơ sở dữ liệu nhưng chưa mở lại được",
			    "the database was created but could not be opened again"));
		}
		return e;
	}
	if (e == ERR_FULL)	/* the one thing to say; the aside name means nothing */
		err_set_at(cause, e, path, TR("ổ đĩa đã đầy; chưa tạo được cơ sở dữ liệu (không có gì "
		    "được ghi lại)", "the disk is full; the database was not created (nothing "
		    "was left behind)"));
	else if (e == ERR_IO) {
		err_prefix(cause, "%s", TR("chưa tạo được cơ sở dữ liệu", "the database was not "
		    "created"));
		err_where(cause, "%s", path);
	}
	return e;
}

enum err
sync_pack_roster(const unsigned char *pack, size_t len, char **commune,
    struct setup_unit **units, size_t *n, char **cause)
{
	struct sync_opened o;
	size_t i;
	json_t *root, *arr, *it;
	enum err e;

	*commune = NULL;
	*units = NULL;
	*n = 0;
	/* before setup there is no key of ours: only an open (setup) pack can
	 * be read, and its signature is checked all the same */
	e = sync_open(SYNC_PACK, pack, len, NULL, &o, cause);
	if (e != ERR_OK)
		return e;
	e = sync_decode(&o, NULL, &root, cause);
	sync_opened_free(&o);
	if (e != ERR_OK)
		return e;
	arr = json_object_get(root, "units");
	if (!json_is_array(arr) || !json_is_string(json_object_get(root, "commune"))) {
		json_decref(root);
		return err_set(cause, ERR_CORRUPT, "%s", TR("nội dung gói không đúng định dạng",
		    "the pack's content does not have the expected shape"));
	}
	*commune = xstrdup(json_string_value(json_object_get(root, "commune")));
	*units = xcalloc(json_array_size(arr) + 1, sizeof **units);
	json_array_foreach(arr, i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));
		const char *kind = json_string_value(json_object_get(it, "kind"));
		const char *name = json_string_value(json_object_get(it, "name"));
		if (id == NULL || kind == NULL || name == NULL || strcmp(kind, "van-phong") == 0)
			continue;
		(*units)[*n].id = xstrdup(id);
		(*units)[*n].kind = xstrdup(kind);
		(*units)[*n].name = xstrdup(name);
		(*n)++;
	}
	json_decref(root);
	return ERR_OK;
}

enum err
sync_pack_office(const unsigned char *pack, size_t len, char fpr[STORE_FPR_LEN + 1],
    char **commune, char **cause)
{
	struct sync_opened o;
	json_t *root;
	enum err e;

	*commune = NULL;
	fpr[0] = '\0';
	/* as sync_pack_roster: only an open (setup) pack can be read before
	 * setup, its signature checked all the same */
	e = sync_open(SYNC_PACK, pack, len, NULL, &o, cause);
	if (e != ERR_OK)
		return e;
	e = sync_decode(&o, NULL, &root, cause);
	if (e == ERR_OK && !json_is_string(json_object_get(root, "commune")))
		e = err_set(cause, ERR_CORRUPT, "%s", TR("nội dung gói không đúng định dạng",
		    "the pack's content does not have the expected shape"));
	if (e == ERR_OK) {
		*commune = xstrdup(json_string_value(json_object_get(root, "commune")));
		store_fingerprint(o.h.sender, fpr);
	}
	json_decref(root);
	sync_opened_free(&o);
	return e;
}

void
sync_roster_free(char *commune, struct setup_unit *units, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(units[i].id);
		free(units[i].kind);
		free(units[i].name);
	}
	free(units);
	free(commune);
}

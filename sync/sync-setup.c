/*
 * sync-setup: a new installation (see sync-setup.h).
 */
#include "sync-setup.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync.h"
#include "sync-seal.h"
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

enum err
sync_setup(const char *path, const char *pass, const struct setup_request *rq,
    struct store **st, int *nforms, char **cause)
{
	struct store_options so = { .kdf = NULL };
	enum err e;

	*st = NULL;
	*nforms = 0;
	if (strlen(pass) < SETUP_PASS_MIN)
		return err_set(cause, ERR_INVALID, TR("mật khẩu phải có ít nhất %d ký tự",
		    "the passphrase must have at least %d characters"), SETUP_PASS_MIN);
	if (access(path, F_OK) == 0)
		return err_set(cause, ERR_EXISTS, TR("%s: đã có cơ sở dữ liệu ở đây; không ghi đè",
		    "%s: a database exists here already; not overwriting it"), path);
	so.kdf = rq->kdf;
	e = store_create(path, pass, &so, st, cause);
	if (e != ERR_OK)
		return e;
	e = store_install_create(*st, rq->role, rq->commune ? rq->commune : "", rq->unit, cause);
	if (e == ERR_OK && rq->role == STORE_ROLE_OFFICE)
		e = store_unit_add(*st, "van-phong", "van-phong", "Văn phòng HĐND và UBND xã", NULL,
		    cause);
	if (e == ERR_OK && rq->role == STORE_ROLE_FIELD && rq->kind != NULL)
		e = store_unit_add(*st, rq->unit, rq->kind, rq->name, NULL, cause);
	if (e == ERR_OK && (rq->role == STORE_ROLE_OFFICE || rq->kind != NULL))
		e = form_install_catalog(*st, rq->role == STORE_ROLE_OFFICE ? NULL : rq->kind, nforms,
		    cause);
	if (e == ERR_OK && rq->pack != NULL) {
		struct sync_applied ap;
		e = sync_apply(*st, rq->pack, rq->packlen, SYNC_TRUST_NEW, &ap, cause);
		if (e != ERR_OK && rq->pack_name != NULL)
			err_prefix(cause, "%s", rq->pack_name);
		*nforms = ap.forms;
	}
	if (e != ERR_OK) {
		/* a half-set-up database is no use to anyone */
		store_close(*st);
		*st = NULL;
		remove_db(path);
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

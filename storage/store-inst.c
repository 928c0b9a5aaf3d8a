/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-inst.c: the installation row, the roster of units and the counts the
 * status command shows (see store-inst.h).
 */
#include "store-inst.h"
#include "store-audit.h"
#include "store-int.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char *
store_role_name(enum store_role role)
{
	return role == STORE_ROLE_OFFICE ? "office" : "field";
}

void
store_fingerprint(const unsigned char pk[32], char out[STORE_FPR_LEN + 1])
{
	/* Crockford's base32: no I, L, O, U to misread. */
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char h[10];
	unsigned acc = 0;
	int bits = 0, i, o = 0, c = 0;

	crypto_generichash(h, sizeof h, pk, 32, NULL, 0);
	for (i = 0; i < (int)sizeof h; i++) {
		acc = acc << 8 | h[i];
		bits += 8;
		while (bits >= 5) {
			if (c > 0 && c % 4 == 0)
				out[o++] = '-';
			out[o++] = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
			c++;
		}
	}
	out[o] = '\0';
}

int
store_id_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 40 || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* "; có phải 'thon'?" when BAD, made an id (text_slug: accents off, other
 * characters '-'), is a valid one; else "". Caller frees. */
static char *
id_hint(const char *bad)
{
	char *slug = bad ? text_slug(bad) : NULL, *hint;

	hint = slug && store_id_valid(slug)
	    ? xasprintf(TR("; có phải '%s'?", "; did you mean '%s'?"), slug) : xstrdup("");
	free(slug);
	return hint;
}

void
store_install_load_identity(struct store *st)
{
	struct store_install in;

	if (store_install_get(st, &in, NULL) != ERR_OK)
		return;
	free(st->installation);
	st->installation = xstrdup(in.fingerprint);
	store_install_free(&in);
}

/* Check a name: valid UTF-8 text, and return it cleaned (text_name: NFC,
 * Ð made Đ, spaces trimmed and collapsed); nothing left is refused. */
static enum err
clean_text(const char *what, const char *s, size_t max, char **out, char **cause)
{
	char *n = NULL;

	if (s != NULL && (!text_valid(s) || (n = text_name(s)) == NULL))
		return err_set(cause, ERR_INVALID, TR("%s không phải văn bản UTF-8 hợp lệ",
		    "%s is not valid UTF-8 text"), what);
	if (s == NULL || *n == '\0') {
		if (s != NULL)
			free(n);
		return err_set(cause, ERR_INVALID, TR("%s không được để trống",
		    "%s must not be empty"), what);
	}
	if (strlen(n) > max) {
		free(n);
		return err_set(cause, ERR_INVALID, TR("%s dài quá %zu byte",
		    "%s is longer than %zu bytes"), what, max);
	}
	*out = n;
	return ERR_OK;
}

enum err
store_install_create(struct store *st, enum store_role role, const char *commune,
    const char *unit_id, char **cause)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char *sk;
	char fpr[STORE_FPR_LEN + 1], *name = NULL;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	/* A field unit set up before its first office pack may not know the
	 * commune's name yet: the pack brings it. */
	if (role == STORE_ROLE_FIELD && (commune == NULL || *commune == '\0'))
		name = xstrdup("");
	else if ((e = clean_text(TR("tên xã", "the commune name"), commune, 200, &name,
	    cause)) != ERR_OK)
		return e;
	if (role == STORE_ROLE_FIELD && (unit_id == NULL || !store_id_valid(unit_id))) {
		char *hint = id_hint(unit_id);
		free(name);
		e = err_set(cause, ERR_INVALID, TR("mã đơn vị '%s' không hợp lệ (chỉ gồm a-z, "
		    "0-9 và '-')%s", "unit id '%s' is not valid (a-z, 0-9 and '-' only)%s"),
		    text_quote(unit_id), hint);
		free(hint);
		return e;
	}
	if ((sk = sodium_malloc(crypto_sign_SECRETKEYBYTES)) == NULL) {
		free(name);
		return err_set(cause, ERR_IO, TR("không đủ bộ nhớ khoá", "no locked memory"));
	}
	crypto_sign_keypair(pk, sk);
	store_fingerprint(pk, fpr);
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_prepare(st, "INSERT INTO installation(id, role, commune, unit_id,"
		    " device_pk, device_sk, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, store_role_name(role), -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, name, -1, SQLITE_STATIC);
		if (role == STORE_ROLE_FIELD)
			sqlite3_bind_text(q, 3, unit_id, -1, SQLITE_STATIC);
		sqlite3_bind_blob(q, 4, pk, sizeof pk, SQLITE_STATIC);
		sqlite3_bind_blob(q, 5, sk, crypto_sign_SECRETKEYBYTES, SQLITE_STATIC);
		sqlite3_bind_int64(q, 6, store_now());
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			e = err_set_at(cause, ERR_EXISTS, st->path, TR("cơ sở dữ liệu đã được cài đặt",
			    "this database is set up already"));
		else if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	sodium_free(sk);
	if (e == ERR_OK) {
		free(st->installation);
		st->installation = xstrdup(fpr);
		e = store_audit(st, "setup", store_role_name(role), name, cause);
	}
	free(name);
	if (e == ERR_OK)
		return store_commit(st, cause);
	store_rollback(st);
	return e;
}

enum err
store_install_get(struct store *st, struct store_install *out, char **cause)
{
	sqlite3_stmt *q;
	const void *pk;
	enum err e;
	int rc;

	memset(out, 0, sizeof *out);
	e = store_prepare(st, "SELECT role, commune, unit_id, device_pk, created_at"
	    " FROM installation WHERE id = 1", &q, cause);
	if (e != ERR_OK)
		return e;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const unsigned char *u = sqlite3_column_text(q, 2);
		out->role = strcmp((const char *)sqlite3_column_text(q, 0), "office") == 0 ?
		    STORE_ROLE_OFFICE : STORE_ROLE_FIELD;
		out->commune = xstrdup((const char *)sqlite3_column_text(q, 1));
		out->unit_id = u ? xstrdup((const char *)u) : NULL;
		pk = sqlite3_column_blob(q, 3);
		if (pk != NULL && sqlite3_column_bytes(q, 3) == 32)
			memcpy(out->device_pk, pk, 32);
		store_fingerprint(out->device_pk, out->fingerprint);
		out->created_at = sqlite3_column_int64(q, 4);
		e = ERR_OK;
	} else if (rc == SQLITE_DONE)
		e = err_set_at(cause, ERR_NOTFOUND, st->path, TR("cơ sở dữ liệu chưa được cài đặt",
		    "this database is not set up"));
	else
		e = store_error(st, rc, cause);
	sqlite3_finalize(q);
	return e;
}

void
store_install_free(struct store_install *in)
{
	free(in->commune);
	free(in->unit_id);
	in->commune = in->unit_id = NULL;
}

enum err
store_unit_add(struct store *st, const char *id, const char *kind, const char *name,
    char **made_id, char **cause)
{
	char *nfc = NULL, *uid = NULL, *fold = NULL, *detail;
	unsigned char *key;
	size_t keylen = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	if ((e = clean_text(TR("tên đơn vị", "the unit name"), name, 200, &nfc, cause)) != ERR_OK)
		return e;
	if (kind == NULL || !store_id_valid(kind)) {
		char *hint = id_hint(kind);
		free(nfc);
		e = err_set(cause, ERR_INVALID, TR("loại đơn vị '%s' không hợp lệ (chỉ gồm a-z, "
		    "0-9 và '-')%s", "unit kind '%s' is not valid (a-z, 0-9 and '-' only)%s"),
		    text_quote(kind), hint);
		free(hint);
		return e;
	}
	uid = id != NULL ? xstrdup(id) : text_slug(nfc);
	if (uid == NULL || !store_id_valid(uid)) {
		char *hint = id_hint(uid);
		e = err_set(cause, ERR_INVALID, TR("mã đơn vị '%s' không hợp lệ (chỉ gồm a-z, "
		    "0-9 và '-')%s", "unit id '%s' is not valid (a-z, 0-9 and '-' only)%s"),
		    text_quote(uid), hint);
		free(hint);
		free(uid);
		free(nfc);
		return e;
	}
	fold = text_fold(nfc);
	key = text_sort_key(nfc, &keylen);	/* nfc is valid UTF-8: never NULL */
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_prepare(st, "INSERT INTO units(id, kind, name, name_fold, created_at,"
		    " name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, uid, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, nfc, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, fold ? fold : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 5, store_now());
		sqlite3_bind_blob(q, 6, key, (int)keylen, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			e = err_set(cause, ERR_EXISTS, TR("đơn vị '%s' đã có trong danh sách",
			    "unit '%s' is on the roster already"), text_quote(uid));
		else if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK) {
		detail = xasprintf("%s\t%s", kind, nfc);
		e = store_audit(st, "unit-add", uid, detail, cause);
		free(detail);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	else
		store_rollback(st);
	if (e == ERR_OK && made_id != NULL) {
		*made_id = uid;
		uid = NULL;
	}
	free(uid);
	free(nfc);
	free(fold);
	free(key);
	return e;
}

enum err
store_unit_list(struct store *st, const char *search, struct store_unit **units, size_t *n,
    char **cause)
{
	struct store_unit *u = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	e = store_prepare(st, "SELECT id, kind, name, active, created_at FROM units"
	    " ORDER BY name_key, id", &q, cause);
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(q, 0);
		const char *name = (const char *)sqlite3_column_text(q, 2);

		/* the same search as every list: text_match on the name or id */
		if (search != NULL && !text_match(name, search) && !text_match(id, search))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			u = xreallocarray(u, cap, sizeof *u);
		}
		u[len].id = xstrdup(id);
		u[len].kind = xstrdup((const char *)sqlite3_column_text(q, 1));
		u[len].name = xstrdup(name);
		u[len].active = sqlite3_column_int(q, 3);
		u[len].created_at = sqlite3_column_int64(q, 4);
		len++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_unit_free(u, len);
		return store_error(st, rc, cause);
	}
	*units = u;
	*n = len;
	return ERR_OK;
}

void
store_unit_free(struct store_unit *units, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(units[i].id);
		free(units[i].kind);
		free(units[i].name);
	}
	free(units);
}

enum err
store_counts_get(struct store *st, struct store_counts *c, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	memset(c, 0, sizeof *c);
	e = store_prepare(st, "SELECT"
	    " (SELECT count(*) FROM units),"
	    " (SELECT count(DISTINCT id) FROM forms),"
	    /* kept by migration 8's triggers: a few hundred rows, not all */
	    " (SELECT coalesce(sum(n), 0) FROM sub_counts),"
	    " (SELECT coalesce(sum(n), 0) FROM sub_counts WHERE status = 'draft'),"
	    " (SELECT coalesce(sum(n), 0) FROM sub_counts WHERE status IN ('final', 'exported',"
	    " 'received')),"
	    " (SELECT coalesce(sum(n), 0) FROM sub_counts WHERE status = 'approved'),"
	    " (SELECT coalesce(sum(n), 0) FROM sub_counts WHERE status = 'returned'),"
	    " (SELECT count(*) FROM devices),"
	    " (SELECT count(*) FROM devices WHERE state = 'pending'),"
	    " (SELECT n FROM kept_counts WHERE name = 'audit'),"
	    " (SELECT coalesce(sum(n), 0) FROM sub_counts WHERE status = 'exported'),"
	    " (SELECT coalesce(sum(n), 0) FROM sub_counts WHERE status = 'received')", &q, cause);
	if (e != ERR_OK)
		return e;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		c->units = sqlite3_column_int(q, 0);
		c->forms = sqlite3_column_int(q, 1);
		c->submissions = sqlite3_column_int(q, 2);
		c->drafts = sqlite3_column_int(q, 3);
		c->finals = sqlite3_column_int(q, 4);
		c->approved = sqlite3_column_int(q, 5);
		c->returned = sqlite3_column_int(q, 6);
		c->devices = sqlite3_column_int(q, 7);
		c->devices_pending = sqlite3_column_int(q, 8);
		c->audit = sqlite3_column_int(q, 9);
		c->exported = sqlite3_column_int(q, 10);
		c->received = sqlite3_column_int(q, 11);
		e = ERR_OK;
	} else
		e = store_error(st, rc, cause);
	sqlite3_finalize(q);
	return e;
}

enum err
store_unit_update(struct store *st, const char *id, const char *name, int active, char **cause)
{
	char *nfc = NULL, *fold = NULL, *detail;
	unsigned char *key = NULL;
	size_t keylen = 0;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	if (name != NULL &&
	    (e = clean_text(TR("tên đơn vị", "the unit name"), name, 200, &nfc, cause)) != ERR_OK)
		return e;
	fold = nfc ? text_fold(nfc) : NULL;
	/* a new name sorts by its own key (text_sort_key, as store_unit_add) */
	key = nfc ? text_sort_key(nfc, &keylen) : NULL;
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_prepare(st, "UPDATE units SET name = coalesce(?2, name), name_fold = "
		    "coalesce(?3, name_fold), active = CASE WHEN ?4 < 0 THEN active ELSE ?4 END, "
		    "name_key = coalesce(?5, name_key) WHERE id = ?1", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		if (nfc)
			sqlite3_bind_text(q, 2, nfc, -1, SQLITE_STATIC);
		if (fold)
			sqlite3_bind_text(q, 3, fold, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 4, active);
		if (key)
			sqlite3_bind_blob(q, 5, key, (int)keylen, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
		else if (sqlite3_changes(store_sqlite(st)) == 0)
			e = err_set(cause, ERR_INVALID, TR("không có đơn vị '%s' (xem 'baocao units')",
			    "no unit '%s' (see 'baocao units')"), text_quote(id));
	}
	if (e == ERR_OK) {
		detail = xasprintf("%s\t%s", nfc ? nfc : "", active < 0 ? "" : active ? "active" :
		    "inactive");
		e = store_audit(st, "unit-update", id, detail, cause);
		free(detail);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	else
		store_rollback(st);
	free(nfc);
	free(fold);
	free(key);
	return e;
}

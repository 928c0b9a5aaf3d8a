/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-sync.c: keys, devices, bundles and received revisions (see
 * store-sync.h).
 */
#include "store-sync.h"
#include "store-audit.h"
#include "store-int.h"
#include "../core/mem.h"

#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum err
store_install_secret(struct store *st, unsigned char **sk, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*sk = NULL;
	e = store_prepare(st, "SELECT device_sk FROM installation WHERE id = 1", &q, cause);
	if (e != ERR_OK)
		return e;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 0) == crypto_sign_SECRETKEYBYTES) {
		*sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
		if (*sk == NULL)
			e = err_set(cause, ERR_IO, "%s", TR("không đủ bộ nhớ khoá", "no locked memory"));
		else
			memcpy(*sk, sqlite3_column_blob(q, 0), crypto_sign_SECRETKEYBYTES);
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		e = err_set_at(cause, ERR_NOTFOUND, st->path, TR("cơ sở dữ liệu chưa được cài đặt",
		    "this database is not set up"));
	} else {
		e = store_error(st, rc, cause);
	}
	sqlite3_finalize(q);
	return e;
}

void
store_secret_free(unsigned char *sk)
{
	if (sk != NULL)
		sodium_free(sk);
}

enum err
store_office_key(struct store *st, unsigned char pk[32], int *known, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*known = 0;
	e = store_prepare(st, "SELECT office_pk FROM installation WHERE id = 1", &q, cause);
	if (e != ERR_OK)
		return e;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 0) == 32) {
		memcpy(pk, sqlite3_column_blob(q, 0), 32);
		*known = 1;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_office_key_set(struct store *st, const unsigned char pk[32], const char *commune,
    char **cause)
{
	unsigned char cur[32];
	char fpr[STORE_FPR_LEN + 1];
	sqlite3_stmt *q;
	int known;
	enum err e = store_office_key(st, cur, &known, cause);

	if (e != ERR_OK)
		return e;
	if (known && sodium_memcmp(cur, pk, 32) != 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("gói này không do văn phòng đã tin cậy "
		    "ký", "this pack is not signed by the office this installation trusts"));
	e = store_prepare(st, "UPDATE installation SET office_pk = ?1,"
	    " commune = CASE WHEN ?2 <> '' THEN ?2 ELSE commune END WHERE id = 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_blob(q, 1, pk, 32, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, commune ? commune : "", -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_DONE)
		e = store_error(st, sqlite3_errcode(st->db), cause);
	sqlite3_finalize(q);
	if (e == ERR_OK && !known) {
		store_fingerprint(pk, fpr);
		e = store_audit(st, "office-key", fpr, commune, cause);
	}
	return e;
}

enum err
store_next_seq(struct store *st, uint64_t *seq, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	e = store_prepare(st, "UPDATE installation SET export_seq = export_seq + 1 WHERE id = 1"
	    " RETURNING export_seq", &q, cause);
	if (e != ERR_OK)
		return e;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*seq = (uint64_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return ERR_OK;
	return rc == SQLITE_DONE ? err_set(cause, ERR_NOTFOUND, "%s", TR("chưa cài đặt",
	    "not set up")) : store_error(st, rc, cause);
}

enum err
store_last_seq(struct store *st, uint64_t *seq, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*seq = 0;
	e = store_prepare(st, "SELECT export_seq FROM installation WHERE id = 1", &q, cause);
	if (e != ERR_OK)
		return e;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*seq = (uint64_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_seq_raise(struct store *st, uint64_t seq, int *moved, char **cause)
{
	sqlite3_stmt *q;
	uint64_t was;
	enum err e;
	int rc;

	*moved = 0;
	if (seq > INT64_MAX)
		return err_set(cause, ERR_CORRUPT, "%s", TR("số thứ tự không hợp lệ",
		    "sequence number out of range"));
	e = store_last_seq(st, &was, cause);
	if (e != ERR_OK || seq <= was)
		return e;
	e = store_prepare(st, "UPDATE installation SET export_seq = ?1 WHERE id = 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_int64(q, 1, (int64_t)seq);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	*moved = 1;
	{
		char *d = xasprintf("%llu -> %llu", (unsigned long long)was,
		    (unsigned long long)seq);
		e = store_audit(st, "seq-restored", "installation", d, cause);
		free(d);
	}
	return e;
}

/* ---- devices ---- */

#define DEV_COLS "d.fingerprint, d.public_key, d.unit_id, d.state, d.first_seen," \
    " d.decided_at, d.last_seq, coalesce((SELECT h.n FROM held_totals h WHERE h.device =" \
    " d.fingerprint), 0), d.last_claimed, coalesce((SELECT h.bytes FROM held_totals h" \
    " WHERE h.device = d.fingerprint), 0)," \
    " CASE WHEN d.state = 'pending' THEN (SELECT a.detail FROM audit a WHERE" \
    " a.object = d.fingerprint AND a.action = 'key-from-revoked' ORDER BY a.id DESC" \
    " LIMIT 1) END"

static void
dev_read(sqlite3_stmt *q, struct store_device *d)
{
	const unsigned char *u = sqlite3_column_text(q, 2);

	memset(d, 0, sizeof *d);
	snprintf(d->fingerprint, sizeof d->fingerprint, "%s", sqlite3_column_text(q, 0));
	if (sqlite3_column_bytes(q, 1) == 32)
		memcpy(d->pk, sqlite3_column_blob(q, 1), 32);
	d->unit_id = u ? xstrdup((const char *)u) : NULL;
	d->state = xstrdup((const char *)sqlite3_column_text(q, 3));
	d->first_seen = sqlite3_column_int64(q, 4);
	d->decided_at = sqlite3_column_int64(q, 5);
	d->last_seq = (uint64_t)sqlite3_column_int64(q, 6);
	d->held = sqlite3_column_int(q, 7);
	d->last_claimed = sqlite3_column_int64(q, 8);
	d->held_bytes = sqlite3_column_int64(q, 9);
	if (sqlite3_column_type(q, 10) == SQLITE_TEXT)
		snprintf(d->from_revoked, sizeof d->from_revoked, "%s",
		    sqlite3_column_text(q, 10));
}

enum err
store_device_get(struct store *st, const unsigned char pk[32], struct store_device *out,
    char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	memset(out, 0, sizeof *out);
	e = store_cached(st, "SELECT " DEV_COLS " FROM devices d WHERE d.public_key = ?1", &q,
	    cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_blob(q, 1, pk, 32, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		dev_read(q, out);
	store_done(st, q);
	if (rc == SQLITE_DONE)
		return err_set(cause, ERR_NOTFOUND, "%s", TR("thiết bị chưa từng gặp",
		    "device never seen"));
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_device_seen(struct store *st, const unsigned char pk[32], const char *unit_id,
    char **cause)
{
	char fpr[STORE_FPR_LEN + 1];
	sqlite3_stmt *q;
	enum err e;
	int rc;

	store_fingerprint(pk, fpr);
	e = store_prepare(st, "INSERT INTO devices(fingerprint, public_key, unit_id, state,"
	    " first_seen) VALUES (?1, ?2, ?3, 'pending', ?4) ON CONFLICT DO NOTHING", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, fpr, -1, SQLITE_STATIC);
	sqlite3_bind_blob(q, 2, pk, 32, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, store_now());
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (sqlite3_changes(st->db) > 0)
		return store_audit(st, "device-seen", fpr, unit_id, cause);
	return ERR_OK;
}

/* "k7qd m2xa 9fht c4we" -> "K7QD-M2XA-9FHT-C4WE" */
int
store_fpr_normal(const char *in, char out[STORE_FPR_LEN + 1])
{
	int n = 0;

	for (; *in && n < STORE_FPR_LEN; in++) {
		if (*in == '-' || *in == ' ')
			continue;
		if (n == 4 || n == 9 || n == 14)
			out[n++] = '-';
		out[n++] = (char)toupper((unsigned char)*in);
	}
	out[n] = '\0';
	return n == STORE_FPR_LEN && *in == '\0';
}

enum err
store_device_was_approved(struct store *st, const char *fingerprint, int *yes, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*yes = 0;
	/* a rotated key was approved in place of its first key (its lineage) */
	e = store_prepare(st, "SELECT 1 FROM audit WHERE action = 'approve-device' AND (object = ?1"
	    " OR object = (SELECT lineage FROM devices WHERE fingerprint = ?1)) LIMIT 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, fingerprint, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_device_told(struct store *st, const char *fingerprint, int *yes, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*yes = 0;
	e = store_prepare(st, "SELECT 1 FROM audit WHERE action = 'pack' AND detail LIKE"
	    " '%, sealed' AND id > (SELECT coalesce(max(id), 0) FROM audit WHERE action ="
	    " 'revoke-device' AND object = ?1) LIMIT 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, fingerprint, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_device_decide(struct store *st, const char *fingerprint, const char *state,
    char **cause)
{
	char fpr[STORE_FPR_LEN + 1];
	sqlite3_stmt *q;
	enum err e;
	int rc;

	if (!store_fpr_normal(fingerprint, fpr))
		return err_set(cause, ERR_INVALID, TR("mã thiết bị '%s' không hợp lệ (dạng "
		    "XXXX-XXXX-XXXX-XXXX)", "device fingerprint '%s' is not valid (XXXX-XXXX-XXXX-XXXX)"),
		    fingerprint);
	e = store_prepare(st, "UPDATE devices SET state = ?2, decided_at = ?3 WHERE"
	    " fingerprint = ?1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, fpr, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, store_now());
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (sqlite3_changes(st->db) == 0)
		return err_set(cause, ERR_NOTFOUND, TR("không có thiết bị %s (xem 'baocao devices')",
		    "no device %s (see 'baocao devices')"), fpr);
	e = store_audit(st, strcmp(state, "approved") == 0 ? "approve-device" : "revoke-device",
	    fpr, NULL, cause);
	/* a revoked device's unread files will never be read: keep none */
	if (e == ERR_OK && strcmp(state, "revoked") == 0) {
		int n;
		e = store_bundle_purge(st, fpr, "device revoked", &n, cause);
		if (e == ERR_OK && n > 0) {
			char *d = xasprintf("%d held files dropped: device revoked", n);
			e = store_audit(st, "purge-held", fpr, d, cause);
			free(d);
		}
	}
	return e;
}

enum err
store_device_list(struct store *st, struct store_device **devs, size_t *n, char **cause)
{
	struct store_device *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*devs = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT " DEV_COLS " FROM devices d ORDER BY d.state = 'pending'"
	    " DESC, d.unit_id, d.first_seen", &q, cause);
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof *v);
		dev_read(q, &v[len++]);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_device_free(v, len);
		return store_error(st, rc, cause);
	}
	*devs = v;
	*n = len;
	return ERR_OK;
}

void
store_device_free(struct store_device *devs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(devs[i].unit_id);
		free(devs[i].state);
	}
	free(devs);
}

enum err
store_device_seq(struct store *st, const char *fingerprint, uint64_t seq, char **cause)
{
	sqlite3_stmt *q;
	enum err e = store_cached(st, "UPDATE devices SET last_seq = max(last_seq, ?2)"
	    " WHERE fingerprint = ?1", &q, cause);

	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (int64_t)seq);
	e = sqlite3_step(q) == SQLITE_DONE ? ERR_OK : store_error(st, sqlite3_errcode(st->db),
	    cause);
	store_done(st, q);
	return e;
}

enum err
store_device_claimed(struct store *st, const char *fingerprint, int64_t claimed, char **cause)
{
	sqlite3_stmt *q;
	enum err e = store_cached(st, "UPDATE devices SET last_claimed = max(last_claimed, ?2)"
	    " WHERE fingerprint = ?1", &q, cause);

	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, claimed);
	e = sqlite3_step(q) == SQLITE_DONE ? ERR_OK : store_error(st, sqlite3_errcode(st->db),
	    cause);
	store_done(st, q);
	return e;
}

/* ---- bundles ---- */

enum err
store_bundle_state(struct store *st, const unsigned char hash[32], char **state,
    int64_t *received_at, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*state = NULL;
	e = store_cached(st, "SELECT state, received_at FROM bundles WHERE hash = ?1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_blob(q, 1, hash, 32, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*state = xstrdup((const char *)sqlite3_column_text(q, 0));
		if (received_at != NULL)
			*received_at = sqlite3_column_int64(q, 1);
	}
	store_done(st, q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_bundle_put(struct store *st, const unsigned char hash[32], const char *device,
    uint64_t seq, const char *state, const char *reason, const unsigned char *content,
    size_t len, char **cause)
{
	sqlite3_stmt *q;
	enum err e = store_cached(st, "INSERT INTO bundles(hash, device, seq, received_at, state,"
	    " reason, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(hash) DO UPDATE"
	    " SET state = excluded.state, reason = excluded.reason, content = excluded.content",
	    &q, cause);

	if (e != ERR_OK)
		return e;
	sqlite3_bind_blob(q, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, (int64_t)seq);
	sqlite3_bind_int64(q, 4, store_now());
	sqlite3_bind_text(q, 5, state, -1, SQLITE_STATIC);
	if (reason != NULL)
		sqlite3_bind_text(q, 6, reason, -1, SQLITE_STATIC);
	if (content != NULL)
		sqlite3_bind_blob(q, 7, content, (int)len, SQLITE_STATIC);
	e = sqlite3_step(q) == SQLITE_DONE ? ERR_OK : store_error(st, sqlite3_errcode(st->db),
	    cause);
	store_done(st, q);
	return e;
}

enum err
store_bundle_held(struct store *st, const char *device, unsigned char ***contents,
    size_t **lens, size_t *n, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*contents = NULL;
	*lens = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT content FROM bundles WHERE device = ?1 AND state = 'held'"
	    " AND content IS NOT NULL ORDER BY seq, received_at", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, device, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(q, 0);
		*contents = xreallocarray(*contents, *n + 1, sizeof **contents);
		*lens = xreallocarray(*lens, *n + 1, sizeof **lens);
		(*contents)[*n] = xmalloc(len + 1);
		memcpy((*contents)[*n], sqlite3_column_blob(q, 0), len);
		(*lens)[(*n)++] = len;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_bundle_seq_reused(struct store *st, const char *device, uint64_t seq,
    const unsigned char hash[32], int *yes, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*yes = 0;
	e = store_cached(st, "SELECT 1 FROM bundles WHERE device = ?1 AND seq = ?2 AND hash != ?3"
	    " AND state = 'imported' LIMIT 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (int64_t)seq);
	sqlite3_bind_blob(q, 3, hash, 32, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW;
	store_done(st, q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_bundle_held_bytes(struct store *st, const char *device, int64_t *bytes, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*bytes = 0;
	/* the figures kept by triggers (schema 9): one row a device, not a
	 * read of every held file (checked for each file held) */
	e = store_cached(st, device != NULL ? "SELECT coalesce(sum(bytes), 0) FROM held_totals"
	    " WHERE device = ?1" : "SELECT coalesce(sum(bytes), 0) FROM held_totals", &q, cause);
	if (e != ERR_OK)
		return e;
	if (device != NULL)
		sqlite3_bind_text(q, 1, device, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*bytes = sqlite3_column_int64(q, 0);
	store_done(st, q);
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_device_pending_count(struct store *st, const char *unit_id, int *n, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*n = 0;
	e = store_prepare(st, "SELECT count(*) FROM devices WHERE state = 'pending' AND"
	    " (?1 IS NULL OR unit_id = ?1)", &q, cause);
	if (e != ERR_OK)
		return e;
	if (unit_id != NULL)
		sqlite3_bind_text(q, 1, unit_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_bundle_purge(struct store *st, const char *device, const char *reason, int *n,
    char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*n = 0;
	e = store_prepare(st, "UPDATE bundles SET state = 'refused', reason = ?2, content = NULL"
	    " WHERE device = ?1 AND state = 'held'", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, device, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, reason, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	*n = sqlite3_changes(st->db);
	return ERR_OK;
}

enum err
store_device_forget(struct store *st, const char *device, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int was, rc;

	e = store_device_was_approved(st, device, &was, cause);
	if (e != ERR_OK)
		return e;
	if (was)
		return err_set(cause, ERR_INVALID, TR("thiết bị %s đã từng được duyệt: hãy thu hồi "
		    "('baocao devices revoke')", "device %s was approved once: revoke it instead "
		    "('baocao devices revoke')"), device);
	e = store_prepare(st, "DELETE FROM devices WHERE fingerprint = ?1 AND state != 'approved'",
	    &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, device, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (sqlite3_changes(st->db) == 0)
		return err_set(cause, ERR_NOTFOUND, TR("không có thiết bị %s chờ duyệt (xem 'baocao "
		    "devices')", "no pending device %s (see 'baocao devices')"), device);
	return ERR_OK;
}

/* ---- received revisions ---- */

enum err
store_sub_receive(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *device, int src_rev,
    int64_t src_created, int64_t received, const char *clock_note, const char *data,
    enum store_receive *what, char **cause)
{
	sqlite3_stmt *q;
	int64_t id = 0;
	int have = 0, same_rev = 0, newer = 0, rev = 0, fresh = 0, rc;
	enum err e;
	char *object, *detail;

	*what = STORE_RECEIVED_NEW;
	/* "this device": every key in its line (a rotated key keeps counting) */
#define SAME_DEVICE "(r.device = ?4 OR r.device IN (SELECT d.fingerprint FROM devices d WHERE" \
    " coalesce(d.lineage, d.fingerprint) = (SELECT coalesce(x.lineage, x.fingerprint) FROM" \
    " devices x WHERE x.fingerprint = ?4)))"
	e = store_cached(st, "SELECT s.id, s.current_rev, (SELECT count(*) FROM"
	    " revisions r WHERE r.submission_id = s.id AND " SAME_DEVICE " AND r.src_rev = ?5"
	    " AND r.data = ?6), (SELECT count(*) FROM revisions r WHERE r.submission_id = s.id"
	    " AND " SAME_DEVICE " AND r.src_rev = ?5),"
	    " (SELECT count(*) FROM revisions r WHERE r.submission_id = s.id AND " SAME_DEVICE
	    " AND r.src_rev > ?5)"
	    " FROM submissions s WHERE s.form_id = ?1 AND s.unit_id = ?2 AND s.period = ?3",
	    &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, device, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 5, src_rev);
	sqlite3_bind_text(q, 6, data, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(q, 0);
		rev = sqlite3_column_int(q, 1);
		have = sqlite3_column_int(q, 2);
		same_rev = sqlite3_column_int(q, 3);
		newer = sqlite3_column_int(q, 4);
	}
	store_done(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (have > 0) {
		*what = STORE_RECEIVED_DUPLICATE;
		return ERR_OK;
	}
	/* the same revision of the same device, other content: the device was
	 * restored and filled the period again — never a duplicate */
	if (same_rev > 0)
		*what = STORE_RECEIVED_CONFLICT;
	if (id == 0) {
		e = store_cached(st, "INSERT INTO submissions(form_id, unit_id, period, status,"
		    " current_rev, updated_at) VALUES (?1, ?2, ?3, 'received', 1, ?4)", &q, cause);
		if (e != ERR_OK)
			return e;
		sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, store_now());
		rc = sqlite3_step(q);
		store_done(st, q);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, cause);
		id = sqlite3_last_insert_rowid(st->db);
		fresh = 1;
	} else if (newer > 0 && *what != STORE_RECEIVED_CONFLICT) {
		/* a later revision from this device is here: by its own
		 * numbering, never by its clock */
		*what = STORE_RECEIVED_OLDER;
	}
	e = store_cached(st, "INSERT INTO revisions(submission_id, rev, form_version, device,"
	    " final, data, created_at, src_rev, src_created, clock_note) VALUES (?1, (SELECT"
	    " coalesce(max(rev), 0) + 1 FROM revisions WHERE submission_id = ?1), ?2, ?3, 1, ?4,"
	    " ?5, ?6, ?7, ?8) RETURNING rev", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, form_version);
	sqlite3_bind_text(q, 3, device, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, data, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, received);
	sqlite3_bind_int(q, 6, src_rev);
	sqlite3_bind_int64(q, 7, src_created);
	if (clock_note != NULL)
		sqlite3_bind_text(q, 8, clock_note, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		rev = sqlite3_column_int(q, 0);
	store_done(st, q);
	if (rc != SQLITE_ROW)
		return store_error(st, rc, cause);
	/* a submission new here was inserted as received, at this revision:
	 * nothing to update */
	if (!fresh && (*what == STORE_RECEIVED_NEW || *what == STORE_RECEIVED_CONFLICT)) {
		char *why = *what != STORE_RECEIVED_CONFLICT ? NULL : xasprintf(TR("xung đột: thiết "
		    "bị gửi lại bản %d với nội dung khác (máy được khôi phục từ bản sao lưu?); cần "
		    "xem lại", "conflict: the device sent its revision %d again with other "
		    "content (restored from a backup?); to be reviewed"), src_rev);
		e = store_cached(st, "UPDATE submissions SET status = 'received', status_reason ="
		    " ?4, current_rev = ?2, updated_at = ?3 WHERE id = ?1", &q, cause);
		if (e != ERR_OK) {
			free(why);
			return e;
		}
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int(q, 2, rev);
		sqlite3_bind_int64(q, 3, store_now());
		if (why != NULL)
			sqlite3_bind_text(q, 4, why, -1, SQLITE_TRANSIENT);
		free(why);
		rc = sqlite3_step(q);
		store_done(st, q);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, cause);
	}
	object = xasprintf("%s/%s/%s", form_id, unit_id, period);
	detail = xasprintf("rev %d from %s rev %d%s%s%s", rev, device, src_rev,
	    *what == STORE_RECEIVED_OLDER ? " (older, kept in history)" :
	    *what == STORE_RECEIVED_CONFLICT ? " (CONFLICT: that revision was here with other"
	    " content)" : "",
	    clock_note ? "; clock: " : "", clock_note ? clock_note : "");
	e = store_audit(st, "import", object, detail, cause);
	free(object);
	free(detail);
	/* what the checks held back of this submission, from this device, up to
	 * this revision, is past: the revision counted now replaces it */
	if (e == ERR_OK && (*what == STORE_RECEIVED_NEW || *what == STORE_RECEIVED_CONFLICT)) {
		int any = 1;
		/* nothing held at all (the usual case): nothing to look for. The
		 * DELETE builds its IN list, a temporary table, at every run */
		e = store_cached(st, "SELECT EXISTS (SELECT 1 FROM held_subs)", &q, cause);
		if (e != ERR_OK)
			return e;
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			any = sqlite3_column_int(q, 0);
		store_done(st, q);
		if (rc != SQLITE_ROW)
			return store_error(st, rc, cause);
		if (!any)
			return ERR_OK;
		/* kept prepared: compiling it was a fifth of an import's time */
		e = store_cached(st, "DELETE FROM held_subs AS r WHERE r.form_id = ?1 AND"
		    " r.unit_id = ?2 AND r.period = ?3 AND " SAME_DEVICE " AND r.src_rev <= ?5",
		    &q, cause);
		if (e != ERR_OK)
			return e;
		sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, device, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 5, src_rev);
		rc = sqlite3_step(q);
		store_done(st, q);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, cause);
	}
	return e;
}

/* ---- held submissions, receipts on paper ---- */

enum err
store_sub_hold(struct store *st, const char *device, const char *unit_id, const char *form_id,
    const char *period, int form_version, int src_rev, int64_t src_created, const char *data,
    const char *reason, int *dup, char **cause)
{
	sqlite3_stmt *q;
	char *object;
	enum err e;
	int rc;

	*dup = 0;
	e = store_cached(st, "INSERT INTO held_subs(device, unit_id, form_id, period,"
	    " form_version, src_rev, src_created, data, reason, received_at) VALUES (?1, ?2, ?3,"
	    " ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, device, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, form_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, period, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 5, form_version);
	sqlite3_bind_int(q, 6, src_rev);
	sqlite3_bind_int64(q, 7, src_created);
	sqlite3_bind_text(q, 8, data, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 9, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 10, store_now());
	rc = sqlite3_step(q);
	store_done(st, q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (sqlite3_changes(st->db) == 0) {
		*dup = 1;
		return ERR_OK;
	}
	object = xasprintf("%s/%s/%s", form_id, unit_id, period);
	e = store_audit(st, "hold-sub", object, reason, cause);
	free(object);
	return e;
}

enum err
store_held_list(struct store *st, struct store_held_sub **out, size_t *n, char **cause)
{
	struct store_held_sub *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT device, unit_id, form_id, period, reason, form_version,"
	    " src_rev, src_created, received_at FROM held_subs ORDER BY received_at DESC, id DESC",
	    &q, cause);
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof *v);
		v[len].device = xstrdup((const char *)sqlite3_column_text(q, 0));
		v[len].unit_id = xstrdup((const char *)sqlite3_column_text(q, 1));
		v[len].form_id = xstrdup((const char *)sqlite3_column_text(q, 2));
		v[len].period = xstrdup((const char *)sqlite3_column_text(q, 3));
		v[len].reason = xstrdup((const char *)sqlite3_column_text(q, 4));
		v[len].form_version = sqlite3_column_int(q, 5);
		v[len].src_rev = sqlite3_column_int(q, 6);
		v[len].src_created = sqlite3_column_int64(q, 7);
		v[len].received_at = sqlite3_column_int64(q, 8);
		len++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_held_free(v, len);
		return store_error(st, rc, cause);
	}
	*out = v;
	*n = len;
	return ERR_OK;
}

void
store_held_free(struct store_held_sub *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].device);
		free(v[i].unit_id);
		free(v[i].form_id);
		free(v[i].period);
		free(v[i].reason);
	}
	free(v);
}

enum err
store_sub_received_on(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int64_t day, const char *reason, char **cause)
{
	sqlite3_stmt *q;
	char *object, *detail;
	enum err e;
	int rc;

	if (reason == NULL || *reason == '\0')
		return err_set(cause, ERR_INVALID, "%s", TR("cần ghi lý do (--reason)",
		    "a reason is required (--reason)"));
	e = store_begin(st, cause);
	if (e != ERR_OK)
		return e;
	e = store_prepare(st, "INSERT INTO received_on(form_id, unit_id, period, day, reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET day = excluded.day,"
	    " reason = excluded.reason", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, day);
		sqlite3_bind_text(q, 5, reason, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK) {
		object = xasprintf("%s/%s/%s", form_id, unit_id, period);
		detail = xasprintf("day %lld: %s", (long long)day, reason);
		e = store_audit(st, "received-on", object, detail, cause);
		free(object);
		free(detail);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		store_rollback(st);
	return e;
}

enum err
store_clock_notes(struct store *st, struct store_clock_note **out, size_t *n, char **cause)
{
	struct store_clock_note *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT s.form_id, s.unit_id, s.period, r.clock_note, r.src_created"
	    " FROM revisions r CROSS JOIN submissions s ON r.submission_id = s.id AND r.rev ="
	    " s.current_rev WHERE r.clock_note IS NOT NULL", &q, cause);	/* revisions_clock */
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof *v);
		v[len].form_id = xstrdup((const char *)sqlite3_column_text(q, 0));
		v[len].unit_id = xstrdup((const char *)sqlite3_column_text(q, 1));
		v[len].period = xstrdup((const char *)sqlite3_column_text(q, 2));
		v[len].note = xstrdup((const char *)sqlite3_column_text(q, 3));
		v[len].claimed = sqlite3_column_int64(q, 4);
		len++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_clock_notes_free(v, len);
		return store_error(st, rc, cause);
	}
	*out = v;
	*n = len;
	return ERR_OK;
}

void
store_clock_notes_free(struct store_clock_note *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].form_id);
		free(v[i].unit_id);
		free(v[i].period);
		free(v[i].note);
	}
	free(v);
}

/* ---- key rotation ---- */

void
store_key_link_msg(const unsigned char old_pk[32], const unsigned char new_pk[32],
    unsigned char msg[STORE_KEY_LINK_MSG_LEN])
{
	size_t l = sizeof STORE_KEY_LINK_LABEL - 1;

	memcpy(msg, STORE_KEY_LINK_LABEL, l);
	memcpy(msg + l, old_pk, 32);
	memcpy(msg + l + 32, new_pk, 32);
}

enum err
store_key_rotate(struct store *st, unsigned char new_pk[32], char **cause)
{
	unsigned char *old_sk = NULL, *new_sk, sig[crypto_sign_BYTES];
	unsigned char msg[STORE_KEY_LINK_MSG_LEN];
	char ofpr[STORE_FPR_LEN + 1], nfpr[STORE_FPR_LEN + 1];
	const unsigned char *old_pk;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	new_sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
	if (new_sk == NULL)
		return err_set(cause, ERR_IO, "%s", TR("không đủ bộ nhớ khoá", "no locked memory"));
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_install_secret(st, &old_sk, cause);
	if (e != ERR_OK)
		goto out;
	old_pk = old_sk + 32;	/* an Ed25519 secret key ends with its public key */
	crypto_sign_keypair(new_pk, new_sk);
	store_key_link_msg(old_pk, new_pk, msg);
	crypto_sign_detached(sig, NULL, msg, sizeof msg, old_sk);
	e = store_prepare(st, "INSERT INTO key_history(old_pk, new_pk, sig, at) VALUES (?1, ?2,"
	    " ?3, ?4)", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_blob(q, 1, old_pk, 32, SQLITE_STATIC);
		sqlite3_bind_blob(q, 2, new_pk, 32, SQLITE_STATIC);
		sqlite3_bind_blob(q, 3, sig, sizeof sig, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, store_now());
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK)
		e = store_prepare(st, "INSERT INTO old_keys(pk, sk, retired_at) VALUES (?1, ?2, ?3)",
		    &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_blob(q, 1, old_pk, 32, SQLITE_STATIC);
		sqlite3_bind_blob(q, 2, old_sk, crypto_sign_SECRETKEYBYTES, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, store_now());
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK)
		e = store_prepare(st, "UPDATE installation SET device_pk = ?1, device_sk = ?2"
		    " WHERE id = 1", &q, cause);
	if (e == ERR_OK) {
		sqlite3_bind_blob(q, 1, new_pk, 32, SQLITE_STATIC);
		sqlite3_bind_blob(q, 2, new_sk, crypto_sign_SECRETKEYBYTES, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK) {
		store_fingerprint(old_pk, ofpr);
		store_fingerprint(new_pk, nfpr);
		e = store_audit(st, "key-rotate", ofpr, nfpr, cause);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
out:
	if (e != ERR_OK)
		store_rollback(st);
	else
		store_install_load_identity(st);
	store_secret_free(old_sk);
	sodium_free(new_sk);
	return e;
}

enum err
store_key_chain(struct store *st, struct store_key_link **out, size_t *n, char **cause)
{
	struct store_key_link *v = NULL;
	size_t len = 0;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*out = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT old_pk, new_pk, sig FROM key_history ORDER BY id", &q, cause);
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sqlite3_column_bytes(q, 0) != 32 || sqlite3_column_bytes(q, 1) != 32 ||
		    sqlite3_column_bytes(q, 2) != 64)
			continue;
		v = xreallocarray(v, len + 1, sizeof *v);
		memcpy(v[len].old_pk, sqlite3_column_blob(q, 0), 32);
		memcpy(v[len].new_pk, sqlite3_column_blob(q, 1), 32);
		memcpy(v[len].sig, sqlite3_column_blob(q, 2), 64);
		len++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_error(st, rc, cause);
	}
	*out = v;
	*n = len;
	return ERR_OK;
}

enum err
store_old_secrets(struct store *st, unsigned char ***sks, size_t *n, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*sks = NULL;
	*n = 0;
	e = store_prepare(st, "SELECT sk FROM old_keys ORDER BY retired_at DESC", &q, cause);
	if (e != ERR_OK)
		return e;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		unsigned char *sk;
		if (sqlite3_column_bytes(q, 0) != crypto_sign_SECRETKEYBYTES)
			continue;
		sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
		if (sk == NULL)
			break;
		memcpy(sk, sqlite3_column_blob(q, 0), crypto_sign_SECRETKEYBYTES);
		*sks = xreallocarray(*sks, *n + 1, sizeof **sks);
		(*sks)[(*n)++] = sk;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_office_key_rotate(struct store *st, const unsigned char new_pk[32], char **cause)
{
	unsigned char cur[32];
	char ofpr[STORE_FPR_LEN + 1], nfpr[STORE_FPR_LEN + 1];
	sqlite3_stmt *q;
	int known, rc;
	enum err e = store_office_key(st, cur, &known, cause);

	if (e != ERR_OK)
		return e;
	e = store_prepare(st, "UPDATE installation SET office_pk = ?1 WHERE id = 1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_blob(q, 1, new_pk, 32, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	store_fingerprint(cur, ofpr);
	store_fingerprint(new_pk, nfpr);
	return store_audit(st, "office-key-rotated", known ? ofpr : "-", nfpr, cause);
}

enum err
store_device_rotate(struct store *st, const char *old_fpr, const unsigned char new_pk[32],
    char **cause)
{
	char nfpr[STORE_FPR_LEN + 1];
	sqlite3_stmt *q;
	enum err e;
	int rc;

	store_fingerprint(new_pk, nfpr);
	e = store_prepare(st, "INSERT INTO devices(fingerprint, public_key, unit_id, state,"
	    " first_seen, decided_at, lineage) SELECT ?2, ?3, unit_id, 'approved', ?4, ?4,"
	    " coalesce(lineage, fingerprint) FROM devices WHERE fingerprint = ?1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, old_fpr, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, nfpr, -1, SQLITE_STATIC);
	sqlite3_bind_blob(q, 3, new_pk, 32, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, store_now());
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (sqlite3_changes(st->db) == 0)
		return err_set(cause, ERR_NOTFOUND, TR("không có thiết bị %s", "no device %s"),
		    old_fpr);
	e = store_prepare(st, "UPDATE devices SET state = 'revoked', decided_at = ?2 WHERE"
	    " fingerprint = ?1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, old_fpr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, store_now());
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	return store_audit(st, "device-key-rotated", old_fpr, nfpr, cause);
}

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
		e = err_set(cause, ERR_NOTFOUND, TR("%s: cơ sở dữ liệu chưa được cài đặt",
		    "%s: this database is not set up"), st->path);
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

/* ---- devices ---- */

#define DEV_COLS "d.fingerprint, d.public_key, d.unit_id, d.state, d.first_seen," \
    " d.decided_at, d.last_seq, (SELECT count(*) FROM bundles b WHERE b.device =" \
    " d.fingerprint AND b.state = 'held'), (SELECT coalesce(sum(length(b.content)), 0)" \
    " FROM bundles b WHERE b.device = d.fingerprint AND b.state = 'held')"

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
	d->held_bytes = sqlite3_column_int64(q, 8);
}

enum err
store_device_get(struct store *st, const unsigned char pk[32], struct store_device *out,
    char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	memset(out, 0, sizeof *out);
	e = store_prepare(st, "SELECT " DEV_COLS " FROM devices d WHERE d.public_key = ?1", &q,
	    cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_blob(q, 1, pk, 32, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		dev_read(q, out);
	sqlite3_finalize(q);
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
	return store_audit(st, strcmp(state, "approved") == 0 ? "approve-device" : "revoke-device",
	    fpr, NULL, cause);
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
	enum err e = store_prepare(st, "UPDATE devices SET last_seq = max(last_seq, ?2)"
	    " WHERE fingerprint = ?1", &q, cause);

	if (e != ERR_OK)
		return e;
	sqlite3_bind_text(q, 1, fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (int64_t)seq);
	e = sqlite3_step(q) == SQLITE_DONE ? ERR_OK : store_error(st, sqlite3_errcode(st->db),
	    cause);
	sqlite3_finalize(q);
	return e;
}

/* ---- bundles ---- */

enum err
store_bundle_state(struct store *st, const unsigned char hash[32], char **state, char **cause)
{
	sqlite3_stmt *q;
	enum err e;
	int rc;

	*state = NULL;
	e = store_prepare(st, "SELECT state FROM bundles WHERE hash = ?1", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_blob(q, 1, hash, 32, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*state = xstrdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_bundle_put(struct store *st, const unsigned char hash[32], const char *device,
    uint64_t seq, const char *state, const char *reason, const unsigned char *content,
    size_t len, char **cause)
{
	sqlite3_stmt *q;
	enum err e = store_prepare(st, "INSERT INTO bundles(hash, device, seq, received_at, state,"
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
	sqlite3_finalize(q);
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

/* ---- received revisions ---- */

enum err
store_sub_receive(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *device, int src_rev,
    int64_t src_created, const char *data, enum store_receive *what, char **cause)
{
	sqlite3_stmt *q;
	int64_t id = 0, cur_created = -1;
	int have = 0, newer = 0, rev = 0, rc;
	enum err e;
	char *object, *detail;

	*what = STORE_RECEIVED_NEW;
	e = store_prepare(st, "SELECT s.id, s.current_rev, (SELECT src_created FROM revisions r"
	    " WHERE r.submission_id = s.id AND r.rev = s.current_rev), (SELECT count(*) FROM"
	    " revisions r WHERE r.submission_id = s.id AND r.device = ?4 AND r.src_rev = ?5),"
	    " (SELECT count(*) FROM revisions r WHERE r.submission_id = s.id AND r.device = ?4"
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
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(q, 0);
		rev = sqlite3_column_int(q, 1);
		cur_created = sqlite3_column_int64(q, 2);
		have = sqlite3_column_int(q, 3);
		newer = sqlite3_column_int(q, 4);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, rc, cause);
	if (have > 0) {
		*what = STORE_RECEIVED_DUPLICATE;
		return ERR_OK;
	}
	if (id == 0) {
		e = store_prepare(st, "INSERT INTO submissions(form_id, unit_id, period, status,"
		    " current_rev, updated_at) VALUES (?1, ?2, ?3, 'received', 1, ?4)", &q, cause);
		if (e != ERR_OK)
			return e;
		sqlite3_bind_text(q, 1, form_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, unit_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, store_now());
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, cause);
		id = sqlite3_last_insert_rowid(st->db);
	} else if (newer > 0 || src_created < cur_created) {
		/* a later revision from this device, or a newer entry, is here */
		*what = STORE_RECEIVED_OLDER;
	}
	e = store_prepare(st, "INSERT INTO revisions(submission_id, rev, form_version, device,"
	    " final, data, created_at, src_rev, src_created) VALUES (?1, (SELECT"
	    " coalesce(max(rev), 0) + 1 FROM revisions WHERE submission_id = ?1), ?2, ?3, 1, ?4,"
	    " ?5, ?6, ?7) RETURNING rev", &q, cause);
	if (e != ERR_OK)
		return e;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, form_version);
	sqlite3_bind_text(q, 3, device, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, data, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, store_now());
	sqlite3_bind_int(q, 6, src_rev);
	sqlite3_bind_int64(q, 7, src_created);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		rev = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return store_error(st, rc, cause);
	if (*what == STORE_RECEIVED_NEW) {
		e = store_prepare(st, "UPDATE submissions SET status = 'received', status_reason ="
		    " NULL, current_rev = ?2, updated_at = ?3 WHERE id = ?1", &q, cause);
		if (e != ERR_OK)
			return e;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int(q, 2, rev);
		sqlite3_bind_int64(q, 3, store_now());
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, cause);
	}
	object = xasprintf("%s/%s/%s", form_id, unit_id, period);
	detail = xasprintf("rev %d from %s rev %d%s", rev, device, src_rev,
	    *what == STORE_RECEIVED_OLDER ? " (older, kept in history)" : "");
	e = store_audit(st, "import", object, detail, cause);
	free(object);
	free(detail);
	return e;
}

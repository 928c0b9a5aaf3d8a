/*
 * sync-bundle: a field unit's bundle, written and imported (see sync.h).
 *
 * Payload (JSON):
 *   {"kind": "bundle", "commune": "...", "unit": "thon-dong-tam",
 *    "submissions": [{"form": "nl09-thon-thang", "period": "2026-10",
 *                     "rev": 2, "form_version": 1, "created": 1793000000,
 *                     "data": {...the submission, forms/sub.h...}}, ...]}
 *
 * Import, in order: open the sealed file (signature, recipient, limits);
 * the same bytes seen before are "already imported"; the sender must be an
 * approved device (unknown: recorded as pending and the bundle held; revoked:
 * refused) reporting for its own unit; then every submission is re-checked
 * against its form and kept, all in one transaction.
 */
#include "sync.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sync-int.h"
#include "sync-seal.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/sub.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"

enum err sync_export(struct store *st, unsigned char **file, size_t *len, int *count,
		     char **cause)
{
	struct store_install in;
	struct store_sub *subs = NULL;
	unsigned char office[32];
	size_t n = 0;
	int known;
	json_t *root = NULL, *arr;
	char *payload = NULL;
	enum err e;

	*file = NULL;
	*len = 0;
	*count = 0;
	e = store_install_get(st, &in, cause);
	if (e != ERR_OK)
		return e;
	if (in.role != STORE_ROLE_FIELD) {
		store_install_free(&in);
		return err_set(cause, ERR_INVALID, "%s", TR("chỉ máy của đơn vị xuất báo cáo; văn "
		    "phòng dùng 'baocao pack'", "only field installations export; the office "
		    "uses 'baocao pack'"));
	}
	e = store_office_key(st, office, &known, cause);
	if (e == ERR_OK && !known)
		e = err_set(cause, ERR_INVALID, "%s", TR("chưa có khóa của văn phòng: hãy áp dụng "
		    "gói của văn phòng trước ('baocao apply')", "no office key yet: apply the "
		    "office's pack first ('baocao apply')"));
	if (e == ERR_OK)
		e = store_sub_list(st, in.unit_id, &subs, &n, cause);
	if (e != ERR_OK)
		goto out;
	root = json_pack("{s:s, s:s, s:s}", "kind", "bundle", "commune", in.commune, "unit",
	    in.unit_id);
	arr = json_array();
	json_object_set_new(root, "submissions", arr);
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		struct store_sub full;
		json_t *data;

		if (!subs[i].final || (strcmp(subs[i].status, "final") != 0 &&
		    strcmp(subs[i].status, "exported") != 0))
			continue;
		e = store_sub_get(st, subs[i].form_id, in.unit_id, subs[i].period, &full, cause);
		if (e != ERR_OK)
			break;
		data = json_loads(full.data, 0, NULL);
		if (data == NULL)
			e = err_set(cause, ERR_CORRUPT, TR("dữ liệu của %s %s bị hỏng",
			    "the data of %s %s is damaged"), full.form_id, full.period);
		else
			json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:i, s:I, s:o}", "form",
			    full.form_id, "period", full.period, "rev", full.rev, "form_version",
			    full.form_version, "created", (json_int_t)full.updated_at, "data", data));
		free(full.form_id);
		free(full.unit_id);
		free(full.period);
		free(full.status);
		free(full.status_reason);
		free(full.data);
		(*count)++;
	}
	if (e != ERR_OK)
		goto out;
	payload = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	{
		char *detail = xasprintf("%d submissions", *count);
		/* nothing counts as delivered until the office's receipt */
		e = sync_write(st, SYNC_BUNDLE, office, payload, "UPDATE submissions SET status ="
		    " 'exported' WHERE status = 'final'", "export", in.unit_id, detail, file, len,
		    cause);
		free(detail);
	}
out:
	free(payload);
	json_decref(root);
	store_sub_free(subs, n);
	store_install_free(&in);
	return e;
}

void sync_result_free(struct sync_result *res)
{
	free(res->unit);
	res->unit = NULL;
}

/* Keep every submission of an opened bundle (inside a transaction). */
static enum err import_payload(struct store *st, const struct form_set *set, json_t *root,
			       const char *unit, const char *device, struct sync_result *res,
			       char **cause)
{
	json_t *arr = json_object_get(root, "submissions"), *it;
	size_t i;

	if (!json_is_array(arr))
		return err_set(cause, ERR_CORRUPT, "%s", TR("nội dung tệp không đúng định dạng",
		    "the content does not have the expected shape"));
	json_array_foreach(arr, i, it) {
		const char *form_id = json_string_value(json_object_get(it, "form"));
		const char *period = json_string_value(json_object_get(it, "period"));
		json_t *rev = json_object_get(it, "rev"), *ver = json_object_get(it, "form_version");
		json_t *created = json_object_get(it, "created"), *data = json_object_get(it, "data");
		const struct form *f;
		struct period p;
		struct sub *s;
		struct sub_issue *is;
		size_t nis, errors, unconfirmed;
		enum store_receive what;
		char *text, *why = NULL;
		int report;
		enum err e;

		if (form_id == NULL || period == NULL || !json_is_integer(rev) ||
		    !json_is_integer(ver) || !json_is_integer(created) || !json_is_object(data) ||
		    json_integer_value(rev) < 1 || json_integer_value(rev) > 1000000)
			return err_set(cause, ERR_CORRUPT, TR("báo cáo thứ %zu trong tệp không đúng "
			    "định dạng", "submission %zu in the file does not have the expected "
			    "shape"), i + 1);
		if (!form_set_find(set, form_id, &f, &report))
			return err_set(cause, ERR_INVALID, TR("biểu mẫu '%s' chưa được cài ở văn phòng",
			    "form '%s' is not installed at the office"), form_id);
		if (!period_parse(f->reports[report].rule.kind, period, &p))
			return err_set(cause, ERR_INVALID, TR("kỳ '%s' không hợp lệ cho %s",
			    "'%s' is not a period of %s"), period, form_id);
		/* The office's own check, with the form as installed here. */
		text = json_dumps(data, JSON_COMPACT | JSON_PRESERVE_ORDER);
		s = sub_from_json(f, report, period, text, false, &why);
		if (s == NULL) {
			e = err_set(cause, ERR_INVALID, TR("%s %s: %s", "%s %s: %s"), form_id, period,
			    why);
			free(why);
			free(text);
			return e;
		}
		nis = sub_check(s, &is);
		sub_count(is, nis, &errors, &unconfirmed);
		sub_issues_free(is, nis);
		sub_free(s);
		if (errors > 0)
			res->n_errors++;
		e = store_sub_receive(st, form_id, unit, period, (int)json_integer_value(ver),
		    device, (int)json_integer_value(rev), json_integer_value(created), text, &what,
		    cause);
		free(text);
		if (e != ERR_OK)
			return e;
		if (what == STORE_RECEIVED_NEW)
			res->n_new++;
		else if (what == STORE_RECEIVED_OLDER)
			res->n_older++;
		else
			res->n_dup++;
	}
	return ERR_OK;
}

enum err sync_import(struct store *st, const struct form_set *forms, const unsigned char *file,
		     size_t len, struct sync_result *res, char **cause)
{
	struct store_install in;
	struct store_device dev;
	struct sync_header h;
	struct form_set set;
	unsigned char hash[32], *sk = NULL;
	char *payload = NULL, *state = NULL, *why = NULL;
	const char *unit;
	size_t plen;
	json_t *root = NULL;
	enum err e;
	int have_dev = 0, have_set = 0;

	memset(res, 0, sizeof *res);
	e = store_install_get(st, &in, cause);
	if (e != ERR_OK)
		return e;
	if (in.role != STORE_ROLE_OFFICE) {
		store_install_free(&in);
		return err_set(cause, ERR_INVALID, "%s", TR("chỉ văn phòng xã nhập tệp báo cáo; máy "
		    "đơn vị dùng 'baocao apply' cho gói của văn phòng", "only the office imports "
		    "bundles; a field installation applies office packs ('baocao apply')"));
	}
	store_install_free(&in);
	e = store_install_secret(st, &sk, cause);
	if (e != ERR_OK)
		return e;
	/* 1. the file itself */
	if (sync_open(SYNC_BUNDLE, file, len, sk, &h, &payload, &plen, &why) != ERR_OK) {
		res->outcome = SYNC_REFUSED;
		*cause = why;
		goto out;
	}
	store_fingerprint(h.sender, res->fingerprint);
	root = json_loads(payload, JSON_REJECT_DUPLICATES, NULL);
	unit = json_string_value(json_object_get(root, "unit"));
	if (root == NULL || unit == NULL || !store_id_valid(unit) ||
	    strcmp(json_string_value(json_object_get(root, "kind")) ?
	    json_string_value(json_object_get(root, "kind")) : "", "bundle") != 0) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_CORRUPT, "%s", TR("nội dung tệp không đúng định dạng",
		    "the content does not have the expected shape"));
		goto out;
	}
	res->unit = xstrdup(unit);
	crypto_generichash(hash, sizeof hash, file, len, NULL, 0);
	/* 2. seen before? */
	e = store_bundle_state(st, hash, &state, cause);
	if (e != ERR_OK)
		goto out;
	if (state != NULL && strcmp(state, "imported") == 0) {
		res->outcome = SYNC_ALREADY;
		goto out;
	}
	/* 3. who sent it */
	e = store_device_get(st, h.sender, &dev, cause);
	if (e == ERR_NOTFOUND) {
		free(*cause);
		*cause = NULL;
		e = store_begin(st, cause);
		if (e == ERR_OK)
			e = store_device_seen(st, h.sender, unit, cause);
		if (e == ERR_OK)
			e = store_bundle_put(st, hash, res->fingerprint, h.seq, "held", NULL, file, len,
			    cause);
		if (e == ERR_OK)
			e = store_audit(st, "hold", res->fingerprint, unit, cause);
		if (e == ERR_OK)
			e = store_commit(st, cause);
		if (e != ERR_OK)
			store_rollback(st);
		else
			res->outcome = SYNC_HELD;
		goto out;
	}
	if (e != ERR_OK)
		goto out;
	have_dev = 1;
	if (strcmp(dev.state, "pending") == 0) {
		e = store_begin(st, cause);
		if (e == ERR_OK)
			e = store_bundle_put(st, hash, res->fingerprint, h.seq, "held", NULL, file, len,
			    cause);
		if (e == ERR_OK)
			e = store_commit(st, cause);
		if (e != ERR_OK)
			store_rollback(st);
		else
			res->outcome = SYNC_HELD;
		goto out;
	}
	if (strcmp(dev.state, "revoked") == 0) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_INVALID, TR("thiết bị %s đã bị thu hồi", "device %s was revoked"),
		    res->fingerprint);
		goto out;
	}
	if (dev.unit_id == NULL || strcmp(dev.unit_id, unit) != 0) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_INVALID, TR("thiết bị %s được duyệt cho đơn vị %s, không phải %s",
		    "device %s is approved for unit %s, not %s"), res->fingerprint,
		    dev.unit_id ? dev.unit_id : "?", unit);
		goto out;
	}
	/* 4. everything in one transaction */
	if (forms == NULL) {
		e = form_set_load(st, &set, cause);
		if (e != ERR_OK)
			goto out;
		have_set = 1;
		forms = &set;
	}
	e = store_begin(st, cause);
	if (e == ERR_OK) {
		enum err ie = import_payload(st, forms, root, unit, res->fingerprint, res, cause);
		if (ie == ERR_INVALID || ie == ERR_CORRUPT) {
			/* the bundle is at fault, not the store: refuse it, change nothing */
			store_rollback(st);
			res->outcome = SYNC_REFUSED;
			res->n_new = res->n_older = res->n_dup = res->n_errors = 0;
			goto out;
		}
		e = ie;
	}
	if (e == ERR_OK)
		e = store_bundle_put(st, hash, res->fingerprint, h.seq, "imported", NULL, NULL, 0,
		    cause);
	if (e == ERR_OK)
		e = store_device_seq(st, res->fingerprint, h.seq, cause);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		store_rollback(st);
	else
		res->outcome = SYNC_IMPORTED;
out:
	if (have_set)
		form_set_free(&set);
	if (have_dev) {
		free(dev.unit_id);
		free(dev.state);
	}
	free(state);
	json_decref(root);
	free(payload);
	store_secret_free(sk);
	return e;
}

enum err sync_approve(struct store *st, const char *fingerprint, int *imported, char **cause)
{
	struct store_device *devs = NULL;
	unsigned char **held = NULL;
	size_t *lens = NULL, nheld = 0, n = 0;
	const char *fpr = NULL;
	char want[STORE_FPR_LEN + 1];
	enum err e;

	*imported = 0;
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_device_decide(st, fingerprint, "approved", cause);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK) {
		store_rollback(st);
		return e;
	}
	e = store_device_list(st, &devs, &n, cause);
	if (e == ERR_OK && store_fpr_normal(fingerprint, want))
		for (size_t i = 0; i < n; i++)
			if (strcmp(devs[i].fingerprint, want) == 0)
				fpr = devs[i].fingerprint;
	if (e == ERR_OK && fpr != NULL)
		e = store_bundle_held(st, fpr, &held, &lens, &nheld, cause);
	for (size_t i = 0; e == ERR_OK && i < nheld; i++) {
		struct sync_result r;
		char *why = NULL;
		e = sync_import(st, NULL, held[i], lens[i], &r, &why);
		if (e == ERR_OK && r.outcome == SYNC_IMPORTED)
			(*imported)++;
		if (e != ERR_OK)	/* a full disk, say: the user must read why */
			err_set(cause, e, "%s", why != NULL ? why : "?");
		free(why);
		sync_result_free(&r);
	}
	for (size_t i = 0; i < nheld; i++)
		free(held[i]);
	free(held);
	free(lens);
	store_device_free(devs, n);
	return e;
}

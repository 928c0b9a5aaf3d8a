/*
 * sync-pack: the office pack, written and applied (see sync.h).
 *
 * Payload (JSON):
 *   {"kind": "pack", "commune": "Ngọc Lặc",
 *    "forms": [{"id": "nl09-thon", "version": 1, "definition": "..."}],
 *    "calendar": "holidays: ...",          (or null)
 *    "units": [{"id": "...", "kind": "thon", "name": "Thôn Đồng Tâm"}],
 *    "receipts": [{"unit": "...", "form": "nl09-thon-thang",
 *                  "period": "2026-10", "rev": 2, "status": "returned",
 *                  "reason": "..."}]}
 *
 * A field installation trusts one office key: the one of the pack it was
 * set up with. Applying checks the signature is that key's, skips a pack
 * whose sequence number is not newer than the last one applied (so an old
 * pack cannot undo a newer one), then installs forms of its unit's kind,
 * the calendar, its own roster entry, and the office's word on its
 * submissions. Each step is idempotent, so a pack applied twice, or after
 * an interruption, ends in the same state.
 */
#include "sync.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "sync-int.h"
#include "sync-seal.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../storage/store-audit.h"
#include "../storage/store-forms.h"
#include "../storage/store-inst.h"
#include "../storage/store-settings.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"

#define SETTING_PACK_SEQ "pack_seq"

enum err sync_pack(struct store *st, unsigned char **file, size_t *len, char **cause)
{
	struct store_install in;
	struct store_form *forms = NULL;
	struct store_unit *units = NULL;
	struct store_receipt *rc = NULL;
	size_t nforms = 0, nunits = 0, nrc = 0;
	char *cal = NULL, *payload = NULL;
	json_t *root = NULL, *arr;
	enum err e;

	*file = NULL;
	*len = 0;
	e = store_install_get(st, &in, cause);
	if (e != ERR_OK)
		return e;
	if (in.role != STORE_ROLE_OFFICE) {
		store_install_free(&in);
		return err_set(cause, ERR_INVALID, "%s", TR("chỉ văn phòng xã làm gói; máy đơn vị "
		    "dùng 'baocao export'", "only the office writes packs; a field installation "
		    "uses 'baocao export'"));
	}
	e = store_form_latest(st, &forms, &nforms, cause);
	if (e == ERR_OK)
		e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e == ERR_OK)
		e = store_sub_receipts(st, in.fingerprint, &rc, &nrc, cause);
	if (e == ERR_OK)
		e = store_setting_get(st, STORE_SETTING_HOLIDAYS, &cal, cause);
	if (e != ERR_OK)
		goto out;
	root = json_pack("{s:s, s:s}", "kind", "pack", "commune", in.commune);
	arr = json_array();
	for (size_t i = 0; i < nforms; i++)
		json_array_append_new(arr, json_pack("{s:s, s:i, s:s}", "id", forms[i].id,
		    "version", forms[i].version, "definition", forms[i].definition));
	json_object_set_new(root, "forms", arr);
	json_object_set_new(root, "calendar", cal ? json_string(cal) : json_null());
	arr = json_array();
	for (size_t i = 0; i < nunits; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "id", units[i].id, "kind",
		    units[i].kind, "name", units[i].name));
	json_object_set_new(root, "units", arr);
	arr = json_array();
	for (size_t i = 0; i < nrc; i++) {
		json_t *r = json_pack("{s:s, s:s, s:s, s:i, s:s}", "unit", rc[i].unit_id, "form",
		    rc[i].form_id, "period", rc[i].period, "rev", rc[i].rev, "status", rc[i].status);
		if (rc[i].reason)
			json_object_set_new(r, "reason", json_string(rc[i].reason));
		json_array_append_new(arr, r);
	}
	json_object_set_new(root, "receipts", arr);
	payload = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	{
		char *detail = xasprintf("%zu forms, %zu units, %zu receipts", nforms, nunits, nrc);
		e = sync_write(st, SYNC_PACK, NULL, payload, NULL, "pack", in.commune, detail, file,
		    len, cause);
		free(detail);
	}
out:
	free(payload);
	free(cal);
	json_decref(root);
	store_form_free(forms, nforms);
	store_unit_free(units, nunits);
	store_receipt_free(rc, nrc);
	store_install_free(&in);
	return e;
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

enum err sync_apply(struct store *st, const unsigned char *file, size_t len, int trust_new,
		    struct sync_applied *res, char **cause)
{
	struct store_install in;
	struct sync_header h;
	unsigned char *sk = NULL, office[32];
	char *payload = NULL, *last = NULL, seqbuf[32];
	const char *kind = NULL, *commune;
	size_t plen, i;
	json_t *root = NULL, *it;
	int known, changed;
	enum err e;

	memset(res, 0, sizeof *res);
	e = store_install_get(st, &in, cause);
	if (e != ERR_OK)
		return e;
	if (in.role != STORE_ROLE_FIELD) {
		store_install_free(&in);
		return err_set(cause, ERR_INVALID, "%s", TR("chỉ máy của đơn vị áp dụng gói của văn "
		    "phòng", "only field installations apply office packs"));
	}
	e = store_install_secret(st, &sk, cause);
	if (e == ERR_OK)
		e = sync_open(SYNC_PACK, file, len, sk, &h, &payload, &plen, cause);
	if (e == ERR_OK)
		e = store_office_key(st, office, &known, cause);
	if (e == ERR_OK && !known && !trust_new)
		e = err_set(cause, ERR_INVALID, "%s", TR("máy này chưa tin cậy văn phòng nào: hãy cài "
		    "lại bằng 'baocao setup field --unit MÃ --pack TỆP'", "this installation trusts "
		    "no office yet: set it up with 'baocao setup field --unit ID --pack FILE'"));
	if (e == ERR_OK && known && memcmp(office, h.sender, 32) != 0)
		e = err_set(cause, ERR_CORRUPT, "%s", TR("gói này không do văn phòng đã tin cậy ký",
		    "this pack is not signed by the office this installation trusts"));
	if (e != ERR_OK)
		goto out;
	root = json_loads(payload, JSON_REJECT_DUPLICATES, NULL);
	commune = jstr(root, "commune");
	if (root == NULL || commune == NULL || jstr(root, "kind") == NULL ||
	    strcmp(jstr(root, "kind"), "pack") != 0 || !json_is_array(json_object_get(root, "forms")) ||
	    !json_is_array(json_object_get(root, "units")) ||
	    !json_is_array(json_object_get(root, "receipts"))) {
		e = err_set(cause, ERR_CORRUPT, "%s", TR("nội dung gói không đúng định dạng",
		    "the pack's content does not have the expected shape"));
		goto out;
	}
	/* this unit must be on the office's roster: its kind decides the forms */
	json_array_foreach(json_object_get(root, "units"), i, it)
		if (jstr(it, "id") && strcmp(jstr(it, "id"), in.unit_id) == 0)
			kind = jstr(it, "kind");
	if (kind == NULL || !store_id_valid(kind)) {
		e = err_set(cause, ERR_INVALID, TR("đơn vị '%s' không có trong danh sách của văn "
		    "phòng", "unit '%s' is not on the office's roster"), in.unit_id);
		goto out;
	}
	e = store_setting_get(st, SETTING_PACK_SEQ, &last, cause);
	if (e != ERR_OK)
		goto out;
	if (known && last != NULL && strtoull(last, NULL, 10) >= h.seq) {
		res->already = 1;
		goto out;
	}
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_office_key_set(st, h.sender, commune, cause);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK) {
		store_rollback(st);
		goto out;
	}
	json_array_foreach(json_object_get(root, "forms"), i, it) {
		const char *def = jstr(it, "definition"), *id = jstr(it, "id");
		struct form_errors errs;
		struct form *f;
		int added;

		if (def == NULL || id == NULL) {
			e = err_set(cause, ERR_CORRUPT, "%s", TR("nội dung gói không đúng định dạng",
			    "the pack's content does not have the expected shape"));
			goto out;
		}
		f = form_load(id, def, strlen(def), &errs);
		if (f == NULL) {
			e = err_set(cause, ERR_INVALID, TR("biểu mẫu trong gói bị lỗi: %s",
			    "a form in the pack is broken: %s"), errs.lines[0]);
			form_errors_free(&errs);
			goto out;
		}
		if (form_sees(f, kind)) {
			e = form_install_text(st, id, def, strlen(def), &errs, &added, cause);
			form_errors_free(&errs);
			if (e == ERR_VERSION) {
				free(*cause);
				*cause = NULL;
				e = ERR_OK;
			}
			res->forms += added ? (int)f->nreports : 0;
		}
		form_free(f);
		if (e != ERR_OK)
			goto out;
	}
	if (json_is_string(json_object_get(root, "calendar"))) {
		const char *cal = jstr(root, "calendar");
		struct form_errors errs;
		int added;
		e = form_install_text(st, "calendar", cal, strlen(cal), &errs, &added, cause);
		if (e == ERR_INVALID && errs.n > 0)
			e = err_set(cause, ERR_INVALID, TR("lịch trong gói bị lỗi: %s",
			    "the calendar in the pack is broken: %s"), errs.lines[0]);
		form_errors_free(&errs);
		if (e != ERR_OK)
			goto out;
	}
	json_array_foreach(json_object_get(root, "units"), i, it) {
		const char *id = jstr(it, "id"), *k = jstr(it, "kind"), *name = jstr(it, "name");
		if (id == NULL || strcmp(id, in.unit_id) != 0 || k == NULL || name == NULL)
			continue;
		e = store_unit_add(st, id, k, name, NULL, cause);
		if (e == ERR_EXISTS) {
			free(*cause);
			*cause = NULL;
			e = ERR_OK;
		} else if (e == ERR_OK) {
			res->units++;
		} else {
			goto out;
		}
	}
	e = store_begin(st, cause);
	json_array_foreach(json_object_get(root, "receipts"), i, it) {
		const char *unit = jstr(it, "unit"), *form = jstr(it, "form"), *per = jstr(it, "period");
		const char *status = jstr(it, "status"), *reason = jstr(it, "reason");
		json_t *rev = json_object_get(it, "rev");
		if (e != ERR_OK)
			break;
		if (unit == NULL || strcmp(unit, in.unit_id) != 0 || form == NULL || per == NULL ||
		    status == NULL || !json_is_integer(rev))
			continue;
		if (strcmp(status, "received") != 0 && strcmp(status, "approved") != 0 &&
		    strcmp(status, "returned") != 0)
			continue;
		e = store_sub_set_status(st, form, unit, per, (int)json_integer_value(rev), status,
		    reason, &changed, cause);
		res->receipts += changed;
	}
	snprintf(seqbuf, sizeof seqbuf, "%llu", (unsigned long long)h.seq);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		store_rollback(st);
	if (e == ERR_OK)
		e = store_setting_set(st, SETTING_PACK_SEQ, seqbuf, NULL, cause);
out:
	free(last);
	json_decref(root);
	free(payload);
	store_secret_free(sk);
	store_install_free(&in);
	return e;
}

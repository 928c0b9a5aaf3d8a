/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 *                  "reason": "..."}],
 *    "revoked": ["K7QD-M2XA-9FHT-C4WE", ...],  (devices the office revoked)
 *    "seen": [{"device": "K7QD-...", "seq": 12}],  (sealed packs: the last
 *                            bundle the office has from each device)
 *    "events": [{"form": "papi", "event": "khao-sat", "date": "2026-06-24"}],
 *                           (the days of plans' events: sync-events.c)
 *    "seq_sig": "HEX128"}   (the office's word for the pack's number: a
 *                            bundle echoes it to a restored office)
 *
 * The pack is sealed to every device the office approved (so a lost stick
 * tells nothing, and a revoked device reads no new pack); before any is
 * approved, or for setting up a new unit ('pack --setup'), it is open —
 * signed, not encrypted — and carries forms, calendar and roster only.
 *
 * A field installation trusts one office key: the one of the pack it was
 * set up with. Applying checks the signature is that key's, skips a pack
 * whose sequence number is not newer than the last one applied (so an old
 * pack cannot undo a newer one), then installs forms of its unit's kind,
 * the calendar, its own roster entry, and the office's word on its
 * submissions; a device the office has revoked learns it here (and stops
 * exporting, sync_export), one approved again learns that too. Each step is idempotent, so a pack applied twice, or after
 * an interruption, ends in the same state.
 */
#include "sync.h"

#include <jansson.h>
#include <stdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sync-events.h"
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

/*
 * The "unit_receipts" member: for each unit with receipts RC (N) and at
 * least one approved device among DEVS (NDEVS), {"unit", "devices": the
 * fingerprints it is sealed to, "sealed": BASE64 of a file of kind pack,
 * signed by the office, sealed to those devices, holding {"kind":
 * "unit-receipts", "unit", "receipts": [...]}}. On failure NULL, *E and
 * *CAUSE set.
 */
static json_t *unit_parts(struct store *st, const struct store_device *devs, size_t ndevs,
			  const struct store_receipt *rc, size_t n, enum err *e, char **cause)
{
	json_t *parts = json_array();
	unsigned char *sk = NULL, *rcpt = xcalloc(ndevs ? ndevs : 1, 32);

	*e = store_install_secret(st, &sk, cause);
	for (size_t i = 0; *e == ERR_OK && i < n; i++) {
		const char *unit = rc[i].unit_id;
		json_t *fprs, *inner, *arr, *part;
		size_t nr = 0, flen, blen;
		unsigned char *file = NULL;
		char *text, *b64;
		int seen = 0;

		for (size_t j = 0; j < i && !seen; j++)	/* each unit once */
			seen = strcmp(rc[j].unit_id, unit) == 0;
		if (seen)
			continue;
		fprs = json_array();
		for (size_t j = 0; j < ndevs && nr < SYNC_MAX_RECIPIENTS; j++)
			if (strcmp(devs[j].state, "approved") == 0 && devs[j].unit_id != NULL &&
			    strcmp(devs[j].unit_id, unit) == 0) {
				memcpy(rcpt + 32 * nr++, devs[j].pk, 32);
				json_array_append_new(fprs, json_string(devs[j].fingerprint));
			}
		if (nr == 0) {	/* no device of its own to read them: none sent */
			json_decref(fprs);
			continue;
		}
		arr = json_array();
		for (size_t j = i; j < n; j++) {
			json_t *r;
			if (strcmp(rc[j].unit_id, unit) != 0)
				continue;
			r = json_pack("{s:s, s:s, s:s, s:i, s:s}", "unit", rc[j].unit_id, "form",
			    rc[j].form_id, "period", rc[j].period, "rev", rc[j].rev, "status",
			    rc[j].status);
			if (rc[j].reason)
				json_object_set_new(r, "reason", json_string(rc[j].reason));
			json_array_append_new(arr, r);
		}
		inner = json_pack("{s:s, s:s, s:o}", "kind", "unit-receipts", "unit", unit,
		    "receipts", arr);
		text = json_dumps(inner, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(inner);
		*e = sync_seal(SYNC_PACK, sk, rcpt, nr, unit, 0, store_now(), text, strlen(text),
		    &file, &flen, cause);
		free(text);
		if (*e != ERR_OK) {
			json_decref(fprs);
			break;
		}
		blen = sodium_base64_ENCODED_LEN(flen, sodium_base64_VARIANT_ORIGINAL);
		b64 = xmalloc(blen);
		sodium_bin2base64(b64, blen, file, flen, sodium_base64_VARIANT_ORIGINAL);
		free(file);
		part = json_pack("{s:s, s:o, s:s}", "unit", unit, "devices", fprs, "sealed", b64);
		free(b64);
		json_array_append_new(parts, part);
	}
	if (sk != NULL)
		store_secret_free(sk);
	free(rcpt);
	if (*e != ERR_OK) {
		json_decref(parts);
		return NULL;
	}
	return parts;
}

/* Write a pack: SETUP, or no device approved yet, an open one without
 * receipts; else sealed to every approved device, receipts included. */
static enum err pack_write(struct store *st, int setup, unsigned char **file, size_t *len,
			   char **cause)
{
	struct store_install in;
	struct store_device *devs = NULL;
	unsigned char *rcpt = NULL;
	size_t ndevs = 0, nrcpt = 0;
	struct store_form *forms = NULL;
	struct store_unit *units = NULL;
	struct store_receipt *rc = NULL;
	size_t nforms = 0, nunits = 0, nrc = 0;
	char *cal = NULL;
	json_t *root = NULL, *arr;
	struct sync_dict dict = { 0 };
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
	/* Recipients: every approved device, and a revoked one that was
	 * approved once for the first sealed pack after its revocation only,
	 * so that it learns from it that it was revoked (and stops exporting)
	 * and reads nothing the office writes after. A key the office only
	 * ever held and refused (anyone can send a bundle from a throwaway
	 * key) reads nothing. */
	e = setup ? ERR_OK : store_device_list(st, &devs, &ndevs, cause);
	if (e == ERR_OK && ndevs > 0) {
		rcpt = xcalloc(ndevs, 32);
		for (size_t i = 0; e == ERR_OK && i < ndevs; i++) {
			int to = strcmp(devs[i].state, "approved") == 0;
			if (!to && strcmp(devs[i].state, "revoked") == 0) {
				int told = 0;
				e = store_device_was_approved(st, devs[i].fingerprint, &to, cause);
				if (e == ERR_OK && to)
					e = store_device_told(st, devs[i].fingerprint, &told, cause);
				to = to && !told;
			}
			if (to && nrcpt < SYNC_MAX_RECIPIENTS)
				memcpy(rcpt + 32 * nrcpt++, devs[i].pk, 32);
		}
	}
	/* the dictionary bundles are to be compressed with: made again when
	 * the forms changed, sent in every pack (a unit that missed one gets
	 * it from the next) */
	if (e == ERR_OK) {
		uint32_t did;
		int made;
		e = sync_dict_train(st, &did, &made, cause);
		if (e == ERR_OK)
			e = sync_dict_current(st, &dict, cause);
	}
	if (e == ERR_OK)
		e = store_form_latest(st, &forms, &nforms, cause);
	if (e == ERR_OK)
		e = store_unit_list(st, NULL, &units, &nunits, cause);
	/* the office's word on submissions only goes sealed to the devices */
	if (e == ERR_OK && nrcpt > 0)
		e = store_sub_receipts(st, in.fingerprint, &rc, &nrc, cause);
	if (e == ERR_OK)
		e = store_setting_get(st, STORE_SETTING_HOLIDAYS, &cal, cause);
	/* a setup pack (open) names no device: it lists none as revoked */
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
	if (dict.id != 0)
		json_object_set_new(root, "zstd_dict", sync_dict_json(&dict));
	/* each unit's receipts (and the office's reasons for returning its
	 * reports) are sealed again to that unit's devices alone: a village
	 * reads its own, never its neighbours'; "receipts" stays, empty, for
	 * the shape older readers check */
	json_object_set_new(root, "receipts", json_array());
	if (nrc > 0) {
		json_t *parts = unit_parts(st, devs, ndevs, rc, nrc, &e, cause);
		if (e != ERR_OK)
			goto out;
		json_object_set_new(root, "unit_receipts", parts);
	}
	arr = json_array();
	for (size_t i = 0; i < ndevs; i++)
		if (strcmp(devs[i].state, "revoked") == 0)
			json_array_append_new(arr, json_string(devs[i].fingerprint));
	json_object_set_new(root, "revoked", arr);
	/* the last bundle the office has from each device: a device restored
	 * from a backup learns from it to number its next bundles past it */
	if (nrcpt > 0) {
		arr = json_array();
		for (size_t i = 0; i < ndevs; i++)
			if (strcmp(devs[i].state, "approved") == 0 && devs[i].last_seq > 0)
				json_array_append_new(arr, json_pack("{s:s, s:I}", "device",
				    devs[i].fingerprint, "seq", (json_int_t)devs[i].last_seq));
		json_object_set_new(root, "seen", arr);
	}
	/* the days of plans' events the office recorded (sync-events.c) */
	if ((arr = sync_events_json(st, &e, cause)) == NULL)
		goto out;
	json_object_set_new(root, "events", arr);
	{
		json_t *chain = sync_chain_json(st, cause, &e);
		if (e != ERR_OK)
			goto out;
		if (chain != NULL)
			json_object_set_new(root, "key_chain", chain);
	}
	{
		char *detail = xasprintf("%zu forms, %zu units, %zu receipts", nforms, nunits, nrc);
		char *d2 = xasprintf("%s, %s", detail, nrcpt > 0 ? "sealed" : "open");
		e = sync_write(st, SYNC_PACK, rcpt, nrcpt, NULL, root, NULL, NULL, "pack", in.commune,
		    d2, NULL, file, len, cause);
		free(d2);
		free(detail);
	}
out:
	sync_dict_free(&dict);
	free(cal);
	json_decref(root);
	store_form_free(forms, nforms);
	store_unit_free(units, nunits);
	store_receipt_free(rc, nrc);
	store_install_free(&in);
	store_device_free(devs, ndevs);
	free(rcpt);
	return e;
}

enum err sync_pack(struct store *st, unsigned char **file, size_t *len, char **cause)
{
	return pack_write(st, 0, file, len, cause);
}

enum err sync_pack_setup(struct store *st, unsigned char **file, size_t *len, char **cause)
{
	return pack_write(st, 1, file, len, cause);
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * An answer the office gave (received, approved, returned) to revision REV
 * of a report this installation has changed since (its revision here is
 * newer, final or draft): the answer is for the old content, and the new
 * one has none yet. Counted, and the first few named, in RES.
 */
static enum err
stale_answer(struct store *st, const char *form, const char *unit, const char *period, int rev,
    struct sync_applied *res, char **cause)
{
	struct store_sub s;
	enum err e = store_sub_get(st, form, unit, period, &s, cause);

	if (e == ERR_NOTFOUND) {	/* an answer for a report not here: nothing to say */
		free(*cause);
		*cause = NULL;
		return ERR_OK;
	}
	if (e != ERR_OK)
		return e;
	if (s.rev > rev) {
		if (res->n_stale_listed < SYNC_STALE_LISTED) {
			int k = res->n_stale_listed++;
			snprintf(res->stale_list[k].form, sizeof res->stale_list[k].form, "%s", form);
			snprintf(res->stale_list[k].period, sizeof res->stale_list[k].period, "%s",
			    period);
			res->stale_list[k].rev = rev;
			res->stale_list[k].here = s.rev;
		}
		res->stale++;
	}
	free(s.form_id);
	free(s.unit_id);
	free(s.period);
	free(s.status);
	free(s.status_reason);
	free(s.data);
	return ERR_OK;
}

/* A part of a pack that cannot be read: one line, saying which. */
static enum err part_refused(const char *why, char **cause)
{
	return err_set(cause, ERR_CORRUPT, TR("phần biên nhận của đơn vị này trong gói không "
	    "đọc được: %s", "this unit's part of the pack (its receipts) cannot be read: %s"),
	    why);
}

/*
 * This unit's receipts in ROOT's "unit_receipts" (sync/FORMAT.md): the
 * part for IN's unit naming IN's device, opened with SK, signed by SIGNER
 * (the key the pack itself was verified with), read under LIM. *OUT: its
 * "receipts" array (a reference), or NULL if there is no part for this
 * device (an older office's pack; no receipt for the unit). A part meant
 * for this device that does not open or read refuses the pack.
 */
static enum err own_receipts(json_t *root, const struct store_install *in,
			     const unsigned char *sk, const unsigned char *signer,
			     const struct sync_limits *lim, json_t **out, char **cause)
{
	json_t *parts = json_object_get(root, "unit_receipts"), *it, *d;
	size_t i, j;

	*out = NULL;
	if (parts == NULL)
		return ERR_OK;
	if (!json_is_array(parts))
		return part_refused(TR("không phải một danh sách", "not a list"), cause);
	json_array_foreach(parts, i, it) {
		const char *b64 = jstr(it, "sealed"), *unit = jstr(it, "unit");
		struct sync_opened o = { 0 };
		unsigned char *bin;
		size_t n = 0, cap;
		json_t *inner = NULL, *arr;
		int me = 0;
		enum err e;
		char *why = NULL;

		if (unit == NULL || strcmp(unit, in->unit_id) != 0)
			continue;
		json_array_foreach(json_object_get(it, "devices"), j, d)
			me = me || (json_is_string(d) && strcmp(json_string_value(d),
			    in->fingerprint) == 0);
		if (!me)
			continue;	/* sealed to the unit's other devices */
		if (b64 == NULL)
			return part_refused(TR("thiếu nội dung", "its content is missing"), cause);
		cap = strlen(b64) / 4 * 3 + 3;
		bin = xmalloc(cap);
		if (sodium_base642bin(bin, cap, b64, strlen(b64), NULL, &n, NULL,
		    sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(bin);
			return part_refused(TR("không phải base64", "not base64"), cause);
		}
		e = sync_open(SYNC_PACK, bin, n, sk, &o, &why);
		free(bin);
		if (e == ERR_OK && sodium_memcmp(o.h.sender, signer, 32) != 0)
			e = err_set(&why, ERR_CORRUPT, "%s", TR("không do văn phòng ký",
			    "not signed by the office"));
		if (e == ERR_OK) {
			/* the office's own, as the pack: read under the budget
			 * its (larger) content needs, still bounded */
			struct sync_limits l = *lim;
			l.max_memory = sync_trusted_budget(o.h.plain_len);
			e = sync_decode(&o, &l, &inner, &why);
		}
		sync_opened_free(&o);
		arr = json_object_get(inner, "receipts");
		if (e == ERR_OK && (jstr(inner, "kind") == NULL ||
		    strcmp(jstr(inner, "kind"), "unit-receipts") != 0 || jstr(inner, "unit") == NULL ||
		    strcmp(jstr(inner, "unit"), in->unit_id) != 0 || !json_is_array(arr)))
			e = err_set(&why, ERR_CORRUPT, "%s", TR("nội dung không đúng định dạng",
			    "its content does not have the expected shape"));
		if (e != ERR_OK) {
			json_decref(inner);
			e = part_refused(why ? why : "?", cause);
			free(why);
			return e;
		}
		*out = json_incref(arr);
		json_decref(inner);
		return ERR_OK;
	}
	return ERR_OK;
}

enum err sync_apply(struct store *st, const unsigned char *file, size_t len, unsigned flags,
		    struct sync_applied *res, char **cause)
{
	struct store_install in;
	struct sync_opened o = { 0 };
	struct sync_limits lim;
	unsigned char *sk = NULL, office[32];
	char *last = NULL, *max = NULL, *lasthash = NULL, seqbuf[32];
	char hashhex[65];
	int trust_new = (flags & SYNC_TRUST_NEW) != 0, rotated = 0;
	const char *kind = NULL, *commune;
	size_t i;
	json_t *root = NULL, *it, *mine = NULL;
	int known, changed, outer = 0;
	struct sync_dict dict = { 0 };
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
	e = sync_file_check(st, len, cause);
	if (e == ERR_OK)
		e = store_install_secret(st, &sk, cause);
	if (e == ERR_OK)
		e = sync_open(SYNC_PACK, file, len, sk, &o, cause);
	if (e == ERR_OK)
		e = store_office_key(st, office, &known, cause);
	if (e == ERR_OK && !known && !trust_new)
		e = err_set(cause, ERR_INVALID, "%s", TR("máy này chưa tin cậy văn phòng nào: hãy cài "
		    "lại bằng 'baocao setup field --unit MÃ --pack TỆP'", "this installation trusts "
		    "no office yet: set it up with 'baocao setup field --unit ID --pack FILE'"));
	/* only a pack signed by the trusted office, or by a key it handed over
	 * to through links signed by the key trusted now, is used; its content
	 * is decompressed and parsed under the limits */
	if (e == ERR_OK)
		e = sync_limits_get(st, &lim, cause);
	/* signed by the office this installation trusts: the content is the
	 * office's own, and a commune's years of receipts take more memory to
	 * parse than a stranger's file is ever given (still bounded) */
	if (e == ERR_OK && known && memcmp(office, o.h.sender, 32) == 0)
		lim.max_memory = sync_trusted_budget(o.h.plain_len);
	if (e == ERR_OK && known && memcmp(office, o.h.sender, 32) != 0) {
		json_t *r = NULL;
		char *w = NULL;
		if (sync_decode(&o, &lim, &r, &w) == ERR_OK &&
		    sync_chain_follow(json_object_get(r, "key_chain"), office, o.h.sender)) {
			rotated = 1;
			root = r;
		} else {
			json_decref(r);
			e = err_set(cause, ERR_CORRUPT, "%s", TR("gói này không do văn phòng đã tin "
			    "cậy ký", "this pack is not signed by the office this installation "
			    "trusts"));
		}
		free(w);
	}
	if (e == ERR_OK && root == NULL)
		e = sync_decode(&o, &lim, &root, cause);
	if (e != ERR_OK)
		goto out;
	commune = jstr(root, "commune");
	if (root == NULL || commune == NULL || jstr(root, "kind") == NULL ||
	    strcmp(jstr(root, "kind"), "pack") != 0 || !json_is_array(json_object_get(root, "forms")) ||
	    !json_is_array(json_object_get(root, "units")) ||
	    !json_is_array(json_object_get(root, "receipts"))) {
		e = err_set(cause, ERR_CORRUPT, "%s", TR("nội dung gói không đúng định dạng",
		    "the pack's content does not have the expected shape"));
		goto out;
	}
	/* the dictionary to compress bundles with: checked before anything
	 * is applied (a bad one refuses the pack, which changes nothing) */
	if (json_object_get(root, "zstd_dict") != NULL) {
		e = sync_dict_from_json(json_object_get(root, "zstd_dict"), &dict, cause);
		if (e != ERR_OK)
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
	e = store_setting_get(st, SYNC_SETTING_PACK_SEQ, &last, cause);
	if (e != ERR_OK)
		goto out;
	res->seq = o.h.seq;
	res->last = last != NULL ? strtoull(last, NULL, 10) : 0;
	{
		unsigned char hash[32];
		crypto_generichash(hash, sizeof hash, file, len, NULL, 0);
		sodium_bin2hex(hashhex, sizeof hashhex, hash, sizeof hash);
	}
	e = store_setting_get(st, SYNC_SETTING_PACK_HASH, &lasthash, cause);
	if (e != ERR_OK)
		goto out;
	if (known && last != NULL && res->last == o.h.seq && (lasthash == NULL ||
	    strcmp(lasthash, hashhex) == 0)) {
		res->already = 1;
		goto out;
	}
	/* this very file was applied before (not only the last one): a replay,
	 * never "the office restored from a backup" — nothing to accept */
	if (known && last != NULL && res->last >= o.h.seq) {
		char *key = xasprintf("%s%s", SYNC_SETTING_PACK_APPLIED, hashhex), *was = NULL;
		e = store_setting_get(st, key, &was, cause);
		free(key);
		if (e != ERR_OK)
			goto out;
		if (was != NULL) {
			free(was);
			res->already = 1;
			goto out;
		}
	}
	/* Not newer than one applied: an old pack replayed, or an office
	 * restored from a backup whose sequence went back (so it may even
	 * number a different pack the same). Only a person can tell; nothing
	 * is done unless they accept it. */
	if (known && last != NULL && res->last >= o.h.seq) {
		res->older = 1;
		if (!(flags & SYNC_ACCEPT_OLDER))
			goto out;
	}
	e = store_setting_get(st, SYNC_SETTING_PACK_MAX, &max, cause);
	if (e != ERR_OK)
		goto out;
	/* All that follows is one transaction (the steps' own nest in it as
	 * savepoints): a crash or a full disk leaves the pack applied or not. */
	if ((e = store_begin(st, cause)) != ERR_OK)
		goto out;
	outer = 1;
	e = store_begin(st, cause);
	if (e == ERR_OK && rotated) {
		e = store_office_key_rotate(st, o.h.sender, cause);
		res->office_rotated = e == ERR_OK;
	}
	if (e == ERR_OK)
		e = store_office_key_set(st, o.h.sender, commune, cause);
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
	/* after the forms: the days of their events (an older office sends none) */
	e = sync_events_apply(st, json_object_get(root, "events"), &res->events, cause);
	if (e != ERR_OK)
		goto out;
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
	/* this unit's receipts: sealed again to its devices (a newer office),
	 * or among everyone's (an older one's pack) */
	if (!o.h.open) {
		e = own_receipts(root, &in, sk, o.h.sender, &lim, &mine, cause);
		if (e != ERR_OK)
			goto out;
	}
	e = store_begin(st, cause);
	for (int pass = 0; pass < 2; pass++)
	json_array_foreach(pass == 0 ? json_object_get(root, "receipts") : mine, i, it) {
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
		{
			/* the office has a revision numbered past any here: this
			 * installation was restored; number the next past it */
			int raised = 0;
			json_int_t rv = json_integer_value(rev);
			if (rv > 0 && rv <= 1000000)
				e = store_sub_rev_seen(st, form, unit, per, (int)rv, &raised, cause);
			res->revs_raised += raised;
		}
		if (e == ERR_OK)
			e = store_sub_set_status(st, form, unit, per, (int)json_integer_value(rev),
			    status, reason, &changed, cause);
		res->receipts += changed;
		if (e == ERR_OK && !changed)
			e = stale_answer(st, form, unit, per, (int)json_integer_value(rev), res, cause);
	}
	snprintf(seqbuf, sizeof seqbuf, "%llu", (unsigned long long)o.h.seq);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		store_rollback(st);
	/* has the office revoked this device? (or approved it again) — said
	 * only by a pack sealed to the devices: an open setup pack is handed
	 * to every new unit and says nothing of this one */
	if (e == ERR_OK && !o.h.open) {
		json_t *rv = json_object_get(root, "revoked");
		int revoked = 0;
		char *was = NULL;
		json_array_foreach(rv, i, it)
			if (json_is_string(it) && strcmp(json_string_value(it), in.fingerprint) == 0)
				revoked = 1;
		e = store_setting_get(st, SYNC_SETTING_REVOKED, &was, cause);
		if (e == ERR_OK && revoked != (was != NULL && strcmp(was, "1") == 0)) {
			e = store_setting_set(st, SYNC_SETTING_REVOKED, revoked ? "1" : "0", NULL, cause);
			if (e == ERR_OK)
				e = store_audit(st, revoked ? "device-revoked" : "device-reinstated",
				    in.fingerprint, commune, cause);
		}
		free(was);
		res->revoked = revoked;
		/* sealed to this key: the office approved it, and bundles may
		 * name it by fingerprint alone (format 4) */
		if (e == ERR_OK) {
			char hex[65];
			sodium_bin2hex(hex, sizeof hex, in.device_pk, 32);
			e = store_setting_set(st, SYNC_SETTING_KEY_KNOWN, hex, NULL, cause);
		}
	}
	/* the office has a bundle of ours numbered past our own sequence: this
	 * installation was restored from a backup; number the next past it, so
	 * that it is not taken for one the office has (and flagged) */
	if (e == ERR_OK) {
		json_array_foreach(json_object_get(root, "seen"), i, it) {
			const char *dv = jstr(it, "device");
			json_t *sq = json_object_get(it, "seq");
			int moved = 0;
			if (dv == NULL || strcmp(dv, in.fingerprint) != 0 || !json_is_integer(sq) ||
			    json_integer_value(sq) <= 0)
				continue;
			e = store_seq_raise(st, (uint64_t)json_integer_value(sq), &moved, cause);
			if (e == ERR_OK && moved)
				res->field_restored = (uint64_t)json_integer_value(sq);
			break;
		}
	}
	if (e == ERR_OK && dict.id != 0) {
		int fresh;
		e = sync_dict_keep_field(st, &dict, &fresh, cause);
		if (e == ERR_OK && fresh)
			res->dict = dict.id;
	}
	if (e == ERR_OK)
		e = store_setting_set(st, SYNC_SETTING_PACK_SEQ, seqbuf, NULL, cause);
	if (e == ERR_OK)
		e = store_setting_set(st, SYNC_SETTING_PACK_HASH, hashhex, NULL, cause);
	if (e == ERR_OK) {
		char *key = xasprintf("%s%s", SYNC_SETTING_PACK_APPLIED, hashhex);
		e = store_setting_set(st, key, seqbuf, NULL, cause);
		free(key);
	}
	/* the highest ever applied stays (the bundle acknowledges it) */
	if (e == ERR_OK && (max == NULL || strtoull(max, NULL, 10) < o.h.seq)) {
		uint64_t hi = o.h.seq;
		if (max == NULL && res->last > hi)
			hi = res->last;
		snprintf(seqbuf, sizeof seqbuf, "%llu", (unsigned long long)hi);
		e = store_setting_set(st, SYNC_SETTING_PACK_MAX, seqbuf, NULL, cause);
		/* the office's word for that number, echoed in every bundle: a
		 * restored office believes nothing else (sync/FORMAT.md) */
		if (e == ERR_OK) {
			const char *sig = jstr(root, "seq_sig");
			char *proof = NULL;
			if (hi == o.h.seq && sync_seq_verify(o.h.sender, o.h.seq, sig))
				proof = xasprintf("%llu %s", (unsigned long long)hi, sig);
			e = store_setting_set(st, SYNC_SETTING_PACK_PROOF, proof ? proof : "", NULL,
			    cause);
			free(proof);
			proof = NULL;
			/* the same in 16 bytes (the field cannot check a MAC; the
			 * pack's signature vouches that it is the office's) */
			if (e == ERR_OK) {
				const char *mac = jstr(root, "seq_mac");
				if (hi == o.h.seq && mac != NULL && strlen(mac) == 2 *
				    SYNC_SEQ_MAC_SIZE && strspn(mac, "0123456789abcdef") == strlen(mac))
					proof = xasprintf("%llu %s", (unsigned long long)hi, mac);
				e = store_setting_set(st, SYNC_SETTING_PACK_MAC, proof ? proof : "",
				    NULL, cause);
				free(proof);
			}
		}
	}
	if (e == ERR_OK && res->older) {
		char *d = xasprintf("seq %llu < %llu", (unsigned long long)o.h.seq,
		    (unsigned long long)res->last);
		e = store_audit(st, "accept-older-pack", commune, d, cause);
		free(d);
	}
out:
	if (outer && e == ERR_OK)
		e = store_commit(st, cause);
	else if (outer)
		store_rollback(st);
	free(lasthash);
	free(max);
	free(last);
	sync_dict_free(&dict);
	json_decref(mine);
	json_decref(root);
	sync_opened_free(&o);
	store_secret_free(sk);
	store_install_free(&in);
	return e;
}

/*
 * sync-bundle: a field unit's bundle, written and imported (see sync.h).
 *
 * Payload (JSON):
 *   {"kind": "bundle", "commune": "...", "unit": "thon-dong-tam",
 *    "submissions": [{"form": "nl09-thon-thang", "period": "2026-10",
 *                     "rev": 2, "form_version": 1, "created": 1793000000,
 *                     "data": {...the submission, forms/sub.h...}}, ...]}
 *
 * Import, in order: open the sealed file (decryption, signature,
 * recipient; nothing decompressed); the same bytes seen before are
 * "already imported"; the sender must be an approved device (unknown:
 * recorded as pending and the file held as it is, unread; revoked:
 * refused) reporting for its own unit (the unit named in the signed
 * header); only then is the content decompressed and parsed, under the
 * limits of sync_decode, and every submission re-checked against its form
 * and kept, all in one transaction.
 */
#include "sync.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sync-int.h"
#include "../forms/plan.h"
#include "sync-seal.h"
#include "../core/mem.h"
#include "../forms/cal.h"
#include "../forms/form-install.h"
#include "../forms/period.h"
#include "../forms/sub.h"
#include "../storage/store-forms.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-settings.h"
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
	char *payload = NULL, *acked = NULL;
	int revoked = 0;
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
	e = sync_revoked(st, &revoked, cause);
	if (e == ERR_OK && revoked)
		e = err_set(cause, ERR_INVALID, TR("văn phòng đã thu hồi thiết bị này (%s): không "
		    "xuất được; hãy liên hệ văn phòng xã để được duyệt lại", "the office has revoked "
		    "this device (%s): it cannot export; ask the commune office to approve it "
		    "again"), in.fingerprint);
	if (e == ERR_OK)
		e = store_office_key(st, office, &known, cause);
	if (e == ERR_OK && !known)
		e = err_set(cause, ERR_INVALID, "%s", TR("chưa có khóa của văn phòng: hãy áp dụng "
		    "gói của văn phòng trước ('baocao apply')", "no office key yet: apply the "
		    "office's pack first ('baocao apply')"));
	if (e == ERR_OK)
		e = store_sub_list(st, in.unit_id, &subs, &n, cause);
	if (e != ERR_OK)
		goto out;
	e = store_setting_get(st, SYNC_SETTING_PACK_MAX, &acked, cause);
	if (e == ERR_OK && acked == NULL)	/* made before pack_seq_max was kept */
		e = store_setting_get(st, SYNC_SETTING_PACK_SEQ, &acked, cause);
	if (e != ERR_OK)
		goto out;
	root = json_pack("{s:s, s:s, s:s}", "kind", "bundle", "commune", in.commune, "unit",
	    in.unit_id);
	/* the newest pack this installation ever applied: an office restored
	 * from a backup learns from it to move its sequence on */
	json_object_set_new(root, "pack_seq", json_integer(acked ?
	    (json_int_t)strtoll(acked, NULL, 10) : 0));
	{
		/* a device that changed its key says so in every bundle */
		json_t *chain = sync_chain_json(st, cause, &e);
		if (e != ERR_OK)
			goto out;
		if (chain != NULL)
			json_object_set_new(root, "key_chain", chain);
	}
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
		e = sync_write(st, SYNC_BUNDLE, office, 1, in.unit_id, payload, "UPDATE submissions SET status ="
		    " 'exported' WHERE status = 'final'", "export", in.unit_id, detail, file, len,
		    cause);
		free(detail);
	}
out:
	free(acked);
	free(payload);
	json_decref(root);
	store_sub_free(subs, n);
	store_install_free(&in);
	return e;
}

enum err sync_revoked(struct store *st, int *revoked, char **cause)
{
	char *v = NULL;
	enum err e = store_setting_get(st, SYNC_SETTING_REVOKED, &v, cause);

	*revoked = e == ERR_OK && v != NULL && strcmp(v, "1") == 0;
	free(v);
	return e;
}

void sync_result_free(struct sync_result *res)
{
	free(res->unit);
	res->unit = NULL;
	for (size_t i = 0; i < res->n_held; i++)
		free(res->held[i]);
	free(res->held);
	res->held = NULL;
	res->n_held = 0;
}

/* Clock notes on received revisions (stored as codes, shown in words). */
#define CLOCK_SLACK 600	/* seconds a device's clock may run ahead unremarked */

const char *sync_clock_note_text(const char *note)
{
	if (note == NULL)
		return NULL;
	if (strcmp(note, "future") == 0)
		return TR("giờ máy gửi ở tương lai", "the device's clock claims a future time");
	if (strcmp(note, "behind") == 0)
		return TR("giờ máy gửi lùi so với tệp trước", "the device's clock went back since "
		    "its previous file");
	return note;
}

/* The form (version VER) a submission of FORM_ID was made with, or a reason
 * to hold it (malloc'd). *OWNED: *F must be freed with form_free. */
static char *submission_form(struct store *st, const struct form_set *set, const char *form_id,
			     int ver, const char *unit_kind, const struct form **f, int *report,
			     struct form **owned)
{
	struct store_form sf;
	struct form_errors errs;
	char *why = NULL;
	const char *rid;

	*owned = NULL;
	if (!form_set_find(set, form_id, f, report))
		return xasprintf(TR("biểu mẫu '%s' chưa được cài ở văn phòng",
		    "form '%s' is not installed at the office"), form_id);
	if (unit_kind == NULL)
		return xstrdup(TR("đơn vị không có trong danh sách của văn phòng",
		    "the unit is not on the office's roster"));
	/* the form's unit kind, or a kind that leads rows of it (plan.h) */
	if (!form_owed_by(*f, *report, unit_kind))
		return xasprintf(TR("biểu mẫu '%s' dành cho đơn vị loại %s, đơn vị này là %s",
		    "form '%s' is for units of kind %s, this unit is %s"), form_id,
		    (*f)->unit_kind, unit_kind);
	if (ver == (*f)->version)
		return NULL;
	if (ver < 1 || ver > (*f)->version)
		return xasprintf(TR("phiên bản %d của biểu mẫu '%s' văn phòng không biết (có đến "
		    "phiên bản %d): cài phiên bản đó hoặc để đơn vị cập nhật gói",
		    "version %d of form '%s' is unknown to the office (it has up to %d): install "
		    "that version or let the unit apply a newer pack"), ver, (*f)->id, (*f)->version);
	/* an older version: judge it by the form it was filled with */
	if (store_form_get(st, (*f)->id, ver, &sf, &why) != ERR_OK) {
		char *r = xasprintf(TR("phiên bản %d của biểu mẫu '%s' không có ở văn phòng",
		    "version %d of form '%s' is not at the office"), ver, (*f)->id);
		free(why);
		return r;
	}
	rid = (*f)->reports[*report].id;
	*owned = form_load(sf.id, sf.definition, strlen(sf.definition), &errs);
	store_form_free(&sf, 1);
	form_errors_free(&errs);
	if (*owned != NULL)
		for (size_t r = 0; r < (*owned)->nreports; r++)
			if (strcmp((*owned)->reports[r].id, rid) == 0) {
				*f = *owned;
				*report = (int)r;
				return NULL;
			}
	form_free(*owned);
	*owned = NULL;
	return xasprintf(TR("phiên bản %d của biểu mẫu '%s' không đọc được ở văn phòng",
	    "version %d of form '%s' cannot be read at the office"), ver, form_id);
}

/* Every check `fill --final` makes, and the period's: NULL if the
 * submission may be kept, else why not (malloc'd). */
static char *submission_check(const struct form *f, int report, const char *period,
			      const char *text, const char *unit_kind)
{
	const struct deadline_rule *rule = &f->reports[report].rule;
	long now = moment_from_unix(store_now()), today = now / MINUTES_PER_DAY;
	struct sub_issue *is;
	struct period p;
	struct sub *s;
	size_t nis, errors, unconfirmed;
	char *why = NULL, *r = NULL;
	bool future;

	if (!period_parse(rule->kind, period, &p) || !deadline_applies(rule, &p))
		return xasprintf(TR("'%s' không phải một kỳ của báo cáo %s (%s)",
		    "'%s' is not a period of report %s (%s)"), period, f->reports[report].form_id,
		    period_kind_label(rule->kind));
	future = rule->kind == PERIOD_INCIDENT ? p.at > now :
	    rule->kind == PERIOD_REQUEST ? p.at > today : p.start > today;
	if (future)
		return xasprintf(TR("kỳ %s chưa bắt đầu (theo giờ của văn phòng)",
		    "period %s has not begun (by the office's clock)"), period);
	s = sub_from_json(f, report, period, text, true, &why);
	if (s == NULL) {
		r = xstrdup(why ? why : "?");
		free(why);
		return r;
	}
	/* a plan's rows: a unit sends only those it leads (plan.h) */
	if (unit_kind != NULL && sub_foreign(s, unit_kind, &why)) {
		sub_free(s);
		return why;
	}
	sub_set_kind(s, unit_kind);
	nis = sub_check(s, &is);
	sub_count(is, nis, &errors, &unconfirmed);
	for (size_t i = 0; i < nis && r == NULL; i++) {
		const struct sub_issue *x = &is[i];
		if (x->severity == SUB_ERROR || !x->confirmed) {
			char row[32] = "";
			if (x->row >= 0)
				snprintf(row, sizeof row, "[%d]", x->row + 1);
			r = xasprintf(x->severity == SUB_ERROR ? TR("lỗi ở %s%s: %s", "error in %s%s: %s")
			    : TR("cảnh báo chưa có lý do ở %s%s: %s", "unconfirmed warning in %s%s: %s"),
			    f->fields[x->field].name, row, x->message);
		}
	}
	sub_issues_free(is, nis);
	sub_free(s);
	return r;
}

/* Keep every submission of an opened bundle (inside a transaction); one
 * that fails the office's checks is held with the reason, never kept as a
 * submission. UNIT_KIND: the unit's kind on the roster (NULL: not on it). */
static enum err import_payload(struct store *st, const struct form_set *set, json_t *root,
			       const char *unit, const char *unit_kind, const char *device,
			       int64_t received, const char *clock_note, struct sync_result *res,
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
		const struct form *f = NULL;
		struct form *owned = NULL;
		enum store_receive what;
		char *text, *why;
		int report = 0, dup;
		json_int_t v;
		enum err e;

		if (form_id == NULL || period == NULL || !json_is_integer(rev) ||
		    !json_is_integer(ver) || !json_is_integer(created) || !json_is_object(data) ||
		    json_integer_value(rev) < 1 || json_integer_value(rev) > 1000000 ||
		    strlen(period) >= PERIOD_ID_MAX || strlen(form_id) > 200)
			return err_set(cause, ERR_CORRUPT, TR("báo cáo thứ %zu trong tệp không đúng "
			    "định dạng", "submission %zu in the file does not have the expected "
			    "shape"), i + 1);
		v = json_integer_value(ver);
		text = json_dumps(data, JSON_COMPACT | JSON_PRESERVE_ORDER);
		/* The office's own checks, with the form as it was filled. */
		why = submission_form(st, set, form_id, v < 0 || v > 1000000 ? -1 : (int)v,
		    unit_kind, &f, &report, &owned);
		if (why == NULL)
			why = submission_check(f, report, period, text, unit_kind);
		form_free(owned);
		if (why != NULL) {
			e = store_sub_hold(st, device, unit, form_id, period, v < 0 || v > 1000000 ?
			    -1 : (int)v, (int)json_integer_value(rev), json_integer_value(created),
			    text, why, &dup, cause);
			if (e == ERR_OK && !dup) {
				res->held = xreallocarray(res->held, res->n_held + 1, sizeof *res->held);
				res->held[res->n_held++] = xasprintf("%s %s: %s", form_id, period, why);
			} else if (e == ERR_OK) {
				res->n_dup++;
			}
			free(why);
			free(text);
			if (e != ERR_OK)
				return e;
			continue;
		}
		e = store_sub_receive(st, form_id, unit, period, (int)v, device,
		    (int)json_integer_value(rev), json_integer_value(created), received, clock_note,
		    text, &what, cause);
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

/* Is some device of UNIT approved? Then a file signed by a key we do not
 * know, naming that unit, may be its new key (a rotation): its content is
 * worth reading, under the limits, for the chain of keys it carries. */
static int unit_has_approved(struct store *st, const char *unit)
{
	struct store_device *devs = NULL;
	size_t n = 0;
	char *c = NULL;
	int yes = 0;

	if (store_device_list(st, &devs, &n, &c) != ERR_OK) {
		free(c);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(devs[i].state, "approved") == 0 && devs[i].unit_id != NULL &&
		    strcmp(devs[i].unit_id, unit) == 0)
			yes = 1;
	store_device_free(devs, n);
	return yes;
}

/* Read the content of an opened bundle, bounded (sync_decode), and check
 * its shape: a bundle of UNIT. On failure *ROOT is NULL and *WHY says. */
static enum err bundle_decode(struct store *st, struct sync_opened *o, const char *unit,
			      json_t **root, char **why)
{
	struct sync_limits lim;
	const char *kind;
	enum err e;

	*root = NULL;
	e = sync_limits_get(st, &lim, why);
	if (e != ERR_OK)
		return e;
	e = sync_decode(o, &lim, root, why);
	if (e != ERR_OK)
		return e;
	kind = json_string_value(json_object_get(*root, "kind"));
	if (!json_is_object(*root) || kind == NULL || strcmp(kind, "bundle") != 0 ||
	    !json_is_string(json_object_get(*root, "unit")) ||
	    strcmp(json_string_value(json_object_get(*root, "unit")), unit) != 0) {
		json_decref(*root);
		*root = NULL;
		return err_set(why, ERR_CORRUPT, "%s", TR("nội dung tệp không đúng định dạng",
		    "the content does not have the expected shape"));
	}
	return ERR_OK;
}

enum err sync_import(struct store *st, const struct form_set *forms, const unsigned char *file,
		     size_t len, struct sync_result *res, char **cause)
{
	struct store_install in;
	struct store_device dev;
	struct sync_opened o = { 0 };
	struct form_set set;
	unsigned char hash[32], *sk = NULL;
	char *state = NULL, *why = NULL;
	const char *unit, *unit_kind = NULL;
	int64_t received = store_now();	/* a held bundle: when it came */
	struct store_unit *units = NULL;
	size_t nunits = 0;
	json_t *root = NULL, *acked;
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
	/* 1. the file itself: decrypted, signature checked, nothing
	 * decompressed. Sealed to this key, or to one it replaced (a device
	 * that has not yet applied the pack with the new key). */
	if (sync_open(SYNC_BUNDLE, file, len, sk, &o, &why) != ERR_OK) {
		unsigned char **old = NULL;
		size_t nold = 0;
		int opened = 0;
		e = store_old_secrets(st, &old, &nold, cause);
		for (size_t i = 0; i < nold; i++) {
			char *w2 = NULL;
			if (!opened) {
				sync_opened_free(&o);
				memset(&o, 0, sizeof o);
				if (sync_open(SYNC_BUNDLE, file, len, old[i], &o, &w2) == ERR_OK)
					opened = 1;
			}
			free(w2);
			store_secret_free(old[i]);
		}
		free(old);
		if (e != ERR_OK) {
			free(why);
			goto out;
		}
		if (!opened) {
			res->outcome = SYNC_REFUSED;
			*cause = why;
			why = NULL;
			goto out;
		}
		free(why);
		why = NULL;
	}
	store_fingerprint(o.h.sender, res->fingerprint);
	unit = o.h.label;
	if (!store_id_valid(unit)) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_CORRUPT, "%s", TR("tệp không ghi đơn vị gửi",
		    "the file does not name its unit"));
		goto out;
	}
	res->unit = xstrdup(unit);
	crypto_generichash(hash, sizeof hash, file, len, NULL, 0);
	/* 2. seen before? */
	e = store_bundle_state(st, hash, &state, &received, cause);
	if (e != ERR_OK)
		goto out;
	if (state != NULL && strcmp(state, "imported") == 0) {
		res->outcome = SYNC_ALREADY;
		goto out;
	}
	/* 3. who sent it: a known device; or one that changed its key by a
	 * chain from an approved key of the same unit (the content is read,
	 * bounded, only when that unit has an approved device); anything else
	 * is kept as it came, never decompressed nor parsed */
	e = store_device_get(st, o.h.sender, &dev, cause);
	if (e == ERR_NOTFOUND && unit_has_approved(st, unit) &&
	    bundle_decode(st, &o, unit, &root, &why) == ERR_OK) {
		json_t *chain = json_object_get(root, "key_chain");
		unsigned char old[32];
		for (size_t i = 0; e == ERR_NOTFOUND && sync_chain_origin(chain, i, old); i++) {
			struct store_device od;
			char *c2 = NULL;
			if (store_device_get(st, old, &od, &c2) != ERR_OK) {
				free(c2);
				continue;
			}
			if (strcmp(od.state, "approved") == 0 && od.unit_id != NULL &&
			    strcmp(od.unit_id, unit) == 0 && sync_chain_follow(chain, old, o.h.sender)) {
				free(*cause);
				*cause = NULL;
				e = store_begin(st, cause);
				if (e == ERR_OK)
					e = store_device_rotate(st, od.fingerprint, o.h.sender, cause);
				if (e == ERR_OK)
					e = store_commit(st, cause);
				else
					store_rollback(st);
				if (e == ERR_OK) {
					res->rotated = 1;
					e = store_device_get(st, o.h.sender, &dev, cause);
				}
			}
			free(od.unit_id);
			free(od.state);
		}
	}
	free(why);
	why = NULL;
	if (e == ERR_NOTFOUND) {
		free(*cause);
		*cause = NULL;
		e = store_begin(st, cause);
		if (e == ERR_OK)
			e = store_device_seen(st, o.h.sender, unit, cause);
		if (e == ERR_OK)
			e = store_bundle_put(st, hash, res->fingerprint, o.h.seq, "held", NULL, file,
			    len, cause);
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
			e = store_bundle_put(st, hash, res->fingerprint, o.h.seq, "held", NULL, file,
			    len, cause);
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
	/* 4. an approved device: now, and only now, read the content, bounded */
	if (root == NULL && bundle_decode(st, &o, unit, &root, &why) != ERR_OK) {
		res->outcome = SYNC_REFUSED;
		*cause = why;
		why = NULL;
		goto out;
	}
	/* 5. its clock, judged only to be shown: never used to order */
	res->claimed = o.h.created;
	if (o.h.created > received + CLOCK_SLACK)
		res->clock_note = "future";
	else if (o.h.seq > dev.last_seq && o.h.created < dev.last_claimed)
		/* written after every bundle seen from it, yet dated before:
		 * its clock went back (a bundle arriving late is no sign) */
		res->clock_note = "behind";
	/* 6. everything in one transaction */
	if (forms == NULL) {
		e = form_set_load(st, &set, cause);
		if (e != ERR_OK)
			goto out;
		have_set = 1;
		forms = &set;
	}
	e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e != ERR_OK)
		goto out;
	for (size_t i = 0; i < nunits; i++)
		if (strcmp(units[i].id, unit) == 0)
			unit_kind = units[i].kind;
	acked = json_object_get(root, "pack_seq");
	e = store_begin(st, cause);
	if (e == ERR_OK) {
		enum err ie = import_payload(st, forms, root, unit, unit_kind, res->fingerprint,
		    received, res->clock_note, res, cause);
		if (ie == ERR_INVALID || ie == ERR_CORRUPT) {
			/* the bundle is at fault, not the store: refuse it, change nothing */
			store_rollback(st);
			res->outcome = SYNC_REFUSED;
			res->n_new = res->n_older = res->n_dup = 0;
			for (size_t i = 0; i < res->n_held; i++)
				free(res->held[i]);
			res->n_held = 0;
			goto out;
		}
		e = ie;
	}
	/* The device applied packs this office has no memory of writing: it
	 * was restored from a backup. Move on past them, so that what it
	 * writes next is not taken for something applied before. */
	if (e == ERR_OK && json_is_integer(acked) && json_integer_value(acked) > 0) {
		int moved;
		e = store_seq_raise(st, (uint64_t)json_integer_value(acked), &moved, cause);
		if (e == ERR_OK && moved)
			res->restored_to = (uint64_t)json_integer_value(acked);
	}
	if (e == ERR_OK)
		e = store_bundle_put(st, hash, res->fingerprint, o.h.seq, "imported", NULL, NULL, 0,
		    cause);
	if (e == ERR_OK)
		e = store_device_seq(st, res->fingerprint, o.h.seq, cause);
	if (e == ERR_OK)
		e = store_device_claimed(st, res->fingerprint, o.h.created, cause);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		store_rollback(st);
	else
		res->outcome = SYNC_IMPORTED;
out:
	store_unit_free(units, nunits);
	if (have_set)
		form_set_free(&set);
	if (have_dev) {
		free(dev.unit_id);
		free(dev.state);
	}
	free(state);
	free(why);
	json_decref(root);
	sync_opened_free(&o);
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
	/* The approval and the import of every held file are one transaction
	 * (each step's own nests in it as a savepoint): all-or-nothing. */
	if ((e = store_begin(st, cause)) != ERR_OK)
		return e;
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_device_decide(st, fingerprint, "approved", cause);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK) {
		store_rollback(st);
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
		else if (r.outcome == SYNC_REFUSED) {
			/* read at last and refused (a bomb, a broken content): say why,
			 * and keep no longer what will never be imported */
			unsigned char hash[32];
			crypto_generichash(hash, sizeof hash, held[i], lens[i], NULL, 0);
			e = store_begin(st, cause);
			if (e == ERR_OK)
				e = store_bundle_put(st, hash, fpr, 0, "refused", why, NULL, 0, cause);
			if (e == ERR_OK)
				e = store_audit(st, "refuse", fpr, why, cause);
			if (e == ERR_OK)
				e = store_commit(st, cause);
			if (e != ERR_OK)
				store_rollback(st);
		}
		free(why);
		sync_result_free(&r);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	else
		store_rollback(st);
	if (e != ERR_OK)
		*imported = 0;
	for (size_t i = 0; i < nheld; i++)
		free(held[i]);
	free(held);
	free(lens);
	store_device_free(devs, n);
	return e;
}

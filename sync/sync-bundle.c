/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-bundle: a field unit's bundle, written and imported (see sync.h).
 *
 * Payload (JSON lines: a header, then one submission a line, so that the
 * office reads one at a time whatever their number):
 *   {"kind":"bundle","commune":"...","unit":"thon-dong-tam","pack_seq":7,...}
 *   {"form":"nl09-thon-thang","period":"2026-10","rev":2,"form_version":1,
 *    "created":1793000000,"data":{...the submission, forms/sub.h...}}
 *   ...
 *
 * Import, in order: open the sealed file (decryption, signature,
 * recipient; nothing decompressed); the same bytes seen before are
 * "already imported"; the sender must be an approved device (unknown:
 * recorded as pending and the file held as it is, unread; revoked:
 * refused) reporting for its own unit (the unit named in the signed
 * header); only then is the content decompressed and parsed, under the
 * limits of sync_decode_lines, and every submission re-checked against its form
 * and kept, all in one transaction.
 */
#include "sync.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync-int.h"
#include "../forms/plan.h"
#include "sync-seal.h"
#include "../core/mem.h"
#include "../core/text.h"
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
	return sync_export_key(st, 0, file, len, count, cause);
}

enum err sync_export_key(struct store *st, int with_key, unsigned char **file, size_t *len,
			 int *count, char **cause)
{
	int left;

	return sync_export_part(st, with_key, file, len, count, &left, cause);
}

/* Oldest first: when the current revision was saved, then form and period
 * (byte order, as SQLite's BINARY compares them in sync_export_part's
 * UPDATE). */
static int
sub_older(const void *a, const void *b)
{
	const struct store_sub *x = *(const struct store_sub *const *)a;
	const struct store_sub *y = *(const struct store_sub *const *)b;
	int c;

	if (x->updated_at != y->updated_at)
		return x->updated_at < y->updated_at ? -1 : 1;
	if ((c = strcmp(x->form_id, y->form_id)) != 0)
		return c;
	return strcmp(x->period, y->period);
}

enum err sync_export_part(struct store *st, int with_key, unsigned char **file, size_t *len,
			  int *count, int *left, char **cause)
{
	unsigned char *take = NULL;	/* per submission: goes in this file */
	char *mark = NULL;		/* the SQL that marks what went as exported */
	struct store_install in;
	struct store_sub *subs = NULL;
	unsigned char office[32];
	size_t n = 0;
	int known;
	json_t *root = NULL;
	char *acked = NULL, *proof = NULL, *mac = NULL, *lines = NULL;
	size_t lines_len = 0, lines_cap = 0;
	int revoked = 0;
	struct sync_dict dict = { 0 };
	enum err e;

	*file = NULL;
	*len = 0;
	*count = 0;
	*left = 0;
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
	{
		/* What the office takes in one file (SYNC_MAX_SUBMISSIONS): the
		 * oldest not yet acknowledged first, so that none is skipped
		 * and the office sees them in the order they were made; the
		 * rest (*LEFT) go in the next file. Only what goes is marked
		 * exported. */
		const struct store_sub **due = xreallocarray(NULL, n ? n : 1, sizeof *due);
		size_t ndue = 0;

		take = xmalloc(n ? n : 1);
		for (size_t i = 0; i < n; i++) {
			take[i] = subs[i].final && (strcmp(subs[i].status, "final") == 0 ||
			    strcmp(subs[i].status, "exported") == 0);
			if (take[i])
				due[ndue++] = &subs[i];
		}
		if (ndue > SYNC_MAX_SUBMISSIONS) {
			const struct store_sub *last;
			char *q;

			qsort(due, ndue, sizeof *due, sub_older);
			for (size_t k = SYNC_MAX_SUBMISSIONS; k < ndue; k++)
				take[due[k] - subs] = 0;
			*left = (int)(ndue - SYNC_MAX_SUBMISSIONS);
			last = due[SYNC_MAX_SUBMISSIONS - 1];
			q = sqlite3_mprintf("UPDATE submissions SET status = 'exported' WHERE "
			    "status = 'final' AND unit_id = %Q AND (updated_at, form_id, period) <= "
			    "(%lld, %Q, %Q)", in.unit_id, (long long)last->updated_at,
			    last->form_id, last->period);
			if (q == NULL)
				abort();	/* as xmalloc does when memory is out */
			mark = xstrdup(q);
			sqlite3_free(q);
		}
		free(due);
	}
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
	/* ... with the office's signature of that number, when it came with
	 * the pack: without it, a restored office does not move */
	e = store_setting_get(st, SYNC_SETTING_PACK_PROOF, &proof, cause);
	if (e != ERR_OK)
		goto out;
	/* ... in 16 bytes (the office's MAC) when the pack gave it, else its
	 * 64-byte signature */
	if (e == ERR_OK)
		e = store_setting_get(st, SYNC_SETTING_PACK_MAC, &mac, cause);
	if (e != ERR_OK)
		goto out;
	if (acked != NULL && mac != NULL) {
		const char *sp = strchr(mac, ' ');
		if (sp != NULL && (size_t)(sp - mac) == strlen(acked) &&
		    strncmp(mac, acked, strlen(acked)) == 0)
			json_object_set_new(root, "pack_mac", json_string(sp + 1));
	}
	if (acked != NULL && proof != NULL && json_object_get(root, "pack_mac") == NULL) {
		const char *sp = strchr(proof, ' ');
		if (sp != NULL && (size_t)(sp - proof) == strlen(acked) &&
		    strncmp(proof, acked, strlen(acked)) == 0)
			json_object_set_new(root, "pack_sig", json_string(sp + 1));
	}
	{
		/* a device that changed its key says so in every bundle */
		json_t *chain = sync_chain_json(st, cause, &e);
		if (e != ERR_OK)
			goto out;
		if (chain != NULL)
			json_object_set_new(root, "key_chain", chain);
	}
	/* the header is the first line; each submission a line of its own, so
	 * that the office reads one at a time (sync/FORMAT.md) */
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		struct store_sub full;
		json_t *data;

		if (!take[i])
			continue;
		e = store_sub_get(st, subs[i].form_id, in.unit_id, subs[i].period, &full, cause);
		if (e != ERR_OK)
			break;
		data = json_loads(full.data, 0, NULL);
		if (data == NULL)
			e = err_set(cause, ERR_CORRUPT, TR("dữ liệu của %s %s bị hỏng",
			    "the data of %s %s is damaged"), full.form_id, full.period);
		else {
			char *text = sync_sub_line(full.form_id, full.period, full.rev,
			    full.form_version, (int64_t)full.updated_at, data);
			size_t tl = strlen(text);
			if (lines_len + tl + 2 > lines_cap) {
				lines_cap = 2 * (lines_len + tl + 2);
				lines = xrealloc(lines, lines_cap);
			}
			memcpy(lines + lines_len, text, tl);
			lines_len += tl;
			lines[lines_len++] = '\n';
			lines[lines_len] = '\0';
			free(text);
			json_decref(data);
		}
		free(full.form_id);
		free(full.unit_id);
		free(full.period);
		free(full.status);
		free(full.status_reason);
		free(full.data);
		(*count)++;
	}
	/* compressed with the office's dictionary, when a pack brought one */
	if (e == ERR_OK)
		e = sync_dict_current(st, &dict, cause);
	if (e != ERR_OK)
		goto out;
	{
		char *detail = xasprintf("%d submissions", *count);
		/* nothing counts as delivered until the office's receipt */
		e = sync_write_bundle(st, office, in.unit_id, root, lines ? lines : "",
		    mark != NULL ? mark : "UPDATE submissions SET status ="
		    " 'exported' WHERE status = 'final'", "export", in.unit_id, detail,
		    dict.id != 0 ? &dict : NULL, with_key, file, len, cause);
		free(detail);
	}
out:
	free(take);
	free(mark);
	sync_dict_free(&dict);
	free(acked);
	free(proof);
	free(mac);
	free(lines);
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
	for (size_t i = 0; i < res->n_held_listed; i++)
		free(res->held[i]);
	free(res->held);
	res->held = NULL;
	res->n_held = res->n_held_listed = 0;
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
 * to hold it (malloc'd). An older version comes from the set's own. */
static char *submission_form(struct store *st, const struct form_set *set, const char *form_id,
			     int ver, const char *unit_kind, const struct form **f, int *report)
{
	const struct form *old;
	char *why = NULL;
	const char *rid;
	int r;

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
	rid = (*f)->reports[*report].id;
	if ((old = form_set_version(set, st, (*f)->id, ver, &why)) == NULL)
		return why;
	if ((r = form_report_by_id(old, rid)) >= 0) {
		*f = old;
		*report = r;
		return NULL;
	}
	return xasprintf(TR("phiên bản %d của biểu mẫu '%s' không có báo cáo '%s'",
	    "version %d of form '%s' has no report '%s'"), ver, (*f)->id, rid);
}

/* Every check `fill --final` makes, and the period's: NULL if the
 * submission may be kept (*CANON then its values as the form reads them,
 * malloc'd: what is stored), else why not (malloc'd). */
static char *submission_check(const struct form *f, int report, const char *period,
			      json_t *data, const char *unit_kind, char **canon)
{
	const struct deadline_rule *rule = &f->reports[report].rule;
	long now = moment_from_unix(store_now()), today = now / MINUTES_PER_DAY;
	struct sub_issue *is;
	struct period p;
	struct sub *s;
	size_t nis, errors, unconfirmed;
	char *why = NULL, *r = NULL;
	bool future;

	if ((r = form_period_refusal(f, report, period, &p)) != NULL)
		return r;
	future = rule->kind == PERIOD_INCIDENT ? p.at > now :
	    rule->kind == PERIOD_REQUEST ? p.at > today : p.start > today;
	if (future)
		return xasprintf(TR("kỳ %s chưa bắt đầu (theo giờ của văn phòng)",
		    "period %s has not begun (by the office's clock)"), period);
	s = sub_from_json_value(f, report, period, data, true, &why);
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
	/* what is kept is what was checked: the values as the form reads them,
	 * nothing else (a "period" or "form" inside the data that contradicts
	 * the submission it is filed under is dropped, never stored) */
	if (r == NULL)
		*canon = sub_to_json(s);
	sub_free(s);
	return r;
}

struct import_ctx {
	struct store *st;
	const struct form_set *set;
	const char *unit, *unit_kind, *device, *clock_note;
	int64_t received;
	struct sync_result *res;
	int newer_file;		/* numbered past every file of the device before */
};

/* One line of the payload: the header (line 0) was read before; each
 * other line is one submission, kept or held (import_payload). */
static enum err import_line(json_t *it, size_t i, void *arg, int *stop, char **cause)
{
	struct import_ctx *c = arg;
	struct store *st = c->st;
	const struct form_set *set = c->set;
	const char *unit = c->unit, *unit_kind = c->unit_kind, *device = c->device;
	const char *clock_note = c->clock_note;
	int64_t received = c->received;
	struct sync_result *res = c->res;

	(void)stop;
	if (i == 0)
		return ERR_OK;
	i--;	/* the submission's number, from 0 */
	if (i >= SYNC_MAX_SUBMISSIONS)
		return err_set(cause, ERR_CORRUPT, TR("tệp có hơn %d báo cáo: không phải tệp của "
		    "một đơn vị", "the file holds more than %d submissions: not one unit's file"),
		    SYNC_MAX_SUBMISSIONS);
	{
		const char *form_id = json_string_value(json_object_get(it, "form"));
		const char *period = json_string_value(json_object_get(it, "period"));
		json_t *rev = json_object_get(it, "rev"), *ver = json_object_get(it, "form_version");
		json_t *created = json_object_get(it, "created"), *data = json_object_get(it, "data");
		const struct form *f = NULL;
		enum store_receive what;
		char *text = NULL, *why, *canon = NULL;
		int report = 0, dup;
		json_int_t v;
		enum err e;

		if (form_id == NULL || period == NULL || !json_is_integer(rev) ||
		    !json_is_integer(ver) || !json_is_integer(created) || !json_is_object(data) ||
		    json_integer_value(rev) < 1 || json_integer_value(rev) > 1000000 ||
		    strlen(period) >= PERIOD_ID_MAX || strlen(form_id) > 200 ||
		    !text_valid(form_id) || !text_valid(period))
			return err_set(cause, ERR_CORRUPT, TR("báo cáo thứ %zu trong tệp không đúng "
			    "định dạng", "submission %zu in the file does not have the expected "
			    "shape"), i + 1);
		v = json_integer_value(ver);
		/* a form's version is 1 to 1,000,000 (forms/FORMAT.md): anything
		 * else no baocao wrote; refused, saying what it is */
		if (v < 1 || v > 1000000)
			return err_set(cause, ERR_CORRUPT, TR("báo cáo thứ %zu trong tệp (%s %s) ghi "
			    "phiên bản biểu mẫu %lld, không hợp lệ (từ 1 đến 1000000)", "submission %zu "
			    "in the file (%s %s) gives form version %lld, which is not valid (1 to "
			    "1000000)"), i + 1, form_id, period, (long long)v);
		/* The office's own checks, with the form as it was filled, on the
		 * line as it was parsed (once) */
		why = submission_form(st, set, form_id, (int)v, unit_kind, &f, &report);
		if (why == NULL)
			why = submission_check(f, report, period, data, unit_kind, &canon);
		/* kept: the values as the form reads them; held: as they came */
		text = canon != NULL ? canon : json_dumps(data, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (why != NULL) {
			/* it may quote the device's own bytes: never to a terminal raw */
			char *safe = text_safe(why);
			free(why);
			why = safe;
			e = store_sub_hold(st, device, unit, form_id, period, (int)v,
			    (int)json_integer_value(rev), json_integer_value(created),
			    text, why, &dup, cause);
			if (e == ERR_OK && !dup) {
				/* all counted; the first few listed (memory and screen) */
				if (res->n_held_listed < SYNC_HELD_LISTED) {
					res->held = xreallocarray(res->held, res->n_held_listed + 1,
					    sizeof *res->held);
					res->held[res->n_held_listed++] = xasprintf("%s %s: %s",
					    form_id, period, why);
				}
				res->n_held++;
			} else if (e == ERR_OK) {
				res->n_dup++;
			}
			free(why);
			free(text);
			return e;
		}
		e = store_sub_receive(st, form_id, unit, period, (int)v, device,
		    (int)json_integer_value(rev), json_integer_value(created), received, clock_note,
		    text, &what, cause);
		free(text);
		if (e != ERR_OK)
			return e;
		if (what == STORE_RECEIVED_CONFLICT) {
			res->n_new++;
			res->n_conflict++;
		} else if (what == STORE_RECEIVED_NEW)
			res->n_new++;
		else if (what == STORE_RECEIVED_OLDER) {
			res->n_older++;
			/* an older revision in a newer file: the device was
			 * restored, and what it typed since is not counted */
			if (c->newer_file)
				res->n_stale++;
		}
		else
			res->n_dup++;
	}
	return ERR_OK;
}

/* Keep every submission of an opened bundle (inside a transaction), read
 * one line at a time under LIM; one that fails the office's checks is held
 * with the reason, never kept as a submission. UNIT_KIND: the unit's kind
 * on the roster (NULL: not on it). */
static enum err import_payload(struct store *st, const struct form_set *set,
			       const struct sync_opened *o, const struct sync_limits *lim,
			       const char *unit, const char *unit_kind, const char *device,
			       int64_t received, const char *clock_note, uint64_t last_seq,
			       struct sync_result *res, char **cause)
{
	struct import_ctx c = { st, set, unit, unit_kind, device, clock_note, received, res,
				o->h.seq > last_seq };

	return sync_decode_lines(o, lim, import_line, &c, cause);
}

/* Is some device of UNIT approved? Then a file signed by a key we do not
 * know, naming that unit, may be its new key (a rotation): its content is
 * worth reading, under the limits, for the chain of keys it carries. */
/* Has UNIT an approved device, or a revoked one? */
static int unit_has_device(struct store *st, const char *unit)
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
		if ((strcmp(devs[i].state, "approved") == 0 ||
		    strcmp(devs[i].state, "revoked") == 0) && devs[i].unit_id != NULL &&
		    strcmp(devs[i].unit_id, unit) == 0)
			yes = 1;
	store_device_free(devs, n);
	return yes;
}

/* Read the content of an opened bundle, bounded (sync_decode), and check
 * its shape: a bundle of UNIT. On failure *ROOT is NULL and *WHY says. */
static enum err header_line(json_t *line, size_t i, void *arg, int *stop, char **cause)
{
	(void)i;
	(void)cause;
	*(json_t **)arg = json_incref(line);
	*stop = 1;
	return ERR_OK;
}

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
	/* the header line only: the submissions are read one by one later */
	e = sync_decode_lines(o, &lim, header_line, root, why);
	if (e != ERR_OK) {
		json_decref(*root);
		*root = NULL;
		return e;
	}
	/* the payload of a baocao before JSON lines: one document */
	if (json_object_get(*root, "submissions") != NULL) {
		json_decref(*root);
		*root = NULL;
		return err_set(why, ERR_CORRUPT, "%s", TR("tệp do bản baocao cũ hơn làm: hãy cập "
		    "nhật baocao ở máy đơn vị rồi xuất lại", "the file was made by an older "
		    "baocao: update baocao on the unit's machine and export again"));
	}
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

/*
 * Is there room to hold LEN more bytes from device FPR (printed form) not
 * yet approved? DEVICE: its record's fingerprint, NULL if new. No room:
 * RES is SYNC_REFUSED and *CAUSE says why; what is held stays (the oldest
 * files are kept, the newest refused).
 */
static enum err held_room(struct store *st, const char *device, const char *fpr, size_t len,
			  struct sync_result *res, char **cause)
{
	int64_t mine = 0, all = 0;
	enum err e = ERR_OK;

	if (device != NULL)
		e = store_bundle_held_bytes(st, device, &mine, cause);
	if (e == ERR_OK)
		e = store_bundle_held_bytes(st, NULL, &all, cause);
	if (e != ERR_OK)
		return e;
	if (device == NULL && (int64_t)len > SYNC_HELD_PER_DEVICE) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_INVALID, TR("tệp lớn %zu byte, quá mức %d byte được giữ cho một "
		    "thiết bị chưa duyệt (%s)", "the file is %zu bytes, over the %d bytes held for "
		    "a device not yet approved (%s)"), len, SYNC_HELD_PER_DEVICE, fpr);
	} else if (mine + (int64_t)len > SYNC_HELD_PER_DEVICE) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_INVALID, TR("thiết bị %s chưa được duyệt đã có %lld byte đang "
		    "giữ; thêm tệp này sẽ quá %d byte: hãy duyệt ('baocao devices approve') hoặc bỏ "
		    "('baocao devices forget') thiết bị trước", "device %s, not approved, already has "
		    "%lld bytes held; this file would take it over %d bytes: approve it ('baocao "
		    "devices approve') or forget it ('baocao devices forget') first"), fpr,
		    (long long)mine, SYNC_HELD_PER_DEVICE);
	} else if (all + (int64_t)len > SYNC_HELD_TOTAL) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_INVALID, TR("các thiết bị chưa được duyệt đã có %lld byte đang "
		    "giữ; thêm tệp này sẽ quá %d byte: hãy duyệt hoặc bỏ bớt thiết bị ('baocao "
		    "devices')", "devices not yet approved already have %lld bytes held; this file "
		    "would take them over %d bytes: approve or forget some ('baocao devices')"),
		    (long long)all, SYNC_HELD_TOTAL);
	}
	return ERR_OK;
}

/*
 * May a key never seen (printed FPR) from a file labelled UNIT be recorded
 * as waiting for approval? Not when UNIT already has SYNC_PENDING_PER_UNIT
 * devices waiting, or all units SYNC_PENDING_TOTAL: then RES is
 * SYNC_REFUSED and *CAUSE names the cap and what the clerk can do.
 */
static enum err pending_room(struct store *st, const char *unit, const char *fpr,
			     struct sync_result *res, char **cause)
{
	int mine = 0, all = 0;
	enum err e;

	e = store_device_pending_count(st, unit, &mine, cause);
	if (e == ERR_OK)
		e = store_device_pending_count(st, NULL, &all, cause);
	if (e != ERR_OK)
		return e;
	if (mine >= SYNC_PENDING_PER_UNIT) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_INVALID, TR("đơn vị %s đã có %d thiết bị chờ duyệt (tối đa %d): "
		    "tệp của khoá mới %s bị từ chối; xem lại và duyệt hoặc bỏ các thiết bị chờ "
		    "('baocao devices', 'baocao devices forget') rồi nhập lại", "unit %s already "
		    "has %d devices waiting for approval (at most %d): the file of new key %s is "
		    "refused; review them and approve or forget ('baocao devices', 'baocao devices "
		    "forget'), then import again"), unit, mine, SYNC_PENDING_PER_UNIT, fpr);
	} else if (all >= SYNC_PENDING_TOTAL) {
		res->outcome = SYNC_REFUSED;
		err_set(cause, ERR_INVALID, TR("đã có %d thiết bị chờ duyệt (tối đa %d cho mọi đơn "
		    "vị): tệp của khoá mới %s bị từ chối; xem lại và duyệt hoặc bỏ các thiết bị chờ "
		    "('baocao devices', 'baocao devices forget') rồi nhập lại", "%d devices are "
		    "already waiting for approval (at most %d for all units): the file of new key "
		    "%s is refused; review them and approve or forget ('baocao devices', 'baocao "
		    "devices forget'), then import again"), all, SYNC_PENDING_TOTAL, fpr);
	}
	return ERR_OK;
}

/*
 * A file from device SENDER (unknown until now, for UNIT; its key chain
 * starting at revoked device FROM_REVOKED, or "") was refused for
 * want of room to hold it: record the device as waiting for approval, so
 * that it can be approved and the file imported again, and add that to
 * *CAUSE (which says why the file was refused).
 */
static enum err device_note(struct store *st, const unsigned char *sender, const char *unit,
			    const char *from_revoked, struct sync_result *res, char **cause)
{
	char *why = NULL;
	enum err e;

	e = store_begin(st, &why);
	if (e == ERR_OK)
		e = store_device_seen(st, sender, unit, &why);
	if (e == ERR_OK && *from_revoked)
		e = store_audit(st, "key-from-revoked", res->fingerprint, from_revoked, &why);
	if (e == ERR_OK)
		e = store_audit(st, "hold-refused", res->fingerprint, unit, &why);
	if (e == ERR_OK)
		e = store_commit(st, &why);
	else
		store_rollback(st);
	if (e != ERR_OK) {
		free(*cause);
		*cause = why;
		return e;
	}
	char *msg = xasprintf(TR("%s; thiết bị đã được ghi là chờ duyệt: duyệt nó ('baocao "
	    "devices approve %s') rồi nhập lại tệp", "%s; the device is now recorded as "
	    "waiting: approve it ('baocao devices approve %s'), then import the file again"),
	    *cause, res->fingerprint);
	free(*cause);
	*cause = msg;
	return ERR_OK;
}

/*
 * The newest pack the device says it applied (ROOT's "pack_seq", a
 * non-negative integer already). Above this office's own sequence, the
 * office was restored from a backup — if "pack_sig" is this office's
 * signature of that number, or "pack_mac" its MAC (sync-int.h), (with SK's key, or a retired one: sync-int.h).
 * Then *RAISE is the number to continue past; a claim without a valid
 * signature moves nothing (a device cannot make the office's numbering
 * jump, or stop) and is told in *UNPROVEN.
 */
static enum err pack_claim(struct store *st, const unsigned char *sk, json_t *root,
			   uint64_t *raise, uint64_t *unproven, char **cause)
{
	json_t *acked = json_object_get(root, "pack_seq");
	const char *sig = json_string_value(json_object_get(root, "pack_sig"));
	const char *mac = json_string_value(json_object_get(root, "pack_mac"));
	unsigned char **old = NULL;
	size_t nold = 0;
	uint64_t own, claim;
	int ok;
	enum err e;

	*raise = *unproven = 0;
	if (!json_is_integer(acked) || json_integer_value(acked) <= 0)
		return ERR_OK;
	claim = (uint64_t)json_integer_value(acked);
	e = store_last_seq(st, &own, cause);
	if (e != ERR_OK || claim <= own)
		return e;
	ok = sync_seq_verify(sk + 32, claim, sig) || sync_seq_mac_verify(sk, claim, mac);
	if (!ok) {
		e = store_old_secrets(st, &old, &nold, cause);
		for (size_t i = 0; i < nold; i++) {
			ok = ok || sync_seq_verify(old[i] + 32, claim, sig) ||
			    sync_seq_mac_verify(old[i], claim, mac);
			store_secret_free(old[i]);
		}
		free(old);
		if (e != ERR_OK)
			return e;
	}
	if (ok)
		*raise = claim;
	else
		*unproven = claim;
	return ERR_OK;
}

/* sync.h: the device this office has with fingerprint FPR (format 4) */
int sync_sender_lookup(const unsigned char *fpr, unsigned char *pk, char *label, void *arg)
{
	struct store_device *devs = NULL;
	size_t n = 0;
	char *why = NULL;
	int found = 0;

	if (store_device_list(arg, &devs, &n, &why) != ERR_OK) {
		free(why);
		return 0;
	}
	for (size_t i = 0; i < n && !found; i++) {
		unsigned char f[SYNC_FPR_SIZE];
		sync_fpr_bytes(devs[i].pk, f);
		if (memcmp(f, fpr, SYNC_FPR_SIZE) == 0) {
			found = 1;
			memcpy(pk, devs[i].pk, 32);
			snprintf(label, SYNC_LABEL_MAX + 1, "%s", devs[i].unit_id ? devs[i].unit_id : "");
		}
	}
	store_device_free(devs, n);
	return found;
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
	uint64_t raise_to = 0;
	enum err e;
	int have_dev = 0, have_set = 0, again, unapproved = 0;
	char from_revoked[STORE_FPR_LEN + 1] = "";	/* a chain from this revoked key */
	struct sync_dict dict = { 0 };

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
	/* 0. its size, before anything else: a real bundle is a few KB */
	e = sync_file_check(st, len, cause);
	if (e == ERR_CORRUPT) {
		res->outcome = SYNC_REFUSED;
		return ERR_OK;
	}
	if (e != ERR_OK)
		return e;
	e = store_install_secret(st, &sk, cause);
	if (e != ERR_OK)
		return e;
	/* 1. the file itself: decrypted, signature checked, nothing
	 * decompressed. Sealed to this key, or to one it replaced (a device
	 * that has not yet applied the pack with the new key). */
	e = sync_open_lookup(SYNC_BUNDLE, file, len, sk, sync_sender_lookup, st, &o, &why);
	if (e != ERR_OK) {
		unsigned char **old = NULL;
		size_t nold = 0;
		int opened = 0;
		/* a fingerprint this office has no key for: input it cannot
		 * read (as a dictionary it lacks), not a damaged file */
		int unknown = e == ERR_INVALID && len >= SYNC_HEADER4_SIZE &&
		    file[9] == SYNC_VERSION_COMPACT;
		e = store_old_secrets(st, &old, &nold, cause);
		for (size_t i = 0; i < nold; i++) {
			char *w2 = NULL;
			if (!opened) {
				sync_opened_free(&o);
				memset(&o, 0, sizeof o);
				if (sync_open_lookup(SYNC_BUNDLE, file, len, old[i], sync_sender_lookup, st,
						     &o, &w2) == ERR_OK)
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
			res->sender_unknown = unknown;
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
	/* the dictionary the signed header names, if this office has it (one
	 * it no longer uses still reads the bundles made with it) */
	if (o.h.dict_id != 0) {
		e = sync_dict_by_id(st, o.h.dict_id, &dict, cause);
		if (e == ERR_NOTFOUND) {
			free(*cause);
			*cause = NULL;
			e = ERR_OK;
		} else if (e != ERR_OK) {
			goto out;
		} else {
			o.dict = dict.bytes;
			o.dict_len = dict.len;
		}
	}
	crypto_generichash(hash, sizeof hash, file, len, NULL, 0);
	/* 2. seen before? */
	e = store_bundle_state(st, hash, &state, &received, cause);
	if (e != ERR_OK)
		goto out;
	if (state != NULL && strcmp(state, "imported") == 0) {
		res->outcome = SYNC_ALREADY;
		goto out;
	}
	again = state != NULL && strcmp(state, "held") == 0;	/* already counted */
	/* 3. who sent it: a known device; or one that changed its key by a
	 * chain from an approved key of the same unit (the content is read,
	 * bounded, only when that unit has an approved device, or a revoked
	 * one: a key whose chain starts at a revoked key is held, marked so
	 * for the clerk); anything else is kept as it came, never
	 * decompressed nor parsed */
	e = store_device_get(st, o.h.sender, &dev, cause);
	/* a key only ever held (a file labelled for another unit, say) was never
	 * approved: it does not stand in the way of a verified chain to it */
	if (e == ERR_OK && strcmp(dev.state, "pending") == 0) {
		int was = 1;
		e = store_device_was_approved(st, dev.fingerprint, &was, cause);
		unapproved = e == ERR_OK && !was;
	}
	if ((e == ERR_NOTFOUND || unapproved) && unit_has_device(st, unit) &&
	    bundle_decode(st, &o, unit, &root, &why) == ERR_OK) {
		json_t *chain = json_object_get(root, "key_chain");
		unsigned char old[32];
		for (size_t i = 0; !res->rotated && (e == ERR_NOTFOUND || e == ERR_OK) &&
		    sync_chain_origin(chain, i, old); i++) {
			struct store_device od;
			char *c2 = NULL;
			if (store_device_get(st, old, &od, &c2) != ERR_OK) {
				free(c2);
				continue;
			}
			if (strcmp(od.state, "revoked") == 0 && od.unit_id != NULL &&
			    strcmp(od.unit_id, unit) == 0 && sync_chain_follow(chain, old, o.h.sender))
				memcpy(from_revoked, od.fingerprint, sizeof from_revoked);
			if (strcmp(od.state, "approved") == 0 && od.unit_id != NULL &&
			    strcmp(od.unit_id, unit) == 0 && sync_chain_follow(chain, old, o.h.sender)) {
				free(*cause);
				*cause = NULL;
				e = store_begin(st, cause);
				if (e == ERR_OK && unapproved) {
					int n;
					e = store_bundle_purge(st, res->fingerprint, "key rotated from an "
					    "approved key", &n, cause);
					if (e == ERR_OK)
						e = store_device_forget(st, res->fingerprint, cause);
				}
				if (e == ERR_OK)
					e = store_device_rotate(st, od.fingerprint, o.h.sender, cause);
				if (e == ERR_OK)
					e = store_commit(st, cause);
				else
					store_rollback(st);
				if (e == ERR_OK) {
					res->rotated = 1;
					if (unapproved) {
						free(dev.unit_id);
						free(dev.state);
						unapproved = 0;
					}
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
		/* a new key: is there room for one more device waiting? (checked
		 * first: a file refused for its size still records its device) */
		e = pending_room(st, unit, res->fingerprint, res, cause);
		if (e != ERR_OK || res->outcome == SYNC_REFUSED)
			goto out;
		e = held_room(st, NULL, res->fingerprint, again ? 0 : len, res, cause);
		if (e != ERR_OK)
			goto out;
		if (res->outcome == SYNC_REFUSED) {
			/* no room to hold the file, but the device is known now:
			 * the clerk can approve it, then import the file again */
			e = device_note(st, o.h.sender, unit, from_revoked, res, cause);
			goto out;
		}
		e = store_begin(st, cause);
		if (e == ERR_OK)
			e = store_device_seen(st, o.h.sender, unit, cause);
		if (e == ERR_OK && *from_revoked)
			e = store_audit(st, "key-from-revoked", res->fingerprint, from_revoked, cause);
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
		e = held_room(st, dev.fingerprint, res->fingerprint, again ? 0 : len, res, cause);
		if (e != ERR_OK || res->outcome == SYNC_REFUSED)
			goto out;
		e = store_begin(st, cause);
		if (e == ERR_OK && *from_revoked && strcmp(dev.from_revoked, from_revoked) != 0)
			e = store_audit(st, "key-from-revoked", res->fingerprint, from_revoked, cause);
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
	/* 4. an approved device: now, and only now, read the content, bounded,
	 * with the dictionary it was compressed with */
	if (o.h.dict_id != 0 && o.dict == NULL) {
		res->outcome = SYNC_REFUSED;
		res->dict_unknown = o.h.dict_id;
		err_set(cause, ERR_INVALID, TR("tệp nén bằng từ điển %u mà văn phòng này không có "
		    "(của văn phòng khác, hoặc văn phòng đã khôi phục từ bản sao lưu): hãy gửi gói "
		    "mới ('baocao pack') cho đơn vị %s, áp dụng rồi xuất lại", "the bundle is "
		    "compressed with dictionary %u, which this office does not have (another "
		    "office's, or this office was restored from a backup): send unit %s a new "
		    "pack ('baocao pack'); it applies it and exports again"), o.h.dict_id, unit);
		goto out;
	}
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
	if (acked != NULL && (!json_is_integer(acked) || json_integer_value(acked) < 0)) {
		res->outcome = SYNC_REFUSED;
		e = err_set(cause, ERR_CORRUPT, "%s", TR("số gói đã áp dụng (pack_seq) trong tệp "
		    "không hợp lệ", "the pack sequence the bundle acknowledges (pack_seq) is not "
		    "valid"));
		if (e == ERR_CORRUPT)
			e = ERR_OK;
		goto out;
	}
	e = pack_claim(st, sk, root, &raise_to, &res->restore_unproven, cause);
	if (e == ERR_OK)
		e = store_begin(st, cause);
	if (e == ERR_OK) {
		struct sync_limits lim;
		enum err ie = sync_limits_get(st, &lim, cause);
		if (ie == ERR_OK)
			ie = import_payload(st, forms, &o, &lim, unit, unit_kind, res->fingerprint,
			    received, res->clock_note, dev.last_seq, res, cause);
		if (ie == ERR_INVALID || ie == ERR_CORRUPT) {
			/* the bundle is at fault, not the store: refuse it, change nothing */
			store_rollback(st);
			res->outcome = SYNC_REFUSED;
			res->n_new = res->n_older = res->n_dup = res->n_conflict = res->n_stale = 0;
			for (size_t i = 0; i < res->n_held_listed; i++)
				free(res->held[i]);
			res->n_held = res->n_held_listed = 0;
			goto out;
		}
		e = ie;
	}
	/* The device applied packs this office has no memory of writing: it
	 * was restored from a backup. Move on past them, so that what it
	 * writes next is not taken for something applied before. */
	if (e == ERR_OK && raise_to > 0) {
		int moved;
		e = store_seq_raise(st, raise_to, &moved, cause);
		if (e == ERR_OK && moved)
			res->restored_to = raise_to;
	}
	/* the same number, other bytes: a device restored from a backup */
	if (e == ERR_OK)
		e = store_bundle_seq_reused(st, res->fingerprint, o.h.seq, hash, &res->seq_reused,
		    cause);
	if (e == ERR_OK && res->seq_reused) {
		char *d = xasprintf("seq %llu reused with other bytes", (unsigned long long)o.h.seq);
		e = store_audit(st, "bundle-seq-reused", res->fingerprint, d, cause);
		free(d);
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
	sync_dict_free(&dict);
	store_secret_free(sk);
	return e;
}

enum err sync_approve(struct store *st, const char *fingerprint, int *imported, char **cause)
{
	struct sync_approved a;
	enum err e = sync_approve_report(st, fingerprint, NULL, NULL, &a, cause);

	*imported = a.imported;
	sync_approved_free(&a);
	return e;
}

void sync_approved_free(struct sync_approved *a)
{
	sync_notes_free(a->notes, a->nnotes);
	memset(a, 0, sizeof *a);
}

/* Add NOTE (taken) to A's notes, or count it past SYNC_APPROVE_NOTES: the
 * last line then says how many more there were. */
static void approved_note(struct sync_approved *a, int warn, char *text, size_t *more)
{
	if (a->nnotes < SYNC_APPROVE_NOTES) {
		a->notes = xreallocarray(a->notes, a->nnotes + 1, sizeof *a->notes);
		a->notes[a->nnotes].text = text;
		a->notes[a->nnotes++].warn = warn;
		return;
	}
	free(text);
	(*more)++;
}

enum err sync_approve_report(struct store *st, const char *fingerprint,
			     sync_progress_fn progress, void *arg, struct sync_approved *out,
			     char **cause)
{
	struct form_set set;
	int have_set = 0;
	struct store_device *devs = NULL;
	unsigned char **held = NULL;
	size_t *lens = NULL, nheld = 0, n = 0;
	const char *fpr = NULL;
	char want[STORE_FPR_LEN + 1];
	size_t more = 0;
	enum err e;

	memset(out, 0, sizeof *out);
	/* a device is approved for a unit on the roster, never another */
	e = store_device_list(st, &devs, &n, cause);
	if (e == ERR_OK && store_fpr_normal(fingerprint, want))
		for (size_t i = 0; i < n; i++)
			if (strcmp(devs[i].fingerprint, want) == 0 && devs[i].unit_id != NULL) {
				struct store_unit *units = NULL;
				size_t nu = 0;
				int on = 0;
				e = store_unit_list(st, NULL, &units, &nu, cause);
				for (size_t j = 0; e == ERR_OK && j < nu; j++)
					on = on || strcmp(units[j].id, devs[i].unit_id) == 0;
				store_unit_free(units, nu);
				if (e == ERR_OK && !on)
					e = err_set(cause, ERR_INVALID, TR("thiết bị %s gửi tệp của đơn vị "
					    "'%s', không có trong danh sách đơn vị: không duyệt được (thêm "
					    "đơn vị trước nếu đúng là của xã)", "device %s sent files for "
					    "unit '%s', which is not on the roster: it cannot be approved "
					    "(add the unit first if it is the commune's)"), devs[i].fingerprint,
					    devs[i].unit_id);
			}
	store_device_free(devs, n);
	devs = NULL;
	n = 0;
	if (e != ERR_OK)
		return e;
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
	/* the forms, parsed once for every held file (not once a file: that
	 * was most of an approval's time) */
	if (e == ERR_OK && nheld > 0) {
		e = form_set_load(st, &set, cause);
		have_set = e == ERR_OK;
	}
	for (size_t i = 0; e == ERR_OK && i < nheld; i++) {
		struct sync_result r;
		char *why = NULL;
		if (progress != NULL)
			progress(i + 1, nheld, arg);
		e = sync_import(st, &set, held[i], lens[i], &r, &why);
		if (e == ERR_OK && r.outcome == SYNC_IMPORTED) {
			struct sync_note *notes;
			size_t nn = sync_result_notes(&r, &notes);
			out->imported++;
			out->held_back += r.n_held;
			for (size_t k = 0; k < nn; k++)
				approved_note(out, notes[k].warn, notes[k].text, &more);
			free(notes);	/* the texts were taken */
		}
		if (e != ERR_OK)	/* a full disk, say: the user must read why */
			err_set(cause, e, "%s", why != NULL ? why : "?");
		else if (r.outcome == SYNC_REFUSED) {
			/* read at last and refused (a bomb, a broken content): say why,
			 * and keep no longer what will never be imported */
			unsigned char hash[32];
			char hex[65], when[20], *state = NULL, *named;
			int64_t received = 0;
			crypto_generichash(hash, sizeof hash, held[i], lens[i], NULL, 0);
			/* named by what the office knows of it: when it came, its
			 * size, its hash (BLAKE2b-256, 'b2sum -l 256' of the file) */
			sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
			e = store_bundle_state(st, hash, &state, &received, cause);
			free(state);
			moment_format(moment_from_unix(received), when, sizeof when);
			named = xasprintf(TR("tệp nhận lúc %s, %zu byte, mã %.16s…: %s", "the file "
			    "received %s, %zu bytes, hash %.16s…: %s"), when, lens[i], hex,
			    why ? why : "?");
			free(why);
			why = named;
			if (e == ERR_OK)
				e = store_begin(st, cause);
			if (e == ERR_OK)
				e = store_bundle_put(st, hash, fpr, 0, "refused", why, NULL, 0, cause);
			if (e == ERR_OK)
				e = store_audit(st, "refuse", fpr, why, cause);
			if (e == ERR_OK) {
				out->refused++;
				approved_note(out, 1, xasprintf(TR("một tệp đang giữ bị từ chối: %s",
				    "a held file was refused: %s"), why), &more);
			}
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
		sync_approved_free(out);	/* nothing of it was kept */
	else if (more > 0) {	/* past the cap: one line more says how many */
		out->notes = xreallocarray(out->notes, out->nnotes + 1, sizeof *out->notes);
		out->notes[out->nnotes].text = xasprintf(TR("… và %zu dòng nữa ('baocao status')",
		    "… and %zu more lines ('baocao status')"), more);
		out->notes[out->nnotes++].warn = 1;
	}
	if (have_set)
		form_set_free(&set);
	for (size_t i = 0; i < nheld; i++)
		free(held[i]);
	free(held);
	free(lens);
	store_device_free(devs, n);
	return e;
}

enum err sync_forget(struct store *st, const char *fingerprint, int *dropped, char **cause)
{
	char fpr[STORE_FPR_LEN + 1];
	enum err e;

	*dropped = 0;
	if (!store_fpr_normal(fingerprint, fpr))
		return err_set(cause, ERR_INVALID, TR("mã thiết bị '%s' không hợp lệ (dạng "
		    "XXXX-XXXX-XXXX-XXXX)", "device fingerprint '%s' is not valid "
		    "(XXXX-XXXX-XXXX-XXXX)"), fingerprint);
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_bundle_purge(st, fpr, "device forgotten", dropped, cause);
	if (e == ERR_OK)
		e = store_device_forget(st, fpr, cause);
	if (e == ERR_OK) {
		char *d = xasprintf("%d held files dropped", *dropped);
		e = store_audit(st, "forget-device", fpr, d, cause);
		free(d);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK) {
		store_rollback(st);
		*dropped = 0;
	}
	return e;
}

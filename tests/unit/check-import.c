/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-import.c: what a bundle means at the office — the office's checks
 * on each submission (unit kind, form version, period, every value check),
 * held with the reason rather than stored as if fine; revisions ordered by
 * the device's own numbering, never its clock; an incident imported the day
 * it happened. A real office and a real field installation (sync_setup)
 * exchange real bundles; the field's submissions are written straight into
 * its store, so that the office sees what a damaged or hostile device
 * could send.
 */
#include "tests.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../core/buf.h"
#include "../../core/mem.h"
#include "../../forms/form-install.h"
#include "../../office/office-report.h"
#include "../../storage/store-key.h"
#include "../../storage/store-settings.h"
#include "../../storage/store-sub.h"
#include "../../storage/store-sync.h"
#include "../../sync/sync-int.h"
#include "../../sync/sync-seal.h"
#include "../../sync/sync-setup.h"
#include "../../sync/sync.h"

#define NOW "1793840400"	/* 2026-11-05 08:00 +07 */

struct pair {
	char *dir;
	struct store *office, *field;
	char fpr[STORE_FPR_LEN + 1];
};

static void
pair_open(struct pair *p)
{
	struct setup_request rq = { 0 };
	struct store_install in;
	unsigned char *pack;
	size_t len;
	char *path, *cause = NULL;
	int n;

	setenv("BAOCAO_NOW", NOW, 1);
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	p->dir = test_tmpdir();
	path = xasprintf("%s/o.db", p->dir);
	rq.role = STORE_ROLE_OFFICE;
	rq.commune = "Ngọc Lặc";
	rq.kdf = &STORE_KDF_TEST;
	ck_assert_int_eq(sync_setup(path, "passphrase 1", &rq, &p->office, &n, &cause), ERR_OK);
	free(path);
	ck_assert_int_eq(store_unit_add(p->office, NULL, "thon", "Thôn Đồng Tâm", NULL, &cause),
	    ERR_OK);
	ck_assert_int_eq(sync_pack(p->office, &pack, &len, &cause), ERR_OK);
	path = xasprintf("%s/a.db", p->dir);
	memset(&rq, 0, sizeof rq);
	rq.role = STORE_ROLE_FIELD;
	rq.unit = "thon-dong-tam";
	rq.pack = pack;
	rq.packlen = len;
	rq.pack_name = "p.bcp";
	rq.kdf = &STORE_KDF_TEST;
	ck_assert_int_eq(sync_setup(path, "passphrase 1", &rq, &p->field, &n, &cause), ERR_OK);
	free(path);
	free(pack);
	ck_assert_int_eq(store_install_get(p->field, &in, &cause), ERR_OK);
	memcpy(p->fpr, in.fingerprint, sizeof p->fpr);
	store_install_free(&in);
	/* a first, empty bundle makes the device known; the office approves it */
	{
		struct sync_result r;
		ck_assert_int_eq(sync_export(p->field, &pack, &len, &n, &cause), ERR_OK);
		ck_assert_int_eq(sync_import(p->office, NULL, pack, len, &r, &cause), ERR_OK);
		ck_assert_int_eq(r.outcome, SYNC_HELD);
		sync_result_free(&r);
		free(pack);
		ck_assert_int_eq(sync_approve(p->office, p->fpr, &n, &cause), ERR_OK);
	}
}

static void
pair_close(struct pair *p)
{
	store_close(p->office);
	store_close(p->field);
	test_rmdir(p->dir);
	free(p->dir);
	unsetenv("BAOCAO_NOW");
}

/* The field writes a submission as final, whatever it holds. */
static void
field_final(struct pair *p, const char *form, const char *period, int version, const char *data)
{
	char *cause = NULL;
	int rev;

	ck_assert_int_eq(store_sub_save(p->field, form, "thon-dong-tam", period, version, data, 1,
	    &rev, &cause), ERR_OK);
}

/* Export at the field, import at the office; RES is the office's result. */
static void
send(struct pair *p, struct sync_result *res)
{
	unsigned char *file;
	size_t len;
	char *cause = NULL;
	int count;

	ck_assert_int_eq(sync_export(p->field, &file, &len, &count, &cause), ERR_OK);
	ck_assert_int_eq(sync_import(p->office, NULL, file, len, res, &cause), ERR_OK);
	free(file);
	free(cause);
}

static int
held_with(const struct sync_result *r, const char *what, const char *why)
{
	for (size_t i = 0; i < r->n_held_listed; i++)
		if (strstr(r->held[i], what) != NULL && strstr(r->held[i], why) != NULL)
			return 1;
	return 0;
}

static int
office_has_unit(struct pair *p, const char *form, const char *unit, const char *period)
{
	struct store_sub s;
	char *cause = NULL;
	enum err e = store_sub_get(p->office, form, unit, period, &s, &cause);

	free(cause);
	if (e != ERR_OK)
		return 0;
	free(s.form_id);
	free(s.unit_id);
	free(s.period);
	free(s.status);
	free(s.status_reason);
	free(s.data);
	return 1;
}

static int
office_has(struct pair *p, const char *form, const char *period)
{
	return office_has_unit(p, form, "thon-dong-tam", period);
}

#define OCT "{\"so-ho\": 100, \"so-nhan-khau\": 400, \"ho-ngheo\": 9}"

START_TEST(test_import_checks_the_form)
{
	struct pair p;
	struct sync_result r;
	struct store_held_sub *h;
	size_t n;
	char *cause = NULL;

	pair_open(&p);
	field_final(&p, "nl09-thon-thang", "2026-10", 1, OCT);
	field_final(&p, "nl09-thon-thang", "2026-13", 1, OCT);	/* no such month */
	field_final(&p, "nl09-thon-thang", "2027-03", 1, OCT);	/* not begun */
	field_final(&p, "nl09-thon-quy", "2026-Q3", 7, "{}");	/* version unknown */
	field_final(&p, "nl07-truong-quy", "2026-Q3", 1, "{}");	/* a school's form */
	field_final(&p, "nl09-thon-thang", "2026-09", 1, "{\"so-ho\": -5}");
	field_final(&p, "nl09-thon-nam", "2025", 1, "{\"bogus-field\": 1}");
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_new, 1);
	ck_assert_uint_eq(r.n_held, 6);
	ck_assert(held_with(&r, "2026-13", "không phải một kỳ"));
	ck_assert(held_with(&r, "2027-03", "chưa bắt đầu"));
	ck_assert(held_with(&r, "nl09-thon-quy", "phiên bản 7"));
	ck_assert(held_with(&r, "nl07-truong-quy", "loại truong"));
	ck_assert(held_with(&r, "2026-09", "so-ho"));
	ck_assert(held_with(&r, "2025", "bogus-field"));
	sync_result_free(&r);
	/* held, never stored as if fine; the good one is */
	ck_assert(office_has(&p, "nl09-thon-thang", "2026-10"));
	ck_assert(!office_has(&p, "nl09-thon-thang", "2026-13"));
	ck_assert(!office_has(&p, "nl09-thon-thang", "2026-09"));
	ck_assert(!office_has(&p, "nl07-truong-quy", "2026-Q3"));
	ck_assert(!office_has(&p, "nl09-thon-quy", "2026-Q3"));
	ck_assert_int_eq(store_held_list(p.office, &h, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 6);
	store_held_free(h, n);
	/* sent again: held once, not twice */
	send(&p, &r);
	ck_assert_uint_eq(r.n_held, 0);
	sync_result_free(&r);
	ck_assert_int_eq(store_held_list(p.office, &h, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 6);
	store_held_free(h, n);
	/* the unit corrects one: counted, and no longer listed as held back */
	field_final(&p, "nl09-thon-thang", "2026-09", 1, OCT);
	send(&p, &r);
	ck_assert_int_eq(r.n_new, 1);
	sync_result_free(&r);
	ck_assert(office_has(&p, "nl09-thon-thang", "2026-09"));
	ck_assert_int_eq(store_held_list(p.office, &h, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 5);
	for (size_t i = 0; i < n; i++)
		ck_assert(strcmp(h[i].period, "2026-09") != 0 ||
		    strcmp(h[i].form_id, "nl09-thon-thang") != 0);
	store_held_free(h, n);
	pair_close(&p);
}
END_TEST

/* The data of a submission cannot contradict what it is filed under: what
 * the office keeps is the values as the form reads them, nothing else. */
START_TEST(test_import_data_filed_under)
{
	struct pair p;
	struct sync_result r;
	struct store_sub s;
	char *cause = NULL;

	pair_open(&p);
	field_final(&p, "nl09-thon-thang", "2026-07", 1, "{\"values\": " OCT ", \"period\": "
	    "\"2026-03\", \"form\": \"nl07-truong-quy\", \"report\": \"x\"}");
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_new, 1);
	sync_result_free(&r);
	ck_assert_int_eq(store_sub_get(p.office, "nl09-thon-thang", "thon-dong-tam", "2026-07", &s,
	    &cause), ERR_OK);
	ck_assert_ptr_null(strstr(s.data, "2026-03"));
	ck_assert_ptr_null(strstr(s.data, "nl07"));
	ck_assert_ptr_nonnull(strstr(s.data, "\"period\":\"2026-07\""));
	ck_assert_ptr_null(strstr(s.data, "\"report\":\"x\""));
	ck_assert_ptr_nonnull(strstr(s.data, "400"));
	free(s.form_id);
	free(s.unit_id);
	free(s.period);
	free(s.status);
	free(s.status_reason);
	free(s.data);
	pair_close(&p);
}
END_TEST

/* Ten years of daily reports, all unacknowledged (each export carries
 * them all): the office reads them one at a time, so the parser's budget
 * holds whatever their number. */
START_TEST(test_import_ten_year_backlog)
{
	struct pair p;
	struct sync_result r;
	char *cause = NULL;
	int rev, n = 3650;

	pair_open(&p);
	for (int i = 0; i < n; i++) {
		time_t t = (time_t)(1793750400 - (int64_t)(i + 1) * 86400);	/* back from 2026-11-04 */
		struct tm tm;
		char per[32], data[256];
		gmtime_r(&t, &tm);
		strftime(per, sizeof per, "%Y-%m-%dT07:30", &tm);
		snprintf(data, sizeof data, "{\"sv-loai\": \"khac\", \"sv-ngay\": \"%.10s\", "
		    "\"sv-dia-diem\": \"Đội 3\", \"sv-muc-do\": \"thuong\", \"sv-noi-dung\": "
		    "\"Cây đổ\"}", per);
		ck_assert_int_eq(store_sub_save(p.field, "nl09-thon-su-viec", "thon-dong-tam", per, 1,
		    data, 1, &rev, &cause), ERR_OK);
	}
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_new, n);
	ck_assert_uint_eq(r.n_held, 0);
	sync_result_free(&r);
	ck_assert(office_has(&p, "nl09-thon-su-viec", "2016-11-06T07:30"));
	pair_close(&p);
}
END_TEST

/* The approved device's key seals PAYLOAD as its bundle number SEQ; the
 * office's result. */
static void
send_payload(struct pair *p, uint64_t seq, const char *payload, struct sync_result *r,
    char **cause)
{
	struct store_install in;
	unsigned char *sk = NULL, *file;
	size_t len;

	ck_assert_int_eq(store_install_secret(p->field, &sk, cause), ERR_OK);
	ck_assert_int_eq(store_install_get(p->office, &in, cause), ERR_OK);
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, "thon-dong-tam", seq,
	    1793840000, payload, strlen(payload), &file, &len, cause), ERR_OK);
	store_install_free(&in);
	store_secret_free(sk);
	ck_assert_int_eq(sync_import(p->office, NULL, file, len, r, cause), ERR_OK);
	free(file);
}

#define HDR "{\"kind\":\"bundle\",\"unit\":\"thon-dong-tam\"}\n"
#define SUB(per) "{\"form\":\"nl09-thon-thang\",\"period\":\"" per "\",\"rev\":1," \
    "\"form_version\":1,\"created\":1793000000,\"data\":" OCT "}\n"

/* A bundle is JSON lines: a line that is not a submission refuses the
 * whole bundle (nothing kept); a one-document payload of an earlier
 * baocao is refused saying so, never taken for an empty bundle. */
START_TEST(test_import_lines_hostile)
{
	struct pair p;
	struct sync_result r;
	char *cause = NULL;

	pair_open(&p);
	send_payload(&p, 50, HDR SUB("2026-09") "[1,2\n" SUB("2026-10"), &r, &cause);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_ptr_nonnull(strstr(cause, "3"));
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	ck_assert(!office_has(&p, "nl09-thon-thang", "2026-09"));
	/* a form version no baocao writes (negative, zero, absurd): the file is
	 * refused with a line naming it as it came, nothing kept */
	send_payload(&p, 60, HDR SUB("2026-09") "{\"form\":\"nl09-thon-thang\",\"period\":"
	    "\"2026-10\",\"rev\":1,\"form_version\":-5,\"created\":1793000000,\"data\":"
	    OCT "}\n", &r, &cause);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_ptr_nonnull(strstr(cause, "phiên bản biểu mẫu -5"));
	ck_assert_ptr_nonnull(strstr(cause, "2026-10"));
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	ck_assert(!office_has(&p, "nl09-thon-thang", "2026-09"));
	send_payload(&p, 61, HDR "{\"form\":\"nl09-thon-thang\",\"period\":\"2026-10\","
	    "\"rev\":1,\"form_version\":4294967297,\"created\":1793000000,\"data\":" OCT
	    "}\n", &r, &cause);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_ptr_nonnull(strstr(cause, "4294967297"));
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	send_payload(&p, 51, HDR "\n" SUB("2026-10"), &r, &cause);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	send_payload(&p, 52, "{\"kind\":\"bundle\",\"unit\":\"thon-dong-tam\",\"submissions\":[]}",
	    &r, &cause);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_ptr_nonnull(strstr(cause, "baocao"));
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	/* a flood from an approved key: more submissions than a unit ever
	 * sends refuse the file, nothing kept; held lines are all counted,
	 * the first few listed (memory does not grow with them) */
	{
		struct buf b;
		char *text;
		buf_init(&b, 0);
		ck_assert_int_eq(buf_add(&b, HDR, strlen(HDR)), 0);
		for (int k = 0; k <= SYNC_MAX_SUBMISSIONS; k++) {
			ck_assert_int_eq(buf_printf(&b, "{\"form\":\"nl09-thon-thang\",\"period\":"
			    "\"2026-10\",\"rev\":%d,\"form_version\":1,\"created\":1793000000,"
			    "\"data\":{\"so-ho\":\"x\"}}\n", k + 2), 0);
			if (k == 199) {
				text = xstrndup(b.data, b.len);
				send_payload(&p, 54, text, &r, &cause);
				free(text);
				ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
				ck_assert_uint_eq(r.n_held, 200);
				ck_assert_uint_eq(r.n_held_listed, SYNC_HELD_LISTED);
				{
					struct sync_note *notes;
					size_t nn = sync_result_notes(&r, &notes);
					size_t listed = 0, more = 0;
					for (size_t q = 0; q < nn; q++) {
						listed += strncmp(notes[q].text, "giữ lại ", 9) == 0;
						more += strstr(notes[q].text, "và 150 báo cáo") != NULL;
					}
					ck_assert_uint_eq(listed, SYNC_HELD_LISTED);
					ck_assert_uint_eq(more, 1);
					sync_notes_free(notes, nn);
				}
				sync_result_free(&r);
			}
		}
		text = xstrndup(b.data, b.len);
		buf_free(&b);
		send_payload(&p, 55, text, &r, &cause);
		free(text);
		ck_assert_int_eq(r.outcome, SYNC_REFUSED);
		ck_assert_ptr_nonnull(strstr(cause, "20000"));
		free(cause);
		cause = NULL;
		sync_result_free(&r);
	}
	/* well formed, the last line without its newline: both kept */
	send_payload(&p, 53, HDR SUB("2026-09") "{\"form\":\"nl09-thon-thang\",\"period\":"
	    "\"2026-10\",\"rev\":1,\"form_version\":1,\"created\":1793000000,\"data\":" OCT "}",
	    &r, &cause);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_new, 2);
	sync_result_free(&r);
	pair_close(&p);
}
END_TEST

START_TEST(test_import_incident_on_its_day)
{
	struct pair p;
	struct sync_result r;

	pair_open(&p);
	field_final(&p, "nl09-thon-su-viec", "2026-11-05T07:30", 1, "{\"sv-loai\": \"khac\","
	    " \"sv-ngay\": \"2026-11-05\", \"sv-dia-diem\": \"Đội 3\", \"sv-muc-do\": \"thuong\","
	    " \"sv-noi-dung\": \"Cây đổ\"}");
	send(&p, &r);
	ck_assert_int_eq(r.n_new, 1);
	ck_assert_uint_eq(r.n_held, 0);
	sync_result_free(&r);
	ck_assert(office_has(&p, "nl09-thon-su-viec", "2026-11-05T07:30"));
	pair_close(&p);
}
END_TEST

/* Years of receipts: a health station's daily form alone is 365 reports a
 * year. The office's pack lists a receipt for each; the field, which
 * trusts the office's signature, still applies it (it was refused past
 * about 6,000 for the memory a stranger's file is given). */
/* A device's own bytes never reach the clerk's terminal raw: a value with
 * escape sequences is held with a reason that quotes it as '?', and a form
 * id with control characters refuses the file. */
START_TEST(test_import_no_terminal_escapes)
{
	struct pair p;
	struct sync_result r;
	struct sync_note *notes;
	size_t nn;
	char *cause = NULL;

	pair_open(&p);
	field_final(&p, "nl09-thon-thang", "2026-10", 1, "{\"so-ho\": \"\\u001b]0;PWNED\\u0007"
	    "\\u001b[2J\\u009b31m\\r\", \"so-nhan-khau\": 400, \"ho-ngheo\": 9}");
	send(&p, &r);
	ck_assert_uint_eq(r.n_held, 1);
	nn = sync_result_notes(&r, &notes);
	for (size_t i = 0; i < nn; i++)
		for (const unsigned char *c = (const unsigned char *)notes[i].text; *c; c++)
			ck_assert_msg(*c >= 0x20 && *c != 0x7f, "control byte %#x in: %s", *c,
			    notes[i].text);
	ck_assert_ptr_nonnull(strstr(notes[0].text, "?]0;PWNED?"));
	sync_notes_free(notes, nn);
	sync_result_free(&r);
	/* the stored reason, which status prints, is the same */
	{
		struct store_held_sub *h;
		size_t n;
		ck_assert_int_eq(store_held_list(p.office, &h, &n, &cause), ERR_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert_ptr_null(strchr(h[0].reason, 0x1b));
		store_held_free(h, n);
	}
	field_final(&p, "x\r\x1b[2Kevil", "2026-10", 1, "{}");
	{
		unsigned char *file;
		size_t len;
		int count;
		ck_assert_int_eq(sync_export(p.field, &file, &len, &count, &cause), ERR_OK);
		ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
		free(file);
		ck_assert_int_eq(r.outcome, SYNC_REFUSED);
		ck_assert_ptr_null(strchr(cause, 0x1b));
		free(cause);
		sync_result_free(&r);
	}
	pair_close(&p);
}
END_TEST

static void pack_to_field(struct pair *p, struct sync_applied *a);

START_TEST(test_import_pack_many_receipts)
{
	struct pair p;
	struct sync_result r;
	struct sync_applied a;
	char *cause = NULL;
	enum { N = 7000 };

	pair_open(&p);
	ck_assert_int_eq(store_begin(p.field, &cause), ERR_OK);
	for (int i = 0; i < N; i++) {
		char when[32], data[256];
		time_t t = (time_t)1704067200 + (time_t)i * 3 * 3600;	/* every 3 h from 2024 */
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M", &tm);
		snprintf(data, sizeof data, "{\"sv-loai\": \"khac\", \"sv-ngay\": \"%.10s\","
		    " \"sv-dia-diem\": \"Đội 3\", \"sv-muc-do\": \"thuong\", \"sv-noi-dung\":"
		    " \"Cây đổ\"}", when);
		field_final(&p, "nl09-thon-su-viec", when, 1, data);
	}
	ck_assert_int_eq(store_commit(p.field, &cause), ERR_OK);
	send(&p, &r);
	ck_assert_int_eq(r.n_new, N);
	sync_result_free(&r);
	pack_to_field(&p, &a);
	ck_assert_int_eq(a.receipts, N);
	pair_close(&p);
}
END_TEST

/* A field laptop whose clock went back a month: its next revision is still
 * the newer one, flagged, and lateness follows the office's receipt. */
START_TEST(test_import_order_without_clocks)
{
	struct pair p;
	struct sync_result r;
	struct store_sub s;
	char *cause = NULL;

	pair_open(&p);
	field_final(&p, "nl09-thon-thang", "2026-10", 1, OCT);
	send(&p, &r);
	ck_assert_int_eq(r.n_new, 1);
	ck_assert_ptr_null(r.clock_note);
	sync_result_free(&r);
	setenv("BAOCAO_NOW", "1791248400", 1);	/* the field's clock: 2026-10-06 */
	field_final(&p, "nl09-thon-thang", "2026-10", 1, "{\"so-ho\": 120, \"so-nhan-khau\": 400,"
	    " \"ho-ngheo\": 9}");
	{
		unsigned char *file;
		size_t len;
		int count;
		ck_assert_int_eq(sync_export(p.field, &file, &len, &count, &cause), ERR_OK);
		setenv("BAOCAO_NOW", NOW, 1);	/* the office's clock */
		ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
		free(file);
	}
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_new, 1);
	ck_assert_int_eq(r.n_older, 0);
	ck_assert_str_eq(r.clock_note, "behind");
	sync_result_free(&r);
	ck_assert_int_eq(store_sub_get(p.office, "nl09-thon-thang", "thon-dong-tam", "2026-10", &s,
	    &cause), ERR_OK);
	ck_assert_ptr_nonnull(strstr(s.data, "120"));
	free(s.form_id);
	free(s.unit_id);
	free(s.period);
	free(s.status);
	free(s.status_reason);
	free(s.data);
	pair_close(&p);
}
END_TEST

/* One link OLD -> NEW signed by SIGNER's secret key, as JSON. */
static json_t *
link_json(const unsigned char *signer_sk, const unsigned char old[32],
    const unsigned char new[32])
{
	unsigned char msg[STORE_KEY_LINK_MSG_LEN], sig[64];
	char o[65], n[65], s[129];

	store_key_link_msg(old, new, msg);
	crypto_sign_detached(sig, NULL, msg, sizeof msg, signer_sk);
	sodium_bin2hex(o, sizeof o, old, 32);
	sodium_bin2hex(n, sizeof n, new, 32);
	sodium_bin2hex(s, sizeof s, sig, 64);
	return json_pack("{s:s, s:s, s:s}", "old", o, "new", n, "sig", s);
}

/* A chain is trusted only link by verified link, from the trusted key. */
START_TEST(test_import_key_chain_hostile)
{
	unsigned char pk[4][32], sk[4][64];
	json_t *chain;

	for (int i = 0; i < 4; i++)
		crypto_sign_keypair(pk[i], sk[i]);
	chain = json_array();
	json_array_append_new(chain, json_pack("{s:s}", "old", "zz"));	/* junk: ignored */
	json_array_append_new(chain, link_json(sk[1], pk[1], pk[2]));	/* B -> C */
	json_array_append_new(chain, link_json(sk[0], pk[0], pk[1]));	/* A -> B */
	ck_assert(sync_chain_follow(chain, pk[0], pk[2]));	/* any order */
	ck_assert(sync_chain_follow(chain, pk[0], pk[0]));	/* no change */
	ck_assert(!sync_chain_follow(chain, pk[2], pk[0]));	/* not backwards */
	ck_assert(!sync_chain_follow(chain, pk[0], pk[3]));	/* not to a stranger */
	/* C -> D signed by D itself, not by C: no step */
	json_array_append_new(chain, link_json(sk[3], pk[2], pk[3]));
	ck_assert(!sync_chain_follow(chain, pk[0], pk[3]));
	/* a loop B -> A never ends the walk elsewhere */
	json_array_append_new(chain, link_json(sk[1], pk[1], pk[0]));
	ck_assert(!sync_chain_follow(chain, pk[0], pk[3]));
	json_decref(chain);
	/* not an array, or too long */
	ck_assert(!sync_chain_follow(NULL, pk[0], pk[1]));
	chain = json_array();
	for (int i = 0; i < 65; i++)
		json_array_append_new(chain, link_json(sk[0], pk[0], pk[1]));
	ck_assert(!sync_chain_follow(chain, pk[0], pk[1]));
	json_decref(chain);
}
END_TEST

/* The progress an approval reports: each call (n of N) in order. */
struct approve_calls {
	size_t n, last, total, out_of_order;
};

static void
approve_count(size_t done, size_t total, void *arg)
{
	struct approve_calls *c = arg;

	c->out_of_order += done != c->last + 1 || (c->total != 0 && total != c->total);
	c->last = done;
	c->total = total;
	c->n++;
}

/* Held bytes and files as the office counts them for device FPR (its key
 * PK), and for all devices: what the caps on holding are checked with. */
static void
held_figures(struct pair *p, const unsigned char *pk, const char *fpr, int files,
	     int64_t bytes, int64_t all)
{
	struct store_device d;
	int64_t got;
	char *cause = NULL;

	ck_assert_int_eq(store_device_get(p->office, pk, &d, &cause), ERR_OK);
	ck_assert_int_eq(d.held, files);
	ck_assert_int_eq(d.held_bytes, bytes);
	free(d.unit_id);
	free(d.state);
	ck_assert_int_eq(store_bundle_held_bytes(p->office, fpr, &got, &cause), ERR_OK);
	ck_assert_int_eq(got, bytes);
	ck_assert_int_eq(store_bundle_held_bytes(p->office, NULL, &got, &cause), ERR_OK);
	ck_assert_int_eq(got, all);
}

/* Approving a device with held files reads them all with the forms parsed
 * once (not once a file: that made an approval 10-20 times slower than
 * importing the same files), says n of N as it goes, and imports each;
 * the held figures the caps are checked with follow every change of what
 * is held: held, approved, forgotten. */
START_TEST(test_import_approve_held_once)
{
	struct pair p;
	struct store_install in;
	struct sync_result r;
	struct approve_calls calls = { 0 };
	unsigned char pk2[32], sk2[64], pk3[32], sk3[64], *file;
	char fpr2[STORE_FPR_LEN + 1], fpr3[STORE_FPR_LEN + 1], *cause = NULL;
	struct sync_approved a;
	size_t len;
	int64_t mine = 0, other = 0;
	unsigned long loads;
	int n;

	pair_open(&p);
	ck_assert_int_eq(store_unit_add(p.office, NULL, "thon", "Thôn Lâm Sơn", NULL, &cause),
	    ERR_OK);
	crypto_sign_keypair(pk2, sk2);
	store_fingerprint(pk2, fpr2);
	crypto_sign_keypair(pk3, sk3);
	store_fingerprint(pk3, fpr3);
	ck_assert_int_eq(store_install_get(p.office, &in, &cause), ERR_OK);
	/* five files of Lâm Sơn's new laptop, one month each; two of another
	 * key of the same unit */
	for (int i = 0; i < 7; i++) {
		/* the third month's figures fail the office's checks */
		char *payload = xasprintf("{\"kind\":\"bundle\",\"unit\":\"thon-lam-son\"}\n"
		    "{\"form\":\"nl09-thon-thang\",\"period\":\"2026-%02d\",\"rev\":1,"
		    "\"form_version\":1,\"created\":1793000000,\"data\":%s}\n", 3 + i,
		    i == 2 ? "{\"so-ho\": -5}" : OCT);
		ck_assert_int_eq(sync_seal(SYNC_BUNDLE, i < 5 ? sk2 : sk3, in.device_pk, 1,
		    "thon-lam-son", (uint64_t)i + 1, 1793840000, payload, strlen(payload), &file,
		    &len, &cause), ERR_OK);
		free(payload);
		ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
		ck_assert_int_eq(r.outcome, SYNC_HELD);
		sync_result_free(&r);
		free(file);
		*(i < 5 ? &mine : &other) += (int64_t)len;
		held_figures(&p, i < 5 ? pk2 : pk3, i < 5 ? fpr2 : fpr3, i < 5 ? i + 1 : i - 4,
		    i < 5 ? mine : other, mine + other);
	}
	store_install_free(&in);
	loads = form_set_loads();
	ck_assert_int_eq(sync_approve_report(p.office, fpr2, approve_count, &calls, &a, &cause),
	    ERR_OK);
	ck_assert_uint_eq(form_set_loads() - loads, 1);
	ck_assert_int_eq(a.imported, 5);
	ck_assert_uint_eq(a.refused, 0);
	/* what the import of that file would have said, the approval says */
	ck_assert_uint_eq(a.held_back, 1);
	ck_assert_uint_eq(a.nnotes, 1);
	ck_assert_msg(strstr(a.notes[0].text, "giữ lại nl09-thon-thang 2026-05: ") ==
	    a.notes[0].text && a.notes[0].warn, "%s", a.notes[0].text);
	sync_approved_free(&a);
	ck_assert_uint_eq(calls.n, 5);
	ck_assert_uint_eq(calls.total, 5);
	ck_assert_uint_eq(calls.last, 5);
	ck_assert_uint_eq(calls.out_of_order, 0);
	for (int m = 3; m < 8; m++) {
		char per[32];
		snprintf(per, sizeof per, "2026-%02d", m);
		ck_assert(office_has_unit(&p, "nl09-thon-thang", "thon-lam-son", per) == (m != 5));
	}
	held_figures(&p, pk2, fpr2, 0, 0, other);
	/* the other key forgotten: its files dropped, nothing counted held */
	ck_assert_int_eq(sync_forget(p.office, fpr3, &n, &cause), ERR_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(store_bundle_held_bytes(p.office, NULL, &mine, &cause), ERR_OK);
	ck_assert_int_eq(mine, 0);
	pair_close(&p);
}
END_TEST

/* The office packs, the field applies: it must take it as new. */
static void
pack_to_field(struct pair *p, struct sync_applied *a)
{
	unsigned char *pack;
	size_t len;
	char *cause = NULL;

	ck_assert_int_eq(sync_pack(p->office, &pack, &len, &cause), ERR_OK);
	ck_assert_int_eq(sync_apply(p->field, pack, len, 0, a, &cause), ERR_OK);
	free(pack);
}

/* Each unit reads only its own receipts and return reasons: a pack seals
 * them again, per unit, to that unit's devices; the pack as every device
 * opens it holds none, another unit's part does not open, and the unit's
 * own is applied. */
START_TEST(test_import_pack_receipts_per_unit)
{
	struct pair p;
	struct sync_result r;
	struct sync_applied a;
	struct sync_opened o;
	struct store_install in;
	struct store_sub sub;
	unsigned char pk2[32], sk2[64], *file, *fsk = NULL;
	char fpr2[STORE_FPR_LEN + 1], *cause = NULL, *text;
	json_t *root = NULL, *it;
	size_t len, i;
	int n, parts = 0;
	const char *payload = "{\"kind\":\"bundle\",\"unit\":\"thon-lam-son\"}\n"
	    "{\"form\":\"nl09-thon-thang\",\"period\":\"2026-10\",\"rev\":1,\"form_version\":1,"
	    "\"created\":1793000000,\"data\":" OCT "}\n";

	pair_open(&p);
	ck_assert_int_eq(store_unit_add(p.office, NULL, "thon", "Thôn Lâm Sơn", NULL, &cause),
	    ERR_OK);
	/* Lâm Sơn's laptop: approved, its report imported, then returned */
	crypto_sign_keypair(pk2, sk2);
	store_fingerprint(pk2, fpr2);
	ck_assert_int_eq(store_install_get(p.office, &in, &cause), ERR_OK);
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, sk2, in.device_pk, 1, "thon-lam-son", 1,
	    1793840000, payload, strlen(payload), &file, &len, &cause), ERR_OK);
	store_install_free(&in);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_HELD);
	sync_result_free(&r);
	ck_assert_int_eq(sync_approve(p.office, fpr2, &n, &cause), ERR_OK);
	ck_assert_int_eq(n, 1);
	field_final(&p, "nl09-thon-thang", "2026-10", 1, OCT);
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	sync_result_free(&r);
	ck_assert_int_eq(store_sub_review(p.office, "nl09-thon-thang", "thon-lam-son", "2026-10",
	    "returned", "BI-MAT-LAM-SON", &cause), ERR_OK);
	ck_assert_int_eq(store_sub_review(p.office, "nl09-thon-thang", "thon-dong-tam", "2026-10",
	    "returned", "SUA-SO-HO-DONG-TAM", &cause), ERR_OK);
	ck_assert_int_eq(sync_pack(p.office, &file, &len, &cause), ERR_OK);
	/* what Đồng Tâm's device reads of the pack: no one's reasons in clear */
	ck_assert_int_eq(store_install_secret(p.field, &fsk, &cause), ERR_OK);
	ck_assert_int_eq(sync_open(SYNC_PACK, file, len, fsk, &o, &cause), ERR_OK);
	ck_assert_int_eq(sync_decode(&o, NULL, &root, &cause), ERR_OK);
	sync_opened_free(&o);
	text = json_dumps(root, JSON_COMPACT);
	ck_assert_ptr_null(strstr(text, "BI-MAT-LAM-SON"));
	ck_assert_ptr_null(strstr(text, "SUA-SO-HO-DONG-TAM"));
	free(text);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "receipts")), 0);
	/* Lâm Sơn's part does not open with Đồng Tâm's key */
	json_array_foreach(json_object_get(root, "unit_receipts"), i, it) {
		const char *b64 = json_string_value(json_object_get(it, "sealed"));
		size_t cap = strlen(b64), bl = 0;
		unsigned char *bin = xmalloc(cap);
		ck_assert_int_eq(sodium_base642bin(bin, cap, b64, strlen(b64), NULL, &bl, NULL,
		    sodium_base64_VARIANT_ORIGINAL), 0);
		if (strcmp(json_string_value(json_object_get(it, "unit")), "thon-lam-son") == 0) {
			ck_assert_int_ne(sync_open(SYNC_PACK, bin, bl, fsk, &o, &cause), ERR_OK);
			free(cause);
			cause = NULL;
		}
		free(bin);
		parts++;
	}
	ck_assert_int_eq(parts, 2);
	json_decref(root);
	store_secret_free(fsk);
	/* applied: its own return, with the reason */
	ck_assert_int_eq(sync_apply(p.field, file, len, 0, &a, &cause), ERR_OK);
	free(file);
	ck_assert_int_ge(a.receipts, 1);
	ck_assert_int_eq(store_sub_get(p.field, "nl09-thon-thang", "thon-dong-tam", "2026-10",
	    &sub, &cause), ERR_OK);
	ck_assert_str_eq(sub.status, "returned");
	ck_assert_str_eq(sub.status_reason, "SUA-SO-HO-DONG-TAM");
	free(sub.form_id);
	free(sub.unit_id);
	free(sub.period);
	free(sub.status);
	free(sub.status_reason);
	free(sub.data);
	pair_close(&p);
}
END_TEST

/* A pack of an older office (receipts in clear, no "unit_receipts") is
 * still applied: its receipt for this unit counts, another unit's is
 * skipped. */
START_TEST(test_import_pack_receipts_old_shape)
{
	struct pair p;
	struct sync_result r;
	struct sync_applied a;
	struct store_install fin;
	struct store_sub sub;
	unsigned char *file;
	size_t len;
	char *cause = NULL;
	json_t *root;

	pair_open(&p);
	field_final(&p, "nl09-thon-thang", "2026-10", 1, OCT);
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	sync_result_free(&r);
	ck_assert_int_eq(store_install_get(p.field, &fin, &cause), ERR_OK);
	root = json_pack("{s:s, s:s, s:[], s:n, s:[{s:s, s:s, s:s}], s:[{s:s, s:s, s:s, s:i,"
	    " s:s, s:s}, {s:s, s:s, s:s, s:i, s:s, s:s}]}", "kind", "pack", "commune", "Ngọc Lặc",
	    "forms", "calendar", "units", "id", "thon-dong-tam", "kind", "thon", "name", "Thôn",
	    "receipts", "unit", "thon-dong-tam", "form", "nl09-thon-thang", "period", "2026-10",
	    "rev", 1, "status", "returned", "reason", "CU-LY-DO", "unit", "thon-lam-son", "form",
	    "nl09-thon-thang", "period", "2026-10", "rev", 1, "status", "approved", "reason", "");
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(sync_write(p.office, SYNC_PACK, fin.device_pk, 1, NULL, root, NULL, NULL,
	    "pack", "test", "old shape", NULL, &file, &len, &cause), ERR_OK);
	json_decref(root);
	store_install_free(&fin);
	ck_assert_int_eq(sync_apply(p.field, file, len, 0, &a, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(a.receipts, 1);
	ck_assert_int_eq(store_sub_get(p.field, "nl09-thon-thang", "thon-dong-tam", "2026-10",
	    &sub, &cause), ERR_OK);
	ck_assert_str_eq(sub.status, "returned");
	ck_assert_str_eq(sub.status_reason, "CU-LY-DO");
	free(sub.form_id);
	free(sub.unit_id);
	free(sub.period);
	free(sub.status);
	free(sub.status_reason);
	free(sub.data);
	pair_close(&p);
}
END_TEST

/* An approved device cannot move the office's numbering by claiming to have
 * applied a pack the office never signed: not to INT64_MAX (every later
 * pack would be "not newer" at every unit), not below zero. A genuine
 * claim, signed by the office in the pack, still moves a restored office
 * on. */
START_TEST(test_import_pack_seq_claims)
{
	struct pair p;
	struct sync_result r;
	struct sync_applied a;
	unsigned char *file;
	size_t len;
	char *cause = NULL;
	int count;
	uint64_t own;

	pair_open(&p);
	pack_to_field(&p, &a);
	ck_assert(!a.older && !a.already);
	/* a hostile claim from the approved device */
	ck_assert_int_eq(store_setting_set(p.field, SYNC_SETTING_PACK_MAX, "9223372036854775807",
	    NULL, &cause), ERR_OK);
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_uint_eq(r.restored_to, 0);
	ck_assert_uint_eq(r.restore_unproven, 9223372036854775807ULL);
	sync_result_free(&r);
	/* ... with a made-up 16-byte MAC of that number: no better */
	ck_assert_int_eq(store_setting_set(p.field, SYNC_SETTING_PACK_MAC, "9223372036854775807 "
	    "00112233445566778899aabbccddeeff", NULL, &cause), ERR_OK);
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_uint_eq(r.restored_to, 0);
	ck_assert_uint_eq(r.restore_unproven, 9223372036854775807ULL);
	sync_result_free(&r);
	ck_assert_int_eq(store_last_seq(p.office, &own, &cause), ERR_OK);
	ck_assert_uint_lt(own, 1000);
	/* two packs in a row both apply */
	pack_to_field(&p, &a);
	ck_assert(!a.older && !a.already);
	pack_to_field(&p, &a);
	ck_assert(!a.older && !a.already);
	/* a negative one is refused, saying why */
	ck_assert_int_eq(store_setting_set(p.field, SYNC_SETTING_PACK_MAX, "-5", NULL, &cause),
	    ERR_OK);
	ck_assert_int_eq(sync_export(p.field, &file, &len, &count, &cause), ERR_OK);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_ptr_nonnull(strstr(cause, "pack_seq"));
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	ck_assert_int_eq(store_setting_set(p.field, SYNC_SETTING_PACK_MAX, "1", NULL, &cause),
	    ERR_OK);
	/* a genuine one: the field applies pack N (signed), the office is
	 * restored to before it, and learns from the next bundle */
	pack_to_field(&p, &a);
	ck_assert(!a.older && !a.already);
	ck_assert_int_eq(store_exec(p.office, "UPDATE installation SET export_seq = 1", &cause),
	    ERR_OK);
	{
		/* the bundle carries the pack's 16-byte MAC, not its signature */
		char *mac = NULL;
		ck_assert_int_eq(store_setting_get(p.field, SYNC_SETTING_PACK_MAC, &mac, &cause),
		    ERR_OK);
		ck_assert_ptr_nonnull(mac);
		ck_assert_uint_eq(strlen(strchr(mac, ' ') + 1), 2 * SYNC_SEQ_MAC_SIZE);
		free(mac);
	}
	ck_assert_int_eq(sync_export(p.field, &file, &len, &count, &cause), ERR_OK);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_msg(r.outcome == SYNC_IMPORTED, "%s", cause ? cause : "?");
	ck_assert_uint_eq(r.restored_to, a.seq);
	ck_assert_uint_eq(r.restore_unproven, 0);
	sync_result_free(&r);
	pack_to_field(&p, &a);
	ck_assert(!a.older && !a.already);
	pair_close(&p);
}
END_TEST

/* A bundle from throwaway key SK for UNIT, carrying N random bytes (what
 * the office holds unread until someone approves the key). */
static unsigned char *
stranger_file(struct pair *p, const unsigned char *sk, const char *unit, size_t n,
    size_t *len)
{
	struct store_install in;
	unsigned char *junk = xmalloc(n), *file;
	char *cause = NULL;

	randombytes_buf(junk, n);
	ck_assert_int_eq(store_install_get(p->office, &in, &cause), ERR_OK);
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, unit, 1, 1793840000, junk, n,
	    &file, len, &cause), ERR_OK);
	store_install_free(&in);
	free(junk);
	return file;
}

static int64_t
held_bytes(struct pair *p, const unsigned char *pk)
{
	struct store_device d;
	char *cause = NULL;
	int64_t b;

	if (store_device_get(p->office, pk, &d, &cause) != ERR_OK) {
		free(cause);
		return -1;
	}
	b = d.held_bytes;
	free(d.unit_id);
	free(d.state);
	return b;
}

/* Throwaway keys cannot fill the devices list: at most SYNC_PENDING_PER_UNIT
 * keys wait for one unit's label and SYNC_PENDING_TOTAL for all; beyond, a
 * new key's file is refused (naming the cap and 'baocao devices') and the
 * key not recorded; those waiting and the approved device stay, and once
 * one is forgotten a new key is held again. */
START_TEST(test_import_pending_cap)
{
	struct pair p;
	struct sync_result r;
	unsigned char pk[32], sk[64], *file;
	char fpr[STORE_FPR_LEN + 1], first[STORE_FPR_LEN + 1], label[32], *cause = NULL;
	size_t len;
	int n;

	pair_open(&p);
	for (int i = 0; i <= 8; i++) {
		crypto_sign_keypair(pk, sk);
		store_fingerprint(pk, fpr);
		if (i == 0)
			memcpy(first, fpr, sizeof first);
		file = stranger_file(&p, sk, "thon-dong-tam", 500, &len);
		ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
		free(file);
		if (i < 8) {
			ck_assert_int_eq(r.outcome, SYNC_HELD);
		} else {
			ck_assert_int_eq(r.outcome, SYNC_REFUSED);
			ck_assert_ptr_nonnull(strstr(cause, "(tối đa 8)"));
			ck_assert_ptr_nonnull(strstr(cause, "baocao devices"));
			free(cause);
			cause = NULL;
			ck_assert_int_eq(held_bytes(&p, pk), -1);	/* not recorded */
		}
		sync_result_free(&r);
	}
	ck_assert_int_eq(store_device_pending_count(p.office, "thon-dong-tam", &n, &cause),
	    ERR_OK);
	ck_assert_int_eq(n, 8);
	/* forgetting one makes room again */
	ck_assert_int_eq(sync_forget(p.office, first, &n, &cause), ERR_OK);
	file = stranger_file(&p, sk, "thon-dong-tam", 500, &len);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	ck_assert_int_eq(r.outcome, SYNC_HELD);
	sync_result_free(&r);
	free(file);
	/* all units together: at most 100 */
	for (int i = 0; i < 100; i++) {
		crypto_sign_keypair(pk, sk);
		snprintf(label, sizeof label, "thon-gia-%d", i / 4);
		file = stranger_file(&p, sk, label, 100, &len);
		ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
		free(file);
		if (i < 92) {
			ck_assert_int_eq(r.outcome, SYNC_HELD);
		} else {
			ck_assert_int_eq(r.outcome, SYNC_REFUSED);
			ck_assert_ptr_nonnull(strstr(cause, "(tối đa 100"));
			free(cause);
			cause = NULL;
		}
		sync_result_free(&r);
	}
	ck_assert_int_eq(store_device_pending_count(p.office, NULL, &n, &cause), ERR_OK);
	ck_assert_int_eq(n, 100);
	/* those waiting for the first unit stay */
	ck_assert_int_eq(store_device_pending_count(p.office, "thon-dong-tam", &n, &cause),
	    ERR_OK);
	ck_assert_int_eq(n, 8);
	pair_close(&p);
}
END_TEST

/* What keys the office never approved may make it keep is bounded: the
 * file (4 MiB by default), each key, all of them; revoking or forgetting
 * one drops what it held; approving says why a held file is refused, and
 * is refused for a unit not on the roster. */
START_TEST(test_import_held_bounds)
{
	struct pair p;
	struct sync_result r;
	unsigned char pk[4][32], sk[4][64], *file;
	char fpr[4][STORE_FPR_LEN + 1], *cause = NULL;
	struct sync_approved a;
	size_t len;
	int n;

	pair_open(&p);
	for (int i = 0; i < 4; i++) {
		crypto_sign_keypair(pk[i], sk[i]);
		store_fingerprint(pk[i], fpr[i]);
	}
	/* a file over the cap is refused unread, saying so */
	file = stranger_file(&p, sk[0], "thon-dong-tam", 5 * 1024 * 1024, &len);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_ptr_nonnull(strstr(cause, "import-limit"));
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	ck_assert_int_eq(held_bytes(&p, pk[0]), -1);
	/* a new key whose first file is under the file cap but over what is
	 * held for one key: refused, yet the key is recorded as waiting, so
	 * that it can be approved and the file imported again */
	{
		unsigned char bpk[32], bsk[64];
		char bfpr[STORE_FPR_LEN + 1];

		crypto_sign_keypair(bpk, bsk);
		store_fingerprint(bpk, bfpr);
		file = stranger_file(&p, bsk, "thon-dong-tam", 3 * 1024 * 1024, &len);
		ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
		ck_assert_int_eq(r.outcome, SYNC_REFUSED);
		ck_assert_ptr_nonnull(strstr(cause, "devices approve"));
		ck_assert_ptr_nonnull(strstr(cause, bfpr));
		free(cause);
		cause = NULL;
		sync_result_free(&r);
		ck_assert_int_eq(held_bytes(&p, bpk), 0);
		ck_assert_int_eq(sync_approve(p.office, bfpr, &n, &cause), ERR_OK);
		ck_assert_int_eq(n, 0);
		/* approved: the file is now read (and judged by its content) */
		ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
		ck_assert_int_ne(r.outcome, SYNC_HELD);
		ck_assert(cause == NULL || strstr(cause, "devices approve") == NULL);
		free(cause);
		cause = NULL;
		sync_result_free(&r);
		free(file);
		ck_assert_int_eq(store_device_decide(p.office, bfpr, "revoked", &cause), ERR_OK);
	}
	/* one key: 1.5 MiB held, the next 1 MiB refused, the first kept */
	file = stranger_file(&p, sk[0], "thon-dong-tam", 1536 * 1024, &len);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_HELD);
	sync_result_free(&r);
	file = stranger_file(&p, sk[0], "thon-dong-tam", 1024 * 1024, &len);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_ptr_nonnull(strstr(cause, "forget"));
	free(cause);
	cause = NULL;
	sync_result_free(&r);
	ck_assert_int_gt(held_bytes(&p, pk[0]), 1536 * 1024);
	/* revoking it drops what it held */
	ck_assert_int_eq(store_device_decide(p.office, fpr[0], "revoked", &cause), ERR_OK);
	ck_assert_int_eq(held_bytes(&p, pk[0]), 0);
	/* another: forgotten, with its file */
	file = stranger_file(&p, sk[1], "thon-dong-tam", 1024 * 1024, &len);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_HELD);
	sync_result_free(&r);
	ck_assert_int_eq(sync_forget(p.office, fpr[1], &n, &cause), ERR_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(held_bytes(&p, pk[1]), -1);
	/* an approved device cannot be forgotten, only revoked */
	ck_assert_int_eq(sync_forget(p.office, p.fpr, &n, &cause), ERR_INVALID);
	free(cause);
	cause = NULL;
	/* approving a key whose held file is junk: it says why */
	file = stranger_file(&p, sk[2], "thon-dong-tam", 1000, &len);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	{
		/* the refused file is named: when it came, its size, its hash */
		unsigned char h[32];
		char hex[65], *want;
		crypto_generichash(h, sizeof h, file, len, NULL, 0);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		hex[16] = '\0';
		want = xasprintf("%zu byte, mã %s…: ", len, hex);
		free(file);
		ck_assert_int_eq(r.outcome, SYNC_HELD);
		sync_result_free(&r);
		ck_assert_int_eq(sync_approve_report(p.office, fpr[2], NULL, NULL, &a, &cause),
		    ERR_OK);
		ck_assert_int_eq(a.imported, 0);
		ck_assert_uint_eq(a.refused, 1);
		ck_assert_uint_eq(a.nnotes, 1);
		ck_assert_msg(strstr(a.notes[0].text, want) != NULL && strstr(a.notes[0].text,
		    "một tệp đang giữ bị từ chối: tệp nhận lúc 20") == a.notes[0].text, "%s",
		    a.notes[0].text);
		free(want);
		sync_approved_free(&a);
	}
	ck_assert_int_eq(held_bytes(&p, pk[2]), 0);
	/* a key labelled for a unit not on the roster is never approved */
	file = stranger_file(&p, sk[3], "thon-khong-co", 1000, &len);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_HELD);
	sync_result_free(&r);
	ck_assert_int_eq(sync_approve(p.office, fpr[3], &n, &cause), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "thon-khong-co"));
	free(cause);
	pair_close(&p);
}
END_TEST

/* A key first seen on a file labelled for another unit is only pending:
 * a verified chain from the unit's approved key to it still rotates. */
START_TEST(test_import_rotation_past_pending)
{
	struct pair p;
	struct sync_result r;
	struct store_install in;
	unsigned char *sk = NULL, *file;
	char nfpr[STORE_FPR_LEN + 1], *cause = NULL;
	size_t len;

	pair_open(&p);
	ck_assert_int_eq(sync_keys_rotate(p.field, nfpr, &cause), ERR_OK);
	/* the new key's first file names another unit: held, pending */
	ck_assert_int_eq(store_install_secret(p.field, &sk, &cause), ERR_OK);
	ck_assert_int_eq(store_install_get(p.office, &in, &cause), ERR_OK);
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, "thon-khac", 100, 1793840000,
	    "{}", 2, &file, &len, &cause), ERR_OK);
	store_install_free(&in);
	store_secret_free(sk);
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	free(file);
	ck_assert_int_eq(r.outcome, SYNC_HELD);
	sync_result_free(&r);
	/* the unit's real bundle, with the chain: rotated, imported */
	field_final(&p, "nl09-thon-thang", "2026-10", 1, OCT);
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert(r.rotated);
	ck_assert_int_eq(r.n_new, 1);
	sync_result_free(&r);
	pair_close(&p);
}
END_TEST

/* A stolen laptop's device is revoked; the thief changes its key: the new
 * key's file is held, pending, and its record names the revoked device it
 * descends from, so that the clerk approving it sees so. */
START_TEST(test_import_rotation_from_revoked)
{
	struct pair p;
	struct sync_result r;
	struct store_device *d;
	char nfpr[STORE_FPR_LEN + 1], *cause = NULL;
	size_t n;
	int found = 0;

	pair_open(&p);
	ck_assert_int_eq(store_device_decide(p.office, p.fpr, "revoked", &cause), ERR_OK);
	ck_assert_int_eq(sync_keys_rotate(p.field, nfpr, &cause), ERR_OK);
	field_final(&p, "nl09-thon-thang", "2026-10", 1, OCT);
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_HELD);
	ck_assert(!r.rotated);
	ck_assert_str_eq(r.fingerprint, nfpr);
	sync_result_free(&r);
	/* sent again: marked once */
	send(&p, &r);
	sync_result_free(&r);
	ck_assert_int_eq(store_device_list(p.office, &d, &n, &cause), ERR_OK);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(d[i].fingerprint, nfpr) == 0) {
			found = 1;
			ck_assert_str_eq(d[i].state, "pending");
			ck_assert_str_eq(d[i].from_revoked, p.fpr);
		} else {
			ck_assert_str_eq(d[i].from_revoked, "");
		}
	}
	store_device_free(d, n);
	ck_assert(found);
	ck_assert(!office_has(&p, "nl09-thon-thang", "2026-10"));
	pair_close(&p);
}
END_TEST

/* Copy the field's database to (or back from) FILE, closed meanwhile: a
 * backup taken, or put back. */
static void
field_copy(struct pair *p, int back, const char *file)
{
	char *db = xasprintf("%s/a.db", p->dir), *bak = xasprintf("%s/%s", p->dir, file);
	char *cmd, *cause = NULL;

	store_close(p->field);
	cmd = xasprintf("rm -f '%s-wal' '%s-shm' && cp '%s' '%s'", back ? db : bak, back ? db : bak,
	    back ? bak : db, back ? db : bak);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	ck_assert_int_eq(store_open(db, "passphrase 1", &p->field, &cause), ERR_OK);
	free(db);
	free(bak);
}

/* A field laptop put back from a backup: the next pack tells it the office
 * has its bundles past its own number and a revision past its own, so what
 * it types next is the newest; filled before that pack came, its
 * "revision 1" with other values is kept and flagged, never a duplicate. */
START_TEST(test_import_field_restored)
{
	struct pair p;
	struct sync_result r;
	struct sync_applied a;
	struct store_sub s;
	char *cause = NULL;

	pair_open(&p);
	field_copy(&p, 0, "a.bak");
	field_final(&p, "nl09-thon-thang", "2026-10", 1, OCT);
	send(&p, &r);
	ck_assert_int_eq(r.n_new, 1);
	sync_result_free(&r);
	/* the laptop is put back as it was before that export */
	field_copy(&p, 1, "a.bak");
	pack_to_field(&p, &a);
	ck_assert_uint_eq(a.field_restored, 2);
	/* the pack's receipt shows the office has revision 1: what is typed
	 * now is numbered past it, and is simply the newest */
	ck_assert_int_eq(a.revs_raised, 1);
	field_final(&p, "nl09-thon-thang", "2026-10", 1,
	    "{\"so-ho\": 110, \"so-nhan-khau\": 470, \"ho-ngheo\": 9}");
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_new, 1);
	ck_assert_int_eq(r.n_conflict, 0);
	ck_assert_int_eq(r.n_stale, 0);
	ck_assert(!r.seq_reused);
	sync_result_free(&r);
	ck_assert(office_has(&p, "nl09-thon-thang", "2026-10"));
	/* put back again, filled before the pack came: its "revision 1" with
	 * other values is kept and flagged, never a duplicate */
	field_copy(&p, 1, "a.bak");
	field_final(&p, "nl09-thon-thang", "2026-10", 1,
	    "{\"so-ho\": 120, \"so-nhan-khau\": 480, \"ho-ngheo\": 9}");
	pack_to_field(&p, &a);
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_dup, 0);
	ck_assert_int_eq(r.n_conflict, 1);
	ck_assert(!r.seq_reused);
	sync_result_free(&r);
	ck_assert_int_eq(store_sub_get(p.office, "nl09-thon-thang", "thon-dong-tam", "2026-10", &s,
	    &cause), ERR_OK);
	ck_assert_ptr_nonnull(strstr(s.data, "480"));
	ck_assert_ptr_nonnull(s.status_reason);
	ck_assert_ptr_nonnull(strstr(s.status_reason, "xung đột"));
	free(s.form_id);
	free(s.unit_id);
	free(s.period);
	free(s.status);
	free(s.status_reason);
	free(s.data);
	/* put back again, exporting before any pack: the number is reused */
	field_copy(&p, 1, "a.bak");
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert(r.seq_reused);
	sync_result_free(&r);
	pair_close(&p);
}
END_TEST

/* The day event "hop" of form "ev" as recorded in ST, or -1. */
static long
event_day(struct store *st)
{
	struct form_set set;
	long *days = NULL, d = -1;
	char *cause = NULL;

	ck_assert_int_eq(form_set_load(st, &set, &cause), ERR_OK);
	for (size_t i = 0; i < set.n; i++)
		if (strcmp(set.forms[i]->id, "ev") == 0) {
			ck_assert_int_eq(form_event_days(st, set.forms[i], &days, &cause), ERR_OK);
			d = days[0];
			free(days);
		}
	form_set_free(&set);
	return d;
}

/* A pack the office signs and seals to the field, with ROOT as its
 * content (what an older office, or a damaged one, would send). */
static void
pack_content_to_field(struct pair *p, json_t *root, struct sync_applied *a)
{
	struct store_device *devs;
	size_t n;
	unsigned char *file;
	size_t len;
	char *cause = NULL;

	ck_assert_int_eq(store_device_list(p->office, &devs, &n, &cause), ERR_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(sync_write(p->office, SYNC_PACK, devs[0].pk, 1, NULL, root, NULL, NULL,
	    "pack", "Ngọc Lặc", "test", NULL, &file, &len, &cause), ERR_OK);
	store_device_free(devs, n);
	ck_assert_msg(sync_apply(p->field, file, len, 0, a, &cause) == ERR_OK, "%s", cause);
	free(file);
}

/* The day of a plan's event the office records reaches the field in the
 * next pack, so that a row due after it has its date there too; a pack
 * without "events" (an older office) still applies and forgets nothing;
 * entries the field cannot use are skipped, not fatal. */
START_TEST(test_import_pack_events)
{
	static const char ev[] =
		"form: ev\nversion: 1\ntitle: Kế hoạch có sự kiện\nunit: van-phong\n"
		"events: [{id: hop, label: Có cuộc họp}]\n"
		"reports: [{id: quy, period: quarter}]\n"
		"fields:\n  - name: nv\n    type: grid\n    label: Nhiệm vụ\n    rows:\n"
		"      - {id: '1', label: Một, lead: thon, deadline: 3 ngày làm việc sau hop}\n"
		"    columns:\n      - {name: nv-tt, type: text, label: Tình trạng}\n";
	struct pair p;
	struct sync_applied a;
	struct form_errors errs;
	struct form_set set;
	json_t *root, *junk;
	char *cause = NULL;
	long day, day2;
	int added;

	pair_open(&p);
	ck_assert_int_eq(form_install_text(p.office, "ev.yaml", ev, strlen(ev), &errs, &added,
	    &cause), ERR_OK);
	form_errors_free(&errs);
	pack_to_field(&p, &a);
	ck_assert_int_eq(a.events, 0);
	ck_assert_int_eq(event_day(p.field), -1);	/* "chờ: Có cuộc họp" */
	/* the office records it: the next pack carries it */
	ck_assert(date_parse("2026-07-01", &day));
	ck_assert(date_parse("2026-07-03", &day2));
	ck_assert_int_eq(form_set_load(p.office, &set, &cause), ERR_OK);
	for (size_t i = 0; i < set.n; i++)
		if (strcmp(set.forms[i]->id, "ev") == 0)
			ck_assert_int_eq(form_event_record(p.office, set.forms[i], "hop", day, &cause),
			    ERR_OK);
	form_set_free(&set);
	pack_to_field(&p, &a);
	ck_assert_int_eq(a.events, 1);
	ck_assert_int_eq(event_day(p.field), day);
	/* the same day again is nothing new */
	pack_to_field(&p, &a);
	ck_assert_int_eq(a.events, 0);
	/* an older office's pack: no "events" at all */
	root = json_pack("{s:s, s:s, s:[], s:[{s:s, s:s, s:s}], s:[]}", "kind", "pack", "commune",
	    "Ngọc Lặc", "forms", "units", "id", "thon-dong-tam", "kind", "thon", "name",
	    "Thôn Đồng Tâm", "receipts");
	pack_content_to_field(&p, root, &a);
	ck_assert(!a.older && !a.already);
	ck_assert_int_eq(a.events, 0);
	ck_assert_int_eq(event_day(p.field), day);
	/* entries it cannot use: skipped, the pack applies */
	junk = json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}, i, {s:i}, {s:s, s:s}]",
	    "form", "ev", "event", "hop", "date", "2026-02-30",
	    "form", "khong-co", "event", "hop", "date", "2026-07-02",
	    "form", "ev", "event", "khong-co", "date", "2026-07-02",
	    5, "form", 1, "form", "ev", "event", "hop");
	json_object_set_new(root, "events", junk);
	pack_content_to_field(&p, root, &a);
	ck_assert_int_eq(a.events, 0);
	ck_assert_int_eq(event_day(p.field), day);
	/* not an array: nothing */
	json_object_set_new(root, "events", json_string("2026-07-03"));
	pack_content_to_field(&p, root, &a);
	ck_assert_int_eq(event_day(p.field), day);
	/* a correction replaces the day */
	json_object_set_new(root, "events", json_pack("[{s:s, s:s, s:s}]", "form", "ev", "event",
	    "hop", "date", "2026-07-03"));
	pack_content_to_field(&p, root, &a);
	ck_assert_int_eq(a.events, 1);
	ck_assert_int_eq(event_day(p.field), day2);
	json_decref(root);
	pair_close(&p);
}
END_TEST

static void
sub_fields_free(struct store_sub *s)
{
	free(s->form_id);
	free(s->unit_id);
	free(s->period);
	free(s->status);
	free(s->status_reason);
	free(s->data);
}

/* A unit with more submissions waiting than one file may carry: export
 * writes what the office takes (SYNC_MAX_SUBMISSIONS), the oldest first,
 * says how many wait, marks only what went; the office imports the file. */
START_TEST(test_export_capped)
{
	struct pair p;
	struct sync_result r = { 0 };
	struct store_sub s;
	unsigned char *file;
	size_t len;
	char *cause = NULL, period[32];
	int count, left, k;
	const int extra = 3, total = SYNC_MAX_SUBMISSIONS + extra;

	pair_open(&p);
	ck_assert_int_eq(store_begin(p.field, &cause), ERR_OK);
	/* the oldest three sort last by period: they go all the same */
	setenv("BAOCAO_NOW", "1793000000", 1);
	for (k = 0; k < extra; k++) {
		snprintf(period, sizeof period, "2999-%02d", k + 1);
		field_final(&p, "nl09-thon-thang", period, 1, "{\"so-ho\": 1}");
	}
	setenv("BAOCAO_NOW", NOW, 1);
	for (k = 0; k < total - extra; k++) {
		snprintf(period, sizeof period, "%04d-%02d", 1000 + k / 12, k % 12 + 1);
		if (k == total - extra - 1)	/* the newest of all */
			setenv("BAOCAO_NOW", "1793840500", 1);
		field_final(&p, "nl09-thon-thang", period, 1, "{\"so-ho\": 2}");
	}
	ck_assert_int_eq(store_commit(p.field, &cause), ERR_OK);
	ck_assert_int_eq(sync_export_part(p.field, 0, &file, &len, &count, &left, &cause), ERR_OK);
	ck_assert_int_eq(count, SYNC_MAX_SUBMISSIONS);
	ck_assert_int_eq(left, extra);
	{	/* what the command line and the interface then say */
		char *t = sync_export_left_text(left);
		ck_assert_msg(strstr(t, "Còn 3 báo cáo chưa gửi: một tệp chở được tối đa 20000") == t,
		    "%s", t);
		free(t);
	}
	/* the oldest went; the newest waits, still final (not marked) */
	ck_assert_int_eq(store_sub_get(p.field, "nl09-thon-thang", "thon-dong-tam", "2999-02",
	    &s, &cause), ERR_OK);
	ck_assert_str_eq(s.status, "exported");
	sub_fields_free(&s);
	snprintf(period, sizeof period, "%04d-%02d", 1000 + (total - extra - 1) / 12,
	    (total - extra - 1) % 12 + 1);
	ck_assert_int_eq(store_sub_get(p.field, "nl09-thon-thang", "thon-dong-tam", period, &s,
	    &cause), ERR_OK);
	ck_assert_str_eq(s.status, "final");
	sub_fields_free(&s);
	/* the office takes the file whole */
	ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
	ck_assert_msg(r.outcome == SYNC_IMPORTED, "refused: %s", cause ? cause : "");
	free(file);
	sync_result_free(&r);
	free(cause);
	pair_close(&p);
}
END_TEST

/* A submission filled with an older version of its form is judged by that
 * version, not the newest: kept when that version allows its values, held
 * when it does not, held when that version lacks its report; the older
 * version is parsed once for the whole file, not once a submission. */
START_TEST(test_import_older_version)
{
	static const char v1[] =
		"form: ov\nversion: 1\ntitle: Phiên bản\nunit: thon\n"
		"reports: [{id: thang, period: month}]\n"
		"fields:\n  - {name: so, type: integer, label: Số, max: 10}\n";
	static const char v2[] =
		"form: ov\nversion: 2\ntitle: Phiên bản\nunit: thon\n"
		"reports: [{id: thang, period: month}, {id: quy, period: quarter}]\n"
		"fields:\n  - {name: so, type: integer, label: Số, max: 5}\n";
	struct pair p;
	struct sync_result r;
	struct form_errors errs;
	unsigned long loads;
	char *cause = NULL;
	int added;

	pair_open(&p);
	ck_assert_int_eq(form_install_text(p.office, "ov.yaml", v1, strlen(v1), &errs, &added,
	    &cause), ERR_OK);
	form_errors_free(&errs);
	ck_assert_int_eq(form_install_text(p.office, "ov.yaml", v2, strlen(v2), &errs, &added,
	    &cause), ERR_OK);
	form_errors_free(&errs);
	ck_assert_int_eq(added, 1);
	field_final(&p, "ov-thang", "2026-06", 1, "{\"so\": 8}");	/* v1: up to 10 */
	field_final(&p, "ov-thang", "2026-07", 1, "{\"so\": 9}");
	field_final(&p, "ov-thang", "2026-08", 1, "{\"so\": 12}");	/* over v1's 10 */
	field_final(&p, "ov-thang", "2026-09", 2, "{\"so\": 8}");	/* over v2's 5 */
	field_final(&p, "ov-thang", "2026-10", 2, "{\"so\": 4}");
	field_final(&p, "ov-quy", "2026-Q3", 1, "{\"so\": 1}");	/* v1 has no quy */
	loads = form_set_version_loads();
	send(&p, &r);
	ck_assert_int_eq(r.outcome, SYNC_IMPORTED);
	ck_assert_int_eq(r.n_new, 3);
	ck_assert_int_eq(r.n_held, 3);
	/* "... không được lớn hơn 10": v1's bound, and v2's */
	ck_assert(held_with(&r, "ov-thang 2026-08", "hơn 10"));
	ck_assert(held_with(&r, "ov-thang 2026-09", "hơn 5"));
	ck_assert(held_with(&r, "ov-quy 2026-Q3", "quy"));
	ck_assert(office_has(&p, "ov-thang", "2026-06"));
	ck_assert(office_has(&p, "ov-thang", "2026-07"));
	ck_assert(office_has(&p, "ov-thang", "2026-10"));
	ck_assert(!office_has(&p, "ov-thang", "2026-08"));
	ck_assert(!office_has(&p, "ov-thang", "2026-09"));
	ck_assert_uint_eq(form_set_version_loads() - loads, 1);
	/* the long export says the version each value was filled with */
	{
		struct form_set set;
		struct office_report rep;
		char *buf = NULL;
		size_t blen = 0;
		FILE *m;
		const char *per[2] = { "2026-06", "2026-10" }, *want[2] = {
		    "ov,1,ov-thang,2026-06,thon-dong-tam,Thôn Đồng Tâm,so,,8,",
		    "ov,2,ov-thang,2026-10,thon-dong-tam,Thôn Đồng Tâm,so,,4," };
		ck_assert_int_eq(form_set_load(p.office, &set, &cause), ERR_OK);
		for (int k = 0; k < 2; k++) {
			ck_assert_int_eq(office_report_build(p.office, &set, "ov-thang", per[k], &rep,
			    &cause), ERR_OK);
			m = open_memstream(&buf, &blen);
			ck_assert_int_eq(office_report_long_csv(&rep, m), ERR_OK);
			fclose(m);
			ck_assert_msg(strstr(buf, want[k]) != NULL, "long csv: %s", buf);
			free(buf);
			office_report_free(&rep);
		}
		form_set_free(&set);
	}
	sync_result_free(&r);
	free(cause);
	pair_close(&p);
}
END_TEST

Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("import");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_import_checks_the_form);
	tcase_add_test(tc, test_import_older_version);
	tcase_add_test(tc, test_import_data_filed_under);
	tcase_add_test(tc, test_import_incident_on_its_day);
	tcase_add_test(tc, test_import_lines_hostile);
	tcase_add_test(tc, test_import_no_terminal_escapes);
	tcase_add_test(tc, test_import_order_without_clocks);
	tcase_add_test(tc, test_import_key_chain_hostile);
	tcase_add_test(tc, test_import_pack_seq_claims);
	tcase_add_test(tc, test_import_held_bounds);
	tcase_add_test(tc, test_import_pending_cap);
	tcase_add_test(tc, test_import_rotation_past_pending);
	tcase_add_test(tc, test_import_rotation_from_revoked);
	tcase_add_test(tc, test_import_field_restored);
	tcase_add_test(tc, test_import_pack_events);
	tcase_add_test(tc, test_import_pack_receipts_per_unit);
	tcase_add_test(tc, test_import_pack_receipts_old_shape);
	tcase_add_test(tc, test_import_approve_held_once);
	suite_add_tcase(s, tc);
	/* thousands of saves at the field first: slow under ASan */
	tc = tcase_create("backlog");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_import_ten_year_backlog);
	tcase_add_test(tc, test_import_pack_many_receipts);
	suite_add_tcase(s, tc);
	/* 20,003 submissions saved, exported and imported: seconds, a minute
	 * or two under ASan */
	tc = tcase_create("export-cap");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_export_capped);
	suite_add_tcase(s, tc);
	return s;
}

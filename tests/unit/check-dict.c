/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-dict.c: bundles compressed with the office's zstd dictionary
 * (sync/FORMAT.md, "Dictionaries"). A real office makes its dictionary
 * from its forms and sends it in its pack; a real field installation set
 * up from that pack compresses with it; the office reads bundles made
 * with any dictionary it ever made, refuses one naming a dictionary it
 * does not have with one line, and still reads plain (format 2) bundles.
 * Hostile: a pack whose dictionary is too big, not a zstd dictionary,
 * damaged or not the id it says refuses the whole pack, changing nothing;
 * a bundle whose frame names another dictionary than its header, or that
 * was compressed with another dictionary under a known id, is refused.
 */
#include "tests.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "../../core/mem.h"
#include "../../forms/form-install.h"
#include "../../storage/store-forms.h"
#include "../../storage/store-settings.h"
#include "../../storage/store-sub.h"
#include "../../storage/store-sync.h"
#include "../../sync/sync-int.h"
#include "../../sync/sync-seal.h"
#include "../../sync/sync-setup.h"
#include "../../sync/sync.h"

#define NOW "1793840400"	/* 2026-11-05 08:00 +07 */
#define OCT "{\"so-ho\": 100, \"so-nhan-khau\": 400, \"ho-ngheo\": 9}"

struct pair {
	char *dir;
	struct store *office, *field;
	char fpr[STORE_FPR_LEN + 1];
};

/* An office with its roster and dictionary, a field set up from its pack
 * and approved. */
static void pair_open(struct pair *p)
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
	{
		struct sync_result r;
		ck_assert_int_eq(sync_export(p->field, &pack, &len, &n, &cause), ERR_OK);
		ck_assert_int_eq(sync_import(p->office, NULL, pack, len, &r, &cause), ERR_OK);
		ck_assert_int_eq(r.outcome, SYNC_HELD);
		sync_result_free(&r);
		free(pack);
		ck_assert_int_eq(sync_approve(p->office, p->fpr, &n, &cause), ERR_OK);
		ck_assert_int_eq(n, 1);	/* the held bundle (with the dictionary) read */
	}
}

static void pair_close(struct pair *p)
{
	store_close(p->office);
	store_close(p->field);
	test_rmdir(p->dir);
	free(p->dir);
	unsetenv("BAOCAO_NOW");
}

static void field_final(struct pair *p, const char *period)
{
	char *cause = NULL;
	int rev;

	ck_assert_int_eq(store_sub_save(p->field, "nl09-thon-thang", "thon-dong-tam", period, 1,
	    OCT, 1, &rev, &cause), ERR_OK);
}

static int office_has(struct pair *p, const char *period)
{
	struct store_sub s;
	char *cause = NULL;
	enum err e = store_sub_get(p->office, "nl09-thon-thang", "thon-dong-tam", period, &s,
	    &cause);

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

/* The dictionary id a bundle's signed header names (0: none); export
 * writes format 4 either way. */
static uint32_t bundle_dict(struct pair *p, const unsigned char *file, size_t len)
{
	struct sync_opened o;
	unsigned char *sk = NULL;
	char *cause = NULL;
	uint32_t id;

	ck_assert_int_eq(store_install_secret(p->office, &sk, &cause), ERR_OK);
	ck_assert_int_eq(sync_open_lookup(SYNC_BUNDLE, file, len, sk, sync_sender_lookup,
	    p->office, &o, &cause), ERR_OK);
	ck_assert(file[9] == SYNC_VERSION_COMPACT ||
	    file[9] == (o.h.dict_id != 0 ? SYNC_VERSION_DICT : SYNC_VERSION));
	id = o.h.dict_id;
	sync_opened_free(&o);
	store_secret_free(sk);
	return id;
}

static uint32_t current(struct store *st)
{
	struct sync_dict d;
	char *cause = NULL;
	uint32_t id;

	ck_assert_int_eq(sync_dict_current(st, &d, &cause), ERR_OK);
	id = d.id;
	sync_dict_free(&d);
	return id;
}

static void export(struct pair *p, unsigned char **file, size_t *len)
{
	char *cause = NULL;
	int n;

	ck_assert_int_eq(sync_export(p->field, file, len, &n, &cause), ERR_OK);
}

static void import_ok(struct pair *p, const unsigned char *file, size_t len, int n_new)
{
	struct sync_result r;
	char *cause = NULL;

	ck_assert_int_eq(sync_import(p->office, NULL, file, len, &r, &cause), ERR_OK);
	if (r.outcome != SYNC_IMPORTED)
		ck_abort_msg("not imported: %s", cause ? cause : "?");
	ck_assert_int_eq(r.n_new, n_new);
	sync_result_free(&r);
}

/* Made at the office, carried by the pack, used by the field, read by the
 * office; smaller than the same bundle without it. */
START_TEST(test_dict_round_trip)
{
	struct pair p;
	unsigned char *file, *plain;
	size_t len, plen;
	uint32_t id;
	char *cause = NULL;
	int n;

	pair_open(&p);
	id = current(p.office);
	ck_assert_uint_ne(id, 0);
	ck_assert_uint_eq(current(p.field), id);
	field_final(&p, "2026-10");
	export(&p, &file, &len);
	ck_assert_uint_eq(bundle_dict(&p, file, len), id);
	/* the same bundle without the dictionary is larger */
	ck_assert_int_eq(store_setting_set(p.field, "zstd_dict", "0", NULL, &cause), ERR_OK);
	ck_assert_int_eq(sync_export(p.field, &plain, &plen, &n, &cause), ERR_OK);
	ck_assert_uint_eq(bundle_dict(&p, plain, plen), 0);
	ck_assert_uint_lt(len + 100, plen);
	import_ok(&p, file, len, 1);
	free(file);
	free(plain);
	pair_close(&p);
}
END_TEST

/* The forms change: the next pack brings a new dictionary; bundles made
 * with the old one still import, and the field moves to the new one. */
START_TEST(test_dict_new_dictionary)
{
	struct pair p;
	struct store_form *forms = NULL;
	struct form_errors errs;
	struct sync_applied ap;
	unsigned char *old, *pack, *neu;
	size_t olen, plen, nlen, nforms = 0;
	uint32_t id1, id2, made_id;
	char *cause = NULL, *def = NULL, *v;
	int added, made;

	pair_open(&p);
	id1 = current(p.office);
	field_final(&p, "2026-09");
	export(&p, &old, &olen);
	ck_assert_uint_eq(bundle_dict(&p, old, olen), id1);
	/* nothing changed: no new dictionary */
	ck_assert_int_eq(sync_dict_train(p.office, &made_id, &made, &cause), ERR_OK);
	ck_assert_int_eq(made, 0);
	ck_assert_uint_eq(made_id, id1);
	/* a new version of the village form */
	ck_assert_int_eq(store_form_latest(p.office, &forms, &nforms, &cause), ERR_OK);
	for (size_t i = 0; i < nforms; i++)
		if (strcmp(forms[i].id, "nl09-thon") == 0)
			def = xstrdup(forms[i].definition);
	store_form_free(forms, nforms);
	ck_assert_ptr_nonnull(def);
	v = strstr(def, "\nversion: 1\n");
	ck_assert_ptr_nonnull(v);
	v[10] = '2';
	ck_assert_int_eq(form_install_text(p.office, "nl09-thon.yaml", def, strlen(def), &errs,
	    &added, &cause), ERR_OK);
	form_errors_free(&errs);
	ck_assert_int_eq(added, 1);
	free(def);
	ck_assert_int_eq(sync_pack(p.office, &pack, &plen, &cause), ERR_OK);
	id2 = current(p.office);
	ck_assert_uint_ne(id2, 0);
	ck_assert_uint_ne(id2, id1);
	/* the bundle made with the old dictionary, after it was replaced */
	import_ok(&p, old, olen, 1);
	free(old);
	ck_assert_int_eq(sync_apply(p.field, pack, plen, 0, &ap, &cause), ERR_OK);
	ck_assert_uint_eq(ap.dict, id2);
	ck_assert_uint_eq(current(p.field), id2);
	free(pack);
	field_final(&p, "2026-10");
	export(&p, &neu, &nlen);
	ck_assert_uint_eq(bundle_dict(&p, neu, nlen), id2);
	import_ok(&p, neu, nlen, 1);
	free(neu);
	pair_close(&p);
}
END_TEST

/* A validly signed bundle from the field, its frame as given, naming ID. */
static void seal_raw(struct pair *p, uint64_t seq, uint32_t id, const void *frame, size_t clen,
		     uint32_t plain_len, unsigned char **file, size_t *len)
{
	struct store_install in;
	unsigned char *sk = NULL;
	char *cause = NULL;

	ck_assert_int_eq(store_install_secret(p->field, &sk, &cause), ERR_OK);
	ck_assert_int_eq(store_install_get(p->office, &in, &cause), ERR_OK);
	ck_assert_int_eq(sync_seal_frame_dict(SYNC_BUNDLE, sk, in.device_pk, 1, "thon-dong-tam",
	    seq, 1793840000, id, plain_len, frame, clen, file, len, &cause), ERR_OK);
	store_install_free(&in);
	store_secret_free(sk);
}

/* One zstd frame of TEXT with dictionary D (may be NULL); ID_IN_FRAME:
 * the frame names the dictionary itself. */
static size_t frame_of(const char *text, const struct sync_dict *d, int id_in_frame,
		       unsigned char *out, size_t cap)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t r;

	ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, 1);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_dictIDFlag, id_in_frame);
	if (d != NULL)
		ZSTD_CCtx_loadDictionary(cc, d->bytes, d->len);
	r = ZSTD_compress2(cc, out, cap, text, strlen(text));
	ZSTD_freeCCtx(cc);
	ck_assert(!ZSTD_isError(r));
	return r;
}

#define BUNDLE "{\"kind\":\"bundle\",\"unit\":\"thon-dong-tam\"}\n{\"form\":" \
    "\"nl09-thon-thang\",\"period\":\"2026-10\",\"rev\":1,\"form_version\":1,\"created\":" \
    "1793000000,\"data\":" OCT "}\n"

static void refused(struct pair *p, const unsigned char *file, size_t len, uint32_t unknown,
		    const char *says)
{
	struct sync_result r;
	char *cause = NULL;

	ck_assert_int_eq(sync_import(p->office, NULL, file, len, &r, &cause), ERR_OK);
	ck_assert_int_eq(r.outcome, SYNC_REFUSED);
	ck_assert_uint_eq(r.dict_unknown, unknown);
	ck_assert_ptr_nonnull(cause);
	if (strstr(cause, says) == NULL || strchr(cause, '\n') != NULL)
		ck_abort_msg("'%s' does not say '%s' in one line", cause, says);
	free(cause);
	sync_result_free(&r);
}

/* Hostile bundles: an unknown dictionary (one line, nothing kept), a frame
 * naming another dictionary than the header, another dictionary's frame
 * under a known id; a plain frame (no dictionary) still reads. */
START_TEST(test_dict_hostile_bundles)
{
	struct pair p;
	struct sync_dict d, other = { 0 };
	unsigned char frame[4096], *file;
	size_t clen, len;
	char *cause = NULL;

	pair_open(&p);
	ck_assert_int_eq(sync_dict_current(p.office, &d, &cause), ERR_OK);
	clen = frame_of(BUNDLE, &d, 0, frame, sizeof frame);
	/* an id this office never made */
	seal_raw(&p, 40, d.id ^ 0x5a5a, frame, clen, (uint32_t)strlen(BUNDLE), &file, &len);
	refused(&p, file, len, d.id ^ 0x5a5a, TR("không có", "does not have"));
	free(file);
	ck_assert(!office_has(&p, "2026-10"));
	/* the frame says one dictionary, the header another */
	{
		/* the office's own dictionary under another id: a real one */
		unsigned char *copy = xmalloc(d.len);
		size_t flen;
		memcpy(copy, d.bytes, d.len);
		copy[4] ^= 1;	/* the id, little-endian, after the magic */
		other.bytes = copy;
		other.len = d.len;
		other.id = ZSTD_getDictID_fromDict(copy, d.len);
		flen = frame_of(BUNDLE, &other, 1, frame, sizeof frame);
		seal_raw(&p, 41, d.id, frame, flen, (uint32_t)strlen(BUNDLE), &file, &len);
		refused(&p, file, len, 0, TR("cần từ điển", "needs dictionary"));
		free(file);
	}
	/* compressed with another dictionary, named as ours: not readable */
	{
		struct sync_dict fake = { 0 };
		size_t flen;
		fake.bytes = xmalloc(d.len);
		memcpy(fake.bytes, d.bytes, d.len);
		fake.len = d.len;
		/* the same tables and id, other content: the bundle's own text at
		 * its end, which the compressor then takes from the dictionary */
		memcpy(fake.bytes + d.len - strlen(BUNDLE), BUNDLE, strlen(BUNDLE));
		flen = frame_of(BUNDLE, &fake, 0, frame, sizeof frame);
		ck_assert_uint_lt(flen, 40);	/* it did */
		seal_raw(&p, 42, d.id, frame, flen, (uint32_t)strlen(BUNDLE), &file, &len);
		{
			/* read with the office's dictionary, the text is other than
			 * was written: refused as damaged, whichever way it shows */
			struct sync_result r;
			ck_assert_int_eq(sync_import(p.office, NULL, file, len, &r, &cause), ERR_OK);
			ck_assert_int_eq(r.outcome, SYNC_REFUSED);
			ck_assert_ptr_nonnull(cause);
			ck_assert_ptr_null(strchr(cause, '\n'));
			free(cause);
			cause = NULL;
			sync_result_free(&r);
		}
		free(file);
		sync_dict_free(&fake);
	}
	/* no dictionary at all: format 2 reads as before */
	clen = frame_of(BUNDLE, NULL, 0, frame, sizeof frame);
	seal_raw(&p, 43, 0, frame, clen, (uint32_t)strlen(BUNDLE), &file, &len);
	ck_assert_uint_eq(bundle_dict(&p, file, len), 0);
	import_ok(&p, file, len, 1);
	free(file);
	sync_dict_free(&other);
	sync_dict_free(&d);
	pair_close(&p);
}
END_TEST

/* A field installation without a dictionary (set up from an older
 * office's pack, say) writes plain bundles, which import. */
START_TEST(test_dict_field_without)
{
	struct pair p;
	unsigned char *file;
	size_t len;
	char *cause = NULL;

	pair_open(&p);
	ck_assert_int_eq(store_setting_set(p.field, "zstd_dict", "", NULL, &cause), ERR_OK);
	ck_assert_uint_eq(current(p.field), 0);
	field_final(&p, "2026-10");
	export(&p, &file, &len);
	ck_assert_uint_eq(bundle_dict(&p, file, len), 0);
	import_ok(&p, file, len, 1);
	free(file);
	pair_close(&p);
}
END_TEST

/* A pack signed by the office carrying DICT (a JSON text) as "zstd_dict". */
static void apply_dict(struct pair *p, uint64_t seq, const char *dict, enum err want,
		       const char *says)
{
	struct store_install in;
	struct sync_applied ap;
	unsigned char *sk = NULL, *file;
	size_t len;
	char *cause = NULL, *before = NULL, *after = NULL;
	char *payload = xasprintf("{\"kind\":\"pack\",\"commune\":\"Ngọc Lặc\",\"forms\":[],"
	    "\"units\":[{\"id\":\"thon-dong-tam\",\"kind\":\"thon\",\"name\":\"Thôn Đồng Tâm\"}],"
	    "\"receipts\":[],\"zstd_dict\":%s}", dict);

	ck_assert_int_eq(store_install_secret(p->office, &sk, &cause), ERR_OK);
	ck_assert_int_eq(store_install_get(p->field, &in, &cause), ERR_OK);
	ck_assert_int_eq(sync_seal(SYNC_PACK, sk, in.device_pk, 1, NULL, seq, 1793840000, payload,
	    strlen(payload), &file, &len, &cause), ERR_OK);
	store_install_free(&in);
	store_secret_free(sk);
	ck_assert_int_eq(store_setting_get(p->field, "pack_seq", &before, &cause), ERR_OK);
	ck_assert_int_eq(sync_apply(p->field, file, len, 0, &ap, &cause), want);
	if (says != NULL && (cause == NULL || strstr(cause, says) == NULL ||
	    strchr(cause, '\n') != NULL))
		ck_abort_msg("'%s' does not say '%s' in one line", cause ? cause : "", says);
	ck_assert_int_eq(store_setting_get(p->field, "pack_seq", &after, &cause), ERR_OK);
	if (want != ERR_OK)	/* refused: nothing applied */
		ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(cause);
	free(file);
	free(payload);
}

/* Hostile packs: the dictionary too big (refused before it is decoded),
 * not a zstd dictionary, damaged tables, not the id it says, not base64,
 * of the wrong shape; the field keeps its dictionary. */
START_TEST(test_dict_hostile_packs)
{
	struct pair p;
	struct sync_dict d;
	char *cause = NULL, *j, *b64;
	size_t blen;
	uint32_t id;

	pair_open(&p);
	ck_assert_int_eq(sync_dict_current(p.office, &d, &cause), ERR_OK);
	id = d.id;
	/* too big: 100 KB of a dictionary's worth */
	{
		size_t n = 100 * 1024;
		unsigned char *big = xcalloc(1, n);
		memcpy(big, d.bytes, d.len);
		blen = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
		b64 = xmalloc(blen);
		sodium_bin2base64(b64, blen, big, n, sodium_base64_VARIANT_ORIGINAL);
		j = xasprintf("{\"id\":%u,\"data\":\"%s\"}", id, b64);
		apply_dict(&p, 100, j, ERR_CORRUPT, TR("quá giới hạn", "over the limit"));
		free(j);
		free(b64);
		free(big);
	}
	/* not a zstd dictionary: text */
	apply_dict(&p, 101, "{\"id\":77777,\"data\":\"aGVsbG8gd29ybGQsIGhlbGxvIHdvcmxk\"}",
	    ERR_CORRUPT, TR("không phải từ điển zstd", "not a zstd dictionary"));
	/* the magic and an id, then garbage tables */
	{
		unsigned char bad[512];
		memset(bad, 0xff, sizeof bad);
		memcpy(bad, d.bytes, 8);
		blen = sodium_base64_ENCODED_LEN(sizeof bad, sodium_base64_VARIANT_ORIGINAL);
		b64 = xmalloc(blen);
		sodium_bin2base64(b64, blen, bad, sizeof bad, sodium_base64_VARIANT_ORIGINAL);
		j = xasprintf("{\"id\":%u,\"data\":\"%s\"}", id, b64);
		apply_dict(&p, 102, j, ERR_CORRUPT, TR("bị hỏng", "damaged"));
		free(j);
		free(b64);
	}
	/* a real dictionary under another id */
	blen = sodium_base64_ENCODED_LEN(d.len, sodium_base64_VARIANT_ORIGINAL);
	b64 = xmalloc(blen);
	sodium_bin2base64(b64, blen, d.bytes, d.len, sodium_base64_VARIANT_ORIGINAL);
	j = xasprintf("{\"id\":%u,\"data\":\"%s\"}", id + 1, b64);
	apply_dict(&p, 103, j, ERR_CORRUPT, TR("gói ghi số", "the pack says"));
	free(j);
	apply_dict(&p, 104, "{\"id\":5,\"data\":\"@@@@\"}", ERR_CORRUPT, "base64");
	apply_dict(&p, 105, "[1,2]", ERR_CORRUPT, TR("định dạng", "shape"));
	ck_assert_uint_eq(current(p.field), id);
	/* the very dictionary, well formed: applied */
	j = xasprintf("{\"id\":%u,\"data\":\"%s\"}", id, b64);
	apply_dict(&p, 106, j, ERR_OK, NULL);
	free(j);
	free(b64);
	ck_assert_uint_eq(current(p.field), id);
	sync_dict_free(&d);
	pair_close(&p);
}
END_TEST

/* The seal itself: a format-3 file decodes only with its dictionary. */
START_TEST(test_dict_seal_levels)
{
	unsigned char fpk[32], fsk[64], opk[32], osk[64], *file;
	size_t len;
	struct sync_opened o;
	struct sync_dict d = { 0 };
	json_t *root = NULL;
	char *cause = NULL, *dir = NULL;
	struct pair p;

	pair_open(&p);
	ck_assert_int_eq(sync_dict_current(p.office, &d, &cause), ERR_OK);
	dir = p.dir;
	crypto_sign_keypair(fpk, fsk);
	crypto_sign_keypair(opk, osk);
	ck_assert_int_eq(sync_seal_dict(SYNC_BUNDLE, fsk, opk, 1, "thon-a", 1, 0, &d,
	    "{\"a\":1}", 7, &file, &len, &cause), ERR_OK);
	ck_assert_int_eq(file[9], SYNC_VERSION_DICT);
	ck_assert_int_eq(sync_open(SYNC_BUNDLE, file, len, osk, &o, &cause), ERR_OK);
	ck_assert_uint_eq(o.h.dict_id, d.id);
	/* without it: refused, saying which */
	ck_assert_int_eq(sync_decode(&o, NULL, &root, &cause), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "từ điển"));
	free(cause);
	cause = NULL;
	o.dict = d.bytes;
	o.dict_len = d.len;
	ck_assert_int_eq(sync_decode(&o, NULL, &root, &cause), ERR_OK);
	ck_assert_int_eq(json_integer_value(json_object_get(root, "a")), 1);
	json_decref(root);
	sync_opened_free(&o);
	/* a format-3 header whose id is 0 is damaged */
	{
		unsigned char fr[64];
		size_t fl = ZSTD_compress(fr, sizeof fr, "{}", 2, 3);
		unsigned char *f2;
		size_t l2;
		ck_assert_int_eq(sync_seal_frame_dict(SYNC_PACK, fsk, NULL, 0, NULL, 1, 0, 7, 2, fr,
		    fl, &f2, &l2, &cause), ERR_OK);
		ck_assert_int_eq(sync_open(SYNC_PACK, f2, l2, NULL, &o, &cause), ERR_OK);
		ck_assert_uint_eq(o.h.dict_id, 7);
		sync_opened_free(&o);
		f2[16 + 72 + 3] = 0;	/* the dictionary id, in the open pack's inner header */
		ck_assert_int_eq(sync_open(SYNC_PACK, f2, l2, NULL, &o, &cause), ERR_CORRUPT);
		free(cause);
		cause = NULL;
		free(f2);
	}
	(void)dir;
	free(file);
	sync_dict_free(&d);
	pair_close(&p);
}
END_TEST

Suite *dict_suite(void)
{
	Suite *s = suite_create("dict");
	TCase *tc = tcase_create("dict");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_dict_round_trip);
	tcase_add_test(tc, test_dict_new_dictionary);
	tcase_add_test(tc, test_dict_hostile_bundles);
	tcase_add_test(tc, test_dict_field_without);
	tcase_add_test(tc, test_dict_hostile_packs);
	tcase_add_test(tc, test_dict_seal_levels);
	suite_add_tcase(s, tc);
	return s;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-seal.c: the sealed exchange file, formats 2 and 4. Round trips (a bundle,
 * a pack sealed to two devices, an open pack); the clear part shows no
 * sender, sequence number or time; every single-byte change and every
 * truncation refused; the attacks of issue #12 refused — a signature
 * stripped and replaced by another key's, content signed for one office
 * forwarded to another, an unencrypted bundle, a format-1 file; and the
 * limits of sync_decode: a huge declared size, a zstd bomb, deep nesting,
 * a mass of tiny keys. Format 4 (a bundle's compact layout): both forms
 * of the sender, every bit and cut, and each field of its inner header
 * hostile in turn (a varint cut short or overlong, a huge length, an
 * unknown fingerprint, a format number that does not match).
 */
#include <check.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "tests.h"
#include "../../core/bytes.h"
#include "../../sync/sync-seal.h"

static unsigned char field_pk[32], field_sk[64], office_pk[32], office_sk[64];
static unsigned char other_pk[32], other_sk[64];

static void
keys(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	crypto_sign_keypair(field_pk, field_sk);
	crypto_sign_keypair(office_pk, office_sk);
	crypto_sign_keypair(other_pk, other_sk);
}

static const char PAYLOAD[] = "{\"submissions\": [{\"form\": \"nl09-thon-thang\", \"period\": "
    "\"2026-10\", \"data\": {\"so-ho\": \"120\", \"ghi-chu\": \"Thôn Đồng Tâm\"}}]}";

/* Open FILE as the holder of SK and decode it; the payload's "submissions"
 * must be there. */
static void
open_ok(enum sync_kind kind, const unsigned char *file, size_t len, const unsigned char *sk,
    struct sync_header *h)
{
	struct sync_opened o;
	json_t *root;
	char *cause = NULL;

	ck_assert_msg(sync_open(kind, file, len, sk, &o, &cause) == ERR_OK, "%s", cause);
	ck_assert_msg(sync_decode(&o, NULL, &root, &cause) == ERR_OK, "%s", cause);
	ck_assert(json_is_array(json_object_get(root, "submissions")));
	*h = o.h;
	json_decref(root);
	sync_opened_free(&o);
}

/* Open must fail with E and exactly MSG (NULL: any message). */
static void
open_fails(enum sync_kind kind, const unsigned char *file, size_t len, const unsigned char *sk,
    enum err e, const char *msg)
{
	struct sync_opened o;
	char *cause = NULL;

	ck_assert_int_eq(sync_open(kind, file, len, sk, &o, &cause), e);
	ck_assert_ptr_null(o.inner);
	if (msg != NULL)
		ck_assert_str_eq(cause, msg);
	free(cause);
}

START_TEST(test_seal_round_trip)
{
	unsigned char *file, two[64];
	size_t len;
	struct sync_header h;
	char *cause = NULL;

	keys();
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, office_pk, 1, "thon-dong-tam",
	    0x3344556677ull, 1790000000, PAYLOAD, strlen(PAYLOAD), &file, &len, &cause),
	    ERR_OK);
	/* nothing readable on the way: not the content, not who sent it, nor
	 * its sequence number or time */
	ck_assert_ptr_null(memmem(file, len, "so-ho", 5));
	ck_assert_ptr_null(memmem(file, len, "thon-dong-tam", 13));
	ck_assert_ptr_null(memmem(file, len, field_pk, 32));
	ck_assert_ptr_null(memmem(file, len, "\x00\x00\x00\x33\x44\x55\x66\x77", 8));
	ck_assert_ptr_null(memmem(file, len, "\x00\x00\x00\x00\x6a\xb1\x3b\x80", 8));
	ck_assert_ptr_null(memmem(file, len, office_pk, 32));
	open_ok(SYNC_BUNDLE, file, len, office_sk, &h);
	ck_assert_uint_eq(h.seq, 0x3344556677ull);
	ck_assert_int_eq(h.created, 1790000000);
	ck_assert_str_eq(h.label, "thon-dong-tam");
	ck_assert(!h.open);
	ck_assert_int_eq(memcmp(h.sender, field_pk, 32), 0);
	/* another office cannot open it; a bundle is not a pack */
	open_fails(SYNC_BUNDLE, file, len, other_sk, ERR_CORRUPT, "tệp gửi cho văn phòng khác");
	open_fails(SYNC_PACK, file, len, office_sk, ERR_INVALID,
	    "đây là tệp báo cáo của đơn vị, không phải gói của văn phòng");
	free(file);
	/* a number no device reaches, that would jam its numbering, is refused */
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, office_pk, 1, "thon-dong-tam",
	    UINT64_MAX, 1790000000, PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	open_fails(SYNC_BUNDLE, file, len, office_sk, ERR_CORRUPT,
	    "số thứ tự của tệp lớn bất thường (18446744073709551615)");
	free(file);

	/* a pack sealed to two devices: each reads it, a third cannot */
	memcpy(two, field_pk, 32);
	memcpy(two + 32, other_pk, 32);
	ck_assert_int_eq(sync_seal(SYNC_PACK, office_sk, two, 2, NULL, 3, 1790000000, PAYLOAD,
	    strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	ck_assert_ptr_null(memmem(file, len, "so-ho", 5));
	open_ok(SYNC_PACK, file, len, field_sk, &h);
	open_ok(SYNC_PACK, file, len, other_sk, &h);
	ck_assert_uint_eq(h.nrecipients, 2);
	ck_assert_int_eq(memcmp(h.sender, office_pk, 32), 0);
	open_fails(SYNC_PACK, file, len, office_sk, ERR_CORRUPT, NULL);
	open_fails(SYNC_PACK, file, len, NULL, ERR_INVALID, NULL);
	free(file);

	/* an open (setup) pack: signed, readable without any key */
	ck_assert_int_eq(sync_seal(SYNC_PACK, office_sk, NULL, 0, NULL, 1, 1790000000, PAYLOAD,
	    strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	open_ok(SYNC_PACK, file, len, NULL, &h);
	ck_assert(h.open);
	free(file);
	/* a bundle sealed to the office and someone else: refused by both */
	memcpy(two, office_pk, 32);
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, two, 2, "thon-dong-tam", 4, 1790000000,
	    PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	open_fails(SYNC_BUNDLE, file, len, office_sk, ERR_INVALID, "tệp báo cáo niêm phong "
	    "cho nhiều người nhận: bị từ chối (chỉ cho văn phòng)");
	open_fails(SYNC_BUNDLE, file, len, other_sk, ERR_INVALID, "tệp báo cáo niêm phong "
	    "cho nhiều người nhận: bị từ chối (chỉ cho văn phòng)");
	free(file);
	/* a bundle cannot be written open */
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, NULL, 0, "thon-dong-tam", 1, 0, PAYLOAD,
	    strlen(PAYLOAD), &file, &len, &cause), ERR_INVALID);
	free(cause);
}
END_TEST

/* Every single-bit change (lowest and highest bit of every byte) and every
 * truncation of a small file is refused. NRCPT 0: an open pack. */
static void
every_byte(enum sync_kind kind, size_t nrcpt)
{
	const unsigned char *signer = kind == SYNC_BUNDLE ? field_sk : office_sk;
	const unsigned char *reader = kind == SYNC_BUNDLE ? office_sk : field_sk;
	unsigned char *file;
	size_t len;
	char *cause = NULL;

	ck_assert_int_eq(sync_seal(kind, signer, kind == SYNC_BUNDLE ? office_pk : field_pk, nrcpt,
	    kind == SYNC_BUNDLE ? "thon-a" : NULL, 1, 1790000000, PAYLOAD, strlen(PAYLOAD), &file,
	    &len, &cause), ERR_OK);
	for (size_t i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit += 7) {
			struct sync_opened o;
			enum err e;
			file[i] ^= (unsigned char)(1u << bit);
			e = sync_open(kind, file, len, reader, &o, &cause);
			file[i] ^= (unsigned char)(1u << bit);
			ck_assert_msg(e != ERR_OK, "kind %d/%zu: byte %zu bit %d changed and accepted",
			    kind, nrcpt, i, bit);
			ck_assert_ptr_null(o.inner);
			free(cause);
			cause = NULL;
		}
	}
	for (size_t n = 0; n < len; n++) {
		struct sync_opened o;
		enum err e = sync_open(kind, file, n, reader, &o, &cause);
		ck_assert_msg(e != ERR_OK, "kind %d/%zu: truncated to %zu accepted", kind, nrcpt, n);
		free(cause);
		cause = NULL;
	}
	/* one byte more is refused too */
	file = realloc(file, len + 1);
	file[len] = 0;
	open_fails(kind, file, len + 1, reader, ERR_CORRUPT, NULL);
	free(file);
}

START_TEST(test_seal_every_byte_and_truncation)
{
	keys();
	every_byte(SYNC_BUNDLE, 1);
	every_byte(SYNC_PACK, 1);
	every_byte(SYNC_PACK, 0);
}
END_TEST

/* Seal INNER (an inner file as sync_open left it) to RCPT as a bundle, the
 * way a dishonest recipient would forward it: a valid slot, valid AEAD. */
static unsigned char *
reseal(const unsigned char *inner, size_t ilen, const unsigned char *rcpt, size_t *len)
{
	size_t hlen = SYNC_HEADER_SIZE + SYNC_SLOT_SIZE;
	unsigned char key[32], xpk[32], *f;

	*len = hlen + 24 + ilen + 16;
	f = calloc(1, *len);
	memcpy(f, SYNC_MAGIC, 8);
	f[9] = SYNC_VERSION;
	f[10] = SYNC_BUNDLE;
	f[13] = 1;
	sync_key_id(rcpt, f + SYNC_HEADER_SIZE);
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	ck_assert_int_eq(crypto_sign_ed25519_pk_to_curve25519(xpk, rcpt), 0);
	ck_assert_int_eq(crypto_box_seal(f + SYNC_HEADER_SIZE + 16, key, 32, xpk), 0);
	randombytes_buf(f + hlen, 24);
	crypto_aead_xchacha20poly1305_ietf_encrypt(f + hlen + 24, NULL, inner, ilen, f, hlen,
	    NULL, f + hlen, key);
	return f;
}

START_TEST(test_seal_attacks)
{
	unsigned char *file, *fwd, v1[200];
	size_t len, flen;
	struct sync_opened o;
	char *cause = NULL;

	keys();
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, office_pk, 1, "thon-a", 1, 1790000000,
	    PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	/* issue #12: strip the signature at the end and sign the rest with
	 * another device's key, as format 1 allowed: the signature is inside
	 * the sealed content, so this only breaks the file */
	crypto_sign_detached(file + len - 64, NULL, file, len - 64, other_sk);
	open_fails(SYNC_BUNDLE, file, len, office_sk, ERR_CORRUPT,
	    "không giải mã được: tệp đã bị sửa, cắt cụt hoặc hỏng");
	free(file);

	/* the office opens a genuine bundle and forwards its signed content,
	 * re-sealed, to another office: refused there, the recipient is signed */
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, office_pk, 1, "thon-a", 1, 1790000000,
	    PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	ck_assert_int_eq(sync_open(SYNC_BUNDLE, file, len, office_sk, &o, &cause), ERR_OK);
	fwd = reseal(o.inner, o.inner_len, other_pk, &flen);
	open_fails(SYNC_BUNDLE, fwd, flen, other_sk, ERR_CORRUPT, NULL);
	/* ... and re-sealed to the office itself with a header that names
	 * another recipient in its slot: refused (the slot's key id must be the
	 * signed recipient's) */
	free(fwd);
	fwd = reseal(o.inner, o.inner_len, office_pk, &flen);
	{
		/* sanity: resealed as it was, it opens (the helper is right) */
		struct sync_opened o2;
		ck_assert_int_eq(sync_open(SYNC_BUNDLE, fwd, flen, office_sk, &o2, &cause), ERR_OK);
		sync_opened_free(&o2);
	}
	/* change the signed sender to another key without its signature */
	o.inner[12] ^= 1;
	free(fwd);
	fwd = reseal(o.inner, o.inner_len, office_pk, &flen);
	open_fails(SYNC_BUNDLE, fwd, flen, office_sk, ERR_CORRUPT,
	    "chữ ký không hợp lệ: tệp đã bị sửa hoặc hỏng");
	free(fwd);
	sync_opened_free(&o);
	free(file);

	/* an unencrypted bundle: an open pack relabelled as a bundle, inside
	 * and out, and signed again by the device: still refused */
	{
		unsigned char frame[256];
		size_t fl = ZSTD_compress(frame, sizeof frame, PAYLOAD, strlen(PAYLOAD), 3);
		ck_assert(!ZSTD_isError(fl));
		ck_assert_int_eq(sync_seal_frame(SYNC_PACK, field_sk, NULL, 0, "thon-a", 1, 0,
		    (uint32_t)strlen(PAYLOAD), frame, fl, &file, &len, &cause), ERR_OK);
		file[10] = SYNC_BUNDLE;
		file[SYNC_HEADER_SIZE + 10] = SYNC_BUNDLE;
		{
			crypto_sign_state s;
			crypto_sign_init(&s);
			crypto_sign_update(&s, (const unsigned char *)SYNC_SIG_CONTEXT,
			    sizeof SYNC_SIG_CONTEXT);
			crypto_sign_update(&s, file + SYNC_HEADER_SIZE, len - SYNC_HEADER_SIZE - 64);
			crypto_sign_final_create(&s, file + len - 64, NULL, field_sk);
		}
		open_fails(SYNC_BUNDLE, file, len, office_sk, ERR_INVALID,
		    "tệp báo cáo không được niêm phong: bị từ chối (chỉ nhận tệp mã hóa cho văn "
		    "phòng)");
		free(file);
	}

	/* a format-1 file says how to get a new one */
	memset(v1, 0, sizeof v1);
	memcpy(v1, SYNC_MAGIC, 8);
	v1[9] = 1;
	v1[10] = SYNC_BUNDLE;
	open_fails(SYNC_BUNDLE, v1, sizeof v1, office_sk, ERR_INVALID, NULL);
	ck_assert_int_eq(sync_open(SYNC_BUNDLE, v1, sizeof v1, office_sk, &o, &cause),
	    ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "baocao export"));
	free(cause);
	cause = NULL;
	v1[10] = SYNC_PACK;
	ck_assert_int_eq(sync_open(SYNC_PACK, v1, sizeof v1, field_sk, &o, &cause), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "baocao pack"));
	free(cause);
	cause = NULL;
	/* a newer format says so; not a baocao file at all */
	v1[9] = SYNC_VERSION_MAX + 1;
	ck_assert_int_eq(sync_open(SYNC_PACK, v1, sizeof v1, field_sk, &o, &cause), ERR_VERSION);
	ck_assert_ptr_nonnull(strstr(cause, "mới hơn"));
	free(cause);
	memcpy(v1, "PK\3\4xxxx", 8);
	open_fails(SYNC_PACK, v1, sizeof v1, field_sk, ERR_INVALID,
	    "không phải tệp trao đổi của baocao");
}
END_TEST

/* Format 4 by hand, as FORMAT.md spells it: the clear header (KIND), the
 * inner header INNER (ILEN bytes, up to the signature) signed by SIGNER
 * for office SIGNED_FOR, the whole sealed to SEAL_TO. */
static unsigned char *
raw4(int kind, const unsigned char *inner, size_t ilen, const unsigned char *signer,
    const unsigned char *signed_for, const unsigned char *seal_to, size_t *len)
{
	unsigned char clear[SYNC_HEADER4_SIZE], *in = malloc(ilen + 64), *f, xpk[32];
	crypto_sign_state ss;

	memcpy(clear, SYNC_MAGIC, 8);
	clear[8] = 0;
	clear[9] = SYNC_VERSION_COMPACT;
	clear[10] = (unsigned char)kind;
	memcpy(in, inner, ilen);
	crypto_sign_init(&ss);
	crypto_sign_update(&ss, (const unsigned char *)SYNC_SIG_CONTEXT4, sizeof SYNC_SIG_CONTEXT4);
	crypto_sign_update(&ss, clear, sizeof clear);
	crypto_sign_update(&ss, signed_for, 32);
	crypto_sign_update(&ss, in, ilen);
	crypto_sign_final_create(&ss, in + ilen, NULL, signer);
	*len = sizeof clear + crypto_box_SEALBYTES + ilen + 64;
	f = malloc(*len);
	memcpy(f, clear, sizeof clear);
	ck_assert_int_eq(crypto_sign_ed25519_pk_to_curve25519(xpk, seal_to), 0);
	ck_assert_int_eq(crypto_box_seal(f + sizeof clear, in, ilen + 64, xpk), 0);
	free(in);
	return f;
}

/* The reader's devices, for a sender named by fingerprint: only the field. */
static int
lookup_field(const unsigned char *fpr, unsigned char *pk, char *label, void *arg)
{
	unsigned char f[SYNC_FPR_SIZE];

	(void)arg;
	sync_fpr_bytes(field_pk, f);
	if (memcmp(f, fpr, sizeof f) != 0)
		return 0;
	memcpy(pk, field_pk, 32);
	strcpy(label, "thon-a");
	return 1;
}

/* Open a format-4 FILE with lookup_field: fails with E and MSG (NULL: any). */
static void
open4_fails(int kind, const unsigned char *file, size_t len, enum err e, const char *msg)
{
	struct sync_opened o;
	char *cause = NULL;

	ck_assert_int_eq(sync_open_lookup((enum sync_kind)kind, file, len, office_sk, lookup_field,
	    NULL, &o, &cause), e);
	ck_assert_ptr_null(o.inner);
	if (msg != NULL)
		ck_assert_msg(strstr(cause, msg) != NULL, "'%s' lacks '%s'", cause, msg);
	free(cause);
}

START_TEST(test_seal_compact)
{
	unsigned char *file, in[200], fpr[SYNC_FPR_SIZE], *frame;
	size_t len, n, flen;
	struct sync_opened o;
	struct sync_header h;
	char *cause = NULL;

	int lang = err_lang;

	keys();
	err_lang = 1;	/* the messages below in English */
	/* the long form: the whole key and the unit; read as any bundle */
	ck_assert_int_eq(sync_seal_compact(field_sk, office_pk, 0, "thon-a", 7, 1790000000, NULL,
	    PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	ck_assert_int_eq(file[9], SYNC_VERSION_COMPACT);
	open_ok(SYNC_BUNDLE, file, len, office_sk, &h);
	ck_assert_mem_eq(h.sender, field_pk, 32);
	ck_assert_str_eq(h.label, "thon-a");
	ck_assert_uint_eq(h.seq, 7);
	ck_assert_int_eq(h.created, 1790000000);
	ck_assert_int_eq(h.by_fpr, 0);
	ck_assert_uint_eq(h.version, SYNC_VERSION_COMPACT);
	/* nothing in the clear: no key, fingerprint, unit or sequence number */
	sync_fpr_bytes(field_pk, fpr);
	ck_assert_ptr_null(memmem(file, len, field_pk, 8));
	ck_assert_ptr_null(memmem(file, len, fpr, 4));
	ck_assert_ptr_null(memmem(file, len, "thon-a", 6));
	/* a pack reader, another office, no key: refused in one line */
	open_fails(SYNC_PACK, file, len, office_sk, ERR_INVALID,
	    "this is a unit's bundle, not an office pack");
	open_fails(SYNC_BUNDLE, file, len, other_sk, ERR_CORRUPT, "cannot open: another "
	    "office's, or altered, cut, damaged");
	open_fails(SYNC_BUNDLE, file, len, NULL, ERR_INVALID, NULL);
	free(file);

	/* the short form: 10 bytes of fingerprint, no unit, 43 bytes fewer;
	 * the reader finds key and unit among its devices */
	ck_assert_int_eq(sync_seal_compact(field_sk, office_pk, 1, "thon-a", 7, 1790000000, NULL,
	    PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	n = len;
	ck_assert_int_eq(sync_open_lookup(SYNC_BUNDLE, file, len, office_sk, lookup_field, NULL,
	    &o, &cause), ERR_OK);
	ck_assert_mem_eq(o.h.sender, field_pk, 32);
	ck_assert_str_eq(o.h.label, "thon-a");
	ck_assert_int_eq(o.h.by_fpr, 1);
	sync_opened_free(&o);
	/* a reader that knows no such device says which, and what to do */
	ck_assert_int_eq(sync_open(SYNC_BUNDLE, file, len, office_sk, &o, &cause), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "export --with-key"));
	{
		char printed[20];
		/* the fingerprint as people read it: groups of four */
		ck_assert_ptr_nonnull(strstr(cause, "by fingerprint "));
		memcpy(printed, strstr(cause, "by fingerprint ") + 15, 19);
		printed[19] = '\0';
		ck_assert_int_eq(printed[4], '-');
		ck_assert_int_eq(printed[14], '-');
	}
	free(cause);
	cause = NULL;
	/* every changed bit, every truncation, one byte more: refused */
	for (size_t i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			enum err e;
			file[i] ^= (unsigned char)(1u << bit);
			e = sync_open_lookup(SYNC_BUNDLE, file, len, office_sk, lookup_field, NULL, &o,
			    &cause);
			file[i] ^= (unsigned char)(1u << bit);
			ck_assert_msg(e != ERR_OK, "byte %zu bit %d changed and accepted", i, bit);
			ck_assert_ptr_null(o.inner);
			free(cause);
			cause = NULL;
		}
	}
	for (size_t k = 0; k < len; k++) {
		ck_assert_msg(sync_open_lookup(SYNC_BUNDLE, file, k, office_sk, lookup_field, NULL,
		    &o, &cause) != ERR_OK, "cut to %zu accepted", k);
		free(cause);
		cause = NULL;
	}
	file = realloc(file, len + 1);
	file[len] = 0;
	open4_fails(SYNC_BUNDLE, file, len + 1, ERR_CORRUPT, "cannot open: ");
	free(file);
	ck_assert_int_eq(sync_seal_compact(field_sk, office_pk, 0, "thon-a", 7, 1790000000, NULL,
	    PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	ck_assert_uint_eq(len - n, 32 + 1 + 6 - SYNC_FPR_SIZE);
	free(file);

	/* hostile inner headers, validly sealed and signed: one line each */
	sync_fpr_bytes(field_pk, fpr);
	frame = malloc(ZSTD_compressBound(2));
	flen = ZSTD_compress(frame, ZSTD_compressBound(2), "{}", 2, 1);
#define FPR_HEAD(extra) do { in[0] = 0; memcpy(in + 1, fpr, 10); n = 11; \
		memcpy(in + n, extra, sizeof extra - 1); n += sizeof extra - 1; } while (0)
	/* a sound one first: the helper writes what the reader reads */
	FPR_HEAD("\x07\x01\x00\x02");
	memcpy(in + n, frame, flen);
	file = raw4(SYNC_BUNDLE, in, n + flen, field_sk, office_pk, office_pk, &len);
	ck_assert_int_eq(sync_open_lookup(SYNC_BUNDLE, file, len, office_sk, lookup_field, NULL,
	    &o, &cause), ERR_OK);
	ck_assert_uint_eq(o.h.seq, 7);
	ck_assert_uint_eq(o.h.plain_len, 2);
	ck_assert_uint_eq(o.h.comp_len, flen);
	sync_opened_free(&o);
	free(file);
	/* a varint cut short: the inner file ends inside the sequence number */
	FPR_HEAD("\x87");
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "the sealed header's sequence number is "
	    "cut short or not valid");
	free(file);
	/* ... spelt in more bytes than it needs; longer than 64 bits */
	FPR_HEAD("\x87\x00\x01\x00\x02");
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "sequence number is cut short");
	free(file);
	FPR_HEAD("\x07\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f\x00\x02");
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "creation time is cut short");
	free(file);
	/* a dictionary id past 32 bits */
	FPR_HEAD("\x07\x01\x80\x80\x80\x80\x10\x02");
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "dictionary id is cut short");
	free(file);
	/* a huge declared length (2^40): refused before anything is allocated */
	FPR_HEAD("\x07\x01\x00\x80\x80\x80\x80\x80\x20");
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "declares a payload of 1099511627776 "
	    "bytes, over the cap");
	free(file);
	/* ... and no length at all */
	FPR_HEAD("\x07\x01\x00");
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "payload length is cut short");
	free(file);
	/* unknown flags; a fingerprint cut short; a label of other characters */
	FPR_HEAD("\x07\x01\x00\x02");
	in[0] = 2;
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "the sealed header's flags");
	free(file);
	file = raw4(SYNC_BUNDLE, in, 6, field_sk, office_pk, office_pk, &len);
	in[0] = 0;
	free(file);
	file = raw4(SYNC_BUNDLE, in, 6, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "sender fingerprint is cut short");
	free(file);
	in[0] = 1;
	memcpy(in + 1, field_pk, 32);
	in[33] = 6;
	memcpy(in + 34, "Thon A", 6);
	memcpy(in + 40, "\x07\x01\x00\x02", 4);
	file = raw4(SYNC_BUNDLE, in, 44, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "unit label is cut short or not valid");
	free(file);
	in[33] = 65;	/* longer than any label */
	file = raw4(SYNC_BUNDLE, in, 44, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "unit label");
	free(file);
	/* the fingerprint of a device the reader does not know */
	FPR_HEAD("\x07\x01\x00\x02");
	in[1] ^= 1;
	file = raw4(SYNC_BUNDLE, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_INVALID, "whose key this office does not have");
	free(file);
	/* signed for another office, then sealed to this one: forwarded */
	FPR_HEAD("\x07\x01\x00\x02");
	file = raw4(SYNC_BUNDLE, in, n, field_sk, other_pk, office_pk, &len);
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "bad signature");
	free(file);
	/* format 4 claiming to be a pack: format 4 is for bundles */
	file = raw4(SYNC_PACK, in, n, field_sk, office_pk, office_pk, &len);
	open4_fails(SYNC_PACK, file, len, ERR_CORRUPT, "format 4 is for a unit's bundles only");
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "format 4 is for a unit's bundles only");
	/* the format number changed to 3 (or 2) in the clear: the older
	 * layout's reader refuses it; back to 4 with another kind: refused */
	file[9] = SYNC_VERSION_DICT;
	file[10] = SYNC_BUNDLE;
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, NULL);
	file[9] = SYNC_VERSION;
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, NULL);
	free(file);
	/* a format-3 file whose clear header says 4 */
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, office_pk, 1, "thon-a", 1, 0, PAYLOAD,
	    strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	file[9] = SYNC_VERSION_COMPACT;
	open4_fails(SYNC_BUNDLE, file, len, ERR_CORRUPT, "cannot open: ");
	free(file);
	free(frame);
#undef FPR_HEAD
	err_lang = lang;
}
END_TEST

/* A validly signed bundle whose frame is FRAME, declared to hold PLAIN;
 * decoded under LIM. Returns the error, *CAUSE the message. */
static enum err
decode_frame(const void *frame, size_t flen, uint32_t plain, const struct sync_limits *lim,
    char **cause)
{
	unsigned char *file;
	size_t len;
	struct sync_opened o;
	json_t *root = NULL;
	enum err e;

	ck_assert_int_eq(sync_seal_frame(SYNC_BUNDLE, field_sk, office_pk, 1, "thon-a", 1, 0,
	    plain, frame, flen, &file, &len, cause), ERR_OK);
	ck_assert_int_eq(sync_open(SYNC_BUNDLE, file, len, office_sk, &o, cause), ERR_OK);
	e = sync_decode(&o, lim, &root, cause);
	ck_assert(e == ERR_OK ? root != NULL : root == NULL);
	json_decref(root);
	sync_opened_free(&o);
	free(file);
	return e;
}

/* Compress TEXT (LEN bytes) at a fast level into a malloc'd frame. */
static void *
zframe(const char *text, size_t len, size_t *flen)
{
	size_t bound = ZSTD_compressBound(len);
	void *f = malloc(bound);
	*flen = ZSTD_compress(f, bound, text, len, 1);
	ck_assert(!ZSTD_isError(*flen));
	return f;
}

START_TEST(test_seal_decode_limits)
{
	struct sync_limits lim = sync_default_limits;
	char *text, *cause = NULL;
	size_t flen, n;
	void *frame;

	keys();
	/* a huge declared size: refused before anything is allocated */
	frame = zframe(PAYLOAD, strlen(PAYLOAD), &flen);
	ck_assert_int_eq(decode_frame(frame, flen, 0xffffffffu, NULL, &cause), ERR_CORRUPT);
	ck_assert_ptr_nonnull(strstr(cause, "quá giới hạn"));
	free(cause);
	cause = NULL;
	/* a declared size the frame does not have */
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)strlen(PAYLOAD) + 1, NULL, &cause),
	    ERR_CORRUPT);
	ck_assert_str_eq(cause, "nội dung nén không khớp kích thước khai báo");
	free(cause);
	cause = NULL;
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)strlen(PAYLOAD), NULL, &cause),
	    ERR_OK);
	/* the config's cap applies */
	lim.max_plain = strlen(PAYLOAD) - 1;
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)strlen(PAYLOAD), &lim, &cause),
	    ERR_CORRUPT);
	ck_assert_ptr_nonnull(strstr(cause, "import-limit"));
	free(cause);
	cause = NULL;
	free(frame);

	/* a zstd bomb: 32 MiB of spaces around {} in a few KB, parsed
	 * streaming: accepted (it is valid), never held whole; and with a
	 * 16 MiB cap refused from its declared size */
	n = 32u << 20;
	text = malloc(n);
	memset(text, ' ', n);
	text[0] = '{';
	text[n - 1] = '}';
	frame = zframe(text, n, &flen);
	ck_assert_uint_lt(flen, 8192);
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)n, NULL, &cause), ERR_OK);
	lim = sync_default_limits;
	lim.max_plain = 16u << 20;
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)n, &lim, &cause), ERR_CORRUPT);
	free(cause);
	cause = NULL;
	free(frame);
	/* the same text in a frame asking for a 16 MiB window: refused as what
	 * it is (more memory than allowed), not as damage */
	{
		ZSTD_CCtx *cc = ZSTD_createCCtx();
		size_t bound = ZSTD_compressBound(n);
		frame = malloc(bound);
		ck_assert(!ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, 24)));
		flen = ZSTD_compress2(cc, frame, bound, text, n);
		ck_assert(!ZSTD_isError(flen));
		ZSTD_freeCCtx(cc);
		ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)n, NULL, &cause), ERR_CORRUPT);
		ck_assert_ptr_nonnull(strstr(cause, "cửa sổ zstd"));
		ck_assert_ptr_nonnull(strstr(cause, "1024 KiB"));
		ck_assert_ptr_null(strstr(cause, "bị hỏng"));
		free(cause);
		cause = NULL;
		free(frame);
	}

	/* deep nesting: the limit passes, one more level fails */
	for (int depth = SYNC_DEFAULT_MAX_DEPTH; depth <= SYNC_DEFAULT_MAX_DEPTH + 1; depth++) {
		for (int i = 0; i < depth; i++) {
			text[i] = '[';
			text[2 * depth - 1 - i] = ']';
		}
		frame = zframe(text, 2 * (size_t)depth, &flen);
		ck_assert_int_eq(decode_frame(frame, flen, 2 * (uint32_t)depth, NULL, &cause),
		    depth > SYNC_DEFAULT_MAX_DEPTH ? ERR_CORRUPT : ERR_OK);
		free(frame);
	}
	ck_assert_str_eq(cause, "nội dung lồng nhau quá 32 mức");
	free(cause);
	cause = NULL;
	/* brackets inside strings are not nesting */
	n = (size_t)snprintf(text, 4096, "{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[\"}");
	frame = zframe(text, n, &flen);
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)n, NULL, &cause), ERR_OK);
	free(frame);

	/* a mass of tiny keys: over the memory budget, refused */
	n = 0;
	text[n++] = '{';
	for (int i = 0; i < 400000; i++)
		n += (size_t)snprintf(text + n, 32, "%s\"%x\":0", i ? "," : "", i);
	text[n++] = '}';
	frame = zframe(text, n, &flen);
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)n, NULL, &cause), ERR_CORRUPT);
	ck_assert_ptr_nonnull(strstr(cause, "byte bộ nhớ"));
	free(cause);
	cause = NULL;
	/* with a larger budget the same text parses: the budget, not the text,
	 * refused it */
	lim = sync_default_limits;
	lim.max_memory = 256u << 20;
	ck_assert_int_eq(decode_frame(frame, flen, (uint32_t)n, &lim, &cause), ERR_OK);
	free(frame);
	free(text);

	/* not JSON */
	frame = zframe("{\"a\": ", 6, &flen);
	ck_assert_int_eq(decode_frame(frame, flen, 6, NULL, &cause), ERR_CORRUPT);
	ck_assert_ptr_nonnull(strstr(cause, "JSON"));
	free(cause);
	free(frame);
}
END_TEST

Suite *
seal_suite(void)
{
	Suite *s = suite_create("seal");
	TCase *tc = tcase_create("seal");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_seal_round_trip);
	tcase_add_test(tc, test_seal_every_byte_and_truncation);
	tcase_add_test(tc, test_seal_attacks);
	tcase_add_test(tc, test_seal_decode_limits);
	tcase_add_test(tc, test_seal_compact);
	suite_add_tcase(s, tc);
	return s;
}

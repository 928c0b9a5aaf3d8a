/*
 * check-seal.c: the sealed exchange file. Round trips; every single-byte
 * change and every truncation refused; another recipient, another kind, a
 * newer format refused with their own messages; a validly signed file that
 * declares a huge payload refused before allocating it.
 */
#include <check.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

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

START_TEST(test_seal_round_trip)
{
	unsigned char *file;
	size_t len, plen;
	struct sync_header h;
	char *payload, *cause = NULL;

	keys();
	ck_assert_int_eq(sync_seal(SYNC_BUNDLE, field_sk, office_pk, 7, 1790000000, PAYLOAD,
	    strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	/* the content is not readable on the way */
	ck_assert_ptr_null(memmem(file, len, "so-ho", 5));
	ck_assert_ptr_null(memmem(file, len, "2026-10", 7));
	ck_assert_int_eq(sync_open(SYNC_BUNDLE, file, len, office_sk, &h, &payload, &plen, &cause),
	    ERR_OK);
	ck_assert_str_eq(payload, PAYLOAD);
	ck_assert_uint_eq(plen, strlen(PAYLOAD));
	ck_assert_uint_eq(h.seq, 7);
	ck_assert_int_eq(h.created, 1790000000);
	ck_assert(h.encrypted);
	ck_assert_int_eq(memcmp(h.sender, field_pk, 32), 0);
	free(payload);

	/* another office cannot open it */
	ck_assert_int_eq(sync_open(SYNC_BUNDLE, file, len, other_sk, &h, &payload, &plen, &cause),
	    ERR_CORRUPT);
	ck_assert_str_eq(cause, "tệp gửi cho văn phòng hoặc máy khác");
	free(cause);
	cause = NULL;
	/* a bundle is not a pack */
	ck_assert_int_eq(sync_open(SYNC_PACK, file, len, office_sk, &h, &payload, &plen, &cause),
	    ERR_INVALID);
	ck_assert_str_eq(cause, "đây là tệp báo cáo của đơn vị, không phải gói của văn phòng");
	free(cause);
	cause = NULL;
	free(file);

	/* a pack: signed, not encrypted, readable by any device */
	ck_assert_int_eq(sync_seal(SYNC_PACK, office_sk, NULL, 1, 1790000000, PAYLOAD,
	    strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	ck_assert_int_eq(sync_open(SYNC_PACK, file, len, field_sk, &h, &payload, &plen, &cause),
	    ERR_OK);
	ck_assert(!h.encrypted);
	ck_assert_str_eq(payload, PAYLOAD);
	free(payload);
	free(file);
}
END_TEST

/* Every single-bit change (lowest and highest bit of every byte) and every
 * truncation of a small file of KIND is refused. */
static void
every_byte(enum sync_kind kind)
{
	const unsigned char *signer = kind == SYNC_BUNDLE ? field_sk : office_sk;
	const unsigned char *reader = kind == SYNC_BUNDLE ? office_sk : field_sk;
	unsigned char *file;
	size_t len, plen;
	struct sync_header h;
	char *payload, *cause = NULL;

	ck_assert_int_eq(sync_seal(kind, signer, kind == SYNC_BUNDLE ? office_pk : NULL, 1,
	    1790000000, PAYLOAD, strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	for (size_t i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit += 7) {
			enum err e;
			file[i] ^= (unsigned char)(1u << bit);
			e = sync_open(kind, file, len, reader, &h, &payload, &plen, &cause);
			file[i] ^= (unsigned char)(1u << bit);
			ck_assert_msg(e != ERR_OK, "kind %d: byte %zu bit %d changed and accepted", kind,
			    i, bit);
			ck_assert_ptr_null(payload);
			free(cause);
			cause = NULL;
		}
	}
	for (size_t n = 0; n < len; n++) {
		enum err e = sync_open(kind, file, n, reader, &h, &payload, &plen, &cause);
		ck_assert_msg(e != ERR_OK, "kind %d: truncated to %zu accepted", kind, n);
		free(cause);
		cause = NULL;
	}
	/* one byte more is refused too */
	file = realloc(file, len + 1);
	file[len] = 0;
	ck_assert_int_eq(sync_open(kind, file, len + 1, reader, &h, &payload, &plen, &cause),
	    ERR_CORRUPT);
	ck_assert_str_eq(cause, "tệp bị cắt cụt hoặc bị thêm dữ liệu");
	free(cause);
	free(file);
}

START_TEST(test_seal_every_byte_and_truncation)
{
	keys();
	every_byte(SYNC_BUNDLE);
	every_byte(SYNC_PACK);
}
END_TEST

/* Re-sign a file after changing its header, as a forger with his own key
 * would: the signature then holds, the other checks must not. */
static void
resign(unsigned char *file, size_t len, const unsigned char *sk)
{
	memcpy(file + 12, sk + 32, 32);
	crypto_sign_detached(file + len - 64, NULL, file, len - 64, sk);
}

START_TEST(test_seal_crafted)
{
	unsigned char *file;
	size_t len, plen;
	struct sync_header h;
	char *payload, *cause = NULL;

	keys();
	ck_assert_int_eq(sync_seal(SYNC_PACK, office_sk, NULL, 1, 1790000000, PAYLOAD,
	    strlen(PAYLOAD), &file, &len, &cause), ERR_OK);
	/* declares 4 GiB of payload: refused before any allocation */
	put32(file + 92, 0xffffffffu);
	resign(file, len, other_sk);
	ck_assert_int_eq(sync_open(SYNC_PACK, file, len, field_sk, &h, &payload, &plen, &cause),
	    ERR_CORRUPT);
	ck_assert_str_eq(cause, "kích thước trong tệp không hợp lệ");
	free(cause);
	cause = NULL;
	/* declares a size the zstd frame does not have */
	put32(file + 92, (uint32_t)strlen(PAYLOAD) + 1);
	resign(file, len, other_sk);
	ck_assert_int_eq(sync_open(SYNC_PACK, file, len, field_sk, &h, &payload, &plen, &cause),
	    ERR_CORRUPT);
	ck_assert_str_eq(cause, "nội dung nén không khớp kích thước khai báo");
	free(cause);
	cause = NULL;
	/* a newer format says so */
	file[9] = SYNC_VERSION + 1;
	ck_assert_int_eq(sync_open(SYNC_PACK, file, len, field_sk, &h, &payload, &plen, &cause),
	    ERR_VERSION);
	ck_assert_ptr_nonnull(strstr(cause, "mới hơn"));
	free(cause);
	cause = NULL;
	/* not a baocao file at all */
	memcpy(file, "PK\3\4xxxx", 8);
	ck_assert_int_eq(sync_open(SYNC_PACK, file, len, field_sk, &h, &payload, &plen, &cause),
	    ERR_INVALID);
	ck_assert_str_eq(cause, "không phải tệp trao đổi của baocao");
	free(cause);
	free(file);
}
END_TEST

Suite *
seal_suite(void)
{
	Suite *s = suite_create("seal");
	TCase *tc = tcase_create("seal");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_seal_round_trip);
	tcase_add_test(tc, test_seal_every_byte_and_truncation);
	tcase_add_test(tc, test_seal_crafted);
	suite_add_tcase(s, tc);
	return s;
}

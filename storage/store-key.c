/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-key.c: wrapping and unwrapping the master key (see store-key.h).
 *
 * Header layout (all integers big-endian):
 *     0   8  magic "BAOCAODB"
 *     8   4  format version (1)
 *    12   4  header size (4096)
 *    16  16  database uuid
 *    32 128  slot 0
 *   160 128  slot 1
 *   288 ...  zero
 * Slot layout:
 *     0   8  generation (0 = empty slot)
 *     8   4  algorithm (1 = Argon2id v1.3 + XChaCha20-Poly1305)
 *    12   4  Argon2id memory limit in KiB
 *    16   8  Argon2id operations limit
 *    24  16  salt
 *    40  24  nonce
 *    64  48  wrapped master key (32) + tag (16)
 *   112  16  zero
 * The wrap's associated data is header bytes 0..31 and every slot byte but
 * the wrapped key (0..63, 112..127), so neither the uuid nor a slot's cost,
 * salt, nonce or generation can be altered.
 */
#include "store-key.h"

#include "../core/bytes.h"
#include "../core/text.h"
#include "../core/err.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const struct store_kdf STORE_KDF_DEFAULT = {
	crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE
};
const struct store_kdf STORE_KDF_TEST = { 1, 8192 * 4 };

#define ALG_ARGON2ID_XCHACHA 1

const struct store_kdf *
store_kdf_env(const char **why)
{
	const char *k = getenv("BAOCAO_KDF");

	*why = NULL;
	if (k == NULL || *k == '\0')
		return &STORE_KDF_DEFAULT;
	if (store_test_build) {
		if (strcmp(k, "test") == 0)
			return &STORE_KDF_TEST;
		*why = TR("BAOCAO_KDF: chỉ nhận giá trị 'test'",
		    "BAOCAO_KDF: the only value is 'test'");
		return NULL;
	}
	*why = TR("BAOCAO_KDF chỉ dành cho bản dựng kiểm thử; bản phát hành này không "
	    "dùng khoá yếu: hãy bỏ biến này (unset BAOCAO_KDF)",
	    "BAOCAO_KDF is for test builds only; this release build does not make weak "
	    "keys: unset BAOCAO_KDF");
	return NULL;
}

static unsigned char *
slot(struct store_header *h, int i)
{
	return h->raw + STORE_SLOT_OFF + i * STORE_SLOT_SIZE;
}

static const unsigned char *
cslot(const struct store_header *h, int i)
{
	return h->raw + STORE_SLOT_OFF + i * STORE_SLOT_SIZE;
}

/* Everything in the header but the wrapped key itself is bound in. */
#define SLOT_AD_BYTES (32 + 64 + 16)
static void
slot_ad(const struct store_header *h, const unsigned char *s, unsigned char ad[SLOT_AD_BYTES])
{
	memcpy(ad, h->raw, 32);
	memcpy(ad + 32, s, 64);
	memcpy(ad + 96, s + 112, 16);
}

/* Derive the key-encryption key for a slot's salt and cost. */
static int
slot_kek(const unsigned char *s, const char *pass, unsigned char *kek)
{
	unsigned long long ops = get64(s + 16);
	size_t mem = (size_t)get32(s + 12) * 1024;
	char *nfc;
	int rc;

	/* A damaged or forged slot must not make unlocking take hours or all
	 * memory: refuse costs far beyond any this program writes. */
	if (ops < crypto_pwhash_argon2id_OPSLIMIT_MIN || ops > STORE_KDF_MAX_OPS ||
	    mem < crypto_pwhash_argon2id_MEMLIMIT_MIN || mem > STORE_KDF_MAX_MEM)
		return -1;
	/* The same passphrase typed on another keyboard may come composed or
	 * decomposed: derive from its NFC form. */
	nfc = text_nfc(pass);
	rc = crypto_pwhash(kek, STORE_KEY_BYTES, nfc ? nfc : pass, strlen(nfc ? nfc : pass),
	    s + 24, ops, mem, crypto_pwhash_ALG_ARGON2ID13);
	if (nfc != NULL) {
		sodium_memzero(nfc, strlen(nfc));
		free(nfc);
	}
	return rc == 0 ? 0 : -2;
}

static int
slot_fill(struct store_header *h, int i, uint64_t gen, const unsigned char *master,
    const char *pass, const struct store_kdf *kdf)
{
	unsigned char *s = slot(h, i), ad[SLOT_AD_BYTES];
	unsigned char *kek = sodium_malloc(STORE_KEY_BYTES);
	int rc;

	if (kek == NULL)
		return -1;
	memset(s, 0, STORE_SLOT_SIZE);
	put64(s, gen);
	put32(s + 8, ALG_ARGON2ID_XCHACHA);
	put32(s + 12, (uint32_t)(kdf->memlimit / 1024));
	put64(s + 16, kdf->opslimit);
	randombytes_buf(s + 24, STORE_SALT_BYTES);
	randombytes_buf(s + 40, 24);
	rc = slot_kek(s, pass, kek);
	if (rc == 0) {
		slot_ad(h, s, ad);
		crypto_aead_xchacha20poly1305_ietf_encrypt(s + 64, NULL, master, STORE_KEY_BYTES,
		    ad, sizeof ad, NULL, s + 40, kek);
	}
	sodium_free(kek);
	return rc == 0 ? 0 : -1;
}

int
store_header_make(struct store_header *h, const unsigned char master[STORE_KEY_BYTES],
    const char *pass, const struct store_kdf *kdf)
{
	memset(h->raw, 0, sizeof h->raw);
	memcpy(h->raw, STORE_MAGIC, 8);
	put32(h->raw + 8, STORE_FORMAT);
	put32(h->raw + 12, STORE_HDR_SIZE);
	randombytes_buf(h->raw + 16, STORE_UUID_BYTES);
	return slot_fill(h, 0, 1, master, pass, kdf);
}

int
store_header_check(const struct store_header *h)
{
	if (memcmp(h->raw, STORE_MAGIC, 8) != 0 || get32(h->raw + 8) != STORE_FORMAT ||
	    get32(h->raw + 12) != STORE_HDR_SIZE)
		return -1;
	return 0;
}

const unsigned char *
store_header_uuid(const struct store_header *h)
{
	return h->raw + 16;
}

int
store_header_unlock(const struct store_header *h, const char *pass,
    unsigned char master[STORE_KEY_BYTES])
{
	int which;

	return store_header_unlock_slot(h, pass, master, &which);
}

unsigned long long
store_header_gen(const struct store_header *h, int i)
{
	return get64(cslot(h, i));
}

int
store_header_unlock_slot(const struct store_header *h, const char *pass,
    unsigned char master[STORE_KEY_BYTES], int *which)
{
	unsigned char *kek = sodium_malloc(STORE_KEY_BYTES), ad[SLOT_AD_BYTES];
	int order[2] = { 0, 1 }, i, rc, result = -1;

	if (kek == NULL)
		return -2;
	if (get64(cslot(h, 1)) > get64(cslot(h, 0))) {
		order[0] = 1;
		order[1] = 0;
	}
	for (i = 0; i < 2 && result != 0; i++) {
		const unsigned char *s = cslot(h, order[i]);
		if (get64(s) == 0 || get32(s + 8) != ALG_ARGON2ID_XCHACHA)
			continue;
		rc = slot_kek(s, pass, kek);
		if (rc == -2) {
			result = -2;
			break;
		}
		if (rc != 0)
			continue;
		slot_ad(h, s, ad);
		if (crypto_aead_xchacha20poly1305_ietf_decrypt(master, NULL, NULL, s + 64,
		    STORE_KEY_BYTES + 16, ad, sizeof ad, s + 40, kek) == 0) {
			result = 0;
			*which = order[i];
		}
	}
	sodium_free(kek);
	return result;
}

int
store_header_rewrap(struct store_header *h, const unsigned char master[STORE_KEY_BYTES],
    const char *newpass, const struct store_kdf *kdf, int *slotp, int *oldp)
{
	uint64_t g0 = get64(slot(h, 0)), g1 = get64(slot(h, 1));
	int cur = g1 > g0 ? 1 : 0;

	*slotp = 1 - cur;
	*oldp = cur;
	return slot_fill(h, 1 - cur, (g0 > g1 ? g0 : g1) + 1, master, newpass, kdf);
}

int
store_header_cost(const struct store_header *h, struct store_kdf *out)
{
	const unsigned char *s = cslot(h, get64(cslot(h, 1)) > get64(cslot(h, 0)) ? 1 : 0);

	if (get64(s) == 0)
		return -1;
	out->opslimit = get64(s + 16);
	out->memlimit = (size_t)get32(s + 12) * 1024;
	return 0;
}

void
store_header_clear_slot(struct store_header *h, int i)
{
	memset(slot(h, i), 0, STORE_SLOT_SIZE);
}

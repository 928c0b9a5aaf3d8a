/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-seal.h: shared by the bundle and pack container targets. Fixed keys
 * (derived from fixed seeds) stand for the field device and the office.
 *
 * An input is used three ways, chosen by its first byte:
 *   0: as a file, exactly as given (what arrives on a USB stick), opened
 *      and, if it opens, decoded;
 *   1: the rest as a zstd frame, its first 4 bytes the size it declares,
 *      sealed and signed with the fixed keys, so that the decoder's limits
 *      (declared size, streaming, window, depth, memory) see
 *      attacker-chosen frames behind a valid signature;
 *   2: the rest as a payload, sealed then opened: the round trip must give
 *      it back, and decoding must agree with jansson on whether it is JSON
 *      (within the limits).
 * For bundles, bit 3 of the first byte seals modes 1 and 2 in format 4
 * (the compact layout), bit 4 then naming the sender by fingerprint; the
 * office's reader knows the field device's fingerprint in every mode.
 */
#ifndef BAOCAO_FUZZ_SEAL_H
#define BAOCAO_FUZZ_SEAL_H

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "../../core/bytes.h"
#include "../../sync/sync-seal.h"

static unsigned char fz_field_pk[32], fz_field_sk[64], fz_office_pk[32], fz_office_sk[64];

static void
fz_keys(void)
{
	static int done;
	unsigned char seed[32];

	if (done)
		return;
	if (sodium_init() < 0)
		abort();
	memset(seed, 'f', sizeof seed);
	crypto_sign_seed_keypair(fz_field_pk, fz_field_sk, seed);
	memset(seed, 'o', sizeof seed);
	crypto_sign_seed_keypair(fz_office_pk, fz_office_sk, seed);
	done = 1;
}

/* The office's devices, for a format-4 sender named by fingerprint: the
 * fixed field device alone. */
static int
fz_lookup(const unsigned char *fpr, unsigned char *pk, char *label, void *arg)
{
	unsigned char f[SYNC_FPR_SIZE];

	(void)arg;
	sync_fpr_bytes(fz_field_pk, f);
	if (memcmp(f, fpr, sizeof f) != 0)
		return 0;
	memcpy(pk, fz_field_pk, 32);
	strcpy(label, "thon-dong-tam");
	return 1;
}

/* Open FILE as READER; decode it if it opens. */
static void
fz_open_decode(enum sync_kind kind, const unsigned char *file, size_t len,
    const unsigned char *reader)
{
	struct sync_opened o;
	json_t *root = NULL;
	char *cause = NULL;

	if (sync_open_lookup(kind, file, len, reader, fz_lookup, NULL, &o, &cause) == ERR_OK) {
		if (o.frame < o.inner || o.frame + o.h.comp_len > o.inner + o.inner_len)
			abort();
		if (sync_decode(&o, NULL, &root, &cause) == ERR_OK && root == NULL)
			abort();
		json_decref(root);
		sync_opened_free(&o);
	} else if (o.inner != NULL) {
		abort();
	}
	free(cause);
}

static void
fz_run(enum sync_kind kind, const uint8_t *data, size_t size)
{
	/* a bundle is read by the office; a pack by the field device */
	const unsigned char *reader_sk = kind == SYNC_BUNDLE ? fz_office_sk : fz_field_sk;
	const unsigned char *signer_sk = kind == SYNC_BUNDLE ? fz_field_sk : fz_office_sk;
	const unsigned char *rcpt = kind == SYNC_BUNDLE ? fz_office_pk : fz_field_pk;
	const char *label = kind == SYNC_BUNDLE ? "thon-dong-tam" : NULL;
	unsigned char *file;
	size_t flen;
	char *cause = NULL;
	int compact, by_fpr;

	fz_keys();
	if (size < 1)
		return;
	compact = kind == SYNC_BUNDLE && (data[0] & 8);
	by_fpr = compact && (data[0] & 16);
	switch (data[0] % 3) {
	case 0:
		fz_open_decode(kind, data + 1, size - 1, reader_sk);
		break;
	case 1:
		if (size < 5)
			return;
		if (compact ? sync_seal_compact_frame(signer_sk, rcpt, by_fpr, label, 1, 0, 0,
		    get32(data + 1), data + 5, size - 5, &file, &flen, &cause) != ERR_OK :
		    sync_seal_frame(kind, signer_sk, rcpt, data[0] & 4 && kind == SYNC_PACK ? 0 : 1,
		    label, 1, 0, get32(data + 1), data + 5, size - 5, &file, &flen, &cause) != ERR_OK)
			abort();
		fz_open_decode(kind, file, flen, reader_sk);
		free(file);
		break;
	default: {
		struct sync_opened o;
		json_t *root = NULL, *ref;
		unsigned char *back;
		size_t got;

		if (compact ? sync_seal_compact(signer_sk, rcpt, by_fpr, label, 1, 0, NULL, data + 1,
		    size - 1, &file, &flen, &cause) != ERR_OK : sync_seal(kind, signer_sk, rcpt, 1,
		    label, 1, 0, data + 1, size - 1, &file, &flen, &cause) != ERR_OK)
			abort();
		if (sync_open_lookup(kind, file, flen, reader_sk, fz_lookup, NULL, &o, &cause) !=
		    ERR_OK || o.h.plain_len != size - 1 || (compact && (o.h.by_fpr != by_fpr ||
		    strcmp(o.h.label, "thon-dong-tam") != 0)))
			abort();
		back = malloc(size);
		got = ZSTD_decompress(back, size, o.frame, o.h.comp_len);
		if (ZSTD_isError(got) || got != size - 1 || memcmp(back, data + 1, got) != 0)
			abort();
		free(back);
		/* what jansson accepts whole, the bounded decoder accepts too,
		 * unless nested too deep or too costly to hold */
		ref = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, NULL);
		if (sync_decode(&o, NULL, &root, &cause) == ERR_OK) {
			if (ref == NULL || !json_equal(ref, root))
				abort();
		} else if (ref != NULL && (cause == NULL || (strstr(cause, "lồng nhau") == NULL &&
		    strstr(cause, "bộ nhớ") == NULL))) {
			abort();	/* refused valid JSON for a reason other than a limit */
		}
		json_decref(ref);
		json_decref(root);
		sync_opened_free(&o);
		free(file);
		break;
	}
	}
	free(cause);
}

#endif

/*
 * fuzz-seal.h: shared by the bundle and pack reader targets. Fixed keys
 * (derived from fixed seeds) stand for the field device and the office.
 *
 * An input is used three ways, chosen by its first byte:
 *   0: as a file, exactly as given (what arrives on a USB stick);
 *   1: as a file re-signed by the field device key, so that the checks
 *      after the signature (recipient, sizes, decryption, decompression
 *      caps) see attacker-chosen headers and bodies;
 *   2: as a payload, sealed then opened: the round trip must give it back.
 */
#ifndef BAOCAO_FUZZ_SEAL_H
#define BAOCAO_FUZZ_SEAL_H

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static void
fz_run(enum sync_kind kind, const uint8_t *data, size_t size)
{
	const unsigned char *reader_sk;
	const unsigned char *signer_sk;
	struct sync_header h;
	char *payload = NULL, *cause = NULL;
	size_t plen;
	unsigned char *file;

	fz_keys();
	/* a bundle is read by the office; a pack by the field device */
	reader_sk = kind == SYNC_BUNDLE ? fz_office_sk : fz_field_sk;
	signer_sk = kind == SYNC_BUNDLE ? fz_field_sk : fz_office_sk;
	if (size < 1)
		return;
	switch (data[0] % 3) {
	case 0:
		if (sync_open(kind, data + 1, size - 1, reader_sk, &h, &payload, &plen, &cause) ==
		    ERR_OK && strlen(payload) > plen)
			abort();
		break;
	case 1:
		file = malloc(size);
		memcpy(file, data + 1, size - 1);
		if (size - 1 >= SYNC_HEADER_SIZE + SYNC_SIG_SIZE) {
			memcpy(file + 12, signer_sk + 32, 32);
			crypto_sign_detached(file + size - 1 - 64, NULL, file, size - 1 - 64, signer_sk);
		}
		if (sync_open(kind, file, size - 1, reader_sk, &h, &payload, &plen, &cause) ==
		    ERR_OK && plen > SYNC_MAX_PLAIN)
			abort();
		free(file);
		break;
	default: {
		size_t flen;
		if (sync_seal(kind, signer_sk, kind == SYNC_BUNDLE ? fz_office_pk : NULL, 1, 0,
		    data + 1, size - 1, &file, &flen, &cause) != ERR_OK)
			abort();
		if (sync_open(kind, file, flen, reader_sk, &h, &payload, &plen, &cause) != ERR_OK ||
		    plen != size - 1 || memcmp(payload, data + 1, plen) != 0)
			abort();
		free(file);
		break;
	}
	}
	free(payload);
	free(cause);
}

#endif

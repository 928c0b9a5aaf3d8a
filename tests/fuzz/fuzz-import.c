/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-import.c: libFuzzer target for the office's import of a bundle's
 * content (sync_import and everything under it: the JSON, each
 * submission's checks against its form, storing). The input, after its
 * first byte, is the bundle's payload (JSON lines: sync/FORMAT.md); it is sealed to the throwaway
 * office of fuzz-store.h and signed by:
 *   first byte even: the approved village device (imported at once);
 *   odd: a device the office has never seen (held), which is then
 *        approved, so that the held content is imported by sync_approve;
 *   bit 1 set: compressed with the office's dictionary (format 3);
 *   bit 2 set: format 4 (the approved device named by fingerprint, the
 *        stranger by its key and unit).
 * Whatever the content, the import must end in a result (imported, held,
 * refused), never a crash, a leak or a storage error.
 */
#include "fuzz-store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The stores are made once, before the first input and outside its
 * timeout: the office's pack makes its dictionary, which takes seconds
 * under the sanitizers. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_stores();
	return 0;
}

static struct sync_dict fz_dict;	/* the office's, made by its pack */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *file, spk[32], ssk[64], seed[32];
	size_t len;
	struct sync_result r;
	char *cause = NULL;
	int stranger, imported;
	enum err e;

	fz_stores();
	if (size < 1)
		return 0;
	stranger = data[0] & 1;
	if (stranger) {
		/* a new device each time, from a counter: deterministic */
		memset(seed, 0, sizeof seed);
		memcpy(seed, &fz_seq, sizeof fz_seq);
		crypto_sign_seed_keypair(spk, ssk, seed);
	}
	if (fz_dict.id == 0 && sync_dict_current(fz_office, &fz_dict, &cause) != ERR_OK)
		fz_die("dictionary", cause);
	if (data[0] & 4 ? sync_seal_compact(stranger ? ssk : fz_field_sk, fz_office_pk, !stranger,
	    FZ_UNIT, fz_seq++, 1790000000, data[0] & 2 ? &fz_dict : NULL, data + 1, size - 1, &file,
	    &len, &cause) != ERR_OK : sync_seal_dict(SYNC_BUNDLE, stranger ? ssk : fz_field_sk,
	    fz_office_pk, 1, FZ_UNIT, fz_seq++, 1790000000, data[0] & 2 ? &fz_dict : NULL, data + 1,
	    size - 1, &file, &len, &cause) != ERR_OK)
		fz_die("seal", cause);
	e = sync_import(fz_office, &fz_forms, file, len, &r, &cause);
	if (e != ERR_OK)
		fz_die("import", cause);
	if (stranger && r.outcome != SYNC_HELD)
		fz_die("a stranger's bundle not held", cause);
	if (!stranger && r.outcome == SYNC_HELD)
		fz_die("the approved device's bundle held", cause);
	free(cause);
	cause = NULL;
	if (stranger) {
		char fpr[STORE_FPR_LEN + 1];
		store_fingerprint(spk, fpr);
		if (sync_approve(fz_office, fpr, &imported, &cause) != ERR_OK)
			fz_die("approve", cause);
	}
	sync_result_free(&r);
	free(file);
	free(cause);
	return 0;
}

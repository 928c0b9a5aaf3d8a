/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-apply.c: libFuzzer target for a field installation applying an
 * office pack's content (sync_apply and everything under it: the JSON,
 * form definitions installed, the calendar, the roster, receipts). The
 * input, after its first byte, is the pack's payload, signed by the
 * throwaway office of fuzz-store.h (so it is trusted) with a sequence
 * number above every earlier one; first byte even: sealed to the village's
 * device; odd: an open pack. Whatever the content, applying it must end
 * in a result or a clear error, never a crash or a leak.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sync_applied r;
	unsigned char *file;
	size_t len;
	char *cause = NULL;
	enum err e;

	fz_stores();
	if (size < 1)
		return 0;
	if (sync_seal(SYNC_PACK, fz_office_sk, fz_field_pk, data[0] & 1 ? 0 : 1, NULL, fz_seq++,
	    1790000000, data + 1, size - 1, &file, &len, &cause) != ERR_OK)
		fz_die("seal", cause);
	e = sync_apply(fz_field, file, len, 0, &r, &cause);
	/* storage failing would be ours: ERR_IO, ERR_FULL, ERR_BUSY */
	if (e == ERR_IO || e == ERR_FULL || e == ERR_BUSY)
		fz_die("apply", cause);
	if (e != ERR_OK && (cause == NULL || *cause == '\0'))
		fz_die("an error without a reason", NULL);
	free(file);
	free(cause);
	return 0;
}

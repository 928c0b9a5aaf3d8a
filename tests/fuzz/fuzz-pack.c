/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-pack.c: libFuzzer target for the office pack reader (see fuzz-seal.h).
 */
#include "fuzz-seal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_run(SYNC_PACK, data, size);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build.c: which kind of binary this is, linked in at the last step.
 *
 * Compiled twice from this one file: without -DBAOCAO_TEST_BUILD into the
 * release binary (./baocao, the benchmarks), with it into the test binary
 * (baocao-test), the unit tests and the ASan build. Only test builds take
 * the test-only switches (store_kdf_env: BAOCAO_KDF=test). One small object
 * instead of a second build of the whole tree keeps `make check` as fast as
 * it was. Not in libstorage.a: every program links exactly one of the two.
 */
#include "../store-key.h"

#ifdef BAOCAO_TEST_BUILD
const int store_test_build = 1;
#else
const int store_test_build = 0;
#endif

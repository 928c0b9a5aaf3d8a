/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-store.h: a throwaway office and field installation for the targets
 * that reach the import and apply code (fuzz-import, fuzz-apply). Made once
 * per process in a temporary folder (removed at exit): the office with the
 * built-in catalogue and one village on its roster, the village set up
 * from the office's pack, its device approved. The targets then seal
 * fuzzed content with the real keys of these installations, so that every
 * check of the container passes and the JSON reaches sync_import and
 * sync_apply.
 *
 * The stores keep what earlier inputs imported (a crash may need the inputs
 * before it: libFuzzer keeps them in its corpus).
 */
#ifndef BAOCAO_FUZZ_STORE_H
#define BAOCAO_FUZZ_STORE_H

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/mem.h"
#include "../../forms/form-install.h"
#include "../../storage/store.h"
#include "../../storage/store-inst.h"
#include "../../storage/store-key.h"
#include "../../storage/store-sync.h"
#include "../../sync/sync-seal.h"
#include "../../sync/sync-setup.h"
#include "../../sync/sync.h"

#define FZ_PASS "fuzz passphrase"
#define FZ_UNIT "thon-dong-tam"

static struct store *fz_office, *fz_field;
static struct form_set fz_forms;
static unsigned char fz_office_pk[32], *fz_office_sk, fz_field_pk[32], *fz_field_sk;
static char fz_dir[64];
static uint64_t fz_seq = 1000;

static void
fz_die(const char *what, char *cause)
{
	fprintf(stderr, "fuzz-store: %s: %s\n", what, cause ? cause : "?");
	abort();
}

static void
fz_cleanup(void)
{
	char cmd[128];

	form_set_free(&fz_forms);
	store_secret_free(fz_office_sk);
	store_secret_free(fz_field_sk);
	store_close(fz_office);
	store_close(fz_field);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fz_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz-store: could not remove %s\n", fz_dir);
}

static void
fz_stores(void)
{
	struct setup_request rq = { 0 };
	struct store_install in;
	unsigned char *pack;
	size_t plen;
	char *path, *cause = NULL, fpr[STORE_FPR_LEN + 1];
	int n;

	if (fz_office != NULL)
		return;
	if (sodium_init() < 0)
		abort();
	snprintf(fz_dir, sizeof fz_dir, "%s", "/tmp/baocao-fuzz-XXXXXX");
	if (mkdtemp(fz_dir) == NULL)
		fz_die("mkdtemp", NULL);
	atexit(fz_cleanup);
	rq.kdf = &STORE_KDF_TEST;
	rq.role = STORE_ROLE_OFFICE;
	rq.commune = "Ngọc Lặc";
	path = xasprintf("%s/o.db", fz_dir);
	if (sync_setup(path, FZ_PASS, &rq, &fz_office, &n, &cause) != ERR_OK)
		fz_die("office", cause);
	free(path);
	if (store_unit_add(fz_office, FZ_UNIT, "thon", "Thôn Đồng Tâm", NULL, &cause) != ERR_OK ||
	    sync_pack(fz_office, &pack, &plen, &cause) != ERR_OK)
		fz_die("pack", cause);
	memset(&rq, 0, sizeof rq);
	rq.kdf = &STORE_KDF_TEST;
	rq.role = STORE_ROLE_FIELD;
	rq.unit = FZ_UNIT;
	rq.pack = pack;
	rq.packlen = plen;
	path = xasprintf("%s/a.db", fz_dir);
	if (sync_setup(path, FZ_PASS, &rq, &fz_field, &n, &cause) != ERR_OK)
		fz_die("field", cause);
	free(path);
	free(pack);
	if (store_install_get(fz_office, &in, &cause) != ERR_OK)
		fz_die("office key", cause);
	memcpy(fz_office_pk, in.device_pk, 32);
	store_install_free(&in);
	if (store_install_get(fz_field, &in, &cause) != ERR_OK)
		fz_die("field key", cause);
	memcpy(fz_field_pk, in.device_pk, 32);
	store_install_free(&in);
	if (store_install_secret(fz_office, &fz_office_sk, &cause) != ERR_OK ||
	    store_install_secret(fz_field, &fz_field_sk, &cause) != ERR_OK)
		fz_die("secrets", cause);
	/* the village's device, approved at the office */
	store_fingerprint(fz_field_pk, fpr);
	if (store_begin(fz_office, &cause) != ERR_OK ||
	    store_device_seen(fz_office, fz_field_pk, FZ_UNIT, &cause) != ERR_OK ||
	    store_device_decide(fz_office, fpr, "approved", &cause) != ERR_OK ||
	    store_commit(fz_office, &cause) != ERR_OK)
		fz_die("approve", cause);
	if (form_set_load(fz_office, &fz_forms, &cause) != ERR_OK)
		fz_die("forms", cause);
}

#endif

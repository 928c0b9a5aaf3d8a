/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-keys.c: `baocao keys` — this installation's key, the office's key a
 * field installation trusts, and the keys it replaced;
 * `baocao keys rotate` — replace this installation's key (sync_keys_rotate):
 * the new key is signed by the old one and travels in the next file (the
 * office: its next pack, which field installations check and then trust;
 * a field installation: its next bundle, which the office checks and
 * approves in the old key's place).
 */
#include "cli.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"
#include "../sync/sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmd_keys_exec(struct cli *cli, int argc, char **argv)
{
	const char *sub = NULL;
	struct store_install in;
	struct store_key_link *l = NULL;
	struct store *st;
	unsigned char pk[32];
	char fpr[STORE_FPR_LEN + 1], a[STORE_FPR_LEN + 1], b[STORE_FPR_LEN + 1];
	char *cause = NULL;
	size_t n = 0;
	int c, known = 0;
	enum err e;

	if (argc > 1 && argv[1][0] != '-') {
		sub = argv[1];
		argv++;
		argc--;
	}
	while ((c = cli_getopt(cli, argc, argv, NULL)) != -1) {
		if (c == 'h') {
			cli_usage(&cmd_keys_entry, 0);
			return 0;
		}
		cli_usage(&cmd_keys_entry, 1);
		return 2;
	}
	if (optind != argc || (sub != NULL && strcmp(sub, "rotate") != 0)) {
		cli_usage(&cmd_keys_entry, 1);
		return 2;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK && sub != NULL) {
		store_fingerprint(in.device_pk, a);
		e = sync_keys_rotate(st, fpr, &cause);
		if (e == ERR_OK) {
			printf(TR("Đã đổi khoá của máy này: %s (thay %s).\n",
			    "This installation's key changed: %s (replacing %s).\n"), fpr, a);
			printf("%s\n", in.role == STORE_ROLE_OFFICE ?
			    TR("Khoá mới đi cùng gói tiếp theo ('baocao pack'): các đơn vị kiểm tra "
			    "chữ ký của khoá cũ rồi chuyển sang khoá mới khi áp dụng gói.",
			    "The new key travels in the next pack ('baocao pack'): units check the "
			    "old key's signature on it and switch when they apply the pack.") :
			    TR("Khoá mới đi cùng tệp báo cáo tiếp theo ('baocao export'): văn phòng "
			    "kiểm tra chữ ký của khoá cũ rồi dùng khoá mới.", "The new key travels "
			    "in the next bundle ('baocao export'): the office checks the old key's "
			    "signature on it and switches."));
		}
		store_install_free(&in);
		store_close(st);
		if (e != ERR_OK) {
			c = cli_fail(e, cause);
			free(cause);
			return c;
		}
		return 0;
	}
	if (e == ERR_OK && in.role == STORE_ROLE_FIELD)
		e = store_office_key(st, pk, &known, &cause);
	if (e == ERR_OK)
		e = store_key_chain(st, &l, &n, &cause);
	store_close(st);
	if (e != ERR_OK) {
		if (e != ERR_NOTFOUND)
			store_install_free(&in);
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	cli_row(TR("Mã thiết bị:", "Device fingerprint:"), "%s", in.fingerprint);
	if (known) {
		store_fingerprint(pk, fpr);
		cli_row(TR("Mã văn phòng:", "Office fingerprint:"), "%s (%s)", fpr, in.commune);
	}
	for (size_t i = 0; i < n; i++) {
		store_fingerprint(l[i].old_pk, a);
		store_fingerprint(l[i].new_pk, b);
		cli_row(i == 0 ? TR("Khoá đã thay:", "Keys replaced:") : "", "%s -> %s", a, b);
	}
	free(l);
	store_install_free(&in);
	return 0;
}

const struct cmd_entry cmd_keys_entry = {
	"keys", "keys | keys rotate",
	"Khoá của máy này (và của văn phòng mà máy tin); rotate: đổi khoá mới, do khoá cũ ký, "
	"gửi kèm tệp tiếp theo.",
	"This installation's key (and the office's it trusts); rotate: a new key, signed by the "
	"old one, sent with the next file.",
	cmd_keys_exec,
};

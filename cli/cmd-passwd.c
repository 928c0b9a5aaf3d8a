/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-passwd.c: `baocao passwd [--rekey]`: change the passphrase. Plain
 * passwd rewraps the master key (instant; no page rewritten). --rekey also
 * re-encrypts every page under a new master key (store_reencrypt), for a
 * passphrase that leaked together with a copy of the file: the old
 * passphrase and that copy's key then open nothing of the new file.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmd_passwd_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rekey", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct store *st;
	char *cause = NULL, *pass;
	enum err e;
	int c, rekey = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (c == 'r') {
			rekey = 1;
			continue;
		}
		if (c == 'h') {
			cli_usage(&cmd_passwd_entry, 0);
			return 0;
		}
		cli_usage(&cmd_passwd_entry, 1);
		return 2;
	}
	if (optind != argc) {
		cli_usage(&cmd_passwd_entry, 1);
		return 2;
	}
	cli->changing_key = 1; /* no advice to run passwd while it runs */
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	pass = cli_passphrase("BAOCAO_NEW_PASSPHRASE", TR("Mật khẩu mới: ", "New passphrase: "),
	    1, &cause);
	if (pass != NULL && strlen(pass) < 8) {
		cli_passphrase_free(pass);
		pass = NULL;
		err_set(&cause, ERR_INVALID, TR("mật khẩu phải có ít nhất %d ký tự",
		    "the passphrase must have at least %d characters"), 8);
	}
	if (pass != NULL && rekey)
		e = store_reencrypt(st, pass, cli_kdf(), &cause);
	else
		e = pass ? store_rekey(st, pass, cli_kdf(), &cause) : ERR_INVALID;
	cli_passphrase_free(pass);
	store_close(st);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	printf("%s\n", rekey ? TR("Đã đổi mật khẩu và mã hoá lại mọi trang bằng khoá mới.",
	    "Passphrase changed and every page re-encrypted under a new key.") :
	    TR("Đã đổi mật khẩu.", "Passphrase changed."));
	return 0;
}

const struct cmd_entry cmd_passwd_entry = {
	"passwd",
	"passwd [--rekey]",
	"Đổi mật khẩu (mật khẩu mới lấy từ BAOCAO_NEW_PASSPHRASE hoặc hỏi hai lần). "
	"--rekey: mã hoá lại mọi trang bằng khoá chính mới, khi mật khẩu cũ bị lộ cùng "
	"một bản sao của tệp.",
	"Change the passphrase (the new one from BAOCAO_NEW_PASSPHRASE or asked twice). "
	"--rekey: also re-encrypt every page under a new master key, for a passphrase "
	"that leaked along with a copy of the file.",
	cmd_passwd_exec,
};

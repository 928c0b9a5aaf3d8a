/*
 * cmd-passwd.c: `baocao passwd`: change the passphrase. The master key is
 * rewrapped; no page of the database is rewritten.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmd_passwd_exec(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	char *cause = NULL, *pass;
	enum err e;
	int c;

	while ((c = cli_getopt(cli, argc, argv, NULL)) != -1) {
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
	e = pass ? store_rekey(st, pass, cli_kdf(), &cause) : ERR_INVALID;
	cli_passphrase_free(pass);
	store_close(st);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	printf("%s\n", TR("Đã đổi mật khẩu.", "Passphrase changed."));
	return 0;
}

const struct cmd_entry cmd_passwd_entry = {
	"passwd",
	"passwd",
	"Đổi mật khẩu (mật khẩu mới lấy từ BAOCAO_NEW_PASSPHRASE hoặc hỏi hai lần).",
	"Change the passphrase (the new one from BAOCAO_NEW_PASSPHRASE or asked twice).",
	cmd_passwd_exec,
};

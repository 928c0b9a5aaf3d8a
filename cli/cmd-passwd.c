/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-passwd.c: `baocao passwd [--rekey] [--kdf-memory SIZE]`: change the
 * passphrase. Plain passwd rewraps the master key (instant; no page
 * rewritten). --rekey also re-encrypts every page under a new master key
 * (store_reencrypt), for a passphrase that leaked together with a copy of the
 * file: the old passphrase and that copy's key then open nothing of the new
 * file. The new wrap costs what setup would choose on this machine
 * (store_kdf_machine), or the memory --kdf-memory names: less for a file
 * that must open on a smaller machine, more for a larger one.
 */
#include "cli.h"
#include "../core/text.h"
#include "../storage/store-key.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --kdf-memory: a whole number of KiB, MiB or GiB ("64M", "512MiB", "1G",
 * "65536K"; a bare number is MiB), from STORE_KDF_FLOOR's memory to
 * STORE_KDF_MAX_MEM (the most a slot may ask for and still open). 0 and
 * *kdf set (the default passes), or the exit status after the message. */
static int
parse_kdf_memory(const char *s, struct store_kdf *kdf)
{
	unsigned long long v, shift = 20;
	char *end;

	errno = 0;
	v = isdigit((unsigned char)s[0]) ? strtoull(s, &end, 10) : 0;
	if (v != 0 && errno == 0) {
		const char *units = "KkMmGg", *u = *end ? strchr(units, *end) : NULL;
		if (u != NULL) {
			shift = (unsigned long long)(10 + 10 * ((u - units) / 2));
			end++;
			if (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0)
				end += strlen(end);
		}
	}
	if (v == 0 || errno != 0 || *end != '\0' || v > (STORE_KDF_MAX_MEM >> shift) ||
	    (v << shift) < STORE_KDF_FLOOR.memlimit)
		return cli_failf(ERR_INVALID, TR("--kdf-memory '%s': cần một cỡ từ %zu MiB đến "
		    "%zu MiB, ví dụ 64M, 256M, 1G", "--kdf-memory '%s': give a size from %zu MiB "
		    "to %zu MiB, such as 64M, 256M, 1G"), text_quote(s), STORE_KDF_FLOOR.memlimit >> 20,
		    STORE_KDF_MAX_MEM >> 20);
	kdf->opslimit = STORE_KDF_DEFAULT.opslimit;
	kdf->memlimit = (size_t)(v << shift);
	return 0;
}

static int
cmd_passwd_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rekey", no_argument, NULL, 'r' },
		{ "kdf-memory", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_kdf chosen;
	const struct store_kdf *kdf = cli_kdf();
	struct store *st;
	char *cause = NULL, *pass;
	enum err e;
	int c, rekey = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (c == 'r') {
			rekey = 1;
			continue;
		}
		if (c == 'm') {
			if ((c = parse_kdf_memory(optarg, &chosen)) != 0)
				return c;
			kdf = &chosen;
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
		e = store_reencrypt(st, pass, kdf, &cause);
	else
		e = pass ? store_rekey(st, pass, kdf, &cause) : ERR_INVALID;
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
	if (kdf != &chosen)	/* not the one --kdf-memory named */
		cli_said_key_cost(kdf);
	return 0;
}

const struct cmd_entry cmd_passwd_entry = {
	"passwd",
	"passwd [--rekey] [--kdf-memory CỠ]",
	"Đổi mật khẩu (mật khẩu mới lấy từ BAOCAO_NEW_PASSPHRASE hoặc hỏi hai lần). "
	"--rekey: mã hoá lại mọi trang bằng khoá chính mới, khi mật khẩu cũ bị lộ cùng "
	"một bản sao của tệp. --kdf-memory: bộ nhớ Argon2id cần để mở khoá (64M đến 1G; "
	"mặc định: một phần tư bộ nhớ máy này, tối đa 256M), nhỏ hơn cho tệp phải mở "
	"trên máy ít bộ nhớ.",
	"Change the passphrase (the new one from BAOCAO_NEW_PASSPHRASE or asked twice). "
	"--rekey: also re-encrypt every page under a new master key, for a passphrase "
	"that leaked along with a copy of the file. --kdf-memory: the memory Argon2id "
	"needs to unlock (64M to 1G; default: a quarter of this machine's memory, at "
	"most 256M), less for a file that must open on a smaller machine.",
	cmd_passwd_exec,
};

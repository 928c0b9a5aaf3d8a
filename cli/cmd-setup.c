/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-setup.c: `baocao setup office --commune NAME` and
 * `baocao setup field --unit ID [--commune NAME] [--kind K --name N]`.
 *
 * Makes a new encrypted database (never over an existing one), asks for the
 * passphrase twice, records the role and makes the device key pair. With a
 * pack, the office's name and fingerprint are confirmed first
 * (--office-fingerprint, or a question on the terminal).
 */
#include "cli.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"
#include "../sync/sync-setup.h"
#include "../core/mem.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * A field installation trusts the key that signed its first pack for good:
 * a person compares the office's name and fingerprint with the office's
 * screen first. EXPECTED (--office-fingerprint, for scripts) must match;
 * without it the question is asked on the terminal, and without a terminal
 * the setup is refused, saying how to give it.
 */
static enum err
confirm_office(const char *pack, const unsigned char *data, size_t len, const char *expected,
    char **cause)
{
	char fpr[STORE_FPR_LEN + 1], want[STORE_FPR_LEN + 1], *commune = NULL, answer[16];
	enum err e = sync_pack_office(data, len, fpr, &commune, cause);

	if (e != ERR_OK) {
		err_where(cause, "%s", pack);
		return e;
	}
	if (expected != NULL) {
		if (!store_fpr_normal(expected, want))
			e = err_set(cause, ERR_INVALID, TR("--office-fingerprint '%s' không hợp lệ "
			    "(dạng XXXX-XXXX-XXXX-XXXX)", "--office-fingerprint '%s' is not valid "
			    "(XXXX-XXXX-XXXX-XXXX)"), text_quote(expected));
		else if (strcmp(want, fpr) != 0)
			e = err_set_at(cause, ERR_CORRUPT, pack, TR("gói do khoá %s (%s) ký, không phải %s: "
			    "không cài; hỏi lại văn phòng", "the pack is signed by key %s (%s), "
			    "not %s: not set up; ask the office"), fpr, commune, want);
		free(commune);
		return e;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		e = err_set(cause, ERR_INVALID, TR("cần xác nhận mã văn phòng %s (%s): "
		    "chạy trong terminal, hoặc thêm --office-fingerprint MÃ sau khi so với mã "
		    "trên màn hình văn phòng ('baocao status')" ERR_WHERE_SEP "setup field", "the office's "
		    "fingerprint %s (%s) must be confirmed: run in a terminal, or add "
		    "--office-fingerprint FINGERPRINT after comparing it with the office's screen "
		    "('baocao status')" ERR_WHERE_SEP "setup field"), fpr, commune);
		free(commune);
		return e;
	}
	printf(TR("Văn phòng: %s\nMã văn phòng: %s\nSo với mã trên màn hình của văn phòng "
	    "('baocao status'). Đúng không? (c/k) ", "Office: %s\nOffice fingerprint: %s\n"
	    "Compare it with the office's screen ('baocao status'). Is it the same? (y/n) "),
	    commune, fpr);
	fflush(stdout);
	if (fgets(answer, sizeof answer, stdin) == NULL || (answer[0] != 'c' &&
	    answer[0] != 'C' && answer[0] != 'y' && answer[0] != 'Y'))
		e = err_set(cause, ERR_INVALID, "%s", TR("mã văn phòng chưa được xác "
		    "nhận; không cài gì" ERR_WHERE_SEP "setup field", "the office's fingerprint was not "
		    "confirmed; nothing set up" ERR_WHERE_SEP "setup field"));
	free(commune);
	return e;
}

/* The units setup put on the roster, and how to change them (issue #14). */
static void
setup_said_units(struct store *st)
{
	struct store_unit *u;
	size_t n;
	char *cause = NULL;

	if (store_unit_list(st, NULL, &u, &n, &cause) != ERR_OK) {
		free(cause);
		return;
	}
	for (size_t i = 0; i < n; i++)
		printf(TR("Đã thêm đơn vị %s (loại %s): \"%s\" — văn phòng nhập các báo cáo của "
		    "mình dưới tên này.\n  Đổi tên: baocao units rename --id %s --name \"TÊN MỚI\"\n"
		    "  Bỏ đi:   baocao units remove --id %s\n", "Added unit %s (kind %s): \"%s\" — "
		    "the office files its own reports under it.\n  Rename: baocao units rename --id %s "
		    "--name \"NEW NAME\"\n  Remove: baocao units remove --id %s\n"), u[i].id, u[i].kind,
		    u[i].name, u[i].id, u[i].id);
	store_unit_free(u, n);
}

static int
cmd_setup_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "commune", required_argument, NULL, 'c' },
		{ "unit", required_argument, NULL, 'u' },
		{ "kind", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'n' },
		{ "pack", required_argument, NULL, 'p' },
		{ "office-fingerprint", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	const char *commune = NULL, *unit = NULL, *kind = NULL, *name = NULL, *role;
	const char *pack = NULL, *office_fpr = NULL;
	unsigned char *packdata = NULL;
	size_t packlen = 0;
	enum store_role r;
	struct store *st = NULL;
	struct store_install in;
	char *cause = NULL, *pass;
	enum err e;
	int c, nforms = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'c': commune = optarg; break;
		case 'p': pack = optarg; break;
		case 'u': unit = optarg; break;
		case 'k': kind = optarg; break;
		case 'n': name = optarg; break;
		case 'O': office_fpr = optarg; break;
		case 'h': cli_usage(&cmd_setup_entry, 0); return 0;
		default: cli_usage(&cmd_setup_entry, 1); return 2;
		}
	}
	if (optind != argc - 1) {
		cli_usage(&cmd_setup_entry, 1);
		return 2;
	}
	role = argv[optind];
	if (strcmp(role, "office") == 0) {
		r = STORE_ROLE_OFFICE;
		if (commune == NULL)
			return cli_fail(ERR_INVALID, TR("thiếu --commune TÊN-XÃ" ERR_WHERE_SEP "setup office",
			    "--commune NAME is missing" ERR_WHERE_SEP "setup office"));
		if (unit != NULL)
			return cli_fail(ERR_INVALID, TR("--unit chỉ dành cho máy "
			    "đơn vị (setup field)" ERR_WHERE_SEP "setup office", "--unit is for field installations" ERR_WHERE_SEP "setup office"));
	} else if (strcmp(role, "field") == 0) {
		r = STORE_ROLE_FIELD;
		if (unit == NULL)
			return cli_fail(ERR_INVALID, TR("thiếu --unit MÃ-ĐƠN-VỊ" ERR_WHERE_SEP "setup field",
			    "--unit ID is missing" ERR_WHERE_SEP "setup field"));
		if ((kind == NULL) != (name == NULL))
			return cli_fail(ERR_INVALID, TR("--kind và --name phải đi cùng "
			    "nhau" ERR_WHERE_SEP "setup field", "--kind and --name go together" ERR_WHERE_SEP "setup field"));
	} else
		return cli_failf(ERR_INVALID, TR("vai trò '%s' không có; chọn office "
		    "hoặc field" ERR_WHERE_SEP "setup", "no role '%s'; choose office or field" ERR_WHERE_SEP "setup"), text_quote(role));

	if (pack != NULL && r != STORE_ROLE_FIELD)
		return cli_fail(ERR_INVALID, TR("--pack chỉ dành cho máy đơn vị" ERR_WHERE_SEP "setup office",
		    "--pack is for field installations" ERR_WHERE_SEP "setup office"));
	if (pack != NULL && kind != NULL)
		return cli_fail(ERR_INVALID, TR("với --pack, loại và tên đơn vị lấy "
		    "từ gói; bỏ --kind, --name" ERR_WHERE_SEP "setup field", "with --pack the unit's kind and name "
		    "come from the pack; drop --kind and --name" ERR_WHERE_SEP "setup field"));
	/* Read the pack first: a missing file must not leave a database behind. */
	if (pack != NULL && (e = file_read(pack, SYNC_MAX_FILE, &packdata, &packlen,
	    &cause)) != ERR_OK)
		goto fail;
	if (pack != NULL && (e = confirm_office(pack, packdata, packlen, office_fpr,
	    &cause)) != ERR_OK)
		goto fail;
	if (office_fpr != NULL && pack == NULL) {
		free(packdata);
		return cli_fail(ERR_INVALID, TR("--office-fingerprint đi cùng --pack" ERR_WHERE_SEP "setup",
		    "--office-fingerprint goes with --pack" ERR_WHERE_SEP "setup"));
	}
	if (access(cli->db, F_OK) == 0) {
		free(packdata);
		return cli_failf_at(ERR_EXISTS, cli->db, TR("đã có cơ sở dữ liệu ở đây; không ghi đè",
		    "a database exists here already; not overwriting it"));
	}
	if (cli_make_parent(cli->db, &cause) != ERR_OK)
		goto fail_io;
	pass = cli_passphrase("BAOCAO_PASSPHRASE", TR("Mật khẩu mới: ", "New passphrase: "), 1,
	    &cause);
	if (pass == NULL)
		goto fail_io;
	{
		struct setup_request rq = { r, commune, unit, kind, name, packdata, packlen, pack,
		    cli_kdf() };
		e = sync_setup(cli->db, pass, &rq, &st, &nforms, &cause);
	}
	cli_passphrase_free(pass);
	if (e == ERR_OK) {
		e = store_install_get(st, &in, &cause);
		if (e != ERR_OK)
			store_close(st);
	}
	if (e != ERR_OK)
		goto fail;
	printf(TR("Đã tạo %s (%s).\nMã thiết bị: %s\nĐã cài %d biểu mẫu.\n",
	    "Created %s (%s).\nDevice fingerprint: %s\nInstalled %d forms.\n"),
	    cli->db, r == STORE_ROLE_OFFICE ? TR("văn phòng xã", "commune office") :
	    TR("đơn vị", "field unit"), in.fingerprint, nforms);
	cli_said_key_cost(cli_kdf());
	if (r == STORE_ROLE_OFFICE)
		setup_said_units(st);
	store_install_free(&in);
	store_close(st);
	free(packdata);
	return 0;
fail_io:
	e = ERR_INVALID;
fail:
	c = cli_fail(e, cause);
	free(cause);
	free(packdata);
	return c;
}

const struct cmd_entry cmd_setup_entry = {
	"setup",
	"setup office --commune TÊN | setup field --unit MÃ --pack TỆP [--office-fingerprint "
	"MÃ-THIẾT-BỊ] | setup field --unit MÃ [--commune TÊN] [--kind LOẠI --name TÊN]",
	"Tạo cơ sở dữ liệu mã hoá mới cho văn phòng xã hoặc cho một đơn vị.",
	"Make a new encrypted database for the commune office or for a field unit.",
	cmd_setup_exec,
};

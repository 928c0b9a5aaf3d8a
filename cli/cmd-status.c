/*
 * cmd-status.c: `baocao status`: what this installation is and what it holds.
 */
#include "cli.h"
#include "../storage/store-inst.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static int
cmd_status_exec(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	struct store_install in;
	struct store_counts n;
	char *cause = NULL;
	enum err e;
	int c;

	while ((c = cli_getopt(cli, argc, argv, NULL)) != -1) {
		if (c == 'h') {
			cli_usage(&cmd_status_entry, 0);
			return 0;
		}
		cli_usage(&cmd_status_entry, 1);
		return 2;
	}
	if (optind != argc) {
		cli_usage(&cmd_status_entry, 1);
		return 2;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK) {
		e = store_counts_get(st, &n, &cause);
		if (e != ERR_OK)
			store_install_free(&in);
	}
	if (e != ERR_OK) {
		store_close(st);
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	cli_row(TR("Cơ sở dữ liệu:", "Database:"), "%s", cli->db);
	cli_row(TR("Vai trò:", "Role:"), "%s", in.role == STORE_ROLE_OFFICE ?
	    TR("văn phòng xã (office)", "commune office (office)") :
	    TR("đơn vị (field)", "field unit (field)"));
	if (in.commune[0] != '\0')
		cli_row(TR("Xã:", "Commune:"), "%s", in.commune);
	if (in.unit_id != NULL)
		cli_row(TR("Đơn vị:", "Unit:"), "%s", in.unit_id);
	cli_row(TR("Mã thiết bị:", "Device fingerprint:"), "%s", in.fingerprint);
	cli_row(TR("Đơn vị trong danh sách:", "Units on the roster:"), "%d", n.units);
	cli_row(TR("Biểu mẫu:", "Forms:"), "%d", n.forms);
	cli_row(TR("Báo cáo:", "Submissions:"), TR("%d (nháp %d, hoàn tất %d, đã duyệt %d, "
	    "bị trả lại %d)", "%d (draft %d, final %d, approved %d, returned %d)"),
	    n.submissions, n.drafts, n.finals, n.approved, n.returned);
	if (in.role == STORE_ROLE_OFFICE)
		cli_row(TR("Thiết bị:", "Devices:"), TR("%d (chờ duyệt %d)",
		    "%d (awaiting approval %d)"), n.devices, n.devices_pending);
	cli_row(TR("Nhật ký:", "Audit log entries:"), "%d", n.audit);
	store_install_free(&in);
	store_close(st);
	return 0;
}

const struct cmd_entry cmd_status_entry = {
	"status",
	"status",
	"Cho biết vai trò, xã hoặc đơn vị, mã thiết bị và số liệu đang lưu.",
	"Show the role, commune or unit, device fingerprint and what is stored.",
	cmd_status_exec,
};

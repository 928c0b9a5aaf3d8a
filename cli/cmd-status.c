/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-status.c: `baocao status [--period P | --all] [--format text|tsv]`:
 * what this installation is and what it holds; at the office, who has
 * reported, who is late, who is missing (office/office-status.c), with
 * counts per unit and per form. Without --period: each report's last due
 * period, and every earlier one a unit still owes — the text the latest
 * OFFICE_OWED_SHOWN per report and unit and "… và N kỳ khác" (--all: all
 * of them); TSV always all of them.
 *
 * TSV (office), one row per form, period and unit, overdue first:
 *   form  period  unit  state  late-minutes  deadline  submitted  overdue-rows
 * overdue-rows: the STT of the plan's rows the unit leads that are overdue,
 * comma-separated ("37,43"), empty if none.
 * With --period, a plan whose validity the period falls outside is said,
 * one line each (TSV: on stderr, the table stays a table).
 */
#include "cli.h"
#include "../office/office-status.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"
#include "../sync/sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Field: what the office sent back, with its reason, to fix and send again. */
static int
returned_list(struct store *st, const char *unit)
{
	struct store_sub *subs;
	size_t n, shown = 0;
	char *cause = NULL;
	enum err e = store_sub_list(st, unit, &subs, &n, &cause);

	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(subs[i].status, "returned") != 0)
			continue;
		if (shown++ == 0)
			printf("\n%s\n", TR("Văn phòng trả lại (sửa rồi gửi lại):",
			    "Returned by the office (fix and send again):"));
		cli_cell(subs[i].form_id, 26);
		cli_cell(subs[i].period, 11);
		printf("%s\n", subs[i].status_reason ? subs[i].status_reason : "");
	}
	store_sub_free(subs, n);
	return 0;
}

/* Office: what its checks held back at import, with the reason. */
static int
held_list(struct store *st)
{
	struct store_held_sub *h;
	size_t n;
	char *cause = NULL;
	enum err e = store_held_list(st, &h, &n, &cause);

	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	if (n > 0)
		printf("\n%s\n", TR("Giữ lại khi nhập, chưa tính là đã nộp (đơn vị sửa rồi gửi lại):",
		    "Held back at import, not counted as reported (the unit fixes and sends again):"));
	for (size_t i = 0; i < n; i++) {
		cli_cell(h[i].form_id, 26);
		cli_cell(h[i].period, 11);
		cli_cell(h[i].unit_id, 20);
		printf("%s\n", h[i].reason);
	}
	store_held_free(h, n);
	return 0;
}

/* Field: the office this installation trusts, by name and fingerprint. */
static int
office_line(struct store *st, const char *commune)
{
	unsigned char pk[32];
	char fpr[STORE_FPR_LEN + 1], *cause = NULL;
	int known;
	enum err e = store_office_key(st, pk, &known, &cause);

	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	if (!known) {
		cli_row(TR("Văn phòng:", "Office:"), "%s", TR("chưa có (hãy áp dụng gói của văn "
		    "phòng)", "none yet (apply the office's pack)"));
		return 0;
	}
	store_fingerprint(pk, fpr);
	cli_row(TR("Mã văn phòng:", "Office fingerprint:"), "%s (%s)", fpr, commune);
	if (sync_revoked(st, &known, &cause) != ERR_OK) {
		int rc = cli_fail(ERR_IO, cause);
		free(cause);
		return rc;
	}
	if (known)
		cli_row(TR("Thiết bị:", "Device:"), "%s", TR("ĐÃ BỊ VĂN PHÒNG THU HỒI: không xuất "
		    "báo cáo được; liên hệ văn phòng xã", "REVOKED BY THE OFFICE: cannot export; "
		    "contact the commune office"));
	return 0;
}

/* Field: the unit by its name, the id in brackets (what commands take:
 * `--unit`); the id alone if the roster here does not name it. 0, or the
 * exit status. */
static int
unit_line(struct store *st, const char *id)
{
	struct store_unit *u;
	size_t n;
	char *cause = NULL;
	const char *name = NULL;
	enum err e = store_unit_list(st, NULL, &u, &n, &cause);

	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].id, id) == 0)
			name = u[i].name;
	if (name != NULL && strcmp(name, id) != 0)
		cli_row(TR("Đơn vị:", "Unit:"), "%s (%s)", name, id);
	else
		cli_row(TR("Đơn vị:", "Unit:"), "%s", id);
	store_unit_free(u, n);
	return 0;
}

/* The office's table of who has reported. */
struct table {
	struct form_set set;
	struct office_row *rows;
	size_t n;
	char **outside;		/* plans left out: the period is outside them */
	size_t noutside;
	const char *period;	/* --period, or NULL: the periods just due */
};

/* The rows, before anything is printed: a bad period prints only its
 * error. 0, or the exit status. */
static int
table_load(struct store *st, const char *period, int cap, struct table *t)
{
	char *cause = NULL;
	enum err e = form_set_load(st, &t->set, &cause);

	t->rows = NULL;
	t->n = 0;
	t->period = period;
	if (e == ERR_OK)
		e = office_status_owed(st, &t->set, period, moment_from_unix(store_now()), cap,
		    &t->rows, &t->n, &cause);
	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		form_set_free(&t->set);
		return rc;
	}
	t->noutside = office_status_outside(&t->set, period, &t->outside);
	return 0;
}

static void
table_free(struct table *t)
{
	office_rows_free(t->rows, t->n);
	office_lines_free(t->outside, t->noutside);
	form_set_free(&t->set);
}

static void
office_table(const struct table *t, enum cli_format fmt)
{
	const struct office_row *rows = t->rows;
	size_t n = t->n;

	if (fmt == CLI_TEXT && n > 0)
		printf("\n%s\n", TR("Tình hình nộp báo cáo (chưa nộp, muộn trước):",
		    "Who has reported (missing and late first):"));
	else if (fmt == CLI_TEXT && t->noutside == 0 && t->period == NULL)
		/* an empty table is said, with what to do, never left blank */
		printf("\n%s\n", TR("Chưa có kỳ nào đến hạn nộp (hoặc chưa đơn vị nào phải nộp); "
		    "xem một kỳ cụ thể: baocao status --period KỲ (ví dụ 2026-Q4)",
		    "No period has fallen due yet (or no unit owes one); to see one period: "
		    "baocao status --period PERIOD (e.g. 2026-Q4)"));
	else if (fmt == CLI_TEXT && t->noutside == 0)
		printf("\n%s\n", TR("Không đơn vị nào phải nộp kỳ này (chưa có đơn vị loại phải "
		    "nộp, hoặc đơn vị vào danh sách sau hạn)", "No unit owes this period (no unit "
		    "of the kind that reports, or units joined after its deadline)"));
	for (size_t i = 0; i < n; i++) {
		const struct office_row *r = &rows[i];
		char dl[20], sub[20] = "", late[48] = "";
		moment_format(r->deadline, dl, sizeof dl);
		if (r->submitted >= 0)
			moment_format(moment_from_unix(r->submitted), sub, sizeof sub);
		if (fmt == CLI_TSV) {
			printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t", r->form_id, r->period, r->unit_id,
			    office_state_name(r->state), r->state == OS_LATE ? (snprintf(late,
			    sizeof late, "%ld", r->late), late) : "", dl, sub);
			/* the overdue rows' STT, "37,43" (as text: "37, 43") */
			for (const char *o = r->overdue_ids; o != NULL && *o; o++)
				if (*o != ' ')
					putchar(*o);
			putchar('\n');
			continue;
		}
		if (r->state == OS_LATE)
			office_late_text(r->late, late, sizeof late);
		cli_cell(r->form_id, 26);
		cli_cell(r->period, 11);
		cli_cell(r->unit_id, 20);
		printf("%s%s%s%s%s", office_state_label(r->state), r->state == OS_LATE ? " " : "",
		    late, r->state == OS_RETURNED && r->reason ? ": " : "",
		    r->state == OS_RETURNED && r->reason ? r->reason : "");
		if (r->clock_note != NULL) {
			/* the office's receipt decided; the device's claim is shown */
			char claimed[20] = "?";
			if (r->claimed >= 0)
				moment_format(moment_from_unix(r->claimed), claimed, sizeof claimed);
			printf(TR(" (nhận %s; máy ghi %s: %s)", " (received %s; the device says %s: %s)"),
			    sub, claimed, sync_clock_note_text(r->clock_note));
		}
		if (r->overdue_rows)	/* a plan's rows the unit leads, past due */
			printf(TR(" · %d dòng quá hạn: %s", " · %d rows overdue: %s"), r->overdue_rows,
			    r->overdue_ids);
		putchar('\n');
		if (r->more_missing + r->more_returned > 0) {
			/* the older periods the unit owes, over the cap: counted,
			 * with the command that lists them */
			cli_cell("", 26);
			printf(TR("… và %d kỳ khác chưa nộp hoặc bị trả lại, từ %s (xem hết: baocao "
			    "status --all)\n", "… and %d more periods missing or returned, from %s "
			    "(all of them: baocao status --all)\n"), r->more_missing +
			    r->more_returned, r->more_from);
		}
	}
	/* plans the period is outside of: left out, and said so */
	if (fmt == CLI_TEXT && t->noutside > 0)
		printf("\n%s\n", TR("Không tính (kỳ nằm ngoài hiệu lực của kế hoạch):",
		    "Left out (the period is outside the plan):"));
	for (size_t i = 0; i < t->noutside; i++) {
		if (fmt == CLI_TSV)
			fprintf(stderr, "baocao: %s: %s\n", TR("lưu ý", "note"), t->outside[i]);
		else
			printf("  %s\n", t->outside[i]);
	}
	if (fmt == CLI_TEXT && n > 0) {
		struct office_count *c;
		size_t nc = office_counts(rows, n, false, &c);
		printf("\n%s\n", TR("Theo đơn vị (đúng hạn / muộn / chưa nộp / trả lại):",
		    "Per unit (on time / late / missing / returned):"));
		for (size_t i = 0; i < nc; i++) {
			cli_cell(c[i].key, 26);
			printf("%d / %d / %d / %d\n", c[i].n[OS_ON_TIME], c[i].n[OS_LATE],
			    c[i].n[OS_MISSING], c[i].n[OS_RETURNED]);
		}
		free(c);
		nc = office_counts(rows, n, true, &c);
		printf("\n%s\n", TR("Theo biểu mẫu (đúng hạn / muộn / chưa nộp / trả lại):",
		    "Per form (on time / late / missing / returned):"));
		for (size_t i = 0; i < nc; i++) {
			cli_cell(c[i].key, 26);
			cli_cell(c[i].period, 11);
			printf("%d / %d / %d / %d\n", c[i].n[OS_ON_TIME], c[i].n[OS_LATE],
			    c[i].n[OS_MISSING], c[i].n[OS_RETURNED]);
		}
		free(c);
	}
}

static int
cmd_status_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct store *st;
	struct store_install in;
	struct store_counts n;
	struct table t = { 0 };
	enum cli_format fmt = CLI_TEXT;
	const char *period = NULL;
	char *cause = NULL;
	enum err e;
	int c, all = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'p': period = optarg; break;
		case 'a': all = 1; break;
		case 'f':
			if ((c = cli_parse_format(optarg, &fmt)) != 0)
				return c;
			break;
		case 'h': cli_usage(&cmd_status_entry, 0); return 0;
		default: cli_usage(&cmd_status_entry, 1); return 2;
		}
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
	if ((fmt == CLI_TSV || period != NULL || all) && in.role != STORE_ROLE_OFFICE) {
		store_install_free(&in);
		store_close(st);
		return cli_fail(ERR_INVALID, TR("--period, --all và --format tsv dành cho văn phòng "
		    "xã", "--period, --all and --format tsv are for the commune office"));
	}
	/* TSV is read by programs: every period owed, never "and N more" */
	if (in.role == STORE_ROLE_OFFICE && (c = table_load(st, period, all || fmt == CLI_TSV ?
	    0 : OFFICE_OWED_SHOWN, &t)) != 0) {
		store_install_free(&in);
		store_close(st);
		return c;
	}
	if (fmt == CLI_TSV) {
		office_table(&t, fmt);
		table_free(&t);
		store_install_free(&in);
		store_close(st);
		return 0;
	}
	cli_row(TR("Cơ sở dữ liệu:", "Database:"), "%s", cli->db);
	cli_row(TR("Vai trò:", "Role:"), "%s", in.role == STORE_ROLE_OFFICE ?
	    TR("văn phòng xã", "commune office (office)") :
	    TR("đơn vị", "field unit (field)"));
	if (in.commune[0] != '\0')
		cli_row(TR("Xã:", "Commune:"), "%s", in.commune);
	if (in.unit_id != NULL && (c = unit_line(st, in.unit_id)) != 0) {
		store_install_free(&in);
		store_close(st);
		return c;
	}
	cli_row(TR("Mã thiết bị:", "Device fingerprint:"), "%s", in.fingerprint);
	if (in.role == STORE_ROLE_FIELD && (c = office_line(st, in.commune)) != 0) {
		store_install_free(&in);
		store_close(st);
		return c;
	}
	cli_row(TR("Đơn vị trong danh sách:", "Units on the roster:"), "%d", n.units);
	cli_row(TR("Biểu mẫu:", "Forms:"), "%d", n.forms);
	cli_row(TR("Báo cáo:", "Submissions:"), TR("%d (nháp %d, hoàn tất %d, đã duyệt %d, "
	    "bị trả lại %d)", "%d (draft %d, final %d, approved %d, returned %d)"),
	    n.submissions, n.drafts, n.finals, n.approved, n.returned);
	if (in.role == STORE_ROLE_OFFICE)
		cli_row(TR("Thiết bị:", "Devices:"), TR("%d (chờ duyệt %d)",
		    "%d (awaiting approval %d)"), n.devices, n.devices_pending);
	cli_row(TR("Nhật ký:", "Audit log entries:"), "%d", n.audit);
	c = 0;
	if (in.role == STORE_ROLE_OFFICE) {
		office_table(&t, fmt);
		table_free(&t);
		c = held_list(st);
	} else {
		c = returned_list(st, in.unit_id);
	}
	store_install_free(&in);
	store_close(st);
	return c;
}

const struct cmd_entry cmd_status_entry = {
	"status",
	"status [--period KỲ | --all] [--format text|tsv]",
	"Vai trò, xã hoặc đơn vị, mã thiết bị, số liệu đang lưu; văn phòng: đơn vị nào đã nộp, "
	    "nộp muộn, chưa nộp, bị trả lại (kỳ vừa đến hạn và mọi kỳ trước còn nợ, hoặc "
	    "--period; --all: không rút gọn).",
	"The role, commune or unit, device fingerprint, what is stored; office: who has "
	    "reported, late, missing, returned (the periods just due and every earlier one "
	    "still owed, or --period; --all: none cut short).",
	cmd_status_exec,
};

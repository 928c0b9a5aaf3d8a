/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-history.c: `baocao history --form ID --period P [--unit U]
 * [--show N | --restore N] [--format text|tsv|csv|json]` — every revision
 * of one submission, one revision's values, and bringing an old revision
 * back.
 *
 * The list gives each revision's number, time, who saved it, its status
 * and how many values changed from the revision before. --show prints a
 * revision's values as the CSV `baocao fill` reads (field,value[,reason]),
 * or with --format json as stored. --restore N writes a new draft revision
 * with revision N's values: history is never rewritten, and the restore is
 * audited (store-sub.h, rule 4).
 */
#include "cli.h"
#include "../core/text.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/sub-history.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"

#include <csv.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The unit: a field installation's own; the office names one. */
static enum err
history_unit(struct store *st, const char *want, char **unit, char **cause)
{
	struct store_install in;
	enum err e = store_install_get(st, &in, cause);

	if (e != ERR_OK)
		return e;
	if (in.role == STORE_ROLE_FIELD && want != NULL && strcmp(want, in.unit_id) != 0)
		e = err_set(cause, ERR_INVALID, TR("máy này chỉ có báo cáo của đơn vị %s",
		    "this installation holds unit %s's submissions only"), in.unit_id);
	else if (in.role == STORE_ROLE_FIELD)
		*unit = xstrdup(in.unit_id);
	else if (want == NULL)
		e = err_set(cause, ERR_INVALID, "%s", TR("văn phòng: cần --unit MÃ-ĐƠN-VỊ",
		    "the office: --unit ID is needed"));
	else
		*unit = xstrdup(want);
	store_install_free(&in);
	return e;
}

/* The form (in SET, which the caller frees) and the period written as
 * stored ("2026-10"). */
static enum err
history_period(struct store *st, const char *form_id, const char *period, char *pid,
    size_t size, struct form_set *set, const struct form **fp, char **cause)
{
	const struct form *f;
	struct period p;
	int report;
	enum err e = form_set_load(st, set, cause);

	if (e != ERR_OK)
		return e;
	if (!form_set_find(set, form_id, &f, &report))
		e = err_set(cause, ERR_INVALID, TR("không có biểu mẫu '%s' (xem 'baocao forms "
		    "list')", "no form '%s' (see 'baocao forms list')"), text_quote(form_id));
	else if (!period_parse(f->reports[report].rule.kind, period, &p))
		e = err_set(cause, ERR_INVALID, TR("kỳ '%s' không hợp lệ cho báo cáo %s (%s)",
		    "'%s' is not a period of report %s (%s)"), text_quote(period), form_id,
		    period_kind_label(f->reports[report].rule.kind));
	else {
		period_format(&p, pid, size);
		*fp = f;
	}
	return e;
}

static void
who(const struct store_revision *r, char *buf, size_t size)
{
	if (r->src_rev > 0)
		snprintf(buf, size, TR("thiết bị %.9s… (lần %d của máy)", "device %.9s… (its rev %d)"),
		    r->device, r->src_rev);
	else
		snprintf(buf, size, "%s", r->user[0] ? r->user : "-");
}

static void
list(const struct form *f, const char *form_id, const char *unit, const char *pid, struct store_revision *rv,
    size_t n, enum cli_format fmt)
{
	char when[24], by[64];

	if (fmt == CLI_TEXT) {
		printf(TR("%s %s %s: %zu lần sửa\n", "%s %s %s: %zu revisions\n"), form_id, unit,
		    pid, n);
		cli_cell(TR("lần", "rev"), 6);
		cli_cell(TR("lúc", "time"), 18);
		cli_cell(TR("ai", "who"), 24);
		cli_cell(TR("trạng thái", "status"), 12);
		printf("%s\n", TR("thay đổi", "changed"));
	}
	for (size_t i = 0; i < n; i++) {
		size_t changed = sub_entries_changed(f, i > 0 ? rv[i - 1].data : NULL, rv[i].data);
		int64_t t = rv[i].src_created > 0 ? rv[i].src_created : rv[i].created;

		moment_format(moment_from_unix(t), when, sizeof when);
		if (fmt == CLI_TSV) {
			printf("%d\t%s\t%s\t%s\t%s\t%zu\t%d\n", rv[i].rev, when, rv[i].user,
			    rv[i].device, rv[i].status, changed, rv[i].restored_from);
			continue;
		}
		who(&rv[i], by, sizeof by);
		when[10] = ' ';
		printf("%4d  ", rv[i].rev);
		cli_cell(when, 18);
		cli_cell(by, 24);
		cli_cell(sub_status_label(rv[i].status), 12);
		printf("%zu", changed);
		if (rv[i].restored_from > 0)
			printf(TR("  (khôi phục lần %d)", "  (restores rev %d)"), rv[i].restored_from);
		printf("%s\n", rv[i].current ? TR("  ← hiện tại", "  ← current") : "");
	}
}

static void
csv_out(const char *s)
{
	csv_fwrite(stdout, s, strlen(s));
}

/* Revision R's values as the CSV `baocao fill` reads: calculations, which
 * fill recomputes and refuses, are left out. */
static void
show(const struct form *f, const struct store_revision *r)
{
	struct sub_entry *e;
	size_t n = sub_entries(f, r->data, &e);

	printf("field,value,reason\n");
	for (size_t i = 0; i < n; i++) {
		csv_out(e[i].key);
		putchar(',');
		csv_out(e[i].value);
		if (e[i].reason != NULL) {
			putchar(',');
			csv_out(e[i].reason);
		}
		putchar('\n');
	}
	sub_entries_free(e, n);
}

static int
parse_rev(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 1000000000)
		return cli_failf(ERR_INVALID, TR("'%s' không phải số lần sửa (1, 2, ...)",
		    "'%s' is not a revision number (1, 2, ...)"), text_quote(s));
	*out = (int)v;
	return 0;
}

static int
cmd_history_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "period", required_argument, NULL, 'p' },
		{ "unit", required_argument, NULL, 'u' },
		{ "show", required_argument, NULL, 's' },
		{ "restore", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form = NULL, *period = NULL, *unit_opt = NULL, *format = "text";
	char *cause = NULL, *unit = NULL, pid[PERIOD_ID_MAX];
	struct store_revision *rv = NULL, one;
	struct form_set set;
	const struct form *f = NULL;
	enum cli_format fmt = CLI_TEXT;
	struct store *st;
	int c, show_n = 0, restore_n = 0, json = 0, csv = 0, rev;
	size_t n = 0;
	enum err e;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'F': form = optarg; break;
		case 'p': period = optarg; break;
		case 'u': unit_opt = optarg; break;
		case 's': if ((c = parse_rev(optarg, &show_n)) != 0) return c; break;
		case 'r': if ((c = parse_rev(optarg, &restore_n)) != 0) return c; break;
		case 'f': format = optarg; break;
		case 'h': cli_usage(&cmd_history_entry, 0); return 0;
		default: cli_usage(&cmd_history_entry, 1); return 2;
		}
	}
	if (form == NULL || period == NULL || optind != argc || (show_n && restore_n)) {
		cli_usage(&cmd_history_entry, 1);
		return 2;
	}
	json = strcmp(format, "json") == 0;
	csv = strcmp(format, "csv") == 0;
	if (show_n && !json && !csv && strcmp(format, "text") != 0)
		return cli_failf(ERR_INVALID, TR("--show: --format '%s' không có; chọn csv hoặc json",
		    "--show: no --format '%s'; choose csv or json"), text_quote(format));
	if (!show_n && (c = cli_parse_format(format, &fmt)) != 0)
		return c;
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	memset(&set, 0, sizeof set);
	e = history_unit(st, unit_opt, &unit, &cause);
	if (e == ERR_OK)
		e = history_period(st, form, period, pid, sizeof pid, &set, &f, &cause);
	if (e == ERR_OK && show_n) {
		e = store_sub_revision(st, form, unit, pid, show_n, &one, &cause);
		if (e == ERR_OK) {
			if (json)
				printf("%s\n", one.data);
			else
				show(f, &one);
			store_revision_clear(&one);
		}
	} else if (e == ERR_OK && restore_n) {
		e = store_sub_restore(st, form, unit, pid, restore_n, &rev, &cause);
		if (e == ERR_OK)
			printf(TR("%s %s %s: đã khôi phục lần sửa %d thành lần sửa %d (nháp).\n",
			    "%s %s %s: revision %d restored as revision %d (a draft).\n"), form, unit,
			    pid, restore_n, rev);
	} else if (e == ERR_OK) {
		e = store_sub_revisions(st, form, unit, pid, &rv, &n, &cause);
		if (e == ERR_OK)
			list(f, form, unit, pid, rv, n, fmt);
		store_revision_free(rv, n);
	}
	form_set_free(&set);
	store_close(st);
	free(unit);
	c = e == ERR_OK ? 0 : cli_fail(e, cause);
	free(cause);
	return c;
}

const struct cmd_entry cmd_history_entry = {
	"history",
	"history --form MÃ --period KỲ [--unit MÃ-ĐƠN-VỊ] [--show N [--format csv|json] | "
	"--restore N] [--format text|tsv]",
	"Các lần sửa của một báo cáo; xem một lần sửa; khôi phục một lần sửa cũ thành lần sửa mới.",
	"A submission's revisions; show one; restore an old one as a new revision.",
	cmd_history_exec,
};

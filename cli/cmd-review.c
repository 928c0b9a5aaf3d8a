/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-review.c: `baocao review approve|return --form ID --unit U --period P
 * [--reason TEXT]` — the office's decision on a received submission; a
 * return's reason reaches the unit in the next office pack.
 *
 * `baocao review received --form ID --unit U --period P --date YYYY-MM-DD
 * --reason TEXT` records the day a report reached the office on paper or
 * by phone (its file may come later): lateness then counts from that day.
 */
#include "cli.h"
#include "../core/text.h"
#include "../forms/cal.h"
#include "../forms/form-install.h"
#include "../forms/period.h"
#include "../forms/plan.h"
#include "../storage/store-inst.h"
#include "../storage/store-audit.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The start of local day TEXT (YYYY-MM-DD) as Unix seconds; -1 if TEXT is
 * not a date. */
static int64_t
day_start(const char *text)
{
	long days;
	int y, m, d;
	struct tm tm;

	if (!date_parse(text, &days) || sscanf(text, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* A paper receipt names a report, a period of it and a unit of its kind,
 * and a day (DAY, a Unix time) not before the period began: a report
 * cannot reach the office before there is anything to report. */
static enum err
received_check(struct store *st, const char *form_id, const char *unit, const char *period,
    int64_t day, char **cause)
{
	struct form_set set;
	const struct form *f;
	struct store_unit *units;
	struct period p;
	char *why;
	size_t n;
	int report, found = 0;
	enum err e = form_set_load(st, &set, cause);

	if (e != ERR_OK)
		return e;
	if (!form_set_find(&set, form_id, &f, &report))
		e = err_set(cause, ERR_INVALID, TR("không có biểu mẫu '%s' (xem 'baocao forms "
		    "list')", "no form '%s' (see 'baocao forms list')"), text_quote(form_id));
	else if ((why = form_period_refusal(f, report, period, &p)) != NULL) {
		e = err_set(cause, ERR_INVALID, "%s", why);
		free(why);
	} else if (moment_from_unix(day) / MINUTES_PER_DAY < p.start) {
		char buf[16], got[16];
		e = err_set(cause, ERR_INVALID, TR("ngày nhận %s trước khi kỳ %s bắt đầu (%s)"
		    ERR_WHERE_SEP "review received", "the day received, %s, is before period %s began "
		    "(%s)" ERR_WHERE_SEP "review received"), date_format(moment_from_unix(day) /
		    MINUTES_PER_DAY, got, sizeof got), period, date_format(p.start, buf, sizeof buf));
	}
	if (e == ERR_OK)
		e = store_unit_list(st, NULL, &units, &n, cause);
	if (e == ERR_OK) {
		for (size_t i = 0; i < n; i++)
			if (strcmp(units[i].id, unit) == 0 && strcmp(units[i].kind, f->unit_kind) == 0)
				found = 1;
		store_unit_free(units, n);
		if (!found)
			e = err_set(cause, ERR_INVALID, TR("không có đơn vị '%s' loại %s trong danh "
			    "sách", "no unit '%s' of kind %s on the roster"), text_quote(unit), f->unit_kind);
	}
	form_set_free(&set);
	return e;
}

static int
cmd_review_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "unit", required_argument, NULL, 'u' },
		{ "period", required_argument, NULL, 'p' },
		{ "reason", required_argument, NULL, 'r' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form = NULL, *unit = NULL, *period = NULL, *reason = NULL, *what = NULL;
	const char *date = NULL;
	int64_t day = -1;
	struct store *st;
	char *cause = NULL, *nfc = NULL;
	enum err e;
	int c;

	if (argc > 1 && argv[1][0] != '-') {
		what = argv[1];
		argv++;
		argc--;
	}
	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'F': form = optarg; break;
		case 'u': unit = optarg; break;
		case 'p': period = optarg; break;
		case 'r': reason = optarg; break;
		case 'd': date = optarg; break;
		case 'h': cli_usage(&cmd_review_entry, 0); return 0;
		default: cli_usage(&cmd_review_entry, 1); return 2;
		}
	}
	if (what == NULL || (strcmp(what, "approve") != 0 && strcmp(what, "return") != 0 &&
	    strcmp(what, "received") != 0) || form == NULL || unit == NULL || period == NULL ||
	    optind != argc || ((date != NULL) != (strcmp(what, "received") == 0))) {
		cli_usage(&cmd_review_entry, 1);
		return 2;
	}
	if (strcmp(what, "received") == 0) {
		if (reason == NULL || !text_valid(reason) || !*reason)
			return cli_fail(ERR_INVALID, TR("cần --reason LÝ-DO (một "
			    "dòng): nhận qua giấy, điện thoại... (ghi vào nhật ký)" ERR_WHERE_SEP "review received",
			    "--reason TEXT (one line) is needed: on paper, by phone... (it goes in the "
			    "audit log)" ERR_WHERE_SEP "review received"));
		day = day_start(date);
		if (day < 0)
			return cli_failf(ERR_INVALID, TR("--date '%s' không phải một "
			    "ngày (YYYY-MM-DD)" ERR_WHERE_SEP "review received", "--date '%s' is not a date "
			    "(YYYY-MM-DD)" ERR_WHERE_SEP "review received"), text_quote(date));
		if (moment_from_unix(day) / MINUTES_PER_DAY > moment_from_unix(store_now()) /
		    MINUTES_PER_DAY)
			return cli_failf(ERR_INVALID, TR("ngày %s ở tương lai" ERR_WHERE_SEP "review received",
			    "%s is in the future" ERR_WHERE_SEP "review received"), date);
	}
	if (strcmp(what, "return") == 0 && (reason == NULL || !text_valid(reason) || !*reason))
		return cli_fail(ERR_INVALID, TR("cần --reason LÝ-DO (một dòng) để "
		    "đơn vị biết phải sửa gì" ERR_WHERE_SEP "review return", "--reason TEXT (one line) is needed so "
		    "the unit knows what to fix" ERR_WHERE_SEP "review return"));
	if (reason != NULL)
		nfc = text_nfc(reason);
	if ((c = cli_open(cli, &st)) != 0) {
		free(nfc);
		return c;
	}
	if (day >= 0) {
		e = received_check(st, form, unit, period, day, &cause);
		if (e == ERR_OK)
			e = store_sub_received_on(st, form, unit, period, day, nfc, &cause);
	}
	else
		e = store_sub_review(st, form, unit, period, strcmp(what, "approve") == 0 ?
		    "approved" : "returned", nfc, &cause);
	store_close(st);
	free(nfc);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	if (day >= 0)
		printf(TR("Đã ghi: %s của %s kỳ %s đến văn phòng ngày %s.\n", "Recorded: %s of %s "
		    "for %s reached the office on %s.\n"), form, unit, period, date);
	else
		printf("%s\n", strcmp(what, "approve") == 0 ? TR("Đã duyệt.", "Approved.")
	    : TR("Đã trả lại; đơn vị nhận lý do trong gói tới.",
	    "Returned; the unit gets the reason in the next pack."));
	return 0;
}

const struct cmd_entry cmd_review_entry = {
	"review", "review approve|return --form MÃ --unit MÃ-ĐƠN-VỊ --period KỲ [--reason LÝ-DO] | "
	"review received --form MÃ --unit MÃ-ĐƠN-VỊ --period KỲ --date YYYY-MM-DD --reason LÝ-DO",
	"Văn phòng: duyệt hoặc trả lại (kèm lý do) một báo cáo đã nhận; received: ghi ngày báo "
	"cáo đến văn phòng bằng giấy hoặc điện thoại (tính hạn nộp từ ngày đó).",
	"Office: approve, or return with a reason, a received submission; received: record the "
	"day a report reached the office on paper or by phone (lateness counts from it).",
	cmd_review_exec,
};

/*
 * cmd-review.c: `baocao review approve|return --form ID --unit U --period P
 * [--reason TEXT]` — the office's decision on a received submission; a
 * return's reason reaches the unit in the next office pack.
 */
#include "cli.h"
#include "../core/text.h"
#include "../storage/store-sub.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmd_review_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "unit", required_argument, NULL, 'u' },
		{ "period", required_argument, NULL, 'p' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form = NULL, *unit = NULL, *period = NULL, *reason = NULL, *what = NULL;
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
		case 'h': cli_usage(&cmd_review_entry, 0); return 0;
		default: cli_usage(&cmd_review_entry, 1); return 2;
		}
	}
	if (what == NULL || (strcmp(what, "approve") != 0 && strcmp(what, "return") != 0) ||
	    form == NULL || unit == NULL || period == NULL || optind != argc) {
		cli_usage(&cmd_review_entry, 1);
		return 2;
	}
	if (strcmp(what, "return") == 0 && (reason == NULL || !text_valid(reason) || !*reason))
		return cli_fail(ERR_INVALID, TR("review return: cần --reason LÝ-DO (một dòng) để "
		    "đơn vị biết phải sửa gì", "review return: --reason TEXT (one line) is needed so "
		    "the unit knows what to fix"));
	if (reason != NULL)
		nfc = text_nfc(reason);
	if ((c = cli_open(cli, &st)) != 0) {
		free(nfc);
		return c;
	}
	e = store_sub_review(st, form, unit, period, strcmp(what, "approve") == 0 ? "approved" :
	    "returned", nfc, &cause);
	store_close(st);
	free(nfc);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	printf("%s\n", strcmp(what, "approve") == 0 ? TR("Đã duyệt.", "Approved.")
	    : TR("Đã trả lại; đơn vị nhận lý do trong gói tới.",
	    "Returned; the unit gets the reason in the next pack."));
	return 0;
}

const struct cmd_entry cmd_review_entry = {
	"review", "review approve|return --form MÃ --unit MÃ-ĐƠN-VỊ --period KỲ [--reason LÝ-DO]",
	"Văn phòng: duyệt hoặc trả lại (kèm lý do) một báo cáo đã nhận.",
	"Office: approve, or return with a reason, a received submission.",
	cmd_review_exec,
};

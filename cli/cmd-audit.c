/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-audit.c: `baocao audit [--object X] [--format tsv]`: the audit log,
 * oldest first: when, which installation, which user, what, on what.
 */
#include "cli.h"
#include "../storage/store-audit.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int
cmd_audit_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "object", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *object = NULL;
	enum cli_format fmt = CLI_TEXT;
	struct store_audit_row *r;
	struct store *st;
	size_t n, i;
	char *cause = NULL, when[32];
	enum err e;
	int c;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'o': object = optarg; break;
		case 'f':
			if ((c = cli_parse_format(optarg, &fmt)) != 0)
				return c;
			break;
		case 'h': cli_usage(&cmd_audit_entry, 0); return 0;
		default: cli_usage(&cmd_audit_entry, 1); return 2;
		}
	}
	if (optind != argc) {
		cli_usage(&cmd_audit_entry, 1);
		return 2;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	e = store_audit_list(st, object, &r, &n, &cause);
	store_close(st);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	for (i = 0; i < n; i++) {
		time_t t = (time_t)r[i].at;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
		if (fmt == CLI_TSV)
			printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)r[i].id, when,
			    r[i].installation, r[i].user, r[i].action, r[i].object,
			    r[i].detail ? r[i].detail : "");
		else
			printf("%s  %-19s %-10s %-12s %s%s%s\n", when, r[i].installation, r[i].user,
			    r[i].action, r[i].object, r[i].detail ? "  " : "",
			    r[i].detail ? r[i].detail : "");
	}
	store_audit_free(r, n);
	return 0;
}

const struct cmd_entry cmd_audit_entry = {
	"audit",
	"audit [--object ĐỐI-TƯỢNG] [--format text|tsv]",
	"Nhật ký: ai đã làm gì, lúc nào, trên máy nào.",
	"The audit log: who did what, when, on which installation.",
	cmd_audit_exec,
};

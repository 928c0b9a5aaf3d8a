/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-config.c: `baocao config [idle-lock MINUTES | import-limit MIB]` —
 * the installation's preferences: shows them, or sets one.
 *
 *   idle-lock     minutes without a key before the interface locks itself
 *                 (default 10; 0 never)
 *   import-limit  the largest bundle or pack file (MiB) read at all, and the
 *                 largest content (uncompressed) it may declare, both set at
 *                 once (1..64; unset: files of 4 MiB, content of 64 MiB)
 */
#include "cli.h"
#include "../core/text.h"
#include "../core/mem.h"
#include "../storage/store-settings.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmd_config_exec(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	char *cause = NULL, *v = NULL, *end;
	enum err e;
	long minutes = -1;
	int c;

	while ((c = cli_getopt(cli, argc, argv, NULL)) != -1) {
		if (c == 'h') {
			cli_usage(&cmd_config_entry, 0);
			return 0;
		}
		cli_usage(&cmd_config_entry, 1);
		return 2;
	}
	if (optind != argc && !(optind + 2 == argc && (strcmp(argv[optind], "idle-lock") == 0 ||
	    strcmp(argv[optind], "import-limit") == 0))) {
		cli_usage(&cmd_config_entry, 1);
		return 2;
	}
	if (optind + 2 == argc) {
		int idle = strcmp(argv[optind], "idle-lock") == 0;
		long max = idle ? 1440 : 64, min = idle ? 0 : 1;
		minutes = strtol(argv[optind + 1], &end, 10);
		if (*argv[optind + 1] == '\0' || *end != '\0' || minutes < min || minutes > max)
			return cli_failf(ERR_INVALID, idle
			    ? TR("idle-lock: '%s' không phải số phút từ 0 đến 1440",
			    "idle-lock: '%s' is not a number of minutes from 0 to 1440")
			    : TR("import-limit: '%s' không phải số MiB từ 1 đến 64",
			    "import-limit: '%s' is not a number of MiB from 1 to 64"),
			    text_quote(argv[optind + 1]));
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	if (minutes >= 0) {
		char buf[16];
		snprintf(buf, sizeof buf, "%ld", minutes);
		e = store_setting_set(st, strcmp(argv[optind], "idle-lock") == 0 ?
		    "idle_lock_minutes" : SYNC_SETTING_IMPORT_LIMIT, buf, NULL, &cause);
	} else {
		e = store_setting_get(st, "idle_lock_minutes", &v, &cause);
		if (e == ERR_OK)
			cli_row("idle-lock", TR("%s phút (0: không khóa)", "%s minutes (0: never)"),
			    v ? v : "10");
		free(v);
		v = NULL;
		struct sync_limits lim;
		if (e == ERR_OK)
			e = sync_limits_get(st, &lim, &cause);
		if (e == ERR_OK) {
			char *row = xasprintf(TR("tệp tối đa %zu MiB, nội dung khai báo tối đa %zu MiB",
			    "files of at most %zu MiB, declaring at most %zu MiB of content"),
			    lim.max_file / (1024 * 1024), lim.max_plain / (1024 * 1024));
			cli_row("import-limit", "%s", row);
			free(row);
		}
	}
	store_close(st);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	return 0;
}

const struct cmd_entry cmd_config_entry = {
	"config", "config [idle-lock PHÚT | import-limit MIB]",
	"Tùy chọn của máy này: thời gian không dùng trước khi tự khóa giao diện; dung lượng lớn "
	"nhất của một tệp nhận được và của nội dung nó khai báo.",
	"This installation's preferences: idle minutes before the interface locks; the largest "
	"received file, and the largest content it may declare.",
	cmd_config_exec,
};

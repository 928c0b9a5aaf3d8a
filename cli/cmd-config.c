/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-config.c: `baocao config [idle-lock MINUTES | import-limit MIB]` —
 * the installation's preferences: shows them, or sets one.
 *
 *   idle-lock     minutes without a key before the interface locks itself
 *                 (default 10; 0 never)
 *   import-limit  the largest content (MiB, uncompressed) a bundle or pack
 *                 may declare before it is refused unread (1..64, default 64)
 */
#include "cli.h"
#include "../storage/store-settings.h"
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
			    argv[optind + 1]);
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
		if (e == ERR_OK)
			e = store_setting_get(st, SYNC_SETTING_IMPORT_LIMIT, &v, &cause);
		if (e == ERR_OK)
			cli_row("import-limit", TR("%s MiB (nội dung lớn nhất một tệp được khai báo)",
			    "%s MiB (the largest content a file may declare)"), v ? v : "64");
		free(v);
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
	"nhất của nội dung một tệp nhận được.",
	"This installation's preferences: idle minutes before the interface locks; the largest "
	"content a received file may hold.",
	cmd_config_exec,
};

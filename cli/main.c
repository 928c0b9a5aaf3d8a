/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: baocao's entry point. With no verb it opens the terminal interface
 * (tui/); with a verb it runs that subcommand (cmd-*.c). The verbs and their
 * meaning are the contract in DESIGN.md.
 */
#include "cli.h"
#include "../core/text.h"
#include "../core/mem.h"
#include "../tui/tui.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cmd_entry *const cmds[] = {
	&cmd_setup_entry,
	&cmd_status_entry,
	&cmd_units_entry,
	&cmd_passwd_entry,
	&cmd_audit_entry,
	&cmd_forms_entry,
	&cmd_fill_entry,
	&cmd_history_entry,
	&cmd_export_entry,
	&cmd_import_entry,
	&cmd_devices_entry,
	&cmd_pack_entry,
	&cmd_apply_entry,
	&cmd_review_entry,
	&cmd_config_entry,
	&cmd_report_entry,
	&cmd_keys_entry,
	&cmd_batch_entry,
	NULL,
};

const struct cmd_entry *
cli_find_verb(const char *name)
{
	int i;

	for (i = 0; cmds[i] != NULL; i++)
		if (strcmp(cmds[i]->name, name) == 0)
			return cmds[i];
	return NULL;
}

static void
usage(FILE *f)
{
	int i;

	fprintf(f, "%s\n", TR("Cách dùng: baocao [--db TỆP] [LỆNH ...]",
	    "Usage: baocao [--db FILE] [VERB ...]"));
	fprintf(f, "%s\n\n", TR("Không có lệnh: mở giao diện trên terminal.",
	    "With no verb: open the terminal interface."));
	for (i = 0; cmds[i] != NULL; i++) {
		fprintf(f, "  %-8s ", cmds[i]->name);
		cli_wrap(f, err_lang ? cmds[i]->summary_en : cmds[i]->summary_vi, 11, 11);
	}
	fputc('\n', f);
	cli_wrap(f, TR("'baocao LỆNH --help' cho biết chi tiết từng lệnh. BAOCAO_LANG=en: tiếng "
	    "Anh.", "'baocao VERB --help' tells more about each verb. BAOCAO_LANG=en: English."),
	    0, 0);
}

int
main(int argc, char **argv)
{
	struct cli cli = { .db = NULL, .argv0 = argv[0] };
	const char *why;
	char *def;
	int i, rc;

	/* One malloc arena for every thread: the PDF report's libraries
	 * start threads (pango, fontconfig), and glibc gives each its own
	 * arena, 64 MiB of address space reserved apiece; under a 256 MiB
	 * limit (`ulimit -v`, an old laptop's) that made thread creation
	 * fail now and then, killing the process without a word. baocao's
	 * own work is on one thread: nothing to gain from more arenas. */
	mallopt(M_ARENA_MAX, 1);
	setlocale(LC_ALL, "");
	/* Vietnamese needs UTF-8: a bare root shell on Debian often has no
	 * locale set, and C.UTF-8 is always there. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	err_lang_init();
	if (sodium_init() < 0) {
		fprintf(stderr, "baocao: libsodium could not be initialised\n");
		return 1;
	}
	/* A cheap key is for test builds only: a release refuses BAOCAO_KDF
	 * before it reads or makes anything (store_kdf_env). */
	if (store_kdf_env(&why) == NULL) {
		fprintf(stderr, "baocao: %s\n", why);
		return 2;
	}
	/* Options before the verb: --db FILE, --help, --version. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			cli.db = argv[++i], cli.db_given = 1;
		else if (strncmp(argv[i], "--db=", 5) == 0)
			cli.db = argv[i] + 5, cli.db_given = 1;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("baocao %s\n", BAOCAO_VERSION);
			fputs(TR("Giấy phép GPL-3.0-or-later: GNU GPL phiên bản 3 trở lên "
			    "(tệp LICENSE).\nĐây là phần mềm tự do: bạn được sửa đổi và "
			    "phân phối lại. KHÔNG CÓ BẢO HÀNH.\n",
			    "License GPL-3.0-or-later: GNU GPL version 3 or later "
			    "(the LICENSE file).\nThis is free software: you are free to "
			    "change and redistribute it. There is NO WARRANTY.\n"), stdout);
			return 0;
		} else {
			fprintf(stderr, TR("baocao: không có tuỳ chọn '%s'\n",
			    "baocao: no option '%s'\n"), text_quote(argv[i]));
			usage(stderr);
			return 2;
		}
	}
	def = cli_default_db();
	if (cli.db == NULL)
		cli.db = def;
	if (i == argc) {
		rc = tui_run(cli.db);
		free(def);
		return rc;
	}
	if (strcmp(argv[i], "tui-keys") == 0) {
		/* hidden: README's key table, from the interface's own tables */
		free(def);
		return tui_keys_table(stdout);
	}
	for (rc = 0; cmds[rc] != NULL; rc++)
		if (strcmp(cmds[rc]->name, argv[i]) == 0)
			break;
	if (cmds[rc] == NULL) {
		fprintf(stderr, TR("baocao: không có lệnh '%s'; 'baocao --help' liệt kê các lệnh\n",
		    "baocao: no verb '%s'; 'baocao --help' lists them\n"), text_quote(argv[i]));
		free(def);
		return 2;
	}
	optind = 0;
	rc = cmds[rc]->exec(&cli, argc - i, argv + i);
	free(def);
	return rc;
}

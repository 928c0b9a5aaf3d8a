/*
 * cmd-units.c: `baocao units [--search TEXT] [--format tsv]` lists the roster;
 * `baocao units add --kind K --name N [--id ID]` adds a unit (office only).
 */
#include "cli.h"
#include "../storage/store-inst.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
units_add(struct store *st, const char *id, const char *kind, const char *name)
{
	struct store_install in;
	char *cause = NULL, *made = NULL;
	enum err e;
	int rc;

	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK) {
		if (in.role != STORE_ROLE_OFFICE)
			e = err_set(&cause, ERR_INVALID, TR("chỉ văn phòng xã thêm đơn vị; danh sách "
			    "đơn vị của máy này đến từ gói của văn phòng", "only the commune office "
			    "adds units; this installation gets its roster from the office pack"));
		store_install_free(&in);
	}
	if (e == ERR_OK)
		e = store_unit_add(st, id, kind, name, &made, &cause);
	if (e != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	printf("%s\n", made);
	free(made);
	return 0;
}

static int
cmd_units_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'n' },
		{ "id", required_argument, NULL, 'i' },
		{ "search", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kind = NULL, *name = NULL, *id = NULL, *search = NULL;
	enum cli_format fmt = CLI_TEXT;
	struct store_unit *u;
	struct store *st;
	size_t n, i;
	char *cause = NULL;
	enum err e;
	int c, adding = 0;

	/* "add" may come before or after the options. */
	if (argc > 1 && strcmp(argv[1], "add") == 0) {
		adding = 1;
		argv++;
		argc--;
	}
	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'k': kind = optarg; break;
		case 'n': name = optarg; break;
		case 'i': id = optarg; break;
		case 's': search = optarg; break;
		case 'f':
			if ((c = cli_parse_format(optarg, &fmt)) != 0)
				return c;
			break;
		case 'h': cli_usage(&cmd_units_entry, 0); return 0;
		default: cli_usage(&cmd_units_entry, 1); return 2;
		}
	}
	if (!adding && optind < argc && strcmp(argv[optind], "add") == 0) {
		adding = 1;
		optind++;
	}
	if (optind != argc) {
		cli_usage(&cmd_units_entry, 1);
		return 2;
	}
	if (adding && (kind == NULL || name == NULL))
		return cli_fail(ERR_INVALID, TR("units add: cần --kind LOẠI và --name TÊN",
		    "units add: --kind KIND and --name NAME are needed"));
	if (!adding && (kind || name || id))
		return cli_fail(ERR_INVALID, TR("--kind, --name, --id chỉ dùng với 'units add'",
		    "--kind, --name and --id go with 'units add'"));
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	if (adding) {
		c = units_add(st, id, kind, name);
		store_close(st);
		return c;
	}
	e = store_unit_list(st, search, &u, &n, &cause);
	store_close(st);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	for (i = 0; i < n; i++) {
		if (fmt == CLI_TSV)
			printf("%s\t%s\t%s\n", u[i].id, u[i].kind, u[i].name);
		else
			printf("%-24s %-16s %s\n", u[i].id, u[i].kind, u[i].name);
	}
	if (fmt == CLI_TEXT && n == 0)
		printf("%s\n", TR("(chưa có đơn vị nào)", "(no units yet)"));
	store_unit_free(u, n);
	return 0;
}

const struct cmd_entry cmd_units_entry = {
	"units",
	"units [--search CHỮ] [--format text|tsv] | units add --kind LOẠI --name TÊN [--id MÃ]",
	"Danh sách đơn vị của xã; văn phòng thêm đơn vị bằng 'units add'.",
	"The commune's roster of units; the office adds one with 'units add'.",
	cmd_units_exec,
};

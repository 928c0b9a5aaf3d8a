/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-units.c: `baocao units [--search TEXT] [--format tsv]` lists the roster;
 * `baocao units add --kind K --name N [--id ID]` adds a unit (office only).
 */
#include "cli.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../office/office-units.h"
#include "../storage/store-inst.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The widest id that widens the id column; a longer one gets a line of its own. */
#define UNITS_ID_MAX_COLS 40

static int
units_add(struct store *st, const char *id, const char *kind, const char *name)
{
	char *cause = NULL, *made = NULL;
	int shortened = 0, rc;
	enum err e = office_unit_add(st, id, kind, name, &made, &shortened, &cause);

	if (e != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	if (shortened)
		fprintf(stderr, TR("baocao: tên dài quá %d ký tự cho một mã: dùng mã '%s' "
		    "(đặt mã khác bằng --id)\n", "baocao: the name is too long for an id of %d "
		    "characters: using '%s' (choose another with --id)\n"), OFFICE_UNIT_ID_MAX, made);
	printf("%s\n", made);
	free(made);
	return 0;
}

/* `units rename --id ID --name TÊN`, `units remove --id ID`: on the office. */
static int
units_update(struct store *st, const char *id, const char *name, int active)
{
	char *cause = NULL;
	enum err e = office_unit_update(st, id, name, active, &cause);
	int rc;

	if (e != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	if (active == 0)
		printf(TR("%s: đã bỏ khỏi danh sách: không còn phải báo cáo; báo cáo đã nhận vẫn giữ.\n",
		    "%s: taken off the roster: it owes no more reports; what it sent is kept.\n"), id);
	else
		printf(TR("%s: đã đổi tên thành \"%s\".\n", "%s: renamed \"%s\".\n"), id, name);
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
	} else if (argc > 1 && (strcmp(argv[1], "rename") == 0 || strcmp(argv[1], "remove") == 0)) {
		const char *verb = argv[1];
		argv++;
		argc--;
		while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
			switch (c) {
			case 'n': name = optarg; break;
			case 'i': id = optarg; break;
			case 'h': cli_usage(&cmd_units_entry, 0); return 0;
			default: cli_usage(&cmd_units_entry, 1); return 2;
			}
		}
		if (optind != argc || id == NULL || (verb[2] == 'n') != (name != NULL))
			return cli_fail(ERR_INVALID, verb[2] == 'n'
			    ? TR("cần --id MÃ và --name TÊN" ERR_WHERE_SEP "units rename",
			    "--id ID and --name NAME are needed" ERR_WHERE_SEP "units rename")
			    : TR("cần --id MÃ" ERR_WHERE_SEP "units remove", "--id ID is needed" ERR_WHERE_SEP "units remove"));
		if ((c = cli_open(cli, &st)) != 0)
			return c;
		c = units_update(st, id, name, verb[2] == 'n' ? -1 : 0);
		store_close(st);
		return c;
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
		return cli_fail(ERR_INVALID, TR("cần --kind LOẠI và --name TÊN" ERR_WHERE_SEP "units add",
		    "--kind KIND and --name NAME are needed" ERR_WHERE_SEP "units add"));
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
	/* columns as wide as their widest entry (terminal columns, not bytes);
	 * an id too long for a line beside the rest stands whole on its own */
	int idw = 24, kindw = 16;
	for (i = 0; i < n; i++) {
		int w = text_width(u[i].id), k = text_width(u[i].kind);
		if (w > idw && w <= UNITS_ID_MAX_COLS)
			idw = w;
		if (k > kindw)
			kindw = k;
	}
	for (i = 0; i < n; i++) {
		int w = text_width(u[i].id);
		if (fmt == CLI_TSV) {
			printf("%s\t%s\t%s\n", u[i].id, u[i].kind, u[i].name);
			continue;
		}
		if (w > idw)
			printf("%s\n%*s", u[i].id, idw, "");
		else
			printf("%s%*s", u[i].id, idw - w, "");
		printf(" %s%*s %s%s\n", u[i].kind, kindw - text_width(u[i].kind), "", u[i].name,
		    u[i].active ? "" : TR(" (đã bỏ)", " (removed)"));
	}
	if (fmt == CLI_TEXT && n == 0)
		printf("%s\n", search != NULL ? TR("(không có đơn vị nào khớp)", "(no unit matches)")
		    : TR("(chưa có đơn vị nào)", "(no units yet)"));
	store_unit_free(u, n);
	return 0;
}

const struct cmd_entry cmd_units_entry = {
	"units",
	"units [--search CHỮ] [--format text|tsv] | units add --kind LOẠI --name TÊN [--id MÃ]"
	" | units rename --id MÃ --name TÊN | units remove --id MÃ",
	"Danh sách đơn vị của xã; văn phòng thêm đơn vị bằng 'units add'.",
	"The commune's roster of units; the office adds one with 'units add'.",
	cmd_units_exec,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-units.c: `baocao units [--search TEXT] [--format tsv]` lists the roster;
 * `baocao units add --kind K --name N [--id ID]` adds a unit (office only).
 */
#include "cli.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../storage/store-inst.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A unit of a kind no installed form names would owe nothing and never
 * show as late: most likely a typo ("thonn"). ERR_INVALID then, with the
 * kinds there are; a kind that is not even a valid id is left to the
 * store's own message. */
static enum err
kind_known(struct store *st, const char *kind, char **cause)
{
	struct form_set set;
	const char **k;
	char kinds[1024] = "";
	size_t nk = 0, len = 0;
	enum err e;

	if (!store_id_valid(kind))
		return ERR_OK;
	if ((e = form_set_load(st, &set, cause)) != ERR_OK)
		return e;
	for (size_t i = 0; i < set.n; i++)
		if (form_owed_by(set.forms[i], -1, kind)) {
			form_set_free(&set);
			return ERR_OK;	/* it leads rows of a plan */
		}
	k = xcalloc(set.n + 1, sizeof *k);
	for (size_t i = 0; i < set.n; i++) {
		size_t j = 0;
		while (j < nk && strcmp(k[j], set.forms[i]->unit_kind) != 0)
			j++;
		if (j == nk)
			k[nk++] = set.forms[i]->unit_kind;
	}
	for (size_t i = 0; i < nk; i++)
		if (strcmp(k[i], kind) == 0) {
			free(k);
			form_set_free(&set);
			return ERR_OK;
		}
	if (nk > 1)
		qsort(k, nk, sizeof *k, str_cmp);
	for (size_t i = 0; i < nk; i++)
		len += (size_t)snprintf(kinds + len, len < sizeof kinds ? sizeof kinds - len : 0,
		    "%s%s", i ? ", " : "", k[i]);
	free(k);
	form_set_free(&set);
	return err_set(cause, ERR_INVALID, TR("không có biểu mẫu nào cho loại đơn vị '%s'; các "
	    "loại có biểu mẫu: %s", "no form is for unit kind '%s'; the kinds forms are for: %s"),
	    kind, kinds);
}

#define UNIT_ID_MAX 40	/* store_id_valid's limit */

static bool
id_taken(const struct store_unit *u, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].id, id) == 0)
			return true;
	return false;
}

/*
 * The id made from NAME when it is longer than an id may be: cut at the
 * last word ('-') that fits, and made unique on the roster with "-2",
 * "-3"... NULL when the name's own id fits (storage makes it) or the name
 * makes no id at all (storage says why). *CAUSE on a roster it cannot read.
 */
static char *
long_name_id(struct store *st, const char *name, enum err *e, char **cause)
{
	char *slug = name ? text_slug(name) : NULL, *id;
	struct store_unit *u = NULL;
	size_t n = 0, len;

	*e = ERR_OK;
	if (slug == NULL || strlen(slug) <= UNIT_ID_MAX) {
		free(slug);
		return NULL;
	}
	if ((*e = store_unit_list(st, NULL, &u, &n, cause)) != ERR_OK) {
		free(slug);
		return NULL;
	}
	for (int k = 1; ; k++) {
		char suffix[16] = "";
		if (k > 1)
			snprintf(suffix, sizeof suffix, "-%d", k);
		len = UNIT_ID_MAX - strlen(suffix);
		/* at a word's end: the last '-' within the room left */
		while (len > 0 && slug[len] != '-')
			len--;
		if (len == 0)
			len = UNIT_ID_MAX - strlen(suffix);
		while (len > 0 && slug[len - 1] == '-')
			len--;
		id = xasprintf("%.*s%s", (int)len, slug, suffix);
		if (!id_taken(u, n, id))
			break;
		free(id);
	}
	store_unit_free(u, n);
	free(slug);
	return id;
}

static int
units_add(struct store *st, const char *id, const char *kind, const char *name)
{
	struct store_install in;
	char *cause = NULL, *made = NULL, *shortened = NULL;
	enum err e;
	int rc;

	if (id != NULL && strlen(id) > UNIT_ID_MAX)
		return cli_failf(ERR_INVALID, TR("mã đơn vị dài %zu ký tự, quá giới hạn %d: %s",
		    "the unit id is %zu characters long, over the limit of %d: %s"), strlen(id),
		    UNIT_ID_MAX, id);

	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK) {
		if (in.role != STORE_ROLE_OFFICE)
			e = err_set(&cause, ERR_INVALID, TR("chỉ văn phòng xã thêm đơn vị; danh sách "
			    "đơn vị của máy này đến từ gói của văn phòng", "only the commune office "
			    "adds units; this installation gets its roster from the office pack"));
		store_install_free(&in);
	}
	if (e == ERR_OK)
		e = kind_known(st, kind, &cause);
	if (e == ERR_OK && id == NULL && (shortened = long_name_id(st, name, &e, &cause)) != NULL)
		id = shortened;
	if (e == ERR_OK)
		e = store_unit_add(st, id, kind, name, &made, &cause);
	if (e != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		free(shortened);
		return rc;
	}
	if (shortened != NULL)
		fprintf(stderr, TR("baocao: tên dài quá %d ký tự cho một mã: dùng mã '%s' "
		    "(đặt mã khác bằng --id)\n", "baocao: the name is too long for an id of %d "
		    "characters: using '%s' (choose another with --id)\n"), UNIT_ID_MAX, made);
	printf("%s\n", made);
	free(made);
	free(shortened);
	return 0;
}

/* `units rename --id ID --name TÊN`, `units remove --id ID`: on the office. */
static int
units_update(struct store *st, const char *id, const char *name, int active)
{
	struct store_install in;
	char *cause = NULL;
	enum err e;
	int rc;

	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK) {
		if (in.role != STORE_ROLE_OFFICE)
			e = err_set(&cause, ERR_INVALID, "%s", TR("chỉ văn phòng xã sửa danh sách đơn vị",
			    "only the commune office changes the roster"));
		store_install_free(&in);
	}
	if (e == ERR_OK)
		e = store_unit_update(st, id, name, active, &cause);
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
	for (i = 0; i < n; i++) {
		if (fmt == CLI_TSV)
			printf("%s\t%s\t%s\n", u[i].id, u[i].kind, u[i].name);
		else
			printf("%-24s %-16s %s%s\n", u[i].id, u[i].kind, u[i].name, u[i].active ? "" :
			    TR(" (đã bỏ)", " (removed)"));
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

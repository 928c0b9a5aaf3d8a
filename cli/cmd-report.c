/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-report.c: `baocao report --form ID --period P [--format
 * text|csv|xlsx|json|long-csv|long-json] [--out FILE]` — the office's
 * consolidated report (office/office-report.h); long-csv and long-json
 * have one row per value, with codes (office/long.schema.json). Text, CSV and JSON go to standard output
 * unless --out is given; XLSX needs --out. A file is written whole or not
 * at all.
 */
#include "cli.h"
#include "../core/text.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../office/office-report.h"
#include "../storage/store-inst.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
report_run(struct cli *cli, const char *form, const char *period, const char *fmt,
    const char *out, int flags, const char *mapping, const char *number, const char *signer,
    const char **to, size_t nto)
{
	char **unmapped = NULL;
	size_t nunmapped = 0;
	struct office_report rep;
	struct form_set set;
	struct store *st;
	char *cause = NULL;
	enum err e;
	int c;

	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0 &&
	    strcmp(fmt, "xlsx") != 0 && strcmp(fmt, "long-csv") != 0 &&
	    strcmp(fmt, "long-json") != 0 && strcmp(fmt, "dhis2") != 0 && strcmp(fmt, "pdf") != 0)
		return cli_failf(ERR_INVALID, TR("--format '%s' không có; chọn text, csv, xlsx, json, long-csv, "
		    "long-json, dhis2 hoặc pdf", "no --format '%s'; choose text, csv, xlsx, json, long-csv, "
		    "long-json, dhis2 or pdf"), text_quote(fmt));
	if (strcmp(fmt, "pdf") != 0 && (number || signer || nto))
		return cli_fail(ERR_INVALID, TR("--number, --signer, --to chỉ dùng với --format pdf",
		    "--number, --signer, --to go with --format pdf only"));
	if ((strcmp(fmt, "dhis2") == 0) != (mapping != NULL))
		return cli_fail(ERR_INVALID, TR("--format dhis2 đi với --mapping TỆP.yaml (và chỉ nó)",
		    "--format dhis2 goes with --mapping FILE.yaml (and only it)"));
	if ((strcmp(fmt, "xlsx") == 0 || strcmp(fmt, "pdf") == 0) && out == NULL)
		return cli_failf(ERR_INVALID, TR("--format %s cần --out TỆP.%s",
		    "--format %s needs --out FILE.%s"), fmt, fmt);
	/* refused before any work: an existing file, a device, a symlink... */
	if (out != NULL && (e = file_out_check(out, flags, &cause)) != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	e = form_set_load(st, &set, &cause);
	if (e == ERR_OK) {
		e = office_report_build(st, &set, form, period, &rep, &cause);
		if (e == ERR_OK) {
			if (strcmp(fmt, "xlsx") == 0) {
				file_clean_stale(out, ".tmp-");	/* a killed run's */
				e = office_report_xlsx(&rep, out, &cause);
			} else if (strcmp(fmt, "pdf") == 0) {
				e = office_report_pdf_here(st, &rep, out, number, signer, to, nto, &cause);
			} else {
				char *buf = NULL;
				size_t len = 0;
				FILE *m = open_memstream(&buf, &len);
				if (strcmp(fmt, "csv") == 0)
					e = office_report_csv(&rep, m);
				else if (strcmp(fmt, "long-csv") == 0)
					e = office_report_long_csv(&rep, m);
				else if (strcmp(fmt, "long-json") == 0)
					e = office_report_long_json(&rep, m);
				else if (strcmp(fmt, "dhis2") == 0)
					e = office_report_dhis2(&rep, mapping, m, &unmapped, &nunmapped,
					    &cause);
				else if (strcmp(fmt, "json") == 0)
					e = office_report_json(&rep, m);
				else
					e = office_report_text(&rep, m);
				fclose(m);
				if (e == ERR_OK && out != NULL)
					e = file_write_out(out, buf, len, flags, &cause);
				else if (e == ERR_OK)
					fwrite(buf, 1, len, stdout);
				free(buf);
			}
			office_report_free(&rep);
		}
		form_set_free(&set);
	}
	store_close(st);
	/* what the mapping does not name is said, never dropped silently */
	for (size_t i = 0; i < nunmapped; i++) {
		if (e == ERR_OK)
			fprintf(stderr, TR("dhis2: chưa ánh xạ: %s\n", "dhis2: not mapped: %s\n"),
			    unmapped[i]);
		free(unmapped[i]);
	}
	free(unmapped);
	if (e != ERR_OK) {
		c = cli_fail(e, cause ? cause : TR("không ghi được báo cáo", "cannot write the report"));
		free(cause);
		return c;
	}
	if (out != NULL)
		printf("%s\n", out);
	return 0;
}

static int
cmd_report_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "mapping", required_argument, NULL, 'm' },
		{ "number", required_argument, NULL, 'n' },
		{ "signer", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 't' },
		{ "force", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form = NULL, *period = NULL, *fmt = "text", *out = NULL, *mapping = NULL;
	const char *number = NULL, *signer = NULL;
	const char **to = NULL;
	size_t nto = 0;
	int c, flags = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'W': flags |= FILE_FORCE; break;
		case 'F': form = optarg; break;
		case 'p': period = optarg; break;
		case 'f': fmt = optarg; break;
		case 'o': out = optarg; break;
		case 'm': mapping = optarg; break;
		case 'n': number = optarg; break;
		case 's': signer = optarg; break;
		case 't':
			to = xreallocarray(to, nto + 1, sizeof *to);
			to[nto++] = optarg;
			break;
		case 'h': free(to); cli_usage(&cmd_report_entry, 0); return 0;
		default: free(to); cli_usage(&cmd_report_entry, 1); return 2;
		}
	}
	if (form == NULL || period == NULL || optind != argc) {
		free(to);
		cli_usage(&cmd_report_entry, 1);
		return 2;
	}
	c = report_run(cli, form, period, fmt, out, flags, mapping, number, signer, to, nto);
	free(to);
	return c;
}

const struct cmd_entry cmd_report_entry = {
	"report", "report --form MÃ --period KỲ [--format text|csv|xlsx|json|long-csv|long-json] [--out TỆP [--force]] | "
	"report --form MÃ --period KỲ --format dhis2 --mapping TỆP.yaml [--out TỆP [--force]] | "
	"report --form MÃ --period KỲ --format pdf --out TỆP.pdf [--force] [--number CHỮ] [--signer TÊN] [--to CHỮ]...",
	"Văn phòng: báo cáo tổng hợp một biểu mẫu, một kỳ (đơn vị theo dòng, chỉ tiêu theo cột).",
	"Office: the consolidated report of a form and period (units as rows, fields as columns).",
	cmd_report_exec,
};

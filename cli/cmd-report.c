/*
 * cmd-report.c: `baocao report --form ID --period P [--format
 * text|csv|xlsx|json] [--out FILE]` — the office's consolidated report
 * (office/office-report.h). Text, CSV and JSON go to standard output
 * unless --out is given; XLSX needs --out. A file is written whole or not
 * at all.
 */
#include "cli.h"
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
cmd_report_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form = NULL, *period = NULL, *fmt = "text", *out = NULL;
	struct office_report rep;
	struct form_set set;
	struct store *st;
	char *cause = NULL;
	enum err e;
	int c, flags = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'W': flags |= FILE_FORCE; break;
		case 'F': form = optarg; break;
		case 'p': period = optarg; break;
		case 'f': fmt = optarg; break;
		case 'o': out = optarg; break;
		case 'h': cli_usage(&cmd_report_entry, 0); return 0;
		default: cli_usage(&cmd_report_entry, 1); return 2;
		}
	}
	if (form == NULL || period == NULL || optind != argc) {
		cli_usage(&cmd_report_entry, 1);
		return 2;
	}
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0 &&
	    strcmp(fmt, "xlsx") != 0)
		return cli_failf(ERR_INVALID, TR("--format %s: chọn text, csv, xlsx hoặc json",
		    "--format %s: choose text, csv, xlsx or json"), fmt);
	if (strcmp(fmt, "xlsx") == 0 && out == NULL)
		return cli_fail(ERR_INVALID, TR("--format xlsx cần --out TỆP.xlsx",
		    "--format xlsx needs --out FILE.xlsx"));
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
			} else {
				char *buf = NULL;
				size_t len = 0;
				FILE *m = open_memstream(&buf, &len);
				if (strcmp(fmt, "csv") == 0)
					e = office_report_csv(&rep, m);
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
	if (e != ERR_OK) {
		c = cli_fail(e, cause ? cause : TR("không ghi được báo cáo", "cannot write the report"));
		free(cause);
		return c;
	}
	if (out != NULL)
		printf("%s\n", out);
	return 0;
}

const struct cmd_entry cmd_report_entry = {
	"report", "report --form MÃ --period KỲ [--format text|csv|xlsx|json] [--out TỆP [--force]]",
	"Văn phòng: báo cáo tổng hợp một biểu mẫu, một kỳ (đơn vị theo dòng, chỉ tiêu theo cột).",
	"Office: the consolidated report of a form and period (units as rows, fields as columns).",
	cmd_report_exec,
};

/*
 * cmd-fill.c: `baocao fill --form ID --period P [--unit U] [--final] FILE`
 * enters one submission from a JSON or CSV file, with exactly the checks of
 * the terminal interface (forms/sub.c).
 *
 * JSON: {"field": value, ..., "grid-or-repeat": [{"column": value}, ...]}
 *   (or the full form that `baocao` itself writes, with "values", "rows"
 *   and "reasons").
 * CSV (UTF-8, comma-separated): field,value[,reason] — one line per value;
 *   a column is written column[ROW], ROW being the grid row's id (its STT)
 *   or the repeat row's number from 1; the reason confirms the soft checks
 *   of that value. A first line "field,value" is a header and skipped.
 *
 * Values that are not of their field's type, unknown fields and a bad
 * period stop everything: nothing is written. Otherwise the submission is
 * saved as a draft, whatever the checks say (as the TUI saves as you go),
 * and every error and warning is printed; with --final it is saved final
 * only when no error remains and every warning has a reason.
 */
#include "cli.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/sub.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"

#include <csv.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILL_MAX_BYTES (4 * 1024 * 1024)

/* ---- CSV ---- */

struct csv_in {
	struct sub *s;
	char *cell[3];
	int ncell;
	int line;
	int header_done;
	char *cause;		/* first error */
};

static void
csv_cell(void *data, size_t len, void *arg)
{
	struct csv_in *c = arg;

	if (c->ncell < 3)
		c->cell[c->ncell] = xstrndup(data ? data : "", len);
	c->ncell++;
}

/* "name[row]" -> field and row. */
static int
csv_target(struct sub *s, const char *key, int *row, char **cause)
{
	const struct form *f = sub_form(s);
	const char *br = strchr(key, '[');
	char *name = br ? xstrndup(key, (size_t)(br - key)) : xstrdup(key);
	int field = form_field_index(f, name), k;

	*row = -1;
	if (field < 0) {
		err_set(cause, ERR_INVALID, TR("không có trường '%s'", "no field '%s'"), name);
		free(name);
		return -1;
	}
	free(name);
	k = f->fields[field].container;
	if ((k >= 0) != (br != NULL)) {
		err_set(cause, ERR_INVALID, "%s", k >= 0
		    ? TR("là cột của bảng: viết tên[dòng]", "is a column: write name[row]")
		    : TR("không phải cột của bảng", "is not a column"));
		return -1;
	}
	if (k >= 0) {
		const struct form_field *kd = &f->fields[k];
		size_t len = strlen(br + 1);
		char *id;

		if (len == 0 || br[len] != ']') {
			err_set(cause, ERR_INVALID, "%s", TR("thiếu ']'", "']' missing"));
			return -1;
		}
		id = xstrndup(br + 1, len - 1);
		if (kd->type == FIELD_GRID) {
			for (size_t r = 0; r < kd->nrows; r++)
				if (strcmp(kd->rows[r].id, id) == 0)
					*row = (int)r;
		} else {
			char *end;
			long n = strtol(id, &end, 10);
			if (*end == '\0' && n >= 1 && n <= SUB_MAX_ROWS) {
				while (sub_rows(s, k) < n)
					sub_add_row(s, k);
				*row = (int)n - 1;
			}
		}
		if (*row < 0) {
			err_set(cause, ERR_INVALID, TR("không có dòng '%s'", "no row '%s'"), id);
			free(id);
			return -1;
		}
		free(id);
	}
	return field;
}

static void
csv_row(int c, void *arg)
{
	struct csv_in *in = arg;
	char *why = NULL;
	int row, field;

	(void)c;
	in->line++;
	if (in->cause == NULL && in->ncell > 0 && !(in->ncell == 1 && in->cell[0][0] == '\0')) {
		if (!in->header_done && in->line == 1 && (strcmp(in->cell[0], "field") == 0 ||
		    strcmp(in->cell[0], "trường") == 0)) {
			/* header */
		} else if (in->ncell < 2 || in->ncell > 3) {
			err_set(&in->cause, ERR_INVALID, TR("dòng %d: cần 2 hoặc 3 cột (trường,giá "
			    "trị[,lý do])", "line %d: 2 or 3 columns expected (field,value[,reason])"),
			    in->line);
		} else if ((field = csv_target(in->s, in->cell[0], &row, &why)) < 0 ||
		    sub_set(in->s, field, row, in->cell[1], &why) != ERR_OK) {
			err_set(&in->cause, ERR_INVALID, TR("dòng %d: %s: %s", "line %d: %s: %s"),
			    in->line, in->cell[0], why);
		} else if (in->ncell == 3) {
			const struct form_field *fd = &sub_form(in->s)->fields[field];
			for (size_t w = 0; w < fd->nwarns; w++)
				sub_set_reason(in->s, field, row, (int)w, in->cell[2]);
		}
		free(why);
	}
	in->header_done = 1;
	for (int i = 0; i < 3 && i < in->ncell; i++)
		free(in->cell[i]);
	in->ncell = 0;
}

static struct sub *
sub_from_csv(const struct form *f, int report, const char *period, const char *text,
    size_t len, char **cause)
{
	struct csv_parser p;
	struct csv_in in = { sub_new(f, report, period), { NULL, NULL, NULL }, 0, 0, 0, NULL };

	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		sub_free(in.s);
		err_set(cause, ERR_INVALID, "%s", "csv_init");
		return NULL;
	}
	if (csv_parse(&p, text, len, csv_cell, csv_row, &in) != len ||
	    csv_fini(&p, csv_cell, csv_row, &in) != 0) {
		if (in.cause == NULL)
			err_set(&in.cause, ERR_INVALID, TR("CSV sai quanh dòng %d: %s",
			    "bad CSV near line %d: %s"), in.line + 1, csv_strerror(csv_error(&p)));
	}
	csv_free(&p);
	for (int i = 0; i < 3 && i < in.ncell; i++)
		free(in.cell[i]);
	if (in.cause != NULL) {
		*cause = in.cause;
		sub_free(in.s);
		return NULL;
	}
	sub_recalc(in.s);
	return in.s;
}

/* ---- the verb ---- */

static void
print_issue(const char *file, const struct form *f, const struct sub_issue *is)
{
	const struct form_field *fd = &f->fields[is->field];
	char where[96] = "";

	if (is->row >= 0) {
		const struct form_field *k = &f->fields[fd->container];
		if (k->type == FIELD_GRID)
			snprintf(where, sizeof where, TR(", dòng %s", ", row %s"), k->rows[is->row].id);
		else
			snprintf(where, sizeof where, TR(", dòng %d", ", row %d"), is->row + 1);
	}
	fprintf(stderr, "%s: %s (%s%s): %s%s\n", file,
	    is->severity == SUB_ERROR ? TR("lỗi", "error") : TR("cảnh báo", "warning"),
	    fd->name, where, is->message,
	    is->severity == SUB_WARNING && is->confirmed ? TR(" — đã giải thích", " — explained")
	    : "");
}

/* The unit the submission is for: the field installation's own, or --unit
 * on the office (a unit of the roster, of the form's kind). */
static enum err
fill_unit(struct store *st, const struct form *f, const char *want, char **unit, char **cause)
{
	struct store_install in;
	struct store_unit *u;
	size_t n;
	enum err e = store_install_get(st, &in, cause);

	if (e != ERR_OK)
		return e;
	if (in.role == STORE_ROLE_FIELD) {
		if (want != NULL && strcmp(want, in.unit_id) != 0)
			e = err_set(cause, ERR_INVALID, TR("máy này chỉ nhập cho đơn vị %s",
			    "this installation enters data for unit %s only"), in.unit_id);
		else
			*unit = xstrdup(in.unit_id);
		store_install_free(&in);
		return e;
	}
	store_install_free(&in);
	if (want == NULL)
		return err_set(cause, ERR_INVALID, "%s", TR("văn phòng nhập thay đơn vị: cần "
		    "--unit MÃ", "the office enters data for a unit: --unit ID is needed"));
	e = store_unit_list(st, NULL, &u, &n, cause);
	if (e != ERR_OK)
		return e;
	e = err_set(cause, ERR_NOTFOUND, TR("không có đơn vị '%s' (xem 'baocao units')",
	    "no unit '%s' (see 'baocao units')"), want);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(u[i].id, want) != 0)
			continue;
		free(*cause);
		*cause = NULL;
		if (strcmp(u[i].kind, f->unit_kind) != 0)
			e = err_set(cause, ERR_INVALID, TR("biểu mẫu %s dành cho đơn vị loại %s; %s "
			    "là loại %s", "form %s is for units of kind %s; %s is of kind %s"), f->id,
			    f->unit_kind, want, u[i].kind);
		else {
			*unit = xstrdup(want);
			e = ERR_OK;
		}
	}
	store_unit_free(u, n);
	return e;
}

static int
fill_run(struct store *st, const char *form_id, const char *period_id, const char *unit_opt,
    int final, const char *file)
{
	struct form_set set;
	const struct form *f;
	struct sub *s = NULL;
	struct sub_issue *issues = NULL;
	struct store_sub prev_row;
	struct period p, pp;
	struct buf b;
	char *cause = NULL, *unit = NULL, *json = NULL, pid[PERIOD_ID_MAX];
	size_t nis = 0, errors, unconfirmed;
	int report, rev = 0, rc;
	enum err e;

	buf_init(&b, FILL_MAX_BYTES);
	e = form_set_load(st, &set, &cause);
	if (e != ERR_OK)
		goto out;
	if (!form_set_find(&set, form_id, &f, &report)) {
		e = err_set(&cause, ERR_INVALID, TR("không có biểu mẫu '%s' (xem 'baocao forms "
		    "list')", "no form '%s' (see 'baocao forms list')"), form_id);
		goto out_set;
	}
	if (!period_parse(f->reports[report].rule.kind, period_id, &p) ||
	    !deadline_applies(&f->reports[report].rule, &p)) {
		struct period eg;
		if (!deadline_current(&f->reports[report].rule, moment_from_unix(store_now()),
		    &set.cal, &eg))
			eg = period_containing(f->reports[report].rule.kind,
			    moment_from_unix(store_now()) / MINUTES_PER_DAY);
		e = err_set(&cause, ERR_INVALID, TR("kỳ '%s' không hợp lệ cho báo cáo %s (%s, ví dụ "
		    "%s)", "'%s' is not a period of report %s (%s, e.g. %s)"), period_id, form_id,
		    period_kind_label(f->reports[report].rule.kind), period_format(&eg, pid,
		    sizeof pid));
		goto out_set;
	}
	period_format(&p, pid, sizeof pid);
	e = fill_unit(st, f, unit_opt, &unit, &cause);
	if (e != ERR_OK)
		goto out_set;
	if ((strcmp(file, "-") == 0 ? buf_read_fd(&b, 0) : buf_read_file(&b, file)) < 0) {
		e = err_set(&cause, errno == EFBIG ? ERR_INVALID : ERR_IO, errno == EFBIG
		    ? TR("%s: tệp lớn quá %d byte", "%s: file larger than %d bytes")
		    : TR("%s: không đọc được", "%s: cannot read"), file, FILL_MAX_BYTES);
		goto out_set;
	}
	if (buf_add(&b, "", 1) < 0) {
		e = err_set(&cause, ERR_INVALID, TR("%s: tệp lớn quá %d byte",
		    "%s: file larger than %d bytes"), file, FILL_MAX_BYTES);
		goto out_set;
	}
	{
		const char *t = b.data;
		while (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t')
			t++;
		s = *t == '{' ? sub_from_json(f, report, pid, b.data, true, &cause)
		    : sub_from_csv(f, report, pid, b.data, b.len - 1, &cause);
	}
	if (s == NULL) {
		char *c = xasprintf("%s: %s", file, cause);
		free(cause);
		cause = c;
		e = ERR_INVALID;
		goto out_set;
	}
	sub_set_today(s, moment_from_unix(store_now()) / MINUTES_PER_DAY);
	if (deadline_previous(&f->reports[report].rule, &p, &pp)) {
		char ppid[PERIOD_ID_MAX];
		period_format(&pp, ppid, sizeof ppid);
		if (store_sub_get(st, form_id, unit, ppid, &prev_row, &cause) == ERR_OK) {
			char *why = NULL;
			struct sub *prev = sub_from_json(f, report, ppid, prev_row.data, false, &why);
			free(why);
			sub_set_previous(s, prev);
			free(prev_row.form_id);
			free(prev_row.unit_id);
			free(prev_row.period);
			free(prev_row.status);
			free(prev_row.status_reason);
			free(prev_row.data);
		}
		free(cause);
		cause = NULL;
	}
	nis = sub_check(s, &issues);
	sub_count(issues, nis, &errors, &unconfirmed);
	for (size_t i = 0; i < nis; i++)
		print_issue(file, f, &issues[i]);
	if (final && (errors > 0 || unconfirmed > 0)) {
		e = err_set(&cause, ERR_INVALID, TR("chưa hoàn tất được: còn %zu lỗi và %zu cảnh báo "
		    "chưa giải thích; không ghi gì", "cannot finalise: %zu errors and %zu unexplained "
		    "warnings remain; nothing written"), errors, unconfirmed);
		goto out_set;
	}
	json = sub_to_json(s);
	e = store_sub_save(st, form_id, unit, pid, f->version, json, final, &rev, &cause);
	if (e == ERR_OK)
		printf(final ? TR("%s %s %s: đã hoàn tất (lần sửa %d).\n",
		    "%s %s %s: finalised (revision %d).\n")
		    : TR("%s %s %s: đã lưu nháp (lần sửa %d; %zu lỗi, %zu cảnh báo).\n",
		    "%s %s %s: draft saved (revision %d; %zu errors, %zu warnings).\n"),
		    form_id, unit, pid, rev, errors, unconfirmed);
out_set:
	/* the submission points into the form set: free it first */
	sub_issues_free(issues, nis);
	issues = NULL;
	nis = 0;
	sub_free(s);
	s = NULL;
	form_set_free(&set);
out:
	rc = e == ERR_OK ? 0 : cli_fail(e, cause);
	free(cause);
	free(json);
	free(unit);
	sub_issues_free(issues, nis);
	sub_free(s);
	buf_free(&b);
	return rc;
}

static int
cmd_fill_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "period", required_argument, NULL, 'p' },
		{ "unit", required_argument, NULL, 'u' },
		{ "final", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form = NULL, *period = NULL, *unit = NULL;
	struct store *st;
	int c, final = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'F': form = optarg; break;
		case 'p': period = optarg; break;
		case 'u': unit = optarg; break;
		case 'x': final = 1; break;
		case 'h': cli_usage(&cmd_fill_entry, 0); return 0;
		default: cli_usage(&cmd_fill_entry, 1); return 2;
		}
	}
	if (form == NULL || period == NULL || optind + 1 != argc) {
		cli_usage(&cmd_fill_entry, 1);
		return 2;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	c = fill_run(st, form, period, unit, final, argv[optind]);
	store_close(st);
	return c;
}

const struct cmd_entry cmd_fill_entry = {
	"fill",
	"fill --form MÃ --period KỲ [--unit MÃ-ĐƠN-VỊ] [--final] TỆP.json|TỆP.csv|-",
	"Nhập một báo cáo từ tệp JSON hoặc CSV, cùng các kiểm tra như giao diện.",
	"Enter one submission from a JSON or CSV file, with the interface's checks.",
	cmd_fill_exec,
};

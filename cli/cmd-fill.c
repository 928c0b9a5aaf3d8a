/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * The input is laid over what is stored: fields it does not name keep
 * their values; JSON null or an empty CSV value ("field,") clears one on
 * purpose; --replace starts from an empty submission instead. Input that
 * names no value at all (nothing, blanks, only a header, {}) is refused:
 * it is never a way to wipe a draft.
 *
 * Values that are not of their field's type, unknown fields, a NUL byte
 * and a bad period stop everything: nothing is written, and every bad line
 * or field is reported (file:line: message), the first 20 and then a count.
 * A UTF-8 byte-order mark is skipped. Otherwise the submission is saved as
 * a new revision (the one before is kept), whatever the checks say, and
 * every error and warning is printed; with --final it is saved final only
 * when no error remains and every warning has a reason.
 */
#include "cli.h"
#include "../core/text.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../forms/sub.h"
#include "../forms/sub-open.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"

#include <csv.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILL_MAX_BYTES (4 * 1024 * 1024)
#define FILL_MAX_SHOWN 20	/* errors printed; then one line counts the rest */

/* ---- errors, capped ---- */

/* Every input error of one file: the first FILL_MAX_SHOWN kept as lines
 * "FILE:LINE: message" (or "FILE: message" where no line is known), the
 * rest only counted, so a bad file of 5,000 lines prints 21 lines. */
struct fill_errs {
	const char *file;
	char *shown[FILL_MAX_SHOWN];
	size_t n;
};

static void fill_err(struct fill_errs *fe, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fill_err(struct fill_errs *fe, int line, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (fe->n < FILL_MAX_SHOWN) {
		va_start(ap, fmt);
		m = xvasprintf(fmt, ap);
		va_end(ap);
		fe->shown[fe->n] = m;
		if (line > 0)
			err_where(&fe->shown[fe->n], "%s:%d", fe->file, line);
		else
			err_where(&fe->shown[fe->n], "%s", fe->file);
	}
	fe->n++;
}

static void
fill_errs_free(struct fill_errs *fe)
{
	for (size_t i = 0; i < fe->n && i < FILL_MAX_SHOWN; i++)
		free(fe->shown[i]);
	fe->n = 0;
}

/* Print the errors (one: as the one line of cli_fail; more: each, then a
 * count) and return the exit status: nothing was written. */
static int
fill_errs_report(struct fill_errs *fe)
{
	size_t shown = fe->n < FILL_MAX_SHOWN ? fe->n : FILL_MAX_SHOWN;

	if (fe->n == 1)
		return cli_fail(ERR_INVALID, fe->shown[0]);
	for (size_t i = 0; i < shown; i++)
		cli_fail_line(fe->shown[i]);
	if (fe->n > shown)
		return cli_failf_at(ERR_INVALID, fe->file, TR("%zu lỗi, %zu lỗi đầu ở trên, %zu lỗi nữa không "
		    "in; không ghi gì", "%zu errors, the first %zu above, %zu more not shown; "
		    "nothing written"), fe->n, shown, fe->n - shown);
	return cli_failf_at(ERR_INVALID, fe->file, TR("%zu lỗi ở trên; không ghi gì",
	    "%zu errors above; nothing written"), fe->n);
}

/* ---- CSV ---- */

/* Where a value came from: the line of the CSV that set FIELD (ROW), so
 * that its errors and warnings name the line. */
struct fill_where {
	int field, row, line;
};

struct fill_lines {
	struct fill_where *v;
	size_t n;
};

static void
lines_note(struct fill_lines *l, int field, int row, int line)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].field == field && l->v[i].row == row) {
			l->v[i].line = line;
			return;
		}
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct fill_where){ field, row, line };
}

/* The line that set FIELD (ROW), or 0. */
static int
lines_find(const struct fill_lines *l, int field, int row)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].field == field && l->v[i].row == row)
			return l->v[i].line;
	return 0;
}

struct csv_in {
	struct sub *s;
	char *cell[3];
	int ncell;
	int line;		/* the physical line being read */
	int rows;		/* rows seen (header and blank lines included) */
	int values;		/* value lines applied */
	struct fill_errs *errs;
	struct fill_lines *lines;
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
		err_set(cause, ERR_INVALID, TR("không có trường '%s'", "no field '%s'"), text_quote(name));
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
			err_set(cause, ERR_INVALID, TR("không có dòng '%s'", "no row '%s'"), text_quote(id));
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
	in->rows++;
	if (in->ncell > 0 && !(in->ncell == 1 && in->cell[0][0] == '\0')) {
		if (in->rows == 1 && (strcmp(in->cell[0], "field") == 0 ||
		    strcmp(in->cell[0], "trường") == 0)) {
			/* header */
		} else if (in->ncell < 2 || in->ncell > 3) {
			fill_err(in->errs, in->line, "%s", TR("cần 2 hoặc 3 cột (trường,giá trị[,lý do])",
			    "2 or 3 columns expected (field,value[,reason])"));
		} else if ((field = csv_target(in->s, in->cell[0], &row, &why)) < 0 ||
		    sub_set(in->s, field, row, in->cell[1], &why) != ERR_OK) {
			fill_err(in->errs, in->line, "%s" ERR_WHERE_SEP "%s", why, in->cell[0]);
		} else {
			in->values++;
			lines_note(in->lines, field, row, in->line);
			if (in->ncell == 3) {
				const struct form_field *fd = &sub_form(in->s)->fields[field];
				for (size_t w = 0; w < fd->nwarns; w++)
					sub_set_reason(in->s, field, row, (int)w, in->cell[2]);
			}
		}
		free(why);
	}
	for (int i = 0; i < 3 && i < in->ncell; i++)
		free(in->cell[i]);
	in->ncell = 0;
}

/*
 * Apply the CSV TEXT (no NUL, no BOM) onto S, collecting every bad line in
 * ERRS and the line of every value set in LINES. Returns the number of value lines applied. It is fed to libcsv one
 * physical line at a time, so that each row knows its line number (a quoted
 * value over several lines is counted at its last).
 */
static int
csv_apply(struct sub *s, const char *text, size_t len, struct fill_errs *errs,
    struct fill_lines *lines)
{
	struct csv_parser p;
	struct csv_in in = { s, { NULL, NULL, NULL }, 0, 0, 0, 0, errs, lines };
	size_t at = 0;

	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		fill_err(errs, 0, "%s", "csv_init");
		return 0;
	}
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;

		in.line++;
		if (csv_parse(&p, text + at, n, csv_cell, csv_row, &in) != n) {
			fill_err(errs, in.line, TR("CSV sai: %s", "bad CSV: %s"),
			    csv_strerror(csv_error(&p)));
			break;
		}
		at += n;
	}
	if (at == len && csv_fini(&p, csv_cell, csv_row, &in) != 0)
		fill_err(errs, in.line, TR("CSV sai: %s", "bad CSV: %s"),
		    csv_strerror(csv_error(&p)));
	csv_free(&p);
	for (int i = 0; i < 3 && i < in.ncell; i++)
		free(in.cell[i]);
	sub_recalc(s);
	return in.values;
}

/* ---- JSON ---- */

/* The fields JSON input names: {"values": {...}, "rows": {...}} (the form
 * baocao writes) or the plain {"field": value, ...}. *ROWS: the grid and
 * repeat part, NULL in the plain form (there they are among the values). */
static json_t *
json_fields(json_t *root, json_t **rows)
{
	json_t *vals = json_object_get(root, "values");

	if (json_is_object(vals)) {
		*rows = json_object_get(root, "rows");
		if (!json_is_object(*rows))
			*rows = NULL;
		return vals;
	}
	*rows = NULL;
	return root;
}

/*
 * Check each named field of the JSON input on its own, so that every bad
 * one is reported (not only the first). Returns the number of fields named.
 */
static size_t
json_check(const struct form *f, int report, const char *period, json_t *root,
    struct fill_errs *errs)
{
	json_t *rows, *vals = json_fields(root, &rows), *v;
	json_t *parts[2] = { vals, rows };
	const char *key;
	size_t named = 0;

	for (int k = 0; k < 2; k++) {
		json_object_foreach(parts[k], key, v) {
			json_t *one;
			char *text, *why = NULL;
			struct sub *s;

			if (k == 0 && vals == root && strcmp(key, "reasons") == 0)
				continue;
			named++;
			one = json_object();
			if (k == 0 && vals == root)
				json_object_set(one, key, v);
			else {
				json_t *inner = json_object();
				json_object_set(inner, key, v);
				json_object_set_new(one, "values", k == 0 ? inner : json_object());
				json_object_set_new(one, "rows", k == 1 ? inner : json_object());
			}
			text = json_dumps(one, JSON_COMPACT);
			json_decref(one);
			s = sub_from_json(f, report, period, text, true, &why);
			free(text);
			if (s == NULL)
				fill_err(errs, 0, "%s", why);
			sub_free(s);
			free(why);
		}
	}
	return named;
}

/* Overlay grid rows IN onto BASE (both arrays of row objects): a row is
 * named by "_row", else by its place. */
static void
json_merge_grid(json_t *base, json_t *in)
{
	size_t i;
	json_t *ro;

	json_array_foreach(in, i, ro) {
		json_t *id = json_object_get(ro, "_row"), *target = NULL, *b;
		size_t j;

		if (json_is_string(id)) {
			json_array_foreach(base, j, b)
				if (json_equal(json_object_get(b, "_row"), id))
					target = b;
		} else {
			target = json_array_get(base, i);
		}
		if (target != NULL)
			json_object_update(target, ro);
		else
			json_array_append(base, ro);
	}
}

/*
 * The stored submission BASE_TEXT (as sub_to_json writes it) with the JSON
 * input IN laid over it: each named field replaces the stored one (null
 * clears it), a repeat's rows are replaced as a whole, a grid's rows are
 * merged cell by cell, reasons given are added. Caller frees.
 */
static char *
json_merge(const struct form *f, const char *base_text, json_t *in)
{
	json_t *base = json_loads(base_text, 0, NULL), *bvals, *brows, *rows, *vals, *v;
	const char *key;
	char *out;

	if (!json_is_object(base)) {
		json_decref(base);
		base = json_object();
	}
	bvals = json_object_get(base, "values");
	if (!json_is_object(bvals)) {
		bvals = json_object();
		json_object_set_new(base, "values", bvals);
	}
	brows = json_object_get(base, "rows");
	if (!json_is_object(brows)) {
		brows = json_object();
		json_object_set_new(base, "rows", brows);
	}
	vals = json_fields(in, &rows);
	for (int k = 0; k < 2; k++) {
		json_object_foreach(k == 0 ? vals : rows, key, v) {
			int i = form_field_index(f, key);
			if (i < 0 || (k == 0 && vals == in && strcmp(key, "reasons") == 0))
				continue;
			if (f->fields[i].type == FIELD_GRID && json_is_array(json_object_get(brows,
			    key)) && json_is_array(v))
				json_merge_grid(json_object_get(brows, key), v);
			else if (f->fields[i].type == FIELD_GRID || f->fields[i].type == FIELD_REPEAT)
				json_object_set(brows, key, v);
			else
				json_object_set(bvals, key, v);
		}
	}
	v = json_object_get(in, "reasons");
	if (json_is_array(v)) {
		json_t *br = json_object_get(base, "reasons");
		if (!json_is_array(br)) {
			br = json_array();
			json_object_set_new(base, "reasons", br);
		}
		json_array_extend(br, v);
	}
	out = json_dumps(base, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(base);
	return out;
}

/* ---- the verb ---- */

/* "FILE:LINE: lỗi (field, dòng ROW): message", LINE where the CSV line that
 * set the value is known. */
static void
print_issue(const char *file, const struct form *f, const struct sub_issue *is,
    const struct fill_lines *lines)
{
	const struct form_field *fd = &f->fields[is->field];
	char where[96] = "", at[24] = "";
	int line = lines_find(lines, is->field, is->row);

	if (line > 0)
		snprintf(at, sizeof at, ":%d", line);

	if (is->row >= 0) {
		const struct form_field *k = &f->fields[fd->container];
		if (k->type == FIELD_GRID)
			snprintf(where, sizeof where, TR(", dòng %s", ", row %s"), k->rows[is->row].id);
		else
			snprintf(where, sizeof where, TR(", dòng %d", ", row %d"), is->row + 1);
	}
	/* what (error or warning, and the message) first; where (field, row, file:line) last */
	fprintf(stderr, "%s%s: %s" ERR_WHERE_SEP "%s%s, %s%s\n",
	    is->severity == SUB_ERROR ? TR("lỗi", "error") : TR("cảnh báo", "warning"),
	    is->severity == SUB_WARNING && is->confirmed ? TR(" (đã giải thích)", " (explained)")
	    : "", is->message, fd->name, where, file, at);
}

/* Does UNIT, of KIND, owe report REPORT of F? A kind that only helps on
 * its rows opens it read-only, in the interface: said so, with the rows. */
static enum err
fill_owed(const struct form *f, int report, const char *unit, const char *kind, char **cause)
{
	char rows[256];

	if (form_owed_by(f, report, kind))
		return ERR_OK;
	if (form_helps_on(f, report, kind))
		return err_set(cause, ERR_INVALID, TR("%s: đơn vị %s (loại %s) chỉ phối hợp ở dòng "
		    "%s, không chủ trì dòng nào: chỉ xem, không nhập (xem trong giao diện, hoặc "
		    "'baocao forms show %s')", "%s: unit %s (kind %s) only helps on rows %s and "
		    "leads none: read only, nothing to fill (see it in the interface, or 'baocao "
		    "forms show %s')"), f->reports[report].form_id, unit, kind,
		    form_helped_rows(f, report, kind, rows, sizeof rows), f->reports[report].form_id);
	if (form_owed_by(f, -1, kind))	/* it leads rows of another report */
		return err_set(cause, ERR_INVALID, TR("báo cáo %s không có dòng nào do đơn vị loại "
		    "%s chủ trì", "report %s has no row that units of kind %s lead"),
		    f->reports[report].form_id, kind);
	return err_set(cause, ERR_INVALID, TR("biểu mẫu %s dành cho đơn vị loại %s; %s là loại %s",
	    "form %s is for units of kind %s; %s is of kind %s"), f->id, f->unit_kind, unit,
	    kind);
}

/* The unit the submission is for: the field installation's own, or --unit
 * on the office (a unit of the roster, of the form's kind); either way one
 * that owes report REPORT (fill_owed). */
static enum err
fill_unit(struct store *st, const struct form *f, int report, const char *want, char **unit,
    char **cause)
{
	struct store_install in;
	struct store_unit *u;
	size_t n;
	enum err e = store_install_get(st, &in, cause);

	if (e != ERR_OK)
		return e;
	if (in.role == STORE_ROLE_FIELD) {
		char *kind = NULL, *why = NULL;
		if (want != NULL && strcmp(want, in.unit_id) != 0)
			e = err_set(cause, ERR_INVALID, TR("máy này chỉ nhập cho đơn vị %s",
			    "this installation enters data for unit %s only"), in.unit_id);
		else if (form_unit_kind(st, in.unit_id, &kind, &why) == ERR_OK &&
		    (e = fill_owed(f, report, in.unit_id, kind, cause)) != ERR_OK)
			;	/* not its report */
		else
			*unit = xstrdup(in.unit_id);
		free(kind);
		free(why);	/* not on its roster yet: the rows' own checks say */
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
	    "no unit '%s' (see 'baocao units')"), text_quote(want));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(u[i].id, want) != 0)
			continue;
		free(*cause);
		*cause = NULL;
		e = fill_owed(f, report, want, u[i].kind, cause);
		if (e == ERR_OK)
			*unit = xstrdup(want);
	}
	store_unit_free(u, n);
	return e;
}

static int
fill_run(struct store *st, const char *form_id, const char *period_id, const char *unit_opt,
    int final, int replace, const char *file)
{
	struct form_set set;
	const struct form *f;
	struct sub *s = NULL;
	struct sub_issue *issues = NULL;
	struct period p;
	struct buf b;
	char *cause = NULL, *unit = NULL, *json = NULL, *refusal, pid[PERIOD_ID_MAX];
	size_t nis = 0, errors, unconfirmed;
	int report, rev = 0, rc, reported = -1, have_base = 0;
	struct store_sub base;
	struct fill_errs errs;
	struct fill_lines lines = { NULL, 0 };
	enum err e;

	memset(&errs, 0, sizeof errs);
	errs.file = file;
	memset(&base, 0, sizeof base);
	buf_init(&b, FILL_MAX_BYTES);
	e = form_set_load(st, &set, &cause);
	if (e != ERR_OK)
		goto out;
	if (!form_set_find(&set, form_id, &f, &report)) {
		e = err_set(&cause, ERR_INVALID, TR("không có biểu mẫu '%s' (xem 'baocao forms "
		    "list')", "no form '%s' (see 'baocao forms list')"), text_quote(form_id));
		goto out_set;
	}
	refusal = form_period_refusal(f, report, period_id, &p);
	if (refusal != NULL && period_parse(f->reports[report].rule.kind, period_id, &p) &&
	    !deadline_in_window(&f->reports[report].rule, &p)) {
		/* outside the plan's validity: say so, not "not a period" */
		e = err_set(&cause, ERR_INVALID, "%s", refusal);
		free(refusal);
		goto out_set;
	}
	if (refusal != NULL) {
		struct period eg;
		free(refusal);
		if (!deadline_current(&f->reports[report].rule, moment_from_unix(store_now()),
		    &set.cal, &eg))
			eg = period_containing(f->reports[report].rule.kind,
			    moment_from_unix(store_now()) / MINUTES_PER_DAY);
		e = err_set(&cause, ERR_INVALID, TR("kỳ '%s' không hợp lệ cho báo cáo %s (%s, ví dụ "
		    "%s)", "'%s' is not a period of report %s (%s, e.g. %s)"), text_quote(period_id), form_id,
		    period_kind_label(f->reports[report].rule.kind), period_format(&eg, pid,
		    sizeof pid));
		goto out_set;
	}
	period_format(&p, pid, sizeof pid);
	e = fill_unit(st, f, report, unit_opt, &unit, &cause);
	if (e != ERR_OK)
		goto out_set;
	if ((strcmp(file, "-") == 0 ? buf_read_fd(&b, 0) : buf_read_file(&b, file)) < 0) {
		e = errno == EFBIG ? err_set_at(&cause, ERR_INVALID, file, TR("tệp lớn quá %d byte",
		    "file larger than %d bytes"), FILL_MAX_BYTES) : err_set_at(&cause, ERR_IO, file,
		    TR("không đọc được: %s", "cannot read: %s"), err_os(errno));
		goto out_set;
	}
	if (b.len >= 2 && (memcmp(b.data, "\xFF\xFE", 2) == 0 || memcmp(b.data, "\xFE\xFF", 2) == 0)) {
		/* Excel's "Unicode text" */
		e = err_set_at(&cause, ERR_INVALID, file, TR("tệp UTF-16; hãy lưu lại dạng CSV UTF-8; "
		    "không ghi gì", "a UTF-16 file; save it as CSV UTF-8; nothing written"));
		goto out_set;
	}
	{
		const char *nul = memchr(b.data, '\0', b.len);
		if (nul != NULL) {
			int line = 1;
			for (const char *q = b.data; q < nul; q++)
				line += *q == '\n';
			e = err_set(&cause, ERR_INVALID, TR("có byte NUL, đây không phải tệp "
			    "văn bản; không ghi gì" ERR_WHERE_SEP "%s:%d", "a NUL byte, this is not a text file; "
			    "nothing written" ERR_WHERE_SEP "%s:%d"), file, line);
			goto out_set;
		}
	}
	if (buf_add(&b, "", 1) < 0) {
		e = err_set_at(&cause, ERR_INVALID, file, TR("tệp lớn quá %d byte",
		    "file larger than %d bytes"), FILL_MAX_BYTES);
		goto out_set;
	}
	/* what is stored now: the input is laid over it (unless --replace) */
	if (!replace) {
		e = store_sub_get(st, form_id, unit, pid, &base, &cause);
		have_base = e == ERR_OK;
		if (e != ERR_OK && e != ERR_NOTFOUND)
			goto out_set;	/* cannot read what is stored: write nothing */
		free(cause);
		cause = NULL;
		e = ERR_OK;
	}
	{
		/* a UTF-8 byte-order mark (what Excel writes) is not content */
		const char *body = b.data, *t;
		size_t blen = b.len - 1;
		int is_json;

		if (blen >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
			body += 3;
			blen -= 3;
		}
		for (t = body; *t == ' ' || *t == '\n' || *t == '\r' || *t == '\t'; t++)
			;
		is_json = *t == '{';
		if (*t == '\0')
			goto empty;
		if (is_json) {
			json_error_t jerr;
			json_t *root = json_loads(body, JSON_REJECT_DUPLICATES, &jerr);
			size_t named;

			if (root == NULL || !json_is_object(root)) {
				if (root == NULL && jerr.column > 0)
					e = err_set(&cause, ERR_INVALID, TR("JSON sai: %s" ERR_WHERE_SEP "%s:%d:%d",
					    "bad JSON: %s" ERR_WHERE_SEP "%s:%d:%d"), jerr.text, file, jerr.line,
					    jerr.column);
				else if (root == NULL)
					e = err_set(&cause, ERR_INVALID, TR("JSON sai: %s" ERR_WHERE_SEP "%s:%d",
					    "bad JSON: %s" ERR_WHERE_SEP "%s:%d"), jerr.text, file, jerr.line);
				else
					e = err_set_at(&cause, ERR_INVALID, file, TR("JSON phải là một đối tượng "
					    "{...}", "the JSON must be an object {...}"));
				json_decref(root);
				goto out_set;
			}
			named = json_check(f, report, pid, root, &errs);
			if (errs.n > 0) {
				json_decref(root);
				reported = fill_errs_report(&errs);
				goto out_set;
			}
			if (named == 0) {
				json_decref(root);
				goto empty;
			}
			if (have_base) {
				char *merged = json_merge(f, base.data, root);
				s = sub_from_json(f, report, pid, merged, false, &cause);
				free(merged);
			} else {
				s = sub_from_json(f, report, pid, body, true, &cause);
			}
			json_decref(root);
		} else {
			int values;

			s = have_base ? sub_from_json(f, report, pid, base.data, false, &cause) : NULL;
			free(cause);
			cause = NULL;
			if (s == NULL)
				s = sub_new(f, report, pid);
			{
				/* the unit's kind first: a row it does not lead is
				 * refused at its own line (FILE:LINE), with the rest */
				char *kind = NULL, *why = NULL;
				if (form_unit_kind(st, unit, &kind, &why) == ERR_OK)
					sub_set_kind(s, kind);
				free(why);
				free(kind);
			}
			values = csv_apply(s, body, blen, &errs, &lines);
			if (errs.n > 0) {
				reported = fill_errs_report(&errs);
				goto out_set;
			}
			if (values == 0)
				goto empty;
		}
	}
	if (s == NULL) {
		err_where(&cause, "%s", file);
		e = ERR_INVALID;
		goto out_set;
	}
	/* a plan's rows: the unit fills those it leads, nothing else (plan.h) */
	{
		char *kind = NULL, *why = NULL;
		if (form_unit_kind(st, unit, &kind, &why) == ERR_OK) {
			if (sub_foreign(s, kind, &why)) {
				e = err_set_at(&cause, ERR_INVALID, file, TR("%s; không ghi gì",
				    "%s; nothing written"), why);
				free(why);
				free(kind);
				goto out_set;
			}
			sub_set_kind(s, kind);
		}
		free(why);
		free(kind);
	}
	sub_set_today(s, moment_from_unix(store_now()) / MINUTES_PER_DAY);
	{
		/* the previous period, as the form screen and the office report
		 * read it (forms/sub-open.h) */
		struct store_install in;
		char *why = NULL;
		if (store_install_get(st, &in, &why) == ERR_OK) {
			why = sub_attach_previous(st, s, f, report, unit, &p, sub_prev_for(in.role));
			store_install_free(&in);
		}
		if (why != NULL)	/* prev() compares with nothing: say why */
			fprintf(stderr, TR("Cảnh báo: %s\n", "Warning: %s\n"), why);
		free(why);
	}
	nis = sub_check(s, &issues);
	sub_count(issues, nis, &errors, &unconfirmed);
	for (size_t i = 0; i < nis && i < FILL_MAX_SHOWN; i++)
		print_issue(file, f, &issues[i], &lines);
	if (nis > FILL_MAX_SHOWN)
		fprintf(stderr, TR("… và %zu lỗi, cảnh báo nữa không in" ERR_WHERE_SEP "%s\n",
		    "… and %zu more errors and warnings not shown" ERR_WHERE_SEP "%s\n"),
		    nis - FILL_MAX_SHOWN, file);
	if (final && (errors > 0 || unconfirmed > 0)) {
		e = err_set(&cause, ERR_INVALID, TR("chưa hoàn tất được: còn %zu lỗi và %zu cảnh báo "
		    "chưa giải thích; không ghi gì", "cannot finalise: %zu errors and %zu unexplained "
		    "warnings remain; nothing written"), errors, unconfirmed);
		goto out_set;
	}
	json = sub_to_json(s);
	e = store_sub_save(st, form_id, unit, pid, f->version, json, final, &rev, &cause);
	if (e == ERR_OK && !final && have_base && strcmp(base.status, "draft") == 0 &&
	    base.rev == rev)
		printf(TR("%s %s %s: không có gì thay đổi (vẫn lần sửa %d; %zu lỗi, %zu cảnh báo).\n",
		    "%s %s %s: nothing changed (still revision %d; %zu errors, %zu warnings).\n"),
		    form_id, unit, pid, rev, errors, unconfirmed);
	else if (e == ERR_OK)
		printf(final ? TR("%s %s %s: đã hoàn tất (lần sửa %d).\n",
		    "%s %s %s: finalised (revision %d).\n")
		    : TR("%s %s %s: đã lưu nháp (lần sửa %d; %zu lỗi, %zu cảnh báo).\n",
		    "%s %s %s: draft saved (revision %d; %zu errors, %zu warnings).\n"),
		    form_id, unit, pid, rev, errors, unconfirmed);
	goto out_set;
empty:
	e = err_set_at(&cause, ERR_INVALID, file, TR("không có giá trị nào; không ghi gì (để xoá một "
	    "giá trị, ghi rõ: JSON \"trường\": null, CSV \"trường,\")", "no values; nothing "
	    "written (to clear a value, say so: JSON \"field\": null, CSV \"field,\")"));
out_set:
	/* the submission points into the form set: free it first */
	sub_issues_free(issues, nis);
	issues = NULL;
	nis = 0;
	sub_free(s);
	s = NULL;
	form_set_free(&set);
out:
	rc = reported >= 0 ? reported : e == ERR_OK ? 0 : cli_fail(e, cause);
	fill_errs_free(&errs);
	free(lines.v);
	if (have_base) {
		free(base.form_id);
		free(base.unit_id);
		free(base.period);
		free(base.status);
		free(base.status_reason);
		free(base.data);
	}
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
		{ "replace", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form = NULL, *period = NULL, *unit = NULL;
	struct store *st;
	int c, final = 0, replace = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'F': form = optarg; break;
		case 'p': period = optarg; break;
		case 'u': unit = optarg; break;
		case 'x': final = 1; break;
		case 'r': replace = 1; break;
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
	c = fill_run(st, form, period, unit, final, replace, argv[optind]);
	store_close(st);
	return c;
}

const struct cmd_entry cmd_fill_entry = {
	"fill",
	"fill --form MÃ --period KỲ [--unit MÃ-ĐƠN-VỊ] [--final] [--replace] TỆP.json|TỆP.csv|-",
	"Nhập một báo cáo từ tệp JSON hoặc CSV, cùng các kiểm tra như giao diện.",
	"Enter one submission from a JSON or CSV file, with the interface's checks.",
	cmd_fill_exec,
};

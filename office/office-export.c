/*
 * office-export: the consolidated report written out (see office-report.h).
 *
 * Every format has the same table: a header, one row per unit in roster
 * order (id, name, status, then each field of the report in form order),
 * and a total row. Values are the canonical text of forms/sub.h (a '.' for
 * decimals); in XLSX numbers are numbers and dates are dates. Output
 * depends only on the data, so the same data gives the same bytes (the
 * XLSX's creation time is fixed for that reason).
 */
#include "office-report.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "../core/file.h"
#include "../core/mem.h"
#include "../core/text.h"

static const char *
label(const struct form_field *fd)
{
	return fd->label ? fd->label : fd->name;
}

static const char *
status_label(const char *status)
{
	if (status == NULL)
		return TR("chưa nộp", "missing");
	if (strcmp(status, "approved") == 0)
		return TR("đã duyệt", "approved");
	if (strcmp(status, "returned") == 0)
		return TR("bị trả lại", "returned");
	if (strcmp(status, "received") == 0)
		return TR("đã nhận", "received");
	return TR("hoàn tất", "final");
}

/* S cut or padded to WIDTH terminal columns, then a space. */
static void
put_cell(FILE *out, const char *s, int width)
{
	int w = 0;

	for (const char *p = s; *p; ) {
		char ch[8];
		int n = 1, cw;
		while (p[n] && (p[n] & 0xc0) == 0x80 && n < 7)
			n++;
		memcpy(ch, p, (size_t)n);
		ch[n] = '\0';
		cw = text_width(ch);
		if (w + cw > width - 1)
			break;
		fputs(ch, out);
		w += cw;
		p += n;
	}
	for (; w < width; w++)
		fputc(' ', out);
}

/* ---- text, with the trend drawn as bars ---- */

enum err
office_report_text(const struct office_report *rep, FILE *out)
{
	const struct form *f = rep->f;
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

	fprintf(out, "%s — %s %s\n", f->reports[rep->report].form_id, TR("kỳ", "period"),
	    rep->period);
	fprintf(out, "%s\n\n", f->title);
	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &f->fields[rep->cols[c]];
		const char *t = sub_get(rep->total, rep->cols[c], -1);
		if (fd->type != FIELD_INTEGER && fd->type != FIELD_DECIMAL &&
		    fd->type != FIELD_CALCULATE)
			continue;
		fputs("  ", out);
		put_cell(out, label(fd), 44);	/* with the value, fits 80 columns */
		fprintf(out, "%*s %s", t ? 9 : 11, t ? t : "—", t && fd->unit ? fd->unit : "");
		if (fd->target)
			fprintf(out, TR("  (chỉ tiêu %s)", "  (target %s)"), fd->target);
		fputc('\n', out);
	}
	fprintf(out, "\n%s\n", TR("Đơn vị:", "Units:"));
	for (size_t u = 0; u < rep->nunits; u++) {
		fputs("  ", out);
		put_cell(out, rep->units[u].id, 24);
		put_cell(out, status_label(rep->units[u].status), 12);
		fprintf(out, "%s\n", rep->units[u].name);
	}
	/* an incident or a request is told in words: each unit's answers */
	if (period_kind_adhoc(f->reports[rep->report].rule.kind)) {
		for (size_t u = 0; u < rep->nunits; u++) {
			if (rep->units[u].s == NULL)
				continue;
			fprintf(out, "\n%s:\n", rep->units[u].name);
			for (size_t c = 0; c < rep->ncols; c++) {
				const struct form_field *fd = &f->fields[rep->cols[c]];
				char buf[1024];
				const char *v;
				if (fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL ||
				    fd->type == FIELD_CALCULATE)
					continue;
				v = office_report_cell(rep, rep->units[u].s, c, buf, sizeof buf);
				if (v == NULL || *v == '\0')
					continue;
				fputs("  ", out);
				put_cell(out, label(fd), 32);
				fprintf(out, "%s\n", v);
			}
		}
	}
	if (rep->ntasks) {
		fprintf(out, "\n%s\n", TR("Nhiệm vụ (xong / đang làm / chậm / chưa):",
		    "Tasks (done / in progress / late / not started):"));
		for (size_t t = 0; t < rep->ntasks; t++)
			fprintf(out, "  %-6s %3d / %3d / %3d / %3d  %.60s\n", rep->tasks[t].row->id,
			    rep->tasks[t].done, rep->tasks[t].doing, rep->tasks[t].late,
			    rep->tasks[t].none, rep->tasks[t].row->label);
	}
	if (rep->trend_field >= 0 && rep->ntrend) {
		double lo = 0, hi = 0;
		int first = 1;
		for (int k = 0; k < rep->ntrend; k++)
			if (rep->trend_known[k]) {
				if (first || rep->trend[k] < lo)
					lo = rep->trend[k];
				if (first || rep->trend[k] > hi)
					hi = rep->trend[k];
				first = 0;
			}
		fprintf(out, "\n%s %s:\n  ", TR("Xu hướng", "Trend of"),
		    label(&f->fields[rep->trend_field]));
		for (int k = 0; k < rep->ntrend; k++) {
			int b = !rep->trend_known[k] ? -1 : hi > lo ?
			    (int)lround((rep->trend[k] - lo) / (hi - lo) * 7) : 3;
			fputs(b < 0 ? "·" : bars[b], out);
		}
		fprintf(out, "   %s … %s", rep->trend_period[0], rep->trend_period[rep->ntrend - 1]);
		if (!first)
			fprintf(out, TR("   (thấp nhất %g, cao nhất %g)", "   (lowest %g, highest %g)"),
			    lo, hi);
		fputc('\n', out);
	}
	fprintf(out, "\n%s\n", rep->nalerts ? TR("Cảnh báo:", "Alerts:") :
	    TR("Không có cảnh báo.", "No alerts."));
	for (size_t a = 0; a < rep->nalerts; a++)
		fprintf(out, "  ! %s\n", rep->alerts[a]);
	return ferror(out) ? ERR_IO : ERR_OK;
}

/* ---- CSV ---- */

static void
csv_cell(FILE *out, const char *s, int last)
{
	int quote = s && strpbrk(s, ",\"\n\r") != NULL;

	if (quote) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else if (s) {
		fputs(s, out);
	}
	fputs(last ? "\r\n" : ",", out);
}

static const char *
cell(const struct office_report *rep, const struct sub *s, size_t c)
{
	return s ? sub_get(s, rep->cols[c], -1) : NULL;
}

const char *
office_report_cell(const struct office_report *rep, const struct sub *s, size_t c, char *buf,
    size_t size)
{
	const struct form_field *fd = &rep->f->fields[rep->cols[c]];
	const char *v = cell(rep, s, c);
	const struct form_list *l;
	size_t len = 0;

	if (v == NULL || fd->list < 0 || (fd->type != FIELD_SELECT_ONE &&
	    fd->type != FIELD_SELECT_MULTIPLE))
		return v;
	l = &rep->f->lists[fd->list];
	buf[0] = '\0';
	for (const char *p = v; *p; ) {
		size_t n = strcspn(p, " ");
		const char *label = NULL;
		for (size_t i = 0; i < l->nchoices && label == NULL; i++)
			if (strlen(l->choices[i].value) == n && strncmp(l->choices[i].value, p, n) == 0)
				label = l->choices[i].label;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%.*s",
		    len ? "; " : "", label ? (int)strlen(label) : (int)n, label ? label : p);
		p += n;
		while (*p == ' ')
			p++;
	}
	return buf;
}

enum err
office_report_csv(const struct office_report *rep, FILE *out)
{
	char buf[4096];

	fputs("\xef\xbb\xbf", out);	/* BOM: Excel then reads UTF-8 */
	csv_cell(out, TR("Mã đơn vị", "Unit id"), 0);
	csv_cell(out, TR("Đơn vị", "Unit"), 0);
	csv_cell(out, TR("Tình trạng", "Status"), rep->ncols == 0);
	for (size_t c = 0; c < rep->ncols; c++)
		csv_cell(out, label(&rep->f->fields[rep->cols[c]]), c + 1 == rep->ncols);
	for (size_t u = 0; u < rep->nunits; u++) {
		csv_cell(out, rep->units[u].id, 0);
		csv_cell(out, rep->units[u].name, 0);
		csv_cell(out, status_label(rep->units[u].status), rep->ncols == 0);
		for (size_t c = 0; c < rep->ncols; c++)
			csv_cell(out, office_report_cell(rep, rep->units[u].s, c, buf, sizeof buf),
			    c + 1 == rep->ncols);
	}
	csv_cell(out, "", 0);
	csv_cell(out, TR("Tổng (số đếm cộng, số thập phân trung bình)",
	    "Total (counts summed, decimals averaged)"), 0);
	csv_cell(out, "", rep->ncols == 0);
	for (size_t c = 0; c < rep->ncols; c++)
		csv_cell(out, office_report_cell(rep, rep->total, c, buf, sizeof buf), c + 1 == rep->ncols);
	return ferror(out) ? ERR_IO : ERR_OK;
}

/* ---- JSON ---- */

static json_t *
values(const struct office_report *rep, const struct sub *s)
{
	json_t *o = json_object();

	for (size_t c = 0; c < rep->ncols; c++) {
		const char *v = cell(rep, s, c);
		json_object_set_new(o, rep->f->fields[rep->cols[c]].name, v ? json_string(v) :
		    json_null());
	}
	return o;
}

enum err
office_report_json(const struct office_report *rep, FILE *out)
{
	json_t *o = json_object(), *cols = json_array(), *rows = json_array(), *al = json_array();
	char *text;

	json_object_set_new(o, "form", json_string(rep->f->reports[rep->report].form_id));
	json_object_set_new(o, "period", json_string(rep->period));
	json_object_set_new(o, "title", json_string(rep->f->title));
	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		json_t *jc = json_pack("{s:s, s:s, s:s}", "name", fd->name, "label", label(fd),
		    "type", form_field_type_name(fd->type));
		if (fd->unit)
			json_object_set_new(jc, "unit", json_string(fd->unit));
		if (fd->target)
			json_object_set_new(jc, "target", json_string(fd->target));
		json_array_append_new(cols, jc);
	}
	json_object_set_new(o, "columns", cols);
	for (size_t u = 0; u < rep->nunits; u++)
		json_array_append_new(rows, json_pack("{s:s, s:s, s:o, s:o}", "unit", rep->units[u].id,
		    "name", rep->units[u].name, "status", rep->units[u].status ?
		    json_string(rep->units[u].status) : json_null(), "values",
		    values(rep, rep->units[u].s)));
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "total", values(rep, rep->total));
	if (rep->ntasks) {
		json_t *tasks = json_array();
		for (size_t t = 0; t < rep->ntasks; t++)
			json_array_append_new(tasks, json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "id",
			    rep->tasks[t].row->id, "task", rep->tasks[t].row->label, "done",
			    rep->tasks[t].done, "in_progress", rep->tasks[t].doing, "late",
			    rep->tasks[t].late, "not_started", rep->tasks[t].none));
		json_object_set_new(o, "tasks", tasks);
	}
	for (size_t a = 0; a < rep->nalerts; a++)
		json_array_append_new(al, json_string(rep->alerts[a]));
	json_object_set_new(o, "alerts", al);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fprintf(out, "%s\n", text);
	free(text);
	json_decref(o);
	return ferror(out) ? ERR_IO : ERR_OK;
}

/* ---- XLSX ---- */

struct xlsx_formats {
	lxw_format *date, *time, *num;
};

/* Numbers as numbers, dates as dates, times of day as times, the rest as
 * text. */
static void
xlsx_value(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct form_field *fd,
    const char *v, const struct xlsx_formats *fm)
{
	double x;
	char *end;

	if (v == NULL)
		return;
	if (fd->type == FIELD_DATE && strlen(v) == 10) {
		lxw_datetime dt = { atoi(v), atoi(v + 5), atoi(v + 8), 0, 0, 0 };
		worksheet_write_datetime(ws, r, c, &dt, fm->date);
		return;
	}
	if (fd->type == FIELD_TIME && strlen(v) == 5) {
		/* a fraction of a day, as Excel keeps times */
		worksheet_write_number(ws, r, c, (atoi(v) * 60 + atoi(v + 3)) / 1440.0, fm->time);
		return;
	}
	x = strtod(v, &end);
	if ((fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL || fd->type == FIELD_CALCULATE) &&
	    *v && *end == '\0') {
		worksheet_write_number(ws, r, c, x, fm->num);
		return;
	}
	worksheet_write_string(ws, r, c, v, NULL);
}

/* The workbook into TMP; messages name PATH, the file the user asked for. */
static enum err
xlsx_write(const struct office_report *rep, const char *tmp, const char *path, char **cause)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(tmp, &opt);
	lxw_worksheet *ws, *wa;
	lxw_format *head, *bold;
	struct xlsx_formats fm;
	lxw_doc_properties props = { 0 };
	lxw_error rc;
	lxw_row_t r = 0;
	char buf[4096];

	if (wb == NULL)
		return err_set(cause, ERR_IO, TR("%s: không tạo được tệp XLSX", "%s: cannot create "
		    "the XLSX file"), path);
	props.title = rep->f->title;
	props.created = 0;	/* fixed, so the same data gives the same file */
	workbook_set_properties(wb, &props);
	ws = workbook_add_worksheet(wb, TR("Báo cáo", "Report"));
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	fm.date = workbook_add_format(wb);
	format_set_num_format(fm.date, "dd/mm/yyyy");
	fm.time = workbook_add_format(wb);
	format_set_num_format(fm.time, "hh:mm");
	fm.num = workbook_add_format(wb);
	format_set_num_format(fm.num, "General");
	worksheet_freeze_panes(ws, 1, 2);
	worksheet_set_column(ws, 0, 0, 18, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_set_column(ws, 2, 2, 12, NULL);
	if (rep->ncols)
		worksheet_set_column(ws, 3, (lxw_col_t)(2 + rep->ncols), 16, NULL);
	worksheet_write_string(ws, r, 0, TR("Mã đơn vị", "Unit id"), head);
	worksheet_write_string(ws, r, 1, TR("Đơn vị", "Unit"), head);
	worksheet_write_string(ws, r, 2, TR("Tình trạng", "Status"), head);
	for (size_t c = 0; c < rep->ncols; c++)
		worksheet_write_string(ws, r, (lxw_col_t)(3 + c), label(&rep->f->fields[rep->cols[c]]),
		    head);
	for (size_t u = 0; u < rep->nunits; u++) {
		r++;
		worksheet_write_string(ws, r, 0, rep->units[u].id, NULL);
		worksheet_write_string(ws, r, 1, rep->units[u].name, NULL);
		worksheet_write_string(ws, r, 2, status_label(rep->units[u].status), NULL);
		for (size_t c = 0; c < rep->ncols; c++)
			xlsx_value(ws, r, (lxw_col_t)(3 + c), &rep->f->fields[rep->cols[c]],
			    office_report_cell(rep, rep->units[u].s, c, buf, sizeof buf), &fm);
	}
	r++;
	worksheet_write_string(ws, r, 1, TR("Tổng (số đếm cộng, số thập phân trung bình)",
	    "Total (counts summed, decimals averaged)"), bold);
	for (size_t c = 0; c < rep->ncols; c++)
		xlsx_value(ws, r, (lxw_col_t)(3 + c), &rep->f->fields[rep->cols[c]],
		    office_report_cell(rep, rep->total, c, buf, sizeof buf), &fm);
	wa = workbook_add_worksheet(wb, TR("Cảnh báo", "Alerts"));
	worksheet_set_column(wa, 0, 0, 90, NULL);
	for (size_t a = 0; a < rep->nalerts; a++)
		worksheet_write_string(wa, (lxw_row_t)a, 0, rep->alerts[a], NULL);
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set(cause, ERR_IO, TR("%s: không ghi được tệp XLSX (đĩa đầy hoặc không "
		    "ghi được?)", "%s: cannot write the XLSX file (disk full or read-only?)"), path);
	return ERR_OK;
}

/*
 * Written beside PATH under a temporary name, synced, then renamed: a
 * stick pulled out half-way leaves the old file or none, never half of
 * one. libxlsxwriter prints its own English errors on stderr, which would
 * also scribble over the interface; they are silenced, ours say what
 * happened.
 */
enum err
office_report_xlsx(const struct office_report *rep, const char *path, char **cause)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	FILE *probe = fopen(tmp, "wb");
	int saved, quiet, fd = -1;
	enum err e;

	if (probe == NULL) {
		e = err_set(cause, err_os_code(errno), TR("%s: không ghi được: %s",
		    "%s: cannot write: %s"), path, err_os(errno));
		free(tmp);
		return e;
	}
	fclose(probe);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	quiet = open("/dev/null", O_WRONLY);
	if (saved >= 0 && quiet >= 0)
		dup2(quiet, STDERR_FILENO);
	e = xlsx_write(rep, tmp, path, cause);
	if (saved >= 0 && quiet >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (quiet >= 0)
		close(quiet);
	if (e == ERR_OK && ((fd = open(tmp, O_RDONLY)) < 0 || fsync(fd) != 0 ||
	    rename(tmp, path) != 0))
		e = err_set(cause, err_os_code(errno), TR("%s: không ghi được: %s",
		    "%s: cannot write: %s"), path, err_os(errno));
	if (fd >= 0)
		close(fd);
	if (e == ERR_OK)
		file_sync_parent(path);
	else
		unlink(tmp);
	free(tmp);
	return e;
}

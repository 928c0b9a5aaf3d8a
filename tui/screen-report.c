/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-report.c: the office's consolidated reports in the interface.
 *
 * First a list of the reports (one line per form report, incident reports
 * too), each with the latest period the office has figures for and from how
 * many units. Enter shows the report for that period (or, with none yet,
 * the period being collected), as the summary `baocao report` prints
 * (totals, units, tasks, the trend drawn as bars, alerts); F2 turns it into
 * the table — units as rows, fields as columns, the total last, the unit
 * column frozen while Tab moves along the others. ← → go to the previous or
 * next period (for incident reports: the previous or next incident); F5
 * writes the report as XLSX (F6 as CSV, F8 as a PDF to print and sign):
 * the file picker (widget-filepick.h) opens on the USB stick with a name
 * proposed ("nl09-thon-thang-2026-10.xlsx"), and Enter writes it.
 */
#include "screen-report-int.h"
#include "widget-filepick.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../office/office-report.h"
#include "../storage/store-audit.h"
#include "../storage/store-sub.h"

#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <wchar.h>



/* The last period each report has figures for (drafts are not figures
 * yet), and how many units sent it: a lookup each in the index of a
 * form's periods, not a pass over every submission (100,000 at an
 * office after ten years). */
static void
count_periods(struct rscreen *x, struct ui *ui)
{
	for (size_t i = 0; i < x->n; i++) {
		struct ritem *it = &x->items[i];
		char *cause = NULL;
		if (store_sub_period_near(ui->st, it->id, NULL, 0, &it->latest, &it->latest_units,
		    &cause) != ERR_OK) {
			x->msg = cause;
			x->err = 1;
			return;
		}
	}
}

void *
screen_report_new(struct ui *ui)
{
	struct rscreen *x = xcalloc(1, sizeof *x);
	char *cause = NULL;

	line_init(&x->find, 60, 0);	/* the same line editing as every filter */
	x->find.ime = &ui->ime;

	if (form_set_load(ui->st, &x->set, &cause) != ERR_OK) {
		x->msg = cause;
		x->err = 1;
		return x;
	}
	for (size_t i = 0; i < x->set.n; i++) {
		const struct form *f = x->set.forms[i];
		for (size_t r = 0; r < f->nreports; r++) {
			struct ritem *it;
			x->items = xreallocarray(x->items, x->n + 1, sizeof *x->items);
			it = &x->items[x->n++];
			memset(it, 0, sizeof *it);
			it->id = f->reports[r].form_id;
			it->adhoc = period_kind_adhoc(f->reports[r].rule.kind);
			it->title = f->reports[r].title ? xasprintf("%s — %s",
			    f->reports[r].title, f->title) : xstrdup(f->title);
		}
	}
	count_periods(x, ui);
	return x;
}

static void
drop_report(struct rscreen *x)
{
	if (x->have_rep)
		office_report_free(&x->rep);
	x->have_rep = 0;
	free(x->text);
	free(x->lines);
	x->text = NULL;
	x->lines = NULL;
	x->nlines = x->scroll = 0;
}

static void
build(struct rscreen *x, struct ui *ui)
{
	char *cause = NULL, *buf = NULL;
	size_t len = 0;
	FILE *m;
	enum err e;

	drop_report(x);
	if (office_report_build(ui->st, &x->set, x->items[x->sel].id, x->period, &x->rep, &cause) !=
	    ERR_OK) {
		free(x->msg);
		x->msg = cause;
		x->err = 1;
		return;
	}
	x->have_rep = 1;
	if (x->col >= x->rep.ncols)
		x->col = x->left = 0;
	m = open_memstream(&buf, &len);
	e = m == NULL ? ERR_IO : office_report_text_bars(&x->rep, m, ui_bar_glyphs());
	if (m != NULL && fclose(m) != 0)
		e = ERR_IO;
	if (e != ERR_OK) {
		/* the summary could not be made: said; the table (F2) may show */
		free(buf);
		free(x->msg);
		x->msg = xasprintf(TR("Không dựng được bản tóm tắt của %s kỳ %s (thiếu bộ nhớ?); "
		    "F2: xem dạng bảng", "The summary of %s for %s cannot be made (out of memory?); "
		    "F2: the table"), x->items[x->sel].id, x->period);
		x->err = 1;
		return;
	}
	x->text = buf;
	for (char *p = buf; p && *p; ) {
		char *nl = strchr(p, '\n');
		x->lines = xreallocarray(x->lines, x->nlines + 1, sizeof *x->lines);
		x->lines[x->nlines++] = p;
		if (nl == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
}

static void
open_report(struct rscreen *x, struct ui *ui)
{
	const struct ritem *it = &x->items[x->sel];
	const struct form *f;
	int r;
	struct period p;

	if (!form_set_find(&x->set, it->id, &f, &r))
		return;
	if (it->latest != NULL) {
		/* the latest period with figures */
		snprintf(x->period, sizeof x->period, "%s", it->latest);
	} else if (it->adhoc) {
		free(x->msg);
		x->msg = xstrdup(TR("Chưa có báo cáo nào về vụ việc này.",
		    "No incident has been reported yet."));
		x->err = 0;
		return;
	} else {
		/* none yet: the period being collected, whose deadline comes next */
		if (!deadline_current(&f->reports[r].rule, moment_from_unix(store_now()),
		    &x->set.cal, &p))
			return;
		period_format(&p, x->period, sizeof x->period);
	}
	x->showing = 1;
	build(x, ui);
}

static void
step(struct rscreen *x, struct ui *ui, int dir)
{
	const struct ritem *it = &x->items[x->sel];
	const struct form *f;
	int r;
	struct period p;

	if (it->adhoc) {
		/* incidents have no calendar: go to the one before or after */
		char *near = NULL, *cause = NULL;
		if (store_sub_period_near(ui->st, it->id, x->period, dir, &near, NULL, &cause) !=
		    ERR_OK) {
			free(x->msg);
			x->msg = cause;
			x->err = 1;
			return;
		}
		if (near == NULL)
			return;
		snprintf(x->period, sizeof x->period, "%s", near);
		free(near);
		build(x, ui);
		return;
	}
	if (!form_set_find(&x->set, it->id, &f, &r) ||
	    !period_parse(f->reports[r].rule.kind, x->period, &p))
		return;
	if (dir < 0) {
		if (!deadline_previous(&f->reports[r].rule, &p, &p))
			return;
	} else if (!deadline_next(&f->reports[r].rule, &p, &p)) {
		return;	/* the plan's validity ends here */
	}
	period_format(&p, x->period, sizeof x->period);
	build(x, ui);
}

enum out_kind { OUT_CSV, OUT_XLSX, OUT_PDF };

static const char *const out_ext[] = { ".csv", ".xlsx", ".pdf" };

/* The picker chose where: write the report there (the picker asked
 * before replacing a file). */
static void
write_chosen(struct ui *ui, void *ctx, struct filepick *fp)
{
	struct rscreen *x = ctx;
	const char *path = fp->chosen;
	char *cause = NULL;
	enum err e;

	ui_status(TR("Đang ghi…", "Writing…"), 0);
	ui_flush(ui);
	if (x->out == OUT_XLSX) {
		e = office_report_xlsx(&x->rep, path, &cause);
	} else if (x->out == OUT_PDF) {
		e = office_report_pdf_here(ui->st, &x->rep, path, NULL, NULL, NULL, 0, &cause);
	} else {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		e = m == NULL ? ERR_IO : office_report_csv(&x->rep, m);
		if (m != NULL && fclose(m) != 0)
			e = ERR_IO;
		if (e != ERR_OK)	/* nothing written: said, not a bare "cannot write" */
			cause = err_fmt_at(path, "%s", TR("không dựng được CSV (thiếu bộ nhớ?)",
			    "the CSV cannot be made (out of memory?)"));
		if (e == ERR_OK)	/* whole or not at all, as the XLSX */
			e = file_write_out(path, buf, len, fp->force ? FILE_FORCE : 0, &cause);
		free(buf);
	}
	free(x->msg);
	x->err = e != ERR_OK;
	if (e == ERR_OK) {
		/* the name first: a long folder is what the status line cuts */
		char *dir = xstrndup(path, (size_t)(file_base(path) - path));
		size_t l = strlen(dir);
		if (l > 1 && dir[l - 1] == '/')
			dir[l - 1] = '\0';
		x->msg = xasprintf(TR("Đã ghi %s vào %s", "Wrote %s to %s"), file_base(path), dir);
		free(dir);
	} else {
		x->msg = cause ? cause : err_fmt_at(path, "%s", TR("không ghi được",
		    "cannot write"));
	}
	cause = NULL;
	if (e == ERR_OK && filepick_remember(fp, ui->st, &cause) != ERR_OK) {
		free(x->msg);
		x->err = 1;
		x->msg = cause;
	}
}

/* F5, F6, F8: choose where to write the report shown, then write it. */
static void
write_out(struct rscreen *x, struct ui *ui, enum out_kind kind)
{
	struct filepick *fp;
	char *stem, *title;

	if (!x->have_rep)
		return;
	x->out = kind;
	fp = xcalloc(1, sizeof *fp);
	stem = xasprintf("%s-%s", x->items[x->sel].id, x->period);
	filepick_init(fp, ui, ui->st, FILEPICK_SAVE, out_ext[kind], stem, 0);
	title = xasprintf(TR("Ghi báo cáo (%s)", "Write the report (%s)"), out_ext[kind] + 1);
	filepick_push(ui, fp, title, write_chosen, x);
	free(title);
	free(stem);
}

static void
report_draw(struct screen *s)
{
	struct rscreen *x = s->data;
	int rows = LINES - 4;

	ui_title("baocao", x->showing ? x->items[x->sel].id : TR("Báo cáo tổng hợp", "Consolidated reports"));
	if (!x->showing) {
		char head[256], c1[64], c2[64];
		snprintf(head, sizeof head, "%s%s%s", ui_pad(c1, sizeof c1, TR("Mã", "Id"), 28),
		    ui_pad(c2, sizeof c2, TR("Số liệu mới nhất", "Latest figures"), 21),
		    TR("Báo cáo", "Report"));
		ui_text(1, 2, A_UNDERLINE, head);
		rows--;
		if (x->sel < x->top)
			x->top = x->sel;
		if (x->sel >= x->top + (size_t)rows)
			x->top = x->sel - (size_t)rows + 1;
		for (size_t i = x->top; i < x->n && i < x->top + (size_t)rows; i++) {
			const struct ritem *it = &x->items[i];
			char line[512], latest[64];
			if (it->latest != NULL)
				snprintf(latest, sizeof latest, "%s (%zu)", it->latest,
				    it->latest_units);
			else
				snprintf(latest, sizeof latest, "—");
			snprintf(line, sizeof line, "%s%s%s", ui_pad(c1, sizeof c1, it->id, 28),
			    ui_pad(c2, sizeof c2, latest, 21), it->title);
			ui_text(2 + (int)(i - x->top), 2, (i == x->sel ? A_REVERSE : 0) |
			    (it->latest ? 0 : A_DIM), line);
		}
	} else if (x->table && x->have_rep) {
		draw_table(x, rows);
	} else {
		/* long lines (a label with its target) go on over the next rows */
		int y = 2;
		for (size_t i = x->scroll; i < x->nlines && y < 2 + rows; i++)
			y += ui_text_wrap(y, 1, 0, x->lines[i], 2 + rows - y);
	}
	if (x->msg) {
		ui_status(x->msg, x->err);
	} else if (x->showing && x->table && x->have_rep && x->rep.ncols) {
		const struct form_field *fd = &x->rep.f->fields[x->rep.cols[x->col]];
		char line[512];
		size_t l;
		l = (size_t)snprintf(line, sizeof line, TR("Cột %zu/%zu: %s", "Column %zu/%zu: %s"),
		    x->col + 1, x->rep.ncols, fd->label ? fd->label : fd->name);
		if (fd->unit && l < sizeof line)
			l += (size_t)snprintf(line + l, sizeof line - l, " (%s)", fd->unit);
		if (fd->target && l < sizeof line)
			snprintf(line + l, sizeof line - l, TR(" — chỉ tiêu %s", " — target %s"),
			    fd->target);
		ui_status(line, 0);
	} else if (!x->showing && x->n) {
		/* the chosen report's whole title (cut in the list), after what
		 * was typed to find it */
		const struct ritem *it = &x->items[x->sel];
		char line[512], *q = line_utf8(&x->find);
		size_t l = 0;
		if (q != NULL && *q != '\0')
			l = (size_t)snprintf(line, sizeof line, TR("Tìm: %s · ", "Find: %s · "), q);
		free(q);
		if (l < sizeof line)
			snprintf(line + l, sizeof line - l, "%s", it->title);
		ui_status(line, 0);
	}
}

/* Typing goes to the first report whose id or title holds what was typed
 * (accents ignored: "thon" finds "thôn"; as shown or as typed: line_match). */
static void
jump(struct rscreen *x)
{
	char *typed;

	if (x->find.len == 0)
		return;
	/* the keys as typed first: "phu luc ix" is Phụ lục IX, though Telex
	 * shows "phu luc ĩ", which would stop at any title with an i */
	typed = line_typed(&x->find);
	for (int pass = 0; pass < 4; pass++)
		for (size_t i = 0; i < x->n; i++) {
			const char *hay = pass % 2 == 0 ? x->items[i].id : x->items[i].title;
			if (pass < 2 ? typed != NULL && text_match(hay, typed) :
			    line_match(&x->find, hay)) {
				x->sel = i;
				free(typed);
				return;
			}
		}
	free(typed);
}

/* The keys no row takes: moving, and typing the start of a report. */
static void
report_key(struct screen *s, const struct ui_input *in)
{
	struct rscreen *x = s->data;
	size_t lines;

	free(x->msg);
	x->msg = NULL;
	if (!x->showing) {
		if (in->code && in->key == KEY_UP && x->sel > 0)
			x->sel--;
		else if (in->code && in->key == KEY_DOWN && x->sel + 1 < x->n)
			x->sel++;
		else if (in->code && in->key == KEY_PPAGE)
			x->sel = x->sel > 10 ? x->sel - 10 : 0;
		else if (in->code && in->key == KEY_NPAGE && x->n)
			x->sel = x->sel + 10 < x->n ? x->sel + 10 : x->n - 1;
		else if (in->code && in->key == KEY_HOME)
			x->sel = 0;
		else if (in->code && in->key == KEY_END && x->n)
			x->sel = x->n - 1;
		else if ((!in->code && (in->ch >= 0x20 || in->ch == 0x7f || in->ch == 0x08 ||
		    in->ch == 0x15)) || (in->code && in->key == KEY_BACKSPACE)) {
			line_key(&x->find, in);	/* typing, Backspace, Ctrl-U: clear */
			jump(x);
		}
		return;
	}
	lines = x->table && x->have_rep ? x->rep.nunits + 1 : x->nlines;
	if (in->code && in->key == KEY_UP && x->scroll > 0)
		x->scroll--;
	else if (in->code && in->key == KEY_DOWN && x->scroll + 1 < lines)
		x->scroll++;
	else if (in->code && in->key == KEY_NPAGE)
		x->scroll = x->scroll + 10 < lines ? x->scroll + 10 : x->scroll;
	else if (in->code && in->key == KEY_PPAGE)
		x->scroll = x->scroll > 10 ? x->scroll - 10 : 0;
}

/* The data of S, its message dropped (a message lasts until the next key). */
static struct rscreen *
fresh(struct screen *s)
{
	struct rscreen *x = s->data;

	free(x->msg);
	x->msg = NULL;
	return x;
}

static void report_keys_now(struct screen *s);

static void
report_back(struct screen *s)
{
	struct rscreen *x = fresh(s);

	if (x->showing) {
		x->showing = 0;
		drop_report(x);
		report_keys_now(s);
	} else {
		ui_pop(s->ui);
	}
}

static void
report_open(struct screen *s)
{
	struct rscreen *x = fresh(s);

	if (x->n)
		open_report(x, s->ui);
	report_keys_now(s);
}

static void
report_prev(struct screen *s)
{
	step(fresh(s), s->ui, -1);
}

static void
report_next(struct screen *s)
{
	step(fresh(s), s->ui, 1);
}

static void
report_xlsx(struct screen *s)
{
	write_out(fresh(s), s->ui, OUT_XLSX);
}

static void
report_csv(struct screen *s)
{
	write_out(fresh(s), s->ui, OUT_CSV);
}

static void
report_pdf(struct screen *s)
{
	write_out(fresh(s), s->ui, OUT_PDF);
}

static void
report_table(struct screen *s)
{
	struct rscreen *x = fresh(s);

	x->table = !x->table;
	x->scroll = 0;
}

static void
report_col_next(struct screen *s)
{
	struct rscreen *x = fresh(s);

	if (x->have_rep && x->col + 1 < x->rep.ncols)
		x->col++;
}

static void
report_col_prev(struct screen *s)
{
	struct rscreen *x = fresh(s);

	if (x->col > 0)
		x->col--;
}

/* The list of reports. */
static const struct ui_key report_list_keys[] = {
	{ '\r', 0, report_open, "Xem báo cáo tổng hợp", "Show the consolidated report", 1, NULL },
	{ 27, 0, report_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Nhảy đến báo cáo có mã bắt đầu như vậy, hoặc tên có chữ ấy (không cần dấu; "
	    "Backspace: gõ lại)", "Jump to the report whose id starts so, or whose title holds "
	    "it (accents ignored; Backspace: start again)", 0, "a–z" },
	{ 0, 0, NULL, "Chọn báo cáo", "Choose a report", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

/* A report shown. */
static const struct ui_key report_show_keys[] = {
	{ KEY_LEFT, 0, report_prev, "Kỳ trước", "Previous period", 1, NULL },
	{ KEY_RIGHT, 0, report_next, "Kỳ sau", "Next period", 1, NULL },
	{ KEY_F(2), 'L', report_table, "Bảng / tóm tắt", "Table / summary", 1, NULL },
	{ KEY_F(5), 0, report_xlsx, "Ghi XLSX", "Write XLSX", 1, NULL },
	{ KEY_F(6), 0, report_csv, "Ghi CSV", "Write CSV", 1, NULL },
	{ KEY_F(8), 'P', report_pdf, "Ghi PDF để in, ký (mẫu Nghị định 30/2020)",
	    "Write a PDF to print and sign (Decree 30/2020 layout)", 0, NULL },
	{ 27, 0, report_back, "Quay lại", "Back", 1, NULL },
	{ '\t', 0, report_col_next, "Bảng: sang cột sau (tên đầy đủ ở dòng dưới)",
	    "Table: the next column (its full name below)", 0, NULL },
	{ KEY_BTAB, 0, report_col_prev, "Bảng: về cột trước", "Table: the previous column", 0,
	    NULL },
	{ 0, 0, NULL, "Cuộn", "Scroll", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

/* The table of the step S is at: the list, or a report shown. */
static void
report_keys_now(struct screen *s)
{
	struct rscreen *x = s->data;

	s->keys = x->showing ? report_show_keys : report_list_keys;
}

static void
report_free(struct screen *s)
{
	struct rscreen *x = s->data;

	drop_report(x);
	for (size_t i = 0; i < x->n; i++) {
		free(x->items[i].title);
		free(x->items[i].latest);
	}
	free(x->items);
	form_set_free(&x->set);
	free(x->msg);
	line_free(&x->find);
	free(x);
}

static const struct ui_keymap report_maps[] = {
	{ "reports (office)", report_list_keys },
	{ "a report (office)", report_show_keys },
	{ NULL, NULL },
};

const struct screen_ops screen_report_ops = {
	.name = "report",
	.keys = report_list_keys,
	.draw = report_draw,
	.key = report_key,
	.free = report_free,
	.where = "report",
	.maps = report_maps,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "../storage/store-audit.h"

static const char *
label(const struct form_field *fd)
{
	return fd->label ? fd->label : fd->name;
}

static bool
numeric(const struct form_field *fd)
{
	return fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL ||
	    fd->type == FIELD_CALCULATE;
}

static const char *
total_how(enum field_total k)
{
	switch (k) {
	case TOTAL_SUM: return TR("cộng", "sum");
	case TOTAL_MEAN: return TR("trung bình", "mean");
	case TOTAL_MIN: return TR("nhỏ nhất", "minimum");
	case TOTAL_MAX: return TR("lớn nhất", "maximum");
	case TOTAL_COUNT: return TR("số đơn vị trả lời", "units answering");
	case TOTAL_NONE: return TR("không cộng", "not summed");
	case TOTAL_RATIO: return TR("tỷ lệ các tổng", "ratio of sums");
	case TOTAL_FORMULA: return TR("tính từ tổng", "from the totals");
	case TOTAL_OPTIONS: return TR("theo lựa chọn", "per option");
	default: return "";
	}
}

static const char *
inclusion_label(const struct report_unit *u)
{
	switch (u->inc) {
	case REPORT_COUNTED: return TR("được tính", "counted");
	case REPORT_MISSING: return TR("chưa nộp", "missing");
	case REPORT_DRAFT: return TR("bản nháp, không tính", "draft, not counted");
	case REPORT_RETURNED: return TR("bị trả lại, không tính", "returned, not counted");
	}
	return "";
}

static const char *
progress_label(enum choice_progress p)
{
	switch (p) {
	case PROGRESS_DONE: return TR("xong", "done");
	case PROGRESS_STARTED: return TR("đang làm", "in progress");
	case PROGRESS_LATE: return TR("chậm", "behind");
	default: return TR("chưa", "not started");
	}
}

static const char *
progress_code(enum choice_progress p)
{
	static const char *const codes[] = { "none", "started", "late", "done" };
	return codes[p];
}

/* A cell's verdict in words: "đạt", "chưa đạt", or with several targets
 * "chưa đạt: cao hơn năm trước" (the ones missed); "" when none judged. */
static const char *
met_text(const struct form_row *row, const struct report_task_cell *cl, char *buf, size_t size)
{
	char miss[256];

	if (cl->met < 0)
		snprintf(buf, size, "%s", "");
	else if (cl->met == 1)
		snprintf(buf, size, "%s", TR("đạt", "met"));
	else if (row->ntargets > 1 && office_cell_unmet(row, cl, miss, sizeof miss)[0])
		snprintf(buf, size, TR("chưa đạt: %s", "not met: %s"), miss);
	else
		snprintf(buf, size, "%s", TR("chưa đạt", "not met"));
	return buf;
}

/* S cut to WIDTH columns into BUF, ending with "…" when it was cut, so that
 * nobody takes a cut label for the whole of it. */
static char *
cut_marked(char *buf, size_t size, const char *s, int width)
{
	snprintf(buf, size, "%s", s ? s : "");
	if (text_width(buf) > width && width > 1) {
		size_t n;
		text_cut(buf, width - 1);
		n = strlen(buf);
		snprintf(buf + n, size - n, "%s", "\xe2\x80\xa6");
	}
	return buf;
}

/* S in exactly WIDTH terminal columns, the last one blank (cut with a
 * mark, padded). */
static void
put_cell(FILE *out, const char *s, int width)
{
	char buf[1024], cut[1024];

	fputs(text_pad(buf, sizeof buf, cut_marked(cut, sizeof cut, s, width - 1), width), out);
}

/* An identifier in WIDTH columns: never cut (two units may differ only at
 * its end). One too wide for the column has the line to itself and the
 * row goes on below, under the next column (INDENT: the columns before). */
static void
put_id(FILE *out, const char *id, int width, int indent)
{
	if (text_width(id) < width) {
		put_cell(out, id, width);
		return;
	}
	fprintf(out, "%s\n%*s", id, indent + width, "");
}

/* S right-aligned in WIDTH columns (cut if longer). */
static void
put_right(FILE *out, const char *s, int width)
{
	char buf[256];
	int w;

	snprintf(buf, sizeof buf, "%s", s);
	text_cut(buf, width);
	for (w = text_width(buf); w < width; w++)
		fputc(' ', out);
	fputs(buf, out);
}

/* S cut to WIDTH columns (with a mark), then a new line. */
static void
put_line(FILE *out, const char *s, int width)
{
	char buf[2048];

	fprintf(out, "%s\n", cut_marked(buf, sizeof buf, s, width));
}

/* "counted 2 of 4 units; not counted: a (draft), b (returned: why)" */
static char *
counted_line(const struct office_report *rep)
{
	char *s = xasprintf(TR("Đã tính %zu/%zu đơn vị.", "Counted %zu of %zu units."),
	    rep->ncounted, rep->nunits);

	for (size_t u = 0, first = 1; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		char *s2;
		if (ru->inc == REPORT_COUNTED)
			continue;
		s2 = xasprintf("%s%s %s (%s%s%s)", s, first ? TR(" Không tính:", " Not counted:") :
		    ",", ru->id, inclusion_label(ru), ru->reason ? ": " : "",
		    ru->reason ? ru->reason : "");
		free(s);
		s = s2;
		first = 0;
	}
	return s;
}

/* The day D as dd/mm/yyyy. */
static void
day_text(long d, char *buf, size_t size)
{
	int y, m, dd;

	if (d < 0) {
		snprintf(buf, size, "%s", "");
		return;
	}
	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, size, "%02d/%02d/%04d", dd, m, y);
}

/* ---- text, with the trend drawn as bars ---- */

/* The text report fits a terminal of 80 columns with a margin (the
 * report screen draws it from the second column). */
#define TEXT_WIDTH 78

static void text_hang(FILE *out, const char *s, int indent, int hang, int width);

static void
text_wrapped(FILE *out, const char *s, int indent, int width)
{
	text_hang(out, s, indent, indent, width);
}

/* S's words onto lines of WIDTH columns, the first indented by INDENT, the
 * others by HANG; a word longer than a line is cut on a character. */
static void
text_hang(FILE *out, const char *s, int indent, int hang, int width)
{
	char line[1024] = "", word[512];
	int w = 0;
	/* indent < 0: that many columns are used already on the first line */
	int pad = indent < 0 ? 0 : indent, room = width - (indent < 0 ? -indent : indent);

	while (*s) {
		size_t n = strcspn(s, " ");
		int ww;
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word - 1 ? n : sizeof word - 1), s);
		ww = text_width(word);
		if (w > 0 && w + 1 + ww > room) {
			fprintf(out, "%*s%s\n", pad, "", line);
			line[0] = '\0';
			w = 0;
			pad = hang;
			room = width - hang;
		}
		if (w > 0) {
			strncat(line, " ", sizeof line - strlen(line) - 1);
			w++;
		}
		if (ww > room)
			text_cut(word, room);
		strncat(line, word, sizeof line - strlen(line) - 1);
		w += text_width(word);
		s += n;
		s += strspn(s, " ");
	}
	if (w > 0 || pad == 0)
		fprintf(out, "%*s%s\n", pad, "", line);
}

static void text_body(const struct office_report *rep, FILE *out, const char *const bars[9]);

/* The body written whole, then copied without the spaces that padding
 * leaves at the ends of lines. */
enum err
office_report_text(const struct office_report *rep, FILE *out)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█", "·" };

	return office_report_text_bars(rep, out, blocks);
}

enum err
office_report_text_bars(const struct office_report *rep, FILE *out, const char *const bars[9])
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		return ERR_IO;
	text_body(rep, m, bars);
	fclose(m);
	for (char *p = buf; p && *p; ) {
		size_t n = strcspn(p, "\n"), k = n;
		while (k > 0 && p[k - 1] == ' ')
			k--;
		fwrite(p, 1, k, out);
		if (p[n] == '\n')
			fputc('\n', out);
		p += n + (p[n] == '\n');
	}
	free(buf);
	return ferror(out) ? ERR_IO : ERR_OK;
}

static void
text_body(const struct office_report *rep, FILE *out, const char *const bars[9])
{
	const struct form *f = rep->f;
	char buf[1024], tb[64], ub[128], *line;
	bool any_target = false;

	fprintf(out, "%s — %s %s\n", f->reports[rep->report].form_id, TR("kỳ", "period"),
	    rep->period);
	put_line(out, f->title, TEXT_WIDTH);
	text_wrapped(out, office_report_rule(), 0, TEXT_WIDTH);
	if (office_report_version_line(rep, buf, sizeof buf) != NULL)
		text_wrapped(out, buf, 0, TEXT_WIDTH);
	line = counted_line(rep);
	text_wrapped(out, line, 0, TEXT_WIDTH);
	free(line);
	fprintf(out, "\n%s\n", TR("Tổng toàn xã:", "Commune totals:"));
	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &f->fields[rep->cols[c]];
		const struct report_total *t = &rep->totals[c];
		double gap = 0;
		int met;
		/* a text field's total: how many units answered, as CSV says */
		if (!numeric(fd) && t->kind != TOTAL_OPTIONS && t->kind != TOTAL_COUNT)
			continue;
		if (period_kind_adhoc(f->reports[rep->report].rule.kind) && !numeric(fd))
			continue;
		fputs("  ", out);
		put_cell(out, label(fd), 34);
		snprintf(buf, sizeof buf, "(%s)", total_how(t->kind));
		if (numeric(fd)) {
			put_right(out, t->text ? t->text : "—", 10);
			fputc(' ', out);
			put_cell(out, t->text && fd->unit ? fd->unit : "", 12);
			put_line(out, buf, 20);
		} else {
			put_right(out, "", 10);
			fputc(' ', out);
			put_cell(out, "", 12);
			put_line(out, buf, 20);
			if (t->text)
				text_wrapped(out, t->text, 4, TEXT_WIDTH);
		}
		if (fd->tgt.cmp == TARGET_UNREAD && office_report_target_words(fd, tb, sizeof tb)) {
			/* a target in words only: shown, not judged */
			fprintf(out, TR("    chỉ tiêu: %s\n", "    target: %s\n"), tb);
		} else if (fd->tgt.cmp >= TARGET_GE) {
			any_target = true;
			met = office_report_target(rep, rep->total, c, &gap);
			fprintf(out, TR("    chỉ tiêu %s: %s", "    target %s: %s"),
			    form_target_text(&fd->tgt, tb, sizeof tb), met == 1 ? TR("đạt", "met") :
			    met == 0 ? TR("chưa đạt", "not met") : TR("xem từng đơn vị",
			    "see each unit"));
			if (met >= 0 && !fd->tgt.choice)
				fprintf(out, TR(" (chênh %+g)", " (gap %+g)"), round(gap * 100) / 100);
			fputc('\n', out);
		}
	}
	fprintf(out, "\n%s\n", TR("Đơn vị:", "Units:"));
	for (size_t u = 0; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		fputs("  ", out);
		put_id(out, ru->id, 22, 2);
		put_cell(out, office_report_status_label(ru), 12);
		snprintf(buf, sizeof buf, ru->rev ? TR("lần %d", "rev %d") : "", ru->rev);
		put_cell(out, buf, 7);
		put_line(out, ru->name, 34);
	}
	if (any_target) {
		fprintf(out, "\n%s\n", TR("Chỉ tiêu theo đơn vị (đạt được / chỉ tiêu / chênh):",
		    "Targets per unit (achieved / target / gap):"));
		for (size_t c = 0; c < rep->ncols; c++) {
			const struct form_field *fd = &f->fields[rep->cols[c]];
			if (fd->tgt.cmp < TARGET_GE)
				continue;
			fputs("  ", out);
			snprintf(buf, sizeof buf, "%s (%s)", label(fd),
			    form_target_text(&fd->tgt, tb, sizeof tb));
			put_line(out, buf, TEXT_WIDTH - 2);
			for (size_t u = 0; u < rep->nunits; u++) {
				const struct report_unit *ru = &rep->units[u];
				char vb[512];
				const char *v;
				double gap = 0;
				int met;
				if (ru->inc != REPORT_COUNTED)
					continue;
				v = office_report_cell(rep, ru->s, c, vb, sizeof vb);
				met = office_report_target(rep, ru->s, c, &gap);
				fputs("    ", out);
				put_id(out, ru->id, 24, 4);
				put_cell(out, v ? v : "—", 14);
				if (met >= 0 && !fd->tgt.choice) {
					double want;
					put_cell(out, met ? TR("đạt", "met") : TR("chưa đạt", "not met"), 10);
					fprintf(out, "%+g", round(gap * 100) / 100);
					/* a relative target: what it asked of this unit */
					if (fd->tgt.previous && office_report_target_value(rep, ru->s, c,
					    &want))
						fprintf(out, TR("  (chỉ tiêu %g)", "  (target %g)"),
						    round(want * 100) / 100);
					fputc('\n', out);
				} else {
					fprintf(out, "%s\n", met == 1 ? TR("đạt", "met") : met == 0 ?
					    TR("chưa đạt", "not met") : "—");
				}
			}
		}
	}
	/* an incident or a request is told in words: each unit's answers */
	if (period_kind_adhoc(f->reports[rep->report].rule.kind)) {
		for (size_t u = 0; u < rep->nunits; u++) {
			if (rep->units[u].s == NULL)
				continue;
			fprintf(out, "\n%s:\n", rep->units[u].name);
			for (size_t c = 0; c < rep->ncols; c++) {
				const struct form_field *fd = &f->fields[rep->cols[c]];
				const char *v;
				if (numeric(fd))
					continue;
				v = office_report_cell(rep, rep->units[u].s, c, buf, sizeof buf);
				if (v == NULL || *v == '\0')
					continue;
				fputs("  ", out);
				put_cell(out, label(fd), 32);
				text_hang(out, v, -34, 34, TEXT_WIDTH);
			}
		}
	}
	if (rep->ntasks) {
		fprintf(out, "\n%s\n", TR("Nhiệm vụ — số đơn vị xong / đang làm / chậm / chưa, quá hạn:",
		    "Tasks — units done / in progress / behind / not started, overdue:"));
		/* the STT column as wide as the longest id: an id is never cut
		 * ("II.3.d1" and "II.3.d2" differ only at the end); the task's
		 * name gives way instead */
		int idw = 7, ind;
		for (size_t t = 0; t < rep->ntasks; t++)
			if (text_width(rep->tasks[t].row->id) + 1 > idw)
				idw = text_width(rep->tasks[t].row->id) + 1;
		if (idw > 30)
			idw = 30;
		ind = 2 + idw;
		for (size_t t = 0; t < rep->ntasks; t++) {
			const struct report_task *rt = &rep->tasks[t];
			fputs("  ", out);
			if (text_width(rt->row->id) < idw)
				put_cell(out, rt->row->id, idw);
			else	/* longer than even the widened column: a line of its own */
				fprintf(out, "%s\n%*s", rt->row->id, ind, "");
			if (rt->row->heading) {	/* a section of the table: no counts */
				put_line(out, rt->row->label, 81 - ind);
				continue;
			}
			fprintf(out, "%3d / %3d / %3d / %3d  %3d  ", rt->done, rt->doing, rt->late,
			    rt->none, rt->overdue);
			put_line(out, rt->row->label, idw < 27 ? 47 - idw : 20);
			if (*office_report_task_uncounted(rt, ub, sizeof ub))
				fprintf(out, "%*s%s %s\n", ind, "", TR("không tính:", "not counted:"), ub);
			/* who leads it (a plan whose rows name their leads), and by when */
			if (rep->f->has_leads && rt->due_text[0])
				fprintf(out, "%*s%s %s · %s %s\n", ind, "", TR("chủ trì:", "lead:"),
				    rt->leads, TR("hạn:", "due:"), rt->due_text);
			else if (rep->f->has_leads)
				fprintf(out, "%*s%s %s\n", ind, "", TR("chủ trì:", "lead:"), rt->leads);
			else if (rt->due_text[0])
				fprintf(out, "%*s%s %s\n", ind, "", TR("hạn:", "due:"), rt->due_text);
			if (office_row_targets(rt->row, buf, sizeof buf)[0])
				fprintf(out, "%*s%s %s\n", ind, "", TR("chỉ tiêu:", "target:"), buf);
			for (size_t u = 0; u < rep->nunits; u++) {
				const struct report_task_cell *cl = &rt->cells[u];
				char pct[32];
				if (!cl->owed || rep->units[u].inc != REPORT_COUNTED || (cl->status == NULL &&
				    !cl->has_pct &&
				    cl->evidence == NULL && cl->note == NULL))
					continue;
				/* unit, status, percent, overdue; evidence and note
				 * after them, or on lines of their own when long */
				fputs("      ", out);
				put_id(out, rep->units[u].id, 20, 6);
				{
					char st[128];
					office_task_status(rep, cl, st, sizeof st);
					put_cell(out, st[0] ? st : "—", cl->done_in[0] ? 34 : 18);
				}
				snprintf(pct, sizeof pct, cl->has_pct ? "%g%%" : "", cl->pct);
				put_cell(out, pct, 6);
				{
					/* the row's target judged for this unit, first */
					char miss[256], mkb[300];
					const char *mk = cl->met == 1 ? TR("đạt chỉ tiêu", "target met") :
					    cl->met == 0 ? TR("chưa đạt chỉ tiêu", "target not met") : NULL;
					/* with several targets, say which is missed */
					if (cl->met == 0 && rt->row->ntargets > 1 &&
					    office_cell_unmet(rt->row, cl, miss, sizeof miss)[0]) {
						snprintf(mkb, sizeof mkb, TR("chưa đạt: %s", "not met: %s"),
						    miss);
						mk = mkb;
					}
					const char *rest = cl->evidence && cl->note ? " · " : "";
					snprintf(buf, sizeof buf, "%s%s%s%s%s", mk ? mk : "",
					    mk && (cl->evidence || cl->note) ? " · " : "",
					    cl->evidence ? cl->evidence : "", rest,
					    cl->note ? cl->note : "");
				}
				if (*buf == '\0') {
					fprintf(out, "%s\n", cl->overdue ? TR("QUÁ HẠN", "OVERDUE") : "");
				} else if (text_width(buf) <= 19) {
					put_cell(out, cl->overdue ? TR("QUÁ HẠN", "OVERDUE") : "", 9);
					fprintf(out, "%s\n", buf);
				} else {
					fprintf(out, "%s\n", cl->overdue ? TR("QUÁ HẠN", "OVERDUE") : "");
					text_wrapped(out, buf, 8, TEXT_WIDTH);
				}
			}
		}
	}
	/* each figure over the last six periods: bars, then the previous
	 * period's total beside this one */
	if (rep->ntrend && rep->trends) {
		int k0 = 0;
		bool any = false;
		while (k0 + 1 < rep->ntrend && rep->trend_period[k0][0] == '\0')
			k0++;
		for (size_t c = 0; c < rep->ncols; c++) {
			const bool *known = &rep->trends_known[c * (size_t)rep->ntrend];
			const double *x = &rep->trends[c * (size_t)rep->ntrend];
			double lo = 0, hi = 0;
			int first = 1;
			char prev[32], cur[32];
			if (!numeric(&f->fields[rep->cols[c]]))
				continue;
			for (int k = 0; k < rep->ntrend; k++)
				if (known[k]) {
					if (first || x[k] < lo)
						lo = x[k];
					if (first || x[k] > hi)
						hi = x[k];
					first = 0;
				}
			if (first)
				continue;
			if (!any)
				fprintf(out, TR("\nXu hướng %d kỳ (%s … %s), kỳ trước → kỳ này:\n",
				    "\nTrend over %d periods (%s … %s), previous → this:\n"),
				    rep->ntrend - k0, rep->trend_period[k0],
				    rep->trend_period[rep->ntrend - 1]);
			any = true;
			fputs("  ", out);
			put_cell(out, label(&f->fields[rep->cols[c]]), 34);
			for (int k = k0; k < rep->ntrend; k++) {
				int b = !known[k] ? -1 : hi > lo ? (int)lround((x[k] - lo) / (hi - lo) * 7) : 3;
				fputs(bars[b < 0 ? 8 : b], out);
			}
			snprintf(prev, sizeof prev, "%g", round(x[rep->ntrend - 2] * 100) / 100);
			snprintf(cur, sizeof cur, "%g", round(x[rep->ntrend - 1] * 100) / 100);
			fprintf(out, "%*s", 8 - (rep->ntrend - k0), "");
			put_right(out, rep->ntrend >= 2 && known[rep->ntrend - 2] ? prev : "—", 10);
			fprintf(out, " → %s\n", known[rep->ntrend - 1] ? cur : "—");
		}
		/* the totals of different periods may hold different units */
		if (any) {
			fputs(TR("  Số đơn vị được tính mỗi kỳ:", "  Units counted in each period:"), out);
			for (int k = k0; k < rep->ntrend; k++)
				fprintf(out, "%s%d", k > k0 ? " · " : " ", rep->trend_units[k]);
			fputc('\n', out);
		}
	}
	fprintf(out, "\n%s\n", rep->nalerts ? TR("Cảnh báo:", "Alerts:") :
	    TR("Không có cảnh báo.", "No alerts."));
	for (size_t a = 0; a < rep->nalerts; a++) {
		char *al = xasprintf("! %s", rep->alerts[a]);
		text_hang(out, al, 2, 4, TEXT_WIDTH);
		free(al);
	}
}

/* ---- CSV ---- */

/*
 * Would a spreadsheet read S as a formula? Text beginning with '=', '+',
 * '-', '@', a tab or a carriage return is (CSV injection, OWASP); a number
 * ("-5", "+1.5", "-1.33") is not: it stays a number.
 */
static bool
csv_formula(const char *s)
{
	char *end;

	if (s == NULL || strchr("=+-@\t\r", *s) == NULL || *s == '\0')
		return false;
	if (*s == '=' || *s == '@' || *s == '\t' || *s == '\r')
		return true;
	(void)strtod(s, &end);
	return end == s || *end != '\0';
}

/* One cell: quoted when it holds a comma, a quote or a line break; text a
 * spreadsheet would run as a formula is prefixed with "'" (shown as text). */
static void
csv_cell(FILE *out, const char *s, int last)
{
	int quote = s && strpbrk(s, ",\"\n\r") != NULL;
	bool formula = csv_formula(s);

	if (quote) {
		fputc('"', out);
		if (formula)
			fputc('\'', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else if (s) {
		if (formula)
			fputc('\'', out);
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
	const char *v;
	const struct form_list *l;
	size_t len = 0;

	if (s != NULL && s == rep->total && rep->totals != NULL)
		return rep->totals[c].text;
	v = cell(rep, s, c);
	if (v == NULL || fd->list < 0 || (fd->type != FIELD_SELECT_ONE &&
	    fd->type != FIELD_SELECT_MULTIPLE))
		return v;
	l = &rep->f->lists[fd->list];
	buf[0] = '\0';
	for (const char *p = v; *p; ) {
		size_t n = strcspn(p, " ");
		const char *lb = NULL;
		for (size_t i = 0; i < l->nchoices && lb == NULL; i++)
			if (strlen(l->choices[i].value) == n && strncmp(l->choices[i].value, p, n) == 0)
				lb = l->choices[i].label;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%.*s",
		    len ? "; " : "", lb ? (int)strlen(lb) : (int)n, lb ? lb : p);
		p += n;
		while (*p == ' ')
			p++;
	}
	if (len >= size && size > 0) {
		/* cut: never inside a character */
		char *e = buf + size - 1;
		*e = '\0';
		while (e > buf && ((unsigned char)e[-1] & 0xc0) == 0x80)
			e--;
		if (e > buf && (unsigned char)e[-1] >= 0xc0)
			e[-1] = '\0';
	}
	return buf;
}

/* Targets per unit and for the commune: one row per field with a target
 * and counted unit (and the commune last). Calls EMIT with the cells:
 * unit id, unit, field label, field id, achieved, target, verdict, gap
 * (NULL where empty). Returns the number of rows. */
static const char *const target_heads_vi[] = { "Mã đơn vị", "Đơn vị", "Chỉ tiêu", "Mã trường",
	"Đạt được", "Chỉ tiêu kế hoạch", "Đánh giá", "Chênh lệch", NULL };
static const char *const target_heads_en[] = { "Unit id", "Unit", "Indicator", "Field",
	"Achieved", "Target", "Verdict", "Gap", NULL };

static size_t
target_rows(const struct office_report *rep, void (*emit)(void *, const char *const *, size_t),
    void *arg)
{
	size_t n = 0;

	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		char tb[64], tv[128], vb[512], gap[32];
		if (fd->tgt.cmp < TARGET_GE)
			continue;
		form_target_text(&fd->tgt, tb, sizeof tb);
		for (size_t u = 0; u <= rep->nunits; u++) {
			const struct sub *sv = u < rep->nunits ? rep->units[u].s : rep->total;
			const char *cells[8];
			double g = 0, want;
			int met;
			if (u < rep->nunits && rep->units[u].inc != REPORT_COUNTED)
				continue;
			/* a relative target: the figure it asks of this unit beside it */
			if (fd->tgt.previous && office_report_target_value(rep, sv, c, &want))
				snprintf(tv, sizeof tv, "%s (%g)", tb, round(want * 100) / 100);
			else
				snprintf(tv, sizeof tv, "%s", tb);
			met = office_report_target(rep, sv, c, &g);
			snprintf(gap, sizeof gap, "%g", round(g * 100) / 100);
			cells[0] = u < rep->nunits ? rep->units[u].id : "";
			cells[1] = u < rep->nunits ? rep->units[u].name : TR("Toàn xã", "Commune");
			cells[2] = label(fd);
			cells[3] = fd->name;
			cells[4] = office_report_cell(rep, sv, c, vb, sizeof vb);
			cells[5] = tv;
			cells[6] = met == 1 ? TR("đạt", "met") : met == 0 ? TR("chưa đạt", "not met") : NULL;
			cells[7] = met >= 0 && !fd->tgt.choice ? gap : NULL;
			emit(arg, cells, 8);
			n++;
		}
	}
	return n;
}

static bool
has_targets(const struct office_report *rep)
{
	for (size_t c = 0; c < rep->ncols; c++)
		if (rep->f->fields[rep->cols[c]].tgt.cmp >= TARGET_GE)
			return true;
	return false;
}

static void
csv_row(void *arg, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_cell(arg, cells[i], i + 1 == n);
}

/* The task table, one row per task and unit, as the CSV's last table. */
static void
csv_tasks(const struct office_report *rep, FILE *out)
{
	static const char *heads[14];
	char due[16], pct[32];
	size_t nh = 0;

	heads[nh++] = TR("STT", "Row");
	heads[nh++] = TR("Nhiệm vụ", "Task");
	heads[nh++] = TR("Mã đơn vị", "Unit id");
	heads[nh++] = TR("Đơn vị", "Unit");
	heads[nh++] = TR("Tình trạng", "Status");
	heads[nh++] = TR("Tiến độ", "Progress");
	heads[nh++] = TR("Kết quả (%)", "Result (%)");
	heads[nh++] = TR("Văn bản, minh chứng", "Evidence");
	heads[nh++] = TR("Ghi chú", "Note");
	heads[nh++] = TR("Thời hạn", "Due");
	heads[nh++] = TR("Hạn (ngày)", "Due date");
	heads[nh++] = TR("Quá hạn", "Overdue");
	heads[nh++] = TR("Chỉ tiêu", "Target");
	heads[nh++] = TR("Đạt chỉ tiêu", "Target met");
	fputs("\r\n", out);
	for (size_t i = 0; i < nh; i++)
		csv_cell(out, heads[i], i + 1 == nh);
	for (size_t t = 0; t < rep->ntasks; t++) {
		const struct report_task *rt = &rep->tasks[t];
		day_text(rt->due_day, due, sizeof due);
		for (size_t u = 0; u < rep->nunits; u++) {
			const struct report_task_cell *cl = &rt->cells[u];
			bool in = rep->units[u].inc == REPORT_COUNTED;
			char stbuf[160], tgts[512], metb[400];
			if (!cl->owed)
				continue;	/* another unit's row */
			snprintf(pct, sizeof pct, cl->has_pct ? "%g" : "", cl->pct);
			csv_cell(out, rt->row->id, 0);
			csv_cell(out, rt->row->label, 0);
			csv_cell(out, rep->units[u].id, 0);
			csv_cell(out, rep->units[u].name, 0);
			csv_cell(out, in ? office_task_status(rep, cl, stbuf, sizeof stbuf) :
			    inclusion_label(&rep->units[u]), 0);
			csv_cell(out, in ? progress_label(cl->progress) : "", 0);
			csv_cell(out, pct, 0);
			csv_cell(out, cl->evidence, 0);
			csv_cell(out, cl->note, 0);
			csv_cell(out, rt->row->due, 0);
			csv_cell(out, due, 0);
			csv_cell(out, in ? (cl->overdue ? TR("có", "yes") : TR("không", "no")) : "", 0);
			csv_cell(out, office_row_targets(rt->row, tgts, sizeof tgts), 0);
			csv_cell(out, met_text(rt->row, cl, metb, sizeof metb), 1);
		}
	}
}

enum err
office_report_csv(const struct office_report *rep, FILE *out)
{
	char buf[4096], tb[64], *line;
	size_t nc = rep->ncols;

	fputs("\xef\xbb\xbf", out);	/* BOM: Excel then reads UTF-8 */
	csv_cell(out, TR("Mã đơn vị", "Unit id"), 0);
	csv_cell(out, TR("Đơn vị", "Unit"), 0);
	csv_cell(out, TR("Tình trạng", "Status"), 0);
	csv_cell(out, TR("Lần nộp", "Revision"), 0);
	csv_cell(out, TR("Được tính", "Counted"), nc == 0);
	for (size_t c = 0; c < nc; c++)
		csv_cell(out, label(&rep->f->fields[rep->cols[c]]), c + 1 == nc);
	/* the codes, for machines: the field ids */
	csv_cell(out, "unit", 0);
	csv_cell(out, "name", 0);
	csv_cell(out, "status", 0);
	csv_cell(out, "revision", 0);
	csv_cell(out, "counted", nc == 0);
	for (size_t c = 0; c < nc; c++)
		csv_cell(out, rep->f->fields[rep->cols[c]].name, c + 1 == nc);
	for (size_t u = 0; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		char rev[16];
		snprintf(rev, sizeof rev, ru->rev ? "%d" : "", ru->rev);
		csv_cell(out, ru->id, 0);
		csv_cell(out, ru->name, 0);
		csv_cell(out, office_report_status_label(ru), 0);
		csv_cell(out, rev, 0);
		csv_cell(out, inclusion_label(ru), nc == 0);
		for (size_t c = 0; c < nc; c++)
			csv_cell(out, office_report_cell(rep, ru->s, c, buf, sizeof buf), c + 1 == nc);
	}
	line = xasprintf(TR("Tổng toàn xã (%zu/%zu đơn vị)", "Commune total (%zu of %zu units)"),
	    rep->ncounted, rep->nunits);
	csv_cell(out, "", 0);
	csv_cell(out, line, 0);
	free(line);
	csv_cell(out, "", 0);
	csv_cell(out, "", 0);
	csv_cell(out, "", nc == 0);
	for (size_t c = 0; c < nc; c++)
		csv_cell(out, rep->totals[c].text, c + 1 == nc);
	csv_cell(out, "", 0);
	csv_cell(out, TR("Cách tính tổng", "How the total is made"), 0);
	csv_cell(out, "", 0);
	csv_cell(out, "", 0);
	csv_cell(out, "", nc == 0);
	for (size_t c = 0; c < nc; c++)
		csv_cell(out, total_how(rep->totals[c].kind), c + 1 == nc);
	csv_cell(out, "", 0);
	csv_cell(out, TR("Chỉ tiêu", "Target"), 0);
	csv_cell(out, "", 0);
	csv_cell(out, "", 0);
	csv_cell(out, "", nc == 0);
	for (size_t c = 0; c < nc; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		csv_cell(out, office_report_target_words(fd, tb, sizeof tb), c + 1 == nc);
	}
	csv_cell(out, "", 0);
	csv_cell(out, TR("Toàn xã đạt chỉ tiêu", "Commune meets the target"), 0);
	csv_cell(out, "", 0);
	csv_cell(out, "", 0);
	csv_cell(out, "", nc == 0);
	for (size_t c = 0; c < nc; c++) {
		int met = office_report_target(rep, rep->total, c, NULL);
		csv_cell(out, met == 1 ? TR("đạt", "met") : met == 0 ? TR("chưa đạt", "not met") :
		    NULL, c + 1 == nc);
	}
	csv_cell(out, "", 0);
	csv_cell(out, office_report_rule(), 1);
	/* then, after a blank line, each unit against each target */
	if (has_targets(rep)) {
		fputs("\r\n", out);
		csv_row(out, err_lang ? target_heads_en : target_heads_vi, 8);
		target_rows(rep, csv_row, out);
	}
	if (rep->ntasks)
		csv_tasks(rep, out);
	/* last, after a blank line: what the file is (the form, the period, the
	 * commune), so that a copy sent on keeps its meaning */
	{
		char pw[96];
		fputs("\r\n", out);
		csv_cell(out, TR("Biểu mẫu", "Form"), 0);
		csv_cell(out, rep->f->reports[rep->report].form_id, 0);
		csv_cell(out, rep->f->title, 1);
		csv_cell(out, TR("Kỳ", "Period"), 0);
		csv_cell(out, rep->period, 0);
		csv_cell(out, office_period_words(&rep->p, rep->period, pw, sizeof pw), 1);
		csv_cell(out, TR("Xã", "Commune"), 0);
		csv_cell(out, rep->commune ? rep->commune : "", 1);
	}
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

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
target_json(const struct form_target *t, const char *as_written)
{
	static const char *const ops[] = { [TARGET_GE] = ">=", [TARGET_GT] = ">",
		[TARGET_LE] = "<=", [TARGET_LT] = "<", [TARGET_EQ] = "=" };
	json_t *o;

	if (t->cmp == TARGET_NONE)
		return json_null();
	o = json_pack("{s:o}", "text", jstr(as_written));
	if (t->cmp == TARGET_UNREAD) {
		json_object_set_new(o, "read", json_false());
		return o;
	}
	json_object_set_new(o, "cmp", json_string(ops[t->cmp]));
	if (t->choice)
		json_object_set_new(o, "choice", json_string(t->choice));
	else if (t->previous) {
		json_object_set_new(o, "previous", json_true());
		/* which: the same period a year before, or the one before */
		json_object_set_new(o, "year_before", json_boolean(t->year_before));
	}
	else
		json_object_set_new(o, "value", json_real(t->value));
	if (t->unit)
		json_object_set_new(o, "unit", json_string(t->unit));
	return o;
}

static json_t *
met_json(int met)
{
	return met < 0 ? json_null() : json_boolean(met);
}

static const char *
inclusion_code(enum report_inclusion i)
{
	static const char *const codes[] = { "counted", "missing", "draft", "returned" };
	return codes[i];
}

static void
iso_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(buf, size, "%s", "");
	else
		strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The counted units' answers to choice column C, by code: {"thap": 2,
 * "cao": 1} (a multiple choice counts each option ticked), in the list's
 * order, options nobody gave left out. */
static json_t *
options_json(const struct office_report *rep, size_t c)
{
	const struct form_field *fd = &rep->f->fields[rep->cols[c]];
	json_t *o = json_object();

	if (fd->list < 0)
		return o;
	for (size_t k = 0; k < rep->f->lists[fd->list].nchoices; k++) {
		const char *code = rep->f->lists[fd->list].choices[k].value;
		size_t cl = strlen(code);
		int n = 0;
		for (size_t u = 0; u < rep->nunits; u++) {
			const char *v = rep->units[u].inc == REPORT_COUNTED ?
			    sub_get(rep->units[u].s, rep->cols[c], -1) : NULL;
			for (const char *p = v; p && *p; ) {
				size_t w = strcspn(p, " ");
				n += w == cl && strncmp(p, code, w) == 0;
				p += w;
				p += strspn(p, " ");
			}
		}
		if (n > 0)
			json_object_set_new(o, code, json_integer(n));
	}
	return o;
}

enum err
office_report_json(const struct office_report *rep, FILE *out)
{
	json_t *o = json_object(), *cols = json_array(), *rows = json_array(), *al = json_array();
	json_t *tot = json_array();
	char *text;

	json_object_set_new(o, "form", json_string(rep->f->reports[rep->report].form_id));
	json_object_set_new(o, "form_version", json_integer(rep->f->version));
	/* the version whose leads and dues the units owing follow */
	json_object_set_new(o, "version_in_force", json_integer(rep->then != NULL ?
	    rep->then->version : rep->f->version));
	json_object_set_new(o, "period", json_string(rep->period));
	json_object_set_new(o, "title", json_string(rep->f->title));
	json_object_set_new(o, "rule", json_string(office_report_rule()));
	json_object_set_new(o, "units_counted", json_integer((json_int_t)rep->ncounted));
	json_object_set_new(o, "units_owing", json_integer((json_int_t)rep->nunits));
	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		json_t *jc = json_pack("{s:s, s:s, s:s, s:s}", "name", fd->name, "label", label(fd),
		    "type", form_field_type_name(fd->type), "total", form_total_name(rep->totals[c].kind));
		if (fd->unit)
			json_object_set_new(jc, "unit", json_string(fd->unit));
		if (fd->target)
			json_object_set_new(jc, "target", target_json(&fd->tgt, fd->target));
		json_array_append_new(cols, jc);
	}
	json_object_set_new(o, "columns", cols);
	for (size_t u = 0; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		char at[32];
		json_t *r, *tg = json_object();
		iso_time(ru->received, at, sizeof at);
		r = json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o}", "unit", ru->id, "name", ru->name,
		    "status", jstr(ru->status), "included", inclusion_code(ru->inc), "revision",
		    ru->rev ? json_integer(ru->rev) : json_null(), "received_at",
		    *at ? json_string(at) : json_null(), "reason", jstr(ru->reason));
		/* a newer revision than the one counted: a draft, or returned */
		json_object_set_new(r, "newer_revision", ru->newer_rev ? json_pack("{s:i, s:s, s:o}",
		    "revision", ru->newer_rev, "status", ru->newer_status, "reason",
		    jstr(ru->newer_reason)) : json_null());
		json_object_set_new(r, "values", values(rep, ru->s));
		for (size_t c = 0; ru->inc == REPORT_COUNTED && c < rep->ncols; c++) {
			double gap = 0, want = 0;
			int met = office_report_target(rep, ru->s, c, &gap);
			if (met >= 0)
				json_object_set_new(tg, rep->f->fields[rep->cols[c]].name,
				    json_pack("{s:b, s:o, s:o}", "met", met, "gap",
				    rep->f->fields[rep->cols[c]].tgt.choice ? json_null() :
				    json_real(round(gap * 1e6) / 1e6), "target_value",
				    office_report_target_value(rep, ru->s, c, &want) ?
				    json_real(round(want * 1e6) / 1e6) : json_null()));
		}
		json_object_set_new(r, "targets", tg);
		json_array_append_new(rows, r);
	}
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "total", values(rep, NULL));
	for (size_t c = 0; c < rep->ncols; c++) {
		const struct report_total *t = &rep->totals[c];
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		double gap = 0;
		int met = office_report_target(rep, rep->total, c, &gap);
		json_t *value;
		json_object_set_new(json_object_get(o, "total"), fd->name, jstr(t->text));
		/* for a program: a number, the count of each option by its code,
		 * or the count of units that answered; the words apart in "text" */
		if (t->kind == TOTAL_OPTIONS)
			value = options_json(rep, c);
		else if (t->known && (numeric(fd) || t->kind == TOTAL_COUNT))
			value = t->kind == TOTAL_COUNT ? json_integer((json_int_t)t->x) :
			    json_real(t->x);
		else
			value = json_null();
		json_array_append_new(tot, json_pack("{s:s, s:s, s:o, s:i, s:o, s:o, s:o}", "field",
		    fd->name, "total", form_total_name(t->kind), "value", value, "units", t->n,
		    "text", jstr(t->text), "target_met", met_json(met), "gap", met >= 0 &&
		    !fd->tgt.choice ? json_real(round(gap * 1e6) / 1e6) : json_null()));
	}
	json_object_set_new(o, "totals", tot);
	if (rep->ntasks) {
		json_t *tasks = json_array();
		for (size_t t = 0; t < rep->ntasks; t++) {
			const struct report_task *rt = &rep->tasks[t];
			json_t *ju = json_array(), *late = json_array(), *jt;
			char due[16];
			day_text(rt->due_day, due, sizeof due);
			for (size_t u = 0; u < rep->nunits; u++) {
				const struct report_task_cell *cl = &rt->cells[u];
				if (cl->owed && cl->overdue && rep->units[u].inc != REPORT_COUNTED)
					json_array_append_new(late, json_string(rep->units[u].id));
				if (!cl->owed || rep->units[u].inc != REPORT_COUNTED)
					continue;
				json_array_append_new(ju, json_pack("{s:s, s:o, s:s, s:o, s:o, s:o, "
				    "s:b, s:o}", "unit", rep->units[u].id, "status", jstr(cl->status),
				    "progress", progress_code(cl->progress), "percent", cl->has_pct ?
				    json_real(cl->pct) : json_null(), "evidence", jstr(cl->evidence),
				    "note", jstr(cl->note), "overdue", cl->overdue, "target_met",
				    met_json(cl->met)));
				if (rt->row->ntargets > 1) {
					json_t *each = json_array();
					for (size_t k = 0; k < rt->row->ntargets &&
					    k < REPORT_TARGETS_MAX; k++)
						json_array_append_new(each, met_json(cl->met_each[k]));
					json_object_set_new(json_array_get(ju, json_array_size(ju) - 1),
					    "targets_met", each);
				}
				if (cl->done_in[0])
					json_object_set_new(json_array_get(ju, json_array_size(ju) - 1),
					    "done_in", json_string(cl->done_in));
				if (cl->overdue)
					json_array_append_new(late, json_string(rep->units[u].id));
			}
			jt = json_pack("{s:s, s:s, s:o, s:o, s:o, s:i, s:i, s:i, s:i, s:i, s:o, s:o}",
			    "id", rt->row->id, "task", rt->row->label, "due", jstr(rt->row->due),
			    "due_date", rt->due_day >= 0 ? json_string(due) : json_null(), "target",
			    target_json(&rt->row->tgt, rt->row->target), "done", rt->done,
			    "in_progress", rt->doing, "late", rt->late, "not_started", rt->none,
			    "overdue", rt->overdue, "overdue_units", late, "units", ju);
			/* units leading it whose word does not count: never in the above */
			json_object_set_new(jt, "not_counted", json_pack("{s:i, s:i, s:i}",
			    "returned", rt->returned, "draft", rt->drafts, "missing", rt->missing));
			json_object_set_new(jt, "lead", json_string(rt->leads));
			json_object_set_new(jt, "heading", json_boolean(rt->row->heading));
			json_array_append_new(tasks, jt);
		}
		json_object_set_new(o, "tasks", tasks);
	}
	for (size_t a = 0; a < rep->nalerts; a++)
		json_array_append_new(al, json_string(rep->alerts[a]));
	json_object_set_new(o, "alerts", al);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	fprintf(out, "%s\n", text);
	free(text);
	json_decref(o);
	return ferror(out) ? ERR_IO : ERR_OK;
}

/* ---- the long formats: one row per value ---- */

struct long_row {
	const char *field, *row, *value, *measure;
};

static const char *const long_heads[] = { "form", "form_version", "report", "period", "unit",
	"unit_name", "field", "row", "value", "measure", "status", "revision", "received_at", NULL };

/* Call EMIT for each value of each counted unit: the columns, then each
 * grid or repeat cell (row: the grid's STT, a repeat's 1, 2, ...). */
static void
long_rows(const struct office_report *rep, void (*emit)(const struct office_report *,
    const struct report_unit *, const struct long_row *, void *), void *arg)
{
	const struct form *f = rep->f;

	for (size_t u = 0; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		if (ru->inc != REPORT_COUNTED)
			continue;
		for (size_t i = 0; i < f->nfields; i++) {
			const struct form_field *fd = &f->fields[i];
			int nrows;
			if (!form_field_in_report(f, (int)i, rep->report) || !form_field_has_value(fd))
				continue;
			if (fd->container < 0) {
				const char *v = sub_get(ru->s, (int)i, -1);
				if (v != NULL && *v != '\0')
					emit(rep, ru, &(struct long_row){ fd->name, NULL, v, fd->unit }, arg);
				continue;
			}
			nrows = sub_rows(ru->s, fd->container);
			for (int r = 0; r < nrows; r++) {
				const struct form_field *cf = &f->fields[fd->container];
				const char *v = sub_get(ru->s, (int)i, r);
				char rid[16];
				if (v == NULL || *v == '\0')
					continue;
				if (cf->type == FIELD_GRID && (size_t)r < cf->nrows)
					emit(rep, ru, &(struct long_row){ fd->name, cf->rows[r].id, v,
					    fd->unit }, arg);
				else {
					snprintf(rid, sizeof rid, "%d", r + 1);
					emit(rep, ru, &(struct long_row){ fd->name, rid, v, fd->unit },
					    arg);
				}
			}
		}
	}
}

/* The version of the form a unit's values were filled with (and judged
 * by), not the one installed now: a long row says where its value came
 * from. */
static int
long_version(const struct office_report *rep, const struct report_unit *ru)
{
	return ru->form_version > 0 ? ru->form_version : rep->f->version;
}

static void
long_csv_row(const struct office_report *rep, const struct report_unit *ru,
    const struct long_row *lr, void *arg)
{
	FILE *out = arg;
	char ver[16], rev[16], at[32];

	snprintf(ver, sizeof ver, "%d", long_version(rep, ru));
	snprintf(rev, sizeof rev, "%d", ru->rev);
	iso_time(ru->received, at, sizeof at);
	csv_cell(out, rep->f->id, 0);
	csv_cell(out, ver, 0);
	csv_cell(out, rep->f->reports[rep->report].form_id, 0);
	csv_cell(out, rep->period, 0);
	csv_cell(out, ru->id, 0);
	csv_cell(out, ru->name, 0);
	csv_cell(out, lr->field, 0);
	csv_cell(out, lr->row, 0);
	csv_cell(out, lr->value, 0);
	csv_cell(out, lr->measure, 0);
	csv_cell(out, ru->status, 0);
	csv_cell(out, rev, 0);
	csv_cell(out, at, 1);
}

enum err
office_report_long_csv(const struct office_report *rep, FILE *out)
{
	/* no BOM: this one is for machines; the codes are ASCII, values UTF-8 */
	for (size_t i = 0; long_heads[i]; i++)
		csv_cell(out, long_heads[i], long_heads[i + 1] == NULL);
	long_rows(rep, long_csv_row, out);
	return ferror(out) ? ERR_IO : ERR_OK;
}

static void
long_json_row(const struct office_report *rep, const struct report_unit *ru,
    const struct long_row *lr, void *arg)
{
	char at[32];

	iso_time(ru->received, at, sizeof at);
	json_array_append_new(arg, json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, "
	    "s:s, s:i, s:o}", "form", rep->f->id, "form_version", long_version(rep, ru), "report",
	    rep->f->reports[rep->report].form_id, "period", rep->period, "unit", ru->id,
	    "unit_name", ru->name, "field", lr->field, "row", jstr(lr->row), "value", lr->value,
	    "measure", jstr(lr->measure), "status", ru->status, "revision", ru->rev,
	    "received_at", *at ? json_string(at) : json_null()));
}

enum err
office_report_long_json(const struct office_report *rep, FILE *out)
{
	json_t *a = json_array();
	char *text;

	long_rows(rep, long_json_row, a);
	text = json_dumps(a, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	fprintf(out, "%s\n", text);
	free(text);
	json_decref(a);
	return ferror(out) ? ERR_IO : ERR_OK;
}

/* ---- XLSX ---- */

struct xlsx_formats {
	lxw_format *date, *time, *num;
	lxw_format *off;	/* a number off its target: red on pink */
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

/* A row of strings, numbers as numbers, into the next row of a sheet. */
struct xlsx_rows {
	lxw_worksheet *ws;
	lxw_row_t r;
	const struct xlsx_formats *fm;
};

static void
xlsx_row(void *arg, const char *const *cells, size_t n)
{
	struct xlsx_rows *x = arg;

	x->r++;
	for (size_t i = 0; i < n; i++) {
		char *end;
		double v;
		if (cells[i] == NULL || *cells[i] == '\0')
			continue;
		v = strtod(cells[i], &end);
		if (*end == '\0' && (cells[i][0] == '-' || (cells[i][0] >= '0' && cells[i][0] <= '9')))
			worksheet_write_number(x->ws, x->r, (lxw_col_t)i, v, x->fm->num);
		else
			worksheet_write_string(x->ws, x->r, (lxw_col_t)i, cells[i], NULL);
	}
}

/* The workbook into TMP; messages name PATH, the file the user asked for. The
 * first sheet is the CSV's first table; then task progress per unit, the
 * commune's view of the tasks, and the alerts. */
#define FIRST 5	/* the first field's column */
static enum err
xlsx_write(const struct office_report *rep, const char *tmp, const char *path, char **cause)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(tmp, &opt);
	lxw_worksheet *ws, *wa;
	lxw_format *head, *bold, *code;
	size_t nc = rep->ncols;
	char tb[64], vb[512];
	struct xlsx_formats fm;
	lxw_doc_properties props = { 0 };
	char subject[128];
	lxw_error rc;
	lxw_row_t r = 0;
	char buf[4096];

	if (wb == NULL)
		return err_set_at(cause, ERR_IO, path, TR("không tạo được tệp XLSX", "cannot create "
		    "the XLSX file"));
	props.title = rep->f->title;
	/* what the workbook is about, in its properties too */
	snprintf(subject, sizeof subject, "%s — %s", rep->f->reports[rep->report].form_id,
	    rep->period);
	props.subject = subject;
	props.company = rep->commune;
	/* the report's time (pinned by BAOCAO_NOW), never the clock behind it:
	 * libxlsxwriter takes 0 for "now", so the same data gives the same bytes
	 * only with a time of our own */
	props.created = (time_t)store_now();
	workbook_set_properties(wb, &props);
	ws = workbook_add_worksheet(wb, TR("Báo cáo", "Report"));
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	code = workbook_add_format(wb);
	format_set_font_color(code, LXW_COLOR_GRAY);
	fm.date = workbook_add_format(wb);
	format_set_num_format(fm.date, "dd/mm/yyyy");
	fm.time = workbook_add_format(wb);
	format_set_num_format(fm.time, "hh:mm");
	fm.num = workbook_add_format(wb);
	format_set_num_format(fm.num, "General");
	fm.off = workbook_add_format(wb);
	format_set_num_format(fm.off, "General");
	format_set_font_color(fm.off, 0x9C0006);
	format_set_bg_color(fm.off, 0xFFC7CE);
	/* the header, then the codes (field ids) under it: both stay in view */
	worksheet_freeze_panes(ws, 2, 2);
	worksheet_set_column(ws, 0, 0, 18, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_set_column(ws, 2, 4, 12, NULL);
	if (nc)
		worksheet_set_column(ws, FIRST, (lxw_col_t)(FIRST - 1 + nc), 16, NULL);
	worksheet_write_string(ws, r, 0, TR("Mã đơn vị", "Unit id"), head);
	worksheet_write_string(ws, r, 1, TR("Đơn vị", "Unit"), head);
	worksheet_write_string(ws, r, 2, TR("Tình trạng", "Status"), head);
	worksheet_write_string(ws, r, 3, TR("Lần nộp", "Revision"), head);
	worksheet_write_string(ws, r, 4, TR("Được tính", "Counted"), head);
	for (size_t c = 0; c < nc; c++)
		worksheet_write_string(ws, r, (lxw_col_t)(FIRST + c), label(&rep->f->fields[rep->cols[c]]),
		    head);
	r++;
	worksheet_write_string(ws, r, 0, "unit", code);
	worksheet_write_string(ws, r, 1, "name", code);
	worksheet_write_string(ws, r, 2, "status", code);
	worksheet_write_string(ws, r, 3, "revision", code);
	worksheet_write_string(ws, r, 4, "counted", code);
	for (size_t c = 0; c < nc; c++)
		worksheet_write_string(ws, r, (lxw_col_t)(FIRST + c), rep->f->fields[rep->cols[c]].name,
		    code);
	for (size_t u = 0; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		r++;
		worksheet_write_string(ws, r, 0, ru->id, NULL);
		worksheet_write_string(ws, r, 1, ru->name, NULL);
		worksheet_write_string(ws, r, 2, office_report_status_label(ru), NULL);
		if (ru->rev)
			worksheet_write_number(ws, r, 3, ru->rev, NULL);
		worksheet_write_string(ws, r, 4, inclusion_label(ru), NULL);
		for (size_t c = 0; c < nc; c++) {
			/* a counted figure off its target stands out */
			struct xlsx_formats f2 = fm;
			if (ru->inc == REPORT_COUNTED && office_report_off_target(rep, ru->s, c))
				f2.num = fm.off;
			xlsx_value(ws, r, (lxw_col_t)(FIRST + c), &rep->f->fields[rep->cols[c]],
			    office_report_cell(rep, ru->s, c, buf, sizeof buf), &f2);
		}
	}
	r++;
	snprintf(buf, sizeof buf, TR("Tổng toàn xã (%zu/%zu đơn vị)", "Commune total (%zu of %zu "
	    "units)"), rep->ncounted, rep->nunits);
	worksheet_write_string(ws, r, 1, buf, bold);
	for (size_t c = 0; c < nc; c++)
		if (rep->totals[c].text) {
			struct xlsx_formats f2 = fm;
			if (office_report_off_target(rep, rep->total, c))
				f2.num = fm.off;
			xlsx_value(ws, r, (lxw_col_t)(FIRST + c), &rep->f->fields[rep->cols[c]],
			    rep->totals[c].text, &f2);
		}
	r++;
	worksheet_write_string(ws, r, 1, TR("Cách tính tổng", "How the total is made"), NULL);
	for (size_t c = 0; c < nc; c++)
		worksheet_write_string(ws, r, (lxw_col_t)(FIRST + c), total_how(rep->totals[c].kind),
		    NULL);
	r++;
	worksheet_write_string(ws, r, 1, TR("Chỉ tiêu", "Target"), NULL);
	for (size_t c = 0; c < nc; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		if (office_report_target_words(fd, tb, sizeof tb))
			worksheet_write_string(ws, r, (lxw_col_t)(FIRST + c), tb, NULL);
	}
	r++;
	worksheet_write_string(ws, r, 1, TR("Toàn xã đạt chỉ tiêu", "Commune meets the target"),
	    NULL);
	for (size_t c = 0; c < nc; c++) {
		int met = office_report_target(rep, rep->total, c, NULL);
		if (met >= 0)
			worksheet_write_string(ws, r, (lxw_col_t)(FIRST + c), met ? TR("đạt", "met") :
			    TR("chưa đạt", "not met"), NULL);
	}
	r++;
	worksheet_write_string(ws, r, 1, office_report_rule(), NULL);
	if (office_report_version_line(rep, vb, sizeof vb) != NULL)
		worksheet_write_string(ws, ++r, 1, vb, NULL);
	if (rep->ntasks) {
		/* each task for each unit, as the unit entered it */
		static const char *const heads_vi[] = { "STT", "Nhiệm vụ", "Mã đơn vị", "Đơn vị",
			"Tình trạng", "Tiến độ", "Kết quả (%)", "Văn bản, minh chứng", "Ghi chú",
			"Thời hạn", "Hạn (ngày)", "Quá hạn", "Chỉ tiêu", "Đạt chỉ tiêu", NULL };
		static const char *const heads_en[] = { "Row", "Task", "Unit id", "Unit", "Status",
			"Progress", "Result (%)", "Evidence", "Note", "Due", "Due date", "Overdue",
			"Target", "Target met", NULL };
		static const double widths[] = { 7, 50, 18, 24, 16, 11, 10, 28, 28, 22, 11, 9, 10, 11 };
		lxw_worksheet *wt = workbook_add_worksheet(wb, TR("Tiến độ nhiệm vụ", "Task progress"));
		lxw_worksheet *wc = workbook_add_worksheet(wb, TR("Nhiệm vụ toàn xã", "Tasks, commune"));
		lxw_format *wrap = workbook_add_format(wb);
		lxw_row_t tr = 0;
		format_set_text_wrap(wrap);
		format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
		worksheet_freeze_panes(wt, 1, 2);
		for (int i = 0; heads_vi[i]; i++) {
			worksheet_set_column(wt, (lxw_col_t)i, (lxw_col_t)i, widths[i],
			    i == 1 || i == 7 || i == 8 ? wrap : NULL);
			worksheet_write_string(wt, 0, (lxw_col_t)i, TR(heads_vi[i], heads_en[i]), head);
		}
		char stbuf[160], tgts[512], metb[400];
		for (size_t t = 0; t < rep->ntasks; t++) {
			const struct report_task *rt = &rep->tasks[t];
			for (size_t u = 0; u < rep->nunits; u++) {
				const struct report_task_cell *cl = &rt->cells[u];
				bool in = rep->units[u].inc == REPORT_COUNTED;
				if (!cl->owed)
					continue;	/* another unit's row */
				tr++;
				worksheet_write_string(wt, tr, 0, rt->row->id, NULL);
				worksheet_write_string(wt, tr, 1, rt->row->label, wrap);
				worksheet_write_string(wt, tr, 2, rep->units[u].id, NULL);
				worksheet_write_string(wt, tr, 3, rep->units[u].name, NULL);
				worksheet_write_string(wt, tr, 4, in ? office_task_status(rep, cl,
				    stbuf, sizeof stbuf) : inclusion_label(&rep->units[u]), NULL);
				if (in)
					worksheet_write_string(wt, tr, 5, progress_label(cl->progress), NULL);
				if (cl->has_pct)
					worksheet_write_number(wt, tr, 6, cl->pct, fm.num);
				if (cl->evidence)
					worksheet_write_string(wt, tr, 7, cl->evidence, wrap);
				if (cl->note)
					worksheet_write_string(wt, tr, 8, cl->note, wrap);
				if (rt->row->due)
					worksheet_write_string(wt, tr, 9, rt->row->due, NULL);
				if (rt->due_day >= 0) {
					int y, m, d;
					lxw_datetime dt;
					date_to_ymd(rt->due_day, &y, &m, &d);
					dt = (lxw_datetime){ y, m, d, 0, 0, 0 };
					worksheet_write_datetime(wt, tr, 10, &dt, fm.date);
				}
				if (in)
					worksheet_write_string(wt, tr, 11, cl->overdue ? TR("có", "yes") :
					    TR("không", "no"), NULL);
				if (office_row_targets(rt->row, tgts, sizeof tgts)[0])
					worksheet_write_string(wt, tr, 12, tgts, NULL);
				if (cl->met >= 0)
					worksheet_write_string(wt, tr, 13, met_text(rt->row, cl, metb,
					    sizeof metb), NULL);
			}
		}
		/* the commune's view: per task, how many units are where, who is late */
		{
			static const char *const ch_vi[] = { "STT", "Nhiệm vụ", "Xong", "Đang làm",
				"Chậm", "Chưa", "Quá hạn", "Đơn vị quá hạn", "Không tính", NULL };
			static const char *const ch_en[] = { "Row", "Task", "Done", "In progress",
				"Behind", "Not started", "Overdue", "Overdue units", "Not counted",
				NULL };
			static const double cw[] = { 7, 60, 7, 9, 7, 7, 9, 40, 30 };
			worksheet_freeze_panes(wc, 1, 2);
			for (int i = 0; ch_vi[i]; i++) {
				worksheet_set_column(wc, (lxw_col_t)i, (lxw_col_t)i, cw[i],
				    i == 1 || i == 7 ? wrap : NULL);
				worksheet_write_string(wc, 0, (lxw_col_t)i, TR(ch_vi[i], ch_en[i]), head);
			}
			for (size_t t = 0; t < rep->ntasks; t++) {
				const struct report_task *rt = &rep->tasks[t];
				size_t len = 0;
				lxw_row_t cr = (lxw_row_t)(t + 1);
				buf[0] = '\0';
				for (size_t u = 0; u < rep->nunits; u++)
					if (rt->cells[u].overdue && len < sizeof buf)
						len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
						    len ? ", " : "", rep->units[u].id);
				worksheet_write_string(wc, cr, 0, rt->row->id, NULL);
				worksheet_write_string(wc, cr, 1, rt->row->label, wrap);
				worksheet_write_number(wc, cr, 2, rt->done, NULL);
				worksheet_write_number(wc, cr, 3, rt->doing, NULL);
				worksheet_write_number(wc, cr, 4, rt->late, NULL);
				worksheet_write_number(wc, cr, 5, rt->none, NULL);
				worksheet_write_number(wc, cr, 6, rt->overdue, NULL);
				if (*buf)
					worksheet_write_string(wc, cr, 7, buf, wrap);
				if (*office_report_task_uncounted(rt, buf, sizeof buf))
					worksheet_write_string(wc, cr, 8, buf, wrap);
			}
		}
	}
	if (has_targets(rep)) {
		struct xlsx_rows xr = { workbook_add_worksheet(wb, TR("Chỉ tiêu", "Targets")), 0,
			&fm };
		const char *const *h = err_lang ? target_heads_en : target_heads_vi;
		static const double tw[] = { 18, 26, 40, 16, 12, 14, 10, 10 };
		for (int i = 0; h[i]; i++) {
			worksheet_set_column(xr.ws, (lxw_col_t)i, (lxw_col_t)i, tw[i], NULL);
			worksheet_write_string(xr.ws, 0, (lxw_col_t)i, h[i], head);
		}
		worksheet_freeze_panes(xr.ws, 1, 2);
		target_rows(rep, xlsx_row, &xr);
	}
	wa = workbook_add_worksheet(wb, TR("Cảnh báo", "Alerts"));
	worksheet_set_column(wa, 0, 0, 90, NULL);
	for (size_t a = 0; a < rep->nalerts; a++)
		worksheet_write_string(wa, (lxw_row_t)a, 0, rep->alerts[a], NULL);
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set_at(cause, ERR_IO, path, TR("không ghi được tệp XLSX (đĩa đầy hoặc không "
		    "ghi được?)", "cannot write the XLSX file (disk full or read-only?)"));
	return ERR_OK;
}

/*
 * libxlsxwriter (1.1.4) writes only to a named file: the workbook is
 * written to a private temporary file, read back, and the bytes go to PATH
 * through core/file.c's file_write like every other output (whole or not
 * at all: temporary name, synced, renamed). libxlsxwriter prints its own
 * English errors on stderr, which would also scribble over the interface;
 * they are silenced, ours say what happened.
 */
enum err
office_report_xlsx(const struct office_report *rep, const char *path, char **cause)
{
	const char *dir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/baocao-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	int saved, quiet, fd = mkstemp(tmp);
	unsigned char *data = NULL;
	size_t len = 0;
	enum err e;

	if (fd < 0) {
		e = err_set_at(cause, err_os_code(errno), path, TR("không tạo được tệp tạm: %s",
		    "cannot make a temporary file: %s"), err_os(errno));
		free(tmp);
		return e;
	}
	close(fd);
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
	if (e == ERR_OK) {
		char *why = NULL;
		e = file_read(tmp, (size_t)1 << 30, &data, &len, &why);
		if (e != ERR_OK) {
			e = err_set_at(cause, e, path, TR("không đọc lại được bảng tính: %s",
			    "cannot read the workbook back: %s"), why);
			free(why);
		}
	}
	unlink(tmp);
	free(tmp);
	if (e == ERR_OK)
		e = file_write(path, data, len, cause);
	free(data);
	return e;
}

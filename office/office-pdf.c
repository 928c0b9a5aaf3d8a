/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-pdf: the consolidated report as a printable A4 document in the
 * layout of Decree 30/2020/NĐ-CP (Phụ lục I, the administrative document):
 *
 *   issuing body (upper left)          national motto, sub-motto (upper right)
 *   number and symbol "Số: .../BC-..."  place and date, in italics
 *                         BÁO CÁO (the title)
 *                         what it is about
 *   body: the rule that counted, then tables — the commune's figures
 *   against their targets, the units, the tasks — each breaking across
 *   pages with its header row repeated
 *   "Nơi nhận:" (recipients, lower left)   signature block (lower right)
 *
 * Margins are the decree's (top and bottom 20 mm, left 30 mm, right 15 mm),
 * the type is Liberation Serif (Times' metrics, the decree's Times New
 * Roman), 13 pt for the text and 12 pt in tables; pages after the first
 * are numbered at the top, centred. Text is laid out by pango and drawn by
 * cairo into a PDF kept in memory, then written whole (core/file.c).
 * The document's creation date is the report's date, so the same data
 * gives the same file.
 */
#include "office-report.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "../core/file.h"
#include "../core/mem.h"
#include "../storage/store.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define LEFT (30 * MM)
#define RIGHT (PAGE_W - 15 * MM)
#define TOP (20 * MM)
#define BOTTOM (PAGE_H - 20 * MM)
#define FONT "Liberation Serif"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;	/* at 72 dpi: a point of type is a point of the page */
	double y;
	int page;
	unsigned char *data;	/* the document as cairo writes it */
	size_t len, cap;
	bool failed;
};

static cairo_status_t
pdf_write(void *arg, const unsigned char *data, unsigned int n)
{
	struct pdf *p = arg;

	if (p->len + n > p->cap) {
		p->cap = (p->len + n) * 2 + 4096;
		p->data = xrealloc(p->data, p->cap);
	}
	memcpy(p->data + p->len, data, n);
	p->len += n;
	return CAIRO_STATUS_SUCCESS;
}

/* S in capitals (Vietnamese letters too), NFC; caller frees. */
static char *
upper(const char *s)
{
	size_t n = strlen(s), len = 0;
	char *out = xmalloc(n * 4 + 1);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0) {
		len += (size_t)utf8proc_encode_char(utf8proc_toupper(c), (utf8proc_uint8_t *)out + len);
		p += k;
	}
	out[len] = '\0';
	return out;
}

enum { ALIGN_L, ALIGN_C, ALIGN_R };

/* A layout of TEXT (pango markup when MARKUP) in WIDTH points. */
static PangoLayout *
layout(struct pdf *p, const char *text, double size, bool bold, bool italic, int align,
    double width, bool markup)
{
	PangoLayout *l = pango_layout_new(p->pc);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == ALIGN_C ? PANGO_ALIGN_CENTER : align == ALIGN_R ?
	    PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (markup)
		pango_layout_set_markup(l, text, -1);
	else
		pango_layout_set_text(l, text, -1);
	return l;
}

static double
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draw L at (X, Y); returns its height. Frees L. */
static double
draw(struct pdf *p, PangoLayout *l, double x, double y)
{
	double h = layout_height(l);

	cairo_move_to(p->cr, x, y);
	pango_cairo_update_layout(p->cr, l);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	return h;
}

static void
new_page(struct pdf *p)
{
	char num[16];

	cairo_show_page(p->cr);
	p->page++;
	/* pages after the first are numbered in the top margin, centred */
	snprintf(num, sizeof num, "%d", p->page);
	draw(p, layout(p, num, 13, false, false, ALIGN_C, RIGHT - LEFT, false), LEFT, TOP - 10 * MM);
	p->y = TOP;
}

/* A paragraph across the text width; a new page first if it does not fit. */
static void
para(struct pdf *p, const char *text, double size, bool bold, bool italic, int align,
    double after)
{
	PangoLayout *l = layout(p, text, size, bold, italic, align, RIGHT - LEFT, false);

	if (p->y + layout_height(l) > BOTTOM)
		new_page(p);
	p->y += draw(p, l, LEFT, p->y) + after;
}

/* ---- tables that break across pages, the header repeated ---- */

struct table {
	const char *const *head;
	const double *width;	/* fractions of the text width */
	const int *align;
	int ncols;
};

/* A cell's text: wrapped between words only, so that a date or a number
 * ("30/09/2026") is never split across lines. */
static PangoLayout *
cell_layout(struct pdf *p, const char *text, bool bold, int align, double width)
{
	PangoLayout *l = layout(p, text ? text : "", 11, bold, false, align, width, false);

	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	return l;
}

static double
row_height(struct pdf *p, const struct table *t, const char *const *cells, bool bold)
{
	double h = 0;

	for (int c = 0; c < t->ncols; c++) {
		PangoLayout *l = cell_layout(p, cells[c], bold, t->align[c],
		    t->width[c] * (RIGHT - LEFT) - 4);
		double lh = layout_height(l);
		g_object_unref(l);
		if (lh > h)
			h = lh;
	}
	return h + 4;
}

static void
row_draw(struct pdf *p, const struct table *t, const char *const *cells, bool bold, double h)
{
	double x = LEFT;

	cairo_set_line_width(p->cr, 0.5);
	for (int c = 0; c < t->ncols; c++) {
		double w = t->width[c] * (RIGHT - LEFT);
		cairo_rectangle(p->cr, x, p->y, w, h);
		cairo_stroke(p->cr);
		draw(p, cell_layout(p, cells[c], bold, t->align[c], w - 4), x + 2, p->y + 2);
		x += w;
	}
	p->y += h;
}

static void
table_head(struct pdf *p, const struct table *t)
{
	double h = row_height(p, t, t->head, true);

	row_draw(p, t, t->head, true, h);
}

/* One row; on a new page when it does not fit, with the header again. */
static void
table_row(struct pdf *p, const struct table *t, const char *const *cells, bool bold)
{
	double h = row_height(p, t, cells, bold);

	if (p->y + h > BOTTOM) {
		new_page(p);
		table_head(p, t);
	}
	row_draw(p, t, cells, bold, h);
}

/* A section's heading and its table's header and first row FIRST, on one
 * page: a heading is never left alone at the foot of a page. */
static void
section(struct pdf *p, const char *heading_text, const struct table *t,
    const char *const *first)
{
	PangoLayout *l = layout(p, heading_text, 13, true, false, ALIGN_L, RIGHT - LEFT, false);
	/* the header and the first row given, or room for three header
	 * heights when none is given */
	double need = layout_height(l) + 4 + (first ? row_height(p, t, t->head, true) +
	    row_height(p, t, first, false) : 3 * row_height(p, t, t->head, true));

	g_object_unref(l);
	if (p->y + need > BOTTOM)
		new_page(p);
	para(p, heading_text, 13, true, false, ALIGN_L, 4);
	table_head(p, t);
}

static const char *
met_text(int met)
{
	return met == 1 ? TR("Đạt", "Met") : met == 0 ? TR("Chưa đạt", "Not met") : "";
}

/* Each task as each unit reported it: the sheet a commune hands up —
 * task, deadline, unit, status, result, evidence and note; an overdue
 * task says so. */
static void
task_detail(struct pdf *p, const struct office_report *rep, const char *num)
{
	static const double w[] = { 0.07, 0.25, 0.16, 0.13, 0.12, 0.09, 0.18 };
	static const int a[] = { ALIGN_C, ALIGN_L, ALIGN_L, ALIGN_L, ALIGN_L, ALIGN_C, ALIGN_L };
	const char *h_vi[] = { "STT", "Nhiệm vụ", "Thời hạn", "Đơn vị", "Tình trạng",
		"Kết quả (%)", "Minh chứng, ghi chú" };
	const char *h_en[] = { "No.", "Task", "Due", "Unit", "Status", "Result (%)",
		"Evidence, note" };
	struct table t = { err_lang ? h_en : h_vi, w, a, 7 };
	char *s = xasprintf(TR("%s. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ", "%s. EACH TASK"), num);

	p->y += 10;
	section(p, s, &t, NULL);
	free(s);
	for (size_t k = 0; k < rep->ntasks; k++) {
		const struct report_task *rt = &rep->tasks[k];
		bool first = true;
		for (size_t u = 0; u < rep->nunits; u++) {
			const struct report_task_cell *cl = &rt->cells[u];
			char pct[24], status[512], ev[1024], tg[512], label[1024];
			const char *cells[7];
			if (rep->units[u].inc != REPORT_COUNTED)
				continue;
			{
				/* its status, overdue, and the targets it misses (every
				 * one of the row's is judged; which is named) */
				char st[160], miss[256];
				office_cell_unmet(rt->row, cl, miss, sizeof miss);
				snprintf(status, sizeof status, "%s%s%s%s",
				    office_task_status(rep, cl, st, sizeof st),
				    cl->overdue ? TR(" (quá hạn)", " (overdue)") : "",
				    miss[0] ? TR("; chưa đạt chỉ tiêu: ", "; target not met: ") : "",
				    miss);
			}
			snprintf(pct, sizeof pct, cl->has_pct ? "%g" : "", cl->pct);
			snprintf(ev, sizeof ev, "%s%s%s", cl->evidence ? cl->evidence : "",
			    cl->evidence && cl->note ? "; " : "", cl->note ? cl->note : "");
			cells[0] = first ? rt->row->id : "";
			if (first && office_row_targets(rt->row, tg, sizeof tg)[0])
				snprintf(label, sizeof label, "%s (%s %s)", rt->row->label,
				    TR("chỉ tiêu:", "target:"), tg);
			else
				snprintf(label, sizeof label, "%s", first ? rt->row->label : "");
			cells[1] = label;
			cells[2] = first && rt->row->due ? rt->row->due : "";
			cells[3] = rep->units[u].name;
			cells[4] = status;
			cells[5] = pct;
			cells[6] = ev;
			table_row(p, &t, cells, false);
			first = false;
		}
	}
}

/* ---- the document ---- */

/* Each counted unit against each target, as the other formats carry it:
 * unit, indicator, achieved, target, verdict, gap. */
/* What "Nơi nhận" and the signature block take (closing). */
#define CLOSING_HEIGHT (45 * MM)

static void
unit_targets(struct pdf *p, const struct office_report *rep)
{
	static const double w[] = { 0.22, 0.30, 0.12, 0.16, 0.10, 0.10 };
	static const int a[] = { ALIGN_L, ALIGN_L, ALIGN_R, ALIGN_C, ALIGN_C, ALIGN_R };
	const char *h_vi[] = { "Đơn vị", "Chỉ tiêu", "Đạt được", "Kế hoạch", "Đánh giá",
		"Chênh lệch" };
	const char *h_en[] = { "Unit", "Indicator", "Achieved", "Target", "Verdict", "Gap" };
	struct table t = { err_lang ? h_en : h_vi, w, a, 6 };
	bool started = false;

	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		if (fd->tgt.cmp < TARGET_GE)
			continue;
		for (size_t u = 0; u < rep->nunits; u++) {
			const struct report_unit *ru = &rep->units[u];
			char vb[512], tb[64], tv[128], gap[32];
			const char *cells[6];
			double g = 0, want;
			int met;
			if (ru->inc != REPORT_COUNTED)
				continue;
			met = office_report_target(rep, ru->s, c, &g);
			office_report_target_words(fd, tb, sizeof tb);
			if (fd->tgt.previous && office_report_target_value(rep, ru->s, c, &want))
				snprintf(tv, sizeof tv, "%s (%g)", tb, round(want * 100) / 100);
			else
				snprintf(tv, sizeof tv, "%s", tb);
			snprintf(gap, sizeof gap, met >= 0 && !fd->tgt.choice ? "%+g" : "",
			    round(g * 100) / 100);
			cells[0] = ru->name;
			cells[1] = fd->label ? fd->label : fd->name;
			cells[2] = office_report_cell(rep, ru->s, c, vb, sizeof vb);
			cells[3] = tv;
			cells[4] = met_text(met);
			cells[5] = gap;
			if (!started) {
				p->y += 6;
				section(p, TR("Chỉ tiêu theo từng đơn vị", "Targets, unit by unit"), &t,
				    cells);
				started = true;
			}
			table_row(p, &t, cells, false);
		}
	}
}

static void
heading(struct pdf *p, const struct office_report *rep, const struct office_pdf_opts *o)
{
	double colw = (RIGHT - LEFT) * 0.40, rx = LEFT + colw, rw = RIGHT - rx;
	char *body = upper(o->issuer), *parent = o->parent ? upper(o->parent) : NULL, *s;
	double yl = TOP, yr = TOP, w;
	time_t now = (time_t)o->date;
	struct tm tm;
	char date[160], pw[96];
	PangoLayout *l;

	/* left: the body above, if any, then the issuing body in bold, a short
	 * rule under it, then the number and symbol */
	if (parent)
		yl += draw(p, layout(p, parent, 12, false, false, ALIGN_C, colw, false), LEFT, yl);
	/* Decree 30: "ỦY BAN NHÂN DÂN" on a line, "XÃ NGỌC LẶC" on the next,
	 * rather than wherever the width runs out */
	if (strncmp(body, "ỦY BAN NHÂN DÂN ", strlen("ỦY BAN NHÂN DÂN ")) == 0)
		body[strlen("ỦY BAN NHÂN DÂN")] = '\n';
	l = layout(p, body, 12, true, false, ALIGN_C, colw, false);
	yl += draw(p, l, LEFT, yl);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, LEFT + colw / 2 - 15 * MM, yl + 1);
	cairo_line_to(p->cr, LEFT + colw / 2 + 15 * MM, yl + 1);
	cairo_stroke(p->cr);
	yl += 6;
	s = xasprintf(TR("Số: %s", "No.: %s"), o->number);
	yl += draw(p, layout(p, s, 13, false, false, ALIGN_C, colw, false), LEFT, yl);
	free(s);
	/* right: the national motto, the sub-motto underlined, place and date */
	yr += draw(p, layout(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, true, false, ALIGN_C,
	    rw, false), rx, yr);
	l = layout(p, "Độc lập - Tự do - Hạnh phúc", 13, true, false, ALIGN_C, rw, false);
	{
		int lw, lh;
		pango_layout_get_pixel_size(l, &lw, &lh);
		w = lw;
	}
	yr += draw(p, l, rx, yr);
	cairo_move_to(p->cr, rx + (rw - w) / 2, yr + 1);
	cairo_line_to(p->cr, rx + (rw + w) / 2, yr + 1);
	cairo_stroke(p->cr);
	yr += 8;
	localtime_r(&now, &tm);
	snprintf(date, sizeof date, TR("%s, ngày %02d tháng %02d năm %04d",
	    "%s, %02d/%02d/%04d"), o->place, tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	yr += draw(p, layout(p, date, 13, false, true, ALIGN_C, rw, false), rx, yr);
	p->y = (yl > yr ? yl : yr) + 14;
	free(body);
	free(parent);
	/* the title and what it is about */
	para(p, TR("BÁO CÁO", "REPORT"), 14, true, false, ALIGN_C, 2);
	s = xasprintf("%s — %s", rep->f->title, office_period_words(&rep->p, rep->period, pw,
	    sizeof pw));
	para(p, s, 13, true, false, ALIGN_C, 2);
	free(s);
	cairo_move_to(p->cr, LEFT + (RIGHT - LEFT) / 2 - 20 * MM, p->y + 1);
	cairo_line_to(p->cr, LEFT + (RIGHT - LEFT) / 2 + 20 * MM, p->y + 1);
	cairo_stroke(p->cr);
	p->y += 10;
}

static void
body(struct pdf *p, const struct office_report *rep)
{
	static const double fw[] = { 0.07, 0.33, 0.10, 0.12, 0.14, 0.12, 0.12 };
	static const int fa[] = { ALIGN_C, ALIGN_L, ALIGN_C, ALIGN_R, ALIGN_C, ALIGN_C, ALIGN_C };
	const char *fh_vi[] = { "STT", "Chỉ tiêu", "Đơn vị tính", "Toàn xã", "Cách tính",
		"Chỉ tiêu kế hoạch", "Đánh giá" };
	const char *fh_en[] = { "No.", "Indicator", "Unit", "Commune", "How", "Target",
		"Verdict" };
	static const double uw[] = { 0.07, 0.31, 0.24, 0.19, 0.19 };
	static const int ua[] = { ALIGN_C, ALIGN_L, ALIGN_L, ALIGN_C, ALIGN_C };
	const char *uh_vi[] = { "STT", "Đơn vị", "Mã", "Tình trạng", "Được tính" };
	const char *uh_en[] = { "No.", "Unit", "Id", "Status", "Counted" };
	static const double tw[] = { 0.07, 0.30, 0.08, 0.09, 0.08, 0.08, 0.16, 0.14 };
	static const int ta[] = { ALIGN_C, ALIGN_L, ALIGN_C, ALIGN_C, ALIGN_C, ALIGN_C, ALIGN_L,
		ALIGN_L };
	const char *th_vi[] = { "STT", "Nhiệm vụ", "Xong", "Đang làm", "Chậm", "Chưa",
		"Quá hạn", "Không tính" };
	const char *th_en[] = { "No.", "Task", "Done", "Doing", "Behind", "Not yet", "Overdue",
		"Not counted" };
	struct table ft = { err_lang ? fh_en : fh_vi, fw, fa, 7 };
	struct table ut = { err_lang ? uh_en : uh_vi, uw, ua, 5 };
	struct table tt = { err_lang ? th_en : th_vi, tw, ta, 8 };
	char *s, num[24], tb[64], vb[512];
	int n = 0;

	para(p, office_report_rule(), 13, false, false, ALIGN_L, 2);
	if (office_report_version_line(rep, vb, sizeof vb) != NULL)
		para(p, vb, 13, false, false, ALIGN_L, 2);
	s = xasprintf(TR("Số đơn vị được tính: %zu/%zu.", "Units counted: %zu of %zu."),
	    rep->ncounted, rep->nunits);
	para(p, s, 13, false, false, ALIGN_L, 8);
	free(s);
	section(p, TR("I. SỐ LIỆU TỔNG HỢP TOÀN XÃ", "I. THE COMMUNE'S FIGURES"), &ft, NULL);
	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		const struct report_total *t = &rep->totals[c];
		const char *cells[7];
		static const char *const how_vi[] = { "", "Cộng", "Trung bình", "Nhỏ nhất",
			"Lớn nhất", "Số đơn vị", "Không cộng", "Tỷ lệ các tổng", "Tính từ tổng",
			"Theo lựa chọn" };
		static const char *const how_en[] = { "", "Sum", "Mean", "Minimum", "Maximum",
			"Units", "Not summed", "Ratio of sums", "From totals", "Per option" };
		/* a text field's total is how many units answered, as elsewhere */
		if ((fd->type == FIELD_TEXT && t->kind != TOTAL_COUNT) || fd->type == FIELD_DATE ||
		    fd->type == FIELD_TIME)
			continue;
		snprintf(num, sizeof num, "%d", ++n);
		cells[0] = num;
		cells[1] = fd->label ? fd->label : fd->name;
		cells[2] = fd->unit ? fd->unit : "";
		cells[3] = t->text ? t->text : "—";
		cells[4] = err_lang ? how_en[t->kind] : how_vi[t->kind];
		cells[5] = office_report_target_words(fd, tb, sizeof tb) ? tb : "";
		cells[6] = met_text(office_report_target(rep, rep->total, c, NULL));
		table_row(p, &ft, cells, false);
	}
	unit_targets(p, rep);
	p->y += 10;
	section(p, TR("II. ĐƠN VỊ BÁO CÁO", "II. REPORTING UNITS"), &ut, NULL);
	for (size_t u = 0; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		const char *cells[5];
		snprintf(num, sizeof num, "%zu", u + 1);
		cells[0] = num;
		cells[1] = ru->name;
		cells[2] = ru->id;
		cells[3] = office_report_status_label(ru);
		cells[4] = ru->inc == REPORT_COUNTED ? TR("Có", "Yes") : TR("Không", "No");
		table_row(p, &ut, cells, false);
	}
	if (rep->ntasks) {
		/* always: the same counts as the other formats, even for one unit */
		p->y += 10;
		section(p, TR("III. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ (số đơn vị)",
		    "III. PROGRESS OF THE TASKS (units)"), &tt, NULL);
		for (size_t t = 0; t < rep->ntasks; t++) {
			const struct report_task *rt = &rep->tasks[t];
			char d[8], g[8], l[8], z[8], late[512] = "", left[128];
			size_t len = 0;
			const char *cells[8];
			snprintf(d, sizeof d, "%d", rt->done);
			snprintf(g, sizeof g, "%d", rt->doing);
			snprintf(l, sizeof l, "%d", rt->late);
			snprintf(z, sizeof z, "%d", rt->none);
			for (size_t u = 0; u < rep->nunits; u++)
				if (rt->cells[u].overdue && len < sizeof late)
					len += (size_t)snprintf(late + len, sizeof late - len, "%s%s",
					    len ? ", " : "", rep->units[u].name);
			cells[0] = rt->row->id;
			cells[1] = rt->row->label;
			cells[2] = d;
			cells[3] = g;
			cells[4] = l;
			cells[5] = z;
			cells[6] = late;
			cells[7] = office_report_task_uncounted(rt, left, sizeof left);
			table_row(p, &tt, cells, false);
		}
	}
	if (rep->ntasks && rep->ncounted > 0)
		task_detail(p, rep, "IV");
	if (rep->nalerts) {
		p->y += 10;
		s = xasprintf(TR("%s. CẢNH BÁO", "%s. ALERTS"), !rep->ntasks ? "III" :
		    rep->ncounted > 0 ? "V" : "IV");
		{
			/* the heading goes with its first alert (and, when that is
			 * the last one, with the closing that follows it) */
			PangoLayout *lh = layout(p, s, 13, true, false, ALIGN_L, RIGHT - LEFT,
			    false);
			char *first = xasprintf("- %s", rep->alerts[0]);
			PangoLayout *lf = layout(p, first, 13, false, false, ALIGN_L,
			    RIGHT - LEFT, false);
			double need = layout_height(lh) + 4 + layout_height(lf) + 1 +
			    (rep->nalerts == 1 ? 10 + CLOSING_HEIGHT : 0);
			g_object_unref(lh);
			g_object_unref(lf);
			free(first);
			if (p->y + need > BOTTOM)
				new_page(p);
		}
		para(p, s, 13, true, false, ALIGN_L, 4);
		free(s);
		for (size_t a = 0; a < rep->nalerts; a++) {
			s = xasprintf("- %s", rep->alerts[a]);
			if (a + 1 == rep->nalerts) {
				/* the last line goes with "Nơi nhận" and the signature:
				 * the closing never stands alone on a page */
				PangoLayout *l = layout(p, s, 13, false, false, ALIGN_L,
				    RIGHT - LEFT, false);
				if (p->y + layout_height(l) + 1 + 10 + CLOSING_HEIGHT > BOTTOM)
					new_page(p);
				g_object_unref(l);
			}
			para(p, s, 13, false, false, ALIGN_L, 1);
			free(s);
		}
	}
}

/* "Nơi nhận:" at the left, the signature block at the right. */
static void
closing(struct pdf *p, const struct office_pdf_opts *o)
{
	double colw = (RIGHT - LEFT) * 0.48, rx = LEFT + colw, rw = RIGHT - rx;
	double need = CLOSING_HEIGHT, yl, yr;
	char *role = upper(o->signer_role), *tm = upper(o->signer_for);

	if (p->y + need > BOTTOM)
		new_page(p);
	p->y += 10;
	yl = yr = p->y;
	yl += draw(p, layout(p, TR("Nơi nhận:", "To:"), 12, true, true, ALIGN_L, colw, false), LEFT,
	    yl);
	for (size_t i = 0; i < o->nrecipients; i++) {
		char *s = xasprintf("- %s;", o->recipients[i]);
		yl += draw(p, layout(p, s, 11, false, false, ALIGN_L, colw, false), LEFT, yl);
		free(s);
	}
	yl += draw(p, layout(p, TR("- Lưu: VT.", "- Filed: VT."), 11, false, false, ALIGN_L,
	    colw, false), LEFT, yl);
	yr += draw(p, layout(p, tm, 13, true, false, ALIGN_C, rw, false), rx, yr);
	yr += draw(p, layout(p, role, 13, true, false, ALIGN_C, rw, false), rx, yr);
	yr += draw(p, layout(p, TR("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, name, seal)"),
	    12, false, true, ALIGN_C, rw, false), rx, yr);
	yr += 22 * MM;
	if (o->signer && *o->signer)
		yr += draw(p, layout(p, o->signer, 13, true, false, ALIGN_C, rw, false), rx, yr);
	p->y = yl > yr ? yl : yr;
	free(role);
	free(tm);
}

enum err
office_report_pdf(const struct office_report *rep, const struct office_pdf_opts *o,
    const char *path, char **cause)
{
	struct pdf p = { 0 };
	PangoFontMap *fm;
	char stamp[32];
	time_t now = (time_t)o->date;
	struct tm tm;
	enum err e;

	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, &p, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p.surface);
		return err_set_at(cause, ERR_IO, path, TR("không tạo được tệp PDF", "cannot make the "
		    "PDF"));
	}
	/* fixed dates: the same data gives the same file */
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, rep->f->title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "baocao");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
	p.cr = cairo_create(p.surface);
	/* a font map of our own, released below: only fontconfig's and
	 * cairo's static caches outlive the document (still reachable) */
	fm = pango_cairo_font_map_new();
	p.pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(p.cr, p.pc);
	pango_cairo_context_set_resolution(p.pc, 72);
	p.page = 1;
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	heading(&p, rep, o);
	body(&p, rep);
	closing(&p, o);
	cairo_show_page(p.cr);
	g_object_unref(p.pc);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	p.failed = cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(p.surface);
	/* no cairo_debug_reset_static_data() nor FcFini() here: they are for
	 * leak checkers, not for a program, and cairo aborts in them (about
	 * one report in forty) when pango still holds a font in its caches */
	g_object_unref(fm);
	if (p.failed)
		e = err_set_at(cause, ERR_IO, path, TR("không tạo được tệp PDF", "cannot make the "
		    "PDF"));
	else
		e = file_write(path, p.data, p.len, cause);
	free(p.data);
	return e;
}

enum err
office_report_pdf_here(struct store *st, const struct office_report *rep, const char *path,
    const char *number, const char *signer, const char *const *to, size_t nto, char **cause)
{
	struct store_install in;
	struct office_pdf_opts o = { 0 };
	char *issuer;
	enum err e = store_install_get(st, &in, cause);

	if (e != ERR_OK)
		return e;
	/* "Ngọc Lặc" or "Xã Ngọc Lặc": the word xã once */
	{
		const char *c = in.commune ? in.commune : "";
		bool has_xa = strncmp(c, "Xã ", strlen("Xã ")) == 0 ||
		    strncmp(c, "xã ", strlen("xã ")) == 0;
		issuer = has_xa ? xasprintf(TR("Ủy ban nhân dân %s", "People's Committee of %s"), c) :
		    xasprintf(TR("Ủy ban nhân dân xã %s", "People's Committee of %s"), c);
		/* the place is the name alone: "Ngọc Lặc, ngày ..." */
		o.place = has_xa ? c + strlen("Xã ") : c;
	}
	o.issuer = issuer;
	o.number = number ? number : "      /BC-UBND";
	o.date = store_now();
	o.signer_for = TR("TM. Ủy ban nhân dân", "For the People's Committee");
	o.signer_role = TR("Chủ tịch", "Chairperson");
	o.signer = signer;
	o.recipients = to;
	o.nrecipients = nto;
	e = office_report_pdf(rep, &o, path, cause);
	free(issuer);
	store_install_free(&in);
	return e;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-status.c: who has reported — the office's weekly question.
 *
 * The rows of office_status(): for each report's last period that is due
 * (or for a period the clerk types), each unit that owes it, missing and
 * late first, with how late; the reports falling due in the next 24 hours
 * as reminders; before the last due period, what a unit still owes (the
 * latest 3 per report and unit; the chosen row's line below counts the
 * rest: "và 9 kỳ trước từ 2025-12: status --all"). Tab shows the same rows
 * counted per unit, then per form.
 * Enter on a unit's submission opens its review (approve, return); coming
 * back reloads the rows, since a return changes them.
 */
#include "ui.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../office/office-status.h"
#include "../sync/sync.h"
#include "../storage/store-audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum sview { SV_ROWS, SV_UNITS, SV_FORMS };

struct sscreen {
	struct form_set set;
	int loaded;
	struct office_row *rows;
	size_t n;
	struct office_count *counts;	/* of the view shown (units or forms) */
	size_t ncounts;
	enum sview view;
	size_t sel, top;
	char period[PERIOD_ID_MAX];	/* "" : each report's last due period */
	int asking, stale;
	struct line ask;
	char *msg;
	int err;
};


static size_t
lines_of(const struct sscreen *x)
{
	return x->view == SV_ROWS ? x->n : x->ncounts;
}

static void
load(struct sscreen *x, struct ui *ui)
{
	char *cause = NULL;
	enum err e;

	office_rows_free(x->rows, x->n);
	free(x->counts);
	x->rows = NULL;
	x->counts = NULL;
	x->n = x->ncounts = 0;
	x->stale = 0;
	if (!x->loaded)
		return;
	e = office_status(ui->st, &x->set, x->period[0] ? x->period : NULL,
	    moment_from_unix(store_now()), &x->rows, &x->n, &cause);
	if (e != ERR_OK && x->period[0]) {
		/* a period no report has: say so, and show the default view */
		free(x->msg);
		x->msg = cause;
		x->err = 1;
		cause = NULL;
		x->period[0] = '\0';
		e = office_status(ui->st, &x->set, NULL, moment_from_unix(store_now()), &x->rows,
		    &x->n, &cause);
	}
	if (e != ERR_OK) {
		free(x->msg);
		x->msg = cause;
		x->err = 1;
		return;
	}
	if (x->view != SV_ROWS)
		x->ncounts = office_counts(x->rows, x->n, x->view == SV_FORMS, &x->counts);
	if (x->sel >= lines_of(x))
		x->sel = lines_of(x) ? lines_of(x) - 1 : 0;
}

void *
screen_status_new(struct ui *ui)
{
	struct sscreen *x = xcalloc(1, sizeof *x);
	char *cause = NULL;

	line_init(&x->ask, PERIOD_ID_MAX - 1, 0);
	if (form_set_load(ui->st, &x->set, &cause) != ERR_OK) {
		x->msg = cause;
		x->err = 1;
		return x;
	}
	x->loaded = 1;
	load(x, ui);
	return x;
}

static void
draw_rows(struct sscreen *x, int y, int rows)
{
	for (size_t i = x->top; i < x->n && i < x->top + (size_t)rows; i++) {
		const struct office_row *r = &x->rows[i];
		char line[512], c1[64], c2[96], c3[64], late[64] = "";
		int attr = r->state == OS_MISSING || r->state == OS_LATE ? (int)A_BOLD : 0;

		if (r->state == OS_LATE)
			office_late_text(r->late, late, sizeof late);
		char label[64];
		snprintf(label, sizeof label, "%s%s", office_state_label(r->state),
		    r->clock_note ? " !" : "");
		snprintf(line, sizeof line, "%s%s%s%s%s%s", ui_pad(c1, sizeof c1, label, 13), ui_pad(c2, sizeof c2, r->form_id, 28),
		    ui_pad(c3, sizeof c3, r->period, 11), r->unit_name ? r->unit_name : r->unit_id,
		    *late ? TR(" — muộn ", " — late by ") : "", late);
		if (r->state == OS_RETURNED && r->reason) {
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, ": %s", r->reason);
		}
		ui_text(y + (int)(i - x->top), 1, i == x->sel ? (int)A_REVERSE | attr : attr, line);
	}
}

/* A unit's name from the rows (the counts know only its id). */
static const char *
unit_name(const struct sscreen *x, const char *id)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->rows[i].unit_id, id) == 0 && x->rows[i].unit_name)
			return x->rows[i].unit_name;
	return id;
}

/* Per unit: its name (35 columns); per form: its id (25) and period (11);
 * then the counts under "đúng hạn muộn chưa nộp trả lại chưa đến hạn". */
static void
draw_counts(struct sscreen *x, int y, int rows)
{
	char line[256], c1[160], c2[64];
	int units = x->view == SV_UNITS;

	snprintf(line, sizeof line, "%s%s%s", ui_pad(c1, sizeof c1, units ? TR("Đơn vị", "Unit") :
	    TR("Biểu mẫu", "Form"), units ? 35 : 25), units ? "" : ui_pad(c2, sizeof c2,
	    TR("Kỳ", "Period"), 11), TR("đúng hạn muộn chưa nộp trả lại chưa đến hạn",
	    " on time late  missing returned  not due yet"));
	ui_text(y++, 1, A_UNDERLINE, line);
	for (size_t i = x->top; i < x->ncounts && i < x->top + (size_t)rows - 1; i++) {
		const struct office_count *c = &x->counts[i];
		snprintf(line, sizeof line, "%s%s%8d%5d%9d%8d%13d", ui_pad(c1, sizeof c1, units ?
		    unit_name(x, c->key) : c->key, units ? 35 : 25), units ? "" : ui_pad(c2,
		    sizeof c2, c->period, 11), c->n[OS_ON_TIME], c->n[OS_LATE], c->n[OS_MISSING],
		    c->n[OS_RETURNED], c->n[OS_PENDING]);
		ui_text(y + (int)(i - x->top), 1, i == x->sel ? A_REVERSE : 0, line);
	}
}

/* "10/11/2026 00:00" for a moment (minutes). */
static const char *
when(long minutes, char *buf, size_t size)
{
	char iso[32];

	moment_format(minutes, iso, sizeof iso);	/* 2026-11-10T00:00 */
	snprintf(buf, size, "%.2s/%.2s/%.4s %.5s", iso + 8, iso + 5, iso, iso + 11);
	return buf;
}

/* Below the rows: the chosen row in full — its deadline, when it came, and
 * a return's whole reason (the row may cut it). */
static void
draw_detail(const struct sscreen *x)
{
	const struct office_row *r = &x->rows[x->sel];
	char line[768], dl[32], at[32];

	when(r->deadline, dl, sizeof dl);
	if (r->state == OS_RETURNED)
		snprintf(line, sizeof line, TR("Lý do trả lại: %s", "Returned because: %s"),
		    r->reason ? r->reason : "");
	else if (r->submitted >= 0 && r->clock_note != NULL && r->claimed >= 0) {
		char cl[32];
		int ahead = strcmp(r->clock_note, "future") == 0;
		snprintf(line, sizeof line, TR("Hạn %s · nhận %s · máy ghi %s (%s)",
		    "Due %s · came %s · device says %s (%s)"), dl,
		    when(moment_from_unix(r->submitted), at, sizeof at),
		    when(moment_from_unix(r->claimed), cl, sizeof cl), ahead ?
		    TR("tương lai", "ahead") : TR("lùi", "went back"));
	} else if (r->submitted >= 0)
		snprintf(line, sizeof line, TR("Hạn %s · nhận lúc %s", "Due %s · received %s"), dl,
		    when(moment_from_unix(r->submitted), at, sizeof at));
	else
		snprintf(line, sizeof line, TR("Hạn %s · chưa nhận được", "Due %s · nothing received"),
		    dl);
	if (r->more_missing + r->more_returned > 0) {	/* older periods owed, not listed */
		size_t l = strlen(line);
		snprintf(line + l, sizeof line - l, TR(" · và %d kỳ trước từ %s: status --all",
		    " · and %d earlier from %s: status --all"),
		    r->more_missing + r->more_returned, r->more_from);
	}
	ui_status(line, 0);
}

static void
status_draw(struct screen *s)
{
	struct sscreen *x = s->data;
	int k[OS_ON_TIME + 1] = { 0 }, rows = LINES - 6;
	char line[256], title[96];

	if (x->stale)
		load(x, s->ui);
	snprintf(title, sizeof title, "%s — %s", TR("Tình hình nộp báo cáo", "Who has reported"),
	    x->period[0] ? x->period : TR("kỳ vừa đến hạn", "periods just due"));
	ui_title("baocao", title);
	for (size_t i = 0; i < x->n; i++)
		k[x->rows[i].state]++;
	snprintf(line, sizeof line, TR("Chưa nộp %d · Muộn %d · Trả lại %d · Đúng hạn %d · %s %d",
	    "Missing %d · Late %d · Returned %d · On time %d · %s %d"), k[OS_MISSING], k[OS_LATE],
	    k[OS_RETURNED], k[OS_ON_TIME], x->period[0] ? TR("Chưa đến hạn", "Not due yet") :
	    TR("Sắp đến hạn (24 giờ)", "Due within 24 hours"), k[OS_PENDING]);
	ui_text(1, 1, A_BOLD, line);
	if (x->sel < x->top)
		x->top = x->sel;
	if (x->sel >= x->top + (size_t)rows - (x->view != SV_ROWS))
		x->top = x->sel - (size_t)rows + 1 + (x->view != SV_ROWS);
	if (x->loaded && lines_of(x) == 0)
		ui_text(3, 2, 0, TR("Không có báo cáo nào trong kỳ này.", "No reports in this "
		    "period."));
	else if (x->view == SV_ROWS)
		draw_rows(x, 3, rows);
	else
		draw_counts(x, 3, rows);
	if (x->asking) {
		ui_status(TR("Kỳ (ví dụ 2026-10, 2026-Q3, 2026-W45; để trống: kỳ vừa đến hạn):",
		    "Period (e.g. 2026-10, 2026-Q3, 2026-W45; empty: periods just due):"), 0);
		line_draw(&x->ask, LINES - 2, 68, COLS - 69, 1);
	} else if (x->msg) {
		ui_status(x->msg, x->err);
	} else if (x->view == SV_ROWS && x->sel < x->n) {
		draw_detail(x);
	} else if (x->view != SV_ROWS && x->sel < x->ncounts) {
		/* the chosen line's name whole (the column may cut it) */
		const struct office_count *c = &x->counts[x->sel];
		if (x->view == SV_UNITS)
			snprintf(line, sizeof line, "%s (%s)", unit_name(x, c->key), c->key);
		else
			snprintf(line, sizeof line, "%s · %s", c->key, c->period);
		ui_status(line, 0);
	}
}

static void
say(struct sscreen *x, int err, char *msg)
{
	free(x->msg);
	x->msg = msg;
	x->err = err;
}

static void
ask_key(struct sscreen *x, struct ui *ui, const struct ui_input *in)
{
	if (!in->code && in->ch == 27) {
		x->asking = 0;
	} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'))) {
		char *t = line_utf8(&x->ask);
		x->asking = 0;
		snprintf(x->period, sizeof x->period, "%s", t ? t : "");
		free(t);
		x->sel = x->top = 0;
		load(x, ui);
	} else {
		line_key(&x->ask, in);
	}
}

static int
status_grab(struct screen *s)
{
	struct sscreen *x = s->data;

	return x->asking;
}

static void
status_key(struct screen *s, const struct ui_input *in)
{
	struct sscreen *x = s->data;
	struct ui *ui = s->ui;
	size_t n = lines_of(x);

	if (x->asking) {
		ask_key(x, ui, in);
		return;
	}
	say(x, 0, NULL);
	if (in->code && in->key == KEY_UP) {
		if (x->sel > 0)
			x->sel--;
	} else if (in->code && in->key == KEY_DOWN) {
		if (x->sel + 1 < n)
			x->sel++;
	} else if (in->code && in->key == KEY_NPAGE) {
		x->sel = x->sel + 10 < n ? x->sel + 10 : (n ? n - 1 : 0);
	} else if (in->code && in->key == KEY_PPAGE) {
		x->sel = x->sel > 10 ? x->sel - 10 : 0;
	}
}

static void
status_back(struct screen *s)
{
	ui_pop(s->ui);
}

static void
status_view(struct screen *s)
{
	struct sscreen *x = s->data;

	say(x, 0, NULL);
	x->view = (enum sview)((x->view + 1) % 3);
	x->sel = x->top = 0;
	load(x, s->ui);
}

static void
status_period(struct screen *s)
{
	struct sscreen *x = s->data;

	say(x, 0, NULL);
	x->asking = 1;
	line_set(&x->ask, x->period);
	x->ask.cur = x->ask.len;
}

static void
status_open(struct screen *s)
{
	struct sscreen *x = s->data;
	struct ui *ui = s->ui;

	say(x, 0, NULL);
	if (x->view != SV_ROWS || lines_of(x) == 0)
		return;
	{
		const struct office_row *r = &x->rows[x->sel];
		void *rv;
		if (r->submitted < 0) {
			say(x, 0, xasprintf(TR("%s chưa nộp %s kỳ %s.", "%s has not sent %s for %s."),
			    r->unit_name ? r->unit_name : r->unit_id, r->form_id, r->period));
			return;
		}
		rv = screen_review_new(ui, r->form_id, r->unit_id, r->period);
		ui_push(ui, &screen_review_ops, rv);
	}
}

static const struct ui_key status_keys[] = {
	{ '\r', 0, status_open, "Xem, duyệt", "Review", 1, NULL },
	{ '\t', 0, status_view, "Chi tiết / theo đơn vị / theo biểu mẫu",
	    "Rows / per unit / per form", 1, NULL },
	{ '/', 'F', status_period, "Xem một kỳ (ví dụ 2026-10)", "Show a period (e.g. 2026-10)",
	    1, NULL },
	{ 27, 0, status_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn dòng", "Choose a line", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void
status_free(struct screen *s)
{
	struct sscreen *x = s->data;

	office_rows_free(x->rows, x->n);
	free(x->counts);
	if (x->loaded)
		form_set_free(&x->set);
	line_free(&x->ask);
	free(x->msg);
	free(x);
}

/* Back on top (a submission reviewed): read again when next drawn. */
static void
status_reveal(struct screen *s)
{
	struct sscreen *x = s->data;

	x->stale = 1;
}

const struct screen_ops screen_status_ops = {
	.name = "status",
	.keys = status_keys,
	.draw = status_draw,
	.key = status_key,
	.free = status_free,
	.reveal = status_reveal,
	.grab = status_grab,
	.where = "who has reported (office)",
};

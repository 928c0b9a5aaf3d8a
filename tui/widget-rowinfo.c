/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-rowinfo: the pane under a task grid that shows the plan's word on
 * the row under the cursor (see widget-rowinfo.h). The screen that owns
 * the grid only calls rowinfo_draw(); what a row's lead, deadline and
 * target mean is asked of forms/plan.h, never worked out here.
 */
#include "widget-rowinfo.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui.h"
#include "../core/err.h"
#include "../forms/plan.h"

bool rowinfo_overdue(const struct rowinfo *ri, int row)
{
	const struct form_row *r = &ri->f->fields[ri->grid].rows[row];
	enum choice_progress pr;
	long due;

	if (r->heading)
		return false;
	pr = form_row_progress(ri->f, ri->s, ri->grid, row);
	if (pr == PROGRESS_LATE)
		return true;
	due = form_row_due_day(ri->f, r, ri->p, ri->cal, ri->event_days);
	return pr != PROGRESS_DONE && due >= 0 && due < ri->today;
}

/* "a · b" built up in BUF. */
static void add(char *buf, size_t size, const char *label, const char *text)
{
	size_t n = strlen(buf);

	if (text == NULL || *text == '\0' || n + 1 >= size)
		return;
	snprintf(buf + n, size - n, "%s%s%s", n ? " · " : "", label, text);
}

/* The pane's three parts, each a line before wrapping: the column and the
 * task; who leads and helps; by when, the targets and the product. */
struct parts {
	char task[1024], who[1024], when[1024];
	bool late;
};

static void build(const struct rowinfo *ri, struct parts *pt)
{
	const struct form *f = ri->f;
	const struct form_row *r = &f->fields[ri->grid].rows[ri->row];
	const struct form_field *cd = ri->column >= 0 ? &f->fields[ri->column] : NULL;
	enum row_role role = form_row_role(f, r, ri->kind);
	char *buf, who[256], due[96], tg[256];
	bool late = pt->late = rowinfo_overdue(ri, ri->row);

	/* 1: the column and the task */
	snprintf(pt->task, sizeof pt->task, "%s%s%s. %s", cd ? (cd->label ? cd->label : cd->name)
		 : "", cd ? " — " : "", r->id, r->label);
	pt->who[0] = pt->when[0] = '\0';
	if (r->heading) {
		snprintf(pt->who, sizeof pt->who, "%s", TR("Mục của bảng: không nhập số liệu.",
							 "A section of the table: no input."));
		return;
	}
	/* 2: who leads, who helps */
	buf = pt->who;
	/* the plan's words when it has them, else the unit kinds */
	if (r->lead != NULL)
		snprintf(who, sizeof who, "%s", r->lead);
	else
		form_row_leads(f, r, who, sizeof who);
	if (role == ROW_ROLE_LEADS && ri->kind != NULL && f->has_leads)
		snprintf(who + strlen(who), sizeof who - strlen(who), "%s",
			 TR(" (đơn vị bạn)", " (your unit)"));
	else if (role == ROW_ROLE_HELPS)
		snprintf(who + strlen(who), sizeof who - strlen(who), "%s",
			 TR(" (bạn phối hợp: chỉ xem)", " (you help: read only)"));
	add(buf, sizeof pt->who, TR("Chủ trì: ", "Lead: "), who);
	{
		char hk[256] = "";
		for (size_t i = 0; i < r->nhelps; i++)
			add(hk, sizeof hk, "", r->helps[i]);
		/* the plan's words when it has them (helpers_text), as for the lead */
		add(buf, sizeof pt->who, TR("Phối hợp: ", "With: "), r->helpers ? r->helpers : hk);
	}
	form_row_due_text(f, r, ri->p, ri->cal, ri->event_days, due, sizeof due);
	if (*due == '\0' && r->due != NULL)
		snprintf(due, sizeof due, "%s", r->due);
	if (late) {
		size_t n = strlen(due);
		snprintf(due + n, sizeof due - n, "%s", TR(" — QUÁ HẠN", " — OVERDUE"));
	}
	/* 3: by when, the target(s) and the product */
	buf = pt->when;
	buf[0] = tg[0] = '\0';
	add(buf, sizeof pt->when, TR("Hạn: ", "Due: "), due);
	for (size_t i = 0; i < r->ntargets; i++) {
		char one[96];
		const char *t = r->targets[i].tgt.cmp >= TARGET_GE
			? form_target_text(&r->targets[i].tgt, one, sizeof one) : r->targets[i].text;
		if (r->targets[i].column >= 0) {
			char with[160];
			snprintf(with, sizeof with, "%s %s", f->fields[r->targets[i].column].label
				 ? f->fields[r->targets[i].column].label
				 : f->fields[r->targets[i].column].name, t);
			add(tg, sizeof tg, "", with);
		} else {
			add(tg, sizeof tg, "", t);
		}
	}
	add(buf, sizeof pt->when, TR("Chỉ tiêu: ", "Target: "), tg);
	add(buf, sizeof pt->when, TR("Sản phẩm: ", "Product: "), r->product);
	if (*buf == '\0')
		add(buf, sizeof pt->when, TR("Ghi chú: ", "Note: "), r->note);
}

int rowinfo_lines(const struct rowinfo *ri)
{
	struct parts pt;
	int n;

	build(ri, &pt);
	/* ui_text_wrap with no rows to draw only counts them */
	n = ui_text_wrap(0, 0, 0, pt.task, 0) + (*pt.who ? ui_text_wrap(0, 0, 0, pt.who, 0) : 0) +
	    (*pt.when ? ui_text_wrap(0, 0, 0, pt.when, 0) : 0);
	if (n < ROWINFO_LINES)
		n = ROWINFO_LINES;
	return n > ROWINFO_MAX ? ROWINFO_MAX : n;
}

void rowinfo_draw(int y, const struct rowinfo *ri)
{
	struct parts pt;
	int end = y + rowinfo_lines(ri);

	build(ri, &pt);
	/* each part wrapped, never cut; the pane takes the rows it needs */
	y += ui_text_wrap(y, 0, A_BOLD, pt.task, end - y);
	if (*pt.who && y < end)
		y += ui_text_wrap(y, 0, A_DIM, pt.who, end - y);
	if (*pt.when && y < end)
		ui_text_wrap(y, 0, pt.late ? A_BOLD : A_DIM, pt.when, end - y);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-periods.c: the period picker (F2 on the home screen). The home
 * screen lists only the period to report now and an overdue one; a unit
 * that must send or fix an older report (a return, a month missed before
 * the laptop came) picks it here: the report's periods, the current one
 * first and then back in time (as far as the plan runs, at most
 * PERIODS_MAX), each with its deadline and the status of its submission,
 * a return with the office's reason. Ad hoc reports (incidents, requests)
 * have no calendar: their submissions are listed, newest first. Enter
 * opens the form for the chosen period; Esc goes back home.
 */
#include "ui.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERIODS_MAX 36

struct pick {
	char period[PERIOD_ID_MAX];
	long deadline;		/* minutes; -1: none (ad hoc) */
	char *status;		/* NULL: not started */
	char *reason;		/* the office's, for a return */
};

struct periods {
	char *form_id;
	char *title;
	struct pick *p;
	size_t n, sel, top;
};


static void
add(struct periods *v, const char *period, long deadline, const struct store_sub *subs,
    size_t nsubs)
{
	struct pick *k;

	v->p = xreallocarray(v->p, v->n + 1, sizeof *v->p);
	k = &v->p[v->n++];
	memset(k, 0, sizeof *k);
	snprintf(k->period, sizeof k->period, "%s", period);
	k->deadline = deadline;
	for (size_t i = 0; i < nsubs; i++)
		if (strcmp(subs[i].form_id, v->form_id) == 0 && strcmp(subs[i].period, period) == 0) {
			k->status = xstrdup(subs[i].status);
			if (subs[i].status_reason != NULL && strcmp(subs[i].status, "returned") == 0)
				k->reason = xstrdup(subs[i].status_reason);
		}
}

/* Newest first: ad hoc periods are ISO date-times, so text order is time. */
static int
sub_newest(const void *a, const void *b)
{
	return strcmp(((const struct store_sub *)b)->period, ((const struct store_sub *)a)->period);
}

void *
screen_periods_new(struct ui *ui, const char *form_id)
{
	struct periods *v = xcalloc(1, sizeof *v);
	struct form_set set;
	struct store_install in;
	struct store_sub *subs = NULL;
	size_t nsubs = 0;
	const struct form *f;
	int r, have_in = 0;
	char *cause = NULL;
	enum err e;

	e = form_set_load(ui->st, &set, &cause);
	if (e != ERR_OK) {
		ui_status(cause, 1);
		free(cause);
		free(v);
		return NULL;
	}
	if (!form_set_find(&set, form_id, &f, &r))
		e = err_set(&cause, ERR_NOTFOUND, TR("không có biểu mẫu %s", "no form %s"), form_id);
	if (e == ERR_OK && (e = store_install_get(ui->st, &in, &cause)) == ERR_OK)
		have_in = 1;
	if (e == ERR_OK)
		e = store_sub_list(ui->st, in.unit_id ? in.unit_id : "van-phong", &subs, &nsubs, &cause);
	if (e != ERR_OK) {
		ui_status(cause, 1);
		free(cause);
		if (have_in)
			store_install_free(&in);
		form_set_free(&set);
		free(v);
		return NULL;
	}
	v->form_id = xstrdup(form_id);
	v->title = f->nreports > 1 && f->reports[r].title ? xasprintf("%s · %s",
	    f->reports[r].title, f->title) : xstrdup(f->title);
	{
		const struct deadline_rule *rule = &f->reports[r].rule;
		struct period p, prev;
		char id[PERIOD_ID_MAX];

		if (deadline_current(rule, moment_from_unix(store_now()), &set.cal, &p)) {
			/* the current period, then back while the plan ran (a
			 * plan that has ended: from its last period) */
			for (int i = 0; i < 4 * PERIODS_MAX && v->n < PERIODS_MAX; i++) {
				if (form_period_valid(f, &p)) {
					period_format(&p, id, sizeof id);
					add(v, id, deadline_of(rule, &p, &set.cal), subs, nsubs);
				} else if (v->n > 0) {
					break;	/* before the plan began */
				}
				if (!deadline_previous(rule, &p, &prev))
					break;
				p = prev;
			}
		} else {
			if (nsubs > 1)
				qsort(subs, nsubs, sizeof *subs, sub_newest);
			for (size_t i = 0; i < nsubs && v->n < PERIODS_MAX; i++)
				if (strcmp(subs[i].form_id, form_id) == 0)
					add(v, subs[i].period, -1, subs, nsubs);
		}
	}
	store_sub_free(subs, nsubs);
	store_install_free(&in);
	form_set_free(&set);
	return v;
}

static void
periods_draw(struct screen *s)
{
	struct periods *v = s->data;
	int y = 4, rows = LINES - 7;
	char line[512], c1[40], c2[40], c3[40], when[20];

	ui_title("baocao", TR("Chọn kỳ báo cáo", "Choose a period"));
	ui_text(2, 2, A_BOLD, v->title);
	ui_text(3, 2, A_UNDERLINE, TR("Kỳ                Hạn nộp           Tình trạng",
	    "Period            Due               Status"));
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)rows)
		v->top = v->sel - (size_t)rows + 1;
	for (size_t k = v->top; k < v->n && k < v->top + (size_t)rows; k++) {
		const struct pick *p = &v->p[k];
		if (p->deadline < 0)
			snprintf(when, sizeof when, "—");
		else {
			/* a date, as on the home screen; its time only when it has one */
			moment_format(p->deadline, when, sizeof when);
			if (p->deadline % MINUTES_PER_DAY == 0)
				when[10] = '\0';
			else if (when[10] == 'T')
				when[10] = ' ';
		}
		snprintf(line, sizeof line, "%s%s%s", ui_pad(c1, sizeof c1, p->period, 18),
		    ui_pad(c2, sizeof c2, when, 18), ui_pad(c3, sizeof c3,
		    ui_sub_status(p->status), 14));
		ui_text(y++, 2, k == v->sel ? A_REVERSE : 0, line);
	}
	if (v->n == 0)
		ui_text(y, 4, A_DIM, TR("Chưa có kỳ nào của báo cáo này.",
		    "No period of this report yet."));
	else if (v->p[v->sel].reason != NULL) {
		snprintf(line, sizeof line, TR("Văn phòng trả lại: %s", "Returned by the office: %s"),
		    v->p[v->sel].reason);
		ui_status(line, 1);
	}
}

static void
periods_key(struct screen *s, const struct ui_input *in)
{
	struct periods *v = s->data;

	if (in->code && in->key == KEY_UP) {
		if (v->sel > 0)
			v->sel--;
	} else if (in->code && in->key == KEY_DOWN) {
		if (v->sel + 1 < v->n)
			v->sel++;
	} else if (in->code && in->key == KEY_NPAGE) {
		v->sel = v->sel + 10 < v->n ? v->sel + 10 : (v->n ? v->n - 1 : 0);
	} else if (in->code && in->key == KEY_PPAGE) {
		v->sel = v->sel > 10 ? v->sel - 10 : 0;
	}
}

static void
periods_open(struct screen *s)
{
	struct periods *v = s->data;

	if (v->n)
		ui_push(s->ui, &screen_form_ops, screen_form_new(s->ui, v->form_id,
		    v->p[v->sel].period));
}

static void
periods_back(struct screen *s)
{
	ui_pop(s->ui);
}

static const struct ui_key periods_keys[] = {
	{ '\r', 0, periods_open, "Mở báo cáo của kỳ này", "Open this period's report", 1, NULL },
	{ 27, 0, periods_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn kỳ", "Choose a period", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void
periods_free(struct screen *s)
{
	struct periods *v = s->data;

	for (size_t i = 0; i < v->n; i++) {
		free(v->p[i].status);
		free(v->p[i].reason);
	}
	free(v->p);
	free(v->form_id);
	free(v->title);
	free(v);
}

/* Back on top (the form of a period saved or finalised): the statuses
 * read again, the period chosen kept. */
static void
periods_reveal(struct screen *s)
{
	struct periods *old = s->data, *v = screen_periods_new(s->ui, old->form_id);

	if (v == NULL)
		return;
	v->sel = old->sel < v->n ? old->sel : v->n ? v->n - 1 : 0;
	v->top = old->top;
	ui_renew(s, v);
}

const struct screen_ops screen_periods_ops = {
	.name = "periods",
	.keys = periods_keys,
	.draw = periods_draw,
	.key = periods_key,
	.free = periods_free,
	.reveal = periods_reveal,
	.where = "periods of a report",
};

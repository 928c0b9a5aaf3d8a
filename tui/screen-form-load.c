/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-form-load.c: opening a submission for the form screen — the form
 * and its report, the period checked against the plan, the stored values
 * (a new submission if none), the last period's values beside them, the
 * unit's kind for a plan's rows, and whether it opens read-only.
 */
#include "screen-form-int.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/plan.h"
#include "../forms/sub-open.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The revision stored for the submission X shows; 0 if none (or it
 * cannot be read: the form then keeps what it shows). */
int
stored_rev(const struct fscreen *x, struct ui *ui)
{
	struct store_sub row;
	char *cause = NULL;
	int rev = 0;

	if (store_sub_get(ui->st, x->f->reports[x->report].form_id, x->unit, x->period, &row,
	    &cause) == ERR_OK) {
		rev = row.rev;
		free(row.form_id);
		free(row.unit_id);
		free(row.period);
		free(row.status);
		free(row.status_reason);
		free(row.data);
	}
	free(cause);
	return rev;
}


void *
screen_form_new(struct ui *ui, const char *form_id, const char *period)
{
	return form_open(ui, form_id, period, NULL);
}

void *
screen_review_new(struct ui *ui, const char *form_id, const char *unit, const char *period)
{
	struct fscreen *x = form_open(ui, form_id, period, unit);

	if (x != NULL) {
		struct store_unit *u = NULL;
		size_t n = 0;
		char *cause = NULL;

		x->office = 1;
		x->readonly = 1;
		form_msg(x, 0, NULL);
		/* the title names whose submission this is */
		if (store_unit_list(ui->st, NULL, &u, &n, &cause) == ERR_OK) {
			for (size_t i = 0; i < n && x->unit_name == NULL; i++)
				if (strcmp(u[i].id, unit) == 0)
					x->unit_name = xstrdup(u[i].name);
			store_unit_free(u, n);
		} else {
			form_msg(x, 1, cause);
		}
	}
	return x;
}

/* Does the task table GRID have a cell this unit must fill still empty?
 * (The check's N issues IS know which rows are this unit's.) */
static int
grid_needs(const struct fscreen *x, int grid, const struct sub_issue *is, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct form_field *fd = &x->f->fields[is[i].field];
		if (fd->container == grid && fd->required && is[i].severity == SUB_ERROR &&
		    sub_get(x->s, is[i].field, is[i].row) == NULL)
			return 1;
	}
	return 0;
}

/* A draft reopened: the cursor on the first value it still needs — the
 * first required field left empty (or a task table with such a cell);
 * none: where form_build put it, the first field. Optional fields left
 * empty are not sought: many are left so on purpose. */
static void
first_empty(struct fscreen *x)
{
	struct sub_issue *is = NULL;
	size_t n = sub_check(x->s, &is);

	for (size_t k = 0; k < x->nitems; k++) {
		const struct item *it = &x->items[k];
		const struct form_field *fd = &x->f->fields[it->field];
		if ((it->kind == I_GRID && grid_needs(x, it->field, is, n)) || (it->kind == I_FIELD &&
		    fd->required && fd->type != FIELD_CALCULATE && fd->type != FIELD_NOTE &&
		    sub_get(x->s, it->field, it->row) == NULL)) {
			x->cur = k;
			break;
		}
	}
	sub_issues_free(is, n);
}

void *
form_open(struct ui *ui, const char *form_id, const char *period, const char *unit)
{
	struct fscreen *x = xcalloc(1, sizeof *x);
	struct store_install in;
	struct sub_opened op;
	struct period p;
	char *cause = NULL;
	int field;
	char *note = NULL;

	if (form_set_load(ui->st, &x->set, &cause) != ERR_OK ||
	    !form_set_find(&x->set, form_id, &x->f, &x->report) ||
	    store_install_get(ui->st, &in, &cause) != ERR_OK) {
		ui_status(cause ? cause : TR("Không mở được biểu mẫu.", "Cannot open the form."), 1);
		free(cause);
		form_set_free(&x->set);
		free(x);
		return NULL;
	}
	/* filling: the period must be one the report has, within the plan's
	 * validity (the check fill and the import make) */
	if (unit == NULL && (cause = form_period_refusal(x->f, x->report, period, &p)) != NULL) {
		ui_status(cause, 1);
		free(cause);
		store_install_free(&in);
		form_set_free(&x->set);
		free(x);
		return NULL;
	}
	snprintf(x->period, sizeof x->period, "%s", period);
	x->unit = xstrdup(unit ? unit : in.unit_id ? in.unit_id : "van-phong");
	field = unit == NULL && in.role == STORE_ROLE_FIELD;
	/* the stored values with the last period's beside them (one rule for
	 * which revision of it counts: forms/sub-open.h); never opened empty
	 * over values that cannot be read: said, and nothing saved */
	if (sub_open(ui->st, x->f, x->report, x->unit, period, sub_prev_for(in.role), &op,
	    &cause) != ERR_OK) {
		char *m = xasprintf(TR("Không mở được báo cáo kỳ %s: %s", "Cannot open the "
		    "submission for %s: %s"), period, cause);
		ui_status(m, 1);
		free(m);
		free(cause);
		store_install_free(&in);
		{
			struct screen tmp = { NULL, ui, x, NULL };
			fscreen_free(&tmp);
		}
		return NULL;
	}
	store_install_free(&in);
	x->s = op.s, x->status = op.status, x->returned = op.reason;
	note = op.prev_cause;	/* the last period unread: said, not hidden */
	/* a plan whose rows name their leads: the unit fills the rows it leads
	 * (forms/plan.h); a form of one kind stays whole, as before */
	if (x->f->has_leads) {
		if (form_unit_kind(ui->st, x->unit, &x->kind, &cause) == ERR_OK)
			sub_set_kind(x->s, x->kind);
		else {
			free(note);
			note = cause;	/* the whole form is shown: said why */
		}
		cause = NULL;
	}
	if (form_event_days(ui->st, x->f, &x->event_days, &cause) != ERR_OK) {
		free(note);
		note = cause;
		cause = NULL;
	}
	sub_set_today(x->s, moment_from_unix(store_now()) / MINUTES_PER_DAY);
	x->readonly = x->status != NULL && strcmp(x->status, "draft") != 0 &&
	    strcmp(x->status, "returned") != 0;
	/* a field unit that only helps on the report's rows reads them (plan.h) */
	if (field) {
		char *k = NULL;
		if (form_unit_kind(ui->st, x->unit, &k, &cause) == ERR_OK)
			x->helps_only = !form_owed_by(x->f, x->report, k);
		else {
			free(note);
			note = cause;
		}
		free(k);
		cause = NULL;
	}
	x->readonly |= x->helps_only;
	line_init(&x->edit, SUB_MAX_VALUE, 0);
	x->edit.ime = &ui->ime;
	x->rev = stored_rev(x, ui);
	form_build(x);
	if (x->status != NULL && strcmp(x->status, "draft") == 0 && !x->readonly)
		first_empty(x);	/* a return opens at the top, under the office's reason */
	if (x->helps_only)
		form_msg(x, 0, xstrdup(TR("Đơn vị bạn phối hợp ở các dòng này: chỉ xem.",
		    "Your unit helps on these rows: read only.")));
	else if (x->readonly)
		form_msg(x, 0, xstrdup(TR("Báo cáo đã hoàn tất: chỉ xem. F4 để mở lại và sửa.",
		    "This submission is final: read only. F4 reopens it.")));
	if (note != NULL)	/* what could not be read, over the rest */
		form_msg(x, 1, note);
	return x;
}


/*
 * office-report: build the consolidated report (see office-report.h).
 *
 * Which submissions count: everything the office holds for the period that
 * is not a draft (final, received, approved — and returned ones, marked).
 * The total row is itself a submission of the form: counts are summed,
 * decimals averaged over the units that gave them, and then the form's own
 * calculations run on it, so a rate is the rate of the sums.
 */
#include "office-report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"

static void
alert(struct office_report *rep, char *msg)
{
	rep->alerts = xreallocarray(rep->alerts, rep->nalerts + 1, sizeof *rep->alerts);
	rep->alerts[rep->nalerts++] = msg;
}

static struct sub *
load(struct store *st, const struct form *f, int report, const char *unit, const char *period,
    char **status)
{
	struct store_sub row;
	char *cause = NULL;
	struct sub *s = NULL;

	if (store_sub_get(st, f->reports[report].form_id, unit, period, &row, &cause) == ERR_OK) {
		if (strcmp(row.status, "draft") != 0)
			s = sub_from_json(f, report, period, row.data, false, &cause);
		if (status != NULL && s != NULL)
			*status = xstrdup(row.status);
		free(row.form_id);
		free(row.unit_id);
		free(row.period);
		free(row.status);
		free(row.status_reason);
		free(row.data);
	}
	free(cause);
	return s;
}

/* The total of SUBS (N of them, some NULL) as a submission. */
static struct sub *
total_of(const struct form *f, int report, const char *period, struct sub *const *subs,
    size_t n, const int *cols, size_t ncols)
{
	struct sub *t = sub_new(f, report, period);

	for (size_t c = 0; c < ncols; c++) {
		const struct form_field *fd = &f->fields[cols[c]];
		double sum = 0;
		int count = 0;
		char buf[64], *cause = NULL;

		if (fd->type != FIELD_INTEGER && fd->type != FIELD_DECIMAL)
			continue;
		for (size_t i = 0; i < n; i++) {
			struct val v;
			if (subs[i] == NULL)
				continue;
			v = sub_value(subs[i], cols[c], -1);
			if (v.type == VAL_NUM) {
				sum += v.num;
				count++;
			}
		}
		if (count == 0)
			continue;
		if (fd->type == FIELD_DECIMAL)
			sum /= count;	/* averages: per-unit figures such as incomes */
		snprintf(buf, sizeof buf, fd->type == FIELD_DECIMAL ? "%.2f" : "%.0f", sum);
		(void)sub_set(t, cols[c], -1, buf, &cause);
		free(cause);
	}
	sub_recalc(t);
	return t;
}

/* "<= 3", ">= 80": does X meet TARGET? -1 if TARGET is not a comparison. */
static int
meets(const char *target, double x)
{
	double t;
	char op[3] = "";

	if (target == NULL || sscanf(target, "%2[<>=] %lf", op, &t) != 2)
		return -1;
	if (strcmp(op, ">=") == 0)
		return x >= t;
	if (strcmp(op, "<=") == 0)
		return x <= t;
	if (strcmp(op, ">") == 0)
		return x > t;
	if (strcmp(op, "<") == 0)
		return x < t;
	return fabs(x - t) < 1e-9;
}

bool
office_report_off_target(const struct office_report *rep, const struct sub *s, size_t c)
{
	struct val v;

	if (s == NULL)
		return false;
	v = sub_value(s, rep->cols[c], -1);
	return v.type == VAL_NUM && meets(rep->f->fields[rep->cols[c]].target, v.num) == 0;
}

static void
unit_alerts(struct office_report *rep, const struct report_unit *u, struct expr_arena **arena)
{
	const struct form *f = rep->f;

	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &f->fields[rep->cols[c]];
		struct val v = sub_value(u->s, rep->cols[c], -1), pv;
		int m;

		if (v.type != VAL_NUM)
			continue;
		m = meets(fd->target, v.num);
		if (m == 0)
			alert(rep, xasprintf(TR("%s: %s = %s%s (chỉ tiêu %s)", "%s: %s = %s%s (target %s)"),
			    u->id, fd->label ? fd->label : fd->name, sub_get(u->s, rep->cols[c], -1),
			    fd->unit ? fd->unit : "", fd->target));
		if (sub_previous(u->s) == NULL || fd->type == FIELD_CALCULATE)
			continue;
		pv = sub_value(sub_previous(u->s), rep->cols[c], -1);
		if (pv.type == VAL_NUM && pv.num > 0 && fabs(v.num - pv.num) > pv.num * 0.5)
			alert(rep, xasprintf(TR("%s: %s thay đổi mạnh so với kỳ trước (%s → %s)",
			    "%s: %s changed sharply since the last period (%s → %s)"), u->id,
			    fd->label ? fd->label : fd->name, sub_get(sub_previous(u->s), rep->cols[c],
			    -1), sub_get(u->s, rep->cols[c], -1)));
	}
	/* the form's own rules, on the unit's submission */
	sub_recalc(u->s);
	for (size_t a = 0; a < f->nalerts; a++) {
		bool known;
		if (val_truth(sub_eval(u->s, f->alerts[a].when, arena), &known) && known)
			alert(rep, xasprintf("%s: %s", u->id, f->alerts[a].message));
	}
}

enum err
office_report_build(struct store *st, const struct form_set *set, const char *form_id,
    const char *period, struct office_report *rep, char **cause)
{
	struct store_unit *units;
	size_t nunits;
	struct period p, pp;
	struct sub **subs;
	struct expr_arena *arena = NULL;
	enum err e;

	memset(rep, 0, sizeof *rep);
	rep->grid = -1;
	rep->trend_field = -1;
	if (!form_set_find(set, form_id, &rep->f, &rep->report))
		return err_set(cause, ERR_INVALID, TR("không có biểu mẫu '%s' (xem 'baocao forms "
		    "list')", "no form '%s' (see 'baocao forms list')"), form_id);
	if (!period_parse(rep->f->reports[rep->report].rule.kind, period, &p))
		return err_set(cause, ERR_INVALID, TR("kỳ '%s' không hợp lệ cho báo cáo %s",
		    "'%s' is not a period of report %s"), period, form_id);
	period_format(&p, rep->period, sizeof rep->period);
	e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e != ERR_OK)
		return e;
	rep->cols = xcalloc(rep->f->nfields + 1, sizeof *rep->cols);
	for (size_t i = 0; i < rep->f->nfields; i++) {
		const struct form_field *fd = &rep->f->fields[i];
		if (form_field_in_report(rep->f, (int)i, rep->report) && form_field_has_value(fd) &&
		    fd->container < 0)
			rep->cols[rep->ncols++] = (int)i;
		if (fd->type == FIELD_GRID && rep->grid < 0 &&
		    form_field_in_report(rep->f, (int)i, rep->report))
			rep->grid = (int)i;
	}
	rep->units = xcalloc(nunits + 1, sizeof *rep->units);
	subs = xcalloc(nunits + 1, sizeof *subs);
	for (size_t u = 0; u < nunits; u++) {
		struct report_unit *ru;
		if (strcmp(units[u].kind, rep->f->unit_kind) != 0 || !units[u].active)
			continue;
		ru = &rep->units[rep->nunits++];
		ru->id = xstrdup(units[u].id);
		ru->name = xstrdup(units[u].name);
		ru->s = load(st, rep->f, rep->report, ru->id, rep->period, &ru->status);
		subs[rep->nunits - 1] = ru->s;
		if (ru->s == NULL) {
			alert(rep, xasprintf(TR("%s: chưa nộp báo cáo", "%s: no report received"), ru->id));
			continue;
		}
		if (deadline_previous(&rep->f->reports[rep->report].rule, &p, &pp)) {
			char ppid[PERIOD_ID_MAX];
			period_format(&pp, ppid, sizeof ppid);
			sub_set_previous(ru->s, load(st, rep->f, rep->report, ru->id, ppid, NULL));
		}
		unit_alerts(rep, ru, &arena);
		expr_arena_free(&arena);
	}
	rep->total = total_of(rep->f, rep->report, rep->period, subs, rep->nunits, rep->cols,
	    rep->ncols);
	/* the task grid: which units have done each task */
	if (rep->grid >= 0) {
		const struct form_field *g = &rep->f->fields[rep->grid];
		int status_col = -1;
		for (size_t c = 0; c < rep->f->nfields; c++)
			if (rep->f->fields[c].container == rep->grid &&
			    rep->f->fields[c].type == FIELD_SELECT_ONE && status_col < 0)
				status_col = (int)c;
		rep->tasks = xcalloc(g->nrows + 1, sizeof *rep->tasks);
		for (size_t r = 0; r < g->nrows; r++) {
			struct report_task *t;
			if (!(g->rows[r].reports & (1u << rep->report)))
				continue;
			t = &rep->tasks[rep->ntasks++];
			t->row = &g->rows[r];
			for (size_t u = 0; u < rep->nunits; u++) {
				const char *v = rep->units[u].s && status_col >= 0 ?
				    sub_get(rep->units[u].s, status_col, (int)r) : NULL;
				if (v == NULL || strcmp(v, "chua") == 0)
					t->none++;
				else if (strcmp(v, "xong") == 0)
					t->done++;
				else if (strcmp(v, "cham") == 0)
					t->late++;
				else
					t->doing++;
			}
		}
	}
	/* the trend of the total over the last periods: a rate with a target
	 * if one is known, else the first count */
	for (size_t c = 0; rep->trend_field < 0 && c < rep->ncols; c++)
		if (rep->f->fields[rep->cols[c]].type == FIELD_CALCULATE &&
		    rep->f->fields[rep->cols[c]].target &&
		    sub_value(rep->total, rep->cols[c], -1).type == VAL_NUM)
			rep->trend_field = rep->cols[c];
	for (size_t c = 0; rep->trend_field < 0 && c < rep->ncols; c++)
		if (rep->f->fields[rep->cols[c]].type == FIELD_INTEGER &&
		    sub_value(rep->total, rep->cols[c], -1).type == VAL_NUM)
			rep->trend_field = rep->cols[c];
	if (rep->trend_field >= 0) {
		struct period q = p;
		int k = 0;
		for (; k < 6; k++) {
			struct sub **ps = xcalloc(rep->nunits + 1, sizeof *ps), *tot;
			char qid[PERIOD_ID_MAX];
			struct val v;
			period_format(&q, qid, sizeof qid);
			for (size_t u = 0; u < rep->nunits; u++)
				ps[u] = k == 0 ? rep->units[u].s : load(st, rep->f, rep->report,
				    rep->units[u].id, qid, NULL);
			tot = total_of(rep->f, rep->report, qid, ps, rep->nunits, rep->cols, rep->ncols);
			v = sub_value(tot, rep->trend_field, -1);
			snprintf(rep->trend_period[5 - k], sizeof rep->trend_period[0], "%s", qid);
			rep->trend_known[5 - k] = v.type == VAL_NUM;
			rep->trend[5 - k] = v.type == VAL_NUM ? v.num : 0;
			sub_free(tot);
			for (size_t u = 0; k > 0 && u < rep->nunits; u++)
				sub_free(ps[u]);
			free(ps);
			if (!deadline_previous(&rep->f->reports[rep->report].rule, &q, &q))
				break;
		}
		rep->ntrend = 6;
	}
	free(subs);
	store_unit_free(units, nunits);
	return ERR_OK;
}

void
office_report_free(struct office_report *rep)
{
	for (size_t u = 0; u < rep->nunits; u++) {
		free(rep->units[u].id);
		free(rep->units[u].name);
		free(rep->units[u].status);
		sub_free(rep->units[u].s);
	}
	free(rep->units);
	free(rep->cols);
	sub_free(rep->total);
	for (size_t i = 0; i < rep->nalerts; i++)
		free(rep->alerts[i]);
	free(rep->alerts);
	free(rep->tasks);
	memset(rep, 0, sizeof *rep);
}

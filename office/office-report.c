/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-report: build the consolidated report (see office-report.h).
 *
 * The steps of office_report_build:
 *
 *   1. the columns: every value field of the report outside a grid or a
 *      repeat; the first grid of the report is its task table;
 *   2. the units of the form's kind on the roster, each with the
 *      submission that counts (approved, received and not returned, or
 *      final at the office), or why none does (missing, draft, returned);
 *   3. the totals, column by column, each as its field says
 *      (form_field_total): sums, means, minima, maxima, counts, ratios of
 *      summed parts, answers counted per option; then the form's own
 *      calculations on the summed figures (a rate is the rate of the sums);
 *   4. targets and alerts per unit, and for the commune;
 *   5. the task table: each task x unit (status, percent, evidence, note,
 *      overdue), and the counts per task;
 *   6. the trend: the same totals over the last six periods.
 */
#include "office-report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/cal.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../forms/sub-open.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"

static void
alert(struct office_report *rep, char *msg)
{
	rep->alerts = xreallocarray(rep->alerts, rep->nalerts + 1, sizeof *rep->alerts);
	rep->alerts[rep->nalerts++] = msg;
}

const char *
office_report_rule(void)
{
	return TR("Tính: bản mới nhất của mỗi đơn vị đã duyệt, hoặc đã nhận mà chưa bị trả lại; "
	    "không tính bản nháp, bản bị trả lại và bản đã được thay thế.",
	    "Counted: each unit's latest revision that was approved, or received and not "
	    "returned; drafts, returned and replaced revisions are left out.");
}

const char *
office_report_version_line(const struct office_report *rep, char *buf, size_t size)
{
	if (rep->then == NULL)
		return NULL;
	snprintf(buf, size, TR("Đơn vị phải nộp, người chủ trì và hạn từng việc theo phiên bản %d "
	    "của kế hoạch — phiên bản có hiệu lực khi kỳ này đến hạn (nay là phiên bản %d).",
	    "Units owing, task leads and dues follow version %d of the plan — the version in "
	    "force when this period fell due (now version %d)."), rep->then->version,
	    rep->f->version);
	return buf;
}

const char *
office_report_status_label(const struct report_unit *u)
{
	if (u->status == NULL)
		return TR("chưa nộp", "missing");
	if (strcmp(u->status, "approved") == 0)
		return TR("đã duyệt", "approved");
	if (strcmp(u->status, "returned") == 0)
		return TR("bị trả lại", "returned");
	if (strcmp(u->status, "received") == 0)
		return TR("đã nhận", "received");
	if (strcmp(u->status, "draft") == 0)
		return TR("bản nháp", "draft");
	return TR("hoàn tất", "final");
}

const char *
office_report_target_words(const struct form_field *fd, char *buf, size_t size)
{
	if (fd->tgt.cmp >= TARGET_GE)
		return form_target_text(&fd->tgt, buf, size);
	if (fd->tgt.cmp == TARGET_UNREAD && fd->target != NULL) {
		snprintf(buf, size, TR("%s (không so sánh được)", "%s (not compared)"), fd->target);
		return buf;
	}
	return NULL;
}

const char *
office_period_words(const struct period *p, const char *id, char *buf, size_t size)
{
	static const char *const roman[] = { "I", "II", "III", "IV" };
	int y, m, d;

	switch (p->kind) {
	case PERIOD_DAY:
		date_to_ymd(p->start, &y, &m, &d);
		snprintf(buf, size, TR("ngày %02d/%02d/%d", "%d-%02d-%02d"), TR(d, y), m, TR(y, d));
		break;
	case PERIOD_WEEK:
		snprintf(buf, size, TR("tuần %d năm %d", "week %d of %d"), p->num, p->year);
		break;
	case PERIOD_MONTH:
		snprintf(buf, size, TR("tháng %d năm %d", "month %d of %d"), p->num, p->year);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, size, TR("quý %s năm %d", "quarter %s of %d"),
		    roman[(p->num - 1) & 3], p->year);
		break;
	case PERIOD_HALF:
		snprintf(buf, size, p->num == 1 ? TR("6 tháng đầu năm %d", "first half of %d") :
		    TR("6 tháng cuối năm %d", "second half of %d"), p->year);
		break;
	case PERIOD_SEMESTER:
		snprintf(buf, size, TR("học kỳ %s năm học %d-%d", "semester %s of school year %d-%d"),
		    p->num == 1 ? "I" : "II", p->year, p->year + 1);
		break;
	case PERIOD_YEAR:
		snprintf(buf, size, TR("năm %d", "year %d"), p->year);
		break;
	default:
		snprintf(buf, size, TR("kỳ %s", "period %s"), id);
		break;
	}
	return buf;
}

const char *
office_report_task_uncounted(const struct report_task *rt, char *buf, size_t size)
{
	size_t len = 0;
	const struct { int n; const char *vi, *en; } why[] = {
		{ rt->returned, "bị trả lại", "returned" },
		{ rt->drafts, "bản nháp", "draft" },
		{ rt->missing, "chưa nộp", "missing" },
	};

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof why / sizeof why[0]; i++)
		if (why[i].n > 0 && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%d %s", len ? ", " : "",
			    why[i].n, TR(why[i].vi, why[i].en));
	return buf;
}

/* The unit's submission for PERIOD (into *S: the counted one, or the
 * returned one when nothing counts), and why it counts or not. */
static void
load_unit(struct store *st, const struct form *f, int report, struct report_unit *u,
    const char *period, struct sub **s)
{
	const char *form_id = f->reports[report].form_id;
	struct store_sub row;
	struct store_revision *revs = NULL;
	size_t nrevs = 0;
	char *cause = NULL, *object;
	const char *verdict = NULL;
	int pick, cur = -1;

	*s = NULL;
	u->inc = REPORT_MISSING;
	if (store_sub_get(st, form_id, u->id, period, &row, &cause) != ERR_OK) {
		free(cause);
		return;
	}
	u->status = xstrdup(row.status);
	u->reason = row.status_reason ? xstrdup(row.status_reason) : NULL;
	u->rev = row.rev;
	u->form_version = row.form_version;
	u->received = row.updated_at;
	if (store_sub_revisions(st, form_id, u->id, period, &revs, &nrevs, &cause) != ERR_OK) {
		free(cause);
		cause = NULL;
	}
	for (size_t k = 0; k < nrevs; k++)
		if (revs[k].rev == row.rev)
			cur = (int)k;
	object = xasprintf("%s/%s/%s", form_id, u->id, period);
	pick = sub_counted_pick(st, object, revs, nrevs, &verdict);
	free(object);
	if (pick >= 0) {
		*s = sub_from_json(f, report, period, revs[pick].data, false, &cause);
		u->inc = *s == NULL ? REPORT_MISSING : REPORT_COUNTED;
		if (pick != cur && *s != NULL) {
			/* an older revision counts: the newer one is a draft or
			 * was returned; say which */
			u->newer_rev = row.rev;
			u->newer_status = u->status;
			u->newer_reason = u->reason;
			u->status = xstrdup(verdict);
			u->reason = NULL;
			u->rev = revs[pick].rev;
			u->form_version = revs[pick].form_version;
		}
		u->received = revs[pick].created;
	} else if (strcmp(row.status, "draft") == 0 || !row.final) {
		u->inc = REPORT_DRAFT;
	} else {
		/* a returned one is read too: shown, never counted */
		*s = sub_from_json(f, report, period, row.data, false, &cause);
		u->inc = *s == NULL ? REPORT_MISSING : strcmp(row.status, "returned") == 0 ?
		    REPORT_RETURNED : REPORT_COUNTED;
		if (cur >= 0)
			u->received = revs[cur].created;
	}
	store_revision_free(revs, nrevs);
	free(cause);
	free(row.form_id);
	free(row.unit_id);
	free(row.period);
	free(row.status);
	free(row.status_reason);
	free(row.data);
}

/* The counted submission of UNIT for PERIOD, or NULL (the trend's past
 * periods: what the commune's totals were). */
static struct sub *
load_counted(struct store *st, const struct form *f, int report, const char *unit,
    const char *period)
{
	struct report_unit u = { .id = (char *)unit };
	struct sub *s;

	load_unit(st, f, report, &u, period, &s);
	if (u.inc != REPORT_COUNTED) {
		sub_free(s);
		s = NULL;
	}
	free(u.status);
	free(u.reason);
	free(u.newer_status);
	free(u.newer_reason);
	return s;
}

static bool
numeric(const struct form_field *fd)
{
	return fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL ||
	    fd->type == FIELD_CALCULATE;
}

/* A number as the reports write it: whole numbers without decimals, others
 * with at most two. */
static char *
num_text(double x)
{
	char *s;
	size_t n;

	if (fabs(x - round(x)) < 1e-9 && fabs(x) < 1e15)
		return xasprintf("%.0f", x);
	s = xasprintf("%.2f", x);
	n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	return s;
}

static double
pct_scale(const struct form_field *fd)
{
	if (fd->unit && strcmp(fd->unit, "%") == 0)
		return 100;
	if (fd->unit && strcmp(fd->unit, "\xe2\x80\xb0") == 0)
		return 1000;
	return 1;
}

/* Sum of field F over the counted submissions (and how many gave it). */
static double
sum_of(struct sub *const *subs, size_t n, int f, int *count)
{
	double sum = 0;

	*count = 0;
	for (size_t i = 0; i < n; i++) {
		struct val v;
		if (subs[i] == NULL)
			continue;
		v = sub_value(subs[i], f, -1);
		if (v.type == VAL_NUM) {
			sum += v.num;
			(*count)++;
		}
	}
	return sum;
}

/* T->x: field F over SUBS as T->kind says (sum, mean, min, max, count). */
static void
aggregate(struct report_total *t, struct sub *const *subs, size_t n, int f)
{
	int count = 0;
	double x = 0;

	switch (t->kind) {
	case TOTAL_SUM:
	case TOTAL_MEAN:
		x = sum_of(subs, n, f, &count);
		if (t->kind == TOTAL_MEAN && count)
			x /= count;
		t->known = count > 0;
		break;
	case TOTAL_MIN:
	case TOTAL_MAX:
		for (size_t i = 0; i < n; i++) {
			struct val v = subs[i] ? sub_value(subs[i], f, -1) :
			    (struct val){ .type = VAL_EMPTY };
			if (v.type != VAL_NUM)
				continue;
			if (count == 0 || (t->kind == TOTAL_MIN ? v.num < x : v.num > x))
				x = v.num;
			count++;
		}
		t->known = count > 0;
		break;
	case TOTAL_COUNT:
		(void)sum_of(subs, n, f, &count);
		x = count;
		t->known = true;
		break;
	default:
		(void)sum_of(subs, n, f, &count);
		break;
	}
	t->n = count;
	t->x = x;
}

/*
 * The totals of SUBS (N of them, NULL where not counted) into T (one per
 * column) and *TOTAL (the total row as a submission, on which the form's
 * calculations ran).
 */
static void
totals_of(const struct form *f, int report, const char *period, struct sub *const *subs,
    size_t n, const int *cols, size_t ncols, struct report_total *t, struct sub **total)
{
	struct sub *tot = sub_new(f, report, period);

	/* numbers first: the calculations read them */
	for (size_t c = 0; c < ncols; c++) {
		const struct form_field *fd = &f->fields[cols[c]];

		memset(&t[c], 0, sizeof t[c]);
		t[c].kind = form_field_total(f, cols[c]);
		if (fd->type == FIELD_CALCULATE || !numeric(fd))
			continue;
		aggregate(&t[c], subs, n, cols[c]);
		if (t[c].known) {
			char *txt = num_text(t[c].x), *cause = NULL;
			/* an integer field's mean may not be whole: the row keeps the
			 * figure shown, the submission what its type allows */
			(void)sub_set(tot, cols[c], -1, txt, &cause);
			free(cause);
			free(txt);
		}
	}
	/* ratios of summed parts, and the form's own calculations */
	sub_recalc(tot);
	for (size_t c = 0; c < ncols; c++) {
		const struct form_field *fd = &f->fields[cols[c]];
		int cn, cd;
		if (t[c].kind == TOTAL_RATIO) {
			double num = sum_of(subs, n, fd->total_num, &cn);
			double den = sum_of(subs, n, fd->total_den, &cd);
			t[c].known = cn > 0 && cd > 0 && den != 0;
			t[c].x = t[c].known ? num / den * pct_scale(fd) : 0;
			(void)sum_of(subs, n, cols[c], &t[c].n);
		} else if (fd->type == FIELD_CALCULATE && t[c].kind != TOTAL_FORMULA) {
			aggregate(&t[c], subs, n, cols[c]);	/* its own `total:` */
		} else if (t[c].kind == TOTAL_FORMULA) {
			struct val v = sub_value(tot, cols[c], -1);
			t[c].known = v.type == VAL_NUM;
			t[c].x = v.num;
			(void)sum_of(subs, n, cols[c], &t[c].n);
		}
	}
	*total = tot;
}

/* The text of each total (choices: how many units gave each option). */
static void
totals_text(const struct form *f, struct sub *const *subs, size_t n, const int *cols,
    size_t ncols, struct report_total *t)
{
	for (size_t c = 0; c < ncols; c++) {
		const struct form_field *fd = &f->fields[cols[c]];

		if (t[c].kind == TOTAL_OPTIONS && fd->list >= 0) {
			const struct form_list *l = &f->lists[fd->list];
			char *s = NULL;
			for (size_t k = 0; k < l->nchoices; k++) {
				int count = 0;
				size_t vl = strlen(l->choices[k].value);
				for (size_t i = 0; i < n; i++) {
					const char *v = subs[i] ? sub_get(subs[i], cols[c], -1) : NULL;
					/* a multiple choice is codes parted by spaces */
					for (const char *p = v; p && *p; ) {
						size_t w = strcspn(p, " ");
						if (w == vl && strncmp(p, l->choices[k].value, w) == 0)
							count++;
						p += w;
						p += strspn(p, " ");
					}
				}
				if (count == 0)
					continue;
				if (s == NULL) {
					s = xasprintf("%s: %d", l->choices[k].label, count);
				} else {
					char *s2 = xasprintf("%s; %s: %d", s, l->choices[k].label,
					    count);
					free(s);
					s = s2;
				}
			}
			t[c].text = s;
			/* how many units answered (not how many ticks) */
			for (size_t i = 0; i < n; i++) {
				const char *v = subs[i] ? sub_get(subs[i], cols[c], -1) : NULL;
				t[c].n += v != NULL && v[strspn(v, " ")] != '\0';
			}
		} else if (t[c].kind == TOTAL_COUNT && !numeric(fd)) {
			int count = 0;
			for (size_t i = 0; i < n; i++) {
				const char *v = subs[i] ? sub_get(subs[i], cols[c], -1) : NULL;
				count += v != NULL && *v != '\0';
			}
			t[c].known = true;
			t[c].x = count;
			t[c].n = count;
			t[c].text = xasprintf(TR("%d đơn vị trả lời", "%d units answered"), count);
		} else if (t[c].known) {
			t[c].text = num_text(t[c].x);
		}
	}
}

/* Does a target of F compare with the same period a year before? */
static bool
needs_year_before(const struct form *f)
{
	for (size_t c = 0; c < f->nfields; c++) {
		const struct form_field *fd = &f->fields[c];
		if (fd->tgt.previous && fd->tgt.year_before)
			return true;
		for (size_t r = 0; fd->type == FIELD_GRID && r < fd->nrows; r++)
			for (size_t k = 0; k < fd->rows[r].ntargets; k++)
				if (fd->rows[r].targets[k].tgt.year_before)
					return true;
	}
	return false;
}

/* What target T of unit submission S compares with: the previous period,
 * or (T->year_before) the same period a year before; NULL when none. */
static const struct sub *
compared_with(const struct office_report *rep, const struct sub *s, const struct form_target *t)
{
	if (s == NULL || !t->year_before)
		return s ? sub_previous(s) : NULL;
	for (size_t u = 0; u < rep->nunits; u++)
		if (rep->units[u].s == s)
			return rep->units[u].year_before;
	return NULL;
}

/* The figure target T asks for: its value, or for a target relative to
 * the previous period (PREV), that figure moved by the delta ("tăng ít
 * nhất 5%" of 100: 105) — as form_target_met judges it. */
static double
target_value(const struct form_target *t, double prev)
{
	if (!t->previous)
		return t->value;
	return t->delta_pct ? prev + fabs(prev) * t->delta / 100 : prev + t->delta;
}

int
office_report_target(const struct office_report *rep, const struct sub *s, size_t c,
    double *gap)
{
	const struct form_field *fd = &rep->f->fields[rep->cols[c]];
	const struct form_target *t = &fd->tgt;
	struct val v, pv = { .type = VAL_EMPTY };
	double x;
	int met;

	if (s == NULL || t->cmp == TARGET_NONE || t->cmp == TARGET_UNREAD)
		return -1;
	if (t->choice != NULL) {
		const char *code = s == rep->total ? NULL : sub_get(s, rep->cols[c], -1);
		if (code == NULL)
			return -1;
		return strcmp(code, t->choice) == 0;
	}
	if (s == rep->total) {
		if (!rep->totals[c].known || rep->totals[c].kind == TOTAL_NONE ||
		    rep->totals[c].kind == TOTAL_COUNT || t->previous)
			return -1;
		x = rep->totals[c].x;
	} else {
		v = sub_value(s, rep->cols[c], -1);
		if (v.type != VAL_NUM)
			return -1;
		x = v.num;
		if (t->previous && compared_with(rep, s, t) != NULL)
			pv = sub_value(compared_with(rep, s, t), rep->cols[c], -1);
	}
	met = form_target_met(t, x, pv.type == VAL_NUM, pv.num);
	if (met >= 0 && gap != NULL)
		*gap = x - target_value(t, pv.num);
	return met;
}

bool
office_report_target_value(const struct office_report *rep, const struct sub *s, size_t c,
    double *value)
{
	const struct form_target *t = &rep->f->fields[rep->cols[c]].tgt;
	struct val pv;

	if (s == NULL || t->cmp < TARGET_GE || t->choice != NULL)
		return false;
	if (!t->previous) {
		*value = t->value;
		return true;
	}
	if (s == rep->total || compared_with(rep, s, t) == NULL)
		return false;
	pv = sub_value(compared_with(rep, s, t), rep->cols[c], -1);
	if (pv.type != VAL_NUM)
		return false;
	*value = target_value(t, pv.num);
	return true;
}

bool
office_report_off_target(const struct office_report *rep, const struct sub *s, size_t c)
{
	return office_report_target(rep, s, c, NULL) == 0;
}

/* The space between a figure and its unit of measure: "9 lớp", "104 hộ",
 * but "85%" and "12‰". */
static const char *
unit_gap(const struct form_field *fd)
{
	if (fd->unit == NULL || strcmp(fd->unit, "%") == 0 || strcmp(fd->unit, "\xe2\x80\xb0") == 0)
		return "";
	return " ";
}

static void
unit_alerts(struct office_report *rep, const struct report_unit *u, struct expr_arena **arena)
{
	const struct form *f = rep->f;

	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &f->fields[rep->cols[c]];
		struct val v = sub_value(u->s, rep->cols[c], -1), pv;
		char tb[64], vb[512];

		/* the figure as people read it: a choice by its label */
		if (fd->tgt.choice != NULL && form_choice_of(f, rep->cols[c], fd->tgt.choice))
			snprintf(tb, sizeof tb, "= %s", form_choice_of(f, rep->cols[c],
			    fd->tgt.choice)->label);
		else
			form_target_text(&fd->tgt, tb, sizeof tb);
		if (office_report_off_target(rep, u->s, c))
			alert(rep, xasprintf(TR("%s: %s = %s%s%s (chỉ tiêu %s)",
			    "%s: %s = %s%s%s (target %s)"), u->id, fd->label ? fd->label : fd->name,
			    office_report_cell(rep, u->s, c, vb, sizeof vb), unit_gap(fd),
			    fd->unit ? fd->unit : "", tb));
		if (v.type != VAL_NUM || sub_previous(u->s) == NULL || fd->type == FIELD_CALCULATE)
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

/* ---- the task table ---- */

/* The grid's columns by role: the status (a choice list whose values say
 * what they mean), the percent done, the note ("Ghi chú"), the evidence
 * (the other text columns). */
static void
grid_roles(struct office_report *rep)
{
	const struct form *f = rep->f;

	rep->col_status = rep->col_pct = rep->col_note = -1;
	rep->col_evidence = xcalloc(f->nfields + 1, sizeof *rep->col_evidence);
	for (size_t c = 0; c < f->nfields; c++) {
		const struct form_field *fd = &f->fields[c];
		if (fd->container != rep->grid || !form_field_in_report(f, (int)c, rep->report))
			continue;
		if (fd->type == FIELD_SELECT_ONE && rep->col_status < 0 && fd->list >= 0) {
			const struct form_list *l = &f->lists[fd->list];
			for (size_t k = 0; k < l->nchoices; k++)
				if (l->choices[k].progress != PROGRESS_NONE)
					rep->col_status = (int)c;
		} else if ((fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL) &&
		    fd->unit && strcmp(fd->unit, "%") == 0 && rep->col_pct < 0) {
			rep->col_pct = (int)c;
		} else if (fd->type == FIELD_TEXT) {
			char *fl = text_fold(fd->label ? fd->label : fd->name);
			if (fl && strncmp(fl, "ghi chu", 7) == 0 && rep->col_note < 0)
				rep->col_note = (int)c;
			else
				rep->col_evidence[rep->nevidence++] = (int)c;
			free(fl);
		}
	}
}

/*
 * Every target of a row, for one unit: against the percent done (a task
 * done with no percent counts as 100 %) or against a number column of the
 * row; relative targets against the unit's previous period. 1 all met,
 * 0 one is not, -1 none can be judged.
 */
static int
row_targets_met(const struct office_report *rep, const struct form_row *row, int r,
    const struct sub *s, struct report_task_cell *cell)
{
	int all = -1;

	for (size_t k = 0; k < row->ntargets; k++) {
		const struct form_target *t = &row->targets[k].tgt;
		int c = row->targets[k].column, met;
		bool has = false, has_prev = false;
		double x = 0, pv = 0;

		if (t->cmp < TARGET_GE)
			continue;
		if (c < 0 && rep->col_pct >= 0) {
			c = rep->col_pct;
		} else if (c < 0) {
			has = cell->progress == PROGRESS_DONE;
			x = 100;
		}
		if (c >= 0) {
			struct val v = sub_value(s, c, r);
			has = v.type == VAL_NUM;
			x = v.num;
			if (!has && c == rep->col_pct && cell->progress == PROGRESS_DONE) {
				has = true;
				x = 100;
			}
			const struct sub *prev = compared_with(rep, s, t);
			if (t->previous && prev != NULL) {
				struct val p = sub_value(prev, c, r);
				has_prev = p.type == VAL_NUM;
				pv = p.num;
			}
		}
		if (!has)
			continue;
		met = form_target_met(t, x, has_prev, pv);
		if (k < REPORT_TARGETS_MAX)
			cell->met_each[k] = (signed char)met;
		/* every target is judged (the report names those missed) */
		if (met == 0)
			all = 0;
		else if (met == 1 && all != 0)
			all = 1;
	}
	return all;
}

const char *
office_row_targets(const struct form_row *row, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < row->ntargets && len < size; k++)
		if (row->targets[k].text && row->targets[k].text[0])
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "; " : "",
			    row->targets[k].text);
	if (len == 0 && row->target)
		snprintf(buf, size, "%s", row->target);
	return buf;
}

const char *
office_cell_unmet(const struct form_row *row, const struct report_task_cell *cl, char *buf,
    size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < row->ntargets && k < REPORT_TARGETS_MAX && len < size; k++)
		if (cl->met_each[k] == 0)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "; " : "",
			    row->targets[k].text ? row->targets[k].text : "?");
	return buf;
}

/* The form's status code meaning done in the grid's status column, or
 * NULL. */
static const char *
done_code(const struct office_report *rep)
{
	const struct form_list *l;

	if (rep->col_status < 0 || rep->f->fields[rep->col_status].list < 0)
		return NULL;
	l = &rep->f->lists[rep->f->fields[rep->col_status].list];
	for (size_t k = 0; k < l->nchoices; k++)
		if (l->choices[k].progress == PROGRESS_DONE)
			return l->choices[k].value;
	return NULL;
}

/* A one-off row that unit U's counted report of an earlier period said
 * done, and nothing later said otherwise: done now too (README, "A task
 * done stays done"), saying where from. The unit's past is opened once. */
static void
carried_done(struct office_report *rep, struct store *st, const struct cal *cal, size_t u,
    const struct report_task *t, struct report_task_cell *cell)
{
	const char *from;

	if (t->due_day < 0)
		return;
	if (rep->pasts == NULL)
		rep->pasts = xcalloc(rep->nunits + 1, sizeof *rep->pasts);
	if (rep->pasts[u] == NULL) {
		rep->pasts[u] = xcalloc(1, sizeof *rep->pasts[u]);
		sub_open_past(st, rep->f, rep->report, rep->units[u].id, &rep->p, rep->pasts[u]);
	}
	from = sub_past_row_done(rep->f, rep->pasts[u], rep->grid, t->row_index, t->due_day,
				 cal, rep->event_days);
	if (from == NULL)
		return;
	snprintf(cell->done_in, sizeof cell->done_in, "%s", from);
	cell->progress = PROGRESS_DONE;
	cell->status = done_code(rep);
}

const char *
office_task_status(const struct office_report *rep, const struct report_task_cell *cl,
    char *buf, size_t size)
{
	const struct form_choice *ch = rep->col_status >= 0 && cl->status ?
	    form_choice_of(rep->f, rep->col_status, cl->status) : NULL;
	const char *label = ch ? ch->label : cl->status ? cl->status :
	    cl->done_in[0] ? TR("xong", "done") : "";

	if (cl->done_in[0])
		snprintf(buf, size, TR("%s (báo cáo %s)", "%s (report %s)"), label, cl->done_in);
	else
		snprintf(buf, size, "%s", label);
	return buf;
}

/*
 * Row ROW of the task grid as the version in force for the period wrote it
 * (rep->then: the row of the same id in its grid of the same name), with
 * *VF that version and *DAYS its events' days; F's own row when F was in
 * force. NULL when that version had no such row: nobody owed it then.
 */
static const struct form_row *
row_in_force(const struct office_report *rep, const struct form_row *row, const struct form **vf,
    const long **days)
{
	const struct form *then = rep->then;
	const char *grid = rep->f->fields[rep->grid].name;

	*vf = rep->f;
	*days = rep->event_days;
	if (then == NULL || rep->then_report < 0)
		return row;
	*vf = then;
	*days = rep->then_event_days;
	for (size_t g = 0; g < then->nfields; g++) {
		const struct form_field *fd = &then->fields[g];
		if (fd->type != FIELD_GRID || strcmp(fd->name, grid) != 0)
			continue;
		for (size_t k = 0; k < fd->nrows; k++)
			if (fd->rows[k].id != NULL && row->id != NULL &&
			    strcmp(fd->rows[k].id, row->id) == 0)
				return &fd->rows[k];
	}
	return NULL;
}

static void
build_tasks(struct office_report *rep, struct store *st, const struct cal *cal)
{
	const struct form *f = rep->f;
	const struct form_field *g = &f->fields[rep->grid];
	long now = moment_from_unix(store_now()), today = now / MINUTES_PER_DAY;
	/* before the report is due, a unit that sent nothing (or only has a
	 * draft) is not behind: status says "chưa đến hạn" (plan.h); one whose
	 * report was returned was heard, and is */
	bool not_due = deadline_of(&f->reports[rep->report].rule, &rep->p, cal) > now;

	grid_roles(rep);
	rep->tasks = xcalloc(g->nrows + 1, sizeof *rep->tasks);
	for (size_t r = 0; r < g->nrows; r++) {
		struct report_task *t;
		const struct form *vf;		/* the version in force for the period */
		const struct form_row *vrow;	/* ... its row, or NULL */
		const long *vdays;
		if (!(g->rows[r].reports & (1u << rep->report)))
			continue;
		t = &rep->tasks[rep->ntasks++];
		t->row = &g->rows[r];
		t->row_index = (int)r;
		/* who leads it and when it is due: as that version said */
		vrow = row_in_force(rep, t->row, &vf, &vdays);
		t->due_day = vrow ? form_row_due_day(vf, vrow, &rep->p, cal, vdays) : -1;
		if (vrow != NULL) {
			form_row_due_text(vf, vrow, &rep->p, cal, vdays, t->due_text,
					  sizeof t->due_text);
			form_row_leads(vf, vrow, t->leads, sizeof t->leads);
		}
		t->cells = xcalloc(rep->nunits + 1, sizeof *t->cells);
		for (size_t u = 0; u < rep->nunits; u++) {
			struct report_task_cell *cell = &t->cells[u];
			const struct sub *s = rep->units[u].s;
			const struct form_choice *ch;
			cell->met = -1;
			memset(cell->met_each, -1, sizeof cell->met_each);
			cell->owed = vrow != NULL &&
			    form_row_role(vf, vrow, rep->units[u].kind) == ROW_ROLE_LEADS;
			if (!cell->owed)
				continue;	/* another unit's row */
			if (rep->units[u].inc != REPORT_COUNTED) {
				/* nothing it says counts: told apart, never "not started";
				 * overdue all the same once the row's deadline passed,
				 * as status says */
				t->returned += rep->units[u].inc == REPORT_RETURNED;
				t->drafts += rep->units[u].inc == REPORT_DRAFT;
				t->missing += rep->units[u].inc == REPORT_MISSING;
				carried_done(rep, st, cal, u, t, cell);
				cell->overdue = form_row_overdue(cell->progress, t->due_day, &rep->p,
				    today, not_due && rep->units[u].inc != REPORT_RETURNED);
				t->overdue += cell->overdue;
				continue;
			}
			if (rep->col_status >= 0) {
				cell->status = sub_get(s, rep->col_status, (int)r);
				ch = form_choice_of(f, rep->col_status, cell->status);
				cell->progress = ch ? ch->progress : PROGRESS_NONE;
			}
			if (rep->col_pct >= 0) {
				struct val v = sub_value(s, rep->col_pct, (int)r);
				cell->has_pct = v.type == VAL_NUM;
				cell->pct = v.num;
			}
			if (rep->nevidence)
				cell->evidence = sub_get(s, rep->col_evidence[0], (int)r);
			if (rep->col_note >= 0)
				cell->note = sub_get(s, rep->col_note, (int)r);
			/* done: its status, or 100 % with none (sub_row_done, as
			 * status reads it); else perhaps done earlier */
			if (cell->progress == PROGRESS_NONE && sub_row_done(f, s, rep->grid, (int)r))
				cell->progress = PROGRESS_DONE;
			else if (!sub_row_said(f, s, rep->grid, (int)r))
				carried_done(rep, st, cal, u, t, cell);
			cell->overdue = form_row_overdue(cell->progress, t->due_day, &rep->p, today,
							 false);
			cell->met = row_targets_met(rep, t->row, (int)r, s, cell);
			switch (cell->progress) {
			case PROGRESS_DONE: t->done++; break;
			case PROGRESS_STARTED: t->doing++; break;
			case PROGRESS_LATE: t->late++; break;
			default: t->none++; break;
			}
			t->overdue += cell->overdue;
		}
	}
}

/* ---- the trend ---- */

static void
build_trend(struct office_report *rep, struct store *st)
{
	const struct deadline_rule *rule = &rep->f->reports[rep->report].rule;
	struct period q = rep->p;
	int k = 0;

	/* the trend of the total over the last periods: a rate with a target
	 * if one is known, else the first count */
	for (size_t c = 0; rep->trend_field < 0 && c < rep->ncols; c++)
		if (rep->f->fields[rep->cols[c]].type == FIELD_CALCULATE &&
		    rep->f->fields[rep->cols[c]].target && rep->totals[c].known)
			rep->trend_field = rep->cols[c];
	for (size_t c = 0; rep->trend_field < 0 && c < rep->ncols; c++)
		if (rep->f->fields[rep->cols[c]].type == FIELD_INTEGER && rep->totals[c].known)
			rep->trend_field = rep->cols[c];
	if (period_kind_adhoc(rule->kind))
		return;
	rep->ntrend = 6;
	rep->trends = xcalloc(rep->ncols * 6 + 1, sizeof *rep->trends);
	rep->trends_known = xcalloc(rep->ncols * 6 + 1, sizeof *rep->trends_known);
	for (; k < 6; k++) {
		struct sub **ps = xcalloc(rep->nunits + 1, sizeof *ps), *tot;
		struct report_total *t = xcalloc(rep->ncols + 1, sizeof *t);
		char qid[PERIOD_ID_MAX];
		period_format(&q, qid, sizeof qid);
		for (size_t u = 0; u < rep->nunits; u++)
			ps[u] = k == 0 ? (rep->units[u].inc == REPORT_COUNTED ? rep->units[u].s :
			    NULL) : load_counted(st, rep->f, rep->report,
			    rep->units[u].id, qid);
		totals_of(rep->f, rep->report, qid, ps, rep->nunits, rep->cols, rep->ncols, t, &tot);
		snprintf(rep->trend_period[5 - k], sizeof rep->trend_period[0], "%s", qid);
		/* a total moves when units come and go, too: say how many */
		for (size_t u = 0; u < rep->nunits; u++)
			rep->trend_units[5 - k] += ps[u] != NULL;
		for (size_t c = 0; c < rep->ncols; c++) {
			rep->trends[c * 6 + (size_t)(5 - k)] = t[c].x;
			rep->trends_known[c * 6 + (size_t)(5 - k)] = t[c].known;
			if (rep->cols[c] == rep->trend_field) {
				rep->trend_known[5 - k] = t[c].known;
				rep->trend[5 - k] = t[c].known ? t[c].x : 0;
			}
		}
		sub_free(tot);
		free(t);
		for (size_t u = 0; k > 0 && u < rep->nunits; u++)
			sub_free(ps[u]);
		free(ps);
		if (!deadline_previous(rule, &q, &q))
			break;
	}
	/* fewer periods than six: the oldest slots stay unknown */
	for (int j = 0; j < 5 - k; j++)
		snprintf(rep->trend_period[j], sizeof rep->trend_period[0], "%s", "");
}

enum err
office_report_build(struct store *st, const struct form_set *set, const char *form_id,
    const char *period, struct office_report *rep, char **cause)
{
	struct store_unit *units;
	size_t nunits;
	struct sub **subs;
	struct expr_arena *arena = NULL;
	char *refusal;
	enum err e;
	bool adhoc;

	memset(rep, 0, sizeof *rep);
	rep->grid = -1;
	rep->trend_field = -1;
	rep->col_status = rep->col_pct = rep->col_note = -1;
	if (!form_set_find(set, form_id, &rep->f, &rep->report))
		return err_set(cause, ERR_INVALID, TR("không có biểu mẫu '%s' (xem 'baocao forms "
		    "list')", "no form '%s' (see 'baocao forms list')"), form_id);
	if ((refusal = form_period_refusal(rep->f, rep->report, period, &rep->p)) != NULL) {
		e = err_set(cause, ERR_INVALID, "%s", refusal);
		free(refusal);
		return e;
	}
	period_format(&rep->p, rep->period, sizeof rep->period);
	e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e != ERR_OK)
		return e;
	{
		/* whose report it is: named in the files' content too */
		struct store_install in;
		char *why = NULL;
		if (store_install_get(st, &in, &why) == ERR_OK) {
			rep->commune = in.commune ? xstrdup(in.commune) : NULL;
			store_install_free(&in);
		}
		free(why);
	}
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
	adhoc = period_kind_adhoc(rep->f->reports[rep->report].rule.kind);
	/* who owes the period: the plan as it was at its deadline, not as a
	 * version installed since says (the one rule status follows) */
	rep->then = office_version_in_force(st, rep->f, rep->report,
	    deadline_of(&rep->f->reports[rep->report].rule, &rep->p, &set->cal),
	    &rep->then_report);
	rep->units = xcalloc(nunits + 1, sizeof *rep->units);
	subs = xcalloc(nunits + 1, sizeof *subs);
	for (size_t u = 0; u < nunits; u++) {
		struct report_unit *ru;
		bool owed_now = form_owed_by(rep->f, rep->report, units[u].kind);
		bool expected = rep->then == NULL ? owed_now : rep->then_report >= 0 &&
		    form_owed_by(rep->then, rep->then_report, units[u].kind);
		if ((!owed_now && !expected) || !units[u].active)
			continue;
		ru = &rep->units[rep->nunits++];
		ru->id = xstrdup(units[u].id);
		ru->name = xstrdup(units[u].name);
		ru->kind = xstrdup(units[u].kind);
		load_unit(st, rep->f, rep->report, ru, rep->period, &ru->s);
		if ((adhoc || !expected) && ru->status == NULL) {
			/* an incident is expected only from the unit it happened
			 * to: the others are not late, they had nothing to say;
			 * a unit a later version assigned was asked nothing for
			 * this period (counted all the same if it sent it) */
			free(ru->id);
			free(ru->name);
			free(ru->kind);
			memset(ru, 0, sizeof *ru);
			rep->nunits--;
			continue;
		}
		if (ru->inc == REPORT_COUNTED)
			subs[rep->nunits - 1] = ru->s;
		switch (ru->inc) {
		case REPORT_MISSING:
			alert(rep, xasprintf(TR("%s: chưa nộp báo cáo", "%s: no report received"), ru->id));
			continue;
		case REPORT_DRAFT:
			alert(rep, xasprintf(TR("%s: mới có bản nháp, chưa tính",
			    "%s: only a draft, not counted"), ru->id));
			continue;
		case REPORT_RETURNED:
			alert(rep, xasprintf(TR("%s: bị trả lại (%s), chưa tính",
			    "%s: returned (%s), not counted"), ru->id, ru->reason ? ru->reason : "—"));
			continue;
		case REPORT_COUNTED:
			break;
		}
		if (ru->newer_rev > 0)
			alert(rep, strcmp(ru->newer_status, "returned") == 0 ?
			    xasprintf(TR("%s: lần %d bị trả lại (%s), vẫn tính lần %d",
			    "%s: revision %d returned (%s); revision %d still counts"), ru->id,
			    ru->newer_rev, ru->newer_reason ? ru->newer_reason : "—", ru->rev) :
			    xasprintf(TR("%s: có bản nháp mới hơn (lần %d), chưa tính; vẫn tính lần %d",
			    "%s: a newer draft (revision %d) is not counted; revision %d counts"),
			    ru->id, ru->newer_rev, ru->rev));
		rep->ncounted++;
		if ((refusal = sub_attach_previous(st, ru->s, rep->f, rep->report, ru->id, &rep->p,
		    SUB_PREV_COUNTED)) != NULL)
			alert(rep, refusal);	/* compared with nothing; said why */
		if (needs_year_before(rep->f)) {
			char *why = NULL;
			if (sub_open_previous(st, rep->f, rep->report, ru->id, &rep->p,
			    SUB_PREV_YEAR_COUNTED, &ru->year_before, &why) != ERR_OK)
				alert(rep, why);	/* compared with nothing; said why */
		}
		unit_alerts(rep, ru, &arena);
		expr_arena_free(&arena);
	}
	rep->totals = xcalloc(rep->ncols + 1, sizeof *rep->totals);
	totals_of(rep->f, rep->report, rep->period, subs, rep->nunits, rep->cols, rep->ncols,
	    rep->totals, &rep->total);
	totals_text(rep->f, subs, rep->nunits, rep->cols, rep->ncols, rep->totals);
	/* the commune against its targets */
	for (size_t c = 0; c < rep->ncols; c++) {
		const struct form_field *fd = &rep->f->fields[rep->cols[c]];
		char tb[64];
		double gap = 0;
		if (office_report_target(rep, rep->total, c, &gap) == 0) {
			char *g = num_text(fabs(gap));
			alert(rep, xasprintf(TR("Toàn xã: %s = %s%s%s (chỉ tiêu %s, còn thiếu %s)",
			    "Commune: %s = %s%s%s (target %s, short by %s)"), fd->label ? fd->label :
			    fd->name, rep->totals[c].text, unit_gap(fd), fd->unit ? fd->unit : "",
			    form_target_text(&fd->tgt, tb, sizeof tb), g));
			free(g);
		}
	}
	if (rep->grid >= 0) {
		char *why = NULL;
		if (form_event_days(st, rep->f, &rep->event_days, &why) != ERR_OK)
			free(why);	/* events unknown: their rows show no date */
		why = NULL;
		if (rep->then != NULL &&
		    form_event_days(st, rep->then, &rep->then_event_days, &why) != ERR_OK)
			free(why);
		build_tasks(rep, st, &set->cal);
	}
	build_trend(rep, st);
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
		free(rep->units[u].kind);
		free(rep->units[u].status);
		free(rep->units[u].reason);
		free(rep->units[u].newer_status);
		free(rep->units[u].newer_reason);
		sub_free(rep->units[u].s);
		sub_free(rep->units[u].year_before);
	}
	free(rep->units);
	free(rep->commune);
	free(rep->cols);
	sub_free(rep->total);
	for (size_t c = 0; rep->totals && c < rep->ncols; c++)
		free(rep->totals[c].text);
	free(rep->totals);
	for (size_t i = 0; i < rep->nalerts; i++)
		free(rep->alerts[i]);
	free(rep->alerts);
	for (size_t t = 0; t < rep->ntasks; t++)
		free(rep->tasks[t].cells);
	free(rep->tasks);
	free(rep->event_days);
	free(rep->then_event_days);
	form_free(rep->then);
	for (size_t u = 0; rep->pasts != NULL && u < rep->nunits; u++)
		if (rep->pasts[u] != NULL) {
			sub_past_free(rep->pasts[u]);
			free(rep->pasts[u]);
		}
	free(rep->pasts);
	free(rep->col_evidence);
	free(rep->trends);
	free(rep->trends_known);
	memset(rep, 0, sizeof *rep);
}

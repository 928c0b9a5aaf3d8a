/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sub: a submission's values and checks (see sub.h).
 *
 * Storage: val[f] holds the text of a plain field; cell[f][r] the text of
 * column f in row r; nrows[k] the rows of container k (grids: one per
 * pre-filled row, fixed; repeats: what the user added). Every column of a
 * container always has nrows[k] cells.
 *
 * Invariant: a stored text is canonical for its field's type (sub_set is
 * the only way in), so comparisons, exports and hashes see one spelling.
 */
#include "sub.h"

#include "plan.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/clock.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "cal.h"
#include "num.h"

struct reason {
	int field, row, warn;
	char *text;
};

struct sub {
	const struct form *f;
	int report;
	char *period;
	char **val;		/* [nfields] */
	char ***cell;		/* [nfields]: columns only */
	int *nrows;		/* [nfields]: containers only */
	struct reason *reasons;
	size_t nreasons;
	struct sub *prev;
	long today;
	char *kind;		/* the unit kind filling it (plan.h), or NULL: all */
	int *order;		/* calculations in dependency order */
	size_t norder;
	struct expr_arena *arena;
	bool stored_in;		/* reading sub_to_json's canonical values */
	/* the calculated values follow from what is entered now: nothing that
	 * feeds a calculation (a value, a row, today, the kind, the previous
	 * period) changed since sub_recalc, so it need not run again */
	bool fresh;
};

static bool is_column(const struct form *f, int field)
{
	return f->fields[field].container >= 0;
}

static bool is_container(const struct form_field *fd)
{
	return fd->type == FIELD_REPEAT || fd->type == FIELD_GRID;
}

/* ---- calculation order ---- */

struct order_ctx {
	struct sub *s;
	unsigned char *seen;
};

static void order_visit(struct order_ctx *c, int field);

static void order_edge(void *arg, int field, bool previous)
{
	struct order_ctx *c = arg;
	if (!previous && c->s->f->fields[field].calculation != NULL)
		order_visit(c, field);
}

static void order_visit(struct order_ctx *c, int field)
{
	if (c->seen[field])
		return;
	c->seen[field] = 1;	/* the loader refused cycles */
	expr_refs(c->s->f->fields[field].calculation, order_edge, c);
	c->s->order[c->s->norder++] = field;
}

/* ---- life ---- */

struct sub *sub_new(const struct form *f, int report, const char *period)
{
	struct sub *s = xcalloc(1, sizeof *s);
	struct order_ctx oc = { s, xcalloc(f->nfields + 1, 1) };

	s->f = f;
	s->report = report;
	s->period = period ? xstrdup(period) : NULL;
	s->val = xcalloc(f->nfields + 1, sizeof *s->val);
	s->cell = xcalloc(f->nfields + 1, sizeof *s->cell);
	s->nrows = xcalloc(f->nfields + 1, sizeof *s->nrows);
	s->order = xcalloc(f->nfields + 1, sizeof *s->order);
	/* today by the installation's clock: a caller that forgets
	 * sub_set_today must not judge "not after today" against a fixed day */
	s->today = moment_from_unix(clock_now()) / MINUTES_PER_DAY;
	for (size_t i = 0; i < f->nfields; i++)
		if (f->fields[i].calculation != NULL)
			order_visit(&oc, (int)i);
	free(oc.seen);
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (fd->type == FIELD_GRID) {
			s->nrows[i] = (int)fd->nrows;
			for (size_t c = 0; c < f->nfields; c++)
				if (f->fields[c].container == (int)i)
					s->cell[c] = xcalloc(fd->nrows + 1, sizeof **s->cell);
		}
	}
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		char *cause = NULL;
		if (fd->def == NULL || fd->type == FIELD_CALCULATE)
			continue;
		if (is_column(f, (int)i)) {
			for (int r = 0; r < s->nrows[fd->container]; r++)
				if (sub_set(s, (int)i, r, fd->def, &cause) != ERR_OK)
					break;
		} else {
			(void)sub_set(s, (int)i, -1, fd->def, &cause);
		}
		free(cause);
	}
	return s;
}

static void free_cells(struct sub *s)
{
	for (size_t i = 0; i < s->f->nfields; i++) {
		free(s->val[i]);
		if (s->cell[i] != NULL) {
			int k = s->f->fields[i].container;
			for (int r = 0; r < s->nrows[k]; r++)
				free(s->cell[i][r]);
			free(s->cell[i]);
		}
	}
}

void sub_free(struct sub *s)
{
	if (s == NULL)
		return;
	free_cells(s);
	free(s->val);
	free(s->cell);
	free(s->nrows);
	free(s->order);
	free(s->kind);
	for (size_t i = 0; i < s->nreasons; i++)
		free(s->reasons[i].text);
	free(s->reasons);
	sub_free(s->prev);
	expr_arena_free(&s->arena);
	free(s->period);
	free(s);
}

const struct form *sub_form(const struct sub *s) { return s->f; }
int sub_report(const struct sub *s) { return s->report; }
const char *sub_period(const struct sub *s) { return s->period; }
const struct sub *sub_previous(const struct sub *s) { return s->prev; }

void sub_set_previous(struct sub *s, struct sub *prev)
{
	sub_free(s->prev);
	s->prev = prev;
	s->fresh = false;
}

void sub_set_today(struct sub *s, long today)
{
	if (s->today != today)
		s->fresh = false;
	s->today = today;
}

/* ---- rows ---- */

int sub_rows(const struct sub *s, int container)
{
	return container >= 0 && is_container(&s->f->fields[container]) ? s->nrows[container] : 0;
}

int sub_add_row(struct sub *s, int container)
{
	const struct form *f = s->f;
	int n;

	if (container < 0 || f->fields[container].type != FIELD_REPEAT ||
	    s->nrows[container] >= SUB_MAX_ROWS)
		return -1;
	n = s->nrows[container];
	for (size_t c = 0; c < f->nfields; c++) {
		if (f->fields[c].container != container)
			continue;
		s->cell[c] = xreallocarray(s->cell[c], (size_t)n + 2, sizeof **s->cell);
		s->cell[c][n] = NULL;
		if (f->fields[c].def && f->fields[c].type != FIELD_CALCULATE)
			s->cell[c][n] = xstrdup(f->fields[c].def);
	}
	s->nrows[container] = n + 1;
	s->fresh = false;
	return n;
}

void sub_del_row(struct sub *s, int container, int row)
{
	const struct form *f = s->f;
	size_t k = 0;

	if (container < 0 || f->fields[container].type != FIELD_REPEAT || row < 0 ||
	    row >= s->nrows[container])
		return;
	for (size_t c = 0; c < f->nfields; c++) {
		if (f->fields[c].container != container)
			continue;
		free(s->cell[c][row]);
		memmove(&s->cell[c][row], &s->cell[c][row + 1],
			(size_t)(s->nrows[container] - row - 1) * sizeof **s->cell);
	}
	s->nrows[container]--;
	s->fresh = false;
	/* reasons of that row go; those of later rows move up */
	for (size_t i = 0; i < s->nreasons; i++) {
		struct reason *rs = &s->reasons[i];
		if (f->fields[rs->field].container == container && rs->row == row) {
			free(rs->text);
			continue;
		}
		if (f->fields[rs->field].container == container && rs->row > row)
			rs->row--;
		s->reasons[k++] = *rs;
	}
	s->nreasons = k;
}

/* ---- values ---- */

static char **slot(struct sub *s, int field, int row)
{
	const struct form *f = s->f;
	if (field < 0 || (size_t)field >= f->nfields || !form_field_has_value(&f->fields[field]))
		return NULL;
	if (is_column(f, field)) {
		int k = f->fields[field].container;
		if (row < 0 || row >= s->nrows[k])
			return NULL;
		return &s->cell[field][row];
	}
	return row < 0 ? &s->val[field] : NULL;
}

const char *sub_get(const struct sub *s, int field, int row)
{
	char **p = slot((struct sub *)s, field, row);
	return p ? *p : NULL;
}

static const char *trim(const char *in, char *buf, size_t size)
{
	size_t n;
	while (*in == ' ' || *in == '\t')
		in++;
	/* what snprintf("%s") would keep: at most SIZE - 1 bytes */
	n = strnlen(in, size - 1);
	memcpy(buf, in, n);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t' || buf[n - 1] == '\n' ||
			 buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return buf;
}

/* A stored (canonical) number: "12.5". What people type is read by
 * num_read (num.h), once, in canonical(). */
static bool parse_decimal(const char *t, double *out)
{
	char buf[64], *end;
	size_t n = strlen(t);

	if (n == 0 || n >= sizeof buf)
		return false;
	for (size_t i = 0; i <= n; i++)
		buf[i] = t[i] == ',' ? '.' : t[i];
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)buf[i]) && buf[i] != '.' && !(i == 0 && buf[i] == '-'))
			return false;
	*out = strtod(buf, &end);
	return *end == '\0' && isfinite(*out) && fabs(*out) < 1e15;
}

/* Dates and times of day as typed: the one reader (cal.h date_read,
 * time_read), shared with the incident and request prompts. */
static bool parse_date(const char *t, long *day)
{
	return date_read(t, day);
}

/* Canonical "HH:MM". */
static bool parse_time(const char *t, char out[6])
{
	int minute;

	if (!time_read(t, &minute))
		return false;
	out[0] = (char)('0' + minute / 600);
	out[1] = (char)('0' + minute / 60 % 10);
	out[2] = ':';
	out[3] = (char)('0' + minute % 60 / 10);
	out[4] = (char)('0' + minute % 10);
	out[5] = '\0';
	return true;
}

static const struct form_list *list_of(const struct form *f, int field)
{
	int l = f->fields[field].list;
	return l >= 0 ? &f->lists[l] : NULL;
}

static int choice_index(const struct form_list *l, const char *word, size_t len)
{
	for (size_t i = 0; i < l->nchoices; i++)
		if (strlen(l->choices[i].value) == len && strncmp(l->choices[i].value, word, len) == 0)
			return (int)i;
	for (size_t i = 0; i < l->nchoices; i++)
		if (strlen(l->choices[i].label) == len && strncmp(l->choices[i].label, word, len) == 0)
			return (int)i;
	return -1;
}

/* Is T a whole number as format_number writes one ("0", "-12", at most 15
 * digits, no leading zero, no "-0")? Then it is its own canonical text. */
static bool plain_integer(const char *t)
{
	size_t n;

	if (strcmp(t, "0") == 0)
		return true;
	t += *t == '-';
	if (*t < '1' || *t > '9')
		return false;
	for (n = 0; t[n] >= '0' && t[n] <= '9'; n++)
		;
	return t[n] == '\0' && n <= 15;
}

static char *format_number(double x)
{
	char buf[64];
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(buf, sizeof buf, "%.0f", x == 0 ? 0.0 : x);
	else
		snprintf(buf, sizeof buf, "%.10g", x);
	return xstrdup(buf);
}

/* The canonical text for TEXT typed into FIELD (or, STORED, already
 * canonical: "1.234" a decimal read back), or NULL with *CAUSE. */
static char *canonical(const struct form *f, int field, const char *text, bool stored,
		       char **cause)
{
	const struct form_field *fd = &f->fields[field];
	double x;
	long day;
	char d[16];

	/* a stored whole number, already as format_number writes it */
	if (stored && (fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL) &&
	    plain_integer(text))
		return xstrdup(text);
	switch (fd->type) {
	case FIELD_INTEGER:
		if (!(stored && num_canonical(text, &x) && x == floor(x)) &&
		    num_read(text, true, &x, cause) != ERR_OK)
			return NULL;
		return format_number(x);
	case FIELD_DECIMAL:
		if (!(stored && num_canonical(text, &x)) &&
		    num_read(text, false, &x, cause) != ERR_OK)
			return NULL;
		return format_number(x);
	case FIELD_DATE:
		if (!parse_date(text, &day)) {
			err_set(cause, ERR_INVALID, TR("\"%s\" không phải ngày (ngày/tháng/năm, ví dụ "
						       "23/11/2026)", "\"%s\" is not a date (e.g. 2026-11-23)"),
				text_quote(text));
			return NULL;
		}
		return xstrdup(date_format(day, d, sizeof d));
	case FIELD_TIME:
		if (!parse_time(text, d)) {
			err_set(cause, ERR_INVALID, TR("\"%s\" không phải giờ (giờ:phút, ví dụ 14:30)",
						       "\"%s\" is not a time of day (e.g. 14:30)"), text_quote(text));
			return NULL;
		}
		return xstrdup(d);
	case FIELD_SELECT_ONE: {
		const struct form_list *l = list_of(f, field);
		int c = choice_index(l, text, strlen(text));
		if (c < 0) {
			err_set(cause, ERR_INVALID, TR("\"%s\" không có trong danh sách lựa chọn",
						       "\"%s\" is not one of the choices"), text_quote(text));
			return NULL;
		}
		return xstrdup(l->choices[c].value);
	}
	case FIELD_SELECT_MULTIPLE: {
		const struct form_list *l = list_of(f, field);
		bool *on = xcalloc(l->nchoices + 1, sizeof *on);
		size_t len = 0;
		char *out;
		const char *p = text;
		while (*p) {
			const char *e;
			int c;
			while (*p == ' ' || *p == ',')
				p++;
			if (!*p)
				break;
			e = p;
			while (*e && *e != ' ' && *e != ',')
				e++;
			c = choice_index(l, p, (size_t)(e - p));
			if (c < 0) {
				err_set(cause, ERR_INVALID, TR("\"%.*s\" không có trong danh sách lựa chọn",
							       "\"%.*s\" is not one of the choices"),
					(int)(e - p), p);
				free(on);
				return NULL;
			}
			on[c] = true;
			p = e;
		}
		for (size_t i = 0; i < l->nchoices; i++)
			if (on[i])
				len += strlen(l->choices[i].value) + 1;
		out = xcalloc(len + 1, 1);
		for (size_t i = 0; i < l->nchoices; i++)
			if (on[i]) {
				if (*out)
					strcat(out, " ");
				strcat(out, l->choices[i].value);
			}
		free(on);
		if (*out == '\0') {
			free(out);
			return xstrdup("");
		}
		return out;
	}
	case FIELD_TEXT:
		if (!text_valid(text)) {
			err_set(cause, ERR_INVALID, "%s", TR("văn bản có ký tự không hợp lệ (xuống dòng, "
							     "ký tự điều khiển)", "the text has invalid "
							     "characters (line breaks, control characters)"));
			return NULL;
		}
		return text_nfc(text);
	default:
		err_set(cause, ERR_INVALID, "%s", TR("trường này không nhập được (tính tự động)",
						     "this field cannot be typed into (it is computed)"));
		return NULL;
	}
}

/* Why S's unit cannot fill FIELD (row ROW): whose it is. Static text. */
static const char *not_ours(const struct sub *s, int field, int row)
{
	static char buf[256];
	const struct form *f = s->f;
	int k = f->fields[field].container;

	if (k >= 0 && f->fields[k].type == FIELD_GRID && row >= 0 && (size_t)row < f->fields[k].nrows) {
		char who[128];
		const struct form_row *r = &f->fields[k].rows[row];
		if (r->heading)
			return TR("dòng tiêu đề không nhận số liệu", "a heading row takes no input");
		snprintf(buf, sizeof buf, TR("đơn vị loại '%s' không nhập được dòng %s (do %s chủ trì)",
			 "a unit of kind '%s' cannot fill row %s (led by %s)"), s->kind, r->id,
			 form_row_leads(f, r, who, sizeof who));
	} else {
		snprintf(buf, sizeof buf, TR("'%s' do đơn vị loại '%s' nhập, không phải '%s'",
			 "'%s' is filled by a unit of kind '%s', not '%s'"), f->fields[field].name,
			 f->unit_kind, s->kind);
	}
	return buf;
}

void sub_set_kind(struct sub *s, const char *kind)
{
	free(s->kind);
	s->kind = kind ? xstrdup(kind) : NULL;
	s->fresh = false;
}

const char *sub_kind(const struct sub *s)
{
	return s->kind;
}

bool sub_foreign(const struct sub *s, const char *kind, char **cause)
{
	const struct form *f = s->f;

	for (size_t i = 0; kind != NULL && i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (!form_field_has_value(fd) || fd->type == FIELD_CALCULATE)
			continue;
		if (is_column(f, (int)i)) {
			for (int r = 0; r < s->nrows[fd->container]; r++)
				if (s->cell[i][r] != NULL && !form_fills(f, kind, (int)i, r)) {
					struct sub tmp = *s;
					tmp.kind = (char *)kind;
					err_set(cause, ERR_INVALID, "%s", not_ours(&tmp, (int)i, r));
					return true;
				}
		} else if (s->val[i] != NULL && !form_fills(f, kind, (int)i, -1)) {
			struct sub tmp = *s;
			tmp.kind = (char *)kind;
			err_set(cause, ERR_INVALID, "%s", not_ours(&tmp, (int)i, -1));
			return true;
		}
	}
	return false;
}

enum err sub_set(struct sub *s, int field, int row, const char *text, char **cause)
{
	char **p = slot(s, field, row);
	char buf[SUB_MAX_VALUE + 1];
	char *v;

	if (p != NULL && s->f->fields[field].type == FIELD_CALCULATE)
		return err_set(cause, ERR_INVALID, "%s", TR("trường này không nhập được (tính tự "
							    "động)", "this field cannot be typed into "
							    "(it is computed)"));
	if (p == NULL)
		return err_set(cause, ERR_INVALID, "%s", TR("không có ô này để nhập",
							    "there is no such cell to fill"));
	if (!form_fills(s->f, s->kind, field, row))
		return err_set(cause, ERR_INVALID, "%s", not_ours(s, field, row));
	if (text == NULL || strlen(text) > SUB_MAX_VALUE) {
		if (text != NULL)
			return err_set(cause, ERR_INVALID, TR("giá trị dài quá %d byte",
							      "value longer than %d bytes"),
				       SUB_MAX_VALUE);
		trim("", buf, sizeof buf);
	} else {
		trim(text, buf, sizeof buf);
	}
	if (buf[0] == '\0') {
		free(*p);
		*p = NULL;
		s->fresh = false;
		return ERR_OK;
	}
	v = canonical(s->f, field, buf, s->stored_in, cause);
	if (v == NULL)
		return ERR_INVALID;
	if (*v == '\0') {
		free(v);
		v = NULL;
	}
	free(*p);
	*p = v;
	s->fresh = false;
	return ERR_OK;
}

struct val sub_value(const struct sub *s, int field, int row)
{
	const struct form_field *fd = &s->f->fields[field];
	struct val v = { VAL_EMPTY, 0, NULL };
	const char *t;
	double x;
	long d;

	if (is_container(fd)) {
		if (row >= 0 && row < s->nrows[field]) {
			v.type = VAL_NUM;
			v.num = 1;
		}
		return v;
	}
	t = sub_get(s, field, row);
	if (t == NULL)
		return v;
	switch (fd->type) {
	case FIELD_INTEGER:
	case FIELD_DECIMAL:
		if (parse_decimal(t, &x)) {
			v.type = VAL_NUM;
			v.num = x;
		}
		return v;
	case FIELD_DATE:
		if (date_parse(t, &d)) {
			v.type = VAL_DATE;
			v.num = (double)d;
		}
		return v;
	case FIELD_CALCULATE:
		if (parse_decimal(t, &x)) {
			v.type = VAL_NUM;
			v.num = x;
			return v;
		}
		if (date_parse(t, &d)) {
			v.type = VAL_DATE;
			v.num = (double)d;
			return v;
		}
		v.type = VAL_TEXT;
		v.text = t;
		return v;
	default:
		v.type = VAL_TEXT;
		v.text = t;
		return v;
	}
}

/* ---- evaluation ---- */

static struct val env_get(void *data, int field, int row, bool previous)
{
	const struct sub *s = data;
	struct val none = { VAL_EMPTY, 0, NULL };

	if (previous) {
		if (s->prev == NULL || s->prev->f != s->f)
			return none;
		s = s->prev;
	}
	return sub_value(s, field, row);
}

static int env_rows(void *data, int field, bool previous)
{
	const struct sub *s = data;
	const struct form *f = s->f;
	int k = is_container(&f->fields[field]) ? field : f->fields[field].container;

	if (previous) {
		if (s->prev == NULL || s->prev->f != s->f)
			return 0;
		s = s->prev;
	}
	return k >= 0 ? s->nrows[k] : 0;
}

static struct val eval(struct sub *s, const struct expr *e, int field, int row)
{
	struct expr_env env = { s, env_get, env_rows, { VAL_EMPTY, 0, NULL }, row, s->today };

	if (field >= 0 && form_field_has_value(&s->f->fields[field]))
		env.self = sub_value(s, field, row);
	return expr_eval(e, &env, &s->arena);
}

static void set_calc(struct sub *s, int field, int row, struct val v)
{
	char buf[SUB_MAX_VALUE + 1];
	char **p = slot(s, field, row);

	if (p == NULL)
		return;
	free(*p);
	*p = NULL;
	if (v.type == VAL_EMPTY)
		return;
	if (v.type == VAL_BOOL) {
		*p = xstrdup(v.num != 0 ? "1" : "0");
		return;
	}
	val_format(v, buf, sizeof buf);
	if (buf[0])
		*p = xstrdup(buf);
}

void sub_recalc(struct sub *s)
{
	/* with a previous period, its values may have changed under us (it is
	 * the caller's too): always recalculate then */
	if (s->fresh && s->prev == NULL)
		return;
	for (size_t i = 0; i < s->norder; i++) {
		int f = s->order[i];
		const struct form_field *fd = &s->f->fields[f];
		if (is_column(s->f, f)) {
			for (int r = 0; r < s->nrows[fd->container]; r++)
				set_calc(s, f, r, eval(s, fd->calculation, f, r));
		} else {
			set_calc(s, f, -1, eval(s, fd->calculation, f, -1));
		}
	}
	expr_arena_free(&s->arena);
	s->fresh = true;
}

bool sub_relevant(const struct sub *s, int field, int row)
{
	const struct form *f = s->f;
	struct sub *m = (struct sub *)s;

	if (!form_field_in_report(f, field, s->report))
		return false;
	/* what another unit fills is not this one's to check (plan.h); a task
	 * table is shown to a unit that only helps on rows of it */
	if (s->kind != NULL && !(f->fields[field].type == FIELD_GRID
	    ? form_shows(f, s->kind, field, -1)
	    : form_fills(f, s->kind, field, is_column(f, field) ? row : -1)))
		return false;
	if (is_column(f, field)) {
		const struct form_field *k = &f->fields[f->fields[field].container];
		if (k->type == FIELD_GRID && row >= 0 && (size_t)row < k->nrows &&
		    !(k->rows[row].reports & (1u << s->report)))
			return false;
	}
	for (int i = field; i >= 0; i = f->fields[i].parent) {
		const struct form_field *fd = &f->fields[i];
		bool known, yes;
		if (fd->relevant == NULL)
			continue;
		yes = val_truth(eval(m, fd->relevant, -1, is_column(f, i) ? row : -1), &known);
		/* shown only when the condition holds: "${x} > 0" hides the field
		 * until x is known */
		if (!known || !yes) {
			expr_arena_free(&m->arena);
			return false;
		}
	}
	expr_arena_free(&m->arena);
	return true;
}

bool sub_copy_previous(struct sub *s, int field)
{
	const struct form *f = s->f;
	bool any = false;

	if (s->prev == NULL || s->prev->f != f || !form_field_has_value(&f->fields[field]) ||
	    f->fields[field].type == FIELD_CALCULATE)
		return false;
	s->fresh = false;
	if (is_column(f, field)) {
		int k = f->fields[field].container;
		for (int r = 0; r < s->nrows[k] && r < s->prev->nrows[k]; r++) {
			const char *t = s->prev->cell[field][r];
			free(s->cell[field][r]);
			s->cell[field][r] = t ? xstrdup(t) : NULL;
			any |= t != NULL;
		}
		return any;
	}
	if (s->prev->val[field] == NULL)
		return false;
	free(s->val[field]);
	s->val[field] = xstrdup(s->prev->val[field]);
	return true;
}

/* ---- reasons ---- */

static struct reason *find_reason(const struct sub *s, int field, int row, int warn)
{
	for (size_t i = 0; i < s->nreasons; i++)
		if (s->reasons[i].field == field && s->reasons[i].row == row &&
		    s->reasons[i].warn == warn)
			return &s->reasons[i];
	return NULL;
}

const char *sub_reason(const struct sub *s, int field, int row, int warn)
{
	struct reason *r = find_reason(s, field, row, warn);
	return r ? r->text : NULL;
}

void sub_set_reason(struct sub *s, int field, int row, int warn, const char *reason)
{
	struct reason *r = find_reason(s, field, row, warn);
	char buf[SUB_MAX_VALUE + 1];

	trim(reason ? reason : "", buf, sizeof buf);
	if (r != NULL) {
		free(r->text);
		if (buf[0] && text_valid(buf)) {
			r->text = text_nfc(buf);
			return;
		}
		*r = s->reasons[--s->nreasons];
		return;
	}
	if (!buf[0] || !text_valid(buf))
		return;
	s->reasons = xreallocarray(s->reasons, s->nreasons + 1, sizeof *s->reasons);
	s->reasons[s->nreasons++] = (struct reason){ field, row, warn, text_nfc(buf) };
}

/* ---- checks ---- */

struct issues {
	struct sub_issue *v;
	size_t n;
};

static void issue(struct issues *is, int field, int row, enum sub_severity sev, int warn,
		  bool confirmed, char *message)
{
	is->v = xreallocarray(is->v, is->n + 1, sizeof *is->v);
	is->v[is->n++] = (struct sub_issue){ field, row, sev, warn, confirmed, message };
}

static void check_cell(struct sub *s, struct issues *is, int field, int row)
{
	const struct form_field *fd = &s->f->fields[field];
	const char *t = sub_get(s, field, row);
	char a[32], b[32];

	if (t == NULL) {
		if (fd->required)
			issue(is, field, row, SUB_ERROR, -1, false,
			      xstrdup(TR("bắt buộc phải nhập", "required")));
	} else {
		struct val v = sub_value(s, field, row);
		if (v.type == VAL_NUM && ((fd->has_min && v.num < fd->min) ||
					  (fd->has_max && v.num > fd->max))) {
			struct val lo = { VAL_NUM, fd->min, NULL }, hi = { VAL_NUM, fd->max, NULL };
			val_format(lo, a, sizeof a);
			val_format(hi, b, sizeof b);
			issue(is, field, row, SUB_ERROR, -1, false,
			      fd->has_min && fd->has_max
			      ? xasprintf(TR("phải từ %s đến %s", "must be from %s to %s"), a, b)
			      : fd->has_min ? xasprintf(TR("không được nhỏ hơn %s", "must be at least %s"), a)
			      : xasprintf(TR("không được lớn hơn %s", "must be at most %s"), b));
		}
		if (fd->type == FIELD_INTEGER && v.type == VAL_NUM && v.num != floor(v.num))
			issue(is, field, row, SUB_ERROR, -1, false,
			      xstrdup(TR("phải là số nguyên", "must be a whole number")));
		if (fd->past && v.type == VAL_DATE && (long)v.num > s->today)
			issue(is, field, row, SUB_ERROR, -1, false,
			      xstrdup(TR("không được sau hôm nay", "cannot be after today")));
		if (fd->constraint != NULL) {
			bool known, ok = val_truth(eval(s, fd->constraint, field, row), &known);
			if (known && !ok)
				issue(is, field, row, SUB_ERROR, -1, false,
				      fd->constraint_message ? xstrdup(fd->constraint_message)
				      : xasprintf(TR("không thỏa điều kiện %s", "does not satisfy %s"),
						  expr_source(fd->constraint)));
		}
	}
	for (size_t w = 0; w < fd->nwarns; w++) {
		bool known, ok = val_truth(eval(s, fd->warns[w].expr, field, row), &known);
		if (known && !ok)
			issue(is, field, row, SUB_WARNING, (int)w,
			      sub_reason(s, field, row, (int)w) != NULL,
			      xstrdup(fd->warns[w].message ? fd->warns[w].message : ""));
	}
	expr_arena_free(&s->arena);
}

size_t sub_check(struct sub *s, struct sub_issue **out)
{
	const struct form *f = s->f;
	struct issues is = { NULL, 0 };

	sub_recalc(s);
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (!form_field_has_value(fd))
			continue;
		if (is_column(f, (int)i)) {
			for (int r = 0; r < s->nrows[fd->container]; r++)
				if (sub_relevant(s, (int)i, r))
					check_cell(s, &is, (int)i, r);
		} else if (sub_relevant(s, (int)i, -1)) {
			check_cell(s, &is, (int)i, -1);
		}
	}
	*out = is.v;
	return is.n;
}

void sub_issues_free(struct sub_issue *issues, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(issues[i].message);
	free(issues);
}

void sub_count(const struct sub_issue *issues, size_t n, size_t *errors, size_t *unconfirmed)
{
	*errors = *unconfirmed = 0;
	for (size_t i = 0; i < n; i++) {
		if (issues[i].severity == SUB_ERROR)
			(*errors)++;
		else if (!issues[i].confirmed)
			(*unconfirmed)++;
	}
}

/* ---- JSON ---- */

static const char *row_key(const struct form *f, int container, int row, char *buf, size_t size)
{
	const struct form_field *k = &f->fields[container];
	if (k->type == FIELD_GRID)
		return k->rows[row].id;
	snprintf(buf, size, "%d", row + 1);
	return buf;
}

/*
 * The saved form is written straight into a buffer, byte for byte what
 * jansson writes for the same tree (JSON_COMPACT, members in order):
 * building the tree and dumping it was a third of an import's checks.
 * Strings of plain printable ASCII are copied between quotes; any other
 * (escapes, UTF-8) is written by jansson itself. A member whose string
 * jansson would refuse (not UTF-8) is left out, as json_object_set_new
 * leaves it out of the tree; check-sub.c compares the two.
 */
static void put(struct buf *b, const char *p, size_t n)
{
	if (buf_add(b, p, n) != 0)	/* no cap: only memory, and xrealloc aborts */
		abort();
}

/* V as a JSON string; false (nothing written) if it is not UTF-8. */
static bool put_string(struct buf *b, const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	bool high = false;
	json_t *j;
	char *t;

	/* what jansson copies as it is (it escapes only quotes, backslashes
	 * and controls below 0x20): copied here too, once the text is known to
	 * be valid UTF-8 (else jansson decides) */
	while (*p >= 0x20 && *p != '"' && *p != '\\') {
		high |= *p >= 0x7f;
		p++;
	}
	if (*p == '\0' && (!high || text_valid(v))) {
		put(b, "\"", 1);
		put(b, v, (size_t)((const char *)p - v));
		put(b, "\"", 1);
		return true;
	}
	j = json_string(v);
	if (j == NULL)
		return false;
	t = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
	json_decref(j);
	if (t == NULL)
		return false;
	put(b, t, strlen(t));
	free(t);
	return true;
}

/* Open a member KEY of an object begun at *FIRST (a comma before all but
 * the first); the caller writes the value. */
static void put_key(struct buf *b, bool *first, const char *key)
{
	if (!*first)
		put(b, ",", 1);
	*first = false;
	if (!put_string(b, key))
		abort();	/* keys are form names: ASCII (form.c name_ok) */
	put(b, ":", 1);
}

/* A member KEY: V, or nothing (B as it was) if V is not UTF-8. */
static void put_member(struct buf *b, bool *first, const char *key, const char *v)
{
	size_t len = b->len;
	bool was = *first;

	put_key(b, first, key);
	if (!put_string(b, v)) {
		b->len = len;
		b->data[len] = '\0';
		*first = was;
	}
}

char *sub_to_json(struct sub *s)
{
	const struct form *f = s->f;
	struct buf b;
	char key[32], num[32];
	bool first = true, any;

	sub_recalc(s);		/* what is saved is never stale */
	buf_init(&b, 0);
	put(&b, "{", 1);
	put_member(&b, &first, "form", f->id);
	put_key(&b, &first, "version");
	snprintf(num, sizeof num, "%d", f->version);
	put(&b, num, strlen(num));
	put_member(&b, &first, "report", f->reports[s->report].id);
	if (s->period)
		put_member(&b, &first, "period", s->period);
	/* the values, then the rows: the fields once for each */
	put_key(&b, &first, "values");
	put(&b, "{", 1);
	any = true;		/* the next member is the object's first */
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (!is_container(fd) && !is_column(f, (int)i) && s->val[i] != NULL)
			put_member(&b, &any, fd->name, s->val[i]);
	}
	put(&b, "}", 1);
	put_key(&b, &first, "rows");
	put(&b, "{", 1);
	any = true;
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (!is_container(fd) || s->nrows[i] <= 0)
			continue;
		put_key(&b, &any, fd->name);
		put(&b, "[", 1);
		for (int r = 0; r < s->nrows[i]; r++) {
			bool rf = true;
			if (r > 0)
				put(&b, ",", 1);
			put(&b, "{", 1);
			if (fd->type == FIELD_GRID)
				put_member(&b, &rf, "_row", fd->rows[r].id);
			for (size_t c = 0; c < f->nfields; c++)
				if (f->fields[c].container == (int)i && s->cell[c][r] != NULL)
					put_member(&b, &rf, f->fields[c].name, s->cell[c][r]);
			put(&b, "}", 1);
		}
		put(&b, "]", 1);
	}
	put(&b, "}", 1);
	put_key(&b, &first, "reasons");
	put(&b, "[", 1);
	any = false;
	for (size_t i = 0; i < s->nreasons; i++) {
		const struct reason *r = &s->reasons[i];
		size_t len = b.len;
		bool rf = true;

		/* one that jansson could not pack (a text not UTF-8) is left out */
		if (any)
			put(&b, ",", 1);
		put(&b, "{", 1);
		put_key(&b, &rf, "field");
		if (!put_string(&b, f->fields[r->field].name))
			abort();
		put_key(&b, &rf, "warn");
		snprintf(num, sizeof num, "%d", r->warn);
		put(&b, num, strlen(num));
		put_key(&b, &rf, "reason");
		if (!put_string(&b, r->text)) {
			b.len = len;
			b.data[len] = '\0';
			continue;
		}
		if (r->row >= 0)
			put_member(&b, &rf, "row", row_key(f, f->fields[r->field].container, r->row,
			    key, sizeof key));
		put(&b, "}", 1);
		any = true;
	}
	put(&b, "]}", 2);
	return buf_detach(&b, NULL);
}

/* A JSON scalar as text: strings as they are, numbers as written. */
static bool json_text(json_t *v, char *buf, size_t size, const char **out)
{
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return true;
	}
	if (json_is_integer(v)) {
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*out = buf;
		return true;
	}
	if (json_is_real(v)) {
		snprintf(buf, size, "%.10g", json_real_value(v));
		*out = buf;
		return true;
	}
	if (json_is_null(v)) {
		*out = "";
		return true;
	}
	return false;
}

static bool set_from_json(struct sub *s, int field, int row, json_t *v, char **cause)
{
	char num[64], *why = NULL;
	const char *t;
	enum err e;
	bool in;

	if (s->f->fields[field].type == FIELD_CALCULATE)
		return true;	/* recomputed, never trusted */
	if (!json_text(v, num, sizeof num, &t)) {
		err_set_at(cause, ERR_INVALID, s->f->fields[field].name, "%s", TR("giá trị phải là chữ hoặc số",
					       "the value must be text or a number"));
		return false;
	}
	/* a JSON number's dot is a decimal point, never thousands */
	in = s->stored_in;
	s->stored_in = in || json_is_number(v);
	e = sub_set(s, field, row, t, &why);
	s->stored_in = in;
	if (e != ERR_OK) {
		err_set_at(cause, ERR_INVALID, s->f->fields[field].name, "%s", why);
		free(why);
		return false;
	}
	return true;
}

/* The field named NAME, or -1: form_field_index, looking first from *NEXT
 * on (and setting it past the one found). The keys of a saved submission
 * come in the form's order, so each is found at the first compare instead
 * of after all the fields before it (names are unique: form_load). */
static int field_from(const struct form *f, const char *name, size_t *next)
{
	for (size_t n = 0; n < f->nfields; n++) {
		size_t i = *next + n < f->nfields ? *next + n : *next + n - f->nfields;
		if (f->fields[i].name && strcmp(f->fields[i].name, name) == 0) {
			*next = i + 1 < f->nfields ? i + 1 : 0;
			return (int)i;
		}
	}
	return -1;
}

static int grid_row(const struct form_field *k, const char *id)
{
	for (size_t r = 0; r < k->nrows; r++)
		if (strcmp(k->rows[r].id, id) == 0)
			return (int)r;
	return -1;
}

static bool rows_from_json(struct sub *s, int k, json_t *arr, bool strict, char **cause)
{
	const struct form *f = s->f;
	const struct form_field *kd = &f->fields[k];
	size_t i, next;
	json_t *ro;

	if (!json_is_array(arr)) {
		err_set(cause, ERR_INVALID, TR("'%s' phải là một danh sách dòng",
					       "'%s' must be a list of rows"), kd->name);
		return false;
	}
	json_array_foreach(arr, i, ro) {
		const char *key;
		json_t *v;
		int row;

		if (!json_is_object(ro)) {
			err_set_at(cause, ERR_INVALID, kd->name, TR("dòng %zu phải là một đối tượng",
						       "row %zu must be an object"), i + 1);
			return false;
		}
		if (kd->type == FIELD_GRID) {
			json_t *id = json_object_get(ro, "_row");
			row = json_is_string(id) ? grid_row(kd, json_string_value(id))
			      : (i < kd->nrows ? (int)i : -1);
			if (row < 0) {
				if (strict) {
					err_set_at(cause, ERR_INVALID, kd->name, TR("không có dòng %s",
								       "no row %s"),
						json_is_string(id) ? json_string_value(id) : "?");
					return false;
				}
				continue;
			}
		} else {
			row = sub_add_row(s, k);
			if (row < 0) {
				err_set_at(cause, ERR_INVALID, kd->name, TR("quá %d dòng", "more than %d rows"),
					SUB_MAX_ROWS);
				return false;
			}
		}
		next = (size_t)k + 1 < f->nfields ? (size_t)k + 1 : 0;
		json_object_foreach(ro, key, v) {
			int c;
			if (strcmp(key, "_row") == 0)
				continue;
			c = field_from(f, key, &next);
			if (c < 0 || f->fields[c].container != k) {
				if (strict) {
					err_set(cause, ERR_INVALID, TR("'%s' không có cột '%s'",
								       "'%s' has no column '%s'"),
						kd->name, text_quote(key));
					return false;
				}
				continue;
			}
			if (!set_from_json(s, c, row, v, cause))
				return false;
		}
	}
	return true;
}

struct sub *sub_from_json(const struct form *f, int report, const char *period,
			  const char *text, bool strict, char **cause)
{
	json_error_t jerr;
	json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	struct sub *s;

	if (root == NULL) {
		err_set(cause, ERR_INVALID, TR("JSON sai ở dòng %d cột %d: %s",
					       "bad JSON at line %d column %d: %s"),
			jerr.line, jerr.column, jerr.text);
		return NULL;
	}
	s = sub_from_json_value(f, report, period, root, strict, cause);
	json_decref(root);
	return s;
}

struct sub *sub_from_json_value(const struct form *f, int report, const char *period,
				struct json_t *root, bool strict, char **cause)
{
	json_t *vals, *rows, *v;
	struct sub *s;
	const char *key;
	size_t next = 0;
	bool full;

	if (!json_is_object(root)) {
		err_set(cause, ERR_INVALID, "%s", TR("JSON phải là một đối tượng {...}",
						     "the JSON must be an object {...}"));
		return NULL;
	}
	s = sub_new(f, report, period);
	vals = json_object_get(root, "values");
	full = json_is_object(vals);
	/* sub_to_json's form ("values"): canonical, "1.234" a decimal as
	 * stored; the plain form is what a person wrote (num.h) */
	s->stored_in = full;
	if (!full)
		vals = root;
	json_object_foreach(vals, key, v) {
		int i = field_from(f, key, &next);
		if (i < 0 || (full && !form_field_has_value(&f->fields[i]) &&
			      !is_container(&f->fields[i]))) {
			if (strict && !(full == false && (strcmp(key, "reasons") == 0))) {
				err_set(cause, ERR_INVALID, TR("không có trường '%s'", "no field '%s'"), text_quote(key));
				goto fail;
			}
			continue;
		}
		if (is_container(&f->fields[i])) {
			if (!rows_from_json(s, i, v, strict, cause))
				goto fail;
			continue;
		}
		if (is_column(f, i) || !form_field_has_value(&f->fields[i])) {
			if (strict) {
				err_set(cause, ERR_INVALID, TR("'%s' không nhập trực tiếp được",
							       "'%s' cannot be given directly"), text_quote(key));
				goto fail;
			}
			continue;
		}
		if (!set_from_json(s, i, -1, v, cause))
			goto fail;
	}
	rows = full ? json_object_get(root, "rows") : NULL;
	if (json_is_object(rows)) {
		json_object_foreach(rows, key, v) {
			int k = field_from(f, key, &next);
			if (k < 0 || !is_container(&f->fields[k])) {
				if (strict) {
					err_set(cause, ERR_INVALID, TR("không có bảng '%s'", "no grid '%s'"),
						text_quote(key));
					goto fail;
				}
				continue;
			}
			if (!rows_from_json(s, k, v, strict, cause))
				goto fail;
		}
	}
	v = json_object_get(root, "reasons");
	if (json_is_array(v)) {
		size_t i;
		json_t *jr;
		json_array_foreach(v, i, jr) {
			json_t *fld = json_object_get(jr, "field"), *w = json_object_get(jr, "warn");
			json_t *rr = json_object_get(jr, "reason"), *row = json_object_get(jr, "row");
			int fi = json_is_string(fld) ? form_field_index(f, json_string_value(fld)) : -1;
			int r = -1;
			if (fi < 0 || !json_is_integer(w) || !json_is_string(rr))
				continue;
			if (is_column(f, fi)) {
				const struct form_field *k = &f->fields[f->fields[fi].container];
				if (!json_is_string(row))
					continue;
				r = k->type == FIELD_GRID ? grid_row(k, json_string_value(row))
				    : atoi(json_string_value(row)) - 1;
				if (r < 0 || r >= s->nrows[f->fields[fi].container])
					continue;
			}
			if (json_integer_value(w) < 0 ||
			    (size_t)json_integer_value(w) >= f->fields[fi].nwarns)
				continue;
			sub_set_reason(s, fi, r, (int)json_integer_value(w), json_string_value(rr));
		}
	}
	s->stored_in = false;	/* from now on, what is typed */
	sub_recalc(s);
	return s;
fail:
	sub_free(s);
	return NULL;
}

struct val sub_eval(struct sub *s, const struct expr *e, struct expr_arena **arena)
{
	struct expr_env env = { s, env_get, env_rows, { VAL_EMPTY, 0, NULL }, -1, s->today };

	return expr_eval(e, &env, arena);
}

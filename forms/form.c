/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form: load and check a form definition (see form.h and FORMAT.md).
 *
 * Loading runs in passes over the YAML tree, collecting errors rather than
 * stopping at the first:
 *
 *   1. header keys (form, version, title, unit, source), reports, choices;
 *   2. fields, depth first, into a flat pre-order array; names are checked
 *      for syntax and uniqueness, keys for spelling and type; expressions
 *      are only remembered;
 *   3. expressions compiled, now that every name resolves;
 *   4. whole-form rules: fields an expression reads must be filled in the
 *      same reports; calculations may not depend on themselves.
 *
 * Any error in any pass and the form is freed: nothing half-loads.
 */
#include "form.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "plan.h"
#include "ytree.h"

struct error {
	int line, col;
	size_t seq;
	char *msg;
};

enum pend_kind { P_CONSTRAINT, P_RELEVANT, P_CALCULATION, P_WARN, P_ALERT };

struct pending {
	enum pend_kind kind;
	const struct ynode *node;
	int field;		/* or alert index */
	size_t idx;		/* warn index */
};

struct ratio_pending {
	int field;
	const struct ynode *node;
	char *num, *den;
};

struct rtarget_pending {
	struct form_row *row;
	size_t k;		/* the row's target */
	const struct ynode *node;	/* its `column:` */
};

struct loader {
	const char *path;
	struct rtarget_pending *rtargets;
	size_t nrtargets;
	struct form *f;
	struct error *errs;
	size_t nerrs;
	struct pending *pend;
	size_t npend;
	struct ratio_pending *ratios;
	size_t nratios;
	struct error *notes;	/* warnings: the form loads, forms check says them */
	size_t nnotes;
};

static const char *const type_names[] = {
	[FIELD_INTEGER] = "integer", [FIELD_DECIMAL] = "decimal", [FIELD_TEXT] = "text",
	[FIELD_DATE] = "date", [FIELD_TIME] = "time", [FIELD_SELECT_ONE] = "select_one",
	[FIELD_SELECT_MULTIPLE] = "select_multiple", [FIELD_NOTE] = "note",
	[FIELD_CALCULATE] = "calculate", [FIELD_GROUP] = "group",
	[FIELD_REPEAT] = "repeat", [FIELD_GRID] = "grid",
};

const char *form_field_type_name(enum field_type t)
{
	return type_names[t];
}

static void error_at(struct loader *L, int line, int col, const char *fmt, ...)
{
	va_list ap;
	struct error *e;

	L->errs = xreallocarray(L->errs, L->nerrs + 1, sizeof *L->errs);
	e = &L->errs[L->nerrs];
	e->line = line;
	e->col = col;
	e->seq = L->nerrs++;
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

#define ERR(L, n, ...) error_at((L), (n)->line, (n)->col, __VA_ARGS__)

static size_t chars(const char *s, const char *p);

/* A warning: the definition loads, `forms check` shows it. */
static void note_at(struct loader *L, int line, int col, const char *fmt, ...)
{
	va_list ap;
	struct error *e;

	L->notes = xreallocarray(L->notes, L->nnotes + 1, sizeof *L->notes);
	e = &L->notes[L->nnotes];
	e->line = line;
	e->col = col;
	e->seq = L->nnotes++;
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

/* ---- scalar helpers ---- */

static const char *scalar(struct loader *L, const struct ynode *n, const char *key)
{
	if (n->kind != YNODE_SCALAR) {
		ERR(L, n, TR("'%s' phải là một giá trị đơn (chữ hoặc số)",
			     "'%s' must be a single value (text or number)"), key);
		return NULL;
	}
	return n->str;
}

static char *text_of(struct loader *L, const struct ynode *n, const char *key)
{
	const char *s = scalar(L, n, key);
	if (s == NULL)
		return NULL;
	if (!(n->block ? text_valid_lines(s) : text_valid(s))) {
		ERR(L, n, TR("'%s' không phải văn bản UTF-8 hợp lệ",
			     "'%s' is not valid UTF-8 text"), key);
		return NULL;
	}
	return text_nfc(s);
}

static bool int_of(struct loader *L, const struct ynode *n, const char *key, long min,
		   long max, long *out)
{
	const char *s = scalar(L, n, key);
	char *end;
	long v;

	if (s == NULL)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (n->quoted || *s == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		ERR(L, n, TR("'%s' phải là số nguyên từ %ld đến %ld",
			     "'%s' must be a whole number from %ld to %ld"), key, min, max);
		return false;
	}
	*out = v;
	return true;
}

static bool num_of(struct loader *L, const struct ynode *n, const char *key, double *out)
{
	const char *s = scalar(L, n, key);
	char *end;
	double v;

	if (s == NULL)
		return false;
	v = strtod(s, &end);
	if (n->quoted || *s == '\0' || *end != '\0' || !isfinite(v)) {
		ERR(L, n, TR("'%s' phải là một số", "'%s' must be a number"), key);
		return false;
	}
	*out = v;
	return true;
}

static bool bool_of(struct loader *L, const struct ynode *n, const char *key, bool *out)
{
	const char *s = scalar(L, n, key);

	if (s == NULL)
		return false;
	if (!n->quoted && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)) {
		*out = true;
		return true;
	}
	if (!n->quoted && (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)) {
		*out = false;
		return true;
	}
	ERR(L, n, TR("'%s' phải là true hoặc false", "'%s' must be true or false"), key);
	return false;
}

/* Ids and names: lower-case ASCII letters, digits, '-' and '_', starting
 * with a letter. */
static bool name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

static char *name_of(struct loader *L, const struct ynode *n, const char *key, size_t max)
{
	const char *s = scalar(L, n, key);
	if (s == NULL)
		return NULL;
	if (!name_ok(s, max)) {
		char *slug = text_slug(s);	/* "thôn" -> "thon" */
		ERR(L, n, TR("'%s' phải gồm chữ thường không dấu, số, '-' hoặc '_', bắt đầu bằng "
			     "một chữ, tối đa %zu ký tự: \"%s\"%s%s%s",
			     "'%s' must be lower-case ASCII letters, digits, '-' or '_', starting "
			     "with a letter, at most %zu characters: \"%s\"%s%s%s"), key, max, s,
		    slug && name_ok(slug, max) ? TR("; có phải '", "; did you mean '") : "",
		    slug && name_ok(slug, max) ? slug : "", slug && name_ok(slug, max) ? "'?" : "");
		free(slug);
		return NULL;
	}
	return xstrdup(s);
}

/* Edit distance (insertions, deletions, substitutions, and swaps of two
 * neighbours) between A and B, stopping at 9. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int d[34][34];

	if (la > 32 || lb > 32)
		return 9;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[la][lb] > 9 ? 9 : d[la][lb];
}

/* The word of WORDS (NULL-terminated) nearest to S, if near enough to be
 * what was meant: at most 1 edit for short words, 2 for longer ones. */
static const char *nearest_n(const char *s, const char *const *words, size_t n)
{
	const char *best = NULL;
	int bd = 9, limit = strlen(s) <= 4 ? 1 : 2;

	for (; n && *words; words++, n--) {
		int dd = distance(s, *words);
		if (dd < bd) {
			bd = dd;
			best = *words;
		}
	}
	return bd <= limit ? best : NULL;
}

const char *form_nearest(const char *s, const char *const *words, size_t n)
{
	return nearest_n(s, words, n);
}

static const char *nearest(const char *s, const char *const *words)
{
	return nearest_n(s, words, (size_t)-1);
}

#define PERIODS_VI "day (ngày), week (tuần), month (tháng), quarter (quý), half (nửa năm), " \
	"semester (học kỳ), year (năm), request (theo yêu cầu), incident (khi có việc)"
#define PERIODS_EN "day, week, month, quarter, half, semester, year, request, incident"

/* The period kind a misspelt or Vietnamese `period:` most likely means
 * ("quy", "Quý" -> quarter; "monthly" -> month), or NULL; *VI_NAME its
 * Vietnamese name ("quý"). */
static const char *period_meant(const char *s, const char **vi_name)
{
	static const char *const names[] = { "day", "week", "month", "quarter", "half",
		"semester", "year", "request", "incident", NULL };
	static const char *const vi_names[] = { "ngày", "tuần", "tháng", "quý", "nửa năm",
		"học kỳ", "năm", "theo yêu cầu", "khi có việc" };
	static const struct { const char *vi, *kind; } vi[] = {
		{ "ngay", "day" }, { "hang ngay", "day" }, { "tuan", "week" }, { "hang tuan", "week" },
		{ "thang", "month" }, { "hang thang", "month" }, { "quy", "quarter" },
		{ "hang quy", "quarter" }, { "nua nam", "half" }, { "6 thang", "half" },
		{ "sau thang", "half" }, { "hoc ky", "semester" }, { "nam", "year" },
		{ "hang nam", "year" }, { "yeu cau", "request" }, { "theo yeu cau", "request" },
		{ "dot xuat", "incident" }, { "su viec", "incident" }, { "su co", "incident" },
		{ "monthly", "month" }, { "weekly", "week" }, { "daily", "day" },
		{ "quarterly", "quarter" }, { "yearly", "year" }, { "annual", "year" },
		{ "annually", "year" },
	};
	char *f = text_fold(s);
	const char *hit = NULL;

	if (f == NULL)
		return NULL;
	for (char *c = f; *c; c++)
		if (*c == '-' || *c == '_')
			*c = ' ';
	for (size_t i = 0; i < sizeof vi / sizeof vi[0] && !hit; i++)
		if (strcmp(f, vi[i].vi) == 0)
			hit = vi[i].kind;
	if (hit == NULL)
		hit = nearest(f, names);
	free(f);
	for (size_t i = 0; hit && names[i]; i++)
		if (strcmp(hit, names[i]) == 0)
			*vi_name = vi_names[i];
	return hit;
}

/* "a, b, c" of WORDS into BUF. */
static const char *key_list(const char *const *words, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; *words && n + 1 < size; words++) {
		int w = snprintf(buf + n, size - n, "%s%s", n ? ", " : "", *words);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	return buf;
}

/* Check that MAP is a map whose keys are all in KEYS (NULL-terminated) and
 * appear once. Returns false when MAP is not a map. */
static bool check_keys(struct loader *L, const struct ynode *map, const char *what,
		       const char *const *keys)
{
	char kl[512];

	if (map->kind != YNODE_MAP) {
		ERR(L, map, TR("%s phải là một bảng khóa: giá trị", "%s must be a mapping of key: value"),
		    what);
		return false;
	}
	for (size_t i = 0; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);
		bool known = false;
		if (k->kind != YNODE_SCALAR) {
			ERR(L, k, "%s", TR("khóa phải là chữ", "a key must be text"));
			continue;
		}
		for (const char *const *kk = keys; *kk; kk++)
			if (strcmp(*kk, k->str) == 0)
				known = true;
		if (!known) {
			const char *near = nearest(k->str, keys);
			if (near != NULL)
				ERR(L, k, TR("khóa không biết '%s' trong %s: có phải '%s'?",
					     "unknown key '%s' in %s: did you mean '%s'?"), k->str, what,
				    near);
			else
				ERR(L, k, TR("khóa không biết '%s' trong %s (các khóa: %s)",
					     "unknown key '%s' in %s (keys: %s)"), k->str, what,
				    key_list(keys, kl, sizeof kl));
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			const struct ynode *kj = ynode_key(map, j);
			if (kj->kind == YNODE_SCALAR && strcmp(kj->str, k->str) == 0) {
				ERR(L, k, TR("khóa '%s' lặp lại (đã có ở dòng %d)",
					     "key '%s' repeated (first at line %d)"), k->str, kj->line);
				break;
			}
		}
	}
	return true;
}

static const struct ynode *need(struct loader *L, const struct ynode *map, const char *key,
				const char *what)
{
	const struct ynode *v = ynode_get(map, key);
	if (v == NULL)
		ERR(L, map, TR("%s thiếu khóa '%s'", "%s lacks the key '%s'"), what, key);
	return v;
}

static bool seq_of(struct loader *L, const struct ynode *n, const char *key)
{
	if (n->kind != YNODE_SEQ) {
		ERR(L, n, TR("'%s' phải là một danh sách (mỗi mục bắt đầu bằng '- ')",
			     "'%s' must be a list (each item starting with '- ')"), key);
		return false;
	}
	return true;
}

/* ---- reports ---- */

static void load_reports(struct loader *L, const struct ynode *seq)
{
	static const char *const keys[] = { "id", "title", "period", "deadline", "only", NULL };
	struct form *f = L->f;

	if (!seq_of(L, seq, "reports"))
		return;
	if (seq->nitems == 0)
		ERR(L, seq, "%s", TR("cần ít nhất một báo cáo", "at least one report is needed"));
	if (seq->nitems > FORM_MAX_REPORTS) {
		ERR(L, seq, TR("tối đa %d báo cáo", "at most %d reports"), FORM_MAX_REPORTS);
		return;
	}
	f->reports = xcalloc(seq->nitems, sizeof *f->reports);
	for (size_t i = 0; i < seq->nitems; i++) {
		const struct ynode *m = seq->items[i], *v;
		struct form_report *r = &f->reports[f->nreports];
		enum period_kind kind = PERIOD_MONTH;
		bool kind_ok = false;

		if (!check_keys(L, m, TR("báo cáo", "a report"), keys))
			continue;
		f->nreports++;
		if ((v = need(L, m, "id", TR("báo cáo", "a report"))) != NULL)
			r->id = name_of(L, v, "id", 20);
		if (r->id != NULL)
			for (size_t j = 0; j + 1 < f->nreports; j++)
				if (f->reports[j].id && strcmp(f->reports[j].id, r->id) == 0)
					ERR(L, v, TR("báo cáo '%s' đã có", "report '%s' defined twice"),
					    r->id);
		if ((v = ynode_get(m, "title")) != NULL)
			r->title = text_of(L, v, "title");
		if ((v = need(L, m, "period", TR("báo cáo", "a report"))) != NULL &&
		    scalar(L, v, "period") != NULL) {
			kind_ok = period_kind_parse(v->str, &kind);
			if (!kind_ok) {
				const char *vi = NULL, *near = period_meant(v->str, &vi);
				if (near != NULL)
					ERR(L, v, TR("không có kỳ báo cáo '%s': có phải '%s' (%s)? Tên kỳ "
						     "viết bằng tiếng Anh", "there is no period '%s': did "
						     "you mean '%s'?%s"), v->str, near, TR(vi, ""));
				else
					ERR(L, v, TR("không có kỳ báo cáo '%s': ghi một trong các kỳ %s",
						     "there is no period '%s': write one of %s"), v->str,
						     TR(PERIODS_VI, PERIODS_EN));
			}
		}
		r->rule.kind = kind;
		v = ynode_get(m, "deadline");
		if (kind_ok) {
			size_t pos;
			char *cause = NULL;
			const char *text = v ? scalar(L, v, "deadline") : "end";
			if (text != NULL && !deadline_parse(kind, text, &r->rule, &pos, &cause)) {
				error_at(L, v->line, v->col + (int)pos + (v->quoted ? 1 : 0), "%s",
					 cause);
			}
			free(cause);
		}
		if ((v = ynode_get(m, "only")) != NULL && kind_ok && seq_of(L, v, "only")) {
			int max = kind == PERIOD_MONTH ? 12 : kind == PERIOD_QUARTER ? 4
				: kind == PERIOD_HALF || kind == PERIOD_SEMESTER ? 2 : 0;
			if (max == 0)
				ERR(L, v, "%s", TR("'only' chỉ dùng cho month, quarter, half, semester",
						   "'only' is for month, quarter, half and semester"));
			for (size_t j = 0; max && j < v->nitems; j++) {
				long k;
				if (int_of(L, v->items[j], "only", 1, max, &k))
					r->rule.only |= 1u << k;
			}
		}
	}
	/* Derived ids: FORM-REPORT, or FORM alone for a single report. */
	for (size_t i = 0; i < f->nreports; i++) {
		struct form_report *r = &f->reports[i];
		if (f->id == NULL || r->id == NULL)
			continue;
		r->form_id = f->nreports == 1 ? xstrdup(f->id) : xasprintf("%s-%s", f->id, r->id);
		if (strlen(r->form_id) > FORM_ID_MAX)
			ERR(L, seq, TR("mã biểu mẫu '%s' dài quá %d ký tự",
				       "form id '%s' is longer than %d characters"), r->form_id,
			    FORM_ID_MAX);
	}
}

/* ---- choices ---- */

/* `done: true` or `progress: none|started|late|done` on a choice: what
 * that status means in the office's task tables. */
static void load_progress(struct loader *L, const struct ynode *c, struct form_choice *ch)
{
	static const char *const names[] = { [PROGRESS_NONE] = "none",
		[PROGRESS_STARTED] = "started", [PROGRESS_LATE] = "late", [PROGRESS_DONE] = "done" };
	const struct ynode *d = ynode_get(c, "done"), *p = ynode_get(c, "progress");
	bool done = false;

	if (d != NULL && bool_of(L, d, "done", &done) && done)
		ch->progress = PROGRESS_DONE;
	if (p == NULL || scalar(L, p, "progress") == NULL)
		return;
	if (d != NULL && done) {
		ERR(L, p, "%s", TR("lựa chọn đã 'done: true' thì không cần 'progress'",
				   "a choice with 'done: true' needs no 'progress'"));
		return;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(p->str, names[i]) == 0) {
			ch->progress = (enum choice_progress)i;
			return;
		}
	ERR(L, p, TR("'progress' là none, started, late hoặc done, không phải '%s'",
		     "'progress' is none, started, late or done, not '%s'"), p->str);
}

static void load_choices(struct loader *L, const struct ynode *map)
{
	static const char *const keys[] = { "value", "label", "done", "progress", NULL };
	struct form *f = L->f;

	if (map->kind != YNODE_MAP) {
		ERR(L, map, "%s", TR("'choices' phải là một bảng tên danh sách: [lựa chọn...]",
				     "'choices' must map list names to lists of choices"));
		return;
	}
	f->lists = xcalloc(ynode_pairs(map) + 1, sizeof *f->lists);
	for (size_t i = 0; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i), *v = ynode_val(map, i);
		struct form_list *l = &f->lists[f->nlists];
		char *name = name_of(L, k, TR("tên danh sách", "list name"), 40);

		if (name == NULL)
			continue;
		for (size_t j = 0; j < f->nlists; j++)
			if (strcmp(f->lists[j].name, name) == 0)
				ERR(L, k, TR("danh sách '%s' đã có", "list '%s' defined twice"), name);
		l->name = name;
		f->nlists++;
		if (!seq_of(L, v, name))
			continue;
		if (v->nitems == 0)
			ERR(L, v, TR("danh sách '%s' rỗng", "list '%s' is empty"), name);
		l->choices = xcalloc(v->nitems, sizeof *l->choices);
		for (size_t j = 0; j < v->nitems; j++) {
			const struct ynode *c = v->items[j], *cv, *vn;
			struct form_choice *ch = &l->choices[l->nchoices];
			if (!check_keys(L, c, TR("lựa chọn", "a choice"), keys))
				continue;
			l->nchoices++;
			if ((vn = need(L, c, "value", TR("lựa chọn", "a choice"))) != NULL)
				ch->value = name_of(L, vn, "value", 40);
			if ((cv = need(L, c, "label", TR("lựa chọn", "a choice"))) != NULL)
				ch->label = text_of(L, cv, "label");
			load_progress(L, c, ch);
			for (size_t q = 0; ch->value && q + 1 < l->nchoices; q++)
				if (l->choices[q].value && strcmp(l->choices[q].value, ch->value) == 0)
					ERR(L, vn, TR("giá trị '%s' lặp lại trong danh sách '%s'",
						      "value '%s' repeated in list '%s'"), ch->value, name);
		}
	}
}

/* ---- fields ---- */

static void remember(struct loader *L, enum pend_kind kind, const struct ynode *n, int field,
		     size_t idx)
{
	if (scalar(L, n, kind == P_CONSTRAINT ? "constraint" : kind == P_RELEVANT ? "relevant"
			 : kind == P_CALCULATION ? "calculation" : kind == P_WARN ? "check"
			 : "when") == NULL)
		return;
	L->pend = xreallocarray(L->pend, L->npend + 1, sizeof *L->pend);
	L->pend[L->npend++] = (struct pending){ kind, n, field, idx };
}

static unsigned report_mask(struct loader *L, const struct ynode *seq)
{
	unsigned mask = 0;

	if (!seq_of(L, seq, "reports"))
		return 0;
	for (size_t i = 0; i < seq->nitems; i++) {
		const struct ynode *n = seq->items[i];
		bool found = false;
		if (scalar(L, n, "reports") == NULL)
			continue;
		for (size_t r = 0; r < L->f->nreports; r++)
			if (L->f->reports[r].id && strcmp(L->f->reports[r].id, n->str) == 0) {
				mask |= 1u << r;
				found = true;
			}
		if (!found)
			ERR(L, n, TR("không có báo cáo '%s' (xem 'reports')",
				     "no report '%s' (see 'reports')"), n->str);
	}
	return mask;
}

static bool numeric(const struct form_field *fd);

/* Unit kinds: one id or a list of ids. A text that is no id (an older
 * form's "lead: Các thôn") gives no kinds and *TEXT_ONLY. */
/* Remember that KIND (owned by the form) is named under KEY at node V. */
static void kind_used(struct loader *L, const char *kind, const char *key, const struct ynode *v)
{
	struct form *f = L->f;

	f->kind_uses = xreallocarray(f->kind_uses, f->nkind_uses + 1, sizeof *f->kind_uses);
	f->kind_uses[f->nkind_uses++] = (struct form_kind_use){ kind, key, v->line,
		v->col + (v->quoted ? 1 : 0) };
}

/*
 * Warn when row R's `deadline:` (node V, read into R->dl) names another day
 * than its `due:` text does, read as the draft and a row without
 * `deadline:` read it (form_due_parse): "Chậm nhất ngày 15/8/2026" with
 * deadline "30/06/2026" would make the row overdue six weeks early, or
 * late, in silence. The deadline counts; the warning says both days.
 */
static void due_contradiction(struct loader *L, const struct form_row *r, const struct ynode *v)
{
	struct row_due rd;
	char *cause = NULL;
	long said = -1, read = -1;
	char a[16], b[16];
	int y, m, d;

	/* the `due` as a row without `deadline:` reads it: one date, or none */
	if (form_due_parse(L->f, r->due, &rd, &cause) > 0 && rd.kind == ROW_DUE_DATE)
		said = rd.day;
	free(cause);
	if (said < 0)
		return;
	if (r->dl.kind == ROW_DUE_DATE) {
		read = r->dl.day;
	} else if (r->dl.kind == ROW_DUE_YEARLY && r->dl.year_offset == 0) {
		/* "tháng 9 hằng năm" against "30/09/2026": the same year's day */
		date_to_ymd(said, &y, &m, &d);
		d = r->dl.mday == 0 || r->dl.mday > date_days_in_month(y, r->dl.month)
		    ? date_days_in_month(y, r->dl.month) : r->dl.mday;
		read = date_from_ymd(y, r->dl.month, d);
	}
	if (read < 0 || read == said)
		return;
	date_to_ymd(read, &y, &m, &d);
	snprintf(a, sizeof a, "%02d/%02d/%04d", d, m, y);
	date_to_ymd(said, &y, &m, &d);
	snprintf(b, sizeof b, "%02d/%02d/%04d", d, m, y);
	note_at(L, v->line, v->col + (v->quoted ? 1 : 0), TR("dòng %s: 'deadline' \"%s\" là %s, "
		"'due' \"%s\" là %s: hạn tính theo 'deadline' (%s); sửa cái ghi sai", "row %s: "
		"'deadline' \"%s\" is %s, 'due' \"%s\" says %s: the row is due by 'deadline' "
		"(%s); fix the wrong one"), r->id ? r->id : "?", r->deadline, a, r->due, b, a);
}

static char **kinds_of(struct loader *L, const struct ynode *v, const char *key, size_t *n,
		       bool *text_only)
{
	char **out = NULL;

	*n = 0;
	*text_only = false;
	if (v->kind == YNODE_SCALAR) {
		if (!name_ok(v->str, 40)) {
			*text_only = true;
			return NULL;
		}
		out = xcalloc(1, sizeof *out);
		out[(*n)++] = xstrdup(v->str);
		kind_used(L, out[0], key, v);
		return out;
	}
	if (!seq_of(L, v, key))
		return NULL;
	out = xcalloc(v->nitems + 1, sizeof *out);
	for (size_t i = 0; i < v->nitems; i++) {
		char *k = name_of(L, v->items[i], key, 40);
		if (k != NULL) {
			out[(*n)++] = k;
			kind_used(L, k, key, v->items[i]);
		}
	}
	return out;
}

/* One target of a row: TEXT (a node) against the percent done, or a
 * mapping {column, target} against that column; the column is resolved
 * once the grid's columns are loaded. */
static void row_target(struct loader *L, struct form_row *r, const struct ynode *v)
{
	static const char *const keys[] = { "column", "target", NULL };
	struct form_row_target *t = &r->targets[r->ntargets];
	const struct ynode *tv = v, *cv = NULL;
	size_t pos;

	t->column = -1;
	if (v->kind == YNODE_MAP) {
		if (!check_keys(L, v, TR("chỉ tiêu của dòng", "a row's target"), keys))
			return;
		cv = need(L, v, "column", TR("chỉ tiêu của dòng", "a row's target"));
		tv = need(L, v, "target", TR("chỉ tiêu của dòng", "a row's target"));
		if (cv == NULL || tv == NULL || scalar(L, cv, "column") == NULL)
			return;
		t->column = -2;	/* resolved later */
	}
	if ((t->text = text_of(L, tv, "target")) == NULL)
		return;
	if (cv != NULL) {
		L->rtargets = xreallocarray(L->rtargets, L->nrtargets + 1, sizeof *L->rtargets);
		L->rtargets[L->nrtargets++] = (struct rtarget_pending){ r, r->ntargets, cv };
	}
	r->ntargets++;
	if (!form_target_parse(t->text, &t->tgt, &pos))
		note_at(L, tv->line, tv->col + (tv->quoted ? 1 : 0) +
			(int)chars(t->text, t->text + pos),
			TR("không đọc được chỉ tiêu '%s' của dòng (ví dụ: '100%%', "
			   "'>= 80%%', 'tối thiểu 90%%', 'tăng ít nhất 5%%')", "cannot read the row's "
			   "target '%s' (e.g. '100%%', '>= 80%%', 'tối thiểu 90%%', 'tăng ít nhất 5%%')"),
			t->text);
}

static void load_rows(struct loader *L, struct form_field *fd, const struct ynode *seq)
{
	static const char *const keys[] = { "id", "label", "lead", "helpers", "lead_text",
					    "helpers_text", "basis", "due", "deadline", "target",
					    "product", "note", "reports", "heading", NULL };
	static const char *const heading_keys[] = { "id", "label", "note", "reports", "heading",
						    NULL };
	bool said_text_lead = false;

	if (!seq_of(L, seq, "rows"))
		return;
	fd->rows = xcalloc(seq->nitems, sizeof *fd->rows);
	for (size_t i = 0; i < seq->nitems; i++) {
		const struct ynode *m = seq->items[i], *v;
		struct form_row *r = &fd->rows[fd->nrows];
		char **slots[] = { &r->id, &r->label, &r->basis, &r->due, &r->product, &r->note,
				   &r->lead, &r->helpers };
		const char *skeys[] = { "id", "label", "basis", "due", "product", "note",
					"lead_text", "helpers_text" };
		bool text_only;

		if (!check_keys(L, m, TR("dòng của bảng", "a grid row"), keys))
			continue;
		fd->nrows++;
		for (size_t k = 0; k < sizeof slots / sizeof slots[0]; k++)
			if ((v = ynode_get(m, skeys[k])) != NULL)
				*slots[k] = text_of(L, v, skeys[k]);
		if ((v = ynode_get(m, "heading")) != NULL)
			bool_of(L, v, "heading", &r->heading);
		if (r->heading)
			for (size_t k = 0; k < ynode_pairs(m); k++) {
				const struct ynode *key = ynode_key(m, k);
				bool ok = false, known = false;
				for (const char *const *hk = heading_keys; *hk && key->str; hk++)
					ok |= strcmp(*hk, key->str) == 0;
				for (const char *const *kk = keys; *kk && key->str; kk++)
					known |= strcmp(*kk, key->str) == 0;
				ok |= !known;	/* unknown: said once, above */
				if (!ok && key->str)
					ERR(L, key, TR("dòng '%s' là dòng tiêu đề (heading: true), không ai "
						       "báo cáo nên không ghi '%s': xoá '%s' ở dòng này, hoặc "
						       "bỏ 'heading: true' nếu dòng này là một nhiệm vụ",
						       "row '%s' is a section heading (heading: true): "
						       "nobody reports on it, so it has no '%s'; remove "
						       "'%s' from it, or remove 'heading: true' if the row "
						       "is a task"), r->id ? r->id : "?", key->str, key->str);
			}
		if ((v = ynode_get(m, "lead")) != NULL) {
			r->leads = kinds_of(L, v, "lead", &r->nleads, &text_only);
			if (text_only && r->lead == NULL)
				r->lead = text_of(L, v, "lead");
			if (text_only && !said_text_lead) {
				said_text_lead = true;	/* once per grid: an older form */
				note_at(L, v->line, v->col, TR("'lead' không phải loại đơn vị (vd. "
					"'phong-kinh-te', '[thon, truong]'): dòng thuộc đơn vị '%s' của "
					"biểu mẫu; chữ của kế hoạch ghi ở 'lead_text'", "'lead' is no unit "
					"kind (e.g. 'phong-kinh-te', '[thon, truong]'): the row falls to the "
					"form's unit '%s'; the plan's words go in 'lead_text'"),
					L->f->unit_kind ? L->f->unit_kind : "?");
			}
			if (r->nleads)
				L->f->has_leads = true;
		}
		if ((v = ynode_get(m, "helpers")) != NULL) {
			r->helps = kinds_of(L, v, "helpers", &r->nhelps, &text_only);
			if (text_only && r->helpers == NULL)
				r->helpers = text_of(L, v, "helpers");
		}
		if ((v = ynode_get(m, "target")) != NULL) {
			size_t n = v->kind == YNODE_SEQ ? v->nitems : 1;
			r->targets = xcalloc(n + 1, sizeof *r->targets);
			if (v->kind == YNODE_SEQ) {
				if (v->nitems == 0)
					ERR(L, v, "%s", TR("danh sách chỉ tiêu rỗng",
							   "empty list of targets"));
				for (size_t k = 0; k < v->nitems; k++)
					row_target(L, r, v->items[k]);
			} else {
				row_target(L, r, v);
			}
			if (r->ntargets > 0) {
				r->target = xstrdup(r->targets[0].text);
				r->tgt = r->targets[0].tgt;
				if (r->tgt.unit)
					r->tgt.unit = xstrdup(r->tgt.unit);
				if (r->tgt.choice)
					r->tgt.choice = xstrdup(r->tgt.choice);
			}
		}
		if ((v = ynode_get(m, "deadline")) != NULL && (r->deadline = text_of(L, v,
		    "deadline")) != NULL) {
			size_t pos;
			char *cause = NULL;
			if (!form_row_due_parse(L->f, r->deadline, &r->dl, &pos, &cause)) {
				/* POS is in the folded text: one byte a character */
				error_at(L, v->line, v->col + (v->quoted ? 1 : 0) + (int)pos, "%s", cause);
				free(cause);
			} else if (r->due != NULL) {
				due_contradiction(L, r, v);
			}
		} else if (r->due != NULL && (v = ynode_get(m, "due")) != NULL) {
			/* the one reader: a `due` names a date when `deadline:` would
			 * read it as one ("Chậm nhất ngày 15/8/2026", "6 tháng đầu năm
			 * 2026"); what `deadline:` refuses ("Quý II, III năm 2026",
			 * "Thường xuyên trong năm 2026") gives no date here either */
			struct row_due rd;
			char *cause = NULL;
			long day = -1;
			int got = form_due_parse(L->f, r->due, &rd, &cause);
			if (got > 0 && rd.kind == ROW_DUE_DATE)
				day = rd.day;
			else if (got < 0)	/* said as for `deadline:` */
				error_at(L, v->line, v->col + (v->quoted ? 1 : 0), "%s", cause);
			free(cause);
			/* no date, but words that look like an event's: said */
			if (got >= 0 && day < 0 && (cause = form_due_event_doubt(L->f,
			    r->due)) != NULL) {
				note_at(L, v->line, v->col + (v->quoted ? 1 : 0), TR("dòng %s: %s",
				    "row %s: %s"), r->id ? r->id : "?", cause);
				free(cause);
			}
			if (day >= 0) {
				r->dl.kind = ROW_DUE_DATE;
				r->dl.day = day;
			}
		}
		r->reports = fd->reports;
		if ((v = ynode_get(m, "reports")) != NULL) {
			unsigned own = report_mask(L, v);
			if (own & ~fd->reports)
				ERR(L, v, "%s", TR("dòng thuộc báo cáo mà bảng không có",
						   "the row is in a report its grid is not in"));
			r->reports = own & fd->reports;
		}
		if ((v = need(L, m, "id", TR("dòng của bảng", "a grid row"))) == NULL ||
		    need(L, m, "label", TR("dòng của bảng", "a grid row")) == NULL)
			continue;
		for (size_t j = 0; r->id && j + 1 < fd->nrows; j++)
			if (fd->rows[j].id && strcmp(fd->rows[j].id, r->id) == 0)
				ERR(L, v, TR("dòng '%s' lặp lại", "row '%s' repeated"), r->id);
	}
	if (fd->nrows == 0)
		ERR(L, seq, "%s", TR("bảng cần ít nhất một dòng", "a grid needs at least one row"));
}

/* A row target's `column:` names a number column of its grid. */
static void resolve_row_targets(struct loader *L)
{
	for (size_t i = 0; i < L->nrtargets; i++) {
		struct rtarget_pending *p = &L->rtargets[i];
		int c = form_field_index(L->f, p->node->str);
		const struct form_field *cf = c >= 0 ? &L->f->fields[c] : NULL;
		if (cf == NULL || cf->container < 0 || L->f->fields[cf->container].type != FIELD_GRID ||
		    L->f->fields[cf->container].rows > p->row ||
		    p->row >= L->f->fields[cf->container].rows + L->f->fields[cf->container].nrows)
			ERR(L, p->node, TR("bảng không có cột '%s'", "the grid has no column '%s'"),
			    p->node->str);
		else if (!numeric(cf))
			ERR(L, p->node, TR("cột '%s' không phải cột số: không so với chỉ tiêu được",
					   "column '%s' is not a number column: no target applies"),
			    p->node->str);
		else
			p->row->targets[p->k].column = c;
	}
	free(L->rtargets);
	L->rtargets = NULL;
	L->nrtargets = 0;
}

static void load_fields(struct loader *L, const struct ynode *seq, int parent, int container,
			unsigned mask, int depth);

static const char *const total_names[] = {
	[TOTAL_DEFAULT] = "default", [TOTAL_SUM] = "sum", [TOTAL_MEAN] = "mean",
	[TOTAL_MIN] = "min", [TOTAL_MAX] = "max", [TOTAL_COUNT] = "count", [TOTAL_NONE] = "none",
	[TOTAL_RATIO] = "ratio", [TOTAL_FORMULA] = "formula", [TOTAL_OPTIONS] = "options",
};

const char *form_total_name(enum field_total t)
{
	return total_names[t];
}

/* `total: sum | mean | min | max | count | none | ratio(NUM, DEN)`; the
 * names of a ratio are resolved once every field is loaded. */
static void load_total(struct loader *L, const struct ynode *v, int idx)
{
	const char *s = scalar(L, v, "total");
	char num[48], den[48], end[2];

	if (s == NULL)
		return;
	for (size_t t = TOTAL_SUM; t <= TOTAL_NONE; t++)
		if (strcmp(s, total_names[t]) == 0) {
			const struct form_field *fd = &L->f->fields[idx];
			L->f->fields[idx].total = (enum field_total)t;
			if (t <= TOTAL_MAX && fd->type != FIELD_INTEGER && fd->type != FIELD_DECIMAL &&
			    fd->type != FIELD_CALCULATE)
				ERR(L, v, TR("'total: %s' chỉ dùng cho trường số (lựa chọn, chữ: count "
					     "hoặc none)", "'total: %s' is for number fields only (choices, "
					     "text: count or none)"), s);
			return;
		}
	if (sscanf(s, " ratio ( %47[a-z0-9_-] , %47[a-z0-9_-] %1[)]", num, den, end) == 3) {
		struct ratio_pending *r;
		L->ratios = xreallocarray(L->ratios, L->nratios + 1, sizeof *L->ratios);
		r = &L->ratios[L->nratios++];
		r->field = idx;
		r->node = v;
		r->num = xstrdup(num);
		r->den = xstrdup(den);
		L->f->fields[idx].total = TOTAL_RATIO;
		return;
	}
	ERR(L, v, TR("'total' là sum, mean, min, max, count, none hoặc ratio(TỬ, MẪU), không phải "
		     "'%s'", "'total' is sum, mean, min, max, count, none or ratio(NUM, DEN), not "
		     "'%s'"), s);
}

static bool numeric(const struct form_field *fd)
{
	return fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL ||
	       fd->type == FIELD_CALCULATE;
}

static void resolve_ratios(struct loader *L)
{
	struct form *f = L->f;

	for (size_t i = 0; i < L->nratios; i++) {
		struct ratio_pending *r = &L->ratios[i];
		struct form_field *fd = &f->fields[r->field];
		const char *names[2] = { r->num, r->den };
		int *slots[2] = { &fd->total_num, &fd->total_den };

		if (!numeric(fd))
			ERR(L, r->node, "%s", TR("'ratio' chỉ dùng cho trường số",
						 "'ratio' is only for number fields"));
		for (int k = 0; k < 2; k++) {
			int j = form_field_index(f, names[k]);
			*slots[k] = j;
			if (j < 0)
				ERR(L, r->node, TR("không có trường '%s'", "no field '%s'"), names[k]);
			else if (!numeric(&f->fields[j]) || f->fields[j].container != fd->container)
				ERR(L, r->node, TR("'%s' phải là trường số ở cùng chỗ với '%s'",
						   "'%s' must be a number field beside '%s'"),
				    names[k], fd->name ? fd->name : "?");
			else if (j == r->field)
				ERR(L, r->node, "%s", TR("tỷ lệ không thể tính từ chính nó",
							 "a ratio cannot be made of itself"));
		}
		free(r->num);
		free(r->den);
	}
	free(L->ratios);
	L->ratios = NULL;
	L->nratios = 0;
}

/* ---- targets ---- */

/* Comparisons as people write them, folded (no accents, lower case). */
static const struct { const char *text; enum target_cmp cmp; } cmp_words[] = {
	{ ">=", TARGET_GE }, { "=>", TARGET_GE }, { "\xe2\x89\xa5", TARGET_GE },
	{ "<=", TARGET_LE }, { "=<", TARGET_LE }, { "\xe2\x89\xa4", TARGET_LE },
	{ ">", TARGET_GT }, { "<", TARGET_LT }, { "=", TARGET_EQ },
	{ "khong thap hon", TARGET_GE }, { "khong duoi", TARGET_GE },
	{ "khong it hon", TARGET_GE }, { "toi thieu", TARGET_GE }, { "it nhat", TARGET_GE },
	{ "tu", TARGET_GE }, { "dat", TARGET_GE },
	{ "khong vuot qua", TARGET_LE }, { "khong qua", TARGET_LE },
	{ "khong cao hon", TARGET_LE }, { "khong nhieu hon", TARGET_LE },
	{ "toi da", TARGET_LE }, { "cao hon", TARGET_GT }, { "tren", TARGET_GT },
	{ "thap hon", TARGET_LT }, { "duoi", TARGET_LT }, { "bang", TARGET_EQ },
};

static const char *const prev_words[] = { "nam truoc", "ky truoc", "thang truoc",
	"quy truoc", "cung ky", NULL };

/* Does the previous-period word W name the same period a year before? */
static bool prev_year_word(const char *w)
{
	return strcmp(w, "nam truoc") == 0 || strcmp(w, "cung ky") == 0;
}

/* P past the word W (and the spaces after it) if P starts with it. */
static const char *word(const char *p, const char *w)
{
	size_t n = strlen(w);
	unsigned char c;

	if (strncmp(p, w, n) != 0)
		return NULL;
	c = (unsigned char)p[n];	/* P holds W whole: p[n] is there */
	/* a word of letters must end there: "tu" is not "tuan" */
	if (w[0] >= 'a' && w[0] <= 'z' && ((c >= 'a' && c <= 'z') || c >= 0x80))
		return NULL;
	p += n;
	while (*p == ' ')
		p++;
	return p;
}

/* A number as written here: "90", "12,5" (decimal comma), "1.234" (thousands). */
static const char *number(const char *p, double *out)
{
	char buf[64];
	size_t n = 0;
	bool comma = false, dots3 = true;
	const char *q = p;

	for (; (*q >= '0' && *q <= '9') || *q == '.' || *q == ','; q++) {
		if (*q == ',')
			comma = true;
		if (*q == '.' && !(q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' &&
				   q[3] >= '0' && q[3] <= '9' && !(q[4] >= '0' && q[4] <= '9')))
			dots3 = false;
	}
	if (q == p || !(*p >= '0' && *p <= '9') || q - p >= (long)sizeof buf)
		return NULL;
	for (const char *r = p; r < q; r++) {
		if (*r == '.' && (comma || dots3))
			continue;	/* a thousands separator */
		buf[n++] = *r == ',' ? '.' : *r;
	}
	buf[n] = '\0';
	{
		char *end;
		*out = strtod(buf, &end);
		if (*end != '\0' || !isfinite(*out))
			return NULL;
	}
	return q;
}

/* Characters (not bytes) from S to P. */
static size_t chars(const char *s, const char *p)
{
	size_t n = 0;
	for (; s < p; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* S advanced by N characters. */
static const char *skip_chars(const char *s, size_t n)
{
	while (*s && n) {
		s++;
		while (((unsigned char)*s & 0xc0) == 0x80)
			s++;
		n--;
	}
	return s;
}

void form_target_free(struct form_target *t)
{
	free(t->unit);
	free(t->choice);
	memset(t, 0, sizeof *t);
}

bool form_target_parse(const char *text, struct form_target *t, size_t *pos)
{
	char *fold = text_fold(text), *unit;
	const char *p, *q, *u;
	size_t n;

	memset(t, 0, sizeof *t);
	*pos = 0;
	if (fold == NULL) {
		t->cmp = TARGET_UNREAD;
		return false;
	}
	for (p = fold; *p == ' '; p++)
		;
	/* "tăng ít nhất 5%", "giảm ít nhất 10%": against the previous period */
	if ((q = word(p, "tang")) != NULL || (q = word(p, "giam")) != NULL) {
		int sign = p[0] == 't' ? 1 : -1;
		bool ok;
		p = q;
		for (size_t i = 0; i < sizeof cmp_words / sizeof cmp_words[0]; i++)
			if ((q = word(p, cmp_words[i].text)) != NULL) {
				p = q;
				break;
			}
		q = number(p, &t->value);
		if (q != NULL)
			while (*q == ' ')
				q++;
		/* "tăng ít nhất 5% so với năm trước": which period it names */
		if (q != NULL) {
			const char *r = q[0] == '%' ? q + 1 : q, *sv;
			while (*r == ' ')
				r++;
			if ((sv = word(r, "so voi")) != NULL)
				for (const char *const *w = prev_words; *w; w++)
					if ((r = word(sv, *w)) != NULL && *r == '\0') {
						t->year_before = prev_year_word(*w);
						q = q[0] == '%' ? "%" : "";
						break;
					}
		}
		ok = q != NULL && (*q == '\0' || (q[0] == '%' && q[1] == '\0'));
		if (!ok) {
			*pos = (size_t)(skip_chars(text, chars(fold, q ? q : p)) - text);
			t->cmp = TARGET_UNREAD;
			free(fold);
			return false;
		}
		t->cmp = sign > 0 ? TARGET_GE : TARGET_LE;
		t->previous = true;
		t->delta = sign * t->value;
		t->delta_pct = *q == '%';
		t->value = 0;
		free(fold);
		return true;
	}
	for (size_t i = 0; i < sizeof cmp_words / sizeof cmp_words[0]; i++)
		if ((q = word(p, cmp_words[i].text)) != NULL) {
			t->cmp = cmp_words[i].cmp;
			p = q;
			break;
		}
	for (const char *const *w = prev_words; *w; w++)
		if ((q = word(p, *w)) != NULL && *q == '\0') {
			if (t->cmp == TARGET_NONE)
				t->cmp = TARGET_GE;
			t->previous = true;
			t->year_before = prev_year_word(*w);
			free(fold);
			return true;
		}
	if ((q = number(p, &t->value)) == NULL) {
		/* where reading stopped, in the original's bytes */
		*pos = (size_t)(skip_chars(text, chars(fold, p)) - text);
		t->cmp = TARGET_UNREAD;
		free(fold);
		return false;
	}
	if (t->cmp == TARGET_NONE)
		t->cmp = TARGET_GE;	/* "100%": a figure to reach */
	while (*q == ' ')
		q++;
	/* the unit, taken from the original text so it keeps its accents */
	u = skip_chars(text, chars(fold, q));
	n = strlen(u);
	while (n && u[n - 1] == ' ')
		n--;
	unit = xstrndup(u, n);
	/* "80% trở lên" / "3 ngày trở xuống" */
	for (const char *const *w = (const char *const[]){ "tro len", "tro xuong", NULL }; *w; w++) {
		char *uf = text_fold(unit);
		size_t wl = strlen(*w), ul = uf ? strlen(uf) : 0;
		if (uf && ul >= wl && strcmp(uf + ul - wl, *w) == 0) {
			t->cmp = (*w)[4] == 'l' ? TARGET_GE : TARGET_LE;
			unit[skip_chars(unit, chars(uf, uf + ul - wl)) - unit] = '\0';
			n = strlen(unit);
			while (n && unit[n - 1] == ' ')
				unit[--n] = '\0';
		}
		free(uf);
	}
	for (const char *c = unit; *c; c++)
		if ((*c >= '0' && *c <= '9') || *c == '<' || *c == '>' || *c == '=') {
			*pos = (size_t)(u - text) + (size_t)(c - unit);
			free(unit);
			free(fold);
			t->cmp = TARGET_UNREAD;
			return false;
		}
	t->unit = *unit ? unit : NULL;
	if (t->unit == NULL)
		free(unit);
	free(fold);
	return true;
}

int form_target_met(const struct form_target *t, double x, bool has_prev, double prev)
{
	double v = t->value;

	if (t->cmp == TARGET_NONE || t->cmp == TARGET_UNREAD || t->choice != NULL)
		return -1;
	if (t->previous) {
		if (!has_prev)
			return -1;
		v = t->delta_pct ? prev + fabs(prev) * t->delta / 100 : prev + t->delta;
	}
	switch (t->cmp) {
	case TARGET_GE: return x >= v - 1e-9;
	case TARGET_GT: return x > v + 1e-9;
	case TARGET_LE: return x <= v + 1e-9;
	case TARGET_LT: return x < v - 1e-9;
	case TARGET_EQ: return fabs(x - v) < 1e-9;
	default: return -1;
	}
}

const char *form_target_text(const struct form_target *t, char *buf, size_t size)
{
	static const char *const ops[] = { [TARGET_GE] = "\xe2\x89\xa5", [TARGET_GT] = ">",
		[TARGET_LE] = "\xe2\x89\xa4", [TARGET_LT] = "<", [TARGET_EQ] = "=" };

	if (t->choice != NULL)
		snprintf(buf, size, "= %s", t->choice);
	else if (t->cmp < TARGET_GE)
		snprintf(buf, size, "%s", "");
	else if (t->previous && t->delta != 0)
		snprintf(buf, size, "%s %s %s %g%s", ops[t->cmp], t->year_before ?
			 TR("năm trước", "year before") : TR("kỳ trước", "previous period"),
			 t->delta > 0 ? "+" : "−", fabs(t->delta), t->delta_pct ? " %" : "");
	else if (t->previous)
		snprintf(buf, size, "%s %s", ops[t->cmp], t->year_before ?
			 TR("năm trước", "year before") : TR("kỳ trước", "previous period"));
	else
		snprintf(buf, size, "%s %g%s%s", ops[t->cmp], t->value,
			 t->unit && strcmp(t->unit, "%") != 0 ? " " : "", t->unit ? t->unit : "");
	return buf;
}

/* The field's target read; what cannot be read is a warning at its place.
 * A choice field's target is one of its codes. */
static void read_target(struct loader *L, const struct ynode *v, struct form_field *fd)
{
	size_t pos;
	int col = v->col + (v->quoted ? 1 : 0);

	if (fd->type == FIELD_SELECT_ONE || fd->type == FIELD_SELECT_MULTIPLE) {
		const struct form_list *l = fd->list >= 0 ? &L->f->lists[fd->list] : NULL;
		for (size_t i = 0; l && i < l->nchoices; i++)
			if (l->choices[i].value && strcmp(l->choices[i].value, fd->target) == 0) {
				fd->tgt.cmp = TARGET_EQ;
				fd->tgt.choice = xstrdup(fd->target);
				return;
			}
		fd->tgt.cmp = TARGET_UNREAD;
		note_at(L, v->line, col, TR("chỉ tiêu '%s' không phải mã nào trong danh sách lựa "
					    "chọn của trường", "target '%s' is no code of the field's "
					    "choice list"), fd->target);
		return;
	}
	if (!form_target_parse(fd->target, &fd->tgt, &pos)) {
		note_at(L, v->line, col + (int)chars(fd->target, fd->target + pos),
			TR("không đọc được chỉ tiêu '%s' (ví dụ: '>= 80%%', 'tối thiểu 90%%', "
			   "'không thấp hơn năm trước', '100%%')", "cannot read the target '%s' "
			   "(e.g. '>= 80%%', 'tối thiểu 90%%', 'không thấp hơn năm trước', '100%%')"),
			fd->target);
		return;
	}
	if (fd->tgt.unit == NULL && fd->unit != NULL)
		fd->tgt.unit = xstrdup(fd->unit);	/* ">= 60" on a "%" field: 60 % */
	if (!numeric(fd))
		note_at(L, v->line, col, "%s", TR("chỉ tiêu trên trường không phải số: không so "
						  "sánh được", "a target on a field that is not a "
						  "number cannot be compared"));
	else if (fd->tgt.unit && fd->unit && strcmp(fd->tgt.unit, fd->unit) != 0)
		note_at(L, v->line, col, TR("chỉ tiêu tính bằng '%s' mà trường tính bằng '%s'",
					    "the target is in '%s' but the field in '%s'"),
			fd->tgt.unit, fd->unit);
}

static void load_field(struct loader *L, const struct ynode *m, int parent, int container,
		       unsigned mask, int depth)
{
	static const char *const keys[] = {
		"name", "type", "label", "hint", "unit", "required", "constraint",
		"constraint_message", "relevant", "calculation", "default", "warn", "list",
		"min", "max", "past", "carry", "target", "stt", "reports", "fields", "columns",
		"rows", "total", "hidden", NULL };
	struct form *f = L->f;
	struct form_field *fd;
	const struct ynode *v;
	int idx;
	char *name = NULL;

	if (!check_keys(L, m, TR("trường", "a field"), keys))
		return;
	if (f->nfields >= FORM_MAX_FIELDS) {
		ERR(L, m, TR("quá %d trường", "more than %d fields"), FORM_MAX_FIELDS);
		return;
	}
	if ((v = need(L, m, "name", TR("trường", "a field"))) != NULL)
		name = name_of(L, v, "name", 40);
	if (name != NULL && form_field_index(f, name) >= 0) {
		ERR(L, v, TR("tên trường '%s' đã dùng ở dòng %d",
			     "field name '%s' already used at line %d"),
		    name, f->fields[form_field_index(f, name)].line);
		free(name);
		name = NULL;
	}
	f->fields = xreallocarray(f->fields, f->nfields + 1, sizeof *f->fields);
	idx = (int)f->nfields++;
	fd = &f->fields[idx];
	memset(fd, 0, sizeof *fd);
	fd->name = name;
	fd->parent = parent;
	fd->container = container;
	fd->list = -1;
	fd->line = m->line;
	fd->col = m->col;
	fd->type = FIELD_TEXT;

	if ((v = need(L, m, "type", TR("trường", "a field"))) != NULL && scalar(L, v, "type")) {
		bool ok = false;
		for (size_t t = 0; t < sizeof type_names / sizeof type_names[0]; t++)
			if (strcmp(v->str, type_names[t]) == 0) {
				fd->type = (enum field_type)t;
				ok = true;
			}
		if (!ok) {
			const char *near = nearest_n(v->str, type_names, sizeof type_names /
						     sizeof type_names[0]);
			if (near != NULL)
				ERR(L, v, TR("kiểu trường không biết '%s': có phải '%s'?",
					     "unknown field type '%s': did you mean '%s'?"), v->str, near);
			else
				ERR(L, v, TR("kiểu trường không biết '%s'", "unknown field type '%s'"),
				    v->str);
		}
		if (ok && container >= 0 &&
		    (fd->type == FIELD_REPEAT || fd->type == FIELD_GRID))
			ERR(L, v, "%s", TR("không lồng bảng hoặc nhóm lặp vào nhau",
					   "grids and repeats cannot be nested"));
	}
	/* pointer may move when children are added: re-fetch after recursion */
	if ((v = ynode_get(m, "label")) != NULL)
		fd->label = text_of(L, v, "label");
	else if (fd->type != FIELD_CALCULATE)
		ERR(L, m, TR("trường '%s' thiếu 'label'", "field '%s' lacks a 'label'"),
		    name ? name : "?");
	if ((v = ynode_get(m, "hint")) != NULL)
		fd->hint = text_of(L, v, "hint");
	if ((v = ynode_get(m, "unit")) != NULL)
		fd->unit = text_of(L, v, "unit");
	if ((v = ynode_get(m, "stt")) != NULL)
		fd->stt = text_of(L, v, "stt");
	if ((v = ynode_get(m, "target")) != NULL)
		fd->target = text_of(L, v, "target");
	if ((v = ynode_get(m, "total")) != NULL)
		load_total(L, v, idx);
	if ((v = ynode_get(m, "default")) != NULL)
		fd->def = text_of(L, v, "default");
	if ((v = ynode_get(m, "required")) != NULL)
		bool_of(L, v, "required", &fd->required);
	if ((v = ynode_get(m, "carry")) != NULL)
		bool_of(L, v, "carry", &fd->carry);
	if ((v = ynode_get(m, "hidden")) != NULL && bool_of(L, v, "hidden", &fd->hidden) &&
	    fd->hidden && fd->type != FIELD_CALCULATE)
		ERR(L, v, "%s", TR("chỉ trường calculate mới ẩn được (trường nhập thì phải thấy)",
				   "only a calculate field can be hidden (what is typed must be seen)"));
	if ((v = ynode_get(m, "past")) != NULL) {
		bool_of(L, v, "past", &fd->past);
		if (fd->type != FIELD_DATE)
			ERR(L, v, "%s", TR("'past' chỉ dùng cho trường date",
					   "'past' is only for date fields"));
	}
	if ((v = ynode_get(m, "min")) != NULL && num_of(L, v, "min", &fd->min))
		fd->has_min = true;
	if ((v = ynode_get(m, "max")) != NULL && num_of(L, v, "max", &fd->max))
		fd->has_max = true;
	if ((fd->has_min || fd->has_max) && fd->type != FIELD_INTEGER && fd->type != FIELD_DECIMAL)
		ERR(L, m, "%s", TR("'min'/'max' chỉ dùng cho integer và decimal",
				   "'min'/'max' are only for integer and decimal fields"));
	if (fd->has_min && fd->has_max && fd->min > fd->max)
		ERR(L, ynode_get(m, "max"), "%s", TR("'max' nhỏ hơn 'min'", "'max' is below 'min'"));
	if ((v = ynode_get(m, "constraint_message")) != NULL)
		fd->constraint_message = text_of(L, v, "constraint_message");
	if ((v = ynode_get(m, "constraint")) != NULL)
		remember(L, P_CONSTRAINT, v, idx, 0);
	if ((v = ynode_get(m, "relevant")) != NULL)
		remember(L, P_RELEVANT, v, idx, 0);
	if ((v = ynode_get(m, "calculation")) != NULL) {
		if (fd->type != FIELD_CALCULATE)
			ERR(L, v, "%s", TR("'calculation' chỉ dùng cho trường calculate",
					   "'calculation' is only for calculate fields"));
		else
			remember(L, P_CALCULATION, v, idx, 0);
	} else if (fd->type == FIELD_CALCULATE) {
		ERR(L, m, TR("trường calculate '%s' thiếu 'calculation'",
			     "calculate field '%s' lacks a 'calculation'"), name ? name : "?");
	}
	if ((v = ynode_get(m, "warn")) != NULL && seq_of(L, v, "warn")) {
		static const char *const wkeys[] = { "check", "message", NULL };
		fd->warns = xcalloc(v->nitems, sizeof *fd->warns);
		for (size_t i = 0; i < v->nitems; i++) {
			const struct ynode *w = v->items[i], *c;
			if (!check_keys(L, w, TR("kiểm tra mềm", "a soft check"), wkeys))
				continue;
			if ((c = need(L, w, "message", TR("kiểm tra mềm", "a soft check"))) != NULL)
				f->fields[idx].warns[fd->nwarns].message = text_of(L, c, "message");
			if ((c = need(L, w, "check", TR("kiểm tra mềm", "a soft check"))) != NULL)
				remember(L, P_WARN, c, idx, fd->nwarns);
			fd->nwarns++;
		}
	}
	if ((v = ynode_get(m, "list")) != NULL && scalar(L, v, "list")) {
		for (size_t i = 0; i < f->nlists; i++)
			if (strcmp(f->lists[i].name, v->str) == 0)
				fd->list = (int)i;
		if (fd->list < 0)
			ERR(L, v, TR("không có danh sách lựa chọn '%s' (xem 'choices')",
				     "no choice list '%s' (see 'choices')"), v->str);
		if (fd->type != FIELD_SELECT_ONE && fd->type != FIELD_SELECT_MULTIPLE)
			ERR(L, v, "%s", TR("'list' chỉ dùng cho select_one và select_multiple",
					   "'list' is only for select_one and select_multiple"));
	} else if (fd->type == FIELD_SELECT_ONE || fd->type == FIELD_SELECT_MULTIPLE) {
		ERR(L, m, TR("trường '%s' thiếu 'list'", "field '%s' lacks a 'list'"),
		    name ? name : "?");
	}
	if ((v = ynode_get(m, "target")) != NULL && fd->target != NULL)
		read_target(L, v, fd);
	fd->reports = mask;
	if ((v = ynode_get(m, "reports")) != NULL) {
		unsigned own = report_mask(L, v);
		if (own & ~mask)
			ERR(L, v, "%s", TR("trường nằm trong nhóm không thuộc các báo cáo này",
					   "the field's group is not part of these reports"));
		fd->reports = own & mask;
	}
	mask = fd->reports;
	if (fd->type == FIELD_GRID) {
		/* fd->reports is final here: rows may narrow it further */
		if ((v = need(L, m, "rows", TR("bảng", "a grid"))) != NULL)
			load_rows(L, fd, v);
		if ((v = need(L, m, "columns", TR("bảng", "a grid"))) != NULL)
			load_fields(L, v, idx, idx, mask, depth + 1);
		if ((v = ynode_get(m, "fields")) != NULL)
			ERR(L, v, "%s", TR("bảng dùng 'columns', không dùng 'fields'",
					   "a grid has 'columns', not 'fields'"));
	} else if (fd->type == FIELD_GROUP || fd->type == FIELD_REPEAT) {
		if ((v = need(L, m, "fields", TR("nhóm", "a group"))) != NULL)
			load_fields(L, v, idx, fd->type == FIELD_REPEAT ? idx : container, mask,
				    depth + 1);
	} else {
		if ((v = ynode_get(m, "fields")) != NULL || (v = ynode_get(m, "columns")) != NULL ||
		    (v = ynode_get(m, "rows")) != NULL)
			ERR(L, v, TR("chỉ group, repeat, grid mới có trường con",
				     "only group, repeat and grid hold fields"));
	}
}

static void load_fields(struct loader *L, const struct ynode *seq, int parent, int container,
			unsigned mask, int depth)
{
	if (!seq_of(L, seq, "fields"))
		return;
	if (depth > 8) {
		ERR(L, seq, "%s", TR("nhóm lồng quá sâu (tối đa 8)", "groups nested too deeply (8)"));
		return;
	}
	if (seq->nitems == 0)
		ERR(L, seq, "%s", TR("danh sách trường rỗng", "empty list of fields"));
	for (size_t i = 0; i < seq->nitems; i++)
		load_field(L, seq->items[i], parent, container, mask, depth);
}

/* ---- expressions ---- */

static int resolve(void *data, const char *name, size_t len, bool *column)
{
	struct form *f = data;
	for (size_t i = 0; i < f->nfields; i++) {
		const char *n = f->fields[i].name;
		if (n && strlen(n) == len && strncmp(n, name, len) == 0) {
			const struct form_field *fd = &f->fields[i];
			*column = fd->container >= 0 || fd->type == FIELD_REPEAT ||
				  fd->type == FIELD_GRID;
			return (int)i;
		}
	}
	return -1;
}

static void compile_pending(struct loader *L)
{
	struct expr_names names = { L->f, resolve };

	for (size_t i = 0; i < L->npend; i++) {
		const struct pending *p = &L->pend[i];
		const struct ynode *n = p->node;
		char *cause = NULL;
		size_t pos;
		struct expr *e = expr_compile(n->str, &names, &pos, &cause);

		if (e == NULL) {
			int col = n->col, line = n->line;
			if (n->block) {
				line++;	/* the text starts on the line after | or > */
			} else {
				col += (int)pos + (n->quoted ? 1 : 0);
			}
			error_at(L, line, col, TR("biểu thức sai: %s", "bad expression: %s"), cause);
			free(cause);
			continue;
		}
		if (p->kind == P_ALERT) {
			L->f->alerts[p->field].when = e;
			continue;
		}
		{
			struct form_field *fd = &L->f->fields[p->field];
			switch (p->kind) {
			case P_CONSTRAINT: fd->constraint = e; break;
			case P_RELEVANT: fd->relevant = e; break;
			case P_CALCULATION: fd->calculation = e; break;
			case P_WARN: fd->warns[p->idx].expr = e; break;
			default: expr_free(e); break;
			}
		}
	}
}

/* Fields an expression reads must be filled in every report its field is
 * in: otherwise it would read nothing. */
struct scope_check {
	struct loader *L;
	const struct form_field *fd;
	const struct ynode *node;
};

static void scope_ref(void *arg, int field, bool previous)
{
	struct scope_check *sc = arg;
	const struct form *f = sc->L->f;
	const struct form_field *ref = &f->fields[field];
	unsigned missing = sc->fd->reports & ~ref->reports;

	(void)previous;
	if (missing) {
		for (size_t r = 0; r < f->nreports; r++)
			if (missing & (1u << r)) {
				ERR(sc->L, sc->node, TR("'%s' đọc trường '%s' không có trong báo cáo '%s'",
							"'%s' reads field '%s', which is not in report '%s'"),
				    sc->fd->name ? sc->fd->name : "?", ref->name,
				    f->reports[r].id ? f->reports[r].id : "?");
				break;
			}
	}
}

static void check_scopes(struct loader *L)
{
	for (size_t i = 0; i < L->npend; i++) {
		const struct pending *p = &L->pend[i];
		struct scope_check sc = { L, NULL, p->node };
		const struct expr *e = NULL;
		const struct form_field *fd;

		if (p->kind == P_ALERT)
			continue;
		fd = &L->f->fields[p->field];
		switch (p->kind) {
		case P_CONSTRAINT: e = fd->constraint; break;
		case P_RELEVANT: e = fd->relevant; break;
		case P_CALCULATION: e = fd->calculation; break;
		case P_WARN: e = fd->warns[p->idx].expr; break;
		default: break;
		}
		if (e == NULL)
			continue;
		sc.fd = fd;
		expr_refs(e, scope_ref, &sc);
	}
}

/* Cycles among calculations: depth-first search, colouring fields
 * white (0), grey (1, on the current path) and black (2, done). */
struct cycle {
	struct loader *L;
	unsigned char *colour;
	int *path;
	int depth;
	bool found;
};

static void cycle_visit(struct cycle *c, int field);

static void cycle_edge(void *arg, int field, bool previous)
{
	struct cycle *c = arg;
	if (!previous && !c->found && c->L->f->fields[field].calculation != NULL)
		cycle_visit(c, field);
}

static void cycle_visit(struct cycle *c, int field)
{
	struct form *f = c->L->f;

	if (c->colour[field] == 2 || c->found)
		return;
	if (c->colour[field] == 1) {
		struct buf b;
		int start = c->depth - 1;
		while (start > 0 && c->path[start] != field)
			start--;
		buf_init(&b, 4096);
		for (int i = start; i < c->depth; i++)
			if (buf_printf(&b, "%s → ", f->fields[c->path[i]].name) < 0)
				break;
		if (buf_printf(&b, "%s", f->fields[field].name) < 0)
			buf_reset(&b);
		error_at(c->L, f->fields[field].line, f->fields[field].col,
			 TR("phép tính phụ thuộc vòng tròn: %s", "calculations form a cycle: %s"),
			 b.data ? b.data : "");
		buf_free(&b);
		c->found = true;
		return;
	}
	c->colour[field] = 1;
	c->path[c->depth++] = field;
	expr_refs(f->fields[field].calculation, cycle_edge, c);
	c->depth--;
	c->colour[field] = 2;
}

static void check_cycles(struct loader *L)
{
	struct form *f = L->f;
	struct cycle c = { L, xcalloc(f->nfields + 1, 1), xcalloc(f->nfields + 1, sizeof(int)),
			   0, false };

	for (size_t i = 0; i < f->nfields && !c.found; i++)
		if (f->fields[i].calculation != NULL)
			cycle_visit(&c, (int)i);
	free(c.colour);
	free(c.path);
}

/* ---- alerts ---- */

static void load_alerts(struct loader *L, const struct ynode *seq)
{
	static const char *const keys[] = { "name", "when", "message", NULL };
	struct form *f = L->f;

	if (!seq_of(L, seq, "alerts"))
		return;
	f->alerts = xcalloc(seq->nitems + 1, sizeof *f->alerts);
	for (size_t i = 0; i < seq->nitems; i++) {
		const struct ynode *m = seq->items[i], *v;
		struct form_alert *a = &f->alerts[f->nalerts];
		if (!check_keys(L, m, TR("cảnh báo", "an alert"), keys))
			continue;
		if ((v = need(L, m, "name", TR("cảnh báo", "an alert"))) != NULL)
			a->name = name_of(L, v, "name", 40);
		if ((v = need(L, m, "message", TR("cảnh báo", "an alert"))) != NULL)
			a->message = text_of(L, v, "message");
		if ((v = need(L, m, "when", TR("cảnh báo", "an alert"))) != NULL)
			remember(L, P_ALERT, v, (int)f->nalerts, 0);
		f->nalerts++;
	}
}

/* ---- the whole form ---- */

static int error_cmp(const void *a, const void *b)
{
	const struct error *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Move the loader's errors, sorted by position, into ERRS. */
static void errors_out(struct loader *L, struct form_errors *errs)
{
	if (L->nerrs > 1)
		qsort(L->errs, L->nerrs, sizeof *L->errs, error_cmp);
	errs->lines = xcalloc(L->nerrs + 1, sizeof *errs->lines);
	for (size_t i = 0; i < L->nerrs; i++) {
		if (i < FORM_MAX_ERRORS)
			errs->lines[errs->n++] = xasprintf("%s" ERR_WHERE_SEP "%s:%d:%d", L->errs[i].msg,
							   L->path, L->errs[i].line, L->errs[i].col);
		free(L->errs[i].msg);
	}
	if (L->nerrs > FORM_MAX_ERRORS)
		errs->lines[errs->n++] = err_fmt_at(L->path, TR("... và %zu lỗi khác", "... and %zu "
						      "more errors"),
						   L->nerrs - FORM_MAX_ERRORS);
	free(L->errs);
	L->errs = NULL;
	L->nerrs = 0;
}

/* Does the folded label of FD hold one of WORDS? */
static bool label_says(const struct form_field *fd, const char *const *words)
{
	char *fl = fd->label ? text_fold(fd->label) : NULL;
	bool yes = false;

	for (; fl && *words && !yes; words++)
		yes = strstr(fl, *words) != NULL;
	free(fl);
	return yes;
}

static const char *const mean_words[] = { "binh quan", "trung binh", "mat do", NULL };
static const char *const rate_words[] = { "ty le", "ti le", "ti trong", "ty trong", NULL };

enum field_total form_field_total(const struct form *f, int i)
{
	const struct form_field *fd = &f->fields[i];
	bool pct = fd->unit && (strcmp(fd->unit, "%") == 0 || strcmp(fd->unit, "\xe2\x80\xb0") == 0);

	if (fd->total != TOTAL_DEFAULT)
		return fd->total;
	switch (fd->type) {
	case FIELD_CALCULATE:
		return TOTAL_FORMULA;
	case FIELD_INTEGER:
	case FIELD_DECIMAL:
		if (pct || label_says(fd, rate_words))
			return TOTAL_NONE;
		if (label_says(fd, mean_words))
			return TOTAL_MEAN;
		return TOTAL_SUM;
	case FIELD_SELECT_ONE:
	case FIELD_SELECT_MULTIPLE:
		return TOTAL_OPTIONS;
	case FIELD_TEXT:
	case FIELD_DATE:
	case FIELD_TIME:
		return TOTAL_COUNT;
	default:
		return TOTAL_NONE;
	}
}

const struct form_choice *form_choice_of(const struct form *f, int i, const char *value)
{
	const struct form_field *fd = &f->fields[i];

	if (fd->list < 0 || value == NULL)
		return NULL;
	for (size_t c = 0; c < f->lists[fd->list].nchoices; c++)
		if (strcmp(f->lists[fd->list].choices[c].value, value) == 0)
			return &f->lists[fd->list].choices[c];
	return NULL;
}

/* Where the default total is doubtful, say so (a warning, not an error). */
static void check_totals(struct loader *L)
{
	const struct form *f = L->f;

	/* a task grid whose statuses say nothing: the office cannot tell done */
	for (size_t g = 0; g < f->nfields; g++) {
		bool status = false, said = false;
		if (f->fields[g].type != FIELD_GRID)
			continue;
		for (size_t c = 0; c < f->nfields; c++) {
			const struct form_field *cf = &f->fields[c];
			if (cf->container != (int)g || cf->type != FIELD_SELECT_ONE || cf->list < 0)
				continue;
			status = true;
			for (size_t k = 0; k < f->lists[cf->list].nchoices; k++)
				said |= f->lists[cf->list].choices[k].progress != PROGRESS_NONE;
		}
		if (status && !said)
			note_at(L, f->fields[g].line, f->fields[g].col, TR("bảng '%s': danh sách tình "
				"trạng không nói giá trị nào là đã xong ('done: true') hay đang làm "
				"('progress: started'): văn phòng không đếm được tiến độ",
				"grid '%s': its status list says no value is done ('done: true') or "
				"begun ('progress: started'): the office cannot count progress"),
				f->fields[g].name);
	}

	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		enum field_total t = form_field_total(f, (int)i);

		if (fd->total != TOTAL_DEFAULT || fd->container >= 0 ||
		    (fd->type != FIELD_INTEGER && fd->type != FIELD_DECIMAL))
			continue;
		if (t == TOTAL_NONE)
			note_at(L, fd->line, fd->col, TR("'%s' là tỷ lệ: tổng xã không cộng mà để "
							 "từng đơn vị; ghi 'total: ratio(TỬ, MẪU)' để "
							 "tính lại từ tử số và mẫu số",
							 "'%s' is a rate: the commune total shows it per "
							 "unit, unsummed; write 'total: ratio(NUM, DEN)' "
							 "to recompute it from its parts"), fd->name);
		else if (t == TOTAL_MEAN)
			note_at(L, fd->line, fd->col, TR("'%s' được lấy trung bình các đơn vị (theo "
							 "nhãn); ghi 'total:' cho rõ",
							 "'%s' is averaged over the units (from its "
							 "label); write 'total:' to say so"), fd->name);
		else if (fd->type == FIELD_DECIMAL && fd->unit == NULL)
			note_at(L, fd->line, fd->col, TR("'%s' không có đơn vị tính: tổng xã cộng "
							 "các đơn vị; ghi 'unit:' hoặc 'total:'",
							 "'%s' has no unit: the commune total sums "
							 "the units; write 'unit:' or 'total:'"), fd->name);
	}
}

/* A date as the plans and ISO write it: "2026-01-01" or "01/01/2026". */
static bool day_of(struct loader *L, const struct ynode *n, const char *key, long *out)
{
	const char *s = scalar(L, n, key);
	int d, m, y, k = 0;

	if (s == NULL)
		return false;
	if (date_parse(s, out))
		return true;
	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &k) == 3 && s[k] == '\0' && date_valid(y, m, d)) {
		*out = date_from_ymd(y, m, d);
		return true;
	}
	/* a date written right but not in the calendar: say which part */
	{
		char *why = NULL;
		if (((k = 0, sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &k) == 3) ||
		     (k = 0, sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3)) && s[k] == '\0' &&
		    form_date_says_why(d, m, y, &why)) {
			ERR(L, n, "'%s' \"%s\": %s", key, s, why);
			free(why);
			return false;
		}
	}
	ERR(L, n, TR("'%s' phải là một ngày, dạng 2026-01-01 hoặc 01/01/2026: \"%s\"",
		     "'%s' must be a date, as 2026-01-01 or 01/01/2026: \"%s\""), key, s);
	return false;
}

/* `valid: {from: 2026-01-01, to: 2026-12-31}` */
static void load_valid(struct loader *L, const struct ynode *v)
{
	static const char *const keys[] = { "from", "to", NULL };
	const struct ynode *n;

	if (!check_keys(L, v, "valid", keys))
		return;
	if ((n = ynode_get(v, "from")) != NULL)
		day_of(L, n, "from", &L->f->valid_from);
	if ((n = ynode_get(v, "to")) != NULL)
		day_of(L, n, "to", &L->f->valid_to);
	if (L->f->valid_from >= 0 && L->f->valid_to >= 0 && L->f->valid_to < L->f->valid_from)
		ERR(L, v, "%s", TR("'to' trước 'from'", "'to' is before 'from'"));
}

/* `events: [{id: khao-sat, label: Có kết quả khảo sát}]` */
static void load_events(struct loader *L, const struct ynode *seq)
{
	static const char *const keys[] = { "id", "label", NULL };
	struct form *f = L->f;

	if (!seq_of(L, seq, "events"))
		return;
	f->events = xcalloc(seq->nitems + 1, sizeof *f->events);
	for (size_t i = 0; i < seq->nitems; i++) {
		const struct ynode *m = seq->items[i], *v;
		struct form_event *e = &f->events[f->nevents];
		if (!check_keys(L, m, TR("sự kiện", "an event"), keys))
			continue;
		f->nevents++;
		if ((v = need(L, m, "id", TR("sự kiện", "an event"))) != NULL &&
		    (e->id = name_of(L, v, "id", 40)) != NULL)
			for (size_t j = 0; j + 1 < f->nevents; j++)
				if (f->events[j].id && strcmp(f->events[j].id, e->id) == 0)
					ERR(L, v, TR("sự kiện '%s' đã có", "event '%s' defined twice"),
					    e->id);
		if ((v = need(L, m, "label", TR("sự kiện", "an event"))) != NULL)
			e->label = text_of(L, v, "label");
	}
}

static void load_root(struct loader *L, const struct ynode *root)
{
	static const char *const keys[] = { "form", "version", "title", "unit", "source",
					    "reports", "choices", "fields", "alerts", "valid",
					    "events", NULL };
	static const char *const skeys[] = { "plan", "appendix", "note", NULL };
	struct form *f = L->f;
	const struct ynode *v;
	long version = 0;

	if (!check_keys(L, root, TR("tệp biểu mẫu", "a form file"), keys))
		return;
	if ((v = need(L, root, "form", TR("tệp biểu mẫu", "the form file"))) != NULL)
		f->id = name_of(L, v, "form", 32);
	if ((v = need(L, root, "version", TR("tệp biểu mẫu", "the form file"))) != NULL &&
	    int_of(L, v, "version", 1, 1000000, &version))
		f->version = (int)version;
	if ((v = need(L, root, "title", TR("tệp biểu mẫu", "the form file"))) != NULL)
		f->title = text_of(L, v, "title");
	if ((v = need(L, root, "unit", TR("tệp biểu mẫu", "the form file"))) != NULL)
		if ((f->unit_kind = name_of(L, v, "unit", 40)) != NULL)
			kind_used(L, f->unit_kind, "unit", v);
	if ((v = ynode_get(root, "source")) != NULL &&
	    check_keys(L, v, "source", skeys)) {
		const struct ynode *s;
		if ((s = ynode_get(v, "plan")) != NULL)
			f->plan = text_of(L, s, "plan");
		if ((s = ynode_get(v, "appendix")) != NULL)
			f->appendix = text_of(L, s, "appendix");
		if ((s = ynode_get(v, "note")) != NULL)
			f->source_note = text_of(L, s, "note");
	}
	if ((v = ynode_get(root, "valid")) != NULL)
		load_valid(L, v);
	if ((v = ynode_get(root, "events")) != NULL)
		load_events(L, v);
	if ((v = need(L, root, "reports", TR("tệp biểu mẫu", "the form file"))) != NULL)
		load_reports(L, v);
	if ((v = ynode_get(root, "choices")) != NULL)
		load_choices(L, v);
	if ((v = need(L, root, "fields", TR("tệp biểu mẫu", "the form file"))) != NULL)
		load_fields(L, v, -1, -1, f->nreports >= 32 ? ~0u : (1u << f->nreports) - 1, 0);
	if ((v = ynode_get(root, "alerts")) != NULL)
		load_alerts(L, v);
	resolve_ratios(L);
	resolve_row_targets(L);
	compile_pending(L);
	if (L->nerrs == 0) {
		check_scopes(L);
		check_cycles(L);
		check_totals(L);
	}
}

static size_t kinds_unknown(struct form *f, const struct form_kinds *k, struct loader *L);

struct form *form_load(const char *path, const char *text, size_t len,
		       struct form_errors *errs)
{
	return form_load_kinds(path, text, len, NULL, errs);
}

struct form *form_load_kinds(const char *path, const char *text, size_t len,
			     const struct form_kinds *kinds, struct form_errors *errs)
{
	struct loader L = { .path = path };
	struct ynode *root;
	int line, col;
	char *cause = NULL;

	memset(errs, 0, sizeof *errs);
	L.f = xcalloc(1, sizeof *L.f);
	L.f->path = xstrdup(path);
	L.f->valid_from = L.f->valid_to = -1;
	if (len > FORM_MAX_BYTES) {
		error_at(&L, 1, 1, TR("tệp lớn quá %d byte", "file larger than %d bytes"),
			 FORM_MAX_BYTES);
		root = NULL;
	} else if (memchr(text, '\0', len) != NULL || !text_valid_lines(text)) {
		error_at(&L, 1, 1, "%s", TR("tệp không phải văn bản UTF-8 hợp lệ",
					    "the file is not valid UTF-8 text"));
		root = NULL;
	} else {
		root = ytree_parse(text, len, &line, &col, &cause);
		if (root == NULL) {
			error_at(&L, line, col, "%s", cause);
			free(cause);
		}
	}
	if (root != NULL)
		load_root(&L, root);
	/* the plan's validity bounds every report's periods (deadline_applies) */
	for (size_t r = 0; r < L.f->nreports; r++) {
		L.f->reports[r].rule.valid_from = L.f->valid_from;
		L.f->reports[r].rule.valid_to = L.f->valid_to;
	}
	ytree_free(root);
	free(L.pend);
	for (size_t i = 0; i < L.nratios; i++) {
		free(L.ratios[i].num);
		free(L.ratios[i].den);
	}
	free(L.ratios);
	free(L.rtargets);
	/* the kinds are held against the roster even when the file has errors:
	 * a misspelt lead is said in the same run as a misspelt key */
	if (kinds != NULL && kinds->n > 0)
		kinds_unknown(L.f, kinds, &L);
	if (L.nnotes > 1)
		qsort(L.notes, L.nnotes, sizeof *L.notes, error_cmp);
	/* warnings are said in the same run as errors, in line order with them
	 * (FORMAT.md: "on the same stream"), not only once the errors are gone */
	size_t nerrs = L.nerrs;
	for (size_t i = 0; i < L.nnotes; i++) {
		if (nerrs == 0) {
			L.f->notes = xreallocarray(L.f->notes, L.f->nnotes + 1, sizeof *L.f->notes);
			L.f->notes[L.f->nnotes++] = xasprintf(TR("cảnh báo: %s" ERR_WHERE_SEP "%s:%d:%d",
				"warning: %s" ERR_WHERE_SEP "%s:%d:%d"), L.notes[i].msg, path,
				L.notes[i].line, L.notes[i].col);
		} else {
			error_at(&L, L.notes[i].line, L.notes[i].col, TR("cảnh báo: %s",
				 "warning: %s"), L.notes[i].msg);
		}
		free(L.notes[i].msg);
	}
	free(L.notes);
	if (L.nerrs == 0)
		return L.f;

	errors_out(&L, errs);
	form_free(L.f);
	return NULL;
}

struct form *form_load_file(const char *path, struct form_errors *errs)
{
	return form_load_file_kinds(path, NULL, errs);
}

struct form *form_load_file_kinds(const char *path, const struct form_kinds *kinds,
				  struct form_errors *errs)
{
	struct buf b;
	struct form *f;

	buf_init(&b, FORM_MAX_BYTES + 1);
	if (buf_read_file(&b, path) < 0) {
		memset(errs, 0, sizeof *errs);
		errs->lines = xcalloc(1, sizeof *errs->lines);
		errs->lines[0] = errno == EFBIG
			? xasprintf(TR("tệp lớn quá %d byte" ERR_WHERE_SEP "%s:1:1", "file larger than %d bytes"
				    ERR_WHERE_SEP "%s:1:1"), FORM_MAX_BYTES, path)
			: err_fmt_at(path, TR("không đọc được: %s", "cannot read: %s"),
				    err_os(errno));
		errs->n = 1;
		buf_free(&b);
		return NULL;
	}
	f = form_load_kinds(path, b.data ? b.data : "", b.len, kinds, errs);
	buf_free(&b);
	return f;
}

void form_errors_free(struct form_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++)
		free(errs->lines[i]);
	free(errs->lines);
	memset(errs, 0, sizeof *errs);
}

/*
 * The unit kinds F names that are not among K's known kinds, one message a
 * kind at its first use (the rest counted), with the nearest known kind.
 * Each goes to L's warnings when L is given (the loader: said in line order
 * with the errors), else is appended to F->notes. Returns how many.
 */
static size_t kinds_unknown(struct form *f, const struct form_kinds *k, struct loader *L)
{
	size_t added = 0;

	for (size_t i = 0; i < f->nkind_uses; i++) {
		const struct form_kind_use *u = &f->kind_uses[i];
		const char *near;
		bool found = false;
		size_t more = 0;
		char *also, *msg;

		for (size_t j = 0; j < k->n && !found; j++)
			found = strcmp(k->known[j], u->kind) == 0;
		/* one line a kind, at its first use: the rest are counted */
		for (size_t j = 0; j < i && !found; j++)
			found = strcmp(f->kind_uses[j].kind, u->kind) == 0;
		if (found)
			continue;
		for (size_t j = i + 1; j < f->nkind_uses; j++)
			more += strcmp(f->kind_uses[j].kind, u->kind) == 0;
		also = more > 0 ? xasprintf(TR(", và %zu chỗ khác", ", and %zu more places"), more)
		    : xstrdup("");
		near = nearest_n(u->kind, k->known, k->n);
		if (strcmp(u->key, "helpers") == 0)
			/* the row has its lead: the helper is only never shown it */
			msg = near != NULL
			    ? xasprintf(TR("không đơn vị nào %s có loại '%s' (%s%s): đơn vị phối hợp này "
				"không bao giờ thấy dòng; có phải '%s'?", "no unit %s is of kind '%s' "
				"(%s%s): this helper is never shown the row; did you mean '%s'?"),
				k->where, u->kind, u->key, also, near)
			    : xasprintf(TR("không đơn vị nào %s có loại '%s' (%s%s): đơn vị phối hợp này "
				"không bao giờ thấy dòng", "no unit %s is of kind '%s' (%s%s): this helper "
				"is never shown the row"), k->where, u->kind, u->key, also);
		else if (near != NULL)
			msg = xasprintf(TR("không đơn vị nào %s có loại '%s' (%s%s): việc này không ai "
			    "làm; có phải '%s'?", "no unit %s is of kind '%s' (%s%s): nobody owes this; "
			    "did you mean '%s'?"), k->where, u->kind, u->key, also, near);
		else
			msg = xasprintf(TR("không đơn vị nào %s có loại '%s' (%s%s): việc này không ai "
			    "làm", "no unit %s is of kind '%s' (%s%s): nobody owes this"), k->where,
			    u->kind, u->key, also);
		if (L != NULL) {
			note_at(L, u->line, u->col, "%s", msg);
		} else {
			f->notes = xreallocarray(f->notes, f->nnotes + 1, sizeof *f->notes);
			f->notes[f->nnotes++] = xasprintf(TR("cảnh báo: %s" ERR_WHERE_SEP "%s:%d:%d",
			    "warning: %s" ERR_WHERE_SEP "%s:%d:%d"), msg, f->path, u->line, u->col);
		}
		free(msg);
		free(also);
		added++;
	}
	return added;
}

size_t form_check_kinds(struct form *f, const char *const *known, size_t n, const char *where)
{
	struct form_kinds k = { known, n, where };

	return kinds_unknown(f, &k, NULL);
}

void form_free(struct form *f)
{
	if (f == NULL)
		return;
	free(f->kind_uses);
	for (size_t i = 0; i < f->nreports; i++) {
		free(f->reports[i].id);
		free(f->reports[i].form_id);
		free(f->reports[i].title);
	}
	free(f->reports);
	for (size_t i = 0; i < f->nlists; i++) {
		for (size_t j = 0; j < f->lists[i].nchoices; j++) {
			free(f->lists[i].choices[j].value);
			free(f->lists[i].choices[j].label);
		}
		free(f->lists[i].choices);
		free(f->lists[i].name);
	}
	free(f->lists);
	for (size_t i = 0; i < f->nfields; i++) {
		struct form_field *fd = &f->fields[i];
		free(fd->name);
		free(fd->label);
		free(fd->hint);
		free(fd->unit);
		free(fd->constraint_message);
		free(fd->def);
		free(fd->target);
		form_target_free(&fd->tgt);
		free(fd->stt);
		expr_free(fd->constraint);
		expr_free(fd->relevant);
		expr_free(fd->calculation);
		for (size_t j = 0; j < fd->nwarns; j++) {
			expr_free(fd->warns[j].expr);
			free(fd->warns[j].message);
		}
		free(fd->warns);
		for (size_t j = 0; j < fd->nrows; j++) {
			struct form_row *r = &fd->rows[j];
			free(r->id); free(r->label); free(r->lead); free(r->helpers);
			free(r->basis); free(r->due); free(r->target); free(r->product);
			free(r->note);
			free(r->deadline);
			form_target_free(&r->tgt);
			for (size_t k = 0; k < r->ntargets; k++) {
				free(r->targets[k].text);
				form_target_free(&r->targets[k].tgt);
			}
			free(r->targets);
			for (size_t k = 0; k < r->nleads; k++)
				free(r->leads[k]);
			free(r->leads);
			for (size_t k = 0; k < r->nhelps; k++)
				free(r->helps[k]);
			free(r->helps);
		}
		free(fd->rows);
	}
	free(f->fields);
	for (size_t i = 0; i < f->nalerts; i++) {
		free(f->alerts[i].name);
		expr_free(f->alerts[i].when);
		free(f->alerts[i].message);
	}
	free(f->alerts);
	for (size_t i = 0; i < f->nevents; i++) {
		free(f->events[i].id);
		free(f->events[i].label);
	}
	free(f->events);
	for (size_t i = 0; i < f->nnotes; i++)
		free(f->notes[i]);
	free(f->notes);
	free(f->id);
	free(f->title);
	free(f->unit_kind);
	free(f->plan);
	free(f->appendix);
	free(f->source_note);
	free(f->path);
	free(f);
}

int form_field_index(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->nfields; i++)
		if (f->fields[i].name && strcmp(f->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

int form_report_index(const struct form *f, const char *form_id)
{
	for (size_t i = 0; i < f->nreports; i++)
		if (f->reports[i].form_id && strcmp(f->reports[i].form_id, form_id) == 0)
			return (int)i;
	return -1;
}

int form_report_by_id(const struct form *f, const char *id)
{
	for (size_t i = 0; i < f->nreports; i++)
		if (f->reports[i].id && strcmp(f->reports[i].id, id) == 0)
			return (int)i;
	return -1;
}

bool form_field_in_report(const struct form *f, int field, int report)
{
	return (f->fields[field].reports >> report) & 1u;
}

bool form_field_has_value(const struct form_field *fd)
{
	return fd->type != FIELD_GROUP && fd->type != FIELD_NOTE && fd->type != FIELD_REPEAT &&
	       fd->type != FIELD_GRID;
}

/* ---- the working-day calendar ---- */

static bool cal_date(struct loader *L, const struct ynode *n, const char *key, long *day)
{
	const char *s = scalar(L, n, key);
	if (s == NULL)
		return false;
	if (!date_parse(s, day)) {
		ERR(L, n, TR("'%s' phải là một ngày dạng YYYY-MM-DD: \"%s\"",
			     "'%s' must be a date written YYYY-MM-DD: \"%s\""), key, s);
		return false;
	}
	return true;
}

static void cal_days(struct loader *L, const struct ynode *seq, const char *key,
		     struct cal *c, bool off)
{
	static const char *const keys[] = { "date", "from", "to", "name", NULL };

	if (!seq_of(L, seq, key))
		return;
	for (size_t i = 0; i < seq->nitems; i++) {
		const struct ynode *m = seq->items[i], *d = NULL, *fr, *to;
		long a, b;

		if (!check_keys(L, m, key, keys))
			continue;
		d = ynode_get(m, "date");
		fr = ynode_get(m, "from");
		to = ynode_get(m, "to");
		if (d != NULL && (fr || to)) {
			ERR(L, m, "%s", TR("dùng 'date' hoặc 'from'/'to', không dùng cả hai",
					   "use 'date' or 'from'/'to', not both"));
			continue;
		}
		if (d != NULL) {
			if (!cal_date(L, d, "date", &a))
				continue;
			b = a;
		} else if (fr && to) {
			if (!cal_date(L, fr, "from", &a) || !cal_date(L, to, "to", &b))
				continue;
			if (b < a || b - a > 31) {
				ERR(L, to, "%s", TR("'to' phải sau 'from' và cách không quá 31 ngày",
						    "'to' must follow 'from' by at most 31 days"));
				continue;
			}
		} else {
			ERR(L, m, "%s", TR("cần 'date' hoặc 'from' và 'to'",
					   "'date' or 'from' and 'to' is needed"));
			continue;
		}
		for (long day = a; day <= b; day++) {
			if (off)
				cal_add_holiday(c, day);
			else
				cal_add_workday(c, day);
		}
	}
}

bool form_calendar_load(const char *path, const char *text, size_t len, struct cal *c,
			struct form_errors *errs)
{
	static const char *const keys[] = { "calendar", "holidays", "workdays", NULL };
	struct loader L = { .path = path };
	struct ynode *root = NULL;
	int line, col;
	char *cause = NULL;
	struct cal tmp = { 0 };

	memset(errs, 0, sizeof *errs);
	if (len > FORM_MAX_BYTES || memchr(text, '\0', len) != NULL || !text_valid_lines(text)) {
		error_at(&L, 1, 1, "%s", TR("tệp không phải văn bản UTF-8 hợp lệ hoặc quá lớn",
					    "the file is not valid UTF-8 text, or too large"));
	} else if ((root = ytree_parse(text, len, &line, &col, &cause)) == NULL) {
		error_at(&L, line, col, "%s", cause);
		free(cause);
	} else if (check_keys(&L, root, TR("lịch ngày nghỉ", "a calendar"), keys)) {
		const struct ynode *v;
		if ((v = need(&L, root, "holidays", TR("lịch ngày nghỉ", "the calendar"))) != NULL)
			cal_days(&L, v, "holidays", &tmp, true);
		if ((v = ynode_get(root, "workdays")) != NULL)
			cal_days(&L, v, "workdays", &tmp, false);
	}
	ytree_free(root);
	if (L.nerrs == 0) {
		cal_free(c);
		*c = tmp;
		return true;
	}
	cal_free(&tmp);
	errors_out(&L, errs);
	return false;
}

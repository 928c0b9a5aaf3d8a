/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form-xlsform.c: XLSForm -> form file (form-xlsform.h).
 *
 * The survey sheet is read into a flat list of items (fields, begin/end of
 * groups and repeats) by its header row; the choices and settings sheets
 * beside it. Names are made baocao names (lower case, '-' and '_', at most
 * 40 characters) and every `${name}` in an expression is renamed with them.
 *
 * Expressions are XLSForm's, and most of XLSForm's XPath is ours; what is not
 * (regex(), position(), jr:choice-name(), ...) is found by the loader
 * itself: the file is written, loaded, and each key an error points at is
 * dropped and listed, until the file loads (or an error points at no key we
 * can drop, which is then said as forms check says it).
 */
#include "form-xlsform.h"
#include "form.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum xk { XK_FIELD, XK_GROUP, XK_REPEAT, XK_END };

/* The columns kept; the others are listed when a row uses them. */
enum xc { C_TYPE, C_NAME, C_LABEL, C_HINT, C_REQUIRED, C_RELEVANT, C_CONSTRAINT, C_CMSG,
	C_CALC, C_DEFAULT, NXC };
static const char *const xc_name[NXC] = { "type", "name", "label", "hint", "required", "relevant",
	"constraint", "constraint_message", "calculation", "default" };
/* The keys written for them (C_TYPE.. are never dropped). */
static const char *const xc_key[NXC] = { "type", "name", "label", "hint", "required", "relevant",
	"constraint", "constraint_message", "calculation", "default" };

struct xitem {
	enum xk kind;
	int row;		/* 1-based row of the survey sheet */
	char *v[NXC];		/* values by column (type: our type) */
	char *list;		/* select_*: the list's name */
	int depth;
	bool dropped;
	bool drop_key[NXC];
};

struct xlist {
	char *name;
	char **values, **labels;
	size_t n;
};

struct xs {
	struct xitem *it;
	size_t n;
	struct xlist *lists;
	size_t nlists;
	char **orig, **renamed;	/* name map */
	size_t nnames;
	struct xlsform_result *out;
	int *line_item, *line_key;	/* per output line: the item and column, or -1 */
	size_t nlines, caplines;
};

static void
say(struct xs *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct xs *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	x->out->unsupported = xreallocarray(x->out->unsupported, x->out->nunsupported + 1,
	    sizeof *x->out->unsupported);
	x->out->unsupported[x->out->nunsupported++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static const struct doc_table *
sheet(const struct doc_tables *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->t[i].name && strcasecmp(t->t[i].name, name) == 0)
			return &t->t[i];
	return NULL;
}

/* The header: the first row with a cell; its index into *HDR (or t->nrows). */
static size_t
header_row(const struct doc_table *s)
{
	for (size_t r = 0; r < s->nrows; r++)
		for (size_t c = 0; c < s->rows[r].ncells; c++)
			if (*doc_cell_text(&s->rows[r], c))
				return r;
	return s->nrows;
}

/* Column of header NAME ("list_name" also matches "list name"); LABEL also
 * takes the first "label::..." when there is no plain one. */
static int
column(const struct doc_table *s, size_t hdr, const char *name)
{
	int found = -1;

	for (size_t c = 0; c < s->rows[hdr].ncells; c++) {
		char h[64];
		snprintf(h, sizeof h, "%s", doc_cell_text(&s->rows[hdr], c));
		for (char *p = h; *p; p++)
			*p = *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
		if (strcmp(h, name) == 0)
			return (int)c;
		if (found < 0 && strncmp(h, name, strlen(name)) == 0 && strncmp(h + strlen(name), "::", 2) == 0)
			found = (int)c;
	}
	return found;
}

/* A baocao name from an XLSForm one: accents folded first ("Số hộ" ->
 * "so ho"), lower case; what is not a letter, digit, '-' or '_' becomes
 * '_'; a letter first; at most 40 bytes. */
static char *
name_make(const char *name)
{
	char *folded = text_fold(name);
	const char *s = folded ? folded : name;
	char *o = xmalloc(strlen(s) + 3), *p = o;

	if (!isalpha((unsigned char)*s))
		*p++ = 'f', *p++ = '_';
	for (; *s && p - o < 40; s++) {
		unsigned char c = (unsigned char)*s;
		*p++ = isalnum(c) && c < 0x80 ? (char)tolower(c) : (c == '-' || c == '_') ? (char)c : '_';
	}
	*p = '\0';
	free(folded);
	return o;
}

/* Is NAME taken by an earlier survey row? */
static bool
name_taken(const struct xs *x, const char *name)
{
	for (size_t i = 0; i < x->nnames; i++)
		if (strcmp(x->renamed[i], name) == 0)
			return true;
	return false;
}

static const char *
renamed(const struct xs *x, const char *orig)
{
	for (size_t i = 0; i < x->nnames; i++)
		if (strcmp(x->orig[i], orig) == 0)
			return x->renamed[i];
	return NULL;
}

/* EXPR with every ${name} renamed (an unknown name kept: the loader says). */
static char *
rename_refs(const struct xs *x, const char *expr)
{
	struct buf b;
	const char *p = expr;

	buf_init(&b, 0);
	while (*p) {
		const char *end;
		if (p[0] == '$' && p[1] == '{' && (end = strchr(p + 2, '}'))) {
			char *n = xstrndup(p + 2, (size_t)(end - p - 2));
			const char *r = renamed(x, n);
			if (buf_printf(&b, "${%s}", r ? r : n) != 0)
				abort();
			free(n);
			p = end + 1;
			continue;
		}
		if (buf_add(&b, p++, 1) != 0)
			abort();
	}
	return b.data ? buf_detach(&b, NULL) : xstrdup("");
}

static bool
is_true(const char *s)
{
	return strcasecmp(s, "yes") == 0 || strcasecmp(s, "true") == 0 || strcasecmp(s, "true()") == 0 ||
	    strcmp(s, "1") == 0;
}

static bool
is_false(const char *s)
{
	return !*s || strcasecmp(s, "no") == 0 || strcasecmp(s, "false") == 0 ||
	    strcasecmp(s, "false()") == 0 || strcmp(s, "0") == 0;
}

/* Read the survey sheet into X->it. */
static enum err
read_survey(struct xs *x, const struct doc_table *s, const char *docname, char **cause)
{
	size_t hdr = header_row(s);
	int col[NXC];
	int depth = 0, repeat_depth = -1;
	int stack[64];

	if (hdr >= s->nrows)
		return err_set_at(cause, ERR_INVALID, docname, TR("trang 'survey' trống", "the 'survey' sheet is empty"));
	for (int c = 0; c < NXC; c++)
		col[c] = column(s, hdr, xc_name[c]);
	if (col[C_CMSG] < 0)
		col[C_CMSG] = column(s, hdr, "constraint_message");
	if (col[C_TYPE] < 0 || col[C_NAME] < 0)
		return err_set_at(cause, ERR_INVALID, docname, TR("trang 'survey' thiếu cột 'type' hoặc 'name'",
		    "the 'survey' sheet has no 'type' or 'name' column"));
	/* columns we do not read, said once each when some row fills them */
	for (size_t c = 0; c < s->rows[hdr].ncells; c++) {
		bool ours = false, used = false;
		const char *h = doc_cell_text(&s->rows[hdr], c);
		for (int k = 0; k < NXC; k++)
			ours |= col[k] == (int)c;
		if (ours || !*h)
			continue;
		for (size_t r = hdr + 1; r < s->nrows && !used; r++)
			used = *doc_cell_text(&s->rows[r], c) != '\0';
		if (used)	/* an unused column (an empty language) says nothing */
			say(x, TR("survey: cột '%s' không hỗ trợ — bỏ qua", "survey: column '%s' is not supported — left out"),
			    h);
	}
	for (size_t r = hdr + 1; r < s->nrows; r++) {
		const struct doc_row *row = &s->rows[r];
		char type[128], *sp;
		const char *name = doc_cell_text(row, (size_t)col[C_NAME]);
		struct xitem it = { 0 };
		int rown = (int)r + 1;

		snprintf(type, sizeof type, "%s", doc_cell_text(row, (size_t)col[C_TYPE]));
		for (char *p = type; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!*type) {
			if (*name)
				say(x, TR("survey dòng %d: '%s' không có kiểu — bỏ qua", "survey row %d: '%s' has no type — left out"),
				    rown, name);
			continue;
		}
		/* "begin_group" is "begin group" */
		if (strncmp(type, "begin_", 6) == 0)
			type[5] = ' ';
		else if (strncmp(type, "end_", 4) == 0)
			type[3] = ' ';
		it.row = rown;
		it.depth = depth;
		if (strcmp(type, "end group") == 0 || strcmp(type, "end repeat") == 0) {
			if (depth == 0) {
				say(x, TR("survey dòng %d: '%s' không có 'begin' — bỏ qua", "survey row %d: '%s' without 'begin' — left out"),
				    rown, type);
				continue;
			}
			depth--;
			if (repeat_depth == depth)
				repeat_depth = -1;
			if (stack[depth] < 0)
				continue;	/* the end of a group flattened into its repeat */
			it.kind = XK_END;
			it.depth = depth;
			x->it = xreallocarray(x->it, x->n + 1, sizeof *x->it);
			x->it[x->n++] = it;
			continue;
		}
		if (strcmp(type, "begin group") == 0 || strcmp(type, "begin repeat") == 0) {
			bool rep = type[6] == 'r';
			if (depth >= 8) {
				return err_set_at(cause, ERR_INVALID, docname, TR("survey dòng %d: nhóm lồng quá 8 tầng",
				    "survey row %d: groups nested deeper than 8"), rown);
			}
			if (repeat_depth >= 0) {
				/* a group or repeat inside a repeat: its fields go in the repeat */
				say(x, TR("survey dòng %d: '%s' nằm trong một repeat — không hỗ trợ, các trường của nó "
				    "đưa thẳng vào repeat", "survey row %d: '%s' inside a repeat is not supported — its "
				    "fields go into the repeat"), rown, type);
				stack[depth++] = -1;
				continue;
			}
			it.kind = rep ? XK_REPEAT : XK_GROUP;
			if (rep)
				repeat_depth = depth;
			stack[depth] = (int)x->n;
			depth++;
		} else {
			it.kind = XK_FIELD;
			sp = strchr(type, ' ');
			if (sp)
				*sp++ = '\0';
			if (strcmp(type, "select_one") == 0 || strcmp(type, "select_multiple") == 0) {
				if (!sp || !*sp) {
					say(x, TR("survey dòng %d: '%s' không nêu danh sách — bỏ qua",
					    "survey row %d: '%s' names no list — left out"), rown, type);
					continue;
				}
				if (strstr(sp, " or_other"))
					say(x, TR("survey dòng %d: 'or_other' không hỗ trợ — bỏ qua lựa chọn khác",
					    "survey row %d: 'or_other' is not supported — left out"), rown);
				*strchrnul(sp, ' ') = '\0';
				it.list = name_make(sp);
			} else if (strcmp(type, "integer") && strcmp(type, "decimal") && strcmp(type, "text") &&
				   strcmp(type, "date") && strcmp(type, "time") && strcmp(type, "note") &&
				   strcmp(type, "calculate")) {
				static const char *const meta[] = { "start", "end", "today", "deviceid", "subscriberid",
					"simserial", "phonenumber", "username", "email", "audit", "start-geopoint", NULL };
				bool is_meta = false;
				for (int m = 0; meta[m]; m++)
					is_meta |= strcmp(type, meta[m]) == 0;
				say(x, is_meta ? TR("survey dòng %d: trường siêu dữ liệu '%s' (%s) — bỏ qua",
				    "survey row %d: metadata field '%s' (%s) — left out") :
				    TR("survey dòng %d: kiểu '%s' của '%s' không hỗ trợ — bỏ qua",
				    "survey row %d: type '%s' of '%s' is not supported — left out"), rown,
				    is_meta ? name : type, is_meta ? type : name);
				continue;
			}
		}
		it.v[C_TYPE] = xstrdup(it.kind == XK_GROUP ? "group" : it.kind == XK_REPEAT ? "repeat" : type);
		if (!*name) {
			say(x, TR("survey dòng %d: không có tên — bỏ qua", "survey row %d: no name — left out"), rown);
			if (it.kind != XK_FIELD) {
				/* keep the nesting: a nameless group is named by its row */
				char n[32];
				snprintf(n, sizeof n, "nhom-%d", rown);
				it.v[C_NAME] = xstrdup(n);
			} else {
				free(it.v[C_TYPE]);
				free(it.list);
				continue;
			}
		} else {
			it.v[C_NAME] = name_make(name);
			if (name_taken(x, it.v[C_NAME])) {
				/* "Ho Ngheo" made ho_ngheo already: a later ho_ngheo is not
				 * dropped as a repeat but renamed, and said */
				char *base = it.v[C_NAME];
				if (strlen(base) > 36)
					base[36] = '\0';	/* room for "_999" within 40 */
				for (int k = 2; k < 1000; k++) {
					char *c = xasprintf("%s_%d", base, k);
					if (!name_taken(x, c)) {
						it.v[C_NAME] = c;
						break;
					}
					free(c);
				}
				if (it.v[C_NAME] != base)
					free(base);
				say(x, TR("survey dòng %d: tên '%s' trùng một tên trước — đổi thành '%s'",
				    "survey row %d: name '%s' repeats an earlier one — it becomes '%s'"),
				    rown, name, it.v[C_NAME]);
			} else if (strcmp(it.v[C_NAME], name) != 0)
				say(x, TR("survey dòng %d: tên '%s' đổi thành '%s'", "survey row %d: name '%s' becomes '%s'"),
				    rown, name, it.v[C_NAME]);
			x->orig = xreallocarray(x->orig, x->nnames + 1, sizeof *x->orig);
			x->renamed = xreallocarray(x->renamed, x->nnames + 1, sizeof *x->renamed);
			x->orig[x->nnames] = xstrdup(name);
			x->renamed[x->nnames++] = xstrdup(it.v[C_NAME]);
		}
		for (int c = C_LABEL; c < NXC; c++) {
			const char *v = col[c] >= 0 ? doc_cell_text(row, (size_t)col[c]) : "";
			if (*v)
				it.v[c] = xstrdup(v);
		}
		if (it.v[C_REQUIRED]) {
			if (is_false(it.v[C_REQUIRED])) {
				free(it.v[C_REQUIRED]);
				it.v[C_REQUIRED] = NULL;
			} else if (!is_true(it.v[C_REQUIRED])) {
				say(x, TR("survey dòng %d: 'required' có điều kiện (%s) không hỗ trợ — bỏ qua",
				    "survey row %d: a conditional 'required' (%s) is not supported — left out"), rown,
				    it.v[C_REQUIRED]);
				free(it.v[C_REQUIRED]);
				it.v[C_REQUIRED] = NULL;
			}
		}
		if (!it.v[C_LABEL]) {
			/* a calculate is shown too: it takes its name, said as for any field */
			it.v[C_LABEL] = xstrdup(it.v[C_NAME]);
			say(x, TR("survey dòng %d: '%s' không có nhãn — lấy tên làm nhãn",
			    "survey row %d: '%s' has no label — its name is used"), rown, it.v[C_NAME]);
		}
		x->it = xreallocarray(x->it, x->n + 1, sizeof *x->it);
		x->it[x->n++] = it;
	}
	while (depth > 0) {
		struct xitem end = { .kind = XK_END, .depth = --depth };
		if (stack[depth] < 0)
			continue;
		say(x, TR("survey: một nhóm không có 'end' — đóng ở cuối", "survey: a group without 'end' — closed at the end"));
		x->it = xreallocarray(x->it, x->n + 1, sizeof *x->it);
		x->it[x->n++] = end;
	}
	/* expressions: ${name} renamed */
	for (size_t i = 0; i < x->n; i++)
		for (int c = C_RELEVANT; c < NXC; c++)
			if (x->it[i].v[c] && c != C_CMSG) {
				char *r = rename_refs(x, x->it[i].v[c]);
				free(x->it[i].v[c]);
				x->it[i].v[c] = r;
			}
	return ERR_OK;
}

static void
read_choices(struct xs *x, const struct doc_table *s)
{
	size_t hdr;
	int cl, cn, cb;

	if (!s)
		return;
	hdr = header_row(s);
	if (hdr >= s->nrows)
		return;
	cl = column(s, hdr, "list_name");
	cn = column(s, hdr, "name");
	cb = column(s, hdr, "label");
	if (cl < 0 || cn < 0) {
		say(x, TR("choices: thiếu cột 'list_name' hoặc 'name' — bỏ qua cả trang",
		    "choices: no 'list_name' or 'name' column — the sheet is left out"));
		return;
	}
	for (size_t r = hdr + 1; r < s->nrows; r++) {
		const struct doc_row *row = &s->rows[r];
		const char *ln = doc_cell_text(row, (size_t)cl), *v = doc_cell_text(row, (size_t)cn);
		const char *lb = cb >= 0 ? doc_cell_text(row, (size_t)cb) : "";
		char *lname, *val;
		struct xlist *l = NULL;

		if (!*ln && !*v)
			continue;
		if (!*ln || !*v) {
			say(x, TR("choices dòng %zu: thiếu list_name hoặc name — bỏ qua",
			    "choices row %zu: no list_name or name — left out"), r + 1);
			continue;
		}
		lname = name_make(ln);
		val = name_make(v);
		if (strcmp(val, v) != 0)
			say(x, TR("choices dòng %zu: giá trị '%s' đổi thành '%s' (biểu thức so với giá trị cũ "
			    "cần sửa tay)", "choices row %zu: value '%s' becomes '%s' (expressions comparing "
			    "with the old value need editing)"), r + 1, v, val);
		for (size_t i = 0; i < x->nlists && !l; i++)
			if (strcmp(x->lists[i].name, lname) == 0)
				l = &x->lists[i];
		if (!l) {
			x->lists = xreallocarray(x->lists, x->nlists + 1, sizeof *x->lists);
			l = &x->lists[x->nlists++];
			memset(l, 0, sizeof *l);
			l->name = lname;
		} else
			free(lname);
		bool dup = false;
		for (size_t i = 0; i < l->n; i++)
			dup |= strcmp(l->values[i], val) == 0;
		if (dup) {
			say(x, TR("choices dòng %zu: giá trị '%s' lặp lại trong '%s' — bỏ qua",
			    "choices row %zu: value '%s' repeated in '%s' — left out"), r + 1, val, l->name);
			free(val);
			continue;
		}
		l->values = xreallocarray(l->values, l->n + 1, sizeof *l->values);
		l->labels = xreallocarray(l->labels, l->n + 1, sizeof *l->labels);
		l->values[l->n] = val;
		l->labels[l->n++] = xstrdup(*lb ? lb : v);
	}
}

/* ---- writing ------------------------------------------------------------ */

static void
line_mark(struct xs *x, int item, int key)
{
	if (x->nlines == x->caplines) {
		x->caplines = x->caplines ? x->caplines * 2 : 256;
		x->line_item = xreallocarray(x->line_item, x->caplines, sizeof *x->line_item);
		x->line_key = xreallocarray(x->line_key, x->caplines, sizeof *x->line_key);
	}
	x->line_item[x->nlines] = item;
	x->line_key[x->nlines++] = key;
}

/* Append "TEXT" (one line, quoted) to B and record the line's owner. */
static void
emit(struct xs *x, struct buf *b, int item, int key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
emit(struct xs *x, struct buf *b, int item, int key, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (buf_addstr(b, s) != 0 || buf_addstr(b, "\n") != 0)
		abort();
	free(s);
	line_mark(x, item, key);
}

static char *
quote(const char *s)
{
	struct buf b;

	buf_init(&b, 0);
	if (buf_addstr(&b, "\"") != 0)
		abort();
	for (; *s; s++) {
		int rc = *s == '"' || *s == '\\' ? buf_printf(&b, "\\%c", *s) :
		    (unsigned char)*s < 0x20 ? buf_addstr(&b, " ") : buf_add(&b, s, 1);
		if (rc != 0)
			abort();
	}
	if (buf_addstr(&b, "\"") != 0)
		abort();
	return buf_detach(&b, NULL);
}

static char *
write_yaml(struct xs *x, const char *id, const char *title, int version, const char *unit)
{
	struct buf b;
	char *t;
	int indent = 2;

	x->nlines = 0;
	buf_init(&b, 0);
	emit(x, &b, -1, -1, "# Từ XLSForm bằng `baocao forms import`; hãy đọc lại trước khi cài.");
	emit(x, &b, -1, -1, "form: %s", id);
	emit(x, &b, -1, -1, "version: %d", version);
	t = quote(title);
	emit(x, &b, -1, -1, "title: %s", t);
	free(t);
	emit(x, &b, -1, -1, "unit: %s", unit);
	emit(x, &b, -1, -1, "reports:");
	emit(x, &b, -1, -1, "  - {id: thang, title: Báo cáo tháng, period: month, deadline: end}");
	if (x->nlists) {
		emit(x, &b, -1, -1, "choices:");
		for (size_t i = 0; i < x->nlists; i++) {
			emit(x, &b, -1, -1, "  %s:", x->lists[i].name);
			for (size_t k = 0; k < x->lists[i].n; k++) {
				t = quote(x->lists[i].labels[k]);
				emit(x, &b, -1, -1, "    - {value: %s, label: %s}", x->lists[i].values[k], t);
				free(t);
			}
		}
	}
	emit(x, &b, -1, -1, "fields:");
	for (size_t i = 0; i < x->n; i++) {
		struct xitem *it = &x->it[i];
		char pad[64];

		if (it->kind == XK_END) {
			indent -= 4;
			continue;
		}
		snprintf(pad, sizeof pad, "%*s", indent, "");
		if (it->dropped) {
			if (it->kind != XK_FIELD) {
				/* a dropped group still nests its fields: keep it as a group */
			} else
				continue;
		}
		emit(x, &b, (int)i, C_NAME, "%s- name: %s", pad, it->v[C_NAME]);
		emit(x, &b, (int)i, C_TYPE, "%s  type: %s", pad, it->v[C_TYPE]);
		if (it->list)
			emit(x, &b, (int)i, C_TYPE, "%s  list: %s", pad, it->list);
		for (int c = C_LABEL; c < NXC; c++) {
			if (!it->v[c] || it->drop_key[c])
				continue;
			if (c == C_CMSG && (!it->v[C_CONSTRAINT] || it->drop_key[C_CONSTRAINT]))
				continue;	/* the message of a constraint left out */
			if (c == C_REQUIRED) {
				emit(x, &b, (int)i, c, "%s  required: true", pad);
				continue;
			}
			t = quote(it->v[c]);
			emit(x, &b, (int)i, c, "%s  %s: %s", pad, xc_key[c], t);
			free(t);
		}
		if (it->kind != XK_FIELD) {
			bool empty = i + 1 >= x->n || x->it[i + 1].kind == XK_END;
			if (empty) {
				/* an empty group: a note keeps it legal */
				emit(x, &b, (int)i, C_NAME, "%s  fields:", pad);
				emit(x, &b, (int)i, C_NAME, "%s    - {name: %s-trong, type: note, label: (trống)}", pad,
				    it->v[C_NAME]);
			} else
				emit(x, &b, (int)i, C_NAME, "%s  fields:", pad);
			indent += 4;
		}
	}
	return buf_detach(&b, NULL);
}

void
form_xlsform_free(struct xlsform_result *r)
{
	free(r->yaml);
	for (size_t i = 0; i < r->nunsupported; i++)
		free(r->unsupported[i]);
	free(r->unsupported);
	memset(r, 0, sizeof *r);
}

enum err
form_xlsform_import(const struct doc_tables *t, const char *docname, const char *unit,
		    struct xlsform_result *out, char **cause)
{
	struct xs x = { 0 };
	const struct doc_table *sv = sheet(t, "survey"), *st = sheet(t, "settings");
	char *id = NULL, *title = NULL;
	int version = 1;
	enum err e = ERR_OK;
	size_t fields = 0;

	memset(out, 0, sizeof *out);
	x.out = out;
	if (!sv)
		return err_set_at(cause, ERR_INVALID, docname, TR("không có trang 'survey' (không phải XLSForm?)",
		    "no 'survey' sheet (not an XLSForm?)"));
	if ((e = read_survey(&x, sv, docname, cause)) != ERR_OK)
		goto out;
	read_choices(&x, sheet(t, "choices"));
	for (size_t i = 0; i < t->n; i++)
		if (strcasecmp(t->t[i].name, "survey") && strcasecmp(t->t[i].name, "choices") &&
		    strcasecmp(t->t[i].name, "settings"))
			say(&x, TR("trang '%s' không phải của XLSForm — bỏ qua", "sheet '%s' is not XLSForm's — left out"),
			    t->t[i].name);
	if (st) {
		size_t hdr = header_row(st);
		if (hdr + 1 < st->nrows) {
			for (size_t c = 0; c < st->rows[hdr].ncells; c++) {
				const char *h = doc_cell_text(&st->rows[hdr], c), *v = doc_cell_text(&st->rows[hdr + 1], c);
				if (!*v)
					continue;
				if (strcasecmp(h, "form_id") == 0) {
					free(id);
					id = name_make(v);
				} else if (strcasecmp(h, "form_title") == 0) {
					free(title);
					title = xstrdup(v);
				} else if (strcasecmp(h, "version") == 0) {
					char *end;
					long n = strtol(v, &end, 10);
					if (*end || n < 1 || n > 1000000) {
						say(&x, TR("settings: version '%s' không phải số nguyên 1–1000000 — ghi 1",
						    "settings: version '%s' is no whole number 1–1000000 — 1 written"), v);
					} else
						version = (int)n;
				} else {
					say(&x, TR("settings: '%s' không hỗ trợ — bỏ qua", "settings: '%s' is not supported — left out"),
					    h);
				}
			}
		}
	}
	if (!id) {
		const char *base = strrchr(docname, '/');
		char *stem = xstrdup(base ? base + 1 : docname), *dot = strrchr(stem, '.');
		if (dot)
			*dot = '\0';
		id = name_make(stem);
		free(stem);
	}
	for (char *p = id; *p; p++)
		if (*p == '_')
			*p = '-';
	if (strlen(id) > 32)
		id[32] = '\0';
	if (!title)
		title = xstrdup(id);
	if (!unit) {
		unit = "van-phong";
		say(&x, TR("đơn vị điền biểu: XLSForm không nói — ghi van-phong (dùng --unit LOẠI)",
		    "unit kind: an XLSForm does not say — van-phong written (use --unit KIND)"));
	}
	say(&x, TR("kỳ báo cáo: XLSForm không có — ghi báo cáo tháng hạn hết tháng; sửa `reports`",
	    "reporting period: an XLSForm has none — a monthly report due at the month's end; edit `reports`"));
	for (size_t i = 0; i < x.n; i++)
		fields += x.it[i].kind == XK_FIELD;
	if (fields == 0) {
		e = err_set_at(cause, ERR_INVALID, docname, TR("trang 'survey' không có trường nào dùng được",
		    "the 'survey' sheet has no usable field"));
		goto out;
	}
	/* load; drop each key an error points at; again */
	for (int round = 0; round < 200; round++) {
		struct form_errors errs = { 0 };
		struct form *f;
		char *yaml = write_yaml(&x, id, title, version, unit);
		bool dropped = false;

		f = form_load(docname, yaml, strlen(yaml), &errs);
		if (f) {
			form_free(f);
			out->yaml = yaml;
			break;
		}
		for (size_t k = 0; k < errs.n; k++) {
			/* "message — PATH:LINE:COL" (form.c, errors_out) */
			const char *sep = NULL, *p = "";
			for (const char *q = strstr(errs.lines[k], ERR_WHERE_SEP); q != NULL;
			    q = strstr(q + 1, ERR_WHERE_SEP))
				sep = q;
			if (sep != NULL && strncmp(sep + strlen(ERR_WHERE_SEP), docname, strlen(docname)) == 0)
				p = sep + strlen(ERR_WHERE_SEP) + strlen(docname);
			long line = *p == ':' ? strtol(p + 1, NULL, 10) : 0;
			int mlen = sep != NULL ? (int)(sep - errs.lines[k]) : (int)strlen(errs.lines[k]);
			if (line < 1 || (size_t)line > x.nlines || x.line_item[line - 1] < 0)
				continue;
			struct xitem *it = &x.it[x.line_item[line - 1]];
			int key = x.line_key[line - 1];
			if (key >= C_HINT && !it->drop_key[key]) {
				it->drop_key[key] = true;
				say(&x, TR("survey dòng %d: cột '%s' của '%s' bỏ qua: %.*s",
				    "survey row %d: column '%s' of '%s' left out: %.*s"), it->row, xc_name[key],
				    it->v[C_NAME], mlen, errs.lines[k]);
				dropped = true;
			} else if (key <= C_LABEL && it->kind == XK_FIELD && !it->dropped) {
				it->dropped = true;
				say(&x, TR("survey dòng %d: trường '%s' bỏ qua: %.*s", "survey row %d: field '%s' left out: %.*s"),
				    it->row, it->v[C_NAME], mlen, errs.lines[k]);
				dropped = true;
			}
		}
		form_errors_free(&errs);
		if (!dropped) {
			out->yaml = yaml;	/* the errors stay; the caller's check says them */
			break;
		}
		free(yaml);
	}
	if (!out->yaml)
		out->yaml = write_yaml(&x, id, title, version, unit);
out:
	for (size_t i = 0; i < x.n; i++) {
		for (int c = 0; c < NXC; c++)
			free(x.it[i].v[c]);
		free(x.it[i].list);
	}
	free(x.it);
	for (size_t i = 0; i < x.nlists; i++) {
		for (size_t k = 0; k < x.lists[i].n; k++) {
			free(x.lists[i].values[k]);
			free(x.lists[i].labels[k]);
		}
		free(x.lists[i].values);
		free(x.lists[i].labels);
		free(x.lists[i].name);
	}
	free(x.lists);
	for (size_t i = 0; i < x.nnames; i++) {
		free(x.orig[i]);
		free(x.renamed[i]);
	}
	free(x.orig);
	free(x.renamed);
	free(x.line_item);
	free(x.line_key);
	free(id);
	free(title);
	if (e != ERR_OK)
		form_xlsform_free(out);
	return e;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * expr: compile and evaluate form expressions (see expr.h for the rules).
 *
 * Compilation is a recursive-descent parser over a tiny lexer, producing a
 * tree of struct node. Field references are resolved while parsing, so a
 * compiled expression never names a field that does not exist. Function
 * calls are checked for their name and number of arguments at compile time.
 *
 * Grammar, lowest precedence first:
 *   or     := and ("or" and)*
 *   and    := not ("and" not)*
 *   not    := "not" not | cmp
 *   cmp    := sum (("=" | "!=" | "<" | "<=" | ">" | ">=") sum)?
 *   sum    := prod (("+" | "-") prod)*
 *   prod   := unary (("*" | "/" | "div" | "mod") unary)*
 *   unary  := "-" unary | primary
 *   primary:= NUMBER | STRING | "${" NAME "}" | "." | NAME "(" args ")" | "(" or ")"
 */
#include "expr.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "cal.h"

#define MAX_NEST 64
#define MAX_ARGS 16

enum fn {
	FN_IF, FN_ROUND, FN_INT, FN_ABS, FN_NUMBER, FN_STRING, FN_COUNT_SELECTED,
	FN_SELECTED, FN_SUM, FN_COUNT, FN_MIN, FN_MAX, FN_TODAY, FN_DATE, FN_PREV,
	FN_STRING_LENGTH, FN_CONCAT, FN_CONTAINS, FN_COALESCE, FN_TRUE, FN_FALSE,
	FN_NOT,
};

static const struct fn_desc {
	const char *name;
	enum fn fn;
	int min, max;		/* argument counts */
	bool column;		/* its argument is a repeat or grid column */
} fns[] = {
	{ "if", FN_IF, 3, 3, false },
	{ "round", FN_ROUND, 1, 2, false },
	{ "int", FN_INT, 1, 1, false },
	{ "abs", FN_ABS, 1, 1, false },
	{ "number", FN_NUMBER, 1, 1, false },
	{ "string", FN_STRING, 1, 1, false },
	{ "count-selected", FN_COUNT_SELECTED, 1, 1, false },
	{ "selected", FN_SELECTED, 2, 2, false },
	{ "sum", FN_SUM, 1, 1, true },
	{ "count", FN_COUNT, 1, 1, true },
	{ "min", FN_MIN, 1, 1, true },
	{ "max", FN_MAX, 1, 1, true },
	{ "today", FN_TODAY, 0, 0, false },
	{ "date", FN_DATE, 1, 1, false },
	{ "prev", FN_PREV, 1, 1, false },
	{ "string-length", FN_STRING_LENGTH, 1, 1, false },
	{ "concat", FN_CONCAT, 1, MAX_ARGS, false },
	{ "contains", FN_CONTAINS, 2, 2, false },
	{ "coalesce", FN_COALESCE, 2, 2, false },
	{ "true", FN_TRUE, 0, 0, false },
	{ "false", FN_FALSE, 0, 0, false },
	{ "not", FN_NOT, 1, 1, false },
};

enum kind { K_NUM, K_STR, K_REF, K_SELF, K_NEG, K_NOT, K_OR, K_AND, K_EQ, K_NE,
	    K_LT, K_LE, K_GT, K_GE, K_ADD, K_SUB, K_MUL, K_DIV, K_MOD, K_CALL };

struct node {
	enum kind kind;
	double num;
	char *str;
	int field;		/* K_REF */
	bool column;		/* K_REF: a column of a repeat or grid */
	bool previous;		/* K_REF: read from the previous period */
	enum fn fn;		/* K_CALL */
	struct node **args;	/* operands (2 for binary, 1 for unary) or call args */
	int nargs;
};

struct expr {
	struct node *root;
	char *src;
};

/* ---- lexer and parser ---- */

enum tok { T_END, T_NUM, T_STR, T_REF, T_DOT, T_NAME, T_LP, T_RP, T_COMMA,
	   T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_PLUS, T_MINUS, T_STAR, T_SLASH,
	   T_BAD };

struct parser {
	const char *src;
	size_t pos;		/* after the current token */
	size_t tpos;		/* start of the current token */
	enum tok tok;
	const char *tstart;	/* token text (names, refs, strings) */
	size_t tlen;
	double num;
	int depth;
	const struct expr_names *names;
	char *cause;
	size_t errpos;
};

static bool failed(const struct parser *p)
{
	return p->cause != NULL;
}

static void fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (failed(p))
		return;
	va_start(ap, fmt);
	p->cause = xvasprintf(fmt, ap);
	va_end(ap);
	p->errpos = at;
}

static bool name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static void next(struct parser *p)
{
	const char *s = p->src;
	size_t i = p->pos;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	p->tpos = i;
	p->tstart = s + i;
	p->tlen = 0;
	if (s[i] == '\0') {
		p->tok = T_END;
	} else if (isdigit((unsigned char)s[i]) ||
		   (s[i] == '.' && isdigit((unsigned char)s[i + 1]))) {
		char *end;
		p->num = strtod(s + i, &end);
		if (isalpha((unsigned char)*end) || !isfinite(p->num)) {
			fail(p, i, "%s", TR("số không hợp lệ", "bad number"));
			p->tok = T_BAD;
			return;
		}
		p->tok = T_NUM;
		i = (size_t)(end - s);
	} else if (s[i] == '\'' || s[i] == '"') {
		char q = s[i];
		size_t j = i + 1;
		while (s[j] != '\0' && s[j] != q)
			j++;
		if (s[j] != q) {
			fail(p, i, "%s", TR("chuỗi chưa đóng dấu nháy", "unterminated string"));
			p->tok = T_BAD;
			return;
		}
		p->tok = T_STR;
		p->tstart = s + i + 1;
		p->tlen = j - i - 1;
		i = j + 1;
	} else if (s[i] == '$' && s[i + 1] == '{') {
		size_t j = i + 2;
		while (name_char(s[j]))
			j++;
		if (s[j] != '}' || j == i + 2) {
			fail(p, i, "%s", TR("tham chiếu phải có dạng ${tên}",
					    "a reference is written ${name}"));
			p->tok = T_BAD;
			return;
		}
		p->tok = T_REF;
		p->tstart = s + i + 2;
		p->tlen = j - i - 2;
		i = j + 1;
	} else if (isalpha((unsigned char)s[i]) || s[i] == '_') {
		size_t j = i;
		/* A '-' belongs to the name only when a letter follows it
		 * (count-selected), so that "x - 1" style input stays arithmetic. */
		while (isalnum((unsigned char)s[j]) || s[j] == '_' ||
		       (s[j] == '-' && isalpha((unsigned char)s[j + 1])))
			j++;
		p->tok = T_NAME;
		p->tlen = j - i;
		i = j;
	} else {
		static const struct { const char *s; enum tok t; } ops[] = {
			{ "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE }, { "=", T_EQ },
			{ "<", T_LT }, { ">", T_GT }, { "+", T_PLUS }, { "-", T_MINUS },
			{ "*", T_STAR }, { "/", T_SLASH }, { "(", T_LP }, { ")", T_RP },
			{ ",", T_COMMA }, { ".", T_DOT },
		};
		for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
			size_t n = strlen(ops[k].s);
			if (strncmp(s + i, ops[k].s, n) == 0) {
				p->tok = ops[k].t;
				p->pos = i + n;
				return;
			}
		}
		fail(p, i, TR("ký tự không mong đợi '%c'", "unexpected character '%c'"), s[i]);
		p->tok = T_BAD;
		return;
	}
	p->pos = i;
}

static bool is_word(const struct parser *p, const char *w)
{
	return p->tok == T_NAME && p->tlen == strlen(w) && strncmp(p->tstart, w, p->tlen) == 0;
}

static struct node *node_new(enum kind k)
{
	struct node *n = xcalloc(1, sizeof *n);
	n->kind = k;
	return n;
}

static void node_free(struct node *n)
{
	if (n == NULL)
		return;
	for (int i = 0; i < n->nargs; i++)
		node_free(n->args[i]);
	free(n->args);
	free(n->str);
	free(n);
}

static struct node *node_bin(enum kind k, struct node *a, struct node *b)
{
	struct node *n = node_new(k);
	n->args = xcalloc(2, sizeof *n->args);
	n->args[0] = a;
	n->args[1] = b;
	n->nargs = 2;
	return n;
}

static struct node *parse_or(struct parser *p);

static struct node *parse_call(struct parser *p)
{
	const struct fn_desc *fd = NULL;
	size_t at = p->tpos;
	struct node *n;

	for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++)
		if (is_word(p, fns[k].name))
			fd = &fns[k];
	if (fd == NULL) {
		fail(p, at, TR("không có hàm '%.*s'", "no function '%.*s'"), (int)p->tlen,
		     p->tstart);
		return NULL;
	}
	next(p);
	if (p->tok != T_LP) {
		fail(p, p->tpos, TR("thiếu '(' sau %s", "'(' expected after %s"), fd->name);
		return NULL;
	}
	n = node_new(K_CALL);
	n->fn = fd->fn;
	next(p);
	if (p->tok != T_RP) {
		for (;;) {
			size_t apos = p->tpos;
			struct node *a;
			if (n->nargs == MAX_ARGS) {
				fail(p, apos, "%s", TR("quá nhiều đối số", "too many arguments"));
				break;
			}
			a = parse_or(p);
			if (a == NULL)
				break;
			n->args = xreallocarray(n->args, (size_t)n->nargs + 1, sizeof *n->args);
			n->args[n->nargs++] = a;
			if (fd->column && (a->kind != K_REF || !a->column))
				fail(p, apos, TR("%s() cần một cột của bảng hoặc nhóm lặp, ví dụ ${cot}",
						 "%s() takes a column of a grid or repeat, e.g. ${col}"),
				     fd->name);
			if (fd->fn == FN_PREV && a->kind != K_REF)
				fail(p, apos, "%s", TR("prev() cần một tham chiếu ${tên}",
						       "prev() takes a reference ${name}"));
			if (p->tok != T_COMMA)
				break;
			next(p);
		}
	}
	if (!failed(p) && p->tok != T_RP)
		fail(p, p->tpos, "%s", TR("thiếu ')'", "')' expected"));
	if (!failed(p) && (n->nargs < fd->min || n->nargs > fd->max))
		fail(p, at, TR("%s() cần %d đối số", "%s() takes %d argument(s)"), fd->name,
		     n->nargs < fd->min ? fd->min : fd->max);
	if (failed(p)) {
		node_free(n);
		return NULL;
	}
	if (fd->fn == FN_PREV) {
		struct node *ref = n->args[0];
		n->args[0] = NULL;
		n->nargs = 0;
		node_free(n);
		ref->previous = true;
		n = ref;
	}
	next(p);
	return n;
}

static struct node *parse_primary(struct parser *p)
{
	struct node *n = NULL;

	switch (p->tok) {
	case T_NUM:
		n = node_new(K_NUM);
		n->num = p->num;
		next(p);
		return n;
	case T_STR:
		n = node_new(K_STR);
		n->str = xstrndup(p->tstart, p->tlen);
		next(p);
		return n;
	case T_DOT:
		next(p);
		return node_new(K_SELF);
	case T_REF: {
		bool column = false;
		int f = p->names && p->names->resolve
			? p->names->resolve(p->names->data, p->tstart, p->tlen, &column) : -1;
		if (f < 0) {
			fail(p, p->tpos, TR("không có trường '%.*s'", "no field '%.*s'"),
			     (int)p->tlen, p->tstart);
			return NULL;
		}
		n = node_new(K_REF);
		n->field = f;
		n->column = column;
		next(p);
		return n;
	}
	case T_NAME:
		return parse_call(p);
	case T_LP:
		next(p);
		n = parse_or(p);
		if (n != NULL && p->tok != T_RP) {
			fail(p, p->tpos, "%s", TR("thiếu ')'", "')' expected"));
			node_free(n);
			return NULL;
		}
		next(p);
		return n;
	case T_END:
		fail(p, p->tpos, "%s", TR("biểu thức chưa kết thúc", "expression ends too early"));
		return NULL;
	default:
		fail(p, p->tpos, "%s", TR("cần một giá trị ở đây", "a value was expected here"));
		return NULL;
	}
}

static struct node *parse_unary(struct parser *p)
{
	struct node *n, *a;

	if (p->tok != T_MINUS)
		return parse_primary(p);
	if (++p->depth > MAX_NEST) {
		fail(p, p->tpos, "%s", TR("biểu thức lồng quá sâu", "expression nested too deeply"));
		return NULL;
	}
	next(p);
	a = parse_unary(p);
	p->depth--;
	if (a == NULL)
		return NULL;
	n = node_new(K_NEG);
	n->args = xcalloc(1, sizeof *n->args);
	n->args[0] = a;
	n->nargs = 1;
	return n;
}

static struct node *parse_prod(struct parser *p)
{
	struct node *n = parse_unary(p);

	while (n != NULL) {
		enum kind k;
		struct node *b;
		if (p->tok == T_STAR)
			k = K_MUL;
		else if (p->tok == T_SLASH || is_word(p, "div"))
			k = K_DIV;
		else if (is_word(p, "mod"))
			k = K_MOD;
		else
			break;
		next(p);
		b = parse_unary(p);
		if (b == NULL) {
			node_free(n);
			return NULL;
		}
		n = node_bin(k, n, b);
	}
	return n;
}

static struct node *parse_sum(struct parser *p)
{
	struct node *n = parse_prod(p);

	while (n != NULL && (p->tok == T_PLUS || p->tok == T_MINUS)) {
		enum kind k = p->tok == T_PLUS ? K_ADD : K_SUB;
		struct node *b;
		next(p);
		b = parse_prod(p);
		if (b == NULL) {
			node_free(n);
			return NULL;
		}
		n = node_bin(k, n, b);
	}
	return n;
}

static struct node *parse_cmp(struct parser *p)
{
	static const struct { enum tok t; enum kind k; } map[] = {
		{ T_EQ, K_EQ }, { T_NE, K_NE }, { T_LT, K_LT },
		{ T_LE, K_LE }, { T_GT, K_GT }, { T_GE, K_GE },
	};
	struct node *n = parse_sum(p);

	if (n == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (p->tok == map[i].t) {
			struct node *b;
			next(p);
			b = parse_sum(p);
			if (b == NULL) {
				node_free(n);
				return NULL;
			}
			return node_bin(map[i].k, n, b);
		}
	}
	return n;
}

static struct node *parse_not(struct parser *p)
{
	struct node *n, *a;

	if (!is_word(p, "not"))
		return parse_cmp(p);
	/* "not x" and "not(x)" are the same thing. */
	if (++p->depth > MAX_NEST) {
		fail(p, p->tpos, "%s", TR("biểu thức lồng quá sâu", "expression nested too deeply"));
		return NULL;
	}
	next(p);
	a = parse_not(p);
	p->depth--;
	if (a == NULL)
		return NULL;
	n = node_new(K_NOT);
	n->args = xcalloc(1, sizeof *n->args);
	n->args[0] = a;
	n->nargs = 1;
	return n;
}

static struct node *parse_and(struct parser *p)
{
	struct node *n = parse_not(p);

	while (n != NULL && is_word(p, "and")) {
		struct node *b;
		next(p);
		b = parse_not(p);
		if (b == NULL) {
			node_free(n);
			return NULL;
		}
		n = node_bin(K_AND, n, b);
	}
	return n;
}

static struct node *parse_or(struct parser *p)
{
	struct node *n, *b;

	if (++p->depth > MAX_NEST) {
		fail(p, p->tpos, "%s", TR("biểu thức lồng quá sâu", "expression nested too deeply"));
		return NULL;
	}
	n = parse_and(p);
	while (n != NULL && is_word(p, "or")) {
		next(p);
		b = parse_and(p);
		if (b == NULL) {
			node_free(n);
			n = NULL;
			break;
		}
		n = node_bin(K_OR, n, b);
	}
	p->depth--;
	return n;
}

struct expr *expr_compile(const char *src, const struct expr_names *names,
			  size_t *errpos, char **cause)
{
	struct parser p = { .src = src, .names = names };
	struct node *root;
	struct expr *e;

	*errpos = 0;
	if (strlen(src) > EXPR_MAX_LEN) {
		err_set(cause, ERR_INVALID, TR("biểu thức dài quá %d ký tự",
					       "expression longer than %d characters"), EXPR_MAX_LEN);
		return NULL;
	}
	next(&p);
	if (p.tok == T_END && !failed(&p))
		fail(&p, 0, "%s", TR("biểu thức rỗng", "empty expression"));
	root = failed(&p) ? NULL : parse_or(&p);
	if (root != NULL && p.tok != T_END)
		fail(&p, p.tpos, "%s", TR("thừa nội dung sau biểu thức",
					  "unexpected text after the expression"));
	if (failed(&p)) {
		node_free(root);
		*errpos = p.errpos;
		*cause = p.cause;
		return NULL;
	}
	e = xmalloc(sizeof *e);
	e->root = root;
	e->src = xstrdup(src);
	return e;
}

void expr_free(struct expr *e)
{
	if (e == NULL)
		return;
	node_free(e->root);
	free(e->src);
	free(e);
}

const char *expr_source(const struct expr *e)
{
	return e->src;
}

static void refs_walk(const struct node *n, void (*fn)(void *, int, bool), void *arg)
{
	if (n->kind == K_REF)
		fn(arg, n->field, n->previous);
	for (int i = 0; i < n->nargs; i++)
		refs_walk(n->args[i], fn, arg);
}

void expr_refs(const struct expr *e, void (*fn)(void *arg, int field, bool previous),
	       void *arg)
{
	refs_walk(e->root, fn, arg);
}

static bool uses_self(const struct node *n)
{
	if (n->kind == K_SELF)
		return true;
	for (int i = 0; i < n->nargs; i++)
		if (uses_self(n->args[i]))
			return true;
	return false;
}

bool expr_uses_self(const struct expr *e)
{
	return uses_self(e->root);
}

/* ---- values ---- */

struct expr_arena {
	struct expr_arena *next;
	char text[];
};

static const char *arena_str(struct expr_arena **arena, const char *s, size_t len)
{
	struct expr_arena *a = xmalloc(sizeof *a + len + 1);
	memcpy(a->text, s, len);
	a->text[len] = '\0';
	a->next = *arena;
	*arena = a;
	return a->text;
}

void expr_arena_free(struct expr_arena **arena)
{
	while (*arena != NULL) {
		struct expr_arena *n = (*arena)->next;
		free(*arena);
		*arena = n;
	}
}

static const struct val EMPTY = { VAL_EMPTY, 0, NULL };

static struct val num(double x)
{
	struct val v = { VAL_NUM, x, NULL };
	if (!isfinite(x))
		return EMPTY;
	return v;
}

static struct val boolean(bool b)
{
	struct val v = { VAL_BOOL, b ? 1 : 0, NULL };
	return v;
}

/* Dates outside years 1900-9999 are not dates: the result is empty. */
static bool date_in_range(double d)
{
	return d >= (double)date_from_ymd(1900, 1, 1) && d <= (double)date_from_ymd(9999, 12, 31);
}

static struct val date(double d)
{
	struct val v = { VAL_DATE, d, NULL };
	if (!date_in_range(d))
		return EMPTY;
	return v;
}

static bool text_number(const char *s, double *out)
{
	char *end;
	double x;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return false;
	x = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end != '\0' || !isfinite(x))
		return false;
	/* strtod accepts hex and "inf"/"nan"; forms only mean decimals. */
	for (const char *c = s; c < end; c++)
		if (isalpha((unsigned char)*c) && *c != 'e' && *c != 'E')
			return false;
	*out = x;
	return true;
}

bool val_number(struct val v, double *out)
{
	switch (v.type) {
	case VAL_NUM:
	case VAL_BOOL:
		*out = v.num;
		return true;
	case VAL_TEXT:
		return text_number(v.text, out);
	default:
		return false;
	}
}

bool val_truth(struct val v, bool *known)
{
	*known = true;
	switch (v.type) {
	case VAL_EMPTY:
		*known = false;
		return false;
	case VAL_NUM:
	case VAL_BOOL:
		return v.num != 0;
	case VAL_DATE:
		return true;
	case VAL_TEXT:
		return v.text[0] != '\0';
	}
	return false;
}

const char *val_format(struct val v, char *buf, size_t size)
{
	switch (v.type) {
	case VAL_EMPTY:
		snprintf(buf, size, "%s", "");
		break;
	case VAL_BOOL:
		snprintf(buf, size, "%s", v.num != 0 ? "true" : "false");
		break;
	case VAL_DATE:
		if (date_in_range(v.num))
			date_format((long)v.num, buf, size);
		else
			snprintf(buf, size, "%s", "");
		break;
	case VAL_TEXT:
		snprintf(buf, size, "%s", v.text);
		break;
	case VAL_NUM:
		if (v.num == floor(v.num) && fabs(v.num) < 1e15) {
			snprintf(buf, size, "%.0f", v.num == 0 ? 0.0 : v.num);
		} else {
			snprintf(buf, size, "%.10g", v.num);
		}
		break;
	}
	return buf;
}

/* A date operand: a date, or a text that is one. */
static bool as_date(struct val v, long *d)
{
	if (v.type == VAL_DATE) {
		if (!date_in_range(v.num))
			return false;
		*d = (long)v.num;
		return true;
	}
	return v.type == VAL_TEXT && date_parse(v.text, d);
}

static struct val eval(const struct node *n, const struct expr_env *env,
		       struct expr_arena **arena);

static struct val arith(enum kind k, struct val a, struct val b)
{
	double x, y;
	long da, db;

	if (a.type == VAL_EMPTY || b.type == VAL_EMPTY)
		return EMPTY;
	/* Date arithmetic: date - date = days, date +/- n = date. */
	if (a.type == VAL_DATE || b.type == VAL_DATE) {
		if (k == K_SUB && as_date(a, &da) && as_date(b, &db))
			return num((double)(da - db));
		if ((k == K_ADD || k == K_SUB) && a.type == VAL_DATE && val_number(b, &y) &&
		    y == floor(y))
			return date(k == K_ADD ? a.num + y : a.num - y);
		if (k == K_ADD && b.type == VAL_DATE && val_number(a, &x) && x == floor(x))
			return date(b.num + x);
		return EMPTY;
	}
	if (!val_number(a, &x) || !val_number(b, &y))
		return EMPTY;
	switch (k) {
	case K_ADD: return num(x + y);
	case K_SUB: return num(x - y);
	case K_MUL: return num(x * y);
	case K_DIV: return y == 0 ? EMPTY : num(x / y);
	case K_MOD: return y == 0 ? EMPTY : num(fmod(x, y));
	default: return EMPTY;
	}
}

/* -1, 0, 1, or 2 when the operands cannot be ordered. */
static int order(struct val a, struct val b)
{
	double x, y;
	long da, db;

	if (a.type == VAL_DATE || b.type == VAL_DATE) {
		if (!as_date(a, &da) || !as_date(b, &db))
			return 2;
		return (da > db) - (da < db);
	}
	if ((a.type == VAL_TEXT && b.type == VAL_TEXT)) {
		int c;
		if (text_number(a.text, &x) && text_number(b.text, &y))
			return (x > y) - (x < y);
		c = strcmp(a.text, b.text);
		return (c > 0) - (c < 0);
	}
	if (!val_number(a, &x) || !val_number(b, &y))
		return 2;
	return (x > y) - (x < y);
}

static struct val compare(enum kind k, struct val a, struct val b)
{
	int c;

	if (k == K_EQ || k == K_NE) {
		bool eq;
		bool ea = a.type == VAL_EMPTY || (a.type == VAL_TEXT && a.text[0] == '\0');
		bool eb = b.type == VAL_EMPTY || (b.type == VAL_TEXT && b.text[0] == '\0');
		if (ea || eb)
			eq = ea && eb;
		else
			eq = order(a, b) == 0;
		return boolean(k == K_EQ ? eq : !eq);
	}
	if (a.type == VAL_EMPTY || b.type == VAL_EMPTY)
		return EMPTY;
	c = order(a, b);
	if (c == 2)
		return EMPTY;
	switch (k) {
	case K_LT: return boolean(c < 0);
	case K_LE: return boolean(c <= 0);
	case K_GT: return boolean(c > 0);
	default: return boolean(c >= 0);
	}
}

static struct val get_ref(const struct node *n, const struct expr_env *env)
{
	if (env->get == NULL)
		return EMPTY;
	if (n->column && env->row < 0)
		return EMPTY;
	return env->get(env->data, n->field, n->column ? env->row : -1, n->previous);
}

static struct val aggregate(enum fn fn, const struct node *ref, const struct expr_env *env)
{
	int rows = env->rows ? env->rows(env->data, ref->field, ref->previous) : 0;
	double acc = 0;
	int counted = 0;

	for (int r = 0; r < rows; r++) {
		struct val v = env->get(env->data, ref->field, r, ref->previous);
		double x;
		if (v.type == VAL_EMPTY || (v.type == VAL_TEXT && v.text[0] == '\0'))
			continue;
		if (fn == FN_COUNT) {
			counted++;
			continue;
		}
		if (!val_number(v, &x))
			continue;
		if (counted == 0 || (fn == FN_SUM) ||
		    (fn == FN_MIN && x < acc) || (fn == FN_MAX && x > acc))
			acc = fn == FN_SUM ? acc + x : x;
		counted++;
	}
	if (fn == FN_COUNT)
		return num(counted);
	if (fn == FN_SUM)
		return num(acc);
	return counted ? num(acc) : EMPTY;
}

static size_t count_tokens(const char *s)
{
	size_t n = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		n++;
		while (*s && *s != ' ')
			s++;
	}
	return n;
}

static bool has_token(const char *s, const char *tok)
{
	size_t tl = strlen(tok);
	if (tl == 0)
		return false;
	while (*s) {
		const char *e;
		while (*s == ' ')
			s++;
		e = s;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - s) == tl && strncmp(s, tok, tl) == 0)
			return true;
		s = e;
	}
	return false;
}

static const char *as_text(struct val v, struct expr_arena **arena)
{
	char buf[64];
	if (v.type == VAL_TEXT)
		return v.text;
	val_format(v, buf, sizeof buf);
	return arena_str(arena, buf, strlen(buf));
}

static struct val call(const struct node *n, const struct expr_env *env,
		       struct expr_arena **arena)
{
	struct val a, b;
	double x, y;
	bool known;

	switch (n->fn) {
	case FN_IF:
		a = eval(n->args[0], env, arena);
		return val_truth(a, &known) ? eval(n->args[1], env, arena)
					    : eval(n->args[2], env, arena);
	case FN_ROUND:
		a = eval(n->args[0], env, arena);
		y = 0;
		if (n->nargs == 2 && !val_number(eval(n->args[1], env, arena), &y))
			return EMPTY;
		if (!val_number(a, &x) || y < 0 || y > 10)
			return EMPTY;
		y = pow(10, floor(y));
		/* half away from zero, as a person rounds */
		return num(round(x * y) / y);
	case FN_INT:
		a = eval(n->args[0], env, arena);
		return val_number(a, &x) ? num(trunc(x)) : EMPTY;
	case FN_ABS:
		a = eval(n->args[0], env, arena);
		return val_number(a, &x) ? num(fabs(x)) : EMPTY;
	case FN_NUMBER:
		a = eval(n->args[0], env, arena);
		return val_number(a, &x) ? num(x) : EMPTY;
	case FN_STRING:
		a = eval(n->args[0], env, arena);
		{
			struct val t = { VAL_TEXT, 0, as_text(a, arena) };
			return t;
		}
	case FN_COUNT_SELECTED:
		a = eval(n->args[0], env, arena);
		if (a.type == VAL_EMPTY)
			return num(0);
		return num((double)count_tokens(as_text(a, arena)));
	case FN_SELECTED:
		a = eval(n->args[0], env, arena);
		b = eval(n->args[1], env, arena);
		if (a.type == VAL_EMPTY)
			return boolean(false);
		return boolean(has_token(as_text(a, arena), as_text(b, arena)));
	case FN_SUM:
	case FN_COUNT:
	case FN_MIN:
	case FN_MAX:
		return aggregate(n->fn, n->args[0], env);
	case FN_TODAY:
		return date((double)env->today);
	case FN_DATE: {
		long d;
		a = eval(n->args[0], env, arena);
		return as_date(a, &d) ? date((double)d) : EMPTY;
	}
	case FN_STRING_LENGTH: {
		/* characters, not bytes */
		const char *s;
		size_t len = 0;
		a = eval(n->args[0], env, arena);
		if (a.type == VAL_EMPTY)
			return num(0);
		for (s = as_text(a, arena); *s; s++)
			len += ((unsigned char)*s & 0xc0) != 0x80;
		return num((double)len);
	}
	case FN_CONCAT: {
		size_t cap = 0, len = 0;
		char *out = NULL;
		const char *r;
		for (int i = 0; i < n->nargs; i++) {
			const char *t;
			size_t tl;
			a = eval(n->args[i], env, arena);
			t = a.type == VAL_EMPTY ? "" : as_text(a, arena);
			tl = strlen(t);
			if (len + tl > EXPR_MAX_LEN * 4)
				break;
			if (len + tl + 1 > cap) {
				cap = (len + tl + 1) * 2;
				out = xrealloc(out, cap);
			}
			memcpy(out + len, t, tl);
			len += tl;
		}
		r = arena_str(arena, out ? out : "", len);
		free(out);
		{
			struct val t = { VAL_TEXT, 0, r };
			return t;
		}
	}
	case FN_CONTAINS:
		a = eval(n->args[0], env, arena);
		b = eval(n->args[1], env, arena);
		if (a.type == VAL_EMPTY)
			return boolean(false);
		return boolean(strstr(as_text(a, arena), as_text(b, arena)) != NULL);
	case FN_COALESCE:
		a = eval(n->args[0], env, arena);
		if (a.type != VAL_EMPTY && !(a.type == VAL_TEXT && a.text[0] == '\0'))
			return a;
		return eval(n->args[1], env, arena);
	case FN_TRUE:
		return boolean(true);
	case FN_FALSE:
		return boolean(false);
	case FN_NOT:
		a = eval(n->args[0], env, arena);
		x = val_truth(a, &known);
		return known ? boolean(x == 0) : EMPTY;
	case FN_PREV:
		break;
	}
	return EMPTY;
}

static struct val eval(const struct node *n, const struct expr_env *env,
		       struct expr_arena **arena)
{
	struct val a, b;
	bool ka, kb, ta, tb;

	switch (n->kind) {
	case K_NUM:
		return num(n->num);
	case K_STR: {
		struct val v = { VAL_TEXT, 0, n->str };
		return v;
	}
	case K_SELF:
		return env->self;
	case K_REF:
		return get_ref(n, env);
	case K_NEG:
		a = eval(n->args[0], env, arena);
		if (a.type == VAL_EMPTY)
			return EMPTY;
		return arith(K_SUB, num(0), a);
	case K_NOT:
		ta = val_truth(eval(n->args[0], env, arena), &ka);
		return ka ? boolean(!ta) : EMPTY;
	case K_AND:
		ta = val_truth(eval(n->args[0], env, arena), &ka);
		if (ka && !ta)
			return boolean(false);
		tb = val_truth(eval(n->args[1], env, arena), &kb);
		if (kb && !tb)
			return boolean(false);
		return ka && kb ? boolean(true) : EMPTY;
	case K_OR:
		ta = val_truth(eval(n->args[0], env, arena), &ka);
		if (ka && ta)
			return boolean(true);
		tb = val_truth(eval(n->args[1], env, arena), &kb);
		if (kb && tb)
			return boolean(true);
		return ka && kb ? boolean(false) : EMPTY;
	case K_EQ: case K_NE: case K_LT: case K_LE: case K_GT: case K_GE:
		a = eval(n->args[0], env, arena);
		b = eval(n->args[1], env, arena);
		return compare(n->kind, a, b);
	case K_ADD: case K_SUB: case K_MUL: case K_DIV: case K_MOD:
		a = eval(n->args[0], env, arena);
		b = eval(n->args[1], env, arena);
		return arith(n->kind, a, b);
	case K_CALL:
		return call(n, env, arena);
	}
	return EMPTY;
}

struct val expr_eval(const struct expr *e, const struct expr_env *env,
		     struct expr_arena **arena)
{
	return eval(e->root, env, arena);
}

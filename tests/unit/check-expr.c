/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-expr.c: the expression language, table-driven. Each case is an
 * expression and its expected result as type and text; the environment has
 * a handful of fields (below), a grid column with four rows, the previous
 * period's values and a fixed today.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "../../forms/cal.h"
#include "../../forms/expr.h"

/* fields: 0 a=10, 1 b=4, 2 zero=0, 3 e (empty), 4 t='abc', 5 d=2026-03-01,
 * 6 sel='x y z', 7 col (grid column: 5, '', 7, 'n/a'), 8 ntext='12.5',
 * 9 grid (the container: 4 rows) */
static const char *const names[] = { "a", "b", "zero", "e", "t", "d", "sel", "col", "ntext",
				     "grid" };
#define NNAMES (sizeof names / sizeof names[0])

static int
resolve(void *data, const char *name, size_t len, bool *column)
{
	(void)data;
	for (size_t i = 0; i < NNAMES; i++)
		if (strlen(names[i]) == len && strncmp(names[i], name, len) == 0) {
			*column = i == 7 || i == 9;
			return (int)i;
		}
	return -1;
}

static struct val
get(void *data, int field, int row, bool previous)
{
	struct val v = { VAL_EMPTY, 0, NULL };
	static const char *const coltext[] = { "5", "", "7", "n/a" };

	(void)data;
	switch (field) {
	case 0: v.type = VAL_NUM; v.num = previous ? 8 : 10; break;
	case 1: v.type = VAL_NUM; v.num = 4; break;
	case 2: v.type = VAL_NUM; v.num = 0; break;
	case 3: if (previous) { v.type = VAL_NUM; v.num = 3; } break;
	case 4: v.type = VAL_TEXT; v.text = "abc"; break;
	case 5: v.type = VAL_DATE; v.num = (double)date_from_ymd(2026, 3, 1); break;
	case 6: v.type = VAL_TEXT; v.text = "x y z"; break;
	case 7:
		if (previous || row < 0 || row > 3)
			break;
		v.type = VAL_TEXT;
		v.text = coltext[row];
		break;
	case 8: v.type = VAL_TEXT; v.text = "12.5"; break;
	case 9: v.type = VAL_NUM; v.num = 1; break;
	}
	return v;
}

static int
rows(void *data, int field, bool previous)
{
	(void)data;
	(void)field;
	return previous ? 0 : 4;
}

static const struct {
	const char *src;
	char type;		/* E empty, N number, T text, D date, B boolean */
	const char *want;
	int row;		/* current row, -1 none */
} cases[] = {
	/* arithmetic and precedence */
	{ "1 + 2 * 3", 'N', "7", -1 },
	{ "(1 + 2) * 3", 'N', "9", -1 },
	{ "10 - 4 - 3", 'N', "3", -1 },
	{ "2 * -3", 'N', "-6", -1 },
	{ "--2", 'N', "2", -1 },
	{ "7 div 2", 'N', "3.5", -1 },
	{ "7 / 2", 'N', "3.5", -1 },
	{ "7 mod 3", 'N', "1", -1 },
	{ "-7 mod 3", 'N', "-1", -1 },
	{ "0.1 + 0.2", 'N', "0.3", -1 },
	{ "${a} * ${b}", 'N', "40", -1 },
	/* division by zero and empty operands */
	{ "${a} div 0", 'E', "", -1 },
	{ "${a} div ${zero}", 'E', "", -1 },
	{ "${a} mod 0", 'E', "", -1 },
	{ "${e} + 1", 'E', "", -1 },
	{ "-${e}", 'E', "", -1 },
	{ "${e} * 0", 'E', "", -1 },
	/* text in arithmetic: numbers in text count, other text is empty */
	{ "${ntext} * 2", 'N', "25", -1 },
	{ "${t} + 1", 'E', "", -1 },
	{ "'3' + '4'", 'N', "7", -1 },
	{ "' 3 ' + 1", 'N', "4", -1 },
	{ "'0x10' + 1", 'E', "", -1 },
	{ "'inf' + 1", 'E', "", -1 },
	/* comparisons */
	{ "${a} > ${b}", 'B', "true", -1 },
	{ "${a} <= 10", 'B', "true", -1 },
	{ "${a} < 10", 'B', "false", -1 },
	{ "${a} = '10'", 'B', "true", -1 },
	{ "${a} != 10", 'B', "false", -1 },
	{ "'abc' < 'abd'", 'B', "true", -1 },
	{ "'10' > '9'", 'B', "true", -1 },
	{ "${t} = 'abc'", 'B', "true", -1 },
	/* empty: = and != decide, ordering does not */
	{ "${e} = ''", 'B', "true", -1 },
	{ "${e} != ''", 'B', "false", -1 },
	{ "${e} = 0", 'B', "false", -1 },
	{ "${t} = ''", 'B', "false", -1 },
	{ "${e} > 0", 'E', "", -1 },
	{ "${e} <= 0", 'E', "", -1 },
	{ "${t} > 1", 'E', "", -1 },
	/* three-valued logic */
	{ "true() and false()", 'B', "false", -1 },
	{ "${e} > 0 and false()", 'B', "false", -1 },
	{ "${e} > 0 and true()", 'E', "", -1 },
	{ "${e} > 0 or true()", 'B', "true", -1 },
	{ "${e} > 0 or false()", 'E', "", -1 },
	{ "not(${e} > 0)", 'E', "", -1 },
	{ "not(${a} > 1)", 'B', "false", -1 },
	{ "not ${a} > 100", 'B', "true", -1 },
	{ "1 = 1 or 1 div 0 > 1", 'B', "true", -1 },
	{ "${a} > 1 and ${b} > 1 or false()", 'B', "true", -1 },
	/* if() */
	{ "if(${a} > 5, 'big', 'small')", 'T', "big", -1 },
	{ "if(${e} > 5, 'big', 'small')", 'T', "small", -1 },
	{ "if(${b} = 4, ${a}, 0) + 1", 'N', "11", -1 },
	/* round, int, abs, number, string */
	{ "round(2.5)", 'N', "3", -1 },
	{ "round(-2.5)", 'N', "-3", -1 },
	{ "round(2.345, 2)", 'N', "2.35", -1 },
	{ "round(1234.5678, 1)", 'N', "1234.6", -1 },
	{ "round(${e}, 2)", 'E', "", -1 },
	{ "round(1, -1)", 'E', "", -1 },
	{ "round(${b} div ${a} * 100, 1)", 'N', "40", -1 },
	{ "int(-3.7)", 'N', "-3", -1 },
	{ "abs(${b} - ${a})", 'N', "6", -1 },
	{ "number('4.5') + 1", 'N', "5.5", -1 },
	{ "number('x')", 'E', "", -1 },
	{ "string(${a})", 'T', "10", -1 },
	{ "string-length('Nước sạch')", 'N', "9", -1 },
	{ "string-length(${e})", 'N', "0", -1 },
	{ "concat('a', ${a}, ${e}, 'b')", 'T', "a10b", -1 },
	{ "contains(${t}, 'bc')", 'B', "true", -1 },
	{ "coalesce(${e}, 5)", 'N', "5", -1 },
	{ "coalesce(${a}, 5)", 'N', "10", -1 },
	/* selections */
	{ "count-selected(${sel})", 'N', "3", -1 },
	{ "count-selected(${e})", 'N', "0", -1 },
	{ "selected(${sel}, 'y')", 'B', "true", -1 },
	{ "selected(${sel}, 'w')", 'B', "false", -1 },
	{ "selected(${sel}, 'x y')", 'B', "false", -1 },
	{ "selected(${e}, 'x')", 'B', "false", -1 },
	/* aggregates over a grid column: 5, '', 7, 'n/a' */
	{ "sum(${col})", 'N', "12", -1 },
	{ "count(${col})", 'N', "3", -1 },
	{ "count(${grid})", 'N', "4", -1 },
	{ "min(${col})", 'N', "5", -1 },
	{ "max(${col})", 'N', "7", -1 },
	{ "sum(prev(${col}))", 'N', "0", -1 },
	{ "max(prev(${col}))", 'E', "", -1 },
	/* a column in a row, and outside rows */
	{ "${col} * 2", 'N', "14", 2 },
	{ "${col} * 2", 'E', "", -1 },
	{ "${col} = ''", 'B', "true", 1 },
	/* dates */
	{ "today()", 'D', "2026-11-23", -1 },
	{ "today() - ${d}", 'N', "267", -1 },
	{ "${d} + 30", 'D', "2026-03-31", -1 },
	{ "${d} - 1", 'D', "2026-02-28", -1 },
	{ "date('2024-02-29') + 1", 'D', "2024-03-01", -1 },
	{ "date('2026-02-29')", 'E', "", -1 },
	{ "${d} < today()", 'B', "true", -1 },
	{ "${d} = '2026-03-01'", 'B', "true", -1 },
	{ "'2026-12-01' > today()", 'B', "true", -1 },
	{ "${d} + 0.5", 'E', "", -1 },
	{ "${d} * 2", 'E', "", -1 },
	/* previous period */
	{ "prev(${a})", 'N', "8", -1 },
	{ "${a} - prev(${a})", 'N', "2", -1 },
	{ "prev(${e})", 'N', "3", -1 },
	{ "prev(${b})", 'N', "4", -1 },
	/* the current value */
	{ ". >= 0 and . <= ${a}", 'B', "true", -1 },
	/* strings with either quote, unicode */
	{ "\"it's\"", 'T', "it's", -1 },
	{ "'Nước' = 'Nước'", 'B', "true", -1 },
};

static const struct {
	const char *src;
	size_t pos;		/* byte offset of the fault */
	const char *msg;	/* part of the message */
} bad[] = {
	{ "", 0, "rỗng" },
	{ "1 +", 3, "chưa kết thúc" },
	{ "(1 + 2", 6, "')'" },
	{ "${nope} > 1", 0, "không có trường 'nope'" },
	{ "1 > ${a", 4, "${tên}" },
	{ "${}", 0, "${tên}" },
	{ "foo(1)", 0, "không có hàm 'foo'" },
	{ "round()", 0, "round() cần 1 đối số" },
	{ "if(1, 2)", 0, "if() cần 3 đối số" },
	{ "sum(${a})", 4, "cột" },
	{ "prev(1)", 5, "prev()" },
	{ "'abc", 0, "chuỗi" },
	{ "1 2", 2, "thừa" },
	{ "1 # 2", 2, "'#'" },
	{ "today", 5, "'('" },
	{ "12abc", 0, "số" },
	{ ". = = 1", 4, "giá trị" },
};

static struct expr *
compile(const char *src, size_t *pos, char **cause)
{
	struct expr_names n = { NULL, resolve };
	return expr_compile(src, &n, pos, cause);
}

START_TEST(test_expr_cases)
{
	struct expr_env env = { NULL, get, rows, { VAL_NUM, 4, NULL }, -1,
				date_from_ymd(2026, 11, 23) };
	struct expr_arena *arena = NULL;
	char buf[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t pos;
		char *cause = NULL;
		struct expr *e = compile(cases[i].src, &pos, &cause);
		struct val v;
		static const char tc[] = { 'E', 'N', 'T', 'D', 'B' };

		ck_assert_msg(e != NULL, "%s: %s", cases[i].src, cause);
		env.row = cases[i].row;
		v = expr_eval(e, &env, &arena);
		val_format(v, buf, sizeof buf);
		ck_assert_msg(tc[v.type] == cases[i].type && strcmp(buf, cases[i].want) == 0,
		    "%s: got %c \"%s\", want %c \"%s\"", cases[i].src, tc[v.type], buf,
		    cases[i].type, cases[i].want);
		expr_free(e);
	}
	expr_arena_free(&arena);
}
END_TEST

START_TEST(test_expr_errors)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t pos = 99;
		char *cause = NULL;
		struct expr *e = compile(bad[i].src, &pos, &cause);

		ck_assert_msg(e == NULL, "%s: compiled", bad[i].src);
		ck_assert_msg(pos == bad[i].pos, "%s: error at %zu, want %zu (%s)", bad[i].src, pos,
		    bad[i].pos, cause);
		ck_assert_msg(strstr(cause, bad[i].msg) != NULL, "%s: \"%s\" lacks \"%s\"",
		    bad[i].src, cause, bad[i].msg);
		free(cause);
	}
}
END_TEST

static void
collect(void *arg, int field, bool previous)
{
	int *seen = arg;
	seen[field] |= previous ? 2 : 1;
}

START_TEST(test_expr_refs_and_limits)
{
	int seen[NNAMES] = { 0 };
	size_t pos;
	char *cause = NULL, *deep;
	struct expr *e = compile("${a} + prev(${b}) + if(${t} = '', 1, ${a})", &pos, &cause);

	ck_assert_ptr_nonnull(e);
	expr_refs(e, collect, seen);
	ck_assert_int_eq(seen[0], 1);
	ck_assert_int_eq(seen[1], 2);
	ck_assert_int_eq(seen[4], 1);
	ck_assert_int_eq(seen[2], 0);
	ck_assert(!expr_uses_self(e));
	ck_assert_str_eq(expr_source(e), "${a} + prev(${b}) + if(${t} = '', 1, ${a})");
	expr_free(e);

	/* Deep nesting is refused, not a stack overflow. */
	deep = calloc(1, 20002);
	memset(deep, '(', 10000);
	deep[10000] = '1';
	memset(deep + 10001, ')', 10000);
	ck_assert_ptr_null(compile(deep, &pos, &cause));
	free(cause);
	memset(deep, '-', 3000);
	deep[3000] = '1';
	deep[3001] = '\0';
	ck_assert_ptr_null(compile(deep, &pos, &cause));
	ck_assert_ptr_nonnull(strstr(cause, "sâu"));
	free(cause);
	free(deep);
}
END_TEST

Suite *
expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("expr");

	tcase_add_test(tc, test_expr_cases);
	tcase_add_test(tc, test_expr_errors);
	tcase_add_test(tc, test_expr_refs_and_limits);
	suite_add_tcase(s, tc);
	return s;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-expr.c: libFuzzer target for the expression compiler and evaluator.
 * The input is compiled against three fields (a number, a text, a grid
 * column of three rows); what compiles is evaluated, with and without a
 * current row.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../forms/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
resolve(void *data, const char *name, size_t len, bool *column)
{
	static const char *const names[] = { "a", "t", "col" };
	(void)data;
	for (int i = 0; i < 3; i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
			*column = i == 2;
			return i;
		}
	return -1;
}

static struct val
get(void *data, int field, int row, bool previous)
{
	struct val v = { VAL_NUM, 3, NULL };
	(void)data;
	if (field == 1 || (field == 2 && row == 1)) {
		v.type = VAL_TEXT;
		v.text = previous ? "" : "x y";
	}
	return v;
}

static int
rows(void *data, int field, bool previous)
{
	(void)data;
	(void)field;
	return previous ? 0 : 3;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr_names names = { NULL, resolve };
	struct expr_env env = { NULL, get, rows, { VAL_TEXT, 0, "7" }, -1, 20000 };
	struct expr_arena *arena = NULL;
	char *src = malloc(size + 1), *cause = NULL, buf[64];
	struct expr *e;
	size_t pos;

	memcpy(src, data, size);
	src[size] = '\0';
	e = expr_compile(src, &names, &pos, &cause);
	if (e == NULL) {
		if (cause == NULL || pos > strlen(src))
			abort();
		free(cause);
	} else {
		val_format(expr_eval(e, &env, &arena), buf, sizeof buf);
		env.row = 1;
		val_format(expr_eval(e, &env, &arena), buf, sizeof buf);
		expr_arena_free(&arena);
		expr_free(e);
	}
	free(src);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-form.c: libFuzzer target for the form loader (YAML tree, keys,
 * expressions, deadlines, cycles) and the calendar loader. Any input must
 * either load or be refused with at least one error line, never crash, leak
 * or allocate without bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../forms/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_errors errs;
	struct form *f;
	struct cal cal = { 0 };
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	f = form_load("fuzz.yaml", text, size, &errs);
	if (f == NULL) {
		if (errs.n == 0)
			abort();	/* refused without saying why */
		form_errors_free(&errs);
	}
	form_free(f);
	if (form_calendar_load("fuzz.yaml", text, size, &cal, &errs))
		cal_free(&cal);
	else
		form_errors_free(&errs);
	free(text);
	return 0;
}

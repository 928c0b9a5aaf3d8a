/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-fill.c: plausible values for every field of a report, for the
 * benchmarks' synthetic communes — values the form's checks accept, as
 * the office's import requires.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fill every enterable field of report R with a plausible value. */
size_t
bench_fill(struct sub *s, const struct form *f, int r, unsigned seed)
{
	size_t values = 0;
	char buf[64], *cause = NULL;

	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		int rows = fd->container >= 0 ? sub_rows(s, fd->container) : 0;

		if (!form_field_in_report(f, (int)i, r) || !form_field_has_value(fd) ||
		    fd->type == FIELD_CALCULATE)
			continue;
		for (int row = fd->container >= 0 ? 0 : -1; row < (fd->container >= 0 ? rows : 0);
		    row++) {
			switch (fd->type) {
			case FIELD_INTEGER:
				snprintf(buf, sizeof buf, "%u", (seed * 7 + (unsigned)i) % 50 + 1);
				if (strcmp(fd->name, "so-ho") == 0 || strcmp(fd->name, "so-nhan-khau") == 0 ||
				    strcmp(fd->name, "lao-dong") == 0)
					snprintf(buf, sizeof buf, "%u", 900 + seed % 100);
				break;
			case FIELD_DECIMAL:
				snprintf(buf, sizeof buf, "%u.5", (seed + (unsigned)i) % 19);
				break;
			case FIELD_DATE:
				snprintf(buf, sizeof buf, "2026-0%u-1%u", 1 + seed % 9, seed % 9);
				break;
			case FIELD_TIME:
				snprintf(buf, sizeof buf, "%02u:%02u", seed % 24, (seed * 7) % 60);
				break;
			case FIELD_SELECT_ONE:
			case FIELD_SELECT_MULTIPLE:
				snprintf(buf, sizeof buf, "%s", f->lists[fd->list].choices[seed %
				    f->lists[fd->list].nchoices].value);
				break;
			default:
				snprintf(buf, sizeof buf, "Ghi chú số %u của thôn", seed + (unsigned)i);
			}
			if (sub_set(s, (int)i, row, buf, &cause) == ERR_OK && sub_get(s, (int)i, row))
				values++;
			free(cause);
			cause = NULL;
		}
	}
	/* the office imports only what passes `fill --final`'s checks: a number
	 * in error becomes 0 (then 1), a warning gets a reason */
	for (int round = 0; round < 4; round++) {
		struct sub_issue *is;
		size_t n = sub_check(s, &is), bad = 0;
		for (size_t k = 0; k < n; k++) {
			const struct form_field *fd = &f->fields[is[k].field];
			if (is[k].severity == SUB_WARNING && !is[k].confirmed) {
				sub_set_reason(s, is[k].field, is[k].row, is[k].warn, "số liệu thử");
				bad++;
			} else if (is[k].severity == SUB_ERROR && (fd->type == FIELD_INTEGER ||
			    fd->type == FIELD_DECIMAL)) {
				if (sub_set(s, is[k].field, is[k].row, round < 2 ? "0" : "1", &cause) !=
				    ERR_OK)
					free(cause);
				cause = NULL;
				bad++;
			}
		}
		sub_issues_free(is, n);
		if (bad == 0)
			break;
	}
	return values;
}


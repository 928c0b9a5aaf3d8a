/*
 * bench-fill.c: plausible values for every field of a report, for the
 * benchmarks' synthetic communes.
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
	return values;
}


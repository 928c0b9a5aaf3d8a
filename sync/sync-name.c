/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-name.c: the name a bundle is given (sync-name.h) — from the unit's
 * name and the periods of what the bundle carries, read from the same
 * list of submissions sync_export reads, and the installed forms (which
 * say whether a report is periodic or ad hoc).
 */
#include "sync-name.h"
#include "../core/clock.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../forms/period.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The unit's name in the roster, else its id; caller frees. */
static char *
unit_name(struct store *st, const char *unit_id)
{
	struct store_unit *units = NULL;
	size_t n = 0;
	char *cause = NULL, *name = NULL;

	if (store_unit_list(st, NULL, &units, &n, &cause) == ERR_OK)
		for (size_t i = 0; i < n && name == NULL; i++)
			if (strcmp(units[i].id, unit_id) == 0)
				name = xstrdup(units[i].name);
	free(cause);	/* the id names the file as well */
	store_unit_free(units, n);
	return name != NULL ? name : xstrdup(unit_id);
}

/* PERIOD as a file name takes it: ':' (a time of day) as 'h'. */
static void
period_part(char *out, size_t size, const char *period)
{
	size_t i = 0;

	for (; period[i] != '\0' && i + 1 < size; i++)
		out[i] = period[i] == ':' ? 'h' : period[i];
	out[i] = '\0';
}

enum err
sync_bundle_stem(struct store *st, char **stem, char **cause)
{
	struct store_install in;
	struct store_sub *subs = NULL;
	struct form_set set;
	size_t n = 0;
	const char *first = NULL, *last = NULL;
	char a[64], b[64], *name, *slug;
	enum err e;

	*stem = NULL;
	e = store_install_get(st, &in, cause);
	if (e != ERR_OK)
		return e;
	if (in.unit_id == NULL) {
		store_install_free(&in);
		return err_set(cause, ERR_INVALID, "%s", TR("chỉ máy của đơn vị xuất báo cáo",
		    "only field installations export"));
	}
	e = store_sub_list(st, in.unit_id, &subs, &n, cause);
	if (e != ERR_OK) {
		store_install_free(&in);
		return e;
	}
	e = form_set_load(st, &set, cause);
	if (e != ERR_OK) {
		store_sub_free(subs, n);
		store_install_free(&in);
		return e;
	}
	/* new ones first ("final"); none: what is carried again ("exported");
	 * of each, the periodic reports name it, an incident or a request
	 * only when there are none */
	for (int pass = 0; pass < 4 && first == NULL; pass++)
		for (size_t i = 0; i < n; i++) {
			const struct form *f;
			int r;
			if (!subs[i].final || strcmp(subs[i].status, pass >= 2 ? "exported" :
			    "final") != 0)
				continue;
			if (pass % 2 == 0 && form_set_find(&set, subs[i].form_id, &f, &r) &&
			    period_kind_adhoc(f->reports[r].rule.kind))
				continue;
			if (first == NULL || strcmp(subs[i].period, first) < 0)
				first = subs[i].period;
			if (last == NULL || strcmp(subs[i].period, last) > 0)
				last = subs[i].period;
		}
	if (first == NULL) {
		time_t t = (time_t)clock_now();
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(a, sizeof a, "%Y-%m", &tm);
		b[0] = '\0';
	} else {
		period_part(a, sizeof a, first);
		period_part(b, sizeof b, last);
		if (strcmp(a, b) == 0)
			b[0] = '\0';
	}
	name = unit_name(st, in.unit_id);
	slug = text_slug(name);
	*stem = xasprintf("%s-%s%s%s", slug != NULL ? slug : in.unit_id, a, b[0] ? "_" : "", b);
	free(slug);
	free(name);
	form_set_free(&set);
	store_sub_free(subs, n);
	store_install_free(&in);
	return ERR_OK;
}

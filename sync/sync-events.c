/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-events: the days of plans' events, carried from the office to the
 * field in the pack's "events" member (sync/FORMAT.md, "Events").
 *
 * A plan's row may be due some working days after an event the office
 * records (`baocao forms event`, forms/FORMAT.md). The office is the only
 * one who knows the day; without it a field installation shows the row as
 * "waiting" forever. The pack lists every recorded day:
 *
 *   "events": [{"form": "papi", "event": "khao-sat", "date": "2026-06-24"}]
 *
 * and applying it records them at the field, as the office did. The member
 * is optional both ways: a pack from an older office, without it, applies
 * as before (the days recorded earlier stay); an older field installation
 * ignores it. An entry the field cannot use — a form it does not have, an
 * event its version of the form does not declare, a malformed date — is
 * skipped, as the pack's other optional members skip what does not fit.
 */
#include "sync-events.h"

#include <stdlib.h>
#include <string.h>

#include "../forms/cal.h"
#include "../forms/form-install.h"

json_t *sync_events_json(struct store *st, enum err *e, char **cause)
{
	struct form_set set;
	json_t *arr;

	*e = form_set_load(st, &set, cause);
	if (*e != ERR_OK)
		return NULL;
	arr = json_array();
	for (size_t i = 0; *e == ERR_OK && i < set.n; i++) {
		const struct form *f = set.forms[i];
		long *days = NULL;
		char buf[16];

		if (f->nevents == 0)
			continue;
		*e = form_event_days(st, f, &days, cause);
		for (size_t k = 0; *e == ERR_OK && k < f->nevents; k++)
			if (days[k] >= 0)
				json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "form", f->id,
				    "event", f->events[k].id, "date",
				    date_format(days[k], buf, sizeof buf)));
		free(days);
	}
	form_set_free(&set);
	if (*e != ERR_OK) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

enum err sync_events_apply(struct store *st, json_t *events, int *changed, char **cause)
{
	struct form_set set;
	size_t i;
	json_t *it;
	enum err e;

	*changed = 0;
	if (!json_is_array(events) || json_array_size(events) == 0)
		return ERR_OK;
	e = form_set_load(st, &set, cause);
	if (e != ERR_OK)
		return e;
	json_array_foreach(events, i, it) {
		const char *form = json_string_value(json_object_get(it, "form"));
		const char *event = json_string_value(json_object_get(it, "event"));
		const char *date = json_string_value(json_object_get(it, "date"));
		const struct form *f = NULL;
		long day, *days = NULL;
		size_t k;

		if (form == NULL || event == NULL || date == NULL || !date_parse(date, &day))
			continue;
		for (size_t j = 0; j < set.n && f == NULL; j++)
			if (strcmp(set.forms[j]->id, form) == 0)
				f = set.forms[j];
		if (f == NULL)
			continue;	/* not a form of this unit's */
		for (k = 0; k < f->nevents; k++)
			if (strcmp(f->events[k].id, event) == 0)
				break;
		if (k == f->nevents)
			continue;	/* not in the version this unit has */
		e = form_event_days(st, f, &days, cause);
		if (e == ERR_OK && days[k] != day) {
			e = form_event_record(st, f, event, day, cause);
			*changed += e == ERR_OK;
		}
		free(days);
		if (e != ERR_OK)
			break;
	}
	form_set_free(&set);
	return e;
}

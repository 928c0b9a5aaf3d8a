/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-events.h: the pack's "events" member — the days the office recorded
 * for plans' events, carried to the field (sync/ only; sync-events.c).
 */
#ifndef BAOCAO_SYNC_EVENTS_H
#define BAOCAO_SYNC_EVENTS_H

#include <jansson.h>

#include "../core/err.h"
#include "../storage/store.h"

/* Office: every recorded event day of the installed forms, as the pack's
 * "events" array (new reference; possibly empty). NULL with *E and *CAUSE
 * set when storage fails. */
json_t *sync_events_json(struct store *st, enum err *e, char **cause);

/* Field: record the days of EVENTS (a pack's "events" member; NULL, or not
 * an array: nothing) for the forms installed here; what does not fit is
 * skipped. *CHANGED counts the days that were new or different. Run after
 * the pack's forms are installed. ERR_OK unless storage fails. */
enum err sync_events_apply(struct store *st, json_t *events, int *changed, char **cause);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sub-history.h: reading stored revisions of a submission for people —
 * the values one revision holds, and how many changed from the one before.
 * Used by `baocao history` and the interface's history screen, so both
 * count and name values the same way.
 *
 * It reads the JSON that sub_to_json writes (forms/sub.h) without the form
 * definition, so a revision saved under an older version of a form still
 * shows every value it had.
 */
#ifndef BAOCAO_SUB_HISTORY_H
#define BAOCAO_SUB_HISTORY_H

#include <stddef.h>

#include "form.h"

/* One value: KEY is "field", or "column[ROW]" for a grid (ROW its STT) or
 * a repeat (ROW from 1) — the names `baocao fill` takes in CSV; REASON the
 * explanation given for its warnings, or NULL. */
struct sub_entry {
	char *key, *value, *reason;
};

/* The values of stored submission JSON, in stored order (fields, then each
 * table's rows). With F (the form, any version), calculations are left
 * out: they are recomputed, never entered. Returns the count; *OUT is NULL
 * and 0 is returned when JSON is not a stored submission. Free with
 * sub_entries_free. */
size_t sub_entries(const struct form *f, const char *json, struct sub_entry **out);
void sub_entries_free(struct sub_entry *e, size_t n);

/* How many values (entered ones, with F) were added, changed or cleared
 * from BEFORE (NULL: an empty submission) to AFTER. */
size_t sub_entries_changed(const struct form *f, const char *before, const char *after);

/* A submission's or revision's status in words ("nháp", "hoàn tất", ...). */
const char *sub_status_label(const char *status);

#endif

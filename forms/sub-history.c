/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sub-history.c: the values of a stored revision, and what changed (see
 * sub-history.h).
 */
#include "sub-history.h"
#include "../core/err.h"
#include "../core/mem.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Is NAME a calculation of F? */
static int
calculated(const struct form *f, const char *name)
{
	int i = f != NULL ? form_field_index(f, name) : -1;

	return i >= 0 && f->fields[i].type == FIELD_CALCULATE;
}

static void
entry_add(struct sub_entry **v, size_t *n, char *key, const char *value)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].key = key;
	(*v)[*n].value = xstrdup(value);
	(*v)[*n].reason = NULL;
	(*n)++;
}

size_t
sub_entries(const struct form *f, const char *json, struct sub_entry **out)
{
	json_t *root = json ? json_loads(json, 0, NULL) : NULL, *vals, *rows, *reasons, *v;
	struct sub_entry *e = NULL;
	const char *key;
	size_t n = 0, i;

	*out = NULL;
	vals = json_object_get(root, "values");
	if (!json_is_object(vals)) {
		json_decref(root);
		return 0;
	}
	json_object_foreach(vals, key, v)
		if (json_is_string(v) && !calculated(f, key))
			entry_add(&e, &n, xstrdup(key), json_string_value(v));
	rows = json_object_get(root, "rows");
	json_object_foreach(rows, key, v) {
		json_t *ro;
		json_array_foreach(v, i, ro) {
			json_t *id = json_object_get(ro, "_row"), *cell;
			const char *col;
			char num[24];

			snprintf(num, sizeof num, "%zu", i + 1);
			json_object_foreach(ro, col, cell)
				if (strcmp(col, "_row") != 0 && json_is_string(cell) &&
				    !calculated(f, col))
					entry_add(&e, &n, xasprintf("%s[%s]", col, json_is_string(id) ?
					    json_string_value(id) : num), json_string_value(cell));
		}
	}
	reasons = json_object_get(root, "reasons");
	json_array_foreach(reasons, i, v) {
		json_t *fld = json_object_get(v, "field"), *row = json_object_get(v, "row");
		json_t *why = json_object_get(v, "reason");
		char *k;

		if (!json_is_string(fld) || !json_is_string(why))
			continue;
		k = json_is_string(row) ? xasprintf("%s[%s]", json_string_value(fld),
		    json_string_value(row)) : xstrdup(json_string_value(fld));
		for (size_t j = 0; j < n; j++)
			if (e[j].reason == NULL && strcmp(e[j].key, k) == 0)
				e[j].reason = xstrdup(json_string_value(why));
		free(k);
	}
	json_decref(root);
	*out = e;
	return n;
}

void
sub_entries_free(struct sub_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].key);
		free(e[i].value);
		free(e[i].reason);
	}
	free(e);
}

static const struct sub_entry *
entry_find(const struct sub_entry *e, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].key, key) == 0)
			return &e[i];
	return NULL;
}

size_t
sub_entries_changed(const struct form *f, const char *before, const char *after)
{
	struct sub_entry *a, *b;
	size_t na = before ? sub_entries(f, before, &a) : (a = NULL, 0);
	size_t nb = sub_entries(f, after, &b);
	size_t changed = 0;

	for (size_t i = 0; i < nb; i++) {
		const struct sub_entry *o = entry_find(a, na, b[i].key);
		changed += o == NULL || strcmp(o->value, b[i].value) != 0;
	}
	for (size_t i = 0; i < na; i++)
		changed += entry_find(b, nb, a[i].key) == NULL;
	sub_entries_free(a, na);
	sub_entries_free(b, nb);
	return changed;
}

const char *
sub_status_label(const char *status)
{
	static const struct { const char *status, *vi, *en; } labels[] = {
		{ "draft", "nháp", "draft" },
		{ "final", "hoàn tất", "final" },
		{ "exported", "đã gửi", "exported" },
		{ "received", "đã nhận", "received" },
		{ "approved", "đã duyệt", "approved" },
		{ "returned", "bị trả lại", "returned" },
	};

	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (status != NULL && strcmp(status, labels[i].status) == 0)
			return TR(labels[i].vi, labels[i].en);
	return status != NULL ? status : "";
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-forms.h: installed form definitions, every version kept.
 *
 * Storage keeps the definition text as given; checking it is the forms
 * layer's job (forms/form-install.c) and happens before anything is stored.
 * A (form, version) pair is written once: installing the same text again
 * changes nothing, a different text under the same version is refused, so
 * that every entry's form version always means one definition.
 *
 * Besides forms, the working-day calendar (holidays) is kept here as text
 * under the reserved id "@holidays".
 */
#ifndef BAOCAO_STORE_FORMS_H
#define BAOCAO_STORE_FORMS_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct store_form {
	char *id;
	int version;
	char *title;
	char *unit_kind;
	char *definition;
};

/*
 * Install a definition. *added (if not NULL) is 1 when it was new, 0 when the
 * same id, version and text were there already. ERR_EXISTS when that version
 * is installed with another text; ERR_VERSION when a newer version is.
 * Audited as "form-install".
 */
enum err store_form_put(struct store *st, const char *id, int version, const char *title,
    const char *unit_kind, const char *definition, int *added, char **cause);

/* The latest version of every installed form, by id. */
enum err store_form_latest(struct store *st, struct store_form **forms, size_t *n,
    char **cause);

/* One version (version 0: the latest). ERR_NOTFOUND if absent. */
enum err store_form_get(struct store *st, const char *id, int version,
    struct store_form *out, char **cause);

void store_form_free(struct store_form *forms, size_t n);

/* When form ID was first installed here (any version), Unix seconds: a
 * period due before then was never asked of anyone. ERR_NOTFOUND if absent. */
enum err store_form_since(struct store *st, const char *id, int64_t *at, char **cause);

/* The version of form ID in force at AT (Unix seconds): the newest one
 * installed here by then, into *VERSION; ERR_NOTFOUND when none was yet. */
enum err store_form_in_force(struct store *st, const char *id, int64_t at, int *version,
    char **cause);

#define STORE_HOLIDAYS_ID "@holidays"

/* What changes when a form is installed (forms are only ever added): how
 * many rows, the last rowid. A cache of parsed forms compares it. */
enum err store_forms_stamp(struct store *st, int64_t *count, int64_t *last, char **cause);

#endif

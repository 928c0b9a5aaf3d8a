/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-units.h: the office changes its roster — one use case written
 * once, for `baocao units add|rename|remove` and the interface's roster.
 *
 * Only an office installation changes the roster (a unit gets its roster
 * from the office's pack). A new unit must be of a kind some installed form
 * is for (or that leads rows of a plan): a unit of any other kind would owe
 * nothing and never show as late — most likely a typo ("thonn").
 */
#ifndef BAOCAO_OFFICE_UNITS_H
#define BAOCAO_OFFICE_UNITS_H

#include <stddef.h>

#include "../core/err.h"
#include "../storage/store.h"

#define OFFICE_UNIT_ID_MAX 40	/* store_id_valid's limit */

/* Add a unit of KIND named NAME, with id ID (NULL: made from the name,
 * "Thôn Đồng Tâm" -> thon-dong-tam; a name too long for an id is cut at a
 * word and made unique, and *SHORTENED set to 1). *MADE (caller frees) is
 * the id used. ERR_INVALID: not the office, an unknown kind (the message
 * lists the kinds there are), a bad or taken id, an empty name. */
enum err office_unit_add(struct store *st, const char *id, const char *kind, const char *name,
    char **made, int *shortened, char **cause);

/* Rename unit ID (NAME not NULL) and/or take it off the roster or back on
 * (ACTIVE 0 or 1; -1 leaves it): what it sent is kept. Audited.
 * ERR_INVALID: not the office, no such unit, an empty name. */
enum err office_unit_update(struct store *st, const char *id, const char *name, int active,
    char **cause);

/* The unit kinds the installed forms are for, or that lead rows of a
 * plan, sorted; free with office_unit_kinds_free. */
enum err office_unit_kinds(struct store *st, char ***kinds, size_t *n, char **cause);
void office_unit_kinds_free(char **kinds, size_t n);

#endif

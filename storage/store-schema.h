/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-schema.h: the database schema and its numbered, forward-only
 * migrations. PRAGMA user_version holds the version a database is at.
 */
#ifndef BAOCAO_STORE_SCHEMA_H
#define BAOCAO_STORE_SCHEMA_H

#include "store.h"

/* The newest schema version this build knows. */
int store_schema_latest(void);

/* The version the database is at. */
int store_schema_version(struct store *st);

/* Apply every migration after the current version up to `target` (0: the
 * newest), each in its own transaction. A database newer than this build is
 * refused with ERR_VERSION and left alone. */
enum err store_migrate(struct store *st, int target, char **cause);

#endif

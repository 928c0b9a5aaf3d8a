/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-settings.h: small named values kept with the installation (the
 * working-day calendar, the idle-lock delay, ...). Setting a value is
 * audited with its key, not its content.
 */
#ifndef BAOCAO_STORE_SETTINGS_H
#define BAOCAO_STORE_SETTINGS_H

#include "store.h"

/* *value is NULL (and ERR_OK returned) when the key is not set. */
enum err store_setting_get(struct store *st, const char *key, char **value, char **cause);
/* *changed (if not NULL) is 1 when the stored value changed. */
enum err store_setting_set(struct store *st, const char *key, const char *value,
    int *changed, char **cause);

#define STORE_SETTING_HOLIDAYS "holidays"

#endif

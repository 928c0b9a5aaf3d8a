/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-keys-table.c: README's key table, generated from the key tables the
 * interface dispatches with (`baocao tui-keys`), so that what README says
 * a key does is what the key does: tests/e2e/t-tui-keys.sh compares the
 * two and fails on any difference.
 */
#include "tui.h"
#include "ui.h"
#include "widget-filepick.h"
#include "screen-form-int.h"

#include <stdio.h>
#include <string.h>

const struct screen_ops *const ui_modes[] = {
	&screen_unlock_ops, &screen_setup_ops, &screen_home_ops, &screen_periods_ops,
	&screen_form_ops, &form_review_ops, &screen_history_ops, &screen_exchange_ops,
	&screen_filepick_ops, &screen_inbox_ops, &screen_review_ops, &screen_devices_ops,
	&screen_status_ops, &screen_report_ops, &screen_roster_ops, NULL,
};

/* The rows of TABLE, said to be WHERE. */
static void
rows(FILE *f, const char *where, const struct ui_key *table)
{
	char name[64];

	for (const struct ui_key *k = table; k != NULL && k->vi != NULL; k++)
		fprintf(f, "| %s | %s | %s |\n", ui_key_name(k, 1, name, sizeof name), where, k->en);
}

int
tui_keys_table(FILE *f)
{
	fputs("| key | where | does |\n|---|---|---|\n", f);
	rows(f, "everywhere", ui_global_keys);
	for (size_t i = 0; ui_modes[i] != NULL; i++) {
		const struct screen_ops *m = ui_modes[i];
		if (m->maps == NULL) {
			rows(f, m->where, m->keys);
			continue;
		}
		for (const struct ui_keymap *mp = m->maps; mp->keys != NULL; mp++)
			rows(f, mp->where, mp->keys);
	}
	return fflush(f) != 0 || ferror(f) ? 1 : 0;
}

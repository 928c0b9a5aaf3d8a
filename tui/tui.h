/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui.h: the terminal interface, the one entry point the CLI calls.
 */
#ifndef BAOCAO_TUI_H
#define BAOCAO_TUI_H

/* Run the interface on the database at path until the user quits. Returns
 * the process exit status. Leaves the terminal as it found it, also on error
 * and on SIGTERM/SIGHUP. */
int tui_run(const char *db_path);

#include <stdio.h>

/* Print every key table of the interface to F as README's Markdown table
 * (key, where, what it does), the global keys first (`baocao tui-keys`:
 * README's table is checked against it). Returns 0, or 1 on a write
 * error. */
int tui_keys_table(FILE *f);

#endif

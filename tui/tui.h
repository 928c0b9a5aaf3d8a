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

#endif

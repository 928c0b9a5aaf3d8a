/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-draft.h: `baocao forms draft` and `baocao forms import`, the verbs
 * that write form files from a clerk's documents (cmd-draft.c); called by
 * cmd-forms.c.
 */
#ifndef BAOCAO_CMD_DRAFT_H
#define BAOCAO_CMD_DRAFT_H

struct cli;

/* ARGV[0] is "draft" or "import". Returns the exit status. */
int cmd_forms_draft(struct cli *cli, int argc, char **argv);
int cmd_forms_import(struct cli *cli, int argc, char **argv);

#endif

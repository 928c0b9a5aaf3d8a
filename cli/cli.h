/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h: what the subcommands share. Each verb is a `struct cmd_entry` (in the
 * style of tmux's cmd-*.c): its name, its usage line, a one-line summary in
 * both languages and the function that runs it. main.c holds the table.
 */
#ifndef BAOCAO_CLI_H
#define BAOCAO_CLI_H

#include <stdio.h>

#include "../core/err.h"
#include "../core/file.h"
#include "../storage/store.h"

struct cli {
	const char *db;    /* --db, or the default path */
	int db_given;      /* --db was said (forms check then reads its roster) */
	const char *argv0;
	int changing_key;  /* passwd: no "weak key" warning from cli_open */
	struct cli_batch *batch; /* inside `batch`: the one unlock every line shares */
};

/* What the lines of one `batch` share: the database they all name and, once
 * the first line needing it has unlocked it, the open store. cli_open hands
 * that store out (held, so the command's store_close leaves it open). */
struct cli_batch {
	const char *db;
	struct store *st;
};

/* The batch line being run (1-based), 0 outside a batch: cli_fail prefixes
 * its messages with it ("dòng 7: ..."). */
extern unsigned long cli_batch_line;

/* The verb called name, or NULL (main.c holds the table). */
const struct cmd_entry *cli_find_verb(const char *name);

struct cmd_entry {
	const char *name;
	const char *usage;
	const char *summary_vi;
	const char *summary_en;
	int (*exec)(struct cli *cli, int argc, char **argv);
};

extern const struct cmd_entry cmd_setup_entry;
extern const struct cmd_entry cmd_status_entry;
extern const struct cmd_entry cmd_units_entry;
extern const struct cmd_entry cmd_passwd_entry;
extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_forms_entry;
extern const struct cmd_entry cmd_fill_entry;
extern const struct cmd_entry cmd_history_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_devices_entry;
extern const struct cmd_entry cmd_pack_entry;
extern const struct cmd_entry cmd_apply_entry;
extern const struct cmd_entry cmd_review_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_keys_entry;
extern const struct cmd_entry cmd_batch_entry;

/* Print "baocao: <msg>" on stderr; returns the exit status for code. */
int cli_fail(enum err code, const char *msg);
int cli_failf(enum err code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One line of a failure's list (a fill's errors, a form file's) before its
 * last line (cli_fail): on stderr as it is, after "dòng N: " inside a batch,
 * as every line of a batch line's failure. */
void cli_fail_line(const char *line);
/* The same with " — <where>" after the message (see err_set_at). */
int cli_failf_at(enum err code, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print TEXT from column COL (already written on the line) to at most
 * column 79, going on on new lines indented by INDENT; ends the line. */
void cli_wrap(FILE *f, const char *text, int col, int indent);

/* Print a verb's usage and summary (to stdout for --help). */
void cli_usage(const struct cmd_entry *c, int to_stderr);

/* Parse the options every verb takes: --db FILE, --help, and the verb's own
 * long options given as a getopt_long table. Returns the option's val, -1 at
 * the end, '?' on a bad option (message printed), 'h' for --help. */
struct option;
int cli_getopt(struct cli *cli, int argc, char **argv, const struct option *extra);

/* The default database: $XDG_DATA_HOME/baocao/baocao.db (or
 * ~/.local/share/baocao/baocao.db). Caller frees. */
char *cli_default_db(void);

/* Make the directory that will hold path (mode 0700), if missing. */
enum err cli_make_parent(const char *path, char **cause);

/* The passphrase: $BAOCAO_PASSPHRASE, or asked on the terminal without echo.
 * `confirm` asks twice. Returns a sodium_malloc'd string (free with
 * cli_passphrase_free) or NULL with *cause set. env names the variable. */
char *cli_passphrase(const char *env, const char *prompt, int confirm, char **cause);
void cli_passphrase_free(char *p);

/* The Argon2id cost for a new key: this machine's (a quarter of its memory,
 * store_kdf_machine); BAOCAO_KDF=test selects the cheap one in test builds
 * only (store_kdf_env; main() refuses it in a release). */
const struct store_kdf *cli_kdf(void);

/* After setup or passwd made a key at K, the machine's choice: one line on
 * stdout when K costs less than STORE_KDF_DEFAULT (memory is short) — the
 * cost, what limited it, and 'baocao passwd --kdf-memory' to raise it. */
void cli_said_key_cost(const struct store_kdf *k);

/* Ask for the passphrase and open cli->db; prints the error and returns its
 * exit status on failure, 0 on success. Inside a batch the first call unlocks
 * and later ones get the same store without asking (each still closes it). */
int cli_open(struct cli *cli, struct store **st);

/* Print "label   value" with the value in column 26, whatever the label's
 * accents (columns are counted, not bytes). */
void cli_row(const char *label, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print s and pad it with spaces to `width` columns (at least one space). */
void cli_cell(const char *s, int width);

/* --format text|tsv: 0 if s names one (stored in *f); else the message is
 * printed and the exit status returned. */
enum cli_format { CLI_TEXT, CLI_TSV };
int cli_parse_format(const char *s, enum cli_format *f);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-sync.c: the exchange verbs, each a small struct cmd_entry over the
 * sync layer (sync/sync.h):
 *
 *   export --out FILE [--with-key]  field: write a bundle for the office
 *   import FILE...           office: verify and import bundles, one line each
 *   devices [--format tsv]   office: devices seen; approve / revoke FPR
 *   pack [--setup] --out FILE  office: write an office pack (sealed to the
 *                            approved devices), or the open setup pack
 *   apply FILE               field: apply an office pack
 */
#include "cli.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../forms/cal.h"
#include "../forms/form-install.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int
fail_free(enum err e, char *cause)
{
	int rc = cli_fail(e, cause);
	free(cause);
	return rc;
}

/* Parse --out FILE (required), --force (*flags FILE_FORCE: replace an
 * existing file), --setup if SETUP is not NULL, --with-key if WITH_KEY is
 * not NULL, and nothing else. */
static int
out_option(struct cli *cli, const struct cmd_entry *entry, int argc, char **argv,
    const char **out, int *flags, int *setup, int *with_key)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "setup", no_argument, NULL, 's' },
		{ "with-key", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*out = NULL;
	*flags = 0;
	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'o': *out = optarg; break;
		case 's':
			if (setup == NULL) {
				cli_usage(entry, 1);
				return 2;
			}
			*setup = 1;
			break;
		case 'F': *flags |= FILE_FORCE; break;
		case 'k':
			if (with_key == NULL) {
				cli_usage(entry, 1);
				return 2;
			}
			*with_key = 1;
			break;
		case 'h': cli_usage(entry, 0); return -1;
		default: cli_usage(entry, 1); return 2;
		}
	}
	if (*out == NULL || optind != argc) {
		cli_usage(entry, 1);
		return 2;
	}
	return 0;
}

static int
cmd_export_exec(struct cli *cli, int argc, char **argv)
{
	const char *out;
	struct store *st;
	unsigned char *file;
	size_t len;
	char *cause = NULL;
	int n, left, flags, with_key = 0;
	int c = out_option(cli, &cmd_export_entry, argc, argv, &out, &flags, NULL, &with_key);
	enum err e;

	if (c != 0)
		return c < 0 ? 0 : c;
	/* refused before any work: an existing file, a device, a symlink... */
	if ((e = file_out_check(out, flags, &cause)) != ERR_OK)
		return fail_free(e, cause);
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	e = sync_export_part(st, with_key, &file, &len, &n, &left, &cause);
	if (e == ERR_OK) {
		e = file_write_out(out, file, len, flags, &cause);
		free(file);
	}
	store_close(st);
	if (e != ERR_OK)
		return fail_free(e, cause);
	printf(TR("%s: %d báo cáo, %zu byte. Mang tệp này đến văn phòng xã.\n",
	    "%s: %d submissions, %zu bytes. Take this file to the commune office.\n"), out, n, len);
	if (left > 0) {
		char *t = sync_export_left_text(left);
		printf("%s\n", t);
		free(t);
	}
	return 0;
}

const struct cmd_entry cmd_export_entry = {
	"export", "export --out TỆP [--force] [--with-key]",
	"Máy đơn vị: ghi các báo cáo đã hoàn tất vào một tệp gửi văn phòng.",
	"Field: write the finalised submissions to a file for the office.",
	cmd_export_exec,
};

/* How often an import run commits what it has imported (milliseconds):
 * BAOCAO_IMPORT_COMMIT_SECONDS, else a second. A commit is an fsync (a
 * few ms); after each file it would double a big run's time, while one
 * commit for the whole run would lose all of it to a crash. */
static double
import_commit_every(void)
{
	const char *env = getenv("BAOCAO_IMPORT_COMMIT_SECONDS");
	char *end;
	double v;

	if (env == NULL || *env == '\0')
		return 1000;
	v = strtod(env, &end);
	return *end == '\0' && v >= 0 && v <= 86400 ? v * 1000 : 1000;
}

/* The line for a commit of an import run that failed (malloc'd): what
 * since the last commit was not imported. */
static char *
undone_line(const char *cause, int committed)
{
	if (committed)
		return xasprintf(TR("chưa nhập: %s; các tệp có dòng kết quả ở trên đã được nhập, "
		    "các tệp khác thì chưa: hãy chạy lại lệnh", "not imported: %s; the files with a "
		    "line above were imported, the others not: run the command again"),
		    cause ? cause : "?");
	return xasprintf(TR("chưa nhập: %s; không tệp nào của lần nhập này được nhập, hãy chạy "
	    "lại", "not imported: %s; no file of this run was imported, run it again"),
	    cause ? cause : "?");
}

static double
mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000 + (double)t.tv_nsec / 1e6;
}

/* The lines of the files committed so far, said once they are (SAID, NSAID
 * the memory stream OUT writes to; *PRINTED how much of it is out). */
static void
import_say(FILE *out, char **said, size_t *nsaid, size_t *printed)
{
	fflush(out);
	fwrite(*said + *printed, 1, *nsaid - *printed, stdout);
	fflush(stdout);
	*printed = *nsaid;
}

/* A file the import skipped or refused: its line among the others on
 * stdout; inside a batch on stderr, "dòng N: " first, as every failure of a
 * batch line (cli_fail). */
static void
import_file_failed(FILE *out, const char *line)
{
	if (cli_batch_line != 0)
		(void)cli_fail(ERR_INVALID, line);
	else
		fprintf(out, "%s\n", line);
}

static int
cmd_import_exec(struct cli *cli, int argc, char **argv)
{
	struct form_set set;
	struct store *st;
	FILE *out;
	char *said = NULL;
	size_t nsaid = 0, printed = 0;
	int c, status = 0, committed = 0;
	double every = import_commit_every(), last;

	while ((c = cli_getopt(cli, argc, argv, NULL)) != -1) {
		if (c == 'h') {
			cli_usage(&cmd_import_entry, 0);
			return 0;
		}
		cli_usage(&cmd_import_entry, 1);
		return 2;
	}
	if (optind == argc) {
		cli_usage(&cmd_import_entry, 1);
		return 2;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	{
		char *cause = NULL;
		enum err e = form_set_load(st, &set, &cause);
		if (e != ERR_OK) {
			store_close(st);
			return fail_free(e, cause);
		}
		/* The run is one transaction, each file a savepoint in it (a
		 * refused file changes nothing, the others stay), committed
		 * after a file once a second has passed since the last commit
		 * and at the end: a crash loses at most that second's files,
		 * whole, and running the same command again imports them (the
		 * others are "already imported"). Each file's line is said once
		 * its commit is done. */
		e = store_begin(st, &cause);
		if (e != ERR_OK) {
			form_set_free(&set);
			store_close(st);
			return fail_free(e, cause);
		}
	}
	out = open_memstream(&said, &nsaid);
	if (out == NULL)
		abort();	/* as xmalloc does when memory is out */
	last = mono_ms();
	for (int i = optind; i < argc; i++) {
		struct sync_result r = { 0 };
		unsigned char *file = NULL;
		size_t len;
		char *cause = NULL;
		size_t max = SYNC_DEFAULT_MAX_FILE;
		enum err e = sync_file_limit(st, &max, &cause);

		if (e == ERR_OK)	/* a file over the cap is never read */
			e = file_read(argv[i], max, &file, &len, &cause);

		if (e != ERR_OK) {
			/* missing, unreadable, not a regular file: skipped, the batch
			 * goes on */
			import_file_failed(out, cause);
			if (err_exit_status(e) > status)
				status = err_exit_status(e);
			free(cause);
			continue;
		}
		e = sync_import(st, &set, file, len, &r, &cause);
		free(file);
		if (e == ERR_FULL || e == ERR_IO || e == ERR_BUSY ||
		    sqlite3_get_autocommit(store_sqlite(st))) {
			/* the database, not the file: the next files would fail too.
			 * This file's savepoint is undone; what was imported before
			 * it is kept (committed) if the transaction still stands and
			 * the commit goes through, else nothing since the run's last
			 * commit is. */
			char *msg, *c2 = NULL;
			int kept = !sqlite3_get_autocommit(store_sqlite(st)) &&
			    store_commit(st, &c2) == ERR_OK;
			free(c2);
			if (!kept)
				store_rollback(st);
			msg = kept ? xasprintf(TR("chưa nhập: %s", "not imported: %s"),
			    cause ? cause : "?") : undone_line(cause, committed);
			err_where(&msg, "%s", argv[i]);
			if (e == ERR_OK)
				e = ERR_IO;
			free(cause);
			sync_result_free(&r);
			if (kept)
				import_say(out, &said, &nsaid, &printed);
			fclose(out);
			free(said);
			form_set_free(&set);
			store_close(st);
			return fail_free(e, msg);
		}
		if (e != ERR_OK || r.outcome == SYNC_REFUSED) {
			char *line = xasprintf(TR("từ chối: %s", "refused: %s"), cause);
			err_where(&line, "%s", argv[i]);
			import_file_failed(out, line);
			free(line);
			/* not authentic; or one this office cannot read (input) */
			c = err_exit_status(r.dict_unknown || r.sender_unknown ? ERR_INVALID :
			    ERR_CORRUPT);
			if (c > status)
				status = c;
		} else if (r.outcome == SYNC_ALREADY) {
			fprintf(out, TR("%s: đã nhập trước đó, không đổi gì\n",
			    "%s: already imported, nothing changed\n"), argv[i]);
		} else if (r.outcome == SYNC_HELD) {
			fprintf(out, TR("%s: giữ chờ duyệt thiết bị %s (đơn vị %s): 'baocao devices approve "
			    "%s'\n", "%s: held until device %s (unit %s) is approved: 'baocao devices "
			    "approve %s'\n"), argv[i], r.fingerprint, r.unit, r.fingerprint);
		} else {
			fprintf(out, TR("%s: đã nhập %d báo cáo của %s (%d mới, %d cũ hơn giữ trong lịch sử, "
			    "%d đã có; %zu giữ lại)\n", "%s: imported %d submissions of %s (%d new, %d "
			    "older kept in history, %d already there; %zu held back)\n"), argv[i],
			    r.n_new + r.n_older + r.n_dup + (int)r.n_held, r.unit, r.n_new, r.n_older,
			    r.n_dup, r.n_held);
			struct sync_note *notes;
			size_t nn = sync_result_notes(&r, &notes);
			for (size_t k = 0; k < nn; k++)
				fprintf(out, "  %s\n", notes[k].text);
			sync_notes_free(notes, nn);
		}
		free(cause);
		sync_result_free(&r);
		if (i + 1 < argc && mono_ms() - last >= every) {
			/* what is imported so far, kept; then the next files */
			enum err ce = store_commit(st, &cause);
			if (ce == ERR_OK) {
				committed = 1;
				import_say(out, &said, &nsaid, &printed);
				last = mono_ms();
				ce = store_begin(st, &cause);
				if (ce != ERR_OK) {
					char *msg = xasprintf(TR("chưa nhập: %s; các tệp từ %s trở đi "
					    "chưa được nhập, hãy chạy lại", "not imported: %s; the files "
					    "from %s on were not imported, run it again"),
					    cause ? cause : "?", argv[i + 1]);
					free(cause);
					fclose(out);
					free(said);
					form_set_free(&set);
					store_close(st);
					return fail_free(ce, msg);
				}
			} else {
				char *msg = undone_line(cause, committed);
				free(cause);
				fclose(out);
				free(said);
				form_set_free(&set);
				store_close(st);
				return fail_free(ce, msg);
			}
		}
	}
	{
		char *cause = NULL;
		enum err e = store_commit(st, &cause);
		form_set_free(&set);
		store_close(st);
		if (e != ERR_OK) {
			char *msg = undone_line(cause, committed);
			free(cause);
			fclose(out);
			free(said);
			return fail_free(e, msg);
		}
	}
	import_say(out, &said, &nsaid, &printed);
	fclose(out);
	free(said);
	return status;
}

const struct cmd_entry cmd_import_entry = {
	"import", "import TỆP...",
	"Văn phòng: kiểm tra và nhập các tệp báo cáo của đơn vị; mỗi tệp một dòng kết quả.",
	"Office: verify and import units' bundles; one result line per file.",
	cmd_import_exec,
};

static int
cmd_devices_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum cli_format fmt = CLI_TEXT;
	const char *sub = NULL;
	struct store_device *d;
	struct store *st;
	size_t n;
	char *cause = NULL;
	enum err e;
	int c;

	if (argc > 1 && argv[1][0] != '-') {
		sub = argv[1];
		argv++;
		argc--;
	}
	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'f':
			if ((c = cli_parse_format(optarg, &fmt)) != 0)
				return c;
			break;
		case 'h': cli_usage(&cmd_devices_entry, 0); return 0;
		default: cli_usage(&cmd_devices_entry, 1); return 2;
		}
	}
	if ((sub == NULL && optind != argc) || (sub != NULL && (optind + 1 != argc ||
	    (strcmp(sub, "approve") != 0 && strcmp(sub, "revoke") != 0 &&
	    strcmp(sub, "forget") != 0)))) {
		cli_usage(&cmd_devices_entry, 1);
		return 2;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	if (sub != NULL && strcmp(sub, "approve") == 0) {
		struct sync_approved a;
		struct store_device *dv = NULL;
		size_t nd = 0;
		e = sync_approve_report(st, argv[optind], NULL, NULL, &a, &cause);
		if (e == ERR_OK)
			e = store_device_list(st, &dv, &nd, &cause);
		store_close(st);
		if (e != ERR_OK) {
			sync_approved_free(&a);
			return fail_free(e, cause);
		}
		if (a.held_back > 0)
			printf(TR("Đã duyệt thiết bị; đã nhập %d tệp đang giữ; %zu báo cáo trong đó "
			    "bị giữ lại.\n", "Device approved; %d held files imported; %zu "
			    "submissions in them held back.\n"), a.imported, a.held_back);
		else
			printf(TR("Đã duyệt thiết bị; đã nhập %d tệp đang giữ.\n",
			    "Device approved; %d held files imported.\n"), a.imported);
		/* a second approved device for one unit: a new laptop, or a
		 * copy of the old one — the clerk should know which */
		{
			char fpr[STORE_FPR_LEN + 1];
			const char *unit = NULL;
			if (store_fpr_normal(argv[optind], fpr))
				for (size_t i = 0; i < nd; i++)
					if (strcmp(dv[i].fingerprint, fpr) == 0)
						unit = dv[i].unit_id;
			for (size_t i = 0; unit != NULL && i < nd; i++)
				if (strcmp(dv[i].fingerprint, fpr) != 0 && dv[i].unit_id != NULL &&
				    strcmp(dv[i].unit_id, unit) == 0 &&
				    strcmp(dv[i].state, "approved") == 0) {
					printf(TR("  chú ý: %s cũng đã được duyệt cho đơn vị %s; nếu máy "
					    "đó bị mất hoặc thay, hãy thu hồi nó ('baocao devices revoke "
					    "%s')\n", "  note: %s is also approved for unit %s; if that "
					    "machine was lost or replaced, revoke it ('baocao devices "
					    "revoke %s')\n"), dv[i].fingerprint, unit, dv[i].fingerprint);
				}
		}
		store_device_free(dv, nd);
		for (size_t i = 0; i < a.nnotes; i++)
			printf("  %s\n", a.notes[i].text);
		sync_approved_free(&a);
		return 0;
	}
	if (sub != NULL && strcmp(sub, "forget") == 0) {
		int dropped;
		e = sync_forget(st, argv[optind], &dropped, &cause);
		store_close(st);
		if (e != ERR_OK)
			return fail_free(e, cause);
		printf(TR("Đã bỏ thiết bị; đã xoá %d tệp đang giữ.\n",
		    "Device forgotten; %d held files dropped.\n"), dropped);
		return 0;
	}
	if (sub != NULL) {
		e = store_begin(st, &cause);
		if (e == ERR_OK)
			e = store_device_decide(st, argv[optind], "revoked", &cause);
		if (e == ERR_OK)
			e = store_commit(st, &cause);
		else
			store_rollback(st);
		store_close(st);
		if (e != ERR_OK)
			return fail_free(e, cause);
		printf("%s\n", TR("Đã thu hồi thiết bị.", "Device revoked."));
		return 0;
	}
	e = store_device_list(st, &d, &n, &cause);
	store_close(st);
	if (e != ERR_OK)
		return fail_free(e, cause);
	for (size_t i = 0; i < n; i++) {
		if (fmt == CLI_TSV) {
			printf("%s\t%s\t%s\t%llu\t%d\t%lld\t%s\n", d[i].fingerprint, d[i].unit_id ?
			    d[i].unit_id : "", d[i].state, (unsigned long long)d[i].last_seq, d[i].held,
			    (long long)d[i].held_bytes, d[i].from_revoked);
		} else {
			const char *st_vi = strcmp(d[i].state, "pending") == 0 ? TR("chờ duyệt", "pending")
			    : strcmp(d[i].state, "approved") == 0 ? TR("đã duyệt", "approved")
			    : TR("đã thu hồi", "revoked");
			cli_cell(d[i].fingerprint, 21);
			cli_cell(d[i].unit_id ? d[i].unit_id : "-", 22);
			cli_cell(st_vi, 12);
			if (d[i].held)
				printf(TR("%d tệp đang giữ, %lld byte, chưa đọc",
				    "%d files held, %lld bytes, unread"), d[i].held,
				    (long long)d[i].held_bytes);
			/* the clerk approving it sees where it comes from */
			if (d[i].from_revoked[0])
				printf(TR("%sđổi khoá từ máy đã thu hồi %s", "%skey changed from "
				    "revoked device %s"), d[i].held ? "; " : "", d[i].from_revoked);
			putchar('\n');
		}
	}
	if (fmt == CLI_TEXT && n == 0)
		printf("%s\n", TR("(chưa có thiết bị nào gửi tệp)", "(no device has sent a file yet)"));
	store_device_free(d, n);
	return 0;
}

const struct cmd_entry cmd_devices_entry = {
	"devices", "devices [--format text|tsv] | devices approve MÃ-THIẾT-BỊ | devices revoke "
	"MÃ-THIẾT-BỊ | devices forget MÃ-THIẾT-BỊ",
	"Văn phòng: các thiết bị đã gửi tệp; duyệt hoặc thu hồi (so mã với màn hình của đơn vị); "
	"bỏ một thiết bị chưa từng được duyệt cùng các tệp nó đang giữ.",
	"Office: devices that sent files; approve or revoke (compare the code with the unit's "
	"screen); forget a device never approved, with the files it holds.",
	cmd_devices_exec,
};

static int
cmd_pack_exec(struct cli *cli, int argc, char **argv)
{
	const char *out;
	struct store *st;
	unsigned char *file;
	size_t len;
	char *cause = NULL;
	int flags, c, setup = 0;
	enum err e;

	/* --setup: the open pack a new unit sets up from (no receipts) */
	c = out_option(cli, &cmd_pack_entry, argc, argv, &out, &flags, &setup, NULL);
	if (c != 0)
		return c < 0 ? 0 : c;
	/* refused before any work: an existing file, a device, a symlink... */
	if ((e = file_out_check(out, flags, &cause)) != ERR_OK)
		return fail_free(e, cause);
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	e = setup ? sync_pack_setup(st, &file, &len, &cause) : sync_pack(st, &file, &len, &cause);
	if (e == ERR_OK) {
		e = file_write_out(out, file, len, flags, &cause);
		free(file);
	}
	store_close(st);
	if (e != ERR_OK)
		return fail_free(e, cause);
	printf(TR("%s: gói của văn phòng, %zu byte.\n", "%s: office pack, %zu bytes.\n"), out, len);
	return 0;
}

const struct cmd_entry cmd_pack_entry = {
	"pack", "pack [--setup] --out TỆP [--force]",
	"Văn phòng: ghi gói gửi các đơn vị (biểu mẫu, danh sách, xác nhận đã nhận, trả lại), "
	"niêm phong cho các thiết bị đã duyệt; --setup: gói cài đặt cho đơn vị mới.",
	"Office: write the pack for the units (forms, roster, receipts, returns), sealed to the "
	"approved devices; --setup: the setup pack for a new unit.",
	cmd_pack_exec,
};

static int
cmd_apply_exec(struct cli *cli, int argc, char **argv)
{
	struct sync_applied r;
	struct store *st;
	unsigned char *file = NULL;
	size_t len;
	char *cause = NULL;
	enum err e;
	int c;

	static const struct option opts[] = {
		{ "accept-older", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned flags = 0;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'A': flags |= SYNC_ACCEPT_OLDER; break;
		case 'h': cli_usage(&cmd_apply_entry, 0); return 0;
		default: cli_usage(&cmd_apply_entry, 1); return 2;
		}
	}
	if (optind + 1 != argc) {
		cli_usage(&cmd_apply_entry, 1);
		return 2;
	}
	e = file_read(argv[optind], SYNC_MAX_FILE, &file, &len, &cause);
	if (e != ERR_OK)
		return fail_free(e, cause);
	if ((c = cli_open(cli, &st)) != 0) {
		free(file);
		return c;
	}
	e = sync_apply(st, file, len, flags, &r, &cause);
	store_close(st);
	free(file);
	if (e != ERR_OK) {
		err_where(&cause, "%s", argv[optind]);
		return fail_free(e, cause);
	}
	if (r.already) {
		printf(TR("%s: đã áp dụng gói này, không đổi gì.\n",
		    "%s: this pack was applied before; nothing changed.\n"), argv[optind]);
	} else if (r.older && !(flags & SYNC_ACCEPT_OLDER)) {
		printf(TR("%s: gói số %llu không mới hơn gói số %llu đã áp dụng; không đổi gì. Nếu văn "
		    "phòng vừa được khôi phục từ bản sao lưu, đây là gói mới của văn phòng: áp "
		    "dụng bằng 'baocao apply --accept-older %s'.\n", "%s: pack %llu is not newer than "
		    "pack %llu applied before; nothing changed. If the office was restored from a "
		    "backup, this is its new pack: apply it with 'baocao apply --accept-older "
		    "%s'.\n"), argv[optind], (unsigned long long)r.seq,
		    (unsigned long long)r.last, argv[optind]);
	} else
		printf(TR("%s: %d biểu mẫu mới, %d xác nhận của văn phòng.\n",
		    "%s: %d new forms, %d answers from the office.\n"), argv[optind], r.forms,
		    r.receipts);
	if (!r.already && !(r.older && !(flags & SYNC_ACCEPT_OLDER))) {
		struct sync_note *notes;	/* answers for an older revision, named */
		size_t nn = sync_applied_notes(&r, &notes);
		for (size_t i = 0; i < nn; i++)
			printf("%s\n", notes[i].text);
		sync_notes_free(notes, nn);
	}
	if (r.events > 0)	/* rows due after an event now have their day */
		printf(TR("Văn phòng ghi ngày %d sự kiện của kế hoạch: hạn các dòng tính từ đó "
		    "đã có ngày.\n", "The office recorded the day of %d plan events: the rows due "
		    "after them now have their deadline.\n"), r.events);
	if (r.office_rotated)
		printf("%s\n", TR("Văn phòng đã đổi khoá (khoá cũ ký xác nhận khoá mới): máy này "
		    "nay tin khoá mới ('baocao status').", "The office changed its key (the old key "
		    "signed the new one): this installation now trusts the new key ('baocao "
		    "status')."));
	if (r.field_restored > 0)
		printf(TR("Cảnh báo: văn phòng đã có tệp số %llu của máy này, lớn hơn số của máy: "
		    "máy đã được khôi phục từ bản sao lưu. Tệp sau sẽ mang số lớn hơn; báo cáo nhập "
		    "lại sẽ được văn phòng đánh dấu để xem xét.\n", "Warning: the office has this "
		    "device's file number %llu, past this installation's own: it was restored from "
		    "a backup. Its next file is numbered past it; reports filled again are flagged "
		    "at the office for review.\n"), (unsigned long long)r.field_restored);
	if (r.revs_raised > 0)
		printf(TR("Văn phòng có bản mới hơn của %d báo cáo so với máy này (máy được khôi "
		    "phục từ bản sao lưu?): lần sửa sau của chúng sẽ mang số lớn hơn để văn phòng "
		    "nhận là bản mới nhất.\n", "The office has a newer revision of %d submissions "
		    "than this installation (restored from a backup?): their next revisions here "
		    "are numbered past it, so that the office takes them as the newest.\n"),
		    r.revs_raised);
	if (r.revoked)
		printf("%s\n", TR("Văn phòng đã thu hồi thiết bị này: máy không xuất báo cáo được "
		    "nữa; hãy liên hệ văn phòng xã.", "The office has revoked this device: it can no "
		    "longer export; contact the commune office."));
	return 0;
}

const struct cmd_entry cmd_apply_entry = {
	"apply", "apply [--accept-older] TỆP",
	"Máy đơn vị: áp dụng gói của văn phòng (biểu mẫu mới, xác nhận, trả lại); "
	"--accept-older: cả gói cũ hơn gói đã áp dụng (văn phòng được khôi phục từ bản sao lưu).",
	"Field: apply the office's pack (new forms, receipts, returns); --accept-older: even "
	"one older than a pack applied before (the office was restored from a backup).",
	cmd_apply_exec,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-exchange.c: files to and from the office, in the interface.
 *
 *   field:  export a bundle (F5 on home), apply an office pack (F6)
 *   office: import bundles — one file or every *.bcb of a folder (F5),
 *           write an office pack (F6)
 *
 * The file is chosen with the picker (widget-filepick.h), which starts on
 * the USB stick: writing, a name is proposed (the unit's name and the
 * period of the reports it carries, "thon-dong-tam-2026-10.bcb"; the
 * office pack: the commune's name and the day) and Enter writes it;
 * reading, Enter takes the file under the cursor, or every bundle of the
 * folder at once. Then progress file by file and one result line per
 * file; Enter picks another file, Esc returns home. A pack older than
 * one applied before is not applied until the user says so (the office
 * may have been restored from a backup): "c"/"y" applies it, any other
 * key leaves it.
 */
#include "ui.h"
#include "widget-filepick.h"
#include "../core/clock.h"
#include "../core/err.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../sync/sync-name.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum xmode { X_EXPORT, X_APPLY, X_IMPORT, X_PACK, X_SETUP };

struct exchange {
	enum xmode mode;
	struct filepick fp;
	int picking;		/* the picker has the keys (else the results) */
	char **results;
	int *bad;
	size_t nresults;
	int done;
	int ask_older;		/* apply: the pack is older than one applied; asking
				   whether the office was restored (c/k) */
};


static const char *
mode_title(enum xmode m)
{
	switch (m) {
	case X_EXPORT: return TR("Xuất tệp báo cáo gửi văn phòng", "Export a bundle for the office");
	case X_APPLY: return TR("Áp dụng gói của văn phòng", "Apply the office's pack");
	case X_IMPORT: return TR("Nhập tệp báo cáo của đơn vị", "Import units' bundles");
	case X_SETUP: return TR("Làm gói cài đặt cho đơn vị mới", "Write a setup pack for a new "
	    "unit");
	default: return TR("Làm gói gửi các đơn vị", "Write a pack for the units");
	}
}

void *
screen_exchange_new(struct ui *ui, int pack_key)
{
	struct exchange *x = xcalloc(1, sizeof *x);
	struct store_install in;
	char *cause = NULL, *stem = NULL, when[16];
	time_t t = (time_t)clock_now();
	struct tm tm;

	localtime_r(&t, &tm);
	if (store_install_get(ui->st, &in, &cause) != ERR_OK) {
		free(cause);
		memset(&in, 0, sizeof in);
	}
	if (in.role == STORE_ROLE_OFFICE)
		x->mode = pack_key == 2 ? X_SETUP : pack_key ? X_PACK : X_IMPORT;
	else
		x->mode = pack_key ? X_APPLY : X_EXPORT;
	switch (x->mode) {
	case X_EXPORT:
		/* the unit and the period it reports: "thon-dong-tam-2026-10.bcb"
		 * (sync-name.h: the one rule for a bundle's name) */
		if (sync_bundle_stem(ui->st, &stem, &cause) != ERR_OK) {
			ui_status(cause, 1);	/* said; the picker proposes no name */
			free(cause);
			cause = NULL;
		}
		filepick_init(&x->fp, ui, ui->st, FILEPICK_SAVE, ".bcb", stem, 0);
		break;
	case X_PACK:
		/* the commune and the day: "ngoc-lac-2026-11-05.bcp" */
		strftime(when, sizeof when, "%Y-%m-%d", &tm);
		stem = filepick_stem(in.commune, when);
		filepick_init(&x->fp, ui, ui->st, FILEPICK_SAVE, ".bcp", stem, 0);
		break;
	case X_SETUP: {
		/* the commune, "cai-dat" and the day: told apart from the
		 * normal packs on the stick ("ngoc-lac-cai-dat-2026-11-05.bcp") */
		char *what = xasprintf("%s cai dat", in.commune ? in.commune : "baocao");
		strftime(when, sizeof when, "%Y-%m-%d", &tm);
		stem = filepick_stem(what, when);
		free(what);
		filepick_init(&x->fp, ui, ui->st, FILEPICK_SAVE, ".bcp", stem, 0);
		break;
	}
	case X_APPLY:
		filepick_init(&x->fp, ui, ui->st, FILEPICK_OPEN, ".bcp", NULL, 0);
		break;
	case X_IMPORT:
		filepick_init(&x->fp, ui, ui->st, FILEPICK_OPEN, ".bcb", NULL, FILEPICK_FOLDER);
		break;
	}
	x->picking = 1;
	free(stem);
	store_install_free(&in);
	return x;
}

static void
result(struct exchange *x, int bad, char *text)
{
	x->results = xreallocarray(x->results, x->nresults + 1, sizeof *x->results);
	x->bad = xreallocarray(x->bad, x->nresults + 1, sizeof *x->bad);
	x->results[x->nresults] = text;
	x->bad[x->nresults++] = bad;
}

static const char *
base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static void
import_one(struct ui *ui, struct exchange *x, const struct form_set *set, const char *path)
{
	struct sync_result r = { 0 };
	unsigned char *file = NULL;
	size_t len;
	char *cause = NULL;
	size_t max = SYNC_DEFAULT_MAX_FILE;
	enum err e = sync_file_limit(ui->st, &max, &cause);

	if (e == ERR_OK)	/* a file over this installation's cap is never read */
		e = file_read(path, max, &file, &len, &cause);
	if (e == ERR_OK)
		e = sync_import(ui->st, set, file, len, &r, &cause);
	free(file);
	if (e != ERR_OK || r.outcome == SYNC_REFUSED)
		result(x, 1, cause && strstr(cause, path) ? xasprintf(TR("từ chối: %s", "refused: %s"),
		    cause) : err_fmt_at(base(path), TR("từ chối: %s", "refused: %s"), cause ? cause : "?"));
	else if (r.outcome == SYNC_ALREADY)
		result(x, 0, xasprintf(TR("%s: đã nhập trước đó", "%s: imported before"), base(path)));
	else if (r.outcome == SYNC_HELD)
		result(x, 0, xasprintf(TR("%s: giữ chờ duyệt thiết bị %s (%s)",
		    "%s: held until device %s (%s) is approved"), base(path), r.fingerprint, r.unit));
	else {
		result(x, 0, xasprintf(TR("%s: %s — %d mới, %d cũ hơn, %d đã có, %zu giữ lại",
		    "%s: %s — %d new, %d older, %d already, %zu held back"), base(path), r.unit,
		    r.n_new, r.n_older, r.n_dup, r.n_held));
		struct sync_note *notes;
		size_t nn = sync_result_notes(&r, &notes);
		for (size_t i = 0; i < nn; i++) {
			result(x, notes[i].warn, xasprintf("  %s", notes[i].text));
		}
		sync_notes_free(notes, nn);
	}
	free(cause);
	sync_result_free(&r);
}

/* Import the files the picker chose: every bundle of a folder, or one. */
static void
run_import(struct ui *ui, struct exchange *x)
{
	struct form_set set;
	char *cause = NULL;
	const struct filepick *fp = &x->fp;
	char *const *names = fp->all ? fp->files : &fp->chosen;
	size_t n = fp->all ? fp->nfiles : 1;

	if (form_set_load(ui->st, &set, &cause) != ERR_OK) {
		result(x, 1, cause);
		return;
	}
	if (n == 0)
		result(x, 1, xasprintf(TR("Không có tệp .bcb nào trong %s",
		    "No .bcb file in %s"), fp->chosen));
	for (size_t i = 0; i < n; i++) {
		char msg[256];
		snprintf(msg, sizeof msg, TR("Đang nhập %zu/%zu: %s", "Importing %zu/%zu: %s"), i + 1,
		    n, base(names[i]));
		ui_status(msg, 0);
		ui_flush(ui);
		import_one(ui, x, &set, names[i]);
	}
	form_set_free(&set);
}

/* After a pack is applied: every submission of this unit the office has
 * returned, with its reason, so the apply message says what to fix (the
 * home screen and the form say it again). */
static void
say_returns(struct ui *ui, struct exchange *x)
{
	struct store_install in;
	struct store_sub *subs = NULL;
	size_t n = 0;
	char *cause = NULL;
	enum err e = store_install_get(ui->st, &in, &cause);

	if (e == ERR_OK) {
		e = store_sub_list(ui->st, in.unit_id ? in.unit_id : "van-phong", &subs, &n, &cause);
		store_install_free(&in);
	}
	if (e != ERR_OK) {
		result(x, 1, cause);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(subs[i].status, "returned") == 0)
			result(x, 1, xasprintf(TR("Văn phòng trả lại %s kỳ %s: %s — mở từ màn hình "
			    "chính (F2: chọn kỳ) để sửa.", "The office returned %s for %s: %s — open it "
			    "from the home screen (F2: choose the period) to fix it."), subs[i].form_id,
			    subs[i].period, subs[i].status_reason ? subs[i].status_reason : "?"));
	store_sub_free(subs, n);
}

static void
exchange_run(struct screen *s)
{
	struct exchange *x = s->data;
	struct ui *ui = s->ui;
	const char *path = x->fp.chosen;
	char *cause = NULL;
	unsigned char *file = NULL;
	size_t len = 0;
	enum err e = ERR_OK;
	int n = 0, left = 0, flags = x->fp.force ? FILE_FORCE : 0;	/* the picker asked */

	for (size_t i = 0; i < x->nresults; i++)
		free(x->results[i]);
	x->nresults = 0;
	x->picking = 0;
	ui_status(TR("Đang làm…", "Working…"), 0);
	ui_flush(ui);
	switch (x->mode) {
	case X_EXPORT:
		e = sync_export_part(ui->st, 0, &file, &len, &n, &left, &cause);
		if (e == ERR_OK)
			e = file_write_out(path, file, len, flags, &cause);
		if (e == ERR_OK)
			result(x, 0, xasprintf(TR("Đã ghi %d báo cáo vào %s (%zu byte). Mang tệp này "
			    "đến văn phòng xã.", "Wrote %d submissions to %s (%zu bytes). Take it to "
			    "the commune office."), n, path, len));
		if (e == ERR_OK && left > 0)
			result(x, 1, sync_export_left_text(left));
		break;
	case X_PACK:
		e = sync_pack(ui->st, &file, &len, &cause);
		if (e == ERR_OK)
			e = file_write_out(path, file, len, flags, &cause);
		if (e == ERR_OK)
			result(x, 0, xasprintf(TR("Đã ghi gói vào %s (%zu byte).",
			    "Wrote the pack to %s (%zu bytes)."), path, len));
		break;
	case X_SETUP:
		e = sync_pack_setup(ui->st, &file, &len, &cause);
		if (e == ERR_OK)
			e = file_write_out(path, file, len, flags, &cause);
		if (e == ERR_OK)
			result(x, 0, xasprintf(TR("Đã ghi gói cài đặt vào %s (%zu byte). Mang đến máy "
			    "mới của đơn vị: khi cài lần đầu, chọn gói này; rồi duyệt máy đó (F8) khi "
			    "nhận tệp đầu tiên của nó.", "Wrote the setup pack to %s (%zu bytes). Take it "
			    "to the unit's new computer and choose it at the first set-up; then approve "
			    "that device (F8) when its first file comes in."), path, len));
		break;
	case X_APPLY: {
		struct sync_applied r;

		e = file_read(path, SYNC_MAX_FILE, &file, &len, &cause);
		unsigned accept = x->ask_older ? SYNC_ACCEPT_OLDER : 0;
		if (e == ERR_OK)
			e = sync_apply(ui->st, file, len, accept, &r, &cause);
		x->ask_older = 0;
		if (e == ERR_OK && r.older && !accept) {
			result(x, 1, xasprintf(TR("Gói số %llu không mới hơn gói số %llu đã áp dụng.",
			    "Pack %llu is not newer than pack %llu applied before."),
			    (unsigned long long)r.seq, (unsigned long long)r.last));
			result(x, 1, xstrdup(TR("Văn phòng có thể đã được khôi phục từ bản sao lưu.",
			    "The office may have been restored from a backup.")));
			result(x, 1, xstrdup(TR("Vẫn áp dụng gói này? c: có, k: không",
			    "Apply it anyway? y: yes, n: no")));
			x->ask_older = 1;
		} else if (e == ERR_OK && r.office_rotated) {
			result(x, 0, xasprintf(TR("Đã áp dụng; văn phòng đã đổi khoá (đã kiểm tra chữ "
			    "ký của khoá cũ): %d biểu mẫu mới, %d xác nhận.", "Applied; the office "
			    "changed its key (the old key's signature checked): %d new forms, %d "
			    "answers."), r.forms, r.receipts));
		} else if (e == ERR_OK && r.revoked) {
			result(x, 1, xstrdup(TR("Văn phòng đã thu hồi thiết bị này: máy không xuất "
			    "báo cáo được nữa; hãy liên hệ văn phòng xã.", "The office has revoked this "
			    "device: it can no longer export; contact the commune office.")));
		} else if (e == ERR_OK) {
			result(x, 0, r.already ? xstrdup(TR("Gói này đã được áp dụng trước đó.",
			    "This pack was applied before.")) : xasprintf(TR("Đã áp dụng: %d biểu mẫu "
			    "mới, %d xác nhận của văn phòng.", "Applied: %d new forms, %d answers from "
			    "the office."), r.forms, r.receipts));
			if (!r.already) {	/* answers for an older revision, named */
				struct sync_note *notes;
				size_t nn = sync_applied_notes(&r, &notes);
				for (size_t i = 0; i < nn; i++)
					result(x, notes[i].warn, xstrdup(notes[i].text));
				sync_notes_free(notes, nn);
			}
			say_returns(ui, x);
		}
		break;
	}
	case X_IMPORT:
		run_import(ui, x);
		break;
	}
	if (e != ERR_OK)
		result(x, 1, xasprintf("%s", cause ? cause : "?"));
	free(cause);
	cause = NULL;
	/* where the file was is where the next one starts */
	if ((e == ERR_OK || x->mode == X_IMPORT) &&
	    filepick_remember(&x->fp, ui->st, &cause) != ERR_OK) {
		result(x, 1, cause);
		cause = NULL;
	}
	free(file);
	x->done = 1;
}

static void exchange_keys_now(struct screen *s);

static void
exchange_draw(struct screen *s)
{
	struct exchange *x = s->data;
	int y = 3;

	exchange_keys_now(s);	/* the bar says what Enter does: write or read */
	ui_title("baocao", mode_title(x->mode));
	if (x->picking) {
		filepick_draw(&x->fp, 2, LINES - 3);
		return;
	}
	ui_text(y, 2, A_BOLD, x->fp.all ? TR("Thư mục:", "Folder:") : TR("Tệp:", "File:"));
	y += ui_text_wrap(y, 12, 0, x->fp.chosen != NULL ? x->fp.chosen : "", 2) + 1;
	/* long paths wrap: nothing is cut */
	for (size_t i = 0; i < x->nresults && y < LINES - 2; i++)
		y += ui_text_wrap(y, 2, x->bad[i] ? A_BOLD : 0, x->results[i], LINES - 2 - y);
	if (x->ask_older)
		ui_status(TR("c: vẫn áp dụng gói cũ hơn; k: không", "y: apply the older pack "
		    "anyway; n: no"), 0);
	else if (x->done)
		ui_status(TR("Xong. Enter: chọn tệp khác; Esc: về màn hình chính.", "Done. Enter: "
		    "another file; Esc: back home."), 0);
}

/* Picking a file, or the question after an older pack: every key goes to
 * key(). */
static int
exchange_grab(struct screen *s)
{
	struct exchange *x = s->data;

	return x->picking || x->ask_older;
}

static void exchange_back(struct screen *s);

static void
exchange_key(struct screen *s, const struct ui_input *in)
{
	struct exchange *x = s->data;

	if (x->ask_older && !in->code) {
		/* the question after an older pack: yes applies it, anything
		 * else leaves it */
		if (in->ch == 'c' || in->ch == 'C' || in->ch == 'y' || in->ch == 'Y') {
			exchange_run(s);
			exchange_keys_now(s);
			return;
		}
		x->ask_older = 0;
		result(x, 0, xstrdup(TR("Không áp dụng; không đổi gì.", "Not applied; nothing "
		    "changed.")));
		if (in->ch == 27)
			exchange_back(s);
		return;
	}
	if (!x->picking)
		return;
	switch (filepick_key(&x->fp, in)) {
	case FILEPICK_CHOSEN:
		exchange_run(s);
		exchange_keys_now(s);
		break;
	case FILEPICK_CANCEL:
		curs_set(0);
		ui_pop(s->ui);
		break;
	default:
		break;
	}
}

static void
exchange_back(struct screen *s)
{
	curs_set(0);
	ui_pop(s->ui);
}

/* Another file: the folder read again, as it is now. */
static void
exchange_again(struct screen *s)
{
	struct exchange *x = s->data;

	x->picking = 1;
	x->done = 0;
	filepick_reload(&x->fp);
	exchange_keys_now(s);
}

/* The results shown: their own keys in the bar and the help. */
static const struct ui_key exchange_done_keys[] = {
	{ '\r', 0, exchange_again, "Chọn tệp khác", "Another file", 1, NULL },
	{ 27, 0, exchange_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

/* The table of the step S is at: the picker's, or the results'. */
static void
exchange_keys_now(struct screen *s)
{
	struct exchange *x = s->data;

	s->keys = x->picking ? filepick_table(&x->fp) : exchange_done_keys;
}

static void
exchange_free(struct screen *s)
{
	struct exchange *x = s->data;

	filepick_free(&x->fp);
	for (size_t i = 0; i < x->nresults; i++)
		free(x->results[i]);
	free(x->results);
	free(x->bad);
	free(x);
}

static const struct ui_keymap exchange_maps[] = {
	{ "export, pack: choosing where to write", filepick_save_keys },
	{ "import, apply a pack: choosing the file", filepick_open_keys },
	{ "export, import, pack: done", exchange_done_keys },
	{ NULL, NULL },
};

const struct screen_ops screen_exchange_ops = {
	.name = "exchange",
	.keys = filepick_open_keys,
	.draw = exchange_draw,
	.key = exchange_key,
	.free = exchange_free,
	.grab = exchange_grab,
	.where = "exchange",
	.maps = exchange_maps,
};


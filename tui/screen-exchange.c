/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-exchange.c: files to and from the office, in the interface.
 *
 *   field:  export a bundle (F5 on home), apply an office pack (F6)
 *   office: import bundles — one file or every *.bcb of a folder (F5),
 *           write an office pack (F6)
 *
 * The user confirms or edits the path (a sensible default is offered: the
 * first USB stick mounted under /media, else the home folder), presses
 * Enter, sees progress file by file and one result line per file; Esc
 * returns home. A pack older than one applied before is not applied
 * until the user says so (the office may have been restored from a
 * backup): "c"/"y" applies it, any other key leaves it.
 */
#include "ui.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum xmode { X_EXPORT, X_APPLY, X_IMPORT, X_PACK };

struct exchange {
	enum xmode mode;
	struct line path;
	char **results;
	int *bad;
	size_t nresults;
	int done;
	int ask_older;		/* apply: the pack is older than one applied; asking
				   whether the office was restored (c/k) */
};

static const struct ui_key exchange_keys[] = {
	{ "Enter", "Thực hiện", "Run", 1 },
	{ "Esc", "Về màn hình chính", "Back home", 1 },
	{ "F1", "Trợ giúp", "Help", 1 },
	{ "F3 / Ctrl-K", "Menu: chọn việc cần làm trong danh sách", "Menu: choose what to do "
	    "from a list", 0 },
	{ "F10", "Thoát", "Quit", 1 },
	{ "Ctrl-U", "Xoá đường dẫn", "Clear the path", 0 },
	{ NULL, NULL, NULL, 0 },
};

static const char *
mode_title(enum xmode m)
{
	switch (m) {
	case X_EXPORT: return TR("Xuất tệp báo cáo gửi văn phòng", "Export a bundle for the office");
	case X_APPLY: return TR("Áp dụng gói của văn phòng", "Apply the office's pack");
	case X_IMPORT: return TR("Nhập tệp báo cáo của đơn vị", "Import units' bundles");
	default: return TR("Làm gói gửi các đơn vị", "Write a pack for the units");
	}
}

char *
ui_usb_dir(void)
{
	const char *user = getenv("USER"), *home = getenv("HOME");
	char *base = user ? xasprintf("/media/%s", user) : xstrdup("/media");
	DIR *d = opendir(base);
	struct dirent *de;
	char *found = NULL;

	while (d != NULL && (de = readdir(d)) != NULL && found == NULL)
		if (de->d_name[0] != '.') {
			char *p = xasprintf("%s/%s", base, de->d_name);
			struct stat sb;
			if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
				found = p;
			else
				free(p);
		}
	if (d != NULL)
		closedir(d);
	free(base);
	return found ? found : xstrdup(home ? home : ".");
}

void *
screen_exchange_new(struct ui *ui, int pack_key)
{
	struct exchange *x = xcalloc(1, sizeof *x);
	struct store_install in;
	char *cause = NULL, *dir = ui_usb_dir(), *path, day[16];
	time_t t = time(NULL);

	strftime(day, sizeof day, "%Y%m%d", localtime(&t));
	if (store_install_get(ui->st, &in, &cause) != ERR_OK) {
		free(cause);
		memset(&in, 0, sizeof in);
	}
	if (in.role == STORE_ROLE_OFFICE)
		x->mode = pack_key ? X_PACK : X_IMPORT;
	else
		x->mode = pack_key ? X_APPLY : X_EXPORT;
	switch (x->mode) {
	case X_EXPORT:
		path = xasprintf("%s/baocao-%s-%s.bcb", dir, in.unit_id ? in.unit_id : "donvi", day);
		break;
	case X_PACK:
		path = xasprintf("%s/baocao-vanphong-%s.bcp", dir, day);
		break;
	default:
		path = xstrdup(dir);
	}
	line_init(&x->path, 1024, 0);
	line_set(&x->path, path);
	free(path);
	free(dir);
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

static int
name_cmp(const void *a, const void *b)
{
	/* file names in Vietnamese order, as every list */
	return text_collate(*(char *const *)a, *(char *const *)b);
}

static void
run_import(struct ui *ui, struct exchange *x, const char *path)
{
	struct form_set set;
	struct stat sb;
	char *cause = NULL, **names = NULL;
	size_t n = 0;

	if (form_set_load(ui->st, &set, &cause) != ERR_OK) {
		result(x, 1, cause);
		return;
	}
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		while (d != NULL && (de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);
			if (l > 4 && strcmp(de->d_name + l - 4, ".bcb") == 0) {
				names = xreallocarray(names, n + 1, sizeof *names);
				names[n++] = xasprintf("%s/%s", path, de->d_name);
			}
		}
		if (d != NULL)
			closedir(d);
		if (n > 1)
			qsort(names, n, sizeof *names, name_cmp);
		if (n == 0)
			result(x, 1, xasprintf(TR("Không có tệp .bcb nào trong %s",
			    "No .bcb file in %s"), path));
	} else {
		names = xcalloc(1, sizeof *names);
		names[n++] = xstrdup(path);
	}
	for (size_t i = 0; i < n; i++) {
		char msg[256];
		snprintf(msg, sizeof msg, TR("Đang nhập %zu/%zu: %s", "Importing %zu/%zu: %s"), i + 1,
		    n, base(names[i]));
		ui_status(msg, 0);
		ui_flush(ui);
		import_one(ui, x, &set, names[i]);
		free(names[i]);
	}
	free(names);
	form_set_free(&set);
}

/* May PATH be written? A file there is replaced only when the user says so
 * (*flags FILE_FORCE); a folder, a device, a FIFO or a link never. */
static int
out_allowed(struct ui *ui, struct exchange *x, const char *path, int *flags)
{
	char *cause = NULL, *q;
	enum err e = file_out_check(path, 0, &cause);
	int yes;

	*flags = 0;
	if (e == ERR_OK)
		return 1;
	if (e != ERR_EXISTS) {
		result(x, 1, cause);
		return 0;
	}
	free(cause);
	q = xasprintf(TR("%s đã có. Ghi đè? (c: có, phím khác: không)",
	    "%s exists. Replace it? (y: yes, any other key: no)"), file_base(path));
	yes = ui_confirm(ui, q);
	free(q);
	if (!yes) {
		result(x, 1, xasprintf(TR("Không ghi: %s vẫn như cũ.", "Not written: %s is as it "
		    "was."), path));
		return 0;
	}
	*flags = FILE_FORCE;
	return 1;
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
	char *path = line_utf8(&x->path), *cause = NULL;
	unsigned char *file = NULL;
	size_t len = 0;
	enum err e = ERR_OK;
	int n = 0, flags = 0;

	for (size_t i = 0; i < x->nresults; i++)
		free(x->results[i]);
	x->nresults = 0;
	if (path == NULL || *path == '\0') {
		result(x, 1, xstrdup(TR("Hãy nhập đường dẫn.", "Type a path.")));
		free(path);
		return;
	}
	if ((x->mode == X_EXPORT || x->mode == X_PACK) && !out_allowed(ui, x, path, &flags)) {
		free(path);
		return;
	}
	ui_status(TR("Đang làm…", "Working…"), 0);
	ui_flush(ui);
	switch (x->mode) {
	case X_EXPORT:
		e = sync_export(ui->st, &file, &len, &n, &cause);
		if (e == ERR_OK)
			e = file_write_out(path, file, len, flags, &cause);
		if (e == ERR_OK)
			result(x, 0, xasprintf(TR("Đã ghi %d báo cáo vào %s (%zu byte). Mang tệp này "
			    "đến văn phòng xã.", "Wrote %d submissions to %s (%zu bytes). Take it to "
			    "the commune office."), n, path, len));
		break;
	case X_PACK:
		e = sync_pack(ui->st, &file, &len, &cause);
		if (e == ERR_OK)
			e = file_write_out(path, file, len, flags, &cause);
		if (e == ERR_OK)
			result(x, 0, xasprintf(TR("Đã ghi gói vào %s (%zu byte).",
			    "Wrote the pack to %s (%zu bytes)."), path, len));
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
			say_returns(ui, x);
		}
		break;
	}
	case X_IMPORT:
		run_import(ui, x, path);
		break;
	}
	if (e != ERR_OK)
		result(x, 1, xasprintf("%s", cause ? cause : "?"));
	free(cause);
	free(file);
	free(path);
	x->done = 1;
}

static void
exchange_draw(struct screen *s)
{
	struct exchange *x = s->data;
	int y = 3;

	ui_title("baocao", mode_title(x->mode));
	ui_text(y, 2, A_BOLD, x->mode == X_IMPORT ? TR("Tệp hoặc thư mục:", "File or folder:")
	    : TR("Tệp:", "File:"));
	line_draw(&x->path, y, 21, COLS - 23, 1);
	y += 2;
	ui_text(y++, 2, A_DIM, x->mode == X_IMPORT
	    ? TR("Enter: nhập tệp này, hoặc mọi tệp .bcb trong thư mục.",
	    "Enter: import this file, or every .bcb file of the folder.")
	    : TR("Sửa đường dẫn nếu cần rồi bấm Enter.", "Edit the path if needed, then press Enter."));
	y++;
	for (size_t i = 0; i < x->nresults && y < LINES - 2; i++)	/* wrapped: a reason is long */
		y += ui_text_wrap(y, 2, x->bad[i] ? A_BOLD : 0, x->results[i], LINES - 2 - y);
	if (x->ask_older)
		ui_status(TR("c: vẫn áp dụng gói cũ hơn; k: không", "y: apply the older pack "
		    "anyway; n: no"), 0);
	else if (x->done)
		ui_status(TR("Xong. Esc: về màn hình chính.", "Done. Esc: back home."), 0);
	curs_set(1);
	line_draw(&x->path, 3, 21, COLS - 23, 1);
}

static void
exchange_key(struct screen *s, const struct ui_input *in)
{
	struct exchange *x = s->data;

	if (x->ask_older && !in->code) {
		/* the question after an older pack: yes applies it, anything
		 * else leaves it */
		if (in->ch == 'c' || in->ch == 'C' || in->ch == 'y' || in->ch == 'Y') {
			exchange_run(s);
			return;
		}
		x->ask_older = 0;
		result(x, 0, xstrdup(TR("Không áp dụng; không đổi gì.", "Not applied; nothing "
		    "changed.")));
		if (in->ch != 27)
			return;
	}
	if (ui_is_quit(in)) {
		s->ui->quit = 1;
	} else if (in->code && in->key == KEY_ENTER) {
		exchange_run(s);
	} else if (!in->code && (in->ch == '\n' || in->ch == '\r')) {
		exchange_run(s);
	} else if (!in->code && in->ch == 27) {
		curs_set(0);
		ui_replace(s->ui, &screen_home_ops, screen_home_new(s->ui));
	} else {
		line_key(&x->path, in);
	}
}

static void
exchange_free(struct screen *s)
{
	struct exchange *x = s->data;

	line_free(&x->path);
	for (size_t i = 0; i < x->nresults; i++)
		free(x->results[i]);
	free(x->results);
	free(x->bad);
	free(x);
}

const struct screen_ops screen_exchange_ops = {
	"exchange", exchange_keys, exchange_draw, exchange_key, exchange_free,
};

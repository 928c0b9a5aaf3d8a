/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-unlock.c: the first screen of every run: the passphrase, masked.
 * A wrong passphrase is said at the field and the user tries again; any
 * other failure (a damaged database, a full disk) is said in full. The demo
 * (tools/demo.sh) sets BAOCAO_DEMO_PASSPHRASE, shown here.
 */
#include "ui.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../storage/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unlock {
	struct line pass;
	char *error;
	char *note;	/* why we are here again (the idle lock) */
	int tries;
};


void *
screen_unlock_new(struct ui *ui)
{
	struct unlock *u = calloc(1, sizeof *u);

	(void)ui;
	if (u == NULL)
		abort();
	line_init(&u->pass, 256, 1);
	return u;
}

static void
unlock_draw(struct screen *s)
{
	struct unlock *u = s->data;
	int y = LINES / 2 - 3, x = (COLS - 60) / 2;

	ui_title("baocao", TR("Mở khoá", "Unlock"));
	ui_text(y, x, A_BOLD, TR("Cơ sở dữ liệu:", "Database:"));
	ui_text(y, x + 16, 0, s->ui->db_path);
	ui_text(y + 2, x, A_BOLD, TR("Mật khẩu:", "Passphrase:"));
	if (u->error != NULL)
		ui_status(u->error, 1);
	else
		ui_text(y + 4, x, A_DIM, TR("Nhập mật khẩu rồi bấm Enter.",
		    "Type the passphrase and press Enter."));
	if (u->note != NULL && u->error == NULL)
		ui_status(u->note, 0);
	{
		/* the demo (tools/demo.sh) names its passphrase here: what it
		 * printed before the interface opened has scrolled away */
		const char *demo = getenv("BAOCAO_DEMO_PASSPHRASE");
		if (demo != NULL && *demo) {
			char buf[160];
			snprintf(buf, sizeof buf, TR("Dữ liệu mẫu — mật khẩu: %s", "Demo data — "
			    "passphrase: %s"), demo);
			ui_text(y + 6, x, A_BOLD, buf);
		}
	}
	line_draw(&u->pass, y + 2, x + 16, 40, 1);
	curs_set(1);
}

static void
unlock_try(struct screen *s)
{
	struct unlock *u = s->data;
	struct ui *ui = s->ui;
	char *pass = line_secret(&u->pass), *cause = NULL;
	enum err e;

	free(u->error);
	u->error = NULL;
	if (pass == NULL) {
		u->error = strdup(TR("Mật khẩu có ký tự không hợp lệ.",
		    "The passphrase has characters that cannot be used."));
		return;
	}
	ui_status(TR("Đang mở khoá…", "Unlocking…"), 0);
	ui_flush(ui);
	e = store_open(ui->db_path, pass, &ui->st, &cause);
	line_secret_free(pass);
	line_clear(&u->pass);
	if (e == ERR_OK) {
		/* after the idle lock, back to the mode it covered (which
		 * reloads what it shows); at start, home */
		if (ui->depth > 1)
			ui_pop(ui);
		else
			ui_replace(ui, &screen_home_ops, screen_home_new(ui));
		free(cause);
		return;
	}
	u->tries++;
	if (e == ERR_WRONGPASS) {
		free(cause);
		u->error = strdup(TR("Sai mật khẩu. Hãy thử lại.", "Wrong passphrase. Try again."));
	} else
		u->error = cause;
}

static void
unlock_key(struct screen *s, const struct ui_input *in)
{
	struct unlock *u = s->data;

	line_key(&u->pass, in);
}

static void
unlock_quit(struct screen *s)
{
	ui_quit(s->ui);
}

static const struct ui_key unlock_keys[] = {
	{ '\r', 0, unlock_try, "Mở khoá", "Unlock", 1, NULL },
	{ 27, 0, unlock_quit, "Thoát", "Quit", 0, NULL },
	{ 0, 'U', NULL, "Xoá ô mật khẩu", "Clear the passphrase", 0, NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

void
screen_unlock_say(struct screen *s, const char *msg)
{
	struct unlock *u = s->data;

	free(u->note);
	u->note = strdup(msg);
}

static void
unlock_free(struct screen *s)
{
	struct unlock *u = s->data;

	line_free(&u->pass);
	free(u->error);
	free(u->note);
	free(u);
}

const struct screen_ops screen_unlock_ops = {
	.name = "unlock",
	.keys = unlock_keys,
	.draw = unlock_draw,
	.key = unlock_key,
	.free = unlock_free,
	.where = "unlock",
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-setup.c: the first run — what `baocao setup` does, as screens:
 *
 *   role ──office──> commune name ────────────────────────────┐
 *        └─field──> office pack file ─> office's key ─> unit ──┴─> passphrase
 *                                                          twice ─> home
 *
 * The pack file is chosen with the file picker (widget-filepick.h), which
 * opens on the USB stick with the cursor on the first pack there.
 *
 * The pack's signature is checked, the office's name and fingerprint shown
 * to be compared with the office's screen (this key is trusted for good),
 * and its roster listed before anything is created; the passphrase shows its strength as it is typed; nothing is
 * written until the last Enter, and a failure leaves no database behind.
 */
#include "ui.h"
#include "widget-filepick.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../storage/store-inst.h"
#include "../storage/store-key.h"
#include "../sync/sync-seal.h"
#include "../sync/sync-setup.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum step { S_ROLE, S_COMMUNE, S_PACK, S_OFFICE, S_UNIT, S_PASS, S_PASS2 };

struct setup {
	enum step step;
	int role;			/* 0 office, 1 field */
	struct line text;		/* commune */
	struct filepick fp;		/* the pack file (have_fp) */
	int have_fp;
	struct line pass, pass2;
	unsigned char *pack;
	size_t packlen;
	char *pack_path;
	char *commune;
	char office_fpr[STORE_FPR_LEN + 1];
	struct setup_unit *units;
	size_t nunits, usel;
	char *msg;
};

/* Every step of the wizard is typing or a file picker: its key() takes
 * every key (grab) and the rows only say what they do. */
static const struct ui_key setup_keys[] = {
	{ '\r', 0, NULL, "Tiếp", "Next", 1, NULL },
	{ 27, 0, NULL, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn", "Choose", 0, "↑ ↓" },
	{ '/', 'U', NULL, "Tệp gói: gõ đường dẫn", "The pack file: type a path", 0, NULL },
	{ KEY_F(2), 0, NULL, "Tệp gói: USB, nơi khác", "The pack file: USB, elsewhere", 0, NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static int
setup_grab(struct screen *s)
{
	(void)s;
	return 1;
}

void *
screen_setup_new(struct ui *ui)
{
	struct setup *x = xcalloc(1, sizeof *x);

	line_init(&x->text, 512, 0);
	line_init(&x->pass, 256, 1);
	line_init(&x->pass2, 256, 1);
	x->text.ime = &ui->ime;
	return x;
}

static void
say(struct setup *x, char *msg)
{
	free(x->msg);
	x->msg = msg;
}

/* weak / fair / strong, from length and kinds of characters */
static const char *
strength(const struct line *l)
{
	int lower = 0, upper = 0, digit = 0, other = 0, score;

	for (size_t i = 0; i < l->len; i++) {
		wchar_t c = l->text[i];
		if (c < 128 && islower((int)c))
			lower = 1;
		else if (c < 128 && isupper((int)c))
			upper = 1;
		else if (c < 128 && isdigit((int)c))
			digit = 1;
		else
			other = 1;
	}
	score = (int)l->len / 4 + lower + upper + digit + other;
	if (l->len < SETUP_PASS_MIN)
		return TR("quá ngắn (ít nhất 8 ký tự)", "too short (8 characters at least)");
	return score >= 7 ? TR("mạnh", "strong") : score >= 5 ? TR("khá", "fair") :
	    TR("yếu — thêm chữ số, chữ hoa hoặc vài từ nữa", "weak — add digits, capitals or "
	    "more words");
}

static void
setup_draw(struct screen *s)
{
	struct setup *x = s->data;
	int y = 3, col = 4;
	char buf[512];

	ui_title("baocao", TR("Cài đặt lần đầu", "First set-up"));
	snprintf(buf, sizeof buf, "%s %s", TR("Cơ sở dữ liệu sẽ ở:", "The database will be at:"),
	    s->ui->db_path);
	ui_text(y++, col, A_DIM, buf);
	y++;
	switch (x->step) {
	case S_ROLE:
		ui_text(y++, col, A_BOLD, TR("Máy này dùng cho:", "This computer is for:"));
		y++;
		ui_text(y++, col + 2, x->role == 0 ? A_REVERSE : 0,
		    TR("Văn phòng HĐND và UBND xã (nhận, tổng hợp báo cáo)",
		    "The commune office (receives and consolidates reports)"));
		ui_text(y++, col + 2, x->role == 1 ? A_REVERSE : 0,
		    TR("Một đơn vị: thôn, trường học, trạm y tế, ... (nhập, gửi báo cáo)",
		    "A unit: village, school, health station, ... (fills and sends reports)"));
		break;
	case S_COMMUNE:
		ui_text(y++, col, A_BOLD, TR("Tên xã:", "Commune name:"));
		line_draw(&x->text, y, col, 50, 1);
		curs_set(1);
		break;
	case S_PACK:
		ui_text(y++, col, A_BOLD, TR("Tệp gói của văn phòng xã (.bcp):",
		    "The commune office's pack file (.bcp):"));
		ui_text(LINES - 3, col, A_DIM, TR("Văn phòng xã làm gói này bằng 'baocao pack' và "
		    "chép vào USB.", "The office makes it with 'baocao pack' and copies it to a USB "
		    "stick."));
		filepick_draw(&x->fp, y, LINES - 4);
		break;
	case S_OFFICE:
		ui_text(y++, col, A_BOLD, TR("Gói này do văn phòng sau ký:",
		    "This pack is signed by the office:"));
		y++;
		ui_text(y, col + 2, 0, TR("Văn phòng:", "Office:"));
		ui_text(y++, col + 18, 0, x->commune);
		ui_text(y, col + 2, 0, TR("Mã văn phòng:", "Fingerprint:"));
		ui_text(y++, col + 18, A_BOLD, x->office_fpr);
		y++;
		ui_text(y++, col, 0, TR("So với mã thiết bị trên màn hình của văn phòng.",
		    "Compare it with the device fingerprint on the office's screen."));
		ui_text(y++, col, 0, TR("Máy này sẽ chỉ tin gói do khoá này ký.",
		    "This computer will trust only packs signed by this key."));
		y++;
		ui_text(y++, col, A_BOLD, TR("Enter: đúng mã, tiếp tục    Esc: không đúng, quay lại",
		    "Enter: the same, go on    Esc: not the same, go back"));
		break;
	case S_UNIT:
		{
			char name[256];
			snprintf(buf, sizeof buf, TR("%s — chọn đơn vị của máy này:",
			    "%s — choose this computer's unit:"), ui_commune(name, sizeof name,
			    x->commune));
		}
		ui_text(y++, col, A_BOLD, buf);
		y++;
		for (size_t i = 0; i < x->nunits && y < LINES - 3; i++) {
			snprintf(buf, sizeof buf, "%-24s %s", x->units[i].id, x->units[i].name);
			ui_text(y++, col + 2, i == x->usel ? A_REVERSE : 0, buf);
		}
		break;
	case S_PASS:
	case S_PASS2:
		ui_text(y++, col, A_BOLD, TR("Đặt mật khẩu (bảo vệ mọi số liệu trên máy này):",
		    "Choose a passphrase (it protects everything on this computer):"));
		y++;
		ui_text(y, col, 0, TR("Mật khẩu:", "Passphrase:"));
		line_draw(&x->pass, y, col + 18, 40, x->step == S_PASS);
		snprintf(buf, sizeof buf, "%s %s", TR("Độ mạnh:", "Strength:"), strength(&x->pass));
		ui_text(y + 1, col + 18, A_DIM, buf);
		ui_text(y + 3, col, 0, TR("Nhập lại:", "Again:"));
		ui_text(y + 5, col, A_DIM, TR("Không có cách lấy lại mật khẩu đã quên: hãy ghi lại và "
		    "cất giữ cẩn thận.", "A forgotten passphrase cannot be recovered: write it "
		    "down and keep it safe."));
		ui_text(y + 6, col, A_DIM, TR("↓ hoặc Tab: sang ô dưới; ↑: về ô trên.",
		    "↓ or Tab: next field; ↑: the field above."));
		/* the focused field last: the terminal's cursor is its caret */
		if (x->step == S_PASS2)
			line_draw(&x->pass2, y + 3, col + 18, 40, 1);
		else
			line_draw(&x->pass, y, col + 18, 40, 1);
		curs_set(1);
		break;
	}
	if (x->msg != NULL) {
		/* wrapped over the rows above the key bar, never cut: the way
		 * out ("ask the office for its setup pack") is at its end */
		int n = ui_text_wrap(0, 1, 0, x->msg, 0);
		if (n > 4)
			n = 4;
		for (int r = LINES - 1 - n; r < LINES - 1; r++)
			move(r, 0), clrtoeol();
		ui_text_wrap(LINES - 1 - n, 1, A_BOLD | A_STANDOUT, x->msg, n);
	}
}

/* A pack a new unit can set up from (the office's setup pack, or an open
 * pack): its roster can be read without this computer's key. For the
 * picker, which puts the cursor on the newest such file. */
static int
is_setup_pack(const char *path)
{
	unsigned char *pack = NULL;
	size_t len = 0, nunits = 0;
	struct setup_unit *units = NULL;
	char *commune = NULL, *cause = NULL;
	int ok = file_read(path, SYNC_MAX_FILE, &pack, &len, &cause) == ERR_OK &&
	    sync_pack_roster(pack, len, &commune, &units, &nunits, &cause) == ERR_OK;

	sync_roster_free(commune, units, nunits);
	free(pack);
	free(cause);
	return ok;
}

static void
load_pack(struct setup *x)
{
	char *path = x->fp.chosen ? xstrdup(x->fp.chosen) : NULL, *cause = NULL;
	enum err e;

	free(x->pack);
	x->pack = NULL;
	sync_roster_free(x->commune, x->units, x->nunits);
	x->commune = NULL;
	x->units = NULL;
	x->nunits = 0;
	e = path ? file_read(path, SYNC_MAX_FILE, &x->pack, &x->packlen, &cause) : ERR_INVALID;
	if (e == ERR_OK)
		e = sync_pack_roster(x->pack, x->packlen, &x->commune, &x->units, &x->nunits, &cause);
	if (e == ERR_OK) {
		char *name = NULL;
		e = sync_pack_office(x->pack, x->packlen, x->office_fpr, &name, &cause);
		free(name);
	}
	if (e == ERR_OK && x->nunits == 0)
		e = err_set(&cause, ERR_INVALID, "%s", TR("gói chưa có đơn vị nào: văn phòng cần "
		    "thêm đơn vị ('baocao units add') rồi làm lại gói", "the pack lists no unit: the "
		    "office must add units ('baocao units add') and make the pack again"));
	if (e != ERR_OK) {
		say(x, cause && path && strstr(cause, path) ? xstrdup(cause)
		    : err_fmt_at(path, "%s", cause ? cause : "?"));
		free(cause);
		free(path);
		return;
	}
	free(x->pack_path);
	x->pack_path = path;
	x->usel = 0;
	x->step = S_OFFICE;
}

static void
create(struct screen *s)
{
	struct setup *x = s->data;
	struct ui *ui = s->ui;
	char *p1 = line_secret(&x->pass), *p2 = line_secret(&x->pass2), *cause = NULL;
	char *commune = x->role == 0 ? line_utf8(&x->text) : NULL;
	struct setup_request rq = { x->role == 0 ? STORE_ROLE_OFFICE : STORE_ROLE_FIELD, commune,
	    x->role == 1 ? x->units[x->usel].id : NULL, NULL, NULL, x->pack, x->packlen,
	    x->pack_path, NULL };
	const char *why;
	const struct store_kdf *kdf = store_kdf_env(&why);
	int nforms;
	enum err e;

	/* main() refused a BAOCAO_KDF this build does not take. */
	rq.kdf = kdf != NULL ? kdf : &STORE_KDF_DEFAULT;
	if (p1 == NULL || p2 == NULL || strcmp(p1, p2) != 0) {
		say(x, xstrdup(TR("Hai lần nhập mật khẩu không khớp. Nhập lại.",
		    "The two passphrases differ. Type them again.")));
		line_clear(&x->pass);
		line_clear(&x->pass2);
		x->step = S_PASS;
	} else {
		ui_status(TR("Đang tạo cơ sở dữ liệu mã hoá…", "Making the encrypted database…"), 0);
		ui_flush(ui);
		e = file_make_parent(ui->db_path, &cause);
		if (e == ERR_OK)
			e = sync_setup(ui->db_path, p1, &rq, &ui->st, &nforms, &cause);
		if (e == ERR_OK) {
			line_secret_free(p1);
			line_secret_free(p2);
			free(commune);
			ui_replace(ui, &screen_home_ops, screen_home_new(ui));
			return;
		}
		say(x, cause);
		x->step = S_PASS;
		line_clear(&x->pass);
		line_clear(&x->pass2);
	}
	line_secret_free(p1);
	line_secret_free(p2);
	free(commune);
}

static void
setup_key(struct screen *s, const struct ui_input *in)
{
	struct setup *x = s->data;
	int enter = (in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'));
	int esc = !in->code && in->ch == 27;

	if (!esc && !enter && x->msg && (x->step == S_PASS || x->step == S_PASS2))
		say(x, NULL);
	switch (x->step) {
	case S_ROLE:
		if (in->code && (in->key == KEY_UP || in->key == KEY_DOWN))
			x->role = !x->role;
		else if (enter) {
			line_clear(&x->text);
			if (x->role == 1) {
				/* no store yet: no folder remembered */
				if (x->have_fp)
					filepick_free(&x->fp);
				filepick_init(&x->fp, s->ui, NULL, FILEPICK_OPEN, ".bcp", NULL, 0);
				/* the cursor on a setup pack, not on a newer normal
				 * pack (sealed to approved devices only) */
				filepick_prefer(&x->fp, is_setup_pack);
				x->have_fp = 1;
			}
			x->step = x->role == 0 ? S_COMMUNE : S_PACK;
		} else if (esc)
			s->ui->quit = 1;
		break;
	case S_COMMUNE:
		if (esc) {
			x->step = S_ROLE;
		} else if (enter) {
			char *c = line_utf8(&x->text);
			if (c == NULL || !*c || !text_valid(c))
				say(x, xstrdup(TR("Hãy nhập tên xã.", "Type the commune's name.")));
			else {
				say(x, NULL);
				x->step = S_PASS;
			}
			free(c);
		} else
			line_key(&x->text, in);
		break;
	case S_PACK:
		switch (filepick_key(&x->fp, in)) {
		case FILEPICK_CANCEL:
			curs_set(0);
			x->step = S_ROLE;
			break;
		case FILEPICK_CHOSEN:
			say(x, NULL);
			curs_set(0);
			load_pack(x);
			break;
		default:
			break;
		}
		break;
	case S_OFFICE:
		if (esc) {
			say(x, xstrdup(TR("Mã không đúng: đừng dùng gói này; hỏi lại văn phòng.",
			    "Not the same: do not use this pack; ask the office.")));
			x->step = S_PACK;
		} else if (enter)
			x->step = S_UNIT;
		break;
	case S_UNIT:
		if (esc)
			x->step = S_OFFICE;
		else if (in->code && in->key == KEY_UP && x->usel > 0)
			x->usel--;
		else if (in->code && in->key == KEY_DOWN && x->usel + 1 < x->nunits)
			x->usel++;
		else if (enter)
			x->step = S_PASS;
		break;
	case S_PASS:
		/* ↓ and Tab go to the next field as Enter does */
		if (esc)
			x->step = x->role == 0 ? S_COMMUNE : S_UNIT;
		else if (enter || (!in->code && in->ch == '\t') || (in->code && in->key == KEY_DOWN)) {
			if (x->pass.len < SETUP_PASS_MIN)
				say(x, xasprintf(TR("Mật khẩu cần ít nhất %d ký tự.",
				    "The passphrase needs %d characters at least."), SETUP_PASS_MIN));
			else
				x->step = S_PASS2;
		} else
			line_key(&x->pass, in);
		break;
	case S_PASS2:
		if (esc) {
			line_clear(&x->pass2);
			x->step = S_PASS;
		} else if (in->code && (in->key == KEY_UP || in->key == KEY_BTAB)) {
			x->step = S_PASS;	/* what was typed again stays */
		} else if ((in->code && in->key == KEY_DOWN) || (!in->code && in->ch == '\t')) {
			say(x, xstrdup(TR("Ô cuối: Enter để tạo cơ sở dữ liệu.", "The last field: Enter "
			    "makes the database.")));
		} else if (enter)
			create(s);
		else
			line_key(&x->pass2, in);
		break;
	}
}

static void
setup_free(struct screen *s)
{
	struct setup *x = s->data;

	line_free(&x->text);
	if (x->have_fp)
		filepick_free(&x->fp);
	line_free(&x->pass);
	line_free(&x->pass2);
	free(x->pack);
	free(x->pack_path);
	sync_roster_free(x->commune, x->units, x->nunits);
	free(x->msg);
	free(x);
}

const struct screen_ops screen_setup_ops = {
	.name = "setup",
	.keys = setup_keys,
	.draw = setup_draw,
	.key = setup_key,
	.free = setup_free,
	.grab = setup_grab,
	.where = "first run",
};

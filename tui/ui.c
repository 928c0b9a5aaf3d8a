/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui.c: the main loop, the screen stack, the key bar and the help overlay.
 *
 * One loop (as in ncdu's input_handle): draw everything, read one key with
 * get_wch(), handle KEY_RESIZE and F1 here, hand every other key to the top
 * screen. The terminal is restored on every way out: normal quit, error,
 * SIGTERM, SIGHUP, SIGINT (and atexit, in case something calls exit()).
 */
#include "tui.h"
#include "ui.h"
#include "../core/err.h"
#include "../core/text.h"
#include "../core/mem.h"
#include "../storage/store.h"
#include "../storage/store-settings.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#define MIN_COLS 80
#define MIN_LINES 24
#define CTRL(c) ((c) & 0x1f)

static volatile sig_atomic_t got_signal;
static int curses_on;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
restore_terminal(void)
{
	if (curses_on) {
		endwin();
		curses_on = 0;
	}
}

int
ui_is_ctrl(const struct ui_input *in, int letter)
{
	return !in->code && in->ch == (wint_t)CTRL(letter);
}

int
ui_is_quit(const struct ui_input *in)
{
	return (in->code && in->key == KEY_F(10)) || ui_is_ctrl(in, 'Q');
}

void
ui_push(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen *s;

	if (data == NULL)
		return;
	if (ui->depth == (int)(sizeof ui->stack / sizeof ui->stack[0])) {
		/* deeper than any path through the modes goes: refused, said */
		ui_status(TR("Mở quá nhiều màn hình: bấm Esc để quay lại.",
		    "Too many screens open: press Esc to go back."), 1);
		if (ops->free != NULL) {
			struct screen tmp = { ops, ui, data };
			ops->free(&tmp);
		}
		return;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL)
		abort();
	s->ops = ops;
	s->ui = ui;
	s->data = data;
	ui->stack[ui->depth++] = s;
}

void
ui_pop(struct ui *ui)
{
	struct screen *s;

	if (ui->depth == 0)
		return;
	s = ui->stack[--ui->depth];
	if (s->ops->free != NULL)
		s->ops->free(s);
	free(s);
	if (ui->depth == 0) {
		ui->quit = 1;
		return;
	}
	s = ui->stack[ui->depth - 1];
	if (s->ops->reveal != NULL && !ui->locking)
		s->ops->reveal(s);
}

void
ui_renew(struct screen *s, void *data)
{
	if (data == NULL)
		return;
	if (s->ops->free != NULL)
		s->ops->free(s);
	s->data = data;
}

void
ui_replace(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen *s;

	if (ui->depth == 0) {
		ui_push(ui, ops, data);
		return;
	}
	s = ui->stack[ui->depth - 1];
	if (s->ops->free != NULL)
		s->ops->free(s);
	s->ops = ops;
	s->data = data;
}

int
ui_plain_console(void)
{
	static int plain = -1;

	if (plain < 0) {
		const char *t = getenv("TERM"), *cs = nl_langinfo(CODESET);
		plain = (t != NULL && strncmp(t, "linux", 5) == 0) ||
		    cs == NULL || strcmp(cs, "UTF-8") != 0;
	}
	return plain;
}

int
ui_attr(int attr)
{
	if ((attr & A_BOLD) && !(attr & (A_UNDERLINE | A_REVERSE | A_STANDOUT)) &&
	    ui_plain_console())
		attr |= A_UNDERLINE;
	return attr;
}

const char *const *
ui_bar_glyphs(void)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█", "·" };
	/* rising in ink and height: _ . - ~ = + * # ; ? where there is no value */
	static const char *const ascii[] = { "_", ".", "-", "~", "=", "+", "*", "#", "?" };

	return ui_plain_console() ? ascii : blocks;
}

void
ui_text(int y, int x, int attr, const char *utf8)
{
	wchar_t buf[512];
	size_t n = mbstowcs(buf, utf8, sizeof buf / sizeof buf[0] - 1);

	if (n == (size_t)-1)
		return;
	buf[n] = 0;
	attr = ui_attr(attr);
	attron(attr);
	mvaddnwstr(y, x, buf, COLS - x > 0 ? COLS - x : 0);
	attroff(attr);
}

int
ui_text_wrap(int y, int x, int attr, const char *utf8, int rows)
{
	wchar_t buf[2048];
	size_t n = mbstowcs(buf, utf8, sizeof buf / sizeof buf[0] - 1);
	size_t lead = 0, i = 0;
	int used = 0;

	if (n == (size_t)-1)
		return 1;
	attr = ui_attr(attr);
	while (lead < n && buf[lead] == L' ')
		lead++;
	do {
		int col = used ? x + (int)lead + 4 : x, w = 0;
		size_t end = i, brk = 0;

		/* take characters while they fit; remember the last space */
		while (end < n) {
			int cw = wcwidth(buf[end]);
			if (cw < 0)
				cw = 1;
			if (col + w + cw > COLS - 1 && end > i)
				break;
			if (buf[end] == L' ' && end > i)
				brk = end;
			w += cw;
			end++;
		}
		if (end < n && brk > i)
			end = brk;
		if (used < rows) {
			attron(attr);
			mvaddnwstr(y + used, col, buf + i, (int)(end - i));
			attroff(attr);
		}
		used++;
		i = end;
		while (i < n && buf[i] == L' ')
			i++;
	} while (i < n);
	return used;
}

void
ui_title(const char *left, const char *right)
{
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	attroff(A_REVERSE);
	ui_text(0, 1, A_REVERSE | A_BOLD, left);
	if (right != NULL)
		ui_text(0, COLS - 1 - text_width(right), A_REVERSE, right);
}

void
ui_status(const char *utf8, int error)
{
	/* cut to the screen with a mark, never dropped: a line wider than the
	 * screen would not be drawn at all */
	size_t len = strlen(utf8);
	char *buf = xmalloc(len + 4);
	int w = COLS - 2;

	memcpy(buf, utf8, len + 1);
	if (w > 1 && text_width(buf) > w) {
		text_cut(buf, w - 1);
		strcat(buf, "\u2026");
	}
	move(LINES - 2, 0);
	clrtoeol();
	ui_text(LINES - 2, 1, error ? A_BOLD | A_STANDOUT : A_BOLD, buf);
	free(buf);
}

void
ui_flush(struct ui *ui)
{
	(void)ui;
	refresh();
}

static void
draw_keybar(const struct ui *ui, const struct screen *s)
{
	const struct ui_key *k;
	char mode[32];
	int x = 0, mw;

	move(LINES - 1, 0);
	clrtoeol();
	/* the typing mode, right-aligned: Ctrl-T changes it; off is said in
	 * the interface's language, not as a stray "[EN]" */
	snprintf(mode, sizeof mode, "[%s]", ui->ime == VNIME_OFF ? TR("Tắt bộ gõ", "IME off") :
	    vnime_mode_name(ui->ime));
	mw = text_width(mode);
	for (k = s->ops->keys; k != NULL && k->name != NULL; k++) {
		const char *what = err_lang ? k->en : k->vi;
		int w = text_width(k->name) + text_width(what) + 2;
		if (!k->bar)
			continue;
		if (x + w > COLS - mw - 1)
			break;
		ui_text(LINES - 1, x, A_REVERSE, k->name);
		ui_text(LINES - 1, x + text_width(k->name) + 1, 0, what);
		x += w;
	}
	ui_text(LINES - 1, COLS - mw, A_BOLD, mode);
}

static void
draw_help(const struct screen *s)
{
	const struct ui_key *k;
	int n = 0, y, h, w = 64, x0, y0;

	for (k = s->ops->keys; k != NULL && k->name != NULL; k++)
		n++;
	h = n + 4;
	if (h > LINES - 2)
		h = LINES - 2;
	x0 = (COLS - w) / 2;
	y0 = (LINES - h) / 2;
	for (y = 0; y < h; y++)
		mvhline(y0 + y, x0, ' ', w);
	attron(A_BOLD);
	mvhline(y0, x0, ACS_HLINE, w);
	mvhline(y0 + h - 1, x0, ACS_HLINE, w);
	attroff(A_BOLD);
	ui_text(y0, x0 + 2, A_BOLD, TR(" Trợ giúp: phím ", " Help: keys "));
	y = y0 + 1;
	for (k = s->ops->keys; k != NULL && k->name != NULL && y < y0 + h - 2; k++, y++) {
		ui_text(y, x0 + 2, A_BOLD, k->name);
		ui_text(y, x0 + 16, 0, err_lang ? k->en : k->vi);
	}
	ui_text(y0 + h - 2, x0 + 2, A_DIM, TR("Bấm một phím bất kỳ để đóng.",
	    "Press any key to close."));
}

int
ui_too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

static void
draw_too_small(void)
{
	char msg[128];

	snprintf(msg, sizeof msg, TR("Cửa sổ quá nhỏ (%dx%d): cần ít nhất %dx%d.",
	    "The window is too small (%dx%d): %dx%d at least."), COLS, LINES, MIN_COLS, MIN_LINES);
	ui_text_wrap(0, 0, A_BOLD, msg, LINES);
	ui_text_wrap(LINES > 3 ? 2 : 1, 0, 0, TR("Phím không có tác dụng cho đến khi cửa sổ đủ lớn.",
	    "Keys do nothing until the window is large enough."), LINES);
}

/* The key a key-table name stands for ("F5", "Ctrl-E", "Enter", "Esc",
 * "Tab", "/"; the first of "F4 / Ctrl-O"); 0 if it is not one key. */
static int
key_of(const char *name, struct ui_input *in)
{
	char tok[16];
	size_t n = strcspn(name, " ");

	if (n == 0 || n >= sizeof tok || strncmp(name, "F3 ", 3) == 0)
		return 0;	/* not the menu key itself */
	memcpy(tok, name, n);
	tok[n] = '\0';
	memset(in, 0, sizeof *in);
	if (tok[0] == 'F' && tok[1] >= '1' && tok[1] <= '9') {
		in->code = 1;
		in->key = KEY_F(atoi(tok + 1));
		return 1;
	}
	if (strncmp(tok, "Ctrl-", 5) == 0 && tok[5] >= 'A' && tok[5] <= 'Z' && tok[6] == '\0') {
		in->ch = (wint_t)CTRL(tok[5]);
		return 1;
	}
	if (strcmp(tok, "Enter") == 0) {
		in->ch = '\r';
		return 1;
	}
	if (strcmp(tok, "Esc") == 0) {
		in->ch = 27;
		return 1;
	}
	if (strcmp(tok, "/") == 0 || strcmp(tok, "Tab") == 0) {
		in->ch = tok[0] == '/' ? '/' : '\t';
		return 1;
	}
	return 0;
}

/* The menu (F3 or Ctrl-K): the screen's keys as a list to choose from, for
 * whoever does not remember them. */
static void
draw_menu(struct ui *ui, const struct screen *s)
{
	const struct ui_key *k;
	struct ui_input in;
	int n = 0, y0, x0, w = 66, row = 0;

	for (k = s->ops->keys; k != NULL && k->name != NULL; k++)
		if (key_of(k->name, &in))
			n++;
	if (ui->menu_sel >= n)
		ui->menu_sel = n ? n - 1 : 0;
	y0 = (LINES - n - 4) / 2;
	if (y0 < 1)
		y0 = 1;
	x0 = (COLS - w) / 2;
	for (int r = 0; r < n + 4 && y0 + r < LINES - 1; r++)
		mvhline(y0 + r, x0, ' ', w);
	ui_text(y0, x0 + 2, A_BOLD, TR("Menu — ↑ ↓ chọn, Enter làm, Esc đóng",
	    "Menu — ↑ ↓ choose, Enter do, Esc close"));
	for (k = s->ops->keys; k != NULL && k->name != NULL; k++) {
		if (!key_of(k->name, &in))
			continue;
		if (y0 + 2 + row < LINES - 2) {
			char line[256];
			snprintf(line, sizeof line, "%-14s %s", k->name, err_lang ? k->en : k->vi);
			ui_text(y0 + 2 + row, x0 + 2, row == ui->menu_sel ? A_REVERSE : 0, line);
		}
		row++;
	}
}

/* A key while the menu is open: move, close, or do the chosen key. */
static void
menu_key(struct ui *ui, const struct ui_input *in)
{
	struct screen *s = ui->stack[ui->depth - 1];
	const struct ui_key *k;
	struct ui_input chosen;
	int row = 0;

	if (!in->code && in->ch == 27) {
		ui->menu = 0;
	} else if (in->code && in->key == KEY_UP) {
		if (ui->menu_sel > 0)
			ui->menu_sel--;
	} else if (in->code && in->key == KEY_DOWN) {
		ui->menu_sel++;
	} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'))) {
		ui->menu = 0;
		for (k = s->ops->keys; k != NULL && k->name != NULL; k++) {
			if (!key_of(k->name, &chosen))
				continue;
			if (row++ == ui->menu_sel) {
				if ((chosen.code && chosen.key == KEY_F(1)) || ui_is_ctrl(&chosen, 'G'))
					ui->help = 1;
				else
					s->ops->key(s, &chosen);
				return;
			}
		}
	}
}

void
ui_draw(struct ui *ui)
{
	struct screen *top = ui->stack[ui->depth - 1];

	erase();
	curs_set(0);
	if (ui_too_small()) {
		draw_too_small();
	} else {
		draw_keybar(ui, top);
		top->ops->draw(top);
		if (ui->help) {
			curs_set(0);
			draw_help(top);
		} else if (ui->menu) {
			curs_set(0);
			draw_menu(ui, top);
		}
	}
	refresh();
}

static int
read_input(struct ui_input *in)
{
	int r = get_wch(&in->ch);

	if (r == ERR)
		return -1;
	in->code = (r == KEY_CODE_YES);
	in->key = in->code ? (int)in->ch : 0;
	return 0;
}

/* The question of ui_confirm, over what the screen shows. */
static void
draw_question(const char *question)
{
	int rows = ui_text_wrap(0, 1, 0, question, 0);

	/* read whole before it is answered: wrapped over the rows above the
	 * key bar when it is wider than the screen */
	if (rows <= 1) {
		ui_status(question, 0);
		return;
	}
	if (rows > 4)
		rows = 4;
	for (int r = LINES - 1 - rows; r < LINES - 1; r++) {
		move(r, 0);
		clrtoeol();
	}
	ui_text_wrap(LINES - 1 - rows, 1, A_BOLD, question, rows);
}

int
ui_confirm(struct ui *ui, const char *question)
{
	struct ui_input in;

	if (ui->locking)
		return 0;
	draw_question(question);
	ui_flush(ui);
	while (!ui->quit && !got_signal) {
		if (read_input(&in) != 0)
			continue;	/* the half-second wake-up */
		if (in.code && in.key == KEY_RESIZE) {
			/* the screen again, and the question on it */
			ui_draw(ui);
			if (!ui_too_small()) {
				draw_question(question);
				ui_flush(ui);
			}
			continue;
		}
		if (ui_too_small())
			continue;	/* nothing can be read: no key answers */
		if (!in.code && wcschr(L"cCyY", (wchar_t)in.ch) != NULL && in.ch != 0)
			return 1;
		return 0;	/* anything else, Esc included, is no */
	}
	return 0;
}

static void
start_curses(void)
{
	initscr();
	curses_on = 1;
	raw();            /* Ctrl-S, Ctrl-Q, Ctrl-C reach us as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	timeout(500);     /* wake up to notice signals */
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
}

/* Lock after a while without a key: every screen goes, the keys leave
 * memory with the store, and the passphrase is asked again. What is being
 * typed is kept as F10 keeps it (a value is committed, a reason saved);
 * what would need a question (a value that cannot be taken) is dropped,
 * unasked. */
static void
lock(struct ui *ui, long secs)
{
	static const struct ui_input quit = { 1, KEY_F(10), 0 };
	char *msg;

	if (ui->depth > 0) {
		ui->locking = 1;
		ui->stack[ui->depth - 1]->ops->key(ui->stack[ui->depth - 1], &quit);
		ui->locking = 0;
	}

	while (ui->depth > 0)
		ui_pop(ui);
	store_close(ui->st);
	ui->st = NULL;
	ui->quit = 0;
	ui_push(ui, &screen_unlock_ops, screen_unlock_new(ui));
	msg = secs < 60 ? xasprintf(TR("Đã tự khóa sau %ld giây không dùng.", "Locked after %ld "
	    "seconds idle."), secs) : xasprintf(TR("Đã tự khóa sau %ld phút không dùng.",
	    "Locked after %ld minutes idle."), secs / 60);
	screen_unlock_say(ui->stack[0], msg);
	free(msg);
}

/* The idle delay: BAOCAO_IDLE_SECONDS, else the installation's setting
 * "idle_lock_minutes", else 10 minutes; 0 turns locking off. */
static long
idle_delay(struct ui *ui)
{
	const char *env = getenv("BAOCAO_IDLE_SECONDS");
	char *v = NULL, *cause = NULL;
	long secs = 600;

	if (env != NULL && *env)
		return strtol(env, NULL, 10);
	if (ui->st != NULL && store_setting_get(ui->st, "idle_lock_minutes", &v, &cause) == ERR_OK &&
	    v != NULL)
		secs = strtol(v, NULL, 10) * 60;
	free(v);
	free(cause);
	return secs;
}

int
tui_run(const char *db_path)
{
	time_t idle_from;
	long idle_secs = 0;
	struct store *idle_for = NULL;	/* the store idle_secs was read from */
	struct ui ui;
	struct ui_input in;
	struct sigaction sa;
	const char *cs;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "baocao: %s\n", TR("giao diện cần một terminal; các lệnh "
		    "con chạy được không cần terminal ('baocao --help')", "the interface needs a "
		    "terminal; the verbs work without one ('baocao --help')"));
		return 2;
	}
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0)
		fprintf(stderr, "baocao: %s\n", TR("cảnh báo: terminal không dùng UTF-8, chữ có "
		    "dấu có thể hiện sai (đặt LANG=C.UTF-8)", "warning: the terminal is not UTF-8; "
		    "accents may show wrong (set LANG=C.UTF-8)"));

	memset(&ui, 0, sizeof ui);
	ui.db_path = db_path;
	ui.ime = VNIME_TELEX;	/* consoles rarely have an input method */
	{
		const char *m = getenv("BAOCAO_IME");
		if (m != NULL && strcmp(m, "vni") == 0)
			ui.ime = VNIME_VNI;
		else if (m != NULL && strcmp(m, "off") == 0)
			ui.ime = VNIME_OFF;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	atexit(restore_terminal);
	start_curses();
	/* no database yet: the first-run screens make one */
	if (access(db_path, F_OK) != 0)
		ui_push(&ui, &screen_setup_ops, screen_setup_new(&ui));
	else
		ui_push(&ui, &screen_unlock_ops, screen_unlock_new(&ui));

	idle_from = time(NULL);
	while (!ui.quit && !got_signal) {
		if (ui.st != idle_for) {
			idle_for = ui.st;
			idle_secs = ui.st ? idle_delay(&ui) : 0;
		}
		ui_draw(&ui);
		if (read_input(&in) != 0) {
			if (ui.st != NULL && idle_secs > 0 && time(NULL) - idle_from >= idle_secs)
				lock(&ui, idle_secs);
			continue;
		}
		idle_from = time(NULL);
		if (in.code && in.key == KEY_RESIZE)
			continue;
		/* under "too small" nothing is seen, so no key may act on it */
		if (ui_too_small())
			continue;
		if (ui.help) {
			ui.help = 0;
			continue;
		}
		if (ui.menu) {
			menu_key(&ui, &in);
			continue;
		}
		if ((in.code && in.key == KEY_F(1)) || ui_is_ctrl(&in, 'G')) {
			ui.help = 1;
			continue;
		}
		if ((in.code && in.key == KEY_F(3)) || ui_is_ctrl(&in, 'K')) {
			ui.menu = 1;
			ui.menu_sel = 0;
			continue;
		}
		if (ui_is_ctrl(&in, 'T')) {
			/* typing mode: Telex -> VNI -> none */
			ui.ime = ui.ime == VNIME_TELEX ? VNIME_VNI : ui.ime == VNIME_VNI ? VNIME_OFF
			    : VNIME_TELEX;
			continue;
		}
		ui.stack[ui.depth - 1]->ops->key(ui.stack[ui.depth - 1], &in);
	}
	while (ui.depth > 0)
		ui_pop(&ui);
	restore_terminal();
	store_close(ui.st);
	return got_signal ? 128 + got_signal : 0;
}

const char *
ui_commune(char *buf, size_t size, const char *name)
{
	static const char *const kinds[] = { "xa ", "phuong ", "thi tran ", "commune " };
	char *f = text_fold(name);
	int named = 0;

	for (size_t i = 0; f != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		named = named || strncmp(f, kinds[i], strlen(kinds[i])) == 0;
	free(f);
	if (named)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, TR("Xã %s", "Commune %s"), name);
	return buf;
}

void
ui_cut(char *s, int cols)
{
	text_cut(s, cols);
}

char *
ui_pad(char *buf, size_t size, const char *text, int width)
{
	return text_pad(buf, size, text, width);
}

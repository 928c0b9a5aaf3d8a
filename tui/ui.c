/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui.c: the main loop, the mode stack, the key tables (the global one and
 * the dispatch), the key bar, the help and menu overlays. Drawing helpers
 * are in ui-draw.c.
 *
 * One loop (as in ncdu's input_handle): draw everything, read one key with
 * get_wch(), handle KEY_RESIZE here, find the key in the global table,
 * then in the top mode's table, and call the row's action; a key no row
 * takes goes to the mode's key() (typing). The terminal is restored on every way out: normal quit, error,
 * SIGTERM, SIGHUP, SIGINT (and atexit, in case something calls exit());
 * a signal first keeps what is being typed, as the idle lock does.
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
ui_push(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen *s;

	if (data == NULL)
		return 0;
	if (ui->depth == (int)(sizeof ui->stack / sizeof ui->stack[0])) {
		/* deeper than any path through the modes goes: refused, said */
		ui_status(TR("Mở quá nhiều màn hình: bấm Esc để quay lại.",
		    "Too many screens open: press Esc to go back."), 1);
		if (ops->free != NULL) {
			struct screen tmp = { ops, ui, data, NULL };
			ops->free(&tmp);
		}
		return 0;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL)
		abort();
	s->ops = ops;
	s->ui = ui;
	s->data = data;
	ui->stack[ui->depth++] = s;
	return 1;
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
	if (s->ops->reveal != NULL && !ui->locking && !ui->quit)	/* not when closing */
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

void
ui_flush(struct ui *ui)
{
	(void)ui;
	refresh();
}

void
ui_quit(struct ui *ui)
{
	struct screen *top = ui->depth ? ui->stack[ui->depth - 1] : NULL;

	if (top != NULL && top->ops->leave != NULL && !top->ops->leave(top))
		return;
	ui->quit = 1;
}

static void
act_help(struct screen *s)
{
	s->ui->help = 1;
}

static void
act_menu(struct screen *s)
{
	s->ui->menu = 1;
	s->ui->menu_sel = 0;
}

static void
act_quit(struct screen *s)
{
	ui_quit(s->ui);
}

static void
act_ime(struct screen *s)
{
	struct ui *ui = s->ui;

	/* typing mode: Telex -> VNI -> none */
	ui->ime = ui->ime == VNIME_TELEX ? VNIME_VNI : ui->ime == VNIME_VNI ? VNIME_OFF :
	    VNIME_TELEX;
}

const struct ui_key ui_global_keys[] = {
	{ KEY_F(1), 'G', act_help, "Trợ giúp", "Help", 1, NULL },
	{ KEY_F(3), 'K', act_menu, "Menu: chọn việc cần làm trong danh sách",
	    "Menu: choose what to do from a list", 0, NULL },
	/* raw mode: Ctrl-C is a key, not a signal; it leaves as F10 does,
	 * keeping what is typed, rather than doing nothing (ui_key_press) */
	{ KEY_F(10), 'Q', act_quit, "Thoát", "Quit", 1, "F10, Ctrl-Q, Ctrl-C" },
	{ 0, 'T', act_ime, "Kiểu gõ: Telex → VNI → tắt", "Typing mode: Telex → VNI → off", 0,
	    NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void menu_key(struct ui *ui, const struct ui_input *in);

void
ui_key_press(struct ui *ui, const struct ui_input *in)
{
	static const struct ui_input f10 = { 1, KEY_F(10), 0 };
	struct screen *top;
	const struct ui_key *k;

	if (ui->depth == 0)
		return;
	if (!in->code && in->ch == 'C' - '@')
		in = &f10;	/* Ctrl-C: F10's row says so */
	top = ui->stack[ui->depth - 1];
	if (ui->help) {
		ui->help = 0;
		return;
	}
	if (ui->menu) {
		menu_key(ui, in);
		return;
	}
	if ((k = ui_key_find(ui_global_keys, in)) != NULL) {
		k->action(top);
		return;
	}
	if (top->ops->grab != NULL && top->ops->grab(top)) {
		if (top->ops->key != NULL)
			top->ops->key(top, in);
		return;
	}
	if ((k = ui_key_find(ui_keys(top), in)) != NULL && k->action != NULL) {
		k->action(top);
		return;
	}
	if (top->ops->key != NULL)
		top->ops->key(top, in);
}

const struct ui_key *
ui_keys(const struct screen *s)
{
	return s->keys != NULL ? s->keys : s->ops->keys;
}

const struct ui_key *
ui_key_find(const struct ui_key *table, const struct ui_input *in)
{
	for (const struct ui_key *k = table; k != NULL && k->vi != NULL; k++) {
		if (k->ctrl && ui_is_ctrl(in, k->ctrl))
			return k;
		if (k->key == 0)
			continue;
		if (k->key == '\r') {
			if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
			    in->ch == '\n')))
				return k;
		} else if (k->key >= KEY_MIN) {
			if (in->code && in->key == k->key)
				return k;
		} else if (!in->code && in->ch == (wint_t)k->key) {
			return k;
		}
	}
	return NULL;
}

const char *
ui_key_name(const struct ui_key *k, int both, char *buf, size_t size)
{
	static const struct { int key; const char *name; } names[] = {
		{ '\r', "Enter" }, { 27, "Esc" }, { '\t', "Tab" }, { ' ', "Space" },
		{ KEY_BTAB, "Shift-Tab" }, { KEY_UP, "↑" }, { KEY_DOWN, "↓" },
		{ KEY_LEFT, "←" }, { KEY_RIGHT, "→" }, { KEY_PPAGE, "PgUp" },
		{ KEY_NPAGE, "PgDn" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_BACKSPACE, "Backspace" },
	};
	size_t n = 0;

	buf[0] = '\0';
	/* the bar names a key that has one by itself ("F10"); the help and
	 * README give the whole name */
	if (k->name != NULL && (both || k->key == 0)) {
		snprintf(buf, size, "%s", k->name);
		return buf;
	}
	if (k->key >= KEY_F(1) && k->key <= KEY_F(12)) {
		n = (size_t)snprintf(buf, size, "F%d", k->key - KEY_F0);
	} else if (k->key != 0) {
		const char *nm = NULL;
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (names[i].key == k->key)
				nm = names[i].name;
		if (nm != NULL)
			n = (size_t)snprintf(buf, size, "%s", nm);
		else
			n = (size_t)snprintf(buf, size, "%c", k->key);
	}
	if (n >= size)
		return buf;
	if (k->ctrl && (n == 0 || both))
		snprintf(buf + n, size - n, "%sCtrl-%c", n ? ", " : "", k->ctrl);
	return buf;
}

/* Draw the rows of TABLE meant for the bar from column *X. */
static void
keybar_rows(const struct ui_key *table, int *x, int right)
{
	char name[64];

	for (const struct ui_key *k = table; k != NULL && k->vi != NULL; k++) {
		const char *what = err_lang ? k->en : k->vi;
		int w;
		if (!k->bar)
			continue;
		ui_key_name(k, 0, name, sizeof name);
		w = text_width(name) + text_width(what) + 2;
		if (*x + w > right)
			return;
		ui_text(LINES - 1, *x, A_REVERSE, name);
		ui_text(LINES - 1, *x + text_width(name) + 1, 0, what);
		*x += w;
	}
}

static void
draw_keybar(const struct ui *ui, const struct screen *s)
{
	char mode[32];
	int x = 0, mw;

	move(LINES - 1, 0);
	clrtoeol();
	/* the typing mode, right-aligned: Ctrl-T changes it; off is said in
	 * the interface's language, not as a stray "[EN]" */
	snprintf(mode, sizeof mode, "[%s]", ui->ime == VNIME_OFF ? TR("Tắt bộ gõ", "IME off") :
	    vnime_mode_name(ui->ime));
	mw = text_width(mode);
	keybar_rows(ui_keys(s), &x, COLS - mw - 1);
	keybar_rows(ui_global_keys, &x, COLS - mw - 1);
	ui_text(LINES - 1, COLS - mw, A_BOLD, mode);
}

static void
draw_help(const struct screen *s)
{
	const struct ui_key *tables[2] = { ui_keys(s), ui_global_keys };
	int n = 0, y, h, w = UI_HELP_KEY_COLS + UI_HELP_LABEL_COLS + 5, x0, y0;

	/* each row as many lines as its label takes, wrapped: never cut */
	for (int t = 0; t < 2; t++)
		for (const struct ui_key *k = tables[t]; k->vi != NULL; k++)
			n += ui_help_entry_rows(k, err_lang ? k->en : k->vi);
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
	for (int t = 0; t < 2; t++)
		for (const struct ui_key *k = tables[t]; k->vi != NULL && y < y0 + h - 2; k++) {
			y += ui_help_entry(y, x0 + 2, k, err_lang ? k->en : k->vi, y0 + h - 2 - y);
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

/* The I-th row the F3 menu lists: the rows of the mode and the global
 * ones that do something, but the menu itself; NULL past the end. While
 * the mode is typing or asking (grab), its rows would act over that: only
 * the global ones. */
static const struct ui_key *
menu_row(struct screen *s, int i)
{
	int typing = s->ops->grab != NULL && s->ops->grab(s);
	const struct ui_key *tables[2] = { typing ? NULL : ui_keys(s), ui_global_keys };

	for (int t = 0; t < 2; t++)
		for (const struct ui_key *k = tables[t]; k != NULL && k->vi != NULL; k++)
			if (k->action != NULL && k->action != act_menu && i-- == 0)
				return k;
	return NULL;
}

/* The menu (F3 or Ctrl-K): the mode's keys as a list to choose from, for
 * whoever does not remember them. */
static void
draw_menu(struct ui *ui, struct screen *s)
{
	const struct ui_key *k;
	int n = 0, y0, x0, w = UI_MENU_KEY_COLS + UI_MENU_LABEL_COLS + 4;
	char name[64];

	while (menu_row(s, n) != NULL)
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
	for (int row = 0; (k = menu_row(s, row)) != NULL; row++) {
		if (y0 + 2 + row < LINES - 2) {
			char line[256], col[64];
			/* the key itself (its Ctrl alternative is in the help) */
			ui_pad(col, sizeof col, ui_key_name(k, 0, name, sizeof name),
			    UI_MENU_KEY_COLS);
			snprintf(line, sizeof line, "%s%s", col, err_lang ? k->en : k->vi);
			ui_cut(line, w - 4);
			ui_text(y0 + 2 + row, x0 + 2, row == ui->menu_sel ? A_REVERSE : 0, line);
		}
	}
}

/* A key while the menu is open: move, close, or do the chosen row. */
static void
menu_key(struct ui *ui, const struct ui_input *in)
{
	struct screen *s = ui->stack[ui->depth - 1];
	const struct ui_key *k;

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
		if ((k = menu_row(s, ui->menu_sel)) != NULL)
			k->action(s);
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

/* Lock after a while without a key: the keys leave memory with the store,
 * and the passphrase is asked on top of the modes, which stay (not drawn)
 * so that unlocking goes back to where the user was. What is being typed
 * is kept as F10 keeps it (a value is committed, a reason saved); what
 * would need a question (a value that cannot be taken) is not asked and
 * stays as typed, to finish once unlocked. With no room on the stack for
 * the unlock screen, every mode goes (and such a value with it). */
static void
lock(struct ui *ui, long secs)
{
	char *msg;

	if (ui->depth > 0) {
		struct screen *top = ui->stack[ui->depth - 1];
		ui->locking = 1;
		if (top->ops->leave != NULL)
			(void)top->ops->leave(top);
	}
	if (ui->depth >= (int)(sizeof ui->stack / sizeof ui->stack[0]))
		while (ui->depth > 0)	/* nothing revealed on the way down */
			ui_pop(ui);
	ui->locking = 0;
	store_close(ui->st);
	ui->st = NULL;
	ui->quit = 0;
	ui_push(ui, &screen_unlock_ops, screen_unlock_new(ui));
	msg = secs < 60 ? xasprintf(TR("Đã tự khóa sau %ld giây không dùng.", "Locked after %ld "
	    "seconds idle."), secs) : xasprintf(TR("Đã tự khóa sau %ld phút không dùng.",
	    "Locked after %ld minutes idle."), secs / 60);
	screen_unlock_say(ui->stack[ui->depth - 1], msg);
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
		ui_key_press(&ui, &in);
	}
	/* ended by a signal (the terminal closed, SIGTERM): what is typed is
	 * kept as the idle lock keeps it, asking nothing */
	if (got_signal && ui.depth > 0 && ui.st != NULL) {
		struct screen *top = ui.stack[ui.depth - 1];
		ui.locking = 1;
		if (top->ops->leave != NULL)
			(void)top->ops->leave(top);
	}
	while (ui.depth > 0)
		ui_pop(&ui);
	restore_terminal();
	store_close(ui.st);
	return got_signal ? 128 + got_signal : 0;
}

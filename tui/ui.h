/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui.h: modes, key tables and the main loop (tui/ only).
 *
 * Each mode is a small vtable (as tmux's window modes are) with private
 * state, on a stack: draw() paints rows 0..LINES-2, its key table says
 * what each key does (a row's action is called by the main loop), key()
 * takes what no row does (typing, arrows), free() drops the state,
 * reveal() refreshes it when the mode above is popped. The main loop
 * (ui.c) draws the top mode, the key bar and, on F1, the help from the
 * same tables; it handles KEY_RESIZE, the too-small terminal and signals
 * in one place.
 */
#ifndef BAOCAO_UI_H
#define BAOCAO_UI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <wchar.h>

#include "../core/vnime.h"

struct store;
struct ui;

struct screen;
struct ui_keymap;

/*
 * A row of a key table: a key, its Ctrl alternative (terminals and the
 * Linux console eat some F-keys), what it does, and how it is said. The
 * main loop finds the row of a key and calls its action; the key bar (rows
 * with BAR), the F1 help and the F3 menu are drawn from the same rows, and
 * README's key table is generated from them (baocao keys). A table ends
 * with a row whose VI is NULL.
 */
struct ui_key {
	int key;		/* a KEY_* code (KEY_F(5)) or a character ('/', 27
				 * for Esc, '\r' for Enter, which also matches
				 * KEY_ENTER and '\n'); 0: none */
	int ctrl;		/* 'E': Ctrl-E does the same; 0: none */
	void (*action)(struct screen *s);	/* NULL: only said here; the
				 * mode's key() handles it (arrows, typing) */
	const char *vi;		/* what it does */
	const char *en;
	int bar;		/* also shown in the key bar */
	const char *name;	/* shown instead of the key's own name ("↑ ↓
				 * PgUp PgDn", "a–z"); NULL: made from KEY and
				 * CTRL ("F5, Ctrl-E") */
};

/* A key read from the terminal: a character or a KEY_* code. */
struct ui_input {
	int code;   /* 1: `key` is a KEY_* code; 0: `ch` is a character */
	int key;
	wint_t ch;
};

struct screen_ops {
	const char *name;
	const struct ui_key *keys;          /* the mode's key table */
	void (*draw)(struct screen *s);
	/* A key no row of the table took (typing, arrows), or every key but
	 * the global ones while grab() says so. NULL: such keys do nothing. */
	void (*key)(struct screen *s, const struct ui_input *in);
	void (*free)(struct screen *s);
	/* Uncovered by a pop: show again what may have changed above (a form
	 * saved, a pack applied); NULL: nothing to refresh. */
	void (*reveal)(struct screen *s);
	/* Nonzero while text is being typed or a question answered: every
	 * key but the global ones goes to key(). NULL: never. */
	int (*grab)(struct screen *s);
	/* Quitting (F10, Ctrl-Q, the idle lock): keep what is being typed
	 * (F10 keeps a value) and return 1, or 0 to stay (a question). NULL:
	 * nothing to keep. */
	int (*leave)(struct screen *s);
	/* What README's key table calls the mode ("home", "form"...). */
	const char *where;
	/* Every table the mode answers to, when it has more than KEYS (a
	 * step with keys of its own), each with its WHERE; ends with a NULL
	 * keys. NULL: KEYS alone. For README's generated key table. */
	const struct ui_keymap *maps;
};

struct ui_keymap {
	const char *where;
	const struct ui_key *keys;
};

struct screen {
	const struct screen_ops *ops;
	struct ui *ui;
	void *data;
	const struct ui_key *keys;	/* the table now (a mode with steps
					 * changes it); NULL: ops->keys */
};

/* The keys every mode has (help, menu, quit, typing mode), in ui.c. */
extern const struct ui_key ui_global_keys[];
/* The key table that S answers to now. */
const struct ui_key *ui_keys(const struct screen *s);
/* The row of TABLE that IN is, or NULL. */
const struct ui_key *ui_key_find(const struct ui_key *table, const struct ui_input *in);
/* A key's name as shown, into BUF: "F5", "Enter", "Ctrl-E"; with BOTH,
 * the Ctrl alternative too ("F5, Ctrl-E"). Returns BUF. */
const char *ui_key_name(const struct ui_key *k, int both, char *buf, size_t size);
/* Handle one key as the main loop does (overlays, global keys, the top
 * mode's table, its key()); tests and benchmarks drive screens with it. */
void ui_key_press(struct ui *ui, const struct ui_input *in);
/* Quit, asked: the top mode keeps what is typed (leave), then the loop
 * ends; a mode that says no (a question) stays. */
void ui_quit(struct ui *ui);
/* The F1 help at 80x24: a key's name fits UI_HELP_KEY_COLS columns, and a
 * label is wrapped at spaces to UI_HELP_LABEL_COLS; ui_help_rows says how
 * many rows LABEL takes there (the key tables are checked against both). */
#define UI_HELP_KEY_COLS 19
#define UI_HELP_LABEL_COLS 52
/* The F3 menu: a key's name in 15 columns, then its label, in a box 76
 * wide: a label of the menu fits UI_MENU_LABEL_COLS. */
#define UI_MENU_KEY_COLS 15
#define UI_MENU_LABEL_COLS 57
int ui_help_rows(const char *label);
/* The rows K takes in the help with LABEL: a key's name wider than its
 * column has the label on the rows below it. */
int ui_help_entry_rows(const struct ui_key *k, const char *label);
/* K's row of the help from row Y, at most MAX rows: its name at X, LABEL
 * wrapped beside it (or below it); the rows it took. */
int ui_help_entry(int y, int x, const struct ui_key *k, const char *label, int max);
/* Every mode's ops, for the key table generated for README (ends NULL). */
extern const struct screen_ops *const ui_modes[];

struct ui {
	const char *db_path;
	struct store *st;              /* NULL until unlocked */
	struct screen *stack[8];
	int depth;
	int quit;
	int help;                      /* the F1 overlay is shown */
	enum vnime_mode ime;           /* built-in typing mode (Ctrl-T) */
	int menu, menu_sel;            /* the F3 menu is shown, and its line */
	int locking;                   /* the idle lock is closing the screens:
	                                  ui_confirm answers no at once */
};

/* The modes are a stack (as tmux's window modes): the one that opens
 * another pushes it, Esc pops it, and the mode uncovered is told
 * (reveal) so it refreshes; no mode names the one below it. Home is the
 * bottom; only the entry modes (unlock, setup) replace themselves with it.
 * ui_push with DATA NULL does nothing (the mode could not be opened and
 * said why) and returns 0; so does a stack full, freeing DATA with
 * ops->free after saying so. 1: pushed. */
int ui_push(struct ui *ui, const struct screen_ops *ops, void *data);
void ui_replace(struct ui *ui, const struct screen_ops *ops, void *data);
void ui_pop(struct ui *ui);
/* Give the mode S new state DATA (made by its _new function, for a reveal
 * that reloads), freeing the old one; DATA NULL keeps the old one. */
void ui_renew(struct screen *s, void *data);

/* Is this input the given control key (e.g. 'Q' for Ctrl-Q)? */
int ui_is_ctrl(const struct ui_input *in, int letter);

/* The terminal is smaller than the interface's 80x24: only a message is
 * drawn, and keys are ignored until it grows. */
int ui_too_small(void);

/* Draw helpers. */
void ui_title(const char *left, const char *right);
/* The terminal shows no bold and no block elements: the Linux console
 * (TERM=linux...), whose 512-glyph Vietnamese font takes the bit bold
 * would use, or a terminal not in UTF-8. Decided once, on first call. */
int ui_plain_console(void);
/* ATTR as it is to be drawn: where bold cannot be seen (ui_plain_console),
 * bold that has no other cue (reverse, standout, underline) gets an
 * underline, so emphasis always shows. ui_text and ui_text_wrap apply it;
 * a screen calling attron() itself with A_BOLD passes through it. */
int ui_attr(int attr);
/* The glyphs a bar or trend is drawn with: [0..7] low to full, [8] no
 * value; block elements (▁ … █, ·), or ASCII on a plain console. */
const char *const *ui_bar_glyphs(void);
/* UTF8 at (Y, X) with ui_attr(ATTR), cut at the right edge. */
void ui_text(int y, int x, int attr, const char *utf8);
/* UTF8 from (Y, X), broken at spaces where it would pass the right edge;
 * the rest goes on the next rows, indented four columns more than the
 * text's own leading spaces. Draws at most ROWS rows (none when ROWS is 0)
 * and returns the number of rows the whole text takes. */
int ui_text_wrap(int y, int x, int attr, const char *utf8, int rows);
/* The commune's name as a title, into BUF: "Xã Ngọc Lặc" for "Ngọc Lặc";
 * a name that already says what it is ("Xã Ngọc Lặc", "Phường 3", "Thị
 * trấn X", any case or accents) as it is, never "Xã Xã". Returns BUF. */
const char *ui_commune(char *buf, size_t size, const char *name);
/* A submission's status as the lists show it ("Nháp", "Bị trả lại"); NULL
 * is "Chưa làm" (not started); a status not known, as it is. */
const char *ui_sub_status(const char *status);
/* Cut UTF-8 text S in place to at most COLS terminal columns (whole
 * characters). */
void ui_cut(char *s, int cols);
/* TEXT as a column WIDTH terminal columns wide, into BUF: padded with
 * spaces, or cut to WIDTH - 1 so that a space always follows it. */
char *ui_pad(char *buf, size_t size, const char *text, int width);
/* Show a one-line message in the row above the key bar. */
void ui_status(const char *utf8, int error);
/* Paint the top screen, its key bar and any overlay (the main loop does
 * this before every key; benchmarks and tests call it directly). */
void ui_draw(struct ui *ui);
/* Paint now (for "please wait" before slow work). */
void ui_flush(struct ui *ui);
/* Ask QUESTION on the status line (wrapped over the rows above it when
 * wider than the screen, never cut) and wait for one key: 1 for c/y (có,
 * yes), 0 for anything else (Esc, k, n...). 0 at once while the idle lock
 * closes the screens (nobody is there to answer). */
int ui_confirm(struct ui *ui, const char *question);

/* Screens. */
extern const struct screen_ops screen_unlock_ops;
extern const struct screen_ops screen_home_ops;
void *screen_unlock_new(struct ui *ui);
/* A line for the unlock screen S (e.g. why it is shown again). */
void screen_unlock_say(struct screen *s, const char *msg);
void *screen_home_new(struct ui *ui);
extern const struct screen_ops screen_form_ops;
/* The form screen for FORM_ID (FORM-REPORT) and PERIOD, or NULL (a message
 * is shown) if it cannot be opened. */
void *screen_form_new(struct ui *ui, const char *form_id, const char *period);
/* What a form screen is doing, read back by tests that drive it by keys. */
struct form_cursor {
	char mode;		/* b(rowse) e(dit) c(hoose) r(eview) w (a reason) g(rid) o(ther) */
	size_t item;		/* the line of the list the cursor is on */
	int field, row;		/* the field (and repeat or grid row) worked on; -1: none */
	int on_grid;		/* the line is a task table: Enter opens it */
	int relevant;		/* the field or cell is asked for */
	int gr, gc, ngrows, ngcols;	/* in an open task table */
	size_t nissues;		/* errors and warnings in the review */
	const char *msg;	/* the message shown, or NULL */
	const char *status;	/* of the stored submission: NULL, "draft", "final", ... */
};
void screen_form_cursor(const struct screen *s, struct form_cursor *c);
extern const struct screen_ops screen_history_ops;
/* The revisions of UNIT's submission of FORM_ID (FORM-REPORT) for PERIOD
 * (screen-history.c); VIEW_ONLY: no restore. NULL (a message is shown) if
 * it cannot be opened. */
void *screen_history_new(struct ui *ui, const char *form_id, const char *unit,
    const char *period, int view_only);
extern const struct screen_ops screen_setup_ops;
/* First run: make the database at ui->db_path. */
void *screen_setup_new(struct ui *ui);
extern const struct screen_ops screen_review_ops;
/* The office reviewing UNIT's submission of FORM_ID for PERIOD. */
void *screen_review_new(struct ui *ui, const char *form_id, const char *unit, const char *period);
extern const struct screen_ops screen_inbox_ops;
void *screen_inbox_new(struct ui *ui);
extern const struct screen_ops screen_devices_ops;
void *screen_devices_new(struct ui *ui);
extern const struct screen_ops screen_report_ops;
void *screen_report_new(struct ui *ui);
extern const struct screen_ops screen_status_ops;
void *screen_status_new(struct ui *ui);
extern const struct screen_ops screen_periods_ops;
/* The periods of the report FORM_ID (FORM-REPORT), current first, each with
 * its status, to open one (screen-periods.c); NULL (a message is shown) if
 * the form cannot be read. */
void *screen_periods_new(struct ui *ui, const char *form_id);
extern const struct screen_ops screen_roster_ops;
/* The office's roster: add, rename, take off units; their devices. */
void *screen_roster_new(struct ui *ui);
extern const struct screen_ops screen_exchange_ops;
/* PACK_KEY: the pack screen (office: write one; field: apply one), else the
 * bundle screen (field: export; office: import); 2, the office: write the
 * setup pack a new unit's computer sets up from. */
void *screen_exchange_new(struct ui *ui, int pack_key);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-filepick.c: the file picker's drawing, keys and screen (see
 * widget-filepick.h); the folder side is widget-filepick-dir.c.
 *
 *   keys, writing: the name line has them (typing edits the name, Enter
 *     writes); ↓ or Tab gives them to the list (Enter opens a folder or
 *     writes onto a file — asked first; ← goes up; typing goes back to the
 *     name). Reading: the list has them (Enter, ←, →; a letter jumps), and
 *     "/", "~", Ctrl-U or Ctrl-L open a line to type a path. F2: places.
 */
#include "widget-filepick-int.h"
#include "ui.h"
#include "../core/err.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../storage/store-settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
filepick_grab(struct screen *s)
{
	(void)s;
	return 1;
}

void
filepick_init(struct filepick *fp, struct ui *ui, struct store *st, enum filepick_kind kind,
    const char *ext, const char *stem, int flags)
{
	char *last = NULL, *cause = NULL, *start = NULL;

	memset(fp, 0, sizeof *fp);
	fp->kind = kind;
	fp->ui = ui;
	fp->ext = xstrdup(ext);
	fp->flags = flags;
	fp->stem = xstrdup(stem != NULL && *stem ? stem : "baocao");
	line_init(&fp->name, 255, 0);	/* no Telex: a name keeps its letters */
	line_init(&fp->path, 1024, 0);
	fp->on_list = kind == FILEPICK_OPEN;
	filepick_media(&fp->media, &fp->nmedia);
	if (st != NULL && store_setting_get(st, FILEPICK_SETTING, &last, &cause) != ERR_OK) {
		filepick_say(fp, 1, cause);	/* shown; the picker starts elsewhere */
		cause = NULL;
	}
	if (last != NULL && !filepick_is_dir(last)) {
		free(last);
		last = NULL;
	}
	/* the folder last used if it is on a stick, or if there is none;
	 * else the first stick; else the last folder; else home */
	if (last != NULL && (filepick_medium_of(fp, last) != NULL || fp->nmedia == 0))
		start = xstrdup(last);
	else if (fp->nmedia > 0)
		start = xstrdup(fp->media[0]);
	else
		start = xstrdup(last != NULL ? last : filepick_home());
	fp->dir = xstrdup("/");
	if (!filepick_go(fp, start) && !filepick_go(fp, filepick_home()))
		filepick_load(fp);	/* "/" */
	if (kind == FILEPICK_SAVE)
		filepick_propose(fp);
	free(start);
	free(last);
}

static void
chosen_free(struct filepick *fp)
{
	free(fp->chosen);
	fp->chosen = NULL;
	for (size_t i = 0; i < fp->nfiles; i++)
		free(fp->files[i]);
	free(fp->files);
	fp->files = NULL;
	fp->nfiles = 0;
	fp->force = fp->all = 0;
}

void
filepick_free(struct filepick *fp)
{
	filepick_entries_free(fp);
	chosen_free(fp);
	for (size_t i = 0; i < fp->nmedia; i++)
		free(fp->media[i]);
	free(fp->media);
	line_free(&fp->name);
	line_free(&fp->path);
	free(fp->ext);
	free(fp->stem);
	free(fp->proposed);
	free(fp->dir);
	free(fp->msg);
	memset(fp, 0, sizeof *fp);
}

/* ---- drawing ---- */

#define VALUE_COL 14	/* after "Thư mục:", "File name:", "Đường dẫn:" */

/* TEXT in at most COLS columns: cut at the left ("…" and its end). */
static void
text_tail(int y, int x, int attr, const char *text, int cols)
{
	const char *p = text;

	while (*p && text_width(p) > cols - 1) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
	}
	if (p != text) {
		char *t = xasprintf("…%s", p);
		ui_text(y, x, attr, t);
		free(t);
	} else {
		ui_text(y, x, attr, text);
	}
}

void
filepick_draw(struct filepick *fp, int y0, int y1)
{
	int rows, y = y0, w = COLS - 4, msg_rows = 1;
	char buf[512], size[32], when[32];

	/* a long message wraps above the last row, the list gives way */
	if (fp->msg != NULL)
		msg_rows = ui_text_wrap(y1, 2, 0, fp->msg, 0);
	if (msg_rows > 3)
		msg_rows = 3;
	rows = y1 - y0 - 3 - (msg_rows - 1);

	ui_text(y, 2, A_BOLD, TR("Thư mục:", "Folder:"));
	text_tail(y, VALUE_COL, 0, fp->dir, COLS - VALUE_COL - 2);
	y++;
	if (fp->medium != NULL) {
		const char *b = strrchr(fp->medium, '/');
		snprintf(buf, sizeof buf, TR("Trên USB %s. F2: USB khác, thư mục nhà.",
		    "On the USB stick %s. F2: another stick, home."), b ? b + 1 : fp->medium);
	} else {
		snprintf(buf, sizeof buf, "%s", fp->nmedia ? TR("Không phải USB. F2: chọn USB.",
		    "Not a USB stick. F2: choose a stick.") : TR("Không thấy USB nào đang cắm "
		    "(F2: nơi khác).", "No USB stick is mounted (F2: elsewhere)."));
	}
	ui_text(y++, VALUE_COL, A_DIM, buf);
	if (fp->kind == FILEPICK_SAVE) {
		ui_text(y, 2, A_BOLD, TR("Tên tệp:", "File name:"));
	} else if (fp->typing) {
		ui_text(y, 2, A_BOLD, TR("Đường dẫn:", "Path:"));
	} else {
		snprintf(buf, sizeof buf, TR("Chọn tệp %s: ↑ ↓ rồi Enter; /: gõ đường dẫn.",
		    "Choose a %s file: ↑ ↓ then Enter; /: type a path."), fp->ext);
		ui_text(y, 2, A_DIM, buf);
	}
	y++;
	if (rows < 1)
		rows = 1;
	if (fp->sel < fp->top)
		fp->top = fp->sel;
	if (fp->sel >= fp->top + (size_t)rows)
		fp->top = fp->sel - (size_t)rows + 1;
	for (size_t i = fp->top; i < fp->n && i < fp->top + (size_t)rows; i++) {
		const struct filepick_entry *x = &fp->e[i];
		int attr = i == fp->sel && (fp->on_list || fp->places) && !fp->typing ?
		    A_REVERSE : 0;

		switch (x->kind) {
		case 'u':
			snprintf(buf, sizeof buf, "%s", TR("..  (thư mục trên)", "..  (parent folder)"));
			break;
		case 'd':
			snprintf(buf, sizeof buf, "%s/", x->name);
			break;
		case 'p': {
			char label[128];
			snprintf(buf, sizeof buf, "%s %s", ui_pad(label, sizeof label, x->name, 24),
			    x->path);
			break;
		}
		case 'f': {
			char name[256];
			filepick_human_size(size, sizeof size, x->size);
			strftime(when, sizeof when, "%d/%m/%Y %H:%M", localtime(&x->mtime));
			snprintf(buf, sizeof buf, "%s %8s  %s", ui_pad(name, sizeof name, x->name,
			    w - 30), size, when);
			break;
		}
		default:
			snprintf(buf, sizeof buf, "%s", x->name);
		}
		ui_cut(buf, w - 2);
		if (attr) {
			/* the cursor shows without colour too: "> " */
			attron(A_REVERSE);
			mvhline(y, 2, ' ', w);
			attroff(A_REVERSE);
			ui_text(y, 2, attr, ">");
		}
		ui_text(y++, 4, attr | (x->kind == 'd' || x->kind == 'a' ? A_BOLD : 0), buf);
	}
	if (!fp->places && y < y1) {
		/* say so when the folder holds no file of the kind wanted */
		int files = 0;
		for (size_t i = 0; i < fp->n; i++)
			files |= fp->e[i].kind == 'f';
		if (!files) {
			snprintf(buf, sizeof buf, TR("(không có tệp %s nào ở đây)", "(no %s file "
			    "here)"), fp->ext);
			ui_text(y, 4, A_DIM, buf);
		}
	}
	if (fp->msg != NULL)
		ui_text_wrap(y1 - msg_rows + 1, 2, fp->msg_err ? A_BOLD : 0, fp->msg, msg_rows);
	else if (fp->kind == FILEPICK_SAVE)
		ui_text(y1, 2, A_DIM, TR("Enter: ghi vào thư mục này. ↓: chọn thư mục hoặc tệp "
		    "có sẵn.", "Enter: write into this folder. ↓: choose a folder or an existing "
		    "file."));
	/* the cursor last, in the line that has the keys */
	if (fp->kind == FILEPICK_SAVE) {
		line_draw(&fp->name, y0 + 2, VALUE_COL, COLS - VALUE_COL - 2, !fp->on_list &&
		    !fp->places);
		curs_set(fp->on_list || fp->places ? 0 : 1);
	} else if (fp->typing) {
		line_draw(&fp->path, y0 + 2, VALUE_COL, COLS - VALUE_COL - 2, 1);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

/* ---- keys ---- */

/* PATH as a message names it: from the folder shown when it is inside it
 * (the folder is on the screen), else whole. */
static const char *
shown(const struct filepick *fp, const char *path)
{
	size_t l = strlen(fp->dir);

	if (strncmp(path, fp->dir, l) == 0 && path[l] == '/' && path[l + 1] != '\0')
		return path + l + 1;
	if (strcmp(fp->dir, "/") == 0 && path[0] == '/' && path[1] != '\0')
		return path + 1;
	return path;
}

static int
is_enter(const struct ui_input *in)
{
	return (in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'));
}

static int
is_back(const struct ui_input *in)
{
	return (in->code && (in->key == KEY_LEFT || in->key == KEY_BACKSPACE)) ||
	    (!in->code && (in->ch == 0x7f || in->ch == 0x08));
}

static void
go_up(struct filepick *fp)
{
	char *up = filepick_parent(fp->dir), *was = xstrdup(fp->dir);
	const char *b = strrchr(was, '/');

	if (filepick_go(fp, up)) {
		/* the cursor on the folder just left */
		for (size_t i = 0; b != NULL && i < fp->n; i++)
			if (fp->e[i].kind == 'd' && strcmp(fp->e[i].name, b + 1) == 0)
				fp->sel = i;
	}
	free(up);
	free(was);
}

/* Save: may PATH be written? Asks before replacing a file. */
static enum filepick_result
save_to(struct filepick *fp, char *path)
{
	char *cause = NULL, *up = filepick_parent(path), *q;
	enum err e;
	int yes;

	if (!filepick_is_dir(up)) {
		filepick_say(fp, 1, xasprintf(TR("Không có thư mục %s", "No folder %s"), up));
		free(up);
		free(path);
		return FILEPICK_NONE;
	}
	free(up);
	e = file_out_check(path, 0, &cause);
	if (e == ERR_EXISTS) {
		free(cause);
		q = xasprintf(TR("%s đã có. Ghi đè? (c: có, phím khác: không)",
		    "%s exists. Replace it? (y: yes, any other key: no)"), file_base(path));
		yes = fp->ui != NULL && ui_confirm(fp->ui, q);	/* no terminal: no */
		free(q);
		if (!yes) {
			filepick_say(fp, 1, xasprintf(TR("Không ghi: %s vẫn như cũ.", "Not written: "
			    "%s is as it was."), shown(fp, path)));
			free(path);
			return FILEPICK_NONE;
		}
		chosen_free(fp);
		fp->force = 1;
	} else if (e != ERR_OK) {
		filepick_say(fp, 1, cause);	/* a folder, a FIFO, a device, a link */
		free(path);
		return FILEPICK_NONE;
	} else {
		chosen_free(fp);
	}
	fp->chosen = path;
	filepick_settle(fp, path);
	filepick_say(fp, 0, NULL);
	return FILEPICK_CHOSEN;
}

/* Save: Enter on the name line. */
static enum filepick_result
save_name(struct filepick *fp)
{
	char *text = line_utf8(&fp->name), *t, *path;
	size_t l;

	t = text != NULL ? text_name(text) : NULL;
	free(text);
	if (t == NULL || *t == '\0') {
		free(t);
		filepick_say(fp, 1, xstrdup(TR("Hãy gõ tên tệp.", "Type a file name.")));
		return FILEPICK_NONE;
	}
	path = filepick_resolve(fp, t);
	l = strlen(t);
	if (filepick_is_dir(path) || t[l - 1] == '/') {
		/* a folder: shown, the name proposed kept */
		if (filepick_go(fp, path)) {
			filepick_propose(fp);
			filepick_say(fp, 0, NULL);
		}
		free(path);
		free(t);
		return FILEPICK_NONE;
	}
	free(t);
	if (!filepick_has_ext(file_base(path), fp->ext)) {
		char *p = xasprintf("%s%s", path, fp->ext);
		free(path);
		path = p;
	}
	return save_to(fp, path);
}

/* Open: PATH chosen (typed or from the list). */
static enum filepick_result
open_path(struct filepick *fp, char *path)
{
	struct stat sb;

	if (lstat(path, &sb) != 0) {
		filepick_say(fp, 1, xasprintf(TR("Không có %s", "No such file: %s"), shown(fp, path)));
		free(path);
		return FILEPICK_NONE;
	}
	if (S_ISDIR(sb.st_mode) || (S_ISLNK(sb.st_mode) && filepick_is_dir(path))) {
		fp->typing = 0;
		if (filepick_go(fp, path))
			filepick_say(fp, 0, NULL);
		free(path);
		return FILEPICK_NONE;
	}
	if (!S_ISREG(sb.st_mode)) {
		filepick_say(fp, 1, S_ISLNK(sb.st_mode) ? xasprintf(TR("%s là một liên kết tượng "
		    "trưng; không đọc qua đó — hãy chọn chính tệp", "%s is a symbolic link; not "
		    "read through — choose the file itself"), shown(fp, path)) : xasprintf(TR("%s "
		    "không phải là tệp thường; không đọc", "%s is not a regular file; not read"),
		    shown(fp, path)));
		free(path);
		return FILEPICK_NONE;
	}
	chosen_free(fp);
	fp->chosen = path;
	fp->typing = 0;
	filepick_settle(fp, path);
	filepick_say(fp, 0, NULL);
	return FILEPICK_CHOSEN;
}

static enum filepick_result
enter_entry(struct filepick *fp)
{
	struct filepick_entry *x;

	if (fp->n == 0)
		return FILEPICK_NONE;
	x = &fp->e[fp->sel];
	switch (x->kind) {
	case 'u':
		go_up(fp);
		return FILEPICK_NONE;
	case 'p': {
		char *p = xstrdup(x->path);
		if (!filepick_go(fp, p))
			filepick_places(fp);
		free(p);
		return FILEPICK_NONE;
	}
	case 'd': {
		char *p = filepick_join(fp->dir, x->name);
		if (filepick_go(fp, p))
			filepick_say(fp, 0, NULL);
		free(p);
		return FILEPICK_NONE;
	}
	case 'a':
		chosen_free(fp);
		for (size_t i = 0; i < fp->n; i++)
			if (fp->e[i].kind == 'f') {
				fp->files = xreallocarray(fp->files, fp->nfiles + 1, sizeof *fp->files);
				fp->files[fp->nfiles++] = filepick_join(fp->dir, fp->e[i].name);
			}
		fp->chosen = xstrdup(fp->dir);
		fp->all = 1;
		filepick_say(fp, 0, NULL);
		return FILEPICK_CHOSEN;
	default:
		return fp->kind == FILEPICK_SAVE ? save_to(fp, filepick_join(fp->dir, x->name)) :
		    open_path(fp, filepick_join(fp->dir, x->name));
	}
}

/* Move the cursor in the list; 1 if the key was a move. */
static int
list_move(struct filepick *fp, const struct ui_input *in)
{
	if (!in->code)
		return 0;
	switch (in->key) {
	case KEY_UP:
		if (fp->sel > 0)
			fp->sel--;
		else if (fp->kind == FILEPICK_SAVE && !fp->places)
			fp->on_list = 0;
		return 1;
	case KEY_DOWN:
		if (fp->sel + 1 < fp->n)
			fp->sel++;
		return 1;
	case KEY_PPAGE:
		fp->sel = fp->sel > 10 ? fp->sel - 10 : 0;
		return 1;
	case KEY_NPAGE:
		if (fp->n)
			fp->sel = fp->sel + 10 < fp->n ? fp->sel + 10 : fp->n - 1;
		return 1;
	case KEY_HOME:
		fp->sel = 0;
		return 1;
	case KEY_END:
		if (fp->n)
			fp->sel = fp->n - 1;
		return 1;
	}
	return 0;
}

/* Open: a letter moves to the next entry whose name starts with it
 * (accents ignored). */
static void
jump(struct filepick *fp, wint_t ch)
{
	char key[8], *fk;
	mbstate_t ms;
	size_t k;

	memset(&ms, 0, sizeof ms);
	k = wcrtomb(key, (wchar_t)ch, &ms);
	if (k == (size_t)-1 || fp->n == 0)
		return;
	key[k] = '\0';
	if ((fk = text_fold(key)) == NULL)
		return;
	for (size_t step = 1; step <= fp->n; step++) {
		size_t i = (fp->sel + step) % fp->n;
		char *fn = text_fold(fp->e[i].name);
		int hit = fn != NULL && (fp->e[i].kind == 'd' || fp->e[i].kind == 'f') &&
		    strncmp(fn, fk, strlen(fk)) == 0;
		free(fn);
		if (hit) {
			fp->sel = i;
			break;
		}
	}
	free(fk);
}

/* Writing: "/" or "~" typed over the name still as proposed begins a path
 * (as README and the help say), instead of being added to the name:
 * "thon-dong-tam-2026-12.bcb/" named no folder. Typed after an edited name,
 * it is part of that name's path ("so-lieu/"). */
static void
path_begins(struct filepick *fp, const struct ui_input *in)
{
	char *t;

	if (in->code || (in->ch != '/' && in->ch != '~') || fp->proposed == NULL)
		return;
	t = line_utf8(&fp->name);
	if (t != NULL && strcmp(t, fp->proposed) == 0)
		line_clear(&fp->name);
	free(t);
}

enum filepick_result
filepick_key(struct filepick *fp, const struct ui_input *in)
{
	int esc = !in->code && in->ch == 27;

	if (fp->places) {
		if (esc) {
			filepick_reload(fp);	/* back to the folder */
		} else if (is_enter(in)) {
			return enter_entry(fp);
		} else if (!list_move(fp, in) && in->code && in->key == KEY_F(2)) {
			filepick_reload(fp);
		}
		return FILEPICK_NONE;
	}
	if (in->code && in->key == KEY_F(2)) {
		fp->typing = 0;
		filepick_places(fp);
		return FILEPICK_NONE;
	}
	if (fp->kind == FILEPICK_SAVE) {
		if (esc)
			return FILEPICK_CANCEL;
		if (!in->code && in->ch == '\t') {
			fp->on_list = !fp->on_list;
			return FILEPICK_NONE;
		}
		if (!fp->on_list) {
			if (is_enter(in))
				return save_name(fp);
			if (in->code && in->key == KEY_DOWN && fp->n > 0) {
				fp->on_list = 1;
				fp->sel = 0;
				return FILEPICK_NONE;
			}
			path_begins(fp, in);
			line_key(&fp->name, in);
			return FILEPICK_NONE;
		}
		if (is_enter(in))
			return enter_entry(fp);
		if (list_move(fp, in))
			return FILEPICK_NONE;
		if (in->code && in->key == KEY_LEFT) {
			go_up(fp);
		} else if (in->code && in->key == KEY_RIGHT) {
			if (fp->n && fp->e[fp->sel].kind == 'd')
				enter_entry(fp);
		} else if (is_back(in) || (!in->code && (in->ch >= 0x20 || in->ch == 0x15))) {
			fp->on_list = 0;	/* typing (Backspace too) goes to the name */
			path_begins(fp, in);
			line_key(&fp->name, in);
		}
		return FILEPICK_NONE;
	}
	/* open */
	if (fp->typing) {
		if (esc) {
			fp->typing = 0;
		} else if (is_enter(in)) {
			char *t = line_utf8(&fp->path);
			if (t == NULL || *t == '\0') {
				free(t);
				fp->typing = 0;
				return FILEPICK_NONE;
			}
			enum filepick_result r = open_path(fp, filepick_resolve(fp, t));
			free(t);
			return r;
		} else {
			line_key(&fp->path, in);
		}
		return FILEPICK_NONE;
	}
	if (esc)
		return FILEPICK_CANCEL;
	if (is_enter(in))
		return enter_entry(fp);
	if (list_move(fp, in))
		return FILEPICK_NONE;
	if (is_back(in)) {
		go_up(fp);
	} else if (in->code && in->key == KEY_RIGHT) {
		if (fp->n && fp->e[fp->sel].kind == 'd')
			enter_entry(fp);
	} else if (!in->code && (in->ch == '/' || in->ch == '~' || in->ch == 0x15 ||
	    in->ch == 0x0c)) {
		/* type a path: "/" or "~" begins one, Ctrl-U an empty line,
		 * Ctrl-L the folder shown */
		fp->typing = 1;
		line_clear(&fp->path);
		if (in->ch == 0x0c) {
			char *d = filepick_join(fp->dir, "");
			line_set(&fp->path, d);
			free(d);
		} else if (in->ch != 0x15) {
			line_key(&fp->path, in);
		}
	} else if (!in->code && in->ch > 0x20) {
		jump(fp, in->ch);
	}
	return FILEPICK_NONE;
}

/* ---- as a screen of its own ---- */

struct pickscreen {
	struct filepick *fp;
	char *title;
	void (*done)(struct ui *ui, void *ctx, struct filepick *fp);
	void *ctx;
};

static void
pick_draw(struct screen *s)
{
	struct pickscreen *p = s->data;

	ui_title("baocao", p->title);
	s->keys = filepick_table(p->fp);
	filepick_draw(p->fp, 2, LINES - 3);
}

static void
pick_key(struct screen *s, const struct ui_input *in)
{
	struct pickscreen *p = s->data;
	struct ui *ui = s->ui;
	enum filepick_result r;

	r = filepick_key(p->fp, in);
	if (r == FILEPICK_CHOSEN)
		p->done(ui, p->ctx, p->fp);
	if (r != FILEPICK_NONE) {
		curs_set(0);
		ui_pop(ui);	/* frees p */
	}
}

static void
pick_free(struct screen *s)
{
	struct pickscreen *p = s->data;

	filepick_free(p->fp);
	free(p->fp);
	free(p->title);
	free(p);
}

const struct screen_ops screen_filepick_ops = {
	.name = "filepick",
	.keys = filepick_save_keys,	/* the report's files: written */
	.maps = filepick_maps,
	.draw = pick_draw,
	.key = pick_key,
	.free = pick_free,
	.grab = filepick_grab,
	.where = "file picker",
};

void
filepick_push(struct ui *ui, struct filepick *fp, const char *title,
    void (*done)(struct ui *ui, void *ctx, struct filepick *fp), void *ctx)
{
	struct pickscreen *p = xcalloc(1, sizeof *p);

	p->fp = fp;
	p->title = xstrdup(title);
	p->done = done;
	p->ctx = ctx;
	(void)ui_push(ui, &screen_filepick_ops, p);	/* not pushed: p and fp freed */
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-filepick.h: choose a file to write or to read without typing its
 * path.
 *
 * The picker lists one folder: its sub-folders, then its files with the
 * extension asked for (".bcb", ".xlsx"...). It starts on the USB stick:
 * the folder last used (the store's setting FILEPICK_SETTING) when it is
 * still there and on a mounted stick, else the first stick mounted under
 * /media/USER/, /run/media/USER/ or /mnt/ (BAOCAO_MEDIA replaces these:
 * a ':'-separated list of glob patterns, each naming the sticks' folders
 * as "/media/USER/" followed by a star does; empty: no stick), else the
 * folder last used, else the home folder. F2 lists the sticks, the home
 * folder and the folder shown. Messages wrap, naming a file from the folder
 * shown when it is in it.
 *
 *   save (FILEPICK_SAVE): a file name is proposed and can be edited (or a
 *     path typed there); Enter writes into the folder shown, or onto the
 *     highlighted file. A file that exists is replaced only if the user says
 *     so when asked (the question names it); a folder typed is opened; a
 *     FIFO, a device or a symbolic link is refused.
 *   open (FILEPICK_OPEN): Enter opens a folder or chooses a file (the
 *     cursor starts on the newest one). Only
 *     regular files are offered: a FIFO, a device or a symbolic link is not
 *     listed, and if typed it is refused. With FILEPICK_FOLDER the first
 *     line offers every file of the folder at once. "/", "~" or Ctrl-U type
 *     a path instead.
 *
 * A screen either embeds the picker (filepick_draw / filepick_key) or
 * pushes it as a screen of its own (filepick_push), which calls back when
 * a file is chosen and pops itself.
 */
#ifndef BAOCAO_WIDGET_FILEPICK_H
#define BAOCAO_WIDGET_FILEPICK_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "ui.h"
#include "widget-line.h"
#include "../core/err.h"

struct store;

/* The store setting that keeps the folder last used. */
#define FILEPICK_SETTING "filepick_dir"

enum filepick_kind { FILEPICK_SAVE, FILEPICK_OPEN };

/* filepick_init FLAGS */
#define FILEPICK_FOLDER 1	/* open: offer "every file of this folder" */

enum filepick_result {
	FILEPICK_NONE,		/* the key was handled (or ignored): go on */
	FILEPICK_CHOSEN,	/* fp->chosen is set */
	FILEPICK_CANCEL,	/* Esc: nothing chosen */
};

struct filepick_entry {
	char *name;		/* as in the folder; a place: its label */
	char *path;		/* places only: where it leads */
	int kind;		/* 'u' up, 'a' all files, 'd' folder, 'f' file, 'p' place */
	off_t size;
	time_t mtime;
};

struct filepick {
	enum filepick_kind kind;
	struct ui *ui;
	char *ext;		/* ".bcb": listed files end so (any case) */
	int flags;
	char *stem;		/* the name proposed, without the extension */
	char *proposed;		/* the name last proposed (stem[-N].ext) */
	char *dir;		/* the folder shown (absolute) */
	const char *medium;	/* the stick DIR is on (in media), or NULL */
	char **media;		/* sticks mounted */
	size_t nmedia;
	struct filepick_entry *e;
	size_t n, sel, top;
	int places;		/* F2: the list shows places, not DIR */
	int on_list;		/* save: the list has the keys, not the name */
	int typing;		/* open: a path is being typed */
	struct line name;	/* save: the file name, or a path */
	struct line path;	/* open: a path typed */
	char *msg;
	int msg_err;
	/* what was chosen (FILEPICK_CHOSEN) */
	char *chosen;		/* a file; or, all != 0, a folder */
	int force;		/* save: the user agreed to replace it */
	int all;		/* open: every file of the folder chosen */
	char **files;		/* all: the files of the folder, in order */
	size_t nfiles;
	/* open: the cursor goes to the newest file PREFER says yes to (a
	 * setup pack), else to the newest file; NULL: the newest file. Set
	 * with filepick_prefer. */
	int (*prefer)(const char *path);
};

/* Start a picker: KIND, files ending in EXT (".bcb"), FLAGS (FILEPICK_*),
 * and for FILEPICK_SAVE the name proposed: STEM + EXT, or STEM-2 + EXT...
 * where STEM + EXT is taken. ST (may be NULL) gives the folder last used.
 * Free with filepick_free. */
void filepick_init(struct filepick *fp, struct ui *ui, struct store *st,
    enum filepick_kind kind, const char *ext, const char *stem, int flags);
void filepick_free(struct filepick *fp);

/* Draw the picker on rows Y0..Y1 (inclusive) of the screen. */
void filepick_draw(struct filepick *fp, int y0, int y1);
/* One key. FILEPICK_CHOSEN: fp->chosen (and force, all, files) says what;
 * the picker can be used again after it (the next choice replaces it). */
enum filepick_result filepick_key(struct filepick *fp, const struct ui_input *in);

/* Open: put the cursor on the newest file PREFER (called with its path)
 * says yes to, in this folder (read again) and every folder shown next. */
void filepick_prefer(struct filepick *fp, int (*prefer)(const char *path));
/* Read the folder shown again (after writing into it). */
void filepick_reload(struct filepick *fp);

/* Keep the folder of what was chosen as the one to start from next time
 * (call it once the file was written or read). */
enum err filepick_remember(struct filepick *fp, struct store *st, char **cause);

/* The keys, for a key bar and help: a picker writing, one reading (what
 * Enter does differs), both for README's table; the table of FP. */
extern const struct ui_key filepick_save_keys[], filepick_open_keys[];
extern const struct ui_keymap filepick_maps[];
const struct ui_key *filepick_table(const struct filepick *fp);
/* The picker as a mode of its own (filepick_push). */
extern const struct screen_ops screen_filepick_ops;
/* A mode showing a picker takes every key while it does (a screen_ops
 * grab): the picker types and moves in its own list. */
int filepick_grab(struct screen *s);

/* Push the picker FP (taken over: freed when it pops) as a screen titled
 * TITLE. When a file is chosen DONE(ui, CTX, fp) is called, then the picker
 * pops; Esc pops it and nothing is called. */
void filepick_push(struct ui *ui, struct filepick *fp, const char *title,
    void (*done)(struct ui *ui, void *ctx, struct filepick *fp), void *ctx);

/* The sticks mounted now (see above; caller frees each and the array). */
void filepick_media(char ***roots, size_t *n);

/* A file name stem from NAME and TAIL: "Thôn Đồng Tâm", "2026-10" ->
 * "thon-dong-tam-2026-10" (no accents; caller frees). NAME NULL or without
 * letters: TAIL alone. */
char *filepick_stem(const char *name, const char *tail);

#endif

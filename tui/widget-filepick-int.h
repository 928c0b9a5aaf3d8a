/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-filepick-int.h: what the picker's two halves share —
 * widget-filepick-dir.c (paths, the sticks, the folder's listing, the name
 * proposed) and widget-filepick.c (drawing, keys, the screen). Not for
 * other files: they use widget-filepick.h.
 */
#ifndef BAOCAO_WIDGET_FILEPICK_INT_H
#define BAOCAO_WIDGET_FILEPICK_INT_H

#include "widget-filepick.h"

/* DIR/NAME (caller frees). */
char *filepick_join(const char *dir, const char *name);
/* The folder above DIR ("/" stays "/"; caller frees). */
char *filepick_parent(const char *dir);
/* $HOME if it is an absolute path, else "/". */
const char *filepick_home(void);
/* TEXT typed as a path: "~" is the home folder, a relative path is taken
 * from the folder shown (caller frees). */
char *filepick_resolve(const struct filepick *fp, const char *text);
/* A folder, or a link to one. */
int filepick_is_dir(const char *path);
/* Does NAME end in EXT (any case), with something before it? */
int filepick_has_ext(const char *name, const char *ext);
/* The stick DIR is on (one of fp->media), or NULL. */
const char *filepick_medium_of(const struct filepick *fp, const char *dir);

/* Drop the list's entries. */
void filepick_entries_free(struct filepick *fp);
/* The message under the list (MSG taken over; NULL: none). */
void filepick_say(struct filepick *fp, int err, char *msg);
/* Read fp->dir into the list (see widget-filepick-dir.c). */
void filepick_load(struct filepick *fp);
/* Put the name proposed for fp->dir in the name line. */
void filepick_propose(struct filepick *fp);
/* Show folder DIR (made canonical); 0, with a message, if it cannot be. */
int filepick_go(struct filepick *fp, const char *dir);
/* F2: list the sticks, the home folder and the folder shown. */
void filepick_places(struct filepick *fp);
/* What was chosen (PATH) in view: its folder shown, the cursor on it. */
void filepick_settle(struct filepick *fp, const char *path);
/* N bytes as people read them: "512 B", "12 KB", "3.4 MB". */
void filepick_human_size(char *buf, size_t size, off_t n);

#endif

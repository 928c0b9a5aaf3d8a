/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-filepick-dir.c: the picker's folder side (see widget-filepick.h):
 * paths typed, the USB sticks mounted, the folder's listing, the name
 * proposed. No drawing and no keys here (widget-filepick.c).
 *
 * The folder is read once when it is entered (and again on filepick_reload):
 * lstat() on each name decides what is listed, so a FIFO, a device, a
 * socket or a symbolic link to a file is never offered (a link to a folder
 * is, as a folder: entering it is harmless). What is chosen is checked again
 * when chosen (lstat for reading, file_out_check for writing), since the
 * folder may have changed meanwhile.
 */
#include "widget-filepick-int.h"
#include "ui.h"
#include "../core/err.h"
#include "../core/file.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../storage/store-settings.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- paths ---- */

char *
filepick_join(const char *dir, const char *name)
{
	size_t l = strlen(dir);
	return l && dir[l - 1] == '/' ? xasprintf("%s%s", dir, name) : xasprintf("%s/%s", dir, name);
}

/* The folder above DIR ("/" stays "/"). */
char *
filepick_parent(const char *dir)
{
	const char *s = strrchr(dir, '/');

	if (s == NULL || s == dir)
		return xstrdup("/");
	return xstrndup(dir, (size_t)(s - dir));
}

const char *
filepick_home(void)
{
	const char *h = getenv("HOME");
	return h != NULL && *h == '/' ? h : "/";
}

/* TEXT typed as a path: "~" is the home folder, a relative path is taken
 * from the folder shown. */
char *
filepick_resolve(const struct filepick *fp, const char *text)
{
	if (strcmp(text, "~") == 0)
		return xstrdup(filepick_home());
	if (strncmp(text, "~/", 2) == 0)
		return filepick_join(filepick_home(), text + 2);
	if (text[0] == '/')
		return xstrdup(text);
	return filepick_join(fp->dir, text);
}

int
filepick_is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
filepick_has_ext(const char *name, const char *ext)
{
	size_t l = strlen(name), k = strlen(ext);
	return l > k && strcasecmp(name + l - k, ext) == 0;
}

/* Is DIR inside ROOT (or ROOT itself)? */
static int
under(const char *dir, const char *root)
{
	size_t l = strlen(root);
	return strncmp(dir, root, l) == 0 && (dir[l] == '\0' || dir[l] == '/' ||
	    (l > 0 && root[l - 1] == '/'));
}

/* ---- sticks ---- */

/* A mount point: on another device than its parent. */
static int
mounted(const char *path)
{
	struct stat a, b;
	char *up = filepick_parent(path);
	int r = stat(path, &a) == 0 && stat(up, &b) == 0 && a.st_dev != b.st_dev;

	free(up);
	return r;
}

void
filepick_media(char ***roots, size_t *n)
{
	static const char *const dflt[] = { "/media/*/*", "/run/media/*/*", "/mnt/*" };
	const char *env = getenv("BAOCAO_MEDIA");
	char *list = env != NULL ? xstrdup(env) : NULL, *save = NULL;
	size_t np = 0;
	char **pats = NULL;

	*roots = NULL;
	*n = 0;
	if (list != NULL) {
		/* BAOCAO_MEDIA: the patterns, ':'-separated; taken as they are
		 * (a test's folder is no mount point) */
		for (char *p = list; p != NULL; p = save) {
			if ((save = strchr(p, ':')) != NULL)
				*save++ = '\0';
			if (*p == '\0')
				continue;
			pats = xreallocarray(pats, np + 1, sizeof *pats);
			pats[np++] = p;
		}
	}
	for (size_t i = 0; i < (list != NULL ? np : 3); i++) {
		glob_t g;
		const char *pat = list != NULL ? pats[i] : dflt[i];

		if (glob(pat, 0, NULL, &g) != 0)
			continue;
		for (size_t k = 0; k < g.gl_pathc; k++) {
			const char *p = g.gl_pathv[k];
			const char *b = strrchr(p, '/');
			int dup = 0;

			if (b != NULL && b[1] == '.')
				continue;
			if (!filepick_is_dir(p) || (list == NULL && !mounted(p)))
				continue;
			for (size_t j = 0; j < *n; j++)
				dup |= strcmp((*roots)[j], p) == 0 || under(p, (*roots)[j]);
			if (dup)
				continue;
			*roots = xreallocarray(*roots, *n + 1, sizeof **roots);
			/* as the folders shown are (realpath), so that "is this
			 * folder on a stick" compares like with like */
			{
				char *real = realpath(p, NULL);
				(*roots)[(*n)++] = real != NULL ? xstrdup(real) : xstrdup(p);
				free(real);
			}
		}
		globfree(&g);
	}
	free(pats);
	free(list);
}

const char *
filepick_medium_of(const struct filepick *fp, const char *dir)
{
	for (size_t i = 0; i < fp->nmedia; i++)
		if (under(dir, fp->media[i]))
			return fp->media[i];
	return NULL;
}

/* ---- the listing ---- */

void
filepick_entries_free(struct filepick *fp)
{
	for (size_t i = 0; i < fp->n; i++) {
		free(fp->e[i].name);
		free(fp->e[i].path);
	}
	free(fp->e);
	fp->e = NULL;
	fp->n = fp->sel = fp->top = 0;
}

static void
add(struct filepick *fp, int kind, char *name, char *path, const struct stat *sb)
{
	struct filepick_entry *x;

	fp->e = xreallocarray(fp->e, fp->n + 1, sizeof *fp->e);
	x = &fp->e[fp->n++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->name = name;
	x->path = path;
	if (sb != NULL) {
		x->size = sb->st_size;
		x->mtime = sb->st_mtime;
	}
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct filepick_entry *x = a, *y = b;
	int r;

	if (x->kind != y->kind)
		return x->kind == 'd' ? -1 : 1;	/* folders first */
	r = text_collate(x->name, y->name);
	return r ? r : strcmp(x->name, y->name);
}

void
filepick_say(struct filepick *fp, int err, char *msg)
{
	free(fp->msg);
	fp->msg = msg;
	fp->msg_err = err;
}

/* Read the folder shown into the list: "..", then (open, FILEPICK_FOLDER,
 * files here) every file at once, then the folders, then the files. */
void
filepick_load(struct filepick *fp)
{
	struct filepick_entry *found = NULL;
	size_t nfound = 0, nfiles = 0;
	DIR *d;
	struct dirent *de;

	filepick_entries_free(fp);
	fp->places = 0;
	if ((d = opendir(fp->dir)) == NULL)
		filepick_say(fp, 1, xasprintf(TR("Không mở được thư mục %s: %s", "Cannot open the folder "
		    "%s: %s"), fp->dir, err_os(errno)));
	while (d != NULL && (de = readdir(d)) != NULL) {
		struct stat sb, tb;
		char *p;

		if (de->d_name[0] == '.' || !text_valid(de->d_name))
			continue;	/* hidden; a name that is not UTF-8 */
		p = filepick_join(fp->dir, de->d_name);
		if (lstat(p, &sb) == 0) {
			int kind = 0;
			if (S_ISDIR(sb.st_mode) || (S_ISLNK(sb.st_mode) && stat(p, &tb) == 0 &&
			    S_ISDIR(tb.st_mode)))
				kind = 'd';
			else if (S_ISREG(sb.st_mode) && filepick_has_ext(de->d_name, fp->ext))
				kind = 'f';
			/* anything else (a FIFO, a device, a socket, a link
			 * to a file) is not offered */
			if (kind) {
				found = xreallocarray(found, nfound + 1, sizeof *found);
				memset(&found[nfound], 0, sizeof *found);
				found[nfound].kind = kind;
				found[nfound].name = xstrdup(de->d_name);
				if (kind == 'f') {
					found[nfound].size = sb.st_size;
					found[nfound].mtime = sb.st_mtime;
					nfiles++;
				}
				nfound++;
			}
		}
		free(p);
	}
	if (d != NULL)
		closedir(d);
	if (nfound > 1)
		qsort(found, nfound, sizeof *found, entry_cmp);
	if (strcmp(fp->dir, "/") != 0)
		add(fp, 'u', xstrdup(".."), NULL, NULL);
	if (fp->kind == FILEPICK_OPEN && (fp->flags & FILEPICK_FOLDER) && nfiles > 0) {
		fp->sel = fp->n;	/* the cursor on it */
		add(fp, 'a', xasprintf(TR("[ Tất cả %zu tệp %s trong thư mục này ]", "[ All %zu "
		    "%s files of this folder ]"), nfiles, fp->ext), NULL, NULL);
	} else {
		/* the cursor on the newest file to open (the last pack the
		 * office wrote) that the picker prefers (a setup pack), else
		 * the newest file, else the first folder */
		time_t newest = 0;
		int any = 0;
		fp->sel = fp->n < 1 || nfound == 0 ? 0 : fp->n;
		for (size_t i = 0; fp->kind == FILEPICK_OPEN && i < nfound; i++) {
			int liked;
			char *path;
			if (found[i].kind != 'f')
				continue;
			path = xasprintf("%s/%s", strcmp(fp->dir, "/") == 0 ? "" : fp->dir,
			    found[i].name);
			liked = fp->prefer != NULL && fp->prefer(path) ? 2 : 1;
			free(path);
			if (liked > any || (liked == any && found[i].mtime > newest)) {
				fp->sel = fp->n + i;
				newest = found[i].mtime;
				any = liked;
			}
		}
	}
	fp->e = xreallocarray(fp->e, fp->n + nfound + 1, sizeof *fp->e);
	if (nfound)
		memcpy(fp->e + fp->n, found, nfound * sizeof *found);
	fp->n += nfound;
	free(found);
}

/* The name proposed in the folder shown: STEM + EXT, else STEM-2 + EXT... */
static char *
proposal(const struct filepick *fp)
{
	for (int i = 1; i < 100; i++) {
		char *name = i == 1 ? xasprintf("%s%s", fp->stem, fp->ext) :
		    xasprintf("%s-%d%s", fp->stem, i, fp->ext);
		char *p = filepick_join(fp->dir, name);
		struct stat sb;
		int taken = lstat(p, &sb) == 0;

		free(p);
		if (!taken)
			return name;
		free(name);
	}
	return xasprintf("%s%s", fp->stem, fp->ext);
}

/* Put the name proposed in the name line. */
void
filepick_propose(struct filepick *fp)
{
	free(fp->proposed);
	fp->proposed = proposal(fp);
	line_set(&fp->name, fp->proposed);
}

static int
name_is(const struct line *l, const char *s)
{
	char *t = line_utf8(l);
	int r = t != NULL && strcmp(t, s) == 0;

	free(t);
	return r;
}

/* Show folder DIR (absolute; made canonical). 0 if it cannot be. */
int
filepick_go(struct filepick *fp, const char *dir)
{
	char *real = realpath(dir, NULL), *old;
	DIR *d;

	if (real == NULL || (d = opendir(real)) == NULL) {
		filepick_say(fp, 1, xasprintf(TR("Không mở được thư mục %s: %s", "Cannot open the folder "
		    "%s: %s"), dir, err_os(errno)));
		free(real);
		return 0;
	}
	closedir(d);
	if (fp->kind == FILEPICK_SAVE) {
		/* a name still as proposed follows the folder */
		int keep = fp->proposed == NULL || !name_is(&fp->name, fp->proposed);
		old = fp->dir;
		fp->dir = real;
		free(old);
		if (!keep)
			filepick_propose(fp);
	} else {
		free(fp->dir);
		fp->dir = real;
	}
	fp->medium = filepick_medium_of(fp, fp->dir);
	filepick_load(fp);
	return 1;
}

/* F2: the sticks, the home folder, the folder last used. */
void
filepick_places(struct filepick *fp)
{
	char **roots;
	size_t nr;

	for (size_t i = 0; i < fp->nmedia; i++)
		free(fp->media[i]);
	free(fp->media);
	filepick_media(&roots, &nr);
	fp->media = roots;
	fp->nmedia = nr;
	fp->medium = filepick_medium_of(fp, fp->dir);
	filepick_entries_free(fp);
	fp->places = 1;
	for (size_t i = 0; i < nr; i++) {
		const char *b = strrchr(roots[i], '/');
		add(fp, 'p', xasprintf("USB %s", b ? b + 1 : roots[i]), xstrdup(roots[i]), NULL);
	}
	add(fp, 'p', xstrdup(TR("Thư mục nhà", "Home folder")), xstrdup(filepick_home()), NULL);
	add(fp, 'p', xstrdup(TR("Thư mục đang xem", "The folder shown")), xstrdup(fp->dir), NULL);
	filepick_say(fp, 0, nr ? NULL : xstrdup(TR("Không thấy USB nào đang cắm.", "No USB stick is "
	    "mounted.")));
}

/* The cursor on the entry named NAME, if there is one. */
static void
select_name(struct filepick *fp, const char *name)
{
	for (size_t i = 0; name != NULL && i < fp->n; i++)
		if ((fp->e[i].kind == 'f' || fp->e[i].kind == 'd') &&
		    strcmp(fp->e[i].name, name) == 0)
			fp->sel = i;
}

void
filepick_reload(struct filepick *fp)
{
	char *dir = xstrdup(fp->dir), *was = NULL;

	if (fp->n > 0 && !fp->places)
		was = xstrdup(fp->e[fp->sel].name);
	if (!filepick_go(fp, dir))
		filepick_load(fp);
	select_name(fp, was);
	free(was);
	free(dir);
}

void
filepick_prefer(struct filepick *fp, int (*prefer)(const char *path))
{
	fp->prefer = prefer;
	if (!fp->places)
		filepick_load(fp);	/* the cursor chosen again, not kept */
}

/* What was chosen is in view: its folder shown, the cursor on it. */
void
filepick_settle(struct filepick *fp, const char *path)
{
	char *dir = filepick_parent(path);

	if (strcmp(dir, fp->dir) == 0 || filepick_go(fp, dir))
		select_name(fp, file_base(path));
	free(dir);
}

enum err
filepick_remember(struct filepick *fp, struct store *st, char **cause)
{
	char *dir;
	enum err e;

	if (st == NULL || fp->chosen == NULL)
		return ERR_OK;
	dir = fp->all ? xstrdup(fp->chosen) : filepick_parent(fp->chosen);
	e = store_setting_set(st, FILEPICK_SETTING, dir, NULL, cause);
	free(dir);
	return e;
}

char *
filepick_stem(const char *name, const char *tail)
{
	char *slug = name != NULL ? text_slug(name) : NULL, *r;

	r = slug != NULL ? xasprintf("%s-%s", slug, tail) : xstrdup(tail);
	free(slug);
	return r;
}

/* The picker's keys, for its key bar and help: a picker that writes and
 * one that reads say what Enter does in each (a picker opening a file
 * never says "write"). The picker types and moves in its own list: its
 * key() takes every key (filepick_grab) and the rows only say what they
 * do. */
const struct ui_key filepick_save_keys[] = {
	{ '\r', 0, NULL, "Ghi vào tệp này (thư mục: mở)", "Write this file (a folder: open it)", 1,
	    NULL },
	{ KEY_LEFT, 0, NULL, "Thư mục trên", "Parent folder", 1, NULL },
	{ KEY_F(2), 0, NULL, "USB, nơi khác", "USB, elsewhere", 1, NULL },
	{ 27, 0, NULL, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn thư mục hoặc tệp", "Choose a folder or a file", 0, "↑ ↓" },
	{ '/', 'U', NULL, "Gõ đường dẫn vào ô tên tệp", "Type a path in the file name", 0, NULL },
	{ '\t', 0, NULL, "Giữa ô tên tệp và danh sách", "Between the name and the list", 0, NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

const struct ui_key filepick_open_keys[] = {
	{ '\r', 0, NULL, "Đọc tệp này (thư mục: mở)", "Read this file (a folder: open it)", 1,
	    NULL },
	{ KEY_LEFT, 0, NULL, "Thư mục trên", "Parent folder", 1, NULL },
	{ KEY_F(2), 0, NULL, "USB, nơi khác", "USB, elsewhere", 1, NULL },
	{ 27, 0, NULL, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn thư mục hoặc tệp", "Choose a folder or a file", 0, "↑ ↓" },
	{ '/', 'U', NULL, "Gõ đường dẫn", "Type a path", 0, NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

const struct ui_keymap filepick_maps[] = {
	{ "file picker: writing", filepick_save_keys },
	{ "file picker: reading", filepick_open_keys },
	{ NULL, NULL },
};

const struct ui_key *
filepick_table(const struct filepick *fp)
{
	return fp->kind == FILEPICK_SAVE ? filepick_save_keys : filepick_open_keys;
}

void
filepick_human_size(char *buf, size_t size, off_t n)
{
	if (n < 1024)
		snprintf(buf, size, "%lld B", (long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, size, "%lld KB", (long long)((n + 1023) / 1024));
	else
		snprintf(buf, size, "%.1f MB", (double)n / (1024.0 * 1024.0));
}

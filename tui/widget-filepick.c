/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * widget-filepick.c: the file picker (see widget-filepick.h).
 *
 * The folder is read once when it is entered (and again on filepick_reload):
 * lstat() on each name decides what is listed, so a FIFO, a device, a
 * socket or a symbolic link to a file is never offered (a link to a folder
 * is, as a folder: entering it is harmless). What is chosen is checked again
 * when chosen (lstat for reading, file_out_check for writing), since the
 * folder may have changed meanwhile.
 */
#include "widget-filepick.h"
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
#include <unistd.h>

const struct ui_key filepick_keys[] = {
	{ "Enter", "Chọn (ghi, mở thư mục)", "Choose (write, open folder)", 1 },
	{ "←", "Thư mục trên", "Parent folder", 1 },
	{ "F2", "USB, nơi khác", "USB, elsewhere", 1 },
	{ "Esc", "Quay lại", "Back", 1 },
	{ "F1", "Trợ giúp", "Help", 1 },
	{ "↑ ↓", "Chọn thư mục hoặc tệp", "Choose a folder or a file", 0 },
	{ "/ Ctrl-U", "Gõ đường dẫn (khi ghi: gõ vào ô tên tệp)", "Type a path (writing: in "
	    "the file name)", 0 },
	{ "Tab", "Khi ghi: giữa ô tên tệp và danh sách", "Writing: between the name and the "
	    "list", 0 },
	{ "F10", "Thoát", "Quit", 0 },
	{ NULL, NULL, NULL, 0 },
};

/* ---- paths ---- */

static char *
join(const char *dir, const char *name)
{
	size_t l = strlen(dir);
	return l && dir[l - 1] == '/' ? xasprintf("%s%s", dir, name) : xasprintf("%s/%s", dir, name);
}

/* The folder above DIR ("/" stays "/"). */
static char *
parent_of(const char *dir)
{
	const char *s = strrchr(dir, '/');

	if (s == NULL || s == dir)
		return xstrdup("/");
	return xstrndup(dir, (size_t)(s - dir));
}

static const char *
home_dir(void)
{
	const char *h = getenv("HOME");
	return h != NULL && *h == '/' ? h : "/";
}

/* TEXT typed as a path: "~" is the home folder, a relative path is taken
 * from the folder shown. */
static char *
resolve(const struct filepick *fp, const char *text)
{
	if (strcmp(text, "~") == 0)
		return xstrdup(home_dir());
	if (strncmp(text, "~/", 2) == 0)
		return join(home_dir(), text + 2);
	if (text[0] == '/')
		return xstrdup(text);
	return join(fp->dir, text);
}

static int
is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int
has_ext(const char *name, const char *ext)
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
	char *up = parent_of(path);
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
			if (!is_dir(p) || (list == NULL && !mounted(p)))
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

static const char *
medium_of(const struct filepick *fp, const char *dir)
{
	for (size_t i = 0; i < fp->nmedia; i++)
		if (under(dir, fp->media[i]))
			return fp->media[i];
	return NULL;
}

/* ---- the listing ---- */

static void
entries_free(struct filepick *fp)
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

static void
say(struct filepick *fp, int err, char *msg)
{
	free(fp->msg);
	fp->msg = msg;
	fp->msg_err = err;
}

/* Read the folder shown into the list: "..", then (open, FILEPICK_FOLDER,
 * files here) every file at once, then the folders, then the files. */
static void
load(struct filepick *fp)
{
	struct filepick_entry *found = NULL;
	size_t nfound = 0, nfiles = 0;
	DIR *d;
	struct dirent *de;

	entries_free(fp);
	fp->places = 0;
	if ((d = opendir(fp->dir)) == NULL)
		say(fp, 1, xasprintf(TR("Không mở được thư mục %s: %s", "Cannot open the folder "
		    "%s: %s"), fp->dir, strerror(errno)));
	while (d != NULL && (de = readdir(d)) != NULL) {
		struct stat sb, tb;
		char *p;

		if (de->d_name[0] == '.' || !text_valid(de->d_name))
			continue;	/* hidden; a name that is not UTF-8 */
		p = join(fp->dir, de->d_name);
		if (lstat(p, &sb) == 0) {
			int kind = 0;
			if (S_ISDIR(sb.st_mode) || (S_ISLNK(sb.st_mode) && stat(p, &tb) == 0 &&
			    S_ISDIR(tb.st_mode)))
				kind = 'd';
			else if (S_ISREG(sb.st_mode) && has_ext(de->d_name, fp->ext))
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
		 * office wrote), else the first folder */
		time_t newest = 0;
		int any = 0;
		fp->sel = fp->n < 1 || nfound == 0 ? 0 : fp->n;
		for (size_t i = 0; fp->kind == FILEPICK_OPEN && i < nfound; i++)
			if (found[i].kind == 'f' && (!any || found[i].mtime > newest)) {
				fp->sel = fp->n + i;
				newest = found[i].mtime;
				any = 1;
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
		char *p = join(fp->dir, name);
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
static void
propose(struct filepick *fp)
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
static int
go(struct filepick *fp, const char *dir)
{
	char *real = realpath(dir, NULL), *old;
	DIR *d;

	if (real == NULL || (d = opendir(real)) == NULL) {
		say(fp, 1, xasprintf(TR("Không mở được thư mục %s: %s", "Cannot open the folder "
		    "%s: %s"), dir, strerror(errno)));
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
			propose(fp);
	} else {
		free(fp->dir);
		fp->dir = real;
	}
	fp->medium = medium_of(fp, fp->dir);
	load(fp);
	return 1;
}

/* F2: the sticks, the home folder, the folder last used. */
static void
show_places(struct filepick *fp)
{
	char **roots;
	size_t nr;

	for (size_t i = 0; i < fp->nmedia; i++)
		free(fp->media[i]);
	free(fp->media);
	filepick_media(&roots, &nr);
	fp->media = roots;
	fp->nmedia = nr;
	fp->medium = medium_of(fp, fp->dir);
	entries_free(fp);
	fp->places = 1;
	for (size_t i = 0; i < nr; i++) {
		const char *b = strrchr(roots[i], '/');
		add(fp, 'p', xasprintf("USB %s", b ? b + 1 : roots[i]), xstrdup(roots[i]), NULL);
	}
	add(fp, 'p', xstrdup(TR("Thư mục nhà", "Home folder")), xstrdup(home_dir()), NULL);
	add(fp, 'p', xstrdup(TR("Thư mục đang xem", "The folder shown")), xstrdup(fp->dir), NULL);
	say(fp, 0, nr ? NULL : xstrdup(TR("Không thấy USB nào đang cắm.", "No USB stick is "
	    "mounted.")));
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
		say(fp, 1, cause);	/* shown; the picker starts elsewhere */
		cause = NULL;
	}
	if (last != NULL && !is_dir(last)) {
		free(last);
		last = NULL;
	}
	/* the folder last used if it is on a stick, or if there is none;
	 * else the first stick; else the last folder; else home */
	if (last != NULL && (medium_of(fp, last) != NULL || fp->nmedia == 0))
		start = xstrdup(last);
	else if (fp->nmedia > 0)
		start = xstrdup(fp->media[0]);
	else
		start = xstrdup(last != NULL ? last : home_dir());
	fp->dir = xstrdup("/");
	if (!go(fp, start) && !go(fp, home_dir()))
		load(fp);	/* "/" */
	if (kind == FILEPICK_SAVE)
		propose(fp);
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
	entries_free(fp);
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
	if (!go(fp, dir))
		load(fp);
	select_name(fp, was);
	free(was);
	free(dir);
}

/* What was chosen is in view: its folder shown, the cursor on it. */
static void
settle(struct filepick *fp, const char *path)
{
	char *dir = parent_of(path);

	if (strcmp(dir, fp->dir) == 0 || go(fp, dir))
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
	dir = fp->all ? xstrdup(fp->chosen) : parent_of(fp->chosen);
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

/* ---- drawing ---- */

#define VALUE_COL 14	/* after "Thư mục:", "File name:", "Đường dẫn:" */

static void
human_size(char *buf, size_t size, off_t n)
{
	if (n < 1024)
		snprintf(buf, size, "%lld B", (long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, size, "%lld KB", (long long)((n + 1023) / 1024));
	else
		snprintf(buf, size, "%.1f MB", (double)n / (1024.0 * 1024.0));
}

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
	int rows = y1 - y0 - 3, y = y0, w = COLS - 4;
	char buf[512], size[32], when[32];

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
			human_size(size, sizeof size, x->size);
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
		ui_text(y1, 2, fp->msg_err ? A_BOLD : 0, fp->msg);
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
	char *up = parent_of(fp->dir), *was = xstrdup(fp->dir);
	const char *b = strrchr(was, '/');

	if (go(fp, up)) {
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
	char *cause = NULL, *up = parent_of(path), *q;
	enum err e;
	int yes;

	if (!is_dir(up)) {
		say(fp, 1, xasprintf(TR("Không có thư mục %s", "No folder %s"), up));
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
			say(fp, 1, xasprintf(TR("Không ghi: %s vẫn như cũ.", "Not written: %s is as "
			    "it was."), path));
			free(path);
			return FILEPICK_NONE;
		}
		chosen_free(fp);
		fp->force = 1;
	} else if (e != ERR_OK) {
		say(fp, 1, cause);	/* a folder, a FIFO, a device, a link */
		free(path);
		return FILEPICK_NONE;
	} else {
		chosen_free(fp);
	}
	fp->chosen = path;
	settle(fp, path);
	say(fp, 0, NULL);
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
		say(fp, 1, xstrdup(TR("Hãy gõ tên tệp.", "Type a file name.")));
		return FILEPICK_NONE;
	}
	path = resolve(fp, t);
	l = strlen(t);
	if (is_dir(path) || t[l - 1] == '/') {
		/* a folder: shown, the name proposed kept */
		if (go(fp, path)) {
			propose(fp);
			say(fp, 0, NULL);
		}
		free(path);
		free(t);
		return FILEPICK_NONE;
	}
	free(t);
	if (!has_ext(file_base(path), fp->ext)) {
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
		say(fp, 1, xasprintf(TR("Không có %s", "No such file: %s"), path));
		free(path);
		return FILEPICK_NONE;
	}
	if (S_ISDIR(sb.st_mode) || (S_ISLNK(sb.st_mode) && is_dir(path))) {
		fp->typing = 0;
		if (go(fp, path))
			say(fp, 0, NULL);
		free(path);
		return FILEPICK_NONE;
	}
	if (!S_ISREG(sb.st_mode)) {
		say(fp, 1, S_ISLNK(sb.st_mode) ? xasprintf(TR("%s là một liên kết tượng trưng; "
		    "không đọc qua đó — hãy chọn chính tệp", "%s is a symbolic link; not read "
		    "through — choose the file itself"), path) : xasprintf(TR("%s không phải là "
		    "tệp thường; không đọc", "%s is not a regular file; not read"), path));
		free(path);
		return FILEPICK_NONE;
	}
	chosen_free(fp);
	fp->chosen = path;
	fp->typing = 0;
	settle(fp, path);
	say(fp, 0, NULL);
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
		if (!go(fp, p))
			show_places(fp);
		free(p);
		return FILEPICK_NONE;
	}
	case 'd': {
		char *p = join(fp->dir, x->name);
		if (go(fp, p))
			say(fp, 0, NULL);
		free(p);
		return FILEPICK_NONE;
	}
	case 'a':
		chosen_free(fp);
		for (size_t i = 0; i < fp->n; i++)
			if (fp->e[i].kind == 'f') {
				fp->files = xreallocarray(fp->files, fp->nfiles + 1, sizeof *fp->files);
				fp->files[fp->nfiles++] = join(fp->dir, fp->e[i].name);
			}
		fp->chosen = xstrdup(fp->dir);
		fp->all = 1;
		say(fp, 0, NULL);
		return FILEPICK_CHOSEN;
	default:
		return fp->kind == FILEPICK_SAVE ? save_to(fp, join(fp->dir, x->name)) :
		    open_path(fp, join(fp->dir, x->name));
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
		show_places(fp);
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
			enum filepick_result r = open_path(fp, resolve(fp, t));
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
			char *d = join(fp->dir, "");
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
	filepick_draw(p->fp, 2, LINES - 3);
}

static void
pick_key(struct screen *s, const struct ui_input *in)
{
	struct pickscreen *p = s->data;
	struct ui *ui = s->ui;
	enum filepick_result r;

	if (ui_is_quit(in)) {
		ui->quit = 1;
		return;
	}
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

static const struct screen_ops screen_filepick_ops = {
	"filepick", filepick_keys, pick_draw, pick_key, pick_free,
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
	ui_push(ui, &screen_filepick_ops, p);
	if (ui->depth == 0 || ui->stack[ui->depth - 1]->data != p) {
		/* the stack is full: nothing shown, nothing kept */
		filepick_free(fp);
		free(fp);
		free(p->title);
		free(p);
	}
}

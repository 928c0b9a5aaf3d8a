/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui-draw.c: what every mode draws with — text cut or wrapped at the
 * screen's edge, the title row, the status line, the commune's name and a
 * submission's status as the lists say them, and what the Linux console
 * can show (no bold, no block elements there).
 */
#include "ui.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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
	/* RIGHT (period, state) is kept whole unless it alone nearly fills
	 * the line; LEFT (a plan's long title) gives way, cut at a character
	 * (never half of one, combining marks go with their letter) with a
	 * mark, two spaces before RIGHT: never drawn under it */
	char *l = xstrdup(left != NULL ? left : ""), *r = xstrdup(right != NULL ? right : "");
	int rw = text_width(r), room;

	if (right != NULL && COLS > 16 && rw > COLS - 14) {
		text_cut(r, COLS - 15);
		strcat(r = xrealloc(r, strlen(r) + 4), "\u2026");
		rw = text_width(r);
	}
	room = right != NULL ? COLS - rw - 4 : COLS - 2;
	if (room > 1 && text_width(l) > room) {
		text_cut(l, room - 1);
		strcat(l = xrealloc(l, strlen(l) + 4), "\u2026");
	}
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	attroff(A_REVERSE);
	if (room > 1)
		ui_text(0, 1, A_REVERSE | A_BOLD, l);
	if (right != NULL)
		ui_text(0, COLS - 1 - rw, A_REVERSE, r);
	free(l);
	free(r);
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
		memcpy(buf + strlen(buf), "\u2026", sizeof "\u2026");	/* fits: len + 4 */
	}
	move(LINES - 2, 0);
	clrtoeol();
	ui_text(LINES - 2, 1, error ? A_BOLD | A_STANDOUT : A_BOLD, buf);
	free(buf);
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

const char *
ui_sub_status(const char *status)
{
	if (status == NULL)
		return TR("Chưa làm", "Not started");
	if (strcmp(status, "draft") == 0)
		return TR("Nháp", "Draft");
	if (strcmp(status, "final") == 0)
		return TR("Hoàn tất", "Final");
	if (strcmp(status, "exported") == 0)
		return TR("Đã xuất", "Exported");
	if (strcmp(status, "received") == 0)
		return TR("Đã nhận", "Received");
	if (strcmp(status, "approved") == 0)
		return TR("Đã duyệt", "Approved");
	if (strcmp(status, "returned") == 0)
		return TR("Bị trả lại", "Returned");
	return status;
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

/* LABEL broken at spaces into rows of at most COLS columns (a word wider
 * than that is a row of its own, cut), drawn from (Y, X) when DRAW, at
 * most MAX rows; the rows the whole label takes. */
static int
help_wrap(const char *label, int cols, int y, int x, int draw, int max)
{
	char *row = xmalloc(strlen(label) + 1);
	const char *p = label;
	int n = 0;

	while (*p != '\0') {
		const char *end = p, *fit = NULL;
		/* the longest run of whole words from P that fits */
		for (;;) {
			const char *w = end;
			while (*w == ' ')
				w++;
			while (*w != '\0' && *w != ' ')
				w++;
			memcpy(row, p, (size_t)(w - p));
			row[w - p] = '\0';
			if (text_width(row) > cols && fit != NULL)
				break;
			fit = end = w;
			if (*w == '\0' || text_width(row) > cols)
				break;
		}
		memcpy(row, p, (size_t)(fit - p));
		row[fit - p] = '\0';
		text_cut(row, cols);
		if (draw && n < max)
			ui_text(y + n, x, 0, row);
		n++;
		p = fit;
		while (*p == ' ')
			p++;
	}
	free(row);
	return n;
}

int
ui_help_rows(const char *label)
{
	return help_wrap(label, UI_HELP_LABEL_COLS, 0, 0, 0, 0);
}

int
ui_help_entry_rows(const struct ui_key *k, const char *label)
{
	char name[64];

	return (text_width(ui_key_name(k, 1, name, sizeof name)) > UI_HELP_KEY_COLS) +
	    ui_help_rows(label);
}

int
ui_help_entry(int y, int x, const struct ui_key *k, const char *label, int max)
{
	char name[64];
	int below = text_width(ui_key_name(k, 1, name, sizeof name)) > UI_HELP_KEY_COLS;

	if (max <= 0)
		return 0;
	ui_text(y, x, A_BOLD, name);
	return below + help_wrap(label, UI_HELP_LABEL_COLS, y + below, x + UI_HELP_KEY_COLS + 1,
	    1, max - below);
}

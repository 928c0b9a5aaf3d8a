/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-form-choose.c: changing a value in the form screen — the line
 * editor for a typed value (Enter, Tab or an arrow keeps it, Esc drops
 * it), and the choice list for a select: one choice filtered by what is
 * typed; several found by what is typed (accents ignored), Space ticking
 * the lit one only, Enter keeping the ticks, Esc asking before it drops
 * ticks that changed.
 */
#include "screen-form-int.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/expr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct calc_refs {
	const struct form *f;
	char *text;
	int seen[64];
	int n;
};

static void
calc_ref(void *arg, int field, bool previous)
{
	struct calc_refs *r = arg;
	const struct form_field *fd = &r->f->fields[field];
	char *t;

	for (int i = 0; i < r->n; i++)
		if (r->seen[i] == field)
			return;
	if (r->n < (int)(sizeof r->seen / sizeof r->seen[0]))
		r->seen[r->n++] = field;
	t = xasprintf("%s%s%s%s", r->text ? r->text : "", r->text ? ", " : "",
	    fd->label ? fd->label : fd->name, previous ? TR(" (kỳ trước)", " (last period)") : "");
	free(r->text);
	r->text = t;
}

/* Typing on a calculation: say so, and from what it is calculated, rather
 * than ignore the key. */
static void
say_calculated(struct fscreen *x, const struct form_field *fd)
{
	struct calc_refs r = { .f = x->f };

	if (fd->calculation != NULL)
		expr_refs(fd->calculation, calc_ref, &r);
	if (r.text != NULL)
		form_msg(x, 1, xasprintf(TR("Trường này tự tính từ: %s; không gõ vào được.",
		    "This field is calculated from: %s; it takes no typing."), r.text));
	else
		form_msg(x, 1, xstrdup(TR("Trường này tự tính; không gõ vào được.",
		    "This field is calculated; it takes no typing.")));
	free(r.text);
}

void
start_edit(struct fscreen *x, const struct ui_input *first)
{
	const struct form_field *fd = cur_field(x);
	const char *v;

	if (fd == NULL)
		return;
	if (fd->type == FIELD_CALCULATE) {
		say_calculated(x, fd);
		return;
	}
	if (x->readonly) {
		form_msg(x, 1, xstrdup(x->helps_only ? TR("Đơn vị bạn chỉ phối hợp: không nhập ở "
		    "đây.", "Your unit only helps: nothing to fill here.") : TR("Báo cáo đã hoàn "
		    "tất: F4 để mở lại và sửa.", "This submission is final: F4 reopens it.")));
		return;
	}
	if (fd->type == FIELD_SELECT_ONE || fd->type == FIELD_SELECT_MULTIPLE) {
		const struct form_list *l = &x->f->lists[fd->list];
		const char *cur = sub_get(x->s, tgt_field(x), tgt_row(x));
		x->mode = F_CHOOSE;
		line_clear(&x->edit);
		free(x->picked);
		x->picked = xcalloc(l->nchoices + 1, 1);
		for (size_t i = 0; cur && i < l->nchoices; i++) {
			const char *p = strstr(cur, l->choices[i].value);
			size_t cl = strlen(l->choices[i].value);
			x->picked[i] = p && (p == cur || p[-1] == ' ') && (p[cl] == 0 || p[cl] == ' ');
		}
		free(x->choices);
		x->choices = xcalloc(l->nchoices + 1, sizeof *x->choices);
		x->nchoices = 0;
		for (size_t i = 0; i < l->nchoices; i++)
			x->choices[x->nchoices++] = i;
		x->csel = 0;
		return;
	}
	x->mode = F_EDIT;
	form_msg(x, 0, NULL);
	v = sub_get(x->s, tgt_field(x), tgt_row(x));
	if (first != NULL) {
		line_clear(&x->edit);
		line_key(&x->edit, first);
	} else {
		char vb[64];
		if (fd->type == FIELD_DATE && v && strlen(v) == 10) {
			snprintf(vb, sizeof vb, "%.2s/%.2s/%.4s", v + 8, v + 5, v);
			line_set(&x->edit, vb);
		} else {
			line_set(&x->edit, v ? v : "");
		}
		x->edit.cur = x->edit.len;
	}
}

int
commit_edit(struct fscreen *x, struct ui *ui)
{
	char *text = line_utf8(&x->edit), *cause = NULL;
	enum err e;

	e = sub_set(x->s, tgt_field(x), tgt_row(x), text ? text : "", &cause);
	free(text);
	if (e != ERR_OK) {
		form_msg(x, 1, cause);
		return 0;
	}
	x->mode = x->in_grid ? F_GRID : F_BROWSE;
	form_msg(x, 0, NULL);
	after_change(x, ui);
	return 1;
}

void
edit_key(struct fscreen *x, struct ui *ui, const struct ui_input *in)
{
	int enter = (in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'));

	if (!in->code && in->ch == 27) {
		x->mode = x->in_grid ? F_GRID : F_BROWSE;
		form_msg(x, 0, NULL);
	} else if (enter || (!in->code && in->ch == '\t') || (in->code && (in->key ==
	    KEY_DOWN || in->key == KEY_UP || in->key == KEY_BTAB))) {
		if (commit_edit(x, ui) && !x->in_grid) {
			if (in->code && (in->key == KEY_UP || in->key == KEY_BTAB))
				form_go(x, -1);
			else if (in->code && in->key == KEY_DOWN)
				form_go(x, 1);
			else
				form_go_input(x, 1);	/* Enter, Tab: the next value to type */
		}
	} else {
		line_key(&x->edit, in);
	}
}

int
choose_changed(const struct fscreen *x)
{
	const struct form_field *fd = cur_field(x);
	const struct form_list *l;
	const char *cur;

	if (fd == NULL || fd->list < 0 || x->picked == NULL)
		return 0;
	l = &x->f->lists[fd->list];
	cur = sub_get(x->s, tgt_field(x), tgt_row(x));
	for (size_t i = 0; i < l->nchoices; i++) {
		const char *p = cur ? strstr(cur, l->choices[i].value) : NULL;
		size_t cl = strlen(l->choices[i].value);
		int was = p && (p == cur || p[-1] == ' ') && (p[cl] == 0 || p[cl] == ' ');
		if (was != (x->picked[i] != 0))
			return 1;
	}
	return 0;
}

static void
choose_filter(struct fscreen *x)
{
	const struct form_field *fd = cur_field(x);
	const struct form_list *l = &x->f->lists[fd->list];

	x->nchoices = 0;
	for (size_t i = 0; i < l->nchoices; i++)	/* as shown or as typed */
		if (line_match(&x->edit, l->choices[i].label) ||
		    line_match(&x->edit, l->choices[i].value))
			x->choices[x->nchoices++] = i;
	if (x->csel >= x->nchoices)
		x->csel = x->nchoices ? x->nchoices - 1 : 0;
}

/* Multiple choice: what was typed finds an option (accents ignored, from
 * the lit one on, round to the top) and lights it; nothing is ticked or
 * hidden by typing. A key that makes the search match nothing starts a new
 * search with that key alone. */
static void
choose_find(struct fscreen *x, const struct ui_input *in)
{
	const struct form_list *l = &x->f->lists[cur_field(x)->list];

	for (int again = 0; again < 2; again++) {
		if (!line_key(&x->edit, in))
			return;
		if (x->edit.len == 0)
			return;
		for (size_t k = 0; k < x->nchoices; k++) {
			size_t i = (x->csel + k) % x->nchoices, c = x->choices[i];
			if (line_match(&x->edit, l->choices[c].label) ||
			    line_match(&x->edit, l->choices[c].value)) {
				x->csel = i;
				form_msg(x, 0, NULL);
				return;
			}
		}
		if (again || (in->code && in->key == KEY_BACKSPACE) || (!in->code &&
		    (in->ch == 8 || in->ch == 0x7f)))
			break;
		line_clear(&x->edit);
	}
	form_msg(x, 1, xstrdup(TR("Không có lựa chọn nào khớp.", "No option matches.")));
}

void
choose_key(struct fscreen *x, struct ui *ui, const struct ui_input *in)
{
	const struct form_field *fd = cur_field(x);
	const struct form_list *l = &x->f->lists[fd->list];
	int multi = fd->type == FIELD_SELECT_MULTIPLE;

	if (!in->code && in->ch == 27) {
		/* ticks changed are asked about, as an unsaved edit is */
		if (multi && choose_changed(x)) {
			char *q = xasprintf(TR("Bỏ các lựa chọn vừa đánh dấu ở \"%s\"? (c: có, k: không "
			    "— Enter để lưu)", "Drop the ticks just changed in \"%s\"? (y: yes, n: no — "
			    "Enter keeps them)"), fd->label ? fd->label : fd->name);
			int drop = ui_confirm(ui, q);
			free(q);
			if (!drop) {
				form_msg(x, 0, xstrdup(TR("Các lựa chọn vẫn giữ: Enter để lưu.",
				    "The ticks are kept: Enter saves them.")));
				return;
			}
		}
		form_msg(x, 0, NULL);
		x->mode = x->in_grid ? F_GRID : F_BROWSE;
	} else if (in->code && in->key == KEY_UP) {
		if (x->csel > 0)
			x->csel--;
		if (multi)
			line_clear(&x->edit);
	} else if (in->code && in->key == KEY_DOWN) {
		if (x->csel + 1 < x->nchoices)
			x->csel++;
		if (multi)
			line_clear(&x->edit);
	} else if (multi && !in->code && in->ch == ' ') {
		/* the lit option only; the search starts afresh */
		if (x->nchoices)
			x->picked[x->choices[x->csel]] ^= 1;
		line_clear(&x->edit);
	} else if (multi && !(in->code && in->key == KEY_ENTER) && !(!in->code &&
	    (in->ch == '\r' || in->ch == '\n'))) {
		choose_find(x, in);
	} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'))) {
		char buf[2048] = "";
		size_t len = 0;
		char *cause = NULL;
		if (!multi && x->nchoices == 0) {
			/* a filter that matches nothing picks nothing: the
			 * stored value stays */
			form_msg(x, 1, xstrdup(TR("Không có lựa chọn nào khớp; giá trị cũ giữ nguyên.",
			    "No option matches; the value is kept.")));
			return;
		}
		if (multi) {
			for (size_t i = 0; i < l->nchoices; i++)
				if (x->picked[i])
					len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? " " :
					    "", l->choices[i].value);
		} else if (x->nchoices) {
			snprintf(buf, sizeof buf, "%s", l->choices[x->choices[x->csel]].value);
		}
		if (sub_set(x->s, tgt_field(x), tgt_row(x), buf, &cause) ==
		    ERR_OK) {
			x->mode = x->in_grid ? F_GRID : F_BROWSE;
			after_change(x, ui);
			if (!x->in_grid)
				form_go_input(x, 1);	/* chosen (one or several): on, as
							 * after a typed value */
		} else {
			form_msg(x, 1, cause);
		}
	} else {
		line_key(&x->edit, in);
		choose_filter(x);
	}
}

void
draw_choose(struct fscreen *x)
{
	const struct form_field *fd = cur_field(x);
	const struct form_list *l = &x->f->lists[fd->list];
	int h = (int)x->nchoices + 4, w = 56, y0, x0;

	if (h > LINES - 4)
		h = LINES - 4;
	y0 = (LINES - h) / 2;
	x0 = (COLS - w) / 2;
	for (int r = 0; r < h; r++)
		mvhline(y0 + r, x0, ' ', w);
	ui_text(y0, x0 + 1, A_BOLD, fd->label ? fd->label : fd->name);
	ui_text(y0 + 1, x0 + 1, A_DIM, fd->type == FIELD_SELECT_MULTIPLE
	    ? TR("Cách: chọn/bỏ dòng sáng  gõ chữ: tìm  Enter: xong", "Space: tick/untick the "
	    "lit line  type: find  Enter: done")
	    : TR("Enter: chọn  gõ để lọc", "Enter: choose  type to filter"));
	if (fd->type == FIELD_SELECT_MULTIPLE)
		ui_text(y0 + 2, x0 + 1, A_DIM, TR("Tìm:", "Find:"));
	line_draw(&x->edit, y0 + 2, fd->type == FIELD_SELECT_MULTIPLE ? x0 + 6 : x0 + 1,
	    fd->type == FIELD_SELECT_MULTIPLE ? w - 7 : w - 2, 0);
	{
		/* scrolled so the lit line shows */
		size_t vis = h > 4 ? (size_t)(h - 4) : 1, first = x->csel >= vis ? x->csel - vis + 1 : 0;
		for (size_t k = first; k < x->nchoices && k < first + vis; k++) {
			char buf[256];
			size_t c = x->choices[k];
			snprintf(buf, sizeof buf, "%s%s", fd->type == FIELD_SELECT_MULTIPLE ?
			    (x->picked[c] ? "[x] " : "[ ] ") : "", l->choices[c].label);
			ui_text(y0 + 3 + (int)(k - first), x0 + 2, k == x->csel ? A_REVERSE : 0, buf);
		}
	}
	curs_set(0);
}


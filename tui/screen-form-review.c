/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-form-review.c: the review, and the office reviewing a unit's
 * submission.
 *
 * The review is a mode of its own, pushed on the form (F9) and sharing its
 * state: every error and warning with the unit's reasons; Enter goes to
 * the field (the review pops) or asks the reason for a warning; F9 again
 * finalises; Esc pops it. The office's screen is the form read-only, with
 * its own key table: F5 approves, F6 returns with a reason (asked once
 * more, naming the form, period and unit), F7 lists the revisions with
 * what changed, F8 the audit trail — from the form and from its review
 * alike.
 */
#include "screen-form-int.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "audit-text.h"
#include "../storage/store-audit.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
field_where(const struct fscreen *x, const struct sub_issue *is, char *buf, size_t size)
{
	const struct form_field *fd = &x->f->fields[is->field];

	if (is->row < 0)
		snprintf(buf, size, "%s", fd->label ? fd->label : fd->name);
	else if (x->f->fields[fd->container].type == FIELD_GRID)
		snprintf(buf, size, "%s (%s %s)", fd->label ? fd->label : fd->name, TR("dòng", "row"),
		    x->f->fields[fd->container].rows[is->row].id);
	else
		snprintf(buf, size, "%s (%s %d)", fd->label ? fd->label : fd->name, TR("dòng", "row"),
		    is->row + 1);
	return buf;
}

/* "Cảnh báo Tổng số hộ: … — lý do: …", for the review list. */
static const char *
issue_text(const struct fscreen *x, size_t i, char *buf, size_t size)
{
	const struct sub_issue *is = &x->issues[i];
	const char *reason = is->severity == SUB_WARNING ?
	    sub_reason(x->s, is->field, is->row, is->warn) : NULL;
	char where[256];

	snprintf(buf, size, "%s %s: %s%s%s", is->severity == SUB_ERROR ? TR("Lỗi     ", "Error   ")
	    : TR("Cảnh báo", "Warning "), field_where(x, is, where, sizeof where), is->message,
	    reason ? TR(" — lý do: ", " — reason: ") : "", reason ? reason : "");
	return buf;
}

static void
draw_review(struct fscreen *x)
{
	int y = 2;
	size_t errors, unconfirmed;
	char buf[768];

	sub_count(x->issues, x->nissues, &errors, &unconfirmed);
	for (int r = 2; r < LINES - 2; r++)
		mvhline(r, 0, ' ', COLS);
	snprintf(buf, sizeof buf, TR("Kiểm tra: %zu lỗi, %zu cảnh báo chưa giải thích",
	    "Review: %zu errors, %zu unexplained warnings"), errors, unconfirmed);
	ui_text(y++, 2, A_BOLD, buf);
	ui_text(y++, 2, A_DIM, x->office ? TR("Lỗi, cảnh báo và lý do đơn vị ghi. F5: duyệt, F6: "
	    "trả lại. Esc: quay lại.", "Errors, warnings and the unit's reasons. F5: approve, F6: "
	    "return. Esc: back.") : x->nissues == 0
	    ? TR("Không còn lỗi nào. F9: hoàn tất báo cáo.", "No problems left. F9: finalise.")
	    : TR("Enter: đến trường (lỗi) hoặc ghi lý do (cảnh báo). F9: hoàn tất. Esc: quay lại.",
	    "Enter: go to the field (error) or give a reason (warning). F9: finalise. Esc: back."));
	y++;
	/* each issue with its reason, wrapped; scrolled so the chosen one shows */
	{
		size_t first = 0;
		int avail = LINES - 3 - y;
		for (;;) {
			int need = 0;
			for (size_t i = first; i <= x->rsel && i < x->nissues; i++)
				need += ui_text_wrap(0, 2, 0, issue_text(x, i, buf, sizeof buf), 0);
			if (need <= avail || first >= x->rsel)
				break;
			first++;
		}
		for (size_t i = first; i < x->nissues && y < LINES - 3; i++) {
			int attr = i == x->rsel ? A_REVERSE : (x->issues[i].severity == SUB_ERROR ?
			    A_BOLD : 0);
			y += ui_text_wrap(y, 2, attr, issue_text(x, i, buf, sizeof buf), LINES - 3 - y);
		}
	}
	if (x->mode == F_REASON) {
		ui_text(LINES - 3, 2, A_BOLD, TR("Lý do:", "Reason:"));
		line_draw(&x->edit, LINES - 3, 10, COLS - 12, 1);
		curs_set(1);
	}
}

static void
finalise(struct fscreen *x, struct ui *ui)
{
	size_t errors, unconfirmed;

	check_now(x);
	sub_count(x->issues, x->nissues, &errors, &unconfirmed);
	if (x->readonly) {
		form_msg(x, 0, xstrdup(x->helps_only ? TR("Đơn vị bạn chỉ phối hợp: không hoàn tất "
		    "ở đây.", "Your unit only helps: nothing to finalise here.") :
		    TR("Báo cáo đã hoàn tất.", "Already final.")));
		x->mode = F_BROWSE;
		return;
	}
	if (errors || unconfirmed) {
		form_msg(x, 1, xasprintf(TR("Chưa hoàn tất được: còn %zu lỗi, %zu cảnh báo chưa có lý "
		    "do.", "Cannot finalise: %zu errors, %zu warnings without a reason."), errors,
		    unconfirmed));
		ui_status(x->msg, 1);
		return;
	}
	form_save(x, ui, 1);
	x->mode = F_BROWSE;
}

/* ---- the review, a mode pushed on the form ---- */

static void
review_draw(struct screen *s)
{
	struct fscreen *x = s->data;

	form_title(x);
	draw_review(x);
	if (x->mode == F_REVIEW && x->msg != NULL)
		ui_status(x->msg, x->msg_err);
}

/* Typing the reason for a warning. */
static int
review_grab(struct screen *s)
{
	struct fscreen *x = s->data;

	return x->mode == F_REASON;
}

static void
save_reason(struct fscreen *x, struct ui *ui)
{
	const struct sub_issue *is = &x->issues[x->rsel];
	char *text = line_utf8(&x->edit);

	sub_set_reason(x->s, is->field, is->row, is->warn, text);
	free(text);
	form_save(x, ui, 0);
	check_now(x);
}

static void
review_key(struct screen *s, const struct ui_input *in)
{
	struct fscreen *x = s->data;

	if (x->mode == F_REASON) {
		if (!in->code && in->ch == 27) {
			x->mode = F_REVIEW;
		} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
		    in->ch == '\n'))) {
			save_reason(x, s->ui);
			x->mode = F_REVIEW;
		} else {
			line_key(&x->edit, in);
		}
		return;
	}
	if (in->code && in->key == KEY_UP) {
		if (x->rsel > 0)
			x->rsel--;
	} else if (in->code && in->key == KEY_DOWN) {
		if (x->rsel + 1 < x->nissues)
			x->rsel++;
	}
}

/* Quitting while a reason is typed keeps it. */
static int
review_leave(struct screen *s)
{
	struct fscreen *x = s->data;

	if (x->mode == F_REASON)
		save_reason(x, s->ui);
	return 1;
}

/* Pop the review: back to the form that opened it, which shares its state
 * (and, revealed, may have read it again): that state, as it is now. */
static struct fscreen *
review_pop(struct screen *s)
{
	struct ui *ui = s->ui;

	((struct fscreen *)s->data)->mode = F_BROWSE;
	ui_pop(ui);
	return ui->stack[ui->depth - 1]->data;
}

static void
review_enter(struct screen *s)
{
	struct fscreen *x = s->data;
	const struct sub_issue *is;
	int field, row, error;
	char *msg;

	if (x->nissues == 0)
		return;
	is = &x->issues[x->rsel];
	if (is->severity == SUB_WARNING && !x->readonly) {
		const char *r = sub_reason(x->s, is->field, is->row, is->warn);
		line_set(&x->edit, r ? r : "");
		x->mode = F_REASON;
		return;
	}
	field = is->field;
	row = is->row;
	error = is->severity == SUB_ERROR;
	msg = xstrdup(is->message);
	x = review_pop(s);	/* back to the form, on the field */
	jump_to(x, field, row);
	form_msg(x, error, msg);
}

static void
review_finalise(struct screen *s)
{
	struct fscreen *x = s->data;

	finalise(x, s->ui);
	if (x->mode == F_BROWSE)
		review_pop(s);
}


void
review_open(struct screen *s)
{
	struct fscreen *x = s->data;

	check_now(x);
	x->mode = F_REVIEW;
	x->rsel = 0;
	form_msg(x, 0, NULL);
	if (!ui_push(s->ui, &form_review_ops, x))
		x->mode = F_BROWSE;
}

/* ---- the office's decisions ---- */

/* The report as the office's questions name it ("Báo cáo tháng"). */
static const char *
report_title(const struct fscreen *x)
{
	const char *t = x->f->reports[x->report].title;

	return t != NULL ? t : x->f->title;
}

static void
approve(struct fscreen *x, struct ui *ui)
{
	char *cause = NULL, *q;
	enum err e;
	int yes;

	/* asked, as a return is: an approval goes out in the next pack and
	 * closes the unit's period, so it names whose and which period */
	q = xasprintf(TR("Duyệt %s của %s, kỳ %s? (c: có, k: không)", "Approve %s of %s for %s? "
	    "(y: yes, n: no)"), report_title(x), x->unit_name ? x->unit_name : x->unit, x->period);
	yes = ui_confirm(ui, q);
	free(q);
	if (!yes) {
		form_msg(x, 0, xstrdup(TR("Chưa duyệt.", "Not approved.")));
		return;
	}
	e = store_sub_review(ui->st, x->f->reports[x->report].form_id, x->unit,
	    x->period, "approved", NULL, &cause);
	form_msg(x, e != ERR_OK, e != ERR_OK ? cause : xstrdup(TR("Đã duyệt.", "Approved.")));
	if (e == ERR_OK) {
		free(x->status);
		x->status = xstrdup("approved");
	}
}

static void
ask_return(struct fscreen *x)
{
	line_clear(&x->edit);
	x->mode = F_RETURN;
}

void
return_key(struct fscreen *x, struct ui *ui, const struct ui_input *in)
{
	char *cause = NULL;
	enum err e;

	if (!in->code && in->ch == 27) {
		x->mode = F_BROWSE;
	} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'))) {
		char *why = line_utf8(&x->edit), *q = NULL;
		if (why == NULL || *why == '\0') {
			form_msg(x, 1, xstrdup(TR("Ghi lý do để đơn vị biết phải sửa gì.",
			    "Give a reason, so the unit knows what to fix.")));
		} else if (!ui_confirm(ui, q = xasprintf(TR("Trả lại %s của %s, kỳ %s? (c: có, "
		    "k: không)", "Return %s of %s for %s? (y: yes, n: no)"),
		    report_title(x), x->unit_name ? x->unit_name : x->unit, x->period))) {
			/* the reason stays typed: Enter asks again, Esc drops it */
			form_msg(x, 0, xstrdup(TR("Chưa trả lại. Enter: hỏi lại; Esc: bỏ.",
			    "Not returned. Enter: ask again; Esc: drop it.")));
		} else {
			e = store_sub_review(ui->st, x->f->reports[x->report].form_id, x->unit,
			    x->period, "returned", why, &cause);
			form_msg(x, e != ERR_OK, e != ERR_OK ? cause : xstrdup(TR("Đã trả lại; đơn vị "
			    "nhận lý do trong gói tới.", "Returned; the unit gets the reason in the "
			    "next pack.")));
			if (e == ERR_OK) {
				free(x->status);
				x->status = xstrdup("returned");
			}
			x->mode = F_BROWSE;
		}
		free(q);
		free(why);
	} else {
		line_key(&x->edit, in);
	}
}

void
lines_free(struct fscreen *x)
{
	for (size_t i = 0; i < x->nlines; i++)
		free(x->lines[i]);
	free(x->lines);
	x->lines = NULL;
	x->nlines = 0;
}

static void
line_add(struct fscreen *x, char *l)
{
	x->lines = xreallocarray(x->lines, x->nlines + 1, sizeof *x->lines);
	x->lines[x->nlines++] = l;
}

/* Every revision, with what changed since the one before. */
static void
show_history(struct fscreen *x, struct ui *ui)
{
	struct store_revision *rv;
	size_t n;
	char *cause = NULL, when[20];
	json_t *prev = NULL;

	lines_free(x);
	x->ltop = 0;
	if (store_sub_revisions(ui->st, x->f->reports[x->report].form_id, x->unit, x->period, &rv,
	    &n, &cause) != ERR_OK) {
		form_msg(x, 1, cause);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *root = json_loads(rv[i].data, 0, NULL), *vals = json_object_get(root, "values");
		const char *k;
		json_t *v;

		moment_format(moment_from_unix(rv[i].src_created ? rv[i].src_created : rv[i].created),
		    when, sizeof when);
		if (rv[i].src_rev)
			line_add(x, xasprintf(TR("Lần %d  %s  thiết bị %s (lần sửa %d của máy)",
			    "Revision %d  %s  device %s (its revision %d)"), rv[i].rev, when,
			    rv[i].device, rv[i].src_rev));
		else
			line_add(x, xasprintf(TR("Lần %d  %s  %s", "Revision %d  %s  %s"), rv[i].rev,
			    when, rv[i].device));
		json_object_foreach(vals, k, v) {
			json_t *pv = prev ? json_object_get(prev, k) : NULL;
			int fi = form_field_index(x->f, k);
			if (pv != NULL && json_equal(pv, v))
				continue;
			/* every change: the view scrolls, nothing is left out */
			line_add(x, xasprintf("    %s: %s → %s", fi >= 0 && x->f->fields[fi].label ?
			    x->f->fields[fi].label : k, pv ? json_string_value(pv) : "—",
			    json_string_value(v)));
		}
		json_decref(prev);
		prev = json_incref(vals);
		json_decref(root);
	}
	json_decref(prev);
	store_revision_free(rv, n);
	x->mode = F_LINES;
}

static void
show_audit(struct fscreen *x, struct ui *ui)
{
	struct store_audit_row *rows;
	size_t n;
	char *cause = NULL, *object = xasprintf("%s/%s/%s", x->f->reports[x->report].form_id,
	    x->unit, x->period), when[20];

	lines_free(x);
	x->ltop = 0;
	if (store_audit_list(ui->st, object, &rows, &n, &cause) != ERR_OK) {
		form_msg(x, 1, cause);
		free(object);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char act[64], *detail = audit_text_detail(rows[i].detail);
		moment_format(moment_from_unix(rows[i].at), when, sizeof when);
		line_add(x, xasprintf("%s  %s %s  %s", when, ui_pad(act, sizeof act,
		    audit_text_action(rows[i].action), 12), rows[i].installation, detail));
		free(detail);
	}
	if (n == 0)
		line_add(x, xstrdup(TR("(chưa có)", "(none)")));
	store_audit_free(rows, n);
	free(object);
	x->mode = F_LINES;
}

/* The revisions or the audit trail from line x->ltop, each line wrapped
 * (never cut); ↑ ↓ PgUp PgDn scroll (lines_key). */
void
draw_lines(struct fscreen *x)
{
	int y = 3;
	size_t i;
	char *where;

	for (int r = 2; r < LINES - 1; r++)
		mvhline(r, 0, ' ', COLS);
	for (i = x->ltop; i < x->nlines && y < LINES - 3; i++)
		y += ui_text_wrap(y, 2, x->lines[i][0] != ' ' ? A_BOLD : 0, x->lines[i],
		    LINES - 3 - y);
	where = xasprintf(TR("Dòng %zu–%zu / %zu. ↑ ↓ PgUp PgDn: cuộn; Esc: đóng", "Lines %zu–%zu "
	    "of %zu. ↑ ↓ PgUp PgDn: scroll; Esc: close"), x->nlines ? x->ltop + 1 : 0, i, x->nlines);
	ui_status(where, 0);
	free(where);
}

void
lines_key(struct fscreen *x, const struct ui_input *in)
{
	size_t page = LINES > 8 ? (size_t)LINES - 8 : 1, last = x->nlines ? x->nlines - 1 : 0;

	if (!in->code)
		return;
	if (in->key == KEY_DOWN && x->ltop < last)
		x->ltop++;
	else if (in->key == KEY_UP && x->ltop > 0)
		x->ltop--;
	else if (in->key == KEY_NPAGE)
		x->ltop = x->ltop + page < last ? x->ltop + page : last;
	else if (in->key == KEY_PPAGE)
		x->ltop = x->ltop > page ? x->ltop - page : 0;
}

/* The office's keys on the form. */

static void
office_back(struct screen *s)
{
	ui_pop(s->ui);	/* back to the mode that opened the review */
}

static void
office_enter(struct screen *s)
{
	struct fscreen *x = s->data;

	form_msg(x, 0, NULL);
	if (x->nitems && x->items[x->cur].kind == I_GRID)
		grid_open(x, x->items[x->cur].field);
	else
		start_edit(x, NULL);	/* read only: says so */
}

static void
office_review(struct screen *s)
{
	review_open(s);
}

static void
office_approve(struct screen *s)
{
	approve(s->data, s->ui);
}

static void
office_return(struct screen *s)
{
	ask_return(s->data);
}

static void
office_history(struct screen *s)
{
	show_history(s->data, s->ui);
}

static void
office_audit(struct screen *s)
{
	show_audit(s->data, s->ui);
}

const struct ui_key office_keys[] = {
	{ KEY_F(5), 'A', office_approve, "Duyệt", "Approve", 1, NULL },
	{ KEY_F(6), 'B', office_return, "Trả lại (ghi lý do)", "Return (with a reason)", 1, NULL },
	{ KEY_F(7), 'Y', office_history, "Lịch sử sửa", "Revisions", 1, NULL },
	{ KEY_F(8), 'W', office_audit, "Nhật ký", "Audit trail", 1, NULL },
	{ 27, 0, office_back, "Quay lại", "Back", 1, NULL },
	{ KEY_F(9), 'R', office_review, "Lỗi và cảnh báo, với lý do của đơn vị", "Errors and "
	    "warnings, with the unit's reasons", 0, NULL },
	{ '\r', 0, office_enter, "Xem bảng nhiệm vụ", "Open a task table", 0, NULL },
	{ 0, 0, NULL, "Sang trường khác", "Move between fields", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void
lines_close(struct screen *s)
{
	struct fscreen *x = s->data;

	lines_free(x);
	x->mode = F_BROWSE;
}

const struct ui_key lines_keys[] = {
	{ 27, 0, lines_close, "Đóng", "Close", 1, NULL },
	{ 0, 0, NULL, "Cuộn", "Scroll", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

/* The same decisions from the review list: approving stays in it; a
 * return, the revisions and the audit trail are shown on the form. */
static void
review_approve(struct screen *s)
{
	approve(s->data, s->ui);
}

static void
review_back(struct screen *s)
{
	(void)review_pop(s);
}

static void
review_return(struct screen *s)
{
	ask_return(review_pop(s));
}

static void
review_history(struct screen *s)
{
	struct ui *ui = s->ui;

	show_history(review_pop(s), ui);
}

static void
review_audit(struct screen *s)
{
	struct ui *ui = s->ui;

	show_audit(review_pop(s), ui);
}

static const struct ui_key review_keys[] = {
	{ '\r', 0, review_enter, "Đến trường (lỗi) hoặc ghi lý do (cảnh báo)", "Go to the field "
	    "(error) or give a reason (warning)", 1, NULL },
	{ KEY_F(9), 'R', review_finalise, "Hoàn tất", "Finalise", 1, NULL },
	{ 27, 0, review_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn lỗi, cảnh báo", "Choose an error, a warning", 0, "↑ ↓" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static const struct ui_key review_office_keys[] = {
	{ KEY_F(5), 'A', review_approve, "Duyệt", "Approve", 1, NULL },
	{ KEY_F(6), 'B', review_return, "Trả lại (ghi lý do)", "Return (with a reason)", 1, NULL },
	{ KEY_F(7), 'Y', review_history, "Lịch sử sửa", "Revisions", 1, NULL },
	{ KEY_F(8), 'W', review_audit, "Nhật ký", "Audit trail", 1, NULL },
	{ 27, 0, review_back, "Quay lại", "Back", 1, NULL },
	{ '\r', 0, review_enter, "Đến trường", "Go to the field", 0, NULL },
	{ 0, 0, NULL, "Chọn lỗi, cảnh báo", "Choose an error, a warning", 0, "↑ ↓" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

/* The review's draw also picks its table: the office decides from it. */
static void
review_draw_keys(struct screen *s)
{
	struct fscreen *x = s->data;

	s->keys = x->office ? review_office_keys : review_keys;
	review_draw(s);
}

static const struct ui_keymap review_maps[] = {
	{ "review (form, F9)", review_keys },
	{ "review (office, F9)", review_office_keys },
	{ NULL, NULL },
};

/* DATA is the form's state, owned by the form below: no free. */
const struct screen_ops form_review_ops = {
	.name = "review",
	.keys = review_keys,
	.draw = review_draw_keys,
	.key = review_key,
	.grab = review_grab,
	.leave = review_leave,
	.where = "review",
	.maps = review_maps,
};

/* Quitting while a reason for a return is typed: asked, as it would be
 * lost. */
static int
office_leave(struct screen *s)
{
	struct fscreen *x = s->data;

	return !(x->mode == F_RETURN && x->edit.len > 0) || ui_confirm(s->ui,
	    TR("Lý do trả lại chưa lưu: thoát và bỏ nó? (c: có, k: không)",
	    "The reason for returning is not saved: quit and drop it? (y: yes, n: no)"));
}

static const struct ui_keymap office_maps[] = {
	{ "a unit's submission (office)", office_keys },
	{ "revisions, audit trail (office)", lines_keys },
	{ NULL, NULL },
};

const struct screen_ops screen_review_ops = {
	.name = "review",
	.keys = office_keys,
	.draw = form_draw,
	.key = form_key,
	.free = fscreen_free,
	.grab = form_grab,
	.leave = office_leave,
	.where = "office review",
	.maps = office_maps,
};

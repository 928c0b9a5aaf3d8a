/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-office.c: the office's own lists.
 *
 *   inbox:   every submission received, newest first, filtered as you type
 *            (unit, form, period, status; accents ignored); Enter reviews it
 *            (screen-form.c, read only, with approve / return / history /
 *            audit trail). Submissions the office's checks held back at
 *            import are listed too ("giữ lại", the reason below); one whose
 *            device's clock was odd is marked "!" with what and when.
 *   devices: devices seen, those awaiting approval first, with the
 *            fingerprint to compare; Enter approves (and imports what the
 *            device had held), F8 revokes once asked and answered yes
 *            (the question names the device; Enter approves it again)
 */
#include "ui.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/cal.h"
#include "../office/office-inbox.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"
#include "../sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- inbox ---- */

struct inbox {
	/* only a window of the list is loaded (office_inbox_page): rows
	 * off .. off + nrows - 1 of the nshown that match, of n in all */
	struct office_inbox_row *rows;
	size_t off, nrows, n;
	int by_unit;		/* F4: by unit rather than newest first */
	size_t nshown, sel, top;
	struct line filter;
	char *msg;
	struct ui *ui;
};


#define sub_status office_sub_status_label

/* How many rows are loaded at a time: a few screens. */
#define INBOX_WINDOW 64

/* Load the window of rows from FROM (the filter as it is now); the
 * counts with it. */
static void
inbox_load(struct inbox *b, size_t from)
{
	char *shown = line_utf8(&b->filter), *typed = line_typed(&b->filter), *cause = NULL;

	office_inbox_free(b->rows, b->nrows);
	b->rows = NULL;
	b->nrows = 0;
	b->off = from;
	if (office_inbox_page(b->ui->st, shown, typed, b->by_unit, from, INBOX_WINDOW, &b->rows,
	    &b->nrows, &b->nshown, &b->n, &cause) != ERR_OK) {
		free(b->msg);
		b->msg = cause;
	}
	free(shown);
	free(typed);
}

/* Row K of those shown (loading its window if need be), or NULL. */
static const struct office_inbox_row *
inbox_at(struct inbox *b, size_t k)
{
	if (k >= b->nshown)
		return NULL;
	if (k < b->off || k >= b->off + b->nrows)	/* from the screen's top if it can */
		inbox_load(b, k >= b->top && k < b->top + INBOX_WINDOW ? b->top : k);
	return k >= b->off && k < b->off + b->nrows ? &b->rows[k - b->off] : NULL;
}

static void
inbox_filter(struct inbox *b)
{
	inbox_load(b, 0);
	if (b->sel >= b->nshown)
		b->sel = b->nshown ? b->nshown - 1 : 0;
}

void *
screen_inbox_new(struct ui *ui)
{
	struct inbox *b = xcalloc(1, sizeof *b);

	line_init(&b->filter, 60, 0);
	b->filter.ime = &ui->ime;
	b->ui = ui;
	inbox_filter(b);
	return b;
}

static void
inbox_draw(struct screen *s)
{
	struct inbox *b = s->data;
	int y = 4, rows = LINES - 7;
	char line[512], c1[40], c2[40], c3[40], c4[40], c5[40], when[20];

	ui_title("baocao", TR("Hộp thư: báo cáo đã nhận", "Inbox: submissions received"));
	ui_text(2, 2, 0, TR("Lọc:", "Filter:"));
	line_draw(&b->filter, 2, 8, 40, 1);
	snprintf(line, sizeof line, b->by_unit ? TR("%zu / %zu báo cáo · theo đơn vị",
	    "%zu / %zu · by unit") : TR("%zu / %zu báo cáo", "%zu / %zu submissions"), b->nshown,
	    b->n);
	ui_text(2, 52, A_DIM, line);
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + (size_t)rows)
		b->top = b->sel - (size_t)rows + 1;
	ui_text(3, 2, A_UNDERLINE, TR("Nhận lúc         Đơn vị            Kỳ               Tình trạng "
	    "Biểu mẫu", "Received         Unit              Period           Status     Form"));
	for (size_t k = b->top; k < b->nshown && k < b->top + (size_t)rows; k++) {
		const struct office_inbox_row *x = inbox_at(b, k);
		if (x == NULL)
			break;
		moment_format(moment_from_unix(x->at), when, sizeof when);
		snprintf(c5, sizeof c5, "%s%s", sub_status(x->status), x->note ? " !" : "");
		snprintf(line, sizeof line, "%s%s%s%s%s", ui_pad(c1, sizeof c1, when, 17),
		    ui_pad(c2, sizeof c2, x->unit_id, 18), ui_pad(c3, sizeof c3, x->period, 17),
		    ui_pad(c4, sizeof c4, c5, 11), x->form_id);
		ui_text(y++, 2, k == b->sel ? A_REVERSE : 0, line);
	}
	if (b->nshown == 0)
		ui_text(y, 4, A_DIM, TR("Chưa có báo cáo nào (F5 ở màn hình chính để nhập tệp).",
		    "Nothing yet (F5 on the home screen imports files)."));
	if (b->msg) {
		ui_status(b->msg, 1);
	} else if (b->nshown && inbox_at(b, b->sel) != NULL) {
		/* the chosen line whole, wrapped over the two rows under the
		 * list (a return's reason is often longer than one) */
		const struct office_inbox_row *x = inbox_at(b, b->sel);
		int n;
		size_t l = (size_t)snprintf(line, sizeof line, "%s · %s · %s", x->form_id, x->period,
		    x->unit_name);
		if (x->held)	/* the row names it: the reason first */
			snprintf(line, sizeof line, TR("Giữ lại: %s", "Held back: %s"), x->reason);
		else if (x->reason && l < sizeof line)
			snprintf(line + l, sizeof line - l, TR(" — lý do trả lại: %s",
			    " — returned because: %s"), x->reason);
		if (x->note != NULL) {	/* the flag first: it is why "!" */
			char *t = xasprintf("! %s — %s", x->note, line);
			snprintf(line, sizeof line, "%s", t);
			free(t);
		}
		n = ui_text_wrap(0, 1, 0, line, 0) > 1 ? 2 : 1;
		for (int r = LINES - 1 - n; r < LINES - 1; r++)
			move(r, 0), clrtoeol();
		ui_text_wrap(LINES - 1 - n, 1, A_BOLD, line, n);
	}
	line_draw(&b->filter, 2, 8, 40, 1);
	curs_set(1);
}

static void
inbox_key(struct screen *s, const struct ui_input *in)
{
	struct inbox *b = s->data;

	free(b->msg);	/* a message lasts until the next key */
	b->msg = NULL;
	if (in->code && in->key == KEY_UP) {
		if (b->sel > 0)
			b->sel--;
	} else if (in->code && in->key == KEY_DOWN) {
		if (b->sel + 1 < b->nshown)
			b->sel++;
	} else if (in->code && in->key == KEY_NPAGE) {
		b->sel = b->sel + 10 < b->nshown ? b->sel + 10 : (b->nshown ? b->nshown - 1 : 0);
	} else if (in->code && in->key == KEY_PPAGE) {
		b->sel = b->sel > 10 ? b->sel - 10 : 0;
	} else {
		line_key(&b->filter, in);
		inbox_filter(b);
	}
}

static void
inbox_back(struct screen *s)
{
	curs_set(0);
	ui_pop(s->ui);
}

static void
inbox_open(struct screen *s)
{
	struct inbox *b = s->data;
	const struct office_inbox_row *x;
	void *r;

	free(b->msg);
	b->msg = NULL;
	if (b->nshown == 0 || (x = inbox_at(b, b->sel)) == NULL)
		return;
	if (x->held) {
		/* nothing stored to review: the reason is the bottom line */
		b->msg = xasprintf(TR("Giữ lại, chưa nhập: %s. Đơn vị sửa rồi gửi lại.",
		    "Held back, not imported: %s. The unit fixes it and sends again."),
		    x->reason);
		return;
	}
	r = screen_review_new(s->ui, x->form_id, x->unit_id, x->period);
	if (r != NULL) {
		curs_set(0);
		ui_push(s->ui, &screen_review_ops, r);
	}
}

static void
inbox_sort(struct screen *s)
{
	struct inbox *b = s->data;

	free(b->msg);
	b->msg = NULL;
	b->by_unit = !b->by_unit;
	b->sel = b->top = 0;
	inbox_filter(b);
}

static const struct ui_key inbox_keys[] = {
	{ '\r', 0, inbox_open, "Xem, duyệt hoặc trả lại", "Review: approve or return", 1, NULL },
	{ 27, 0, inbox_back, "Quay lại", "Back", 1, NULL },
	{ KEY_F(4), 'O', inbox_sort, "Xếp theo đơn vị (thứ tự tên tiếng Việt) / mới nhất trước",
	    "Sort by unit (Vietnamese order of names) / newest first", 1, NULL },
	{ 0, 0, NULL, "Lọc theo đơn vị, biểu mẫu, kỳ, tình trạng (không cần dấu)",
	    "Filter by unit, form, period, status (accents ignored)", 0, "a–z" },
	{ 0, 0, NULL, "Chọn dòng", "Choose a line", 0, "↑ ↓ PgUp PgDn" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void
inbox_free(struct screen *s)
{
	struct inbox *b = s->data;

	office_inbox_free(b->rows, b->nrows);
	line_free(&b->filter);
	free(b->msg);
	free(b);
}

/* Back on top (a submission approved or returned): read again, the
 * order, the filter and the line chosen kept. */
static void
inbox_reveal(struct screen *s)
{
	struct inbox *old = s->data, *b = screen_inbox_new(s->ui);
	char *q = line_utf8(&old->filter);

	if (q != NULL)
		line_set(&b->filter, q);
	free(q);
	b->by_unit = old->by_unit;
	b->sel = old->sel;
	b->top = old->top;
	inbox_filter(b);
	ui_renew(s, b);
}

const struct screen_ops screen_inbox_ops = {
	.name = "inbox",
	.keys = inbox_keys,
	.draw = inbox_draw,
	.key = inbox_key,
	.free = inbox_free,
	.reveal = inbox_reveal,
	.where = "inbox (office)",
};

/* ---- devices ---- */

struct devices {
	struct store_device *d;
	size_t n, sel;
	char *msg;
	int err;
};


static void
devices_load(struct ui *ui, struct devices *v)
{
	char *cause = NULL;

	store_device_free(v->d, v->n);
	v->d = NULL;
	v->n = 0;
	if (store_device_list(ui->st, &v->d, &v->n, &cause) != ERR_OK) {
		free(v->msg);
		v->msg = cause;
		v->err = 1;
	}
	if (v->sel >= v->n)
		v->sel = v->n ? v->n - 1 : 0;
}

void *
screen_devices_new(struct ui *ui)
{
	struct devices *v = xcalloc(1, sizeof *v);
	devices_load(ui, v);
	return v;
}

static void
devices_draw(struct screen *s)
{
	struct devices *v = s->data;
	char line[256], c1[40], c2[48], c3[40], size[40];

	ui_title("baocao", TR("Thiết bị của các đơn vị", "Units' devices"));
	ui_text(2, 2, A_UNDERLINE, TR("Mã thiết bị          Đơn vị                Tình trạng   Tệp đang "
	    "giữ", "Fingerprint          Unit                  State        Files held"));
	for (size_t i = 0; i < v->n && (int)i < LINES - 6; i++) {
		const struct store_device *d = &v->d[i];
		/* held files are kept unread: their size is all there is to show */
		if (d->held > 0)
			snprintf(size, sizeof size, TR(" (%lld byte, chưa đọc)", " (%lld bytes, unread)"),
			    (long long)d->held_bytes);
		else
			size[0] = '\0';
		snprintf(line, sizeof line, "%s%s%s%d%s", ui_pad(c1, sizeof c1, d->fingerprint, 21),
		    ui_pad(c2, sizeof c2, d->unit_id ? d->unit_id : "-", 22), ui_pad(c3, sizeof c3,
		    strcmp(d->state, "pending") == 0 ? TR("chờ duyệt", "pending") :
		    strcmp(d->state, "approved") == 0 ? TR("đã duyệt", "approved") :
		    TR("đã thu hồi", "revoked"), 13), d->held, size);
		ui_text(3 + (int)i, 2, i == v->sel ? A_REVERSE : 0, line);
	}
	if (v->n == 0)
		ui_text(4, 4, A_DIM, TR("Chưa có thiết bị nào gửi tệp.", "No device has sent a file."));
	if (v->msg)
		ui_status(v->msg, v->err);
}

/* Revoke the highlighted device, once the user has said yes to a question
 * that names it (its unit and fingerprint): the key that opens this screen
 * is the same F8, so a second press must never revoke by itself. Undone by
 * approving the device again (Enter); files it had sent and were held are
 * dropped with the revocation, and the question says so. */
static void
devices_revoke(struct ui *ui, struct devices *v)
{
	const struct store_device *d = &v->d[v->sel];
	char *cause = NULL, *q, *fpr;
	enum err e;

	free(v->msg);
	v->msg = NULL;
	v->err = 0;
	if (strcmp(d->state, "revoked") == 0) {
		v->msg = xasprintf(TR("%s đã bị thu hồi; Enter để duyệt lại.", "%s is revoked "
		    "already; Enter approves it again."), d->fingerprint);
		return;
	}
	if (d->held > 0)
		q = xasprintf(TR("Thu hồi %s của %s, bỏ %d tệp đang giữ? (c: có, k: không)",
		    "Revoke %s of %s, dropping %d held files? (y: yes, n: no)"), d->fingerprint,
		    d->unit_id ? d->unit_id : "-", d->held);
	else
		q = xasprintf(TR("Thu hồi thiết bị %s của %s? (c: có, k: không)",
		    "Revoke device %s of %s? (y: yes, n: no)"), d->fingerprint,
		    d->unit_id ? d->unit_id : "-");
	if (!ui_confirm(ui, q)) {
		free(q);
		v->msg = xasprintf(TR("Không thu hồi: %s vẫn như cũ.", "Not revoked: %s is as it "
		    "was."), d->fingerprint);
		return;
	}
	free(q);
	fpr = xstrdup(d->fingerprint);
	e = store_begin(ui->st, &cause);
	if (e == ERR_OK)
		e = store_device_decide(ui->st, fpr, "revoked", &cause);
	if (e == ERR_OK)
		e = store_commit(ui->st, &cause);
	else
		store_rollback(ui->st);
	v->err = e != ERR_OK;
	v->msg = e != ERR_OK ? cause : xasprintf(TR("Đã thu hồi %s. Enter để duyệt lại nếu nhầm.",
	    "Revoked %s. Enter approves it again if that was a mistake."), fpr);
	free(fpr);
	devices_load(ui, v);
}

static void
devices_key(struct screen *s, const struct ui_input *in)
{
	struct devices *v = s->data;

	if (in->code && in->key == KEY_UP) {
		if (v->sel > 0)
			v->sel--;
	} else if (in->code && in->key == KEY_DOWN) {
		if (v->sel + 1 < v->n)
			v->sel++;
	}
}

static void
devices_back(struct screen *s)
{
	ui_pop(s->ui);
}

/* The approval's count on the status line, as an import shows its files:
 * "n/N" before each held file is read. */
static void
approve_progress(size_t done, size_t total, void *arg)
{
	char msg[160];

	snprintf(msg, sizeof msg, TR("Đang duyệt, nhập tệp đang giữ %zu/%zu…",
	    "Approving, importing held file %zu/%zu…"), done, total);
	ui_status(msg, 0);
	ui_flush(arg);
}

static void
devices_approve(struct screen *s)
{
	struct devices *v = s->data;
	char *cause = NULL;
	struct sync_approved a;
	enum err e;
	char *q, *fpr;
	int yes;

	if (v->n == 0)
		return;
	/* asked, with the code shown: the code must be compared with the one
	 * on the unit's machine before it is trusted, and a second Enter must
	 * never approve a device nobody looked at */
	fpr = xstrdup(v->d[v->sel].fingerprint);
	q = xasprintf(TR("Duyệt thiết bị %s của %s? Mã phải trùng mã trên máy của đơn vị. (c: có, "
	    "k: không)", "Approve device %s of %s? The code must match the one on the unit's "
	    "machine. (y: yes, n: no)"), fpr, v->d[v->sel].unit_id ? v->d[v->sel].unit_id : "-");
	yes = ui_confirm(s->ui, q);
	free(q);
	free(v->msg);
	v->msg = NULL;
	v->err = 0;
	if (!yes) {
		v->msg = xasprintf(TR("Chưa duyệt: %s vẫn như cũ.", "Not approved: %s is as it was."),
		    fpr);
		free(fpr);
		return;
	}
	ui_status(TR("Đang duyệt và nhập các tệp đang giữ…", "Approving, importing held "
	    "files…"), 0);
	ui_flush(s->ui);
	e = sync_approve_report(s->ui->st, fpr, approve_progress, s->ui, &a, &cause);
	v->err = e != ERR_OK || a.held_back > 0 || a.refused > 0;
	if (e != ERR_OK)
		v->msg = cause;
	else if (a.held_back == 0 && a.refused == 0)
		v->msg = xasprintf(TR("Đã duyệt %s; đã nhập %d tệp đang giữ.", "Approved %s; %d "
		    "held files imported."), fpr, a.imported);
	else {	/* what its files held that was not kept, in one line */
		char *m = xasprintf(TR("Đã duyệt %s: nhập %d tệp", "Approved %s: %d files in"), fpr,
		    a.imported), *t;
		if (a.held_back > 0) {
			t = xasprintf(TR("%s; giữ lại %zu báo cáo (xem F7)", "%s; %zu held back (see "
			    "F7)"), m, a.held_back);
			free(m);
			m = t;
		}
		if (a.refused > 0) {
			t = xasprintf(TR("%s; từ chối %zu tệp", "%s; %zu files refused"), m, a.refused);
			free(m);
			m = t;
		}
		v->msg = m;
	}
	sync_approved_free(&a);
	devices_load(s->ui, v);
	/* the cursor stays on the device just approved, wherever the list
	 * now puts it: never on the next one waiting */
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->d[i].fingerprint, fpr) == 0)
			v->sel = i;
	free(fpr);
}

static void
devices_revoke_key(struct screen *s)
{
	struct devices *v = s->data;

	if (v->n)
		devices_revoke(s->ui, v);
}

static const struct ui_key devices_keys[] = {
	{ '\r', 0, devices_approve, "Duyệt (so mã với đơn vị trước)",
	    "Approve (compare the code first)", 1, NULL },
	{ KEY_F(8), 'R', devices_revoke_key, "Thu hồi (hỏi trước, nêu tên thiết bị)",
	    "Revoke (asked first, naming the device)", 1, NULL },
	{ 27, 0, devices_back, "Quay lại", "Back", 1, NULL },
	{ 0, 0, NULL, "Chọn thiết bị", "Choose a device", 0, "↑ ↓" },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static void
devices_free(struct screen *s)
{
	struct devices *v = s->data;

	store_device_free(v->d, v->n);
	free(v->msg);
	free(v);
}

const struct screen_ops screen_devices_ops = {
	.name = "devices",
	.keys = devices_keys,
	.draw = devices_draw,
	.key = devices_key,
	.free = devices_free,
	.where = "devices (office)",
};

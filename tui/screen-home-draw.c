/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-home-draw.c: drawing the home screen — who this installation is,
 * its fingerprint, the office it trusts or what the office owes attention
 * to, a return to fix, and the list of what is due with its deadline,
 * period and status.
 */
#include "screen-home-int.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../storage/store-audit.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A deadline as the list shows it: its date, or "hôm nay 16:30" when it
 * falls today at a time of day (a daily report, an incident). */
static void
due_when(long deadline, long today, char *buf, size_t size)
{
	if (deadline == LONG_MAX) {
		snprintf(buf, size, "—");
	} else if (deadline / MINUTES_PER_DAY == today && deadline % MINUTES_PER_DAY != 0) {
		snprintf(buf, size, TR("hôm nay %02ld:%02ld", "today %02ld:%02ld"),
		    deadline % MINUTES_PER_DAY / 60, deadline % 60);
	} else {
		moment_format(deadline, buf, size);
		buf[10] = '\0';
	}
}

/* The submissions here by state, on row Y: every state one has (those at
 * 0 left out), in the words the lists use (ui_sub_status); a return first,
 * bold and marked "!", for it needs action. Before them the total, and
 * the units and forms, as far as the row has room (the states first). */
static void
draw_counts(const struct home *h, int y)
{
	const struct store_counts *n = &h->n;
	const struct { const char *status; int count; } by[] = {
		{ "returned", n->returned }, { "draft", n->drafts },
		{ "final", n->finals - n->exported - n->received }, { "exported", n->exported },
		{ "received", n->received }, { "approved", n->approved },
	};
	char head[2][96], st[6][64];
	int attr[6], ns = 0, w = 0, x = 2, from;

	snprintf(head[0], sizeof head[0], TR("Đơn vị: %d   Biểu mẫu: %d   ", "Units: %d   "
	    "Forms: %d   "), n->units, n->forms);
	snprintf(head[1], sizeof head[1], TR("Báo cáo: %d", "Submissions: %d"), n->submissions);
	for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
		if (by[i].count <= 0)
			continue;
		snprintf(st[ns], sizeof st[ns], "%s%s %d", i == 0 ? "! " : "",
		    ui_sub_status(by[i].status), by[i].count);
		attr[ns] = i == 0 ? A_BOLD : A_DIM;
		w += text_width(st[ns]) + (ns ? 3 : 0);		/* " · " */
		ns++;
	}
	/* from 0: units, forms, the total and the states; 1: the total on */
	if (ns == 0)
		w = -3;
	if (text_width(head[0]) + text_width(head[1]) + 3 + w <= COLS - 4)
		from = 0;
	else if (text_width(head[1]) + 3 + w <= COLS - 4 || ns == 0)
		from = 1;
	else
		from = 2;
	for (int k = from; k < 2; k++) {
		ui_text(y, x, A_DIM, head[k]);
		x += text_width(head[k]);
	}
	for (int k = 0; k < ns; k++) {
		const char *sep = k > 0 ? " · " : from < 2 ? " — " : "";
		ui_text(y, x, A_DIM, sep);
		x += text_width(sep);
		ui_text(y, x, attr[k], st[k]);
		x += text_width(st[k]);
	}
}

void
home_draw(struct screen *s)
{
	struct home *h = s->data;
	char line[512];
	int y = 2, rows, pw, ww;
	long today;

	s->keys = home_table(h);
	if (h->in.commune == NULL) {
		ui_title("baocao", NULL);
		ui_status(h->error ? h->error : "", 1);
		return;
	}
	ui_commune(line, sizeof line, h->in.commune);
	ui_title(h->in.role == STORE_ROLE_OFFICE ? TR("baocao — Văn phòng xã",
	    "baocao — Commune office") : TR("baocao — Đơn vị", "baocao — Field unit"),
	    h->in.commune[0] ? line : NULL);
	if (h->in.unit_id != NULL) {
		snprintf(line, sizeof line, "%s %s", TR("Đơn vị:", "Unit:"), h->in.unit_id);
		if (h->office_fpr[0] != '\0')
			snprintf(line + strlen(line), sizeof line - strlen(line), " · %s %s",
			    TR("Mã văn phòng:", "Office:"), h->office_fpr);
		ui_text(y++, 2, 0, line);
	}
	if (h->revoked)
		ui_text(y++, 2, A_BOLD, TR("! Văn phòng đã thu hồi thiết bị này: không gửi báo cáo "
		    "được; liên hệ văn phòng xã", "! The office has revoked this device: it cannot "
		    "send reports; contact the office"));
	snprintf(line, sizeof line, "%s %s", TR("Mã thiết bị:", "Device fingerprint:"),
	    h->in.fingerprint);
	ui_text(y++, 2, A_BOLD, line);
	if (h->returned != NULL && h->in.role == STORE_ROLE_FIELD) {
		char *t = h->nreturned > 1 ? xasprintf(TR("! Văn phòng trả lại %d báo cáo, như %s "
		    "(F2: chọn kỳ)", "! The office returned %d submissions, such as %s (F2: choose "
		    "the period)"), h->nreturned, h->returned) : xasprintf(TR("! Văn phòng trả lại "
		    "%s (F2: chọn kỳ)", "! The office returned %s (F2: choose the period)"),
		    h->returned);
		y += ui_text_wrap(y, 2, A_BOLD, t, 2) > 1 ? 2 : 1;
		free(t);
	}
	if (h->in.role == STORE_ROLE_OFFICE) {
		snprintf(line, sizeof line, TR("Hộp thư (F7): %d đã nhận, %d đã duyệt · Thiết bị chờ "
		    "duyệt (F8): %d", "Inbox (F7): %d received, %d approved · Devices to approve "
		    "(F8): %d"), h->n.finals, h->n.approved, h->n.devices_pending);
		ui_text(y++, 2, 0, line);
		snprintf(line, sizeof line, TR("Kỳ vừa đến hạn (F4): %d chưa nộp, %d muộn, %d trả lại "
		    "· Tổng hợp (F9)", "Just due (F4): %d missing, %d late, %d returned · Reports "
		    "(F9)"), h->office_missing, h->office_late, h->office_returned);
		ui_text(y++, 2, h->office_missing ? A_BOLD : 0, line);
		if (h->office_incidents > 0) {
			snprintf(line, sizeof line, TR("! Vụ việc chờ duyệt (F7): %d, mới nhất %s",
			    "! Incidents to review (F7): %d, the latest %s"), h->office_incidents,
			    h->incident_last);
			ui_text(y++, 2, A_BOLD, line);
		}
	}
	y++;
	ui_text(y, 2, A_BOLD | A_UNDERLINE, TR("Việc cần làm (! quá hạn)", "What is due (! overdue)"));
	if (h->searching || h->search.len > 0) {
		ui_text(y, 40, 0, TR("Tìm:", "Search:"));
		line_draw(&h->search, y, 46, 30, h->searching);
		h->search_y = y;
	}
	y++;
	if (h->ndue == 0)
		ui_text(y++, 4, 0, TR("Chưa có biểu mẫu nào được cài đặt.",
		    "No forms are installed yet."));
	rows = LINES - y - 3;
	if (rows < 1)
		rows = 1;
	if (h->sel < h->top)
		h->top = h->sel;
	if (h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	/* the deadline and period columns as wide as the widest shown ("hôm
	 * nay 16:30", an incident's 2026-11-05T07:30) */
	today = moment_from_unix(store_now()) / MINUTES_PER_DAY;
	ww = pw = 12;
	for (size_t k = h->top; k < h->nshown && k < h->top + (size_t)rows; k++) {
		const struct due *d = &h->due[h->shown[k]];
		char when[32];
		due_when(d->deadline, today, when, sizeof when);
		if (text_width(when) + 1 > ww)
			ww = text_width(when) + 1;
		if (text_width(d->period) + 1 > pw)
			pw = text_width(d->period) + 1;
	}
	for (size_t k = h->top; k < h->nshown && k < h->top + (size_t)rows; k++) {
		const struct due *d = &h->due[h->shown[k]];
		char when[32];
		int attr = k == h->sel ? A_REVERSE : 0;

		due_when(d->deadline, today, when, sizeof when);
		{
			/* overdue: "!" before what state it is in (bold, first) */
			char c1[32], c2[40], c3[48], st[40];
			ui_pad(c1, sizeof c1, when, ww);
			ui_pad(c2, sizeof c2, d->period, pw);
			if (d->helps)
				snprintf(st, sizeof st, "%s", TR("Chỉ xem", "Read only"));
			else if (d->overdue)
				snprintf(st, sizeof st, "! %s", d->status && strcmp(d->status,
				    "returned") == 0 ? TR("Trả lại", "Returned") :
				    ui_sub_status(d->status));
			else
				snprintf(st, sizeof st, "%s", ui_sub_status(d->status));
			ui_pad(c3, sizeof c3, st, 12);
			snprintf(line, sizeof line, "%s%s%s%s", c1, c2, c3, d->title);
		}
		mvhline(y, 2, ' ', COLS - 4);
		if (attr)
			attron(attr);
		mvhline(y, 2, ' ', COLS - 4);
		ui_text(y, 4, attr | (d->overdue ? A_BOLD : 0), line);
		if (attr)
			attroff(attr);
		y++;
	}
	if (h->nshown > h->top + (size_t)rows)
		ui_text(y++, 4, A_DIM, TR("… (PgDn: xem tiếp)", "… (PgDn: more)"));
	if (h->nshown > 0) {
		const struct due *d = &h->due[h->shown[h->sel]];
		if (d->status && strcmp(d->status, "returned") == 0 && d->reason) {
			snprintf(line, sizeof line, TR("Văn phòng trả lại: %s", "Returned by the office: %s"),
			    d->reason);
			ui_text(LINES - 2, 2, A_DIM, line);
		} else {
			draw_counts(h, LINES - 2);
		}
	}
	if (h->searching)	/* again, to leave the cursor there */
		line_draw(&h->search, h->search_y, 46, 30, 1);
	if (h->asking) {
		const struct due *d = &h->due[h->shown[h->sel]];
		mvhline(LINES - 3, 0, ' ', COLS);
		ui_text(LINES - 3, 2, A_BOLD, d->kind == PERIOD_INCIDENT
		    ? TR("Xảy ra lúc (ngày/tháng/năm giờ:phút):", "Happened at (dd/mm/yyyy hh:mm):")
		    : TR("Ngày nhận yêu cầu (ngày/tháng/năm):", "Request received (dd/mm/yyyy):"));
		if (h->when.proposed)	/* the time proposed, shown selected */
			ui_text(LINES - 3, 63, A_DIM, TR("gõ để thay, ← sửa", "type over; ← edit"));
		line_draw(&h->when, LINES - 3, 42, 20, 1);
		curs_set(1);
	}
}


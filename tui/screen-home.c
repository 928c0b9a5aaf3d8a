/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-home.c: the home screen: who this installation is, its device
 * fingerprint, and what is due — for every report of the forms of this
 * unit's kind (the office's own: van-phong), the period to report now and,
 * when it was not sent in time, the previous one, marked overdue. Ordered:
 * overdue first, then by deadline. Each line shows the status of its
 * submission; Enter opens it; typing after '/' (or Ctrl-F) filters by
 * name or period, accents ignored ("nuoc sach" finds "Nước sạch").
 */
#include "ui.h"
#include "widget-line.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../office/office-inbox.h"
#include "../office/office-status.h"
#include "../storage/store.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"
#include "../sync/sync.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct due {
	long deadline;		/* minutes; LONG_MAX for ad hoc reports */
	enum period_kind kind;
	int overdue;
	char period[PERIOD_ID_MAX];
	char *form_id;
	char *title;
	char *status;		/* the submission's, or NULL if not started */
	char *reason;		/* the office's, for a return */
	int helps;		/* the unit only helps on rows of it: read only */
};

struct home {
	int office_missing, office_late, office_returned;	/* office: who owes what */
	int office_incidents;		/* office: incidents received, not yet reviewed */
	char incident_last[96];		/* the latest of them: "unit period" */
	struct store_install in;
	struct store_counts n;
	struct due *due;
	size_t ndue;
	size_t *shown;		/* indexes of due[] that pass the filter */
	size_t nshown;
	size_t sel, top;
	struct line search;
	int searching;
	int search_y;		/* the row the search line was drawn on */
	struct line when;	/* an ad hoc report's period, being asked */
	int asking;
	char *error;
	char office_fpr[STORE_FPR_LEN + 1];	/* field: the office it trusts */
	int nreturned;		/* submissions the office returned, to fix */
	char *returned;		/* the first of them, with the office's reason */
	int revoked;		/* field: the office revoked this device */
};

static int
due_cmp(const void *a, const void *b)
{
	const struct due *x = a, *y = b;

	if (x->overdue != y->overdue)
		return x->overdue ? -1 : 1;
	if (x->deadline != y->deadline)
		return x->deadline < y->deadline ? -1 : 1;
	return strcmp(x->form_id, y->form_id);
}

static const char *
status_label(const char *status)
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

/* Is this submission still the unit's to do? */
static int
open_status(const char *status)
{
	return status == NULL || strcmp(status, "draft") == 0 || strcmp(status, "returned") == 0;
}

static void
add_due(struct home *h, const struct form *f, int r, const struct period *p, long deadline,
    const struct store_sub *subs, size_t nsubs, long now)
{
	struct due *d;

	h->due = xreallocarray(h->due, h->ndue + 1, sizeof *h->due);
	d = &h->due[h->ndue++];
	memset(d, 0, sizeof *d);
	d->form_id = xstrdup(f->reports[r].form_id);
	/* the report first: the form's name is long and the line is not */
	d->title = f->nreports > 1 && f->reports[r].title
	    ? xasprintf("%s · %s", f->reports[r].title, f->title) : xstrdup(f->title);
	d->deadline = deadline;
	d->kind = f->reports[r].rule.kind;
	if (p != NULL)
		period_format(p, d->period, sizeof d->period);
	else
		snprintf(d->period, sizeof d->period, "%s", period_kind_label(f->reports[r].rule.kind));
	for (size_t i = 0; p != NULL && i < nsubs; i++)
		if (strcmp(subs[i].form_id, d->form_id) == 0 && strcmp(subs[i].period, d->period) == 0) {
			d->status = xstrdup(subs[i].status);
			d->reason = subs[i].status_reason ? xstrdup(subs[i].status_reason) : NULL;
		}
	d->overdue = deadline != LONG_MAX && deadline <= now && open_status(d->status);
}

/* A unit is not late for deadlines that passed before it was set up. */
static int
before_setup(const struct home *h, long deadline)
{
	return deadline < moment_from_unix(h->in.created_at);
}

static enum err
home_load_due(struct ui *ui, struct home *h, const struct form_set *set, char **cause)
{
	struct store_sub *subs = NULL;
	struct store_unit *units = NULL;
	size_t nsubs = 0, nunits = 0;
	long now = moment_from_unix(store_now());
	const char *kind = h->in.role == STORE_ROLE_OFFICE ? "van-phong" : NULL;
	enum err e;

	e = kind == NULL ? store_unit_list(ui->st, NULL, &units, &nunits, cause) : ERR_OK;
	for (size_t i = 0; e == ERR_OK && i < nunits; i++)
		if (h->in.unit_id && strcmp(units[i].id, h->in.unit_id) == 0)
			kind = units[i].kind;
	if (e == ERR_OK)	/* what the list can show, looked up (office-inbox.h) */
		e = office_unit_due_subs(ui->st, set, h->in.unit_id ? h->in.unit_id : "van-phong",
		    kind, now, &subs, &nsubs, cause);
	for (size_t i = 0; e == ERR_OK && i < set->n; i++) {
		const struct form *f = set->forms[i];
		if (kind != NULL && !form_sees(f, kind))
			continue;
		for (size_t r = 0; r < f->nreports; r++) {
			const struct deadline_rule *rule = &f->reports[r].rule;
			struct period p, prev;
			if (kind != NULL && !form_owed_by(f, (int)r, kind)) {
				/* a unit that helps on rows of it, leads none: its
				 * current period, to read (plan.h), never "overdue"
				 * (the office reads every row in its reports) */
				if (h->in.role == STORE_ROLE_FIELD && form_helps_on(f, (int)r, kind) &&
				    deadline_current(rule, now, &set->cal, &p) &&
				    form_period_valid(f, &p)) {
					add_due(h, f, (int)r, &p, deadline_of(rule, &p, &set->cal),
					    subs, nsubs, now);
					h->due[h->ndue - 1].helps = 1;
					h->due[h->ndue - 1].overdue = 0;
				}
				continue;
			}
			if (!deadline_current(rule, now, &set->cal, &p)) {
				add_due(h, f, (int)r, NULL, LONG_MAX, subs, nsubs, now);
				/* incidents and requests already begun, each until
				 * the office approves it */
				for (size_t k = 0; k < nsubs; k++) {
					if (strcmp(subs[k].form_id, f->reports[r].form_id) != 0 ||
					    strcmp(subs[k].status, "approved") == 0 ||
					    !period_parse(rule->kind, subs[k].period, &p))
						continue;
					add_due(h, f, (int)r, &p, deadline_of(rule, &p, &set->cal), subs,
					    nsubs, now);
				}
				continue;
			}
			/* the previous period too, while it is still the unit's to do:
			 * its deadline has passed, so it is overdue */
			if (deadline_previous(rule, &p, &prev)) {
				add_due(h, f, (int)r, &prev, deadline_of(rule, &prev, &set->cal), subs,
				    nsubs, now);
				if (!h->due[h->ndue - 1].overdue ||
				    (h->due[h->ndue - 1].status == NULL &&
				    before_setup(h, h->due[h->ndue - 1].deadline))) {
					struct due *d = &h->due[--h->ndue];
					free(d->form_id);
					free(d->title);
					free(d->status);
					free(d->reason);
				}
			}
			if (form_period_valid(f, &p))	/* the plan still runs */
				add_due(h, f, (int)r, &p, deadline_of(rule, &p, &set->cal), subs, nsubs,
				    now);
		}
	}
	/* returned submissions, of any period: said at the top with the reason
	 * (the list shows only the periods due now) */
	for (size_t i = 0; e == ERR_OK && i < nsubs; i++) {
		const struct form *f;
		const char *name = subs[i].form_id;
		int r;
		if (strcmp(subs[i].status, "returned") != 0 || h->nreturned++ > 0)
			continue;
		if (form_set_find(set, subs[i].form_id, &f, &r))
			name = f->nreports > 1 && f->reports[r].title ? f->reports[r].title : f->title;
		h->returned = xasprintf(TR("%s kỳ %s: %s", "%s for %s: %s"), name, subs[i].period,
		    subs[i].status_reason ? subs[i].status_reason : "");
	}
	store_unit_free(units, nunits);
	store_sub_free(subs, nsubs);
	if (h->ndue > 1)
		qsort(h->due, h->ndue, sizeof *h->due, due_cmp);
	return e;
}

static void
home_filter(struct home *h)
{
	free(h->shown);
	h->shown = xcalloc(h->ndue + 1, sizeof *h->shown);
	h->nshown = 0;
	for (size_t i = 0; i < h->ndue; i++) {
		/* the words may come from the title, the period and the id */
		char *hay = xasprintf("%s %s %s", h->due[i].title, h->due[i].period,
		    h->due[i].form_id);
		if (line_match(&h->search, hay))	/* as shown or as typed */
			h->shown[h->nshown++] = i;
		free(hay);
	}
	if (h->sel >= h->nshown)
		h->sel = h->nshown ? h->nshown - 1 : 0;
}

static const struct ui_key home_keys[] = {
	{ "Enter", "Mở biểu mẫu", "Open the form", 1 },
	{ "F5", "Gửi/nhận tệp", "Send/receive", 1 },
	{ "F6", "Gói văn phòng", "Office pack", 1 },
	{ "/", "Tìm", "Search", 1 },
	{ "F2 / Ctrl-N", "Chọn kỳ khác của báo cáo này (kỳ trước, kỳ bị trả lại)", "Choose another "
	    "period of this report (an earlier one, a returned one)", 0 },
	{ "F7 / Ctrl-X", "Văn phòng: hộp thư (duyệt, trả lại)", "Office: inbox (approve, return)",
	    0 },
	{ "F8 / Ctrl-V", "Văn phòng: thiết bị chờ duyệt", "Office: devices to approve", 0 },
	{ "F4 / Ctrl-W", "Văn phòng: tình hình nộp báo cáo (ai chưa nộp, nộp muộn)", "Office: "
	    "who has reported (missing, late)", 0 },
	{ "F9 / Ctrl-B", "Văn phòng: báo cáo tổng hợp, xuất XLSX", "Office: consolidated reports, "
	    "XLSX", 0 },
	{ "F2 / Ctrl-A", "Văn phòng: danh sách đơn vị (thêm, đổi tên, bỏ; thiết bị)", "Office: the "
	    "units (add, rename, take off; devices)", 0 },
	{ "F1", "Trợ giúp", "Help", 1 },
	{ "F3 / Ctrl-K", "Menu: chọn việc cần làm trong danh sách", "Menu: choose what to do "
	    "from a list", 0 },
	{ "F10", "Thoát", "Quit", 1 },
	{ "↑ ↓ PgUp PgDn", "Chọn dòng", "Choose a line", 0 },
	{ "Ctrl-F", "Tìm theo tên hoặc kỳ, không cần dấu (như /)",
	    "Search by name or period, accents ignored (as /)", 0 },
	{ "Esc", "Bỏ tìm kiếm", "Clear the search", 0 },
	{ "Ctrl-G", "Trợ giúp (như F1)", "Help (as F1)", 0 },
	{ "Ctrl-Q", "Thoát (như F10)", "Quit (as F10)", 0 },
	{ "Ctrl-E", "Đơn vị: xuất tệp báo cáo; văn phòng: nhập tệp (như F5)",
	    "Field: export a bundle; office: import bundles (as F5)", 0 },
	{ "Ctrl-P", "Đơn vị: áp dụng gói; văn phòng: làm gói (như F6)",
	    "Field: apply a pack; office: write a pack (as F6)", 0 },
	{ "Ctrl-T", "Kiểu gõ: Telex, VNI, tắt", "Typing: Telex, VNI, off", 0 },
	{ NULL, NULL, NULL, 0 },
};

void *
screen_home_new(struct ui *ui)
{
	struct home *h = xcalloc(1, sizeof *h);
	const struct form_set *set = NULL;	/* kept by office_forms: not freed */
	char *cause = NULL;

	line_init(&h->search, 60, 0);
	line_init(&h->when, 20, 0);
	h->search.ime = &ui->ime;
	/* the forms are read once, for what is due and for the office's lines */
	if (store_install_get(ui->st, &h->in, &cause) != ERR_OK ||
	    store_counts_get(ui->st, &h->n, &cause) != ERR_OK ||
	    office_forms(ui->st, &set, &cause) != ERR_OK ||
	    home_load_due(ui, h, set, &cause) != ERR_OK)
		h->error = cause;
	if (h->error == NULL && h->in.role == STORE_ROLE_FIELD) {
		unsigned char pk[32];
		int known;
		if (store_office_key(ui->st, pk, &known, &cause) != ERR_OK ||
		    sync_revoked(ui->st, &h->revoked, &cause) != ERR_OK)
			h->error = cause;
		else if (known)
			store_fingerprint(pk, h->office_fpr);
	}
	if (h->error == NULL && h->in.role == STORE_ROLE_OFFICE) {
		/* office-inbox.h: from indexes and kept counts, at any size */
		struct office_home f;
		if (office_home_figures(ui->st, set, moment_from_unix(store_now()), &f,
		    &cause) == ERR_OK) {
			h->office_missing = f.missing;
			h->office_late = f.late;
			h->office_returned = f.returned;
			h->office_incidents = f.incidents;
			snprintf(h->incident_last, sizeof h->incident_last, "%s", f.incident_last);
		}
		free(cause);
		cause = NULL;
	}
	home_filter(h);
	return h;
}

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

static void
home_draw(struct screen *s)
{
	struct home *h = s->data;
	char line[512];
	int y = 2, rows, pw, ww;
	long today;

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
				    status_label(d->status));
			else
				snprintf(st, sizeof st, "%s", status_label(d->status));
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
		if (d->status && strcmp(d->status, "returned") == 0 && d->reason)
			snprintf(line, sizeof line, TR("Văn phòng trả lại: %s", "Returned by the office: %s"),
			    d->reason);
		else
			snprintf(line, sizeof line, TR("Đơn vị: %d   Biểu mẫu: %d   Báo cáo: %d (nháp %d, "
			    "hoàn tất %d)", "Units: %d   Forms: %d   Submissions: %d (draft %d, final %d)"),
			    h->n.units, h->n.forms, h->n.submissions, h->n.drafts, h->n.finals);
		ui_text(LINES - 2, 2, A_DIM, line);
	}
	if (h->searching)	/* again, to leave the cursor there */
		line_draw(&h->search, h->search_y, 46, 30, 1);
	if (h->asking) {
		const struct due *d = &h->due[h->shown[h->sel]];
		mvhline(LINES - 3, 0, ' ', COLS);
		ui_text(LINES - 3, 2, A_BOLD, d->kind == PERIOD_INCIDENT
		    ? TR("Xảy ra lúc (ngày/tháng/năm giờ:phút):", "Happened at (dd/mm/yyyy hh:mm):")
		    : TR("Ngày nhận yêu cầu (ngày/tháng/năm):", "Request received (dd/mm/yyyy):"));
		line_draw(&h->when, LINES - 3, 42, 20, 1);
		curs_set(1);
	}
}

static void
home_open(struct screen *s)
{
	struct home *h = s->data;
	const struct due *d;
	void *form;

	if (h->nshown == 0)
		return;
	d = &h->due[h->shown[h->sel]];
	if (d->deadline == LONG_MAX) {
		/* ad hoc: ask when it happened (incident) or came (request) */
		long now = moment_from_unix(store_now());
		char buf[32], day[16];
		int y, m, dd;
		date_to_ymd(now / MINUTES_PER_DAY, &y, &m, &dd);
		snprintf(day, sizeof day, "%02d/%02d/%04d", dd, m, y);
		if (d->kind == PERIOD_INCIDENT)
			snprintf(buf, sizeof buf, "%s %02ld:%02ld", day, now % MINUTES_PER_DAY / 60,
			    now % 60);
		else
			snprintf(buf, sizeof buf, "%s", day);
		line_set(&h->when, buf);
		h->asking = 1;
		return;
	}
	form = screen_form_new(s->ui, d->form_id, d->period);
	if (form != NULL)
		ui_replace(s->ui, &screen_form_ops, form);
}

/* "23/11/2026 14:30" or "2026-11-23T14:30" -> a period id of KIND. */
static int
adhoc_period(enum period_kind kind, const char *text, char *out, size_t size)
{
	int d, m, y, hh = 0, mm = 0, n;
	struct period p;
	char id[PERIOD_ID_MAX];

	n = sscanf(text, "%d/%d/%d %d:%d", &d, &m, &y, &hh, &mm);
	if (n >= 3 && date_valid(y, m, d) && hh >= 0 && hh < 24 && mm >= 0 && mm < 60)
		snprintf(id, sizeof id, kind == PERIOD_INCIDENT ? "%04d-%02d-%02dT%02d:%02d" :
		    "%04d-%02d-%02d", y, m, d, hh, mm);
	else
		snprintf(id, sizeof id, "%s", text);
	if (!period_parse(kind, id, &p))
		return 0;
	period_format(&p, out, size);
	return 1;
}

static void
home_key(struct screen *s, const struct ui_input *in)
{
	struct home *h = s->data;

	if (h->asking) {
		const struct due *d = &h->due[h->shown[h->sel]];
		if (!in->code && in->ch == 27) {
			h->asking = 0;
		} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
		    in->ch == '\n'))) {
			char *t = line_utf8(&h->when), id[PERIOD_ID_MAX];
			void *form;
			if (t != NULL && adhoc_period(d->kind, t, id, sizeof id)) {
				h->asking = 0;
				form = screen_form_new(s->ui, d->form_id, id);
				free(t);
				if (form != NULL)
					ui_replace(s->ui, &screen_form_ops, form);
				return;
			}
			free(t);
			ui_status(d->kind == PERIOD_INCIDENT ? TR("Viết ngày giờ dạng 23/11/2026 14:30.",
			    "Write the date and time as 23/11/2026 14:30.") : TR("Viết ngày dạng "
			    "23/11/2026.", "Write the date as 23/11/2026."), 1);
		} else {
			line_key(&h->when, in);
		}
		return;
	}
	if (h->searching) {
		if ((!in->code && (in->ch == 27 || in->ch == '\r' || in->ch == '\n')) ||
		    (in->code && (in->key == KEY_ENTER || in->key == KEY_UP || in->key == KEY_DOWN))) {
			h->searching = 0;
			if (!in->code && in->ch == 27) {
				line_clear(&h->search);
				home_filter(h);
			}
			curs_set(0);
			return;
		}
		line_key(&h->search, in);
		home_filter(h);
		return;
	}
	if (ui_is_quit(in)) {
		s->ui->quit = 1;
	} else if ((in->code && in->key == KEY_F(5)) || ui_is_ctrl(in, 'E')) {
		ui_replace(s->ui, &screen_exchange_ops, screen_exchange_new(s->ui, 0));
	} else if ((in->code && in->key == KEY_F(6)) || ui_is_ctrl(in, 'P')) {
		ui_replace(s->ui, &screen_exchange_ops, screen_exchange_new(s->ui, 1));
	} else if (h->in.role == STORE_ROLE_OFFICE && ((in->code && in->key == KEY_F(7)) ||
	    ui_is_ctrl(in, 'X'))) {
		ui_replace(s->ui, &screen_inbox_ops, screen_inbox_new(s->ui));
	} else if (h->in.role == STORE_ROLE_OFFICE && ((in->code && in->key == KEY_F(8)) ||
	    ui_is_ctrl(in, 'V'))) {
		ui_replace(s->ui, &screen_devices_ops, screen_devices_new(s->ui));
	} else if (h->in.role == STORE_ROLE_OFFICE && ((in->code && in->key == KEY_F(4)) ||
	    ui_is_ctrl(in, 'W'))) {
		ui_replace(s->ui, &screen_status_ops, screen_status_new(s->ui));
	} else if (h->in.role == STORE_ROLE_OFFICE && ((in->code && in->key == KEY_F(9)) ||
	    ui_is_ctrl(in, 'B'))) {
		ui_replace(s->ui, &screen_report_ops, screen_report_new(s->ui));
	} else if (h->in.role == STORE_ROLE_OFFICE && ((in->code && in->key == KEY_F(2)) ||
	    ui_is_ctrl(in, 'A'))) {
		ui_replace(s->ui, &screen_roster_ops, screen_roster_new(s->ui));
	} else if (h->nshown && ((in->code && in->key == KEY_F(2)) || ui_is_ctrl(in, 'N'))) {
		void *p = screen_periods_new(s->ui, h->due[h->shown[h->sel]].form_id);
		if (p != NULL)
			ui_replace(s->ui, &screen_periods_ops, p);
	} else if ((!in->code && in->ch == '/') || ui_is_ctrl(in, 'F')) {
		h->searching = 1;
	} else if (!in->code && in->ch == 27) {
		line_clear(&h->search);
		home_filter(h);
	} else if ((in->code && in->key == KEY_ENTER) || (!in->code && (in->ch == '\r' ||
	    in->ch == '\n'))) {
		home_open(s);
	} else if (in->code && in->key == KEY_UP && h->sel > 0) {
		h->sel--;
	} else if (in->code && in->key == KEY_DOWN && h->sel + 1 < h->nshown) {
		h->sel++;
	} else if (in->code && in->key == KEY_PPAGE) {
		h->sel = h->sel > 10 ? h->sel - 10 : 0;
	} else if (in->code && in->key == KEY_NPAGE) {
		h->sel = h->sel + 10 < h->nshown ? h->sel + 10 : (h->nshown ? h->nshown - 1 : 0);
	}
}

static void
home_free(struct screen *s)
{
	struct home *h = s->data;

	store_install_free(&h->in);
	for (size_t i = 0; i < h->ndue; i++) {
		free(h->due[i].form_id);
		free(h->due[i].title);
		free(h->due[i].status);
		free(h->due[i].reason);
	}
	free(h->due);
	free(h->shown);
	line_free(&h->search);
	line_free(&h->when);
	free(h->returned);
	free(h->error);
	free(h);
}

const struct screen_ops screen_home_ops = {
	"home", home_keys, home_draw, home_key, home_free,
};

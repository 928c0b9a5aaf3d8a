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
#include "screen-home-int.h"
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
			if (form_period_valid(f, &p)) {	/* the plan still runs */
				add_due(h, f, (int)r, &p, deadline_of(rule, &p, &set->cal), subs, nsubs,
				    now);
				/* the current period may be overdue too (its deadline
				 * inside it has passed): not for a unit set up since */
				if (h->due[h->ndue - 1].overdue && h->due[h->ndue - 1].status == NULL &&
				    before_setup(h, h->due[h->ndue - 1].deadline)) {
					struct due *d = &h->due[--h->ndue];
					free(d->form_id);
					free(d->title);
					free(d->status);
					free(d->reason);
				}
			}
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

static void
home_open(struct screen *s)
{
	struct home *h = s->data;
	const struct due *d;

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
		line_propose(&h->when, buf);	/* typing replaces it; arrows edit it */
		h->asking = 1;
		return;
	}
	ui_push(s->ui, &screen_form_ops, screen_form_new(s->ui, d->form_id, d->period));
}

/* "23/11/2026 14:30", "23/11/2026 14h30" or "2026-11-23T14:30" (an
 * incident, or a time alone, "9h15": today at that time; a request: the
 * date) -> a period id of KIND. Read by cal.h's one reader of typed dates
 * and times, as the form's own fields are. */
static int
adhoc_period(enum period_kind kind, const char *text, char *out, size_t size)
{
	struct period p;
	char id[PERIOD_ID_MAX];
	long v;
	int minute;

	if (kind == PERIOD_INCIDENT && moment_read(text, &v))
		moment_format(v, id, sizeof id);
	else if (kind == PERIOD_INCIDENT && time_read(text, &minute))	/* "9h15": today */
		moment_format(moment_from_unix(store_now()) / MINUTES_PER_DAY * MINUTES_PER_DAY +
		    minute, id, sizeof id);
	else if (kind != PERIOD_INCIDENT && date_read(text, &v))
		date_format(v, id, sizeof id);
	else
		snprintf(id, sizeof id, "%s", text);	/* "2026-11-23.2", a request's Nth */
	if (!period_parse(kind, id, &p))
		return 0;
	period_format(&p, out, size);
	return 1;
}

/* Typing: the date of an ad hoc report, or the search. */
static int
home_grab(struct screen *s)
{
	struct home *h = s->data;

	return h->asking || h->searching;
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
			if (t != NULL && adhoc_period(d->kind, t, id, sizeof id)) {
				h->asking = 0;
				free(t);
				ui_push(s->ui, &screen_form_ops, screen_form_new(s->ui, d->form_id, id));
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
	if (in->code && in->key == KEY_UP && h->sel > 0) {
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
home_export(struct screen *s)
{
	ui_push(s->ui, &screen_exchange_ops, screen_exchange_new(s->ui, 0));
}

static void
home_pack(struct screen *s)
{
	ui_push(s->ui, &screen_exchange_ops, screen_exchange_new(s->ui, 1));
}

/* The office: the open pack a new unit's computer sets up from (as
 * `baocao pack --setup`). */
static void
home_setup_pack(struct screen *s)
{
	ui_push(s->ui, &screen_exchange_ops, screen_exchange_new(s->ui, 2));
}

static void
home_inbox(struct screen *s)
{
	ui_push(s->ui, &screen_inbox_ops, screen_inbox_new(s->ui));
}

static void
home_devices(struct screen *s)
{
	ui_push(s->ui, &screen_devices_ops, screen_devices_new(s->ui));
}

static void
home_status(struct screen *s)
{
	ui_push(s->ui, &screen_status_ops, screen_status_new(s->ui));
}

static void
home_report(struct screen *s)
{
	ui_push(s->ui, &screen_report_ops, screen_report_new(s->ui));
}

static void
home_roster(struct screen *s)
{
	ui_push(s->ui, &screen_roster_ops, screen_roster_new(s->ui));
}

static void
home_periods(struct screen *s)
{
	struct home *h = s->data;

	if (h->nshown)
		ui_push(s->ui, &screen_periods_ops, screen_periods_new(s->ui,
		    h->due[h->shown[h->sel]].form_id));
}

static void
home_search(struct screen *s)
{
	struct home *h = s->data;

	h->searching = 1;
}

static void
home_clear(struct screen *s)
{
	struct home *h = s->data;

	line_clear(&h->search);
	home_filter(h);
}

#define HOME_COMMON \
	{ '\r', 0, home_open, "Mở biểu mẫu", "Open the form", 1, NULL }, \
	{ KEY_F(5), 'E', home_export, "Gửi/nhận tệp", "Send/receive", 1, NULL }, \
	{ KEY_F(6), 'P', home_pack, "Gói văn phòng", "Office pack", 1, NULL }, \
	{ '/', 'F', home_search, "Tìm", "Search", 1, NULL }, \
	{ 27, 0, home_clear, "Bỏ tìm kiếm", "Clear the search", 0, NULL }, \
	{ 0, 0, NULL, "Chọn dòng", "Choose a line", 0, "↑ ↓ PgUp PgDn" }

static const struct ui_key home_field_keys[] = {
	HOME_COMMON,
	{ KEY_F(2), 'N', home_periods, "Chọn kỳ khác của báo cáo này (kỳ trước, kỳ bị trả lại)",
	    "Another period of this report (earlier, returned)", 0, NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

static const struct ui_key home_office_keys[] = {
	HOME_COMMON,
	{ 0, 'N', home_periods, "Chọn kỳ khác của báo cáo này (kỳ trước, kỳ bị trả lại)",
	    "Another period of this report (earlier, returned)", 0, NULL },
	{ KEY_F(7), 'X', home_inbox, "Hộp thư (duyệt, trả lại)", "Inbox (approve, return)", 0,
	    NULL },
	{ KEY_F(8), 'V', home_devices, "Thiết bị chờ duyệt", "Devices to approve", 0, NULL },
	{ KEY_F(4), 'W', home_status, "Tình hình nộp báo cáo (ai chưa nộp, nộp muộn)",
	    "Who has reported (missing, late)", 0, NULL },
	{ KEY_F(9), 'B', home_report, "Báo cáo tổng hợp, xuất XLSX", "Consolidated reports, XLSX",
	    0, NULL },
	{ KEY_F(2), 'A', home_roster, "Danh sách đơn vị (thêm, đổi tên, bỏ; thiết bị)",
	    "The units (add, rename, take off; devices)", 0, NULL },
	{ 0, 'S', home_setup_pack, "Gói cài đặt cho máy mới của đơn vị", "A setup pack for a "
	    "unit's new computer", 0, NULL },
	{ 0, 0, NULL, NULL, NULL, 0, NULL },
};

/* The office has more to do from home than a field unit. */
const struct ui_key *
home_table(const struct home *h)
{
	return h->in.role == STORE_ROLE_OFFICE ? home_office_keys : home_field_keys;
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

/* Back on top (a form saved, a pack applied, a unit added): everything
 * read again, the search and the line chosen kept. */
static void
home_reveal(struct screen *s)
{
	struct home *old = s->data, *h = screen_home_new(s->ui);
	char *q = line_utf8(&old->search);

	if (q != NULL && *q) {
		line_set(&h->search, q);
		home_filter(h);
	}
	free(q);
	h->sel = old->sel < h->nshown ? old->sel : h->nshown ? h->nshown - 1 : 0;
	h->top = old->top;
	ui_renew(s, h);
}

static const struct ui_keymap home_maps[] = {
	{ "home", home_field_keys },
	{ "office home", home_office_keys },
	{ NULL, NULL },
};

const struct screen_ops screen_home_ops = {
	.name = "home",
	.keys = home_field_keys,
	.draw = home_draw,
	.key = home_key,
	.free = home_free,
	.reveal = home_reveal,
	.grab = home_grab,
	.where = "home",
	.maps = home_maps,
};

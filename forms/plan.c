/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan: who owes which rows of a task table, when each row is due, and the
 * plan's validity (see plan.h and FORMAT.md, "Plans").
 *
 * Row deadlines are read from folded text (no accents, lower case), so
 * "Quý II/2025", "quy 2/2025" and "QUÝ II/2025" are one thing. A day and
 * month without a year is refused rather than guessed: "05/01" on an
 * annual plan is this January or the next, and only the plan knows.
 */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"

/* ---- who owes what ---- */

static bool has_kind(char *const *kinds, size_t n, const char *kind)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kinds[i], kind) == 0)
			return true;
	return false;
}

enum row_role form_row_role(const struct form *f, const struct form_row *r, const char *kind)
{
	if (r->heading || kind == NULL)
		return ROW_ROLE_NONE;
	if (r->nleads ? has_kind(r->leads, r->nleads, kind) : strcmp(f->unit_kind, kind) == 0)
		return ROW_ROLE_LEADS;
	if (has_kind(r->helps, r->nhelps, kind))
		return ROW_ROLE_HELPS;
	return ROW_ROLE_NONE;
}

bool form_owed_by(const struct form *f, int report, const char *kind)
{
	if (kind == NULL)
		return false;
	if (strcmp(f->unit_kind, kind) == 0)
		return true;
	for (size_t i = 0; f->has_leads && i < f->nfields; i++) {
		const struct form_field *g = &f->fields[i];
		if (g->type != FIELD_GRID || (report >= 0 && !form_field_in_report(f, (int)i, report)))
			continue;
		for (size_t r = 0; r < g->nrows; r++)
			if ((report < 0 || (g->rows[r].reports & (1u << report))) &&
			    g->rows[r].nleads && has_kind(g->rows[r].leads, g->rows[r].nleads, kind))
				return true;
	}
	return false;
}

bool form_sees(const struct form *f, const char *kind)
{
	if (form_owed_by(f, -1, kind))
		return true;
	for (size_t i = 0; kind != NULL && i < f->nfields; i++)
		for (size_t r = 0; f->fields[i].type == FIELD_GRID && r < f->fields[i].nrows; r++)
			if (has_kind(f->fields[i].rows[r].helps, f->fields[i].rows[r].nhelps, kind))
				return true;
	return false;
}

const char *form_helped_rows(const struct form *f, int report, const char *kind, char *buf,
			     size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; kind != NULL && i < f->nfields; i++) {
		const struct form_field *g = &f->fields[i];
		if (g->type != FIELD_GRID || (report >= 0 && !form_field_in_report(f, (int)i, report)))
			continue;
		for (size_t r = 0; r < g->nrows; r++) {
			int w;
			if ((report >= 0 && !(g->rows[r].reports & (1u << report))) ||
			    form_row_role(f, &g->rows[r], kind) != ROW_ROLE_HELPS)
				continue;
			if (n + strlen(g->rows[r].id) + 6 >= size) {
				snprintf(buf + n, size - n, "%s…", n ? ", " : "");
				return buf;
			}
			w = snprintf(buf + n, size - n, "%s%s", n ? ", " : "", g->rows[r].id);
			if (w > 0)
				n += (size_t)w;
		}
	}
	return buf;
}

bool form_helps_on(const struct form *f, int report, const char *kind)
{
	for (size_t i = 0; kind != NULL && i < f->nfields; i++) {
		const struct form_field *g = &f->fields[i];
		if (g->type != FIELD_GRID || (report >= 0 && !form_field_in_report(f, (int)i, report)))
			continue;
		for (size_t r = 0; r < g->nrows; r++)
			if ((report < 0 || (g->rows[r].reports & (1u << report))) &&
			    form_row_role(f, &g->rows[r], kind) == ROW_ROLE_HELPS)
				return true;
	}
	return false;
}

/* The grid row a cell of FIELD (row ROW) belongs to, or NULL. */
static const struct form_row *grid_row(const struct form *f, int field, int row)
{
	int k = f->fields[field].container;

	if (k < 0 || f->fields[k].type != FIELD_GRID || row < 0 || (size_t)row >= f->fields[k].nrows)
		return NULL;
	return &f->fields[k].rows[row];
}

bool form_fills(const struct form *f, const char *kind, int field, int row)
{
	const struct form_row *r;

	if (kind == NULL)
		return true;
	if ((r = grid_row(f, field, row)) != NULL)
		return form_row_role(f, r, kind) == ROW_ROLE_LEADS;
	if (f->fields[field].type == FIELD_GRID)
		return form_owed_by(f, -1, kind);
	return strcmp(f->unit_kind, kind) == 0;
}

bool form_shows(const struct form *f, const char *kind, int field, int row)
{
	const struct form_row *r;

	if (kind == NULL)
		return true;
	if ((r = grid_row(f, field, row)) != NULL)
		return r->heading || form_row_role(f, r, kind) != ROW_ROLE_NONE;
	if (f->fields[field].type == FIELD_GRID)	/* a helper sees its rows in it */
		return form_sees(f, kind);
	return form_fills(f, kind, field, row);
}

const char *form_row_leads(const struct form *f, const struct form_row *r, char *buf,
			   size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (r->nleads == 0) {
		snprintf(buf, size, "%s", r->heading ? "" : f->unit_kind);
		return buf;
	}
	for (size_t i = 0; i < r->nleads && n < size; i++) {
		int w = snprintf(buf + n, size - n, "%s%s", i ? ", " : "", r->leads[i]);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	return buf;
}

/* ---- deadlines ---- */

static const char *after(const char *p, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(p, w, n) != 0)
		return NULL;
	p += n;
	while (*p == ' ')
		p++;
	return p;
}

/* A quarter "ii", "2", "iv": 1..4, with *END past it; 0 if none. */
static int quarter_at(const char *p, const char **end)
{
	static const char *const roman[] = { "iv", "iii", "ii", "i" };
	static const int val[] = { 4, 3, 2, 1 };

	if (*p >= '1' && *p <= '4' && !(p[1] >= '0' && p[1] <= '9')) {
		*end = p + 1;
		return *p - '0';
	}
	for (int i = 0; i < 4; i++) {
		size_t n = strlen(roman[i]);
		if (strncmp(p, roman[i], n) == 0 && !(p[n] >= 'a' && p[n] <= 'z')) {
			*end = p + n;
			return val[i];
		}
	}
	return 0;
}

/* "/2026", " 2026", " nam 2026": a year; "hang nam", "each year": -1
 * (each year), with *END past it. 0 when neither. */
static int year_at(const char *p, const char **end)
{
	const char *q;
	int y, n = 0;

	while (*p == ' ')
		p++;
	if ((q = after(p, "hang nam")) != NULL || (q = after(p, "hng nam")) != NULL ||
	    (q = after(p, "moi nam")) != NULL || (q = after(p, "each year")) != NULL) {
		*end = q;
		return -1;
	}
	while (*p == ' ' || *p == '/')
		p++;
	if ((q = after(p, "nam ")) != NULL || (q = after(p, "year ")) != NULL)
		p = q;
	if (sscanf(p, "%4d%n", &y, &n) == 1 && n == 4 && y > 1900 && y < 10000) {
		*end = p + 4;
		return y;
	}
	return 0;
}

static bool in_validity(const struct form *f, long day)
{
	return (f->valid_from < 0 || day >= f->valid_from) && (f->valid_to < 0 || day <= f->valid_to);
}

/* FOLDED with its spaces as '-' ("doan cong tac" -> "doan-cong-tac"). */
static char *dashed(const char *folded)
{
	char *t = xstrdup(folded);

	for (char *c = t; *c; c++)
		if (*c == ' ')
			*c = '-';
	return t;
}

/*
 * The event of F that NAME (folded text after "sau", "kể từ khi") names, or
 * -1 (none, or several). An event is named by its id ("doan-cong-tac", or
 * "doan cong tac" as a plan writes it), or by its label, accents and case
 * aside ("Có lịch Đoàn công tác lưu động"), whole or its first words
 * ("có lịch Đoàn công tác"), with or without the leading "có".
 */
static int event_find(const struct form *f, const char *name)
{
	char *dn = dashed(name);
	int found = -1, prefixed = -1, nprefixed = 0;

	for (size_t e = 0; e < f->nevents && found < 0; e++) {
		const struct form_event *ev = &f->events[e];
		char *lab = ev->label ? text_fold(ev->label) : NULL;
		const char *l = lab;

		if (ev->id && (strcmp(name, ev->id) == 0 || strcmp(dn, ev->id) == 0))
			found = (int)e;
		for (int pass = 0; l != NULL && found < 0 && pass < 2; pass++) {
			size_t n = strlen(name);
			if (strcmp(l, name) == 0)
				found = (int)e;
			else if (n >= 5 && strncmp(l, name, n) == 0 && l[n] == ' ' && prefixed != (int)e) {
				prefixed = (int)e;
				nprefixed++;
			}
			l = strncmp(l, "co ", 3) == 0 ? l + 3 : NULL;	/* "Có hướng dẫn ..." */
		}
		free(lab);
	}
	free(dn);
	if (found < 0 && nprefixed == 1)
		found = prefixed;
	return found;
}

/*
 * F's declared event ids, ", "-joined into *LIST (allocated), and the one
 * NAME (folded event words that name none) most likely means, or NULL: an
 * id one or two edits away, an id within the words ("sau khi đoàn công tác
 * đến"), or a label whose first words are that near ("có kết quả khảo sá"
 * for "Có kết quả khảo sát PAPI"). Returns how many events have an id.
 */
static size_t events_near(const struct form *f, const char *name, char **list, const char **near)
{
	const char **ids = xcalloc(f->nevents + 1, sizeof *ids);
	char *dn = dashed(name);
	size_t n = 0, words = 1;

	*list = xstrdup("");
	for (size_t e = 0; e < f->nevents; e++) {
		char *t;
		if (f->events[e].id == NULL)
			continue;
		ids[n++] = f->events[e].id;
		t = xasprintf("%s%s%s", *list, **list ? ", " : "", f->events[e].id);
		free(*list);
		*list = t;
	}
	*near = form_nearest(dn, ids, n);
	/* "sau khi đoàn công tác đến": an id within the words */
	for (size_t e = 0; *near == NULL && e < n; e++) {
		const char *at = strstr(dn, ids[e]);
		size_t k = strlen(ids[e]);
		if (at != NULL && (at == dn || at[-1] == '-') && (at[k] == '\0' || at[k] == '-'))
			*near = ids[e];
	}
	/* a label's first words, as many as NAME has, with or without "có" */
	for (const char *c = name; *c; c++)
		words += *c == ' ';
	for (size_t e = 0; *near == NULL && e < f->nevents; e++) {
		char *lab = f->events[e].label && f->events[e].id ? text_fold(f->events[e].label) :
		    NULL;
		for (int pass = 0; lab != NULL && *near == NULL && pass < 2; pass++) {
			const char *l = pass == 0 ? lab : strncmp(lab, "co ", 3) == 0 ? lab + 3 : NULL;
			char *head;
			size_t k = 0, w = 0;
			if (l == NULL)
				break;
			while (l[k] != '\0' && !(l[k] == ' ' && ++w == words))
				k++;
			head = xstrndup(l, k);
			if (form_nearest(name, (const char *const[]){ head }, 1) != NULL)
				*near = f->events[e].id;
			free(head);
		}
		free(lab);
	}
	free(dn);
	free(ids);
	return n;
}

/* The error for an event NAME (folded) that names none of F's, in TEXT:
 * the declared events, and the nearest one when one is near. */
static void event_unknown(const struct form *f, const char *text, const char *name,
			  char **cause)
{
	const char *near;
	char *list, *hint;
	size_t n = events_near(f, name, &list, &near);

	hint = near ? xasprintf(TR("; có phải '%s'?", "; did you mean '%s'?"), near) : xstrdup("");
	if (n == 0)
		err_set(cause, ERR_INVALID, TR("hạn \"%s\": không có sự kiện '%s' — kế hoạch chưa "
			"khai báo sự kiện nào ở 'events:' (vd. {id: doan-cong-tac, label: Có lịch "
			"Đoàn công tác})", "deadline \"%s\": no event '%s' — the plan declares no "
			"events under 'events:' (e.g. {id: doan-cong-tac, label: Có lịch Đoàn công "
			"tác})"), text, name);
	else
		err_set(cause, ERR_INVALID, TR("hạn \"%s\": không có sự kiện '%s' (có: %s)%s",
			"deadline \"%s\": no event '%s' (declared: %s)%s"), text, name, list, hint);
	free(hint);
	free(list);
}

static bool row_due_parse(const struct form *f, const char *text, struct row_due *d,
			  size_t *pos, char **cause, bool *sure);

/* The words of TEXT that its folded form has as NAME at byte OFF (folding
 * gives one byte a character), as written ("Có kết quả khảo sá"); NAME
 * itself (a copy) when they do not fold back to it. */
static char *as_written(const char *text, size_t off, const char *name)
{
	const char *a = text, *b;
	size_t len = strlen(name);
	char *w, *fw;

	for (size_t k = 0; k < off && *a; k++)
		for (a++; ((unsigned char)*a & 0xc0) == 0x80; a++)
			;
	b = a;
	for (size_t k = 0; k < len && *b; k++)
		for (b++; ((unsigned char)*b & 0xc0) == 0x80; b++)
			;
	w = xstrndup(a, (size_t)(b - a));
	fw = text_fold(w);
	if (fw == NULL || strcmp(fw, name) != 0) {
		free(w);
		w = xstrdup(name);
	}
	free(fw);
	return w;
}

char *form_due_event_doubt(const struct form *f, const char *due)
{
	static const char *const joins[] = { "sau khi ", "ke tu khi ", "ke tu ", "after ", NULL };
	struct row_due d;
	size_t pos = 0;
	bool sure;
	char *why = NULL, *s, *name = NULL, *msg = NULL;
	const char *near = NULL;
	size_t off = 0;	/* of NAME in S */
	int e = -1;

	if (f->nevents == 0 || due == NULL)
		return NULL;	/* free words, as the seed plans write them */
	s = text_fold(due);
	if (s == NULL)
		return NULL;
	if (row_due_parse(f, due, &d, &pos, &why, &sure)) {
		if (d.kind == ROW_DUE_EVENT)	/* read, but `due` keeps one fixed day only */
			e = d.event;
	} else if (pos > 0 && pos < strlen(s)) {
		/* "5 ngày sau khao-sa": the words the reader took for an event */
		name = xstrdup(s + pos);
		off = pos;
	} else {
		/* "sau khi …", "kể từ khi …" in prose: up to the end of its clause */
		for (const char *p = s; name == NULL && *p; p++) {
			const char *q = NULL;
			char *x;
			if (p != s && p[-1] != ' ' && p[-1] != '-')
				continue;
			for (const char *const *j = joins; q == NULL && *j; j++)
				q = after(p, *j);
			if (q == NULL || *q == '\0' || strncmp(q, "ngay", 4) == 0 ||
			    (*q >= '0' && *q <= '9'))
				continue;	/* "kể từ ngày 01/01/2026": a date, not an event */
			name = xstrndup(q, strcspn(q, ";,.()"));
			off = (size_t)(q - s);
			if ((x = strstr(name, " - ")) != NULL)
				*x = '\0';	/* "- Sau khi … - Báo cáo: …" */
		}
		if (name != NULL) {
			for (size_t k = strlen(name); k > 0 && name[k - 1] == ' '; k--)
				name[k - 1] = '\0';
			if (*name == '\0') {
				free(name);
				name = NULL;
			} else {
				e = event_find(f, name);
			}
		}
	}
	free(why);
	if (e >= 0) {
		/* what to write: its own count when it gave one ("3 ngày sau hop") */
		char *n = d.kind == ROW_DUE_EVENT ? xasprintf("%d", d.n) : xstrdup("N");
		const char *days = d.kind == ROW_DUE_EVENT && !d.working ? TR("ngày", "days") :
		    TR("ngày làm việc", "working days");
		msg = xasprintf(TR("'due' \"%s\" không cho hạn: nêu sự kiện '%s', nhưng 'due' chỉ cho "
		    "hạn khi là một ngày cố định; muốn hạn tính theo sự kiện, viết 'deadline: %s %s "
		    "sau %s'", "'due' \"%s\" gives no date: it names event '%s', but a 'due' gives a "
		    "date only when it is one fixed day; for a deadline counted from the event, write "
		    "'deadline: %s %s after %s'"), due, f->events[e].id, n, days, f->events[e].id);
		free(n);
	} else if (name != NULL) {
		char *list, *hint, *words = as_written(due, off, name);
		events_near(f, name, &list, &near);
		hint = near ? xasprintf(TR("; có phải '%s'?", "; did you mean '%s'?"), near) :
		    xstrdup("");
		msg = xasprintf(TR("'due' \"%s\" không cho hạn: đọc như hạn tính từ sự kiện \"%s\", "
		    "mà kế hoạch không có sự kiện đó (có: %s)%s", "'due' \"%s\" gives no date: it "
		    "reads as a deadline counted from event \"%s\", which the plan does not declare "
		    "(declared: %s)%s"), due, words, list, hint);
		free(words);
		free(hint);
		free(list);
	}
	free(name);
	free(s);
	return msg;
}

bool form_date_says_why(int d, int m, int y, char **cause)
{
	if (m < 1 || m > 12)
		err_set(cause, ERR_INVALID, TR("không có tháng %d (tháng từ 1 đến 12; ngày viết "
			"dạng NGÀY/THÁNG/NĂM)", "there is no month %d (months are 1 to 12; a date is "
			"written DAY/MONTH/YEAR)"), m);
	else if (y == 0 && (d < 1 || d > date_days_in_month(2024, m)))	/* each year */
		err_set(cause, ERR_INVALID, TR("tháng %d không có ngày %d (tháng này có nhiều nhất "
			"%d ngày)", "month %d has no day %d (it has at most %d days)"), m, d,
			date_days_in_month(2024, m));
	else if (y != 0 && (d < 1 || d > date_days_in_month(y, m)))
		err_set(cause, ERR_INVALID, TR("tháng %d/%d không có ngày %d (tháng này có %d ngày)",
			"%d/%d has no day %d (the month has %d days)"), m, y, d,
			date_days_in_month(y, m));
	else
		return false;
	return true;
}

/* Say in *CAUSE that D/M/Y of TEXT is no day: true (said). */
static bool no_such_day(int dd, int m, int y, const char *text, char **cause)
{
	if (!form_date_says_why(dd, m, y, cause))
		return false;
	err_prefix(cause, TR("hạn \"%s\"", "deadline \"%s\""), text);
	return true;
}

bool form_row_due_parse(const struct form *f, const char *text, struct row_due *d,
			size_t *pos, char **cause)
{
	bool sure;

	return row_due_parse(f, text, d, pos, cause, &sure);
}

int form_due_parse(const struct form *f, const char *due, struct row_due *d, char **cause)
{
	size_t pos;
	bool sure = false;
	char *why = NULL;

	if (row_due_parse(f, due, d, &pos, &why, &sure))
		return 1;
	if (sure) {
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		return -1;
	}
	free(why);
	memset(d, 0, sizeof *d);
	return 0;
}

/* *SURE: the refusal is certain (a day the month lacks, a date outside the
 * plan's validity), not just words it cannot read. */
static bool row_due_parse(const struct form *f, const char *text, struct row_due *d,
			  size_t *pos, char **cause, bool *sure)
{
	static const char *const lead_words[] = { "before ", "truoc ngay ", "truoc ",
		"cham nhat ngay ", "cham nhat la ngay ", "cham nhat ", "trong vong ", "trong ",
		"within ", "ngay ", NULL };
	char *s = text_fold(text);
	const char *p, *q;
	int a, b, y, n = 0;
	bool ok = false, ambiguous = false, bad_day = false;

	*sure = false;
	memset(d, 0, sizeof *d);
	*pos = 0;
	if (s == NULL)
		goto out;
	for (size_t len = strlen(s); len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'); len--)
		s[len - 1] = '\0';	/* "- Thường xuyên." as plans end a cell */
	for (p = s; *p == ' ' || *p == '-'; p++)
		;
	for (bool more = true; more;) {
		more = false;
		for (const char *const *w = lead_words; *w; w++)
			if ((q = after(p, *w)) != NULL && q != p) {
				p = q;
				more = true;
				break;
			}
	}
	if (strcmp(p, "thuong xuyen") == 0 || strcmp(p, "ongoing") == 0) {
		d->kind = ROW_DUE_ONGOING;
		ok = true;
	} else if ((q = after(p, "quy ")) != NULL || (q = after(p, "quarter ")) != NULL) {
		int qn = quarter_at(q, &q);
		if (qn > 0 && (y = year_at(q, &q)) != 0 && *q == '\0') {
			if (y < 0) {
				d->kind = ROW_DUE_YEARLY;
				d->month = 3 * qn;
			} else {
				d->kind = ROW_DUE_DATE;
				d->day = date_from_ymd(y, 3 * qn, date_days_in_month(y, 3 * qn));
			}
			ok = true;
		}
	} else if ((q = after(p, "thang ")) != NULL || (q = after(p, "month ")) != NULL) {
		if (sscanf(q, "%2d%n", &a, &n) == 1 && a >= 1 && a <= 12 &&
		    (y = year_at(q + n, &q)) != 0 && *q == '\0') {
			if (y < 0) {
				d->kind = ROW_DUE_YEARLY;
				d->month = a;
			} else {
				d->kind = ROW_DUE_DATE;
				d->day = date_from_ymd(y, a, date_days_in_month(y, a));
			}
			ok = true;
		}
	} else if (((q = after(p, "6 thang dau nam ")) != NULL || (q = after(p, "6 thang cuoi nam ")) != NULL) &&
		   sscanf(q, "%4d%n", &y, &n) == 1 && n == 4 && q[4] == '\0' && y > 1900 && y < 10000) {
		/* "6 tháng đầu năm 2026": the first half-year, as `due` reads it */
		d->kind = ROW_DUE_DATE;
		d->day = p[8] == 'd' ? date_from_ymd(y, 6, 30) : date_from_ymd(y, 12, 31);
		ok = true;
	} else if ((q = after(p, "nam ")) != NULL || (q = after(p, "year ")) != NULL) {
		if (sscanf(q, "%4d%n", &y, &n) == 1 && n == 4 && q[4] == '\0' && y > 1900 &&
		    y < 10000) {
			d->kind = ROW_DUE_DATE;
			d->day = date_from_ymd(y, 12, 31);
			ok = true;
		}
	} else if (sscanf(p, "%4d-%2d-%2d%n", &y, &a, &b, &n) == 3 && n == 10 && p[10] == '\0' &&
		   date_valid(y, a, b)) {
		d->kind = ROW_DUE_DATE;
		d->day = date_from_ymd(y, a, b);
		ok = true;
	} else if (sscanf(p, "%2d/%2d/%4d%n", &a, &b, &y, &n) == 3 && p[n] == '\0' && y > 1900 &&
		   date_valid(y, b, a)) {
		d->kind = ROW_DUE_DATE;
		d->day = date_from_ymd(y, b, a);
		ok = true;
	} else if (sscanf(p, "%2d/%2d/%4d%n", &a, &b, &y, &n) == 3 && p[n] == '\0' && y > 1900 &&
		   y < 10000) {
		bad_day = no_such_day(a, b, y, text, cause);
	} else if (sscanf(p, "%4d-%2d-%2d%n", &y, &a, &b, &n) == 3 && n == 10 && p[10] == '\0') {
		bad_day = no_such_day(b, a, y, text, cause);
	} else if (sscanf(p, "%2d/%2d%n", &a, &b, &n) == 2 && p[n] != '/' && !date_valid(2024, b, a)) {
		bad_day = no_such_day(a, b, 0, text, cause);
	} else if (sscanf(p, "%2d/%2d%n", &a, &b, &n) == 2 && p[n] != '/' &&
		   date_valid(2024, b, a)) {
		const char *rest = p + n;
		while (*rest == ' ')
			rest++;
		d->kind = ROW_DUE_YEARLY;
		d->month = b;
		d->mday = a;
		if ((y = year_at(rest, &q)) == -1 && *q == '\0')
			ok = true;
		else if (((q = after(rest, "nam nay")) != NULL ||
			  (q = after(rest, "this year")) != NULL) && *q == '\0')
			ok = true;
		else if (((q = after(rest, "nam sau")) != NULL ||
			  (q = after(rest, "next year")) != NULL) && *q == '\0') {
			d->year_offset = 1;
			ok = true;
		} else if (p[n] == '\0') {
			ambiguous = true;
		}
	} else if (sscanf(p, "%d%n", &a, &n) == 1 && a >= 1 && a <= 366) {
		/* "5 ngày làm việc sau khao-sat", "10 days after khao-sat" */
		q = p + n;
		while (*q == ' ')
			q++;
		if ((p = after(q, "ngay lam viec")) != NULL || (p = after(q, "working days")) != NULL ||
		    (p = after(q, "working day")) != NULL)
			d->working = true;
		else if ((p = after(q, "ngay")) == NULL && (p = after(q, "days")) == NULL &&
			 (p = after(q, "day")) == NULL)
			p = NULL;
		if (p != NULL && ((q = after(p, "ke tu khi")) != NULL || (q = after(p, "ke tu")) != NULL ||
				  (q = after(p, "sau khi")) != NULL || (q = after(p, "sau")) != NULL ||
				  (q = after(p, "after")) != NULL)) {
			int e = event_find(f, q);
			if (e >= 0) {
				d->kind = ROW_DUE_EVENT;
				d->event = e;
				d->n = a;
				ok = true;
			}
		}
		if (!ok && q != NULL && p != NULL) {
			*pos = (size_t)(q - s);
			event_unknown(f, text, q, cause);
			free(s);
			return false;
		}
	}
	if (ok && d->kind == ROW_DUE_DATE && !in_validity(f, d->day)) {
		char from[16], to[16];
		*sure = true;
		err_set(cause, ERR_INVALID, TR("hạn \"%s\" nằm ngoài thời hạn của kế hoạch (%s – %s)",
			"deadline \"%s\" is outside the plan's validity (%s – %s)"), text,
			f->valid_from >= 0 ? date_format(f->valid_from, from, sizeof from) : "…",
			f->valid_to >= 0 ? date_format(f->valid_to, to, sizeof to) : "…");
		free(s);
		return false;
	}
out:
	free(s);
	if (bad_day) {
		*sure = true;
		return false;
	}
	if (ambiguous) {
		err_set(cause, ERR_INVALID, TR("hạn \"%s\" không nói năm nào: ghi \"%s hằng năm\", "
			"\"%s năm sau\" hoặc kèm năm (\"%s/2026\")", "deadline \"%s\" names no year: "
			"write \"%s each year\", \"%s next year\" or the year (\"%s/2026\")"),
			text, text, text, text);
		return false;
	}
	if (!ok)
		err_set(cause, ERR_INVALID, TR("không đọc được hạn \"%s\" (ví dụ: \"30/06/2026\", "
			"\"Quý II/2026\", \"tháng 9 hằng năm\", \"05/01 năm sau\", \"5 ngày làm việc "
			"sau khao-sat\", \"thường xuyên\")", "cannot read the deadline \"%s\" (e.g. "
			"\"30/06/2026\", \"Quý II/2026\", \"month 9 each year\", \"05/01 next year\", "
			"\"5 working days after khao-sat\", \"ongoing\")"), text);
	return ok;
}

long form_row_due_day(const struct form *f, const struct form_row *r, const struct period *p,
		      const struct cal *c, const long *event_days)
{
	const struct row_due *d = &r->dl;
	int y, m, dd;

	switch (d->kind) {
	case ROW_DUE_DATE:
		return d->day;
	case ROW_DUE_YEARLY:
		date_to_ymd(p->start, &y, &m, &dd);
		y += d->year_offset;
		dd = d->mday == 0 || d->mday > date_days_in_month(y, d->month)
		     ? date_days_in_month(y, d->month) : d->mday;
		return date_from_ymd(y, d->month, dd);
	case ROW_DUE_EVENT:
		if (event_days == NULL || d->event < 0 || (size_t)d->event >= f->nevents ||
		    event_days[d->event] < 0)
			return -1;
		return d->working ? cal_add_workdays(c, event_days[d->event], d->n)
				  : event_days[d->event] + d->n;
	default:
		return -1;
	}
}

const char *form_row_due_text(const struct form *f, const struct form_row *r,
			      const struct period *p, const struct cal *c,
			      const long *event_days, char *buf, size_t size)
{
	long day = form_row_due_day(f, r, p, c, event_days);
	int y, m, d;

	if (day >= 0) {
		date_to_ymd(day, &y, &m, &d);
		snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
	} else if (r->dl.kind == ROW_DUE_EVENT) {
		const struct form_event *e = &f->events[r->dl.event];
		snprintf(buf, size, TR("chờ: %s", "waiting: %s"), e->label ? e->label : e->id);
	} else if (r->dl.kind == ROW_DUE_ONGOING) {
		snprintf(buf, size, "%s", TR("thường xuyên", "ongoing"));
	} else {
		snprintf(buf, size, "%s", "");
	}
	return buf;
}

bool form_row_overdue(enum choice_progress pr, long due, const struct period *p, long today,
		      bool unheard)
{
	long by = today < p->end ? today : p->end;

	if (unheard || today < p->start)
		return false;
	return pr == PROGRESS_LATE || (pr != PROGRESS_DONE && due >= 0 && due < by);
}

bool form_period_valid(const struct form *f, const struct period *p)
{
	struct deadline_rule w = { .valid_from = f->valid_from, .valid_to = f->valid_to };

	return deadline_in_window(&w, p);
}

char *form_period_refusal(const struct form *f, int report, const char *period_id,
			  struct period *p)
{
	const struct deadline_rule *rule = &f->reports[report].rule;
	char from[16], to[16];

	if (!period_parse(rule->kind, period_id, p))
		return xasprintf(TR("'%s' không phải một kỳ của báo cáo %s (%s)",
		    "'%s' is not a period of report %s (%s)"), text_quote(period_id),
		    f->reports[report].form_id, period_kind_label(rule->kind));
	if (!deadline_in_window(rule, p))
		return xasprintf(TR("kỳ %s nằm ngoài hiệu lực của kế hoạch %s (%s – %s): "
		    "không đến hạn, không nhập được", "period %s is outside plan %s's validity "
		    "(%s – %s): never due, cannot be filled"), period_id, f->id,
		    f->valid_from >= 0 ? date_format(f->valid_from, from, sizeof from) : "…",
		    f->valid_to >= 0 ? date_format(f->valid_to, to, sizeof to) : "…");
	if (!deadline_applies(rule, p))
		return xasprintf(TR("'%s' không phải một kỳ của báo cáo %s (%s)",
		    "'%s' is not a period of report %s (%s)"), text_quote(period_id),
		    f->reports[report].form_id, period_kind_label(rule->kind));
	return NULL;
}

int form_grid_status_col(const struct form *f, int grid)
{
	for (size_t c = 0; c < f->nfields; c++) {
		const struct form_field *fd = &f->fields[c];
		if (fd->container != grid || fd->type != FIELD_SELECT_ONE || fd->list < 0)
			continue;
		for (size_t k = 0; k < f->lists[fd->list].nchoices; k++)
			if (f->lists[fd->list].choices[k].progress != PROGRESS_NONE)
				return (int)c;
	}
	return -1;
}

enum choice_progress form_row_progress(const struct form *f, const struct sub *s, int grid,
				       int row)
{
	int c = form_grid_status_col(f, grid);
	const struct form_choice *ch;

	if (c < 0 || s == NULL)
		return PROGRESS_NONE;
	ch = form_choice_of(f, c, sub_get(s, c, row));
	return ch ? ch->progress : PROGRESS_NONE;
}

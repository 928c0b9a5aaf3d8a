/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-inbox: the office's home figures and inbox pages (see
 * office-inbox.h).
 *
 * A word typed in the inbox's filter is resolved here against what is
 * small (the roster, the form ids that have submissions, the statuses'
 * names) into lists the store matches from its indexes; only a word that
 * could be part of a period id (digits, '-', ':' and the letters of
 * 2026-W45, 2026-Q3, 2026-H1, 2026-S1, 2026-11-05T07:30) is also looked for
 * in the periods. Held submissions (store_held_list: few, kept whole until
 * the unit sends again) are matched here, as the interface did.
 */
#include "office-inbox.h"
#include "office-status.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/cal.h"
#include "../forms/plan.h"
#include "../storage/store-forms.h"
#include "../storage/store-inst.h"
#include "../storage/store-settings.h"
#include "../storage/store-sub.h"
#include "../storage/store-sync.h"
#include "../sync/sync.h"

enum err
office_home_figures(struct store *st, const struct form_set *set, long now,
    struct office_home *out, char **cause)
{
	struct office_row *rows;
	size_t n;
	enum err e;

	memset(out, 0, sizeof *out);
	e = office_status(st, set, NULL, now, &rows, &n, cause);
	if (e != ERR_OK)
		return e;
	for (size_t i = 0; i < n; i++) {
		out->missing += rows[i].state == OS_MISSING;
		out->late += rows[i].state == OS_LATE;
		out->returned += rows[i].state == OS_RETURNED;
	}
	office_rows_free(rows, n);
	/* incidents and requests: due within hours, so counted here, each
	 * ad hoc report's from the kept counts and its newest from an index */
	int64_t last = -1;
	for (size_t i = 0; e == ERR_OK && i < set->n; i++) {
		const struct form *f = set->forms[i];
		for (size_t r = 0; e == ERR_OK && r < f->nreports; r++) {
			struct store_sub_filter q = { .office_unit = NULL, .status = "received",
			    .form_id = f->reports[r].form_id };
			struct store_sub *subs;
			size_t k, total;
			if (!period_kind_adhoc(f->reports[r].rule.kind))
				continue;
			e = store_sub_find(st, &q, 1, 0, &subs, &k, &total, cause);
			if (e != ERR_OK)
				break;
			out->incidents += (int)total;
			if (k > 0 && subs[0].updated_at > last) {
				last = subs[0].updated_at;
				snprintf(out->incident_last, sizeof out->incident_last, "%s %s",
				    subs[0].unit_id, subs[0].period);
			}
			store_sub_free(subs, k);
		}
	}
	return e;
}

const char *
office_sub_status_label(const char *s)
{
	if (strcmp(s, "received") == 0)
		return TR("đã nhận", "received");
	if (strcmp(s, "approved") == 0)
		return TR("đã duyệt", "approved");
	if (strcmp(s, "returned") == 0)
		return TR("bị trả lại", "returned");
	if (strcmp(s, "draft") == 0)
		return TR("nháp", "draft");
	if (strcmp(s, "held") == 0)
		return TR("giữ lại", "held back");
	return TR("hoàn tất", "final");
}

/* The words of TEXT folded (accents, case), split at spaces; *N of them. */
static char **
split_words(const char *text, size_t *n)
{
	char *f = text && *text ? text_fold(text) : NULL, *save = NULL, **v = NULL;

	*n = 0;
	if (f == NULL)
		return NULL;
	for (char *w = strtok_r(f, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(w);
	}
	free(f);
	return v;
}

static void
words_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Could W (folded) be part of a period id? */
static int
period_like(const char *w)
{
	return w[strspn(w, "0123456789-:twqhs")] == '\0';
}

/* What the inbox searches of a unit, a form, a held submission: ids with
 * spaces for dashes and as written, as the interface always did. */
static char *
hay_of(const char *a, const char *b, const char *c, const char *d, const char *e)
{
	char *h = xasprintf("%s %s %s %s %s", a, b ? b : "", c ? c : "", d ? d : "", e ? e : "");
	char *both;

	for (char *p = h; *p; p++)
		if (*p == '-')
			*p = ' ';
	both = xasprintf("%s %s %s %s", h, a, c ? c : "", d ? d : "");
	free(h);
	return both;
}

struct words {
	struct store_sub_any *any;
	size_t nany;
	char **shown, **typed;
	size_t nshown, ntyped;
	const char ***lists;	/* each any's three lists, to free */
};

static void
add_unique(const char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* Resolve the words: word I matches as shown or as typed (when both have
 * as many words; else as shown). */
static void
words_make(struct words *w, const char *text, const char *typed,
    const struct store_unit *units, size_t nunits, char **forms, size_t nforms)
{
	static const char *const statuses[] = { "final", "exported", "received", "approved",
	    "returned" };

	memset(w, 0, sizeof *w);
	w->shown = split_words(text, &w->nshown);
	w->typed = split_words(typed, &w->ntyped);
	if (w->ntyped != w->nshown) {
		words_free(w->typed, w->ntyped);
		w->typed = NULL;
		w->ntyped = 0;
	}
	w->nany = w->nshown;
	w->any = xcalloc(w->nany + 1, sizeof *w->any);
	w->lists = xcalloc(3 * w->nany + 1, sizeof *w->lists);
	for (size_t i = 0; i < w->nany; i++) {
		struct store_sub_any *a = &w->any[i];
		const char **u = NULL, **f = NULL, **s = NULL;
		for (int alt = 0; alt < (w->typed ? 2 : 1); alt++) {
			const char *word = alt ? w->typed[i] : w->shown[i];
			for (size_t k = 0; k < nunits; k++) {
				char *h = hay_of(units[k].id, units[k].name, NULL, NULL, NULL);
				if (text_match(h, word))
					add_unique(&u, &a->nunits, units[k].id);
				free(h);
			}
			for (size_t k = 0; k < nforms; k++) {
				char *h = hay_of(forms[k], NULL, forms[k], NULL, NULL);
				if (text_match(h, word))
					add_unique(&f, &a->nforms, forms[k]);
				free(h);
			}
			for (size_t k = 0; k < sizeof statuses / sizeof statuses[0]; k++)
				if (text_match(office_sub_status_label(statuses[k]), word))
					add_unique(&s, &a->nstatuses, statuses[k]);
		}
		/* periods are stored upper case (2026-W45), matched lower; shown
		 * and typed differ only where Telex or VNI made a letter, which a
		 * period has none of: the shown word, else the typed one */
		if (period_like(w->shown[i]))
			a->period_text = w->shown[i];
		else if (w->typed && period_like(w->typed[i]))
			a->period_text = w->typed[i];
		a->units = u;
		a->forms = f;
		a->statuses = s;
		w->lists[3 * i] = u;
		w->lists[3 * i + 1] = f;
		w->lists[3 * i + 2] = s;
	}
}

static void
words_clear(struct words *w)
{
	for (size_t i = 0; i < 3 * w->nany; i++)
		free(w->lists[i]);
	free(w->lists);
	free(w->any);
	words_free(w->shown, w->nshown);
	words_free(w->typed, w->ntyped);
}

/* Does a held submission's HAY match every word (as shown or as typed)? */
static int
held_matches(const struct words *w, const char *hay)
{
	for (size_t i = 0; i < w->nshown; i++)
		if (!text_match(hay, w->shown[i]) && !(w->typed && text_match(hay, w->typed[i])))
			return 0;
	return 1;
}

static const char *
name_of(const struct store_unit *units, size_t nunits, const char *id)
{
	for (size_t k = 0; k < nunits; k++)
		if (strcmp(units[k].id, id) == 0)
			return units[k].name;
	return id;
}

static void
row_from_sub(struct office_inbox_row *r, struct store_sub *s, const struct store_unit *units,
    size_t nunits, const struct store_clock_note *cn, size_t ncn)
{
	char when[20];

	memset(r, 0, sizeof *r);
	r->form_id = s->form_id;
	r->unit_id = s->unit_id;
	r->period = s->period;
	r->status = s->status;
	r->reason = s->status_reason;
	r->at = s->updated_at;
	s->form_id = s->unit_id = s->period = s->status = s->status_reason = NULL;
	r->unit_name = xstrdup(name_of(units, nunits, r->unit_id));
	for (size_t k = 0; k < ncn; k++)
		if (strcmp(cn[k].form_id, r->form_id) == 0 && strcmp(cn[k].unit_id, r->unit_id) == 0 &&
		    strcmp(cn[k].period, r->period) == 0) {
			moment_format(moment_from_unix(cn[k].claimed), when, sizeof when);
			free(r->note);
			r->note = xasprintf(TR("%s (máy ghi %s)", "%s (the device says %s)"),
			    sync_clock_note_text(cn[k].note), when);
		}
}

/* Append the stored rows matching F from OFFSET, at most LIMIT. */
static enum err
page_stored(struct store *st, const struct store_sub_filter *f, size_t offset, size_t limit,
    const struct store_unit *units, size_t nunits, const struct store_clock_note *cn,
    size_t ncn, struct office_inbox_row **rows, size_t *n, char **cause)
{
	struct store_sub *subs;
	size_t k;
	enum err e;

	if (limit == 0)
		return ERR_OK;
	e = store_sub_find(st, f, limit, offset, &subs, &k, NULL, cause);
	if (e != ERR_OK)
		return e;
	*rows = xreallocarray(*rows, *n + k + 1, sizeof **rows);
	for (size_t i = 0; i < k; i++)
		row_from_sub(&(*rows)[(*n)++], &subs[i], units, nunits, cn, ncn);
	store_sub_free(subs, k);
	return ERR_OK;
}

enum err
office_inbox_page(struct store *st, const char *text, const char *typed, int by_unit,
    size_t offset, size_t limit, struct office_inbox_row **rows, size_t *n, size_t *match,
    size_t *all, char **cause)
{
	struct store_unit *units = NULL;
	struct store_held_sub *held = NULL;
	struct store_clock_note *cn = NULL;
	char **forms = NULL;
	size_t nunits = 0, nheld = 0, ncn = 0, nforms = 0, nmatch_held = 0, stored = 0, end;
	struct words w;
	struct store_sub_filter f = { .office_unit = "van-phong" };
	enum err e;

	*rows = NULL;
	*n = 0;
	*match = 0;
	memset(&w, 0, sizeof w);
	end = limit > SIZE_MAX - offset ? SIZE_MAX : offset + limit;
	e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e == ERR_OK)
		e = store_sub_forms(st, &forms, &nforms, cause);
	if (e == ERR_OK)
		e = store_held_list(st, &held, &nheld, cause);
	if (e == ERR_OK)
		e = store_clock_notes(st, &cn, &ncn, cause);
	if (e != ERR_OK)
		goto out;
	words_make(&w, text, typed, units, nunits, forms, nforms);
	f.any = w.any;
	f.nany = w.nany;
	if (all != NULL) {
		struct store_sub_filter none = { .office_unit = "van-phong" };
		struct store_sub *unused;
		size_t k;
		e = store_sub_find(st, &none, SIZE_MAX, 0, &unused, &k, all, cause);
		if (e != ERR_OK)
			goto out;
		*all += nheld;
	}
	/* held back at import first: they wait on the unit */
	for (size_t i = 0; i < nheld; i++) {
		const char *name = name_of(units, nunits, held[i].unit_id);
		char *hay = hay_of(held[i].unit_id, name, held[i].form_id, held[i].period,
		    office_sub_status_label("held"));
		int ok = held_matches(&w, hay);
		free(hay);
		if (!ok)
			continue;
		if (nmatch_held >= offset && nmatch_held < end) {
			struct office_inbox_row *r;
			*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
			r = &(*rows)[(*n)++];
			memset(r, 0, sizeof *r);
			r->form_id = xstrdup(held[i].form_id);
			r->unit_id = xstrdup(held[i].unit_id);
			r->period = xstrdup(held[i].period);
			r->status = xstrdup("held");
			r->reason = xstrdup(held[i].reason);
			r->unit_name = xstrdup(name);
			r->held = 1;
			r->at = held[i].received_at;
		}
		nmatch_held++;
	}
	if (!by_unit) {
		e = store_sub_find(st, &f, SIZE_MAX, 0, NULL, NULL, &stored, cause);
		if (e == ERR_OK && end > nmatch_held)
			e = page_stored(st, &f, offset > nmatch_held ? offset - nmatch_held : 0,
			    end - (offset > nmatch_held ? offset : nmatch_held), units, nunits, cn, ncn,
			    rows, n, cause);
	} else {
		/* unit by unit, the roster's order: each one's count, then the
		 * units the page falls in */
		size_t at = nmatch_held;
		for (size_t u = 0; e == ERR_OK && u < nunits; u++) {
			size_t c, from, to;
			f.unit_id = units[u].id;
			e = store_sub_find(st, &f, SIZE_MAX, 0, NULL, NULL, &c, cause);
			if (e != ERR_OK)
				break;
			from = offset > at ? offset - at : 0;
			to = end > at ? end - at : 0;
			if (to > c)
				to = c;
			if (from < to)
				e = page_stored(st, &f, from, to - from, units, nunits, cn, ncn, rows, n,
				    cause);
			at += c;
			stored += c;
		}
	}
	*match = nmatch_held + stored;
out:
	if (e != ERR_OK) {
		office_inbox_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	words_clear(&w);
	store_unit_free(units, nunits);
	words_free(forms, nforms);
	store_held_free(held, nheld);
	store_clock_notes_free(cn, ncn);
	return e;
}

void
office_inbox_free(struct office_inbox_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].form_id);
		free(rows[i].unit_id);
		free(rows[i].period);
		free(rows[i].status);
		free(rows[i].reason);
		free(rows[i].unit_name);
		free(rows[i].note);
	}
	free(rows);
}

enum err
office_unit_due_subs(struct store *st, const struct form_set *set, const char *unit_id,
    const char *kind, long now, struct store_sub **subs, size_t *n, char **cause)
{
	const char **forms = NULL, **periods = NULL, **open = NULL;
	char (*ids)[PERIOD_ID_MAX] = NULL;
	size_t nkeys = 0, nopen = 0, cap = 0;
	enum err e;

	/* the periods a home screen can show: each report's current and
	 * previous one; ad hoc reports (and those with none current) whole */
	for (size_t i = 0; i < set->n; i++) {
		const struct form *f = set->forms[i];
		if (kind != NULL && !form_sees(f, kind))
			continue;
		for (size_t r = 0; r < f->nreports; r++) {
			const struct deadline_rule *rule = &f->reports[r].rule;
			struct period p, prev;
			if (!deadline_current(rule, now, &set->cal, &p)) {
				open = xreallocarray(open, nopen + 1, sizeof *open);
				open[nopen++] = f->reports[r].form_id;
				continue;
			}
			for (int k = 0; k < 2; k++) {
				if (k == 1 && !deadline_previous(rule, &p, &prev))
					break;
				if (nkeys == cap) {
					cap = cap ? 2 * cap : 64;
					ids = xreallocarray(ids, cap, sizeof *ids);
				}
				period_format(k ? &prev : &p, ids[nkeys], PERIOD_ID_MAX);
				forms = xreallocarray(forms, nkeys + 1, sizeof *forms);
				forms[nkeys++] = f->reports[r].form_id;
			}
		}
	}
	periods = xcalloc(nkeys + 1, sizeof *periods);
	for (size_t i = 0; i < nkeys; i++)
		periods[i] = ids[i];
	e = store_sub_unit_keys(st, unit_id, forms, periods, nkeys, open, nopen, subs, n, cause);
	free(forms);
	free(periods);
	free(open);
	free(ids);
	return e;
}

/*
 * The form set, kept between calls: what identifies the database (its
 * file, its installation's creation) and what would change the set (the
 * forms table only grows: its row count and last rowid; the holidays
 * setting, whole). A home screen opened again (after the inbox, a form)
 * thus parses no YAML unless something was installed meanwhile.
 */
static struct {
	int have;
	char *file, *holidays;
	int64_t created, nforms, last;
	struct form_set set;
} kept;

static enum err
forms_key(struct store *st, char **file, char **holidays, int64_t *created, int64_t *nforms,
    int64_t *last, char **cause)
{
	struct store_install in;
	const char *f = sqlite3_db_filename(store_sqlite(st), "main");
	enum err e;

	*file = xstrdup(f ? f : "");
	*holidays = NULL;
	e = store_install_get(st, &in, cause);
	if (e != ERR_OK)
		return e;
	*created = in.created_at;
	store_install_free(&in);
	e = store_forms_stamp(st, nforms, last, cause);
	if (e == ERR_OK)
		e = store_setting_get(st, STORE_SETTING_HOLIDAYS, holidays, cause);
	return e;
}

enum err
office_forms(struct store *st, const struct form_set **set, char **cause)
{
	char *file, *hol;
	int64_t created, nforms, last;
	enum err e = forms_key(st, &file, &hol, &created, &nforms, &last, cause);

	*set = NULL;
	if (e == ERR_OK && kept.have && strcmp(kept.file, file) == 0 && kept.created == created &&
	    kept.nforms == nforms && kept.last == last && (hol == NULL) == (kept.holidays == NULL) &&
	    (hol == NULL || strcmp(hol, kept.holidays) == 0)) {
		free(file);
		free(hol);
		*set = &kept.set;
		return ERR_OK;
	}
	office_forms_forget();
	if (e == ERR_OK)
		e = form_set_load(st, &kept.set, cause);
	if (e != ERR_OK) {
		free(file);
		free(hol);
		return e;
	}
	kept.have = 1;
	kept.file = file;
	kept.holidays = hol;
	kept.created = created;
	kept.nforms = nforms;
	kept.last = last;
	*set = &kept.set;
	return ERR_OK;
}

void
office_forms_forget(void)
{
	if (kept.have)
		form_set_free(&kept.set);
	free(kept.file);
	free(kept.holidays);
	memset(&kept, 0, sizeof kept);
}

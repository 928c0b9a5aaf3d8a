/*
 * form-install: forms in the database (see form-install.h).
 */
#include "form-install.h"

#include "plan.h"
#include "../storage/store-inst.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "ytree.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../storage/store-forms.h"
#include "../storage/store-settings.h"

bool form_text_is_calendar(const char *text, size_t len)
{
	struct ynode *root;
	int line, col;
	char *cause = NULL;
	bool yes;

	root = ytree_parse(text, len, &line, &col, &cause);
	free(cause);
	yes = root != NULL && root->kind == YNODE_MAP && ynode_get(root, "holidays") != NULL;
	ytree_free(root);
	return yes;
}

/* Add KIND to the set *KINDS (*N) unless there. */
static void kind_add(char ***kinds, size_t *n, const char *kind)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*kinds)[i], kind) == 0)
			return;
	*kinds = xreallocarray(*kinds, *n + 1, sizeof **kinds);
	(*kinds)[(*n)++] = xstrdup(kind);
}

char **form_catalog_kinds(size_t *n)
{
	char **kinds = NULL;

	*n = 0;
	for (size_t i = 0; i < catalog_nfiles; i++) {
		struct form_errors errs;
		struct form *f;

		if (strcmp(catalog_files[i].name, CATALOG_HOLIDAYS) == 0)
			continue;
		f = form_load(catalog_files[i].name, catalog_files[i].text, catalog_files[i].len,
			      &errs);
		if (f == NULL) {
			form_errors_free(&errs);
			continue;
		}
		for (size_t k = 0; k < f->nkind_uses; k++)
			kind_add(&kinds, n, f->kind_uses[k].kind);
		form_free(f);
	}
	return kinds;
}

enum err form_roster_kinds(struct store *st, char ***kinds, size_t *n, char **cause)
{
	struct store_unit *units;
	size_t nunits;
	enum err e;

	*kinds = NULL;
	*n = 0;
	e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e != ERR_OK)
		return e;
	for (size_t i = 0; i < nunits; i++)
		kind_add(kinds, n, units[i].kind);
	store_unit_free(units, nunits);
	return ERR_OK;
}

void form_kinds_free(char **kinds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(kinds[i]);
	free(kinds);
}

/* The warnings of F, and a roster check of its kinds, as ERRS's lines. */
static void install_warnings(struct store *st, struct form *f, struct form_errors *errs)
{
	struct store_install in;
	char **kinds = NULL, *cause = NULL;
	size_t nkinds = 0;

	/* only the office keeps the roster; a field unit's copy names itself */
	if (store_install_get(st, &in, &cause) == ERR_OK) {
		if (in.role == STORE_ROLE_OFFICE &&
		    form_roster_kinds(st, &kinds, &nkinds, &cause) == ERR_OK && nkinds > 0)
			form_check_kinds(f, (const char *const *)kinds, nkinds,
					 TR("trong danh sách đơn vị", "on the roster"));
		store_install_free(&in);
	}
	free(cause);
	form_kinds_free(kinds, nkinds);
	errs->lines = xcalloc(f->nnotes + 1, sizeof *errs->lines);
	for (size_t i = 0; i < f->nnotes; i++)
		errs->lines[errs->n++] = xstrdup(f->notes[i]);
}

enum err form_install_text(struct store *st, const char *path, const char *text, size_t len,
			   struct form_errors *errs, int *added, char **cause)
{
	struct form *f;
	enum err e;

	*added = 0;
	memset(errs, 0, sizeof *errs);
	if (len <= FORM_MAX_BYTES && memchr(text, '\0', len) == NULL && form_text_is_calendar(text, len)) {
		struct cal c = { 0 };
		if (!form_calendar_load(path, text, len, &c, errs))
			return ERR_INVALID;
		cal_free(&c);
		/* a calendar has no version: each install replaces the last */
		return store_setting_set(st, STORE_SETTING_HOLIDAYS, text, added, cause);
	}
	f = form_load(path, text, len, errs);
	if (f == NULL)
		return ERR_INVALID;
	install_warnings(st, f, errs);
	e = store_form_put(st, f->id, f->version, f->title, f->unit_kind, text, added, cause);
	form_free(f);
	return e;
}

enum err form_install_catalog(struct store *st, const char *unit_kind, int *count,
			      char **cause)
{
	*count = 0;
	for (size_t i = 0; i < catalog_nfiles; i++) {
		const struct catalog_file *cf = &catalog_files[i];
		struct form_errors errs;
		enum err e;
		int added;
		struct form *f = NULL;

		if (strcmp(cf->name, CATALOG_HOLIDAYS) != 0) {
			f = form_load(cf->name, cf->text, cf->len, &errs);
			if (f == NULL) {
				/* the build checks the catalogue; this is a broken binary */
				e = err_set(cause, ERR_CORRUPT, "%s", errs.lines[0]);
				form_errors_free(&errs);
				return e;
			}
			if (unit_kind != NULL && !form_sees(f, unit_kind)) {
				form_free(f);
				continue;
			}
		}
		e = form_install_text(st, cf->name, cf->text, cf->len, &errs, &added, cause);
		if (e == ERR_INVALID && errs.n > 0)
			e = err_set(cause, ERR_CORRUPT, "%s", errs.lines[0]);
		form_errors_free(&errs);
		if (e != ERR_OK && e != ERR_VERSION) {
			form_free(f);
			return e;
		}
		if (f != NULL)
			*count += (int)f->nreports;
		form_free(f);
	}
	return ERR_OK;
}

void form_builtin_calendar(struct cal *c)
{
	for (size_t i = 0; i < catalog_nfiles; i++) {
		struct form_errors errs;
		if (strcmp(catalog_files[i].name, CATALOG_HOLIDAYS) != 0)
			continue;
		if (!form_calendar_load(catalog_files[i].name, catalog_files[i].text,
					catalog_files[i].len, c, &errs))
			form_errors_free(&errs);
	}
}

enum err form_set_load(struct store *st, struct form_set *set, char **cause)
{
	struct store_form *rows;
	size_t n;
	char *hol = NULL;
	enum err e;

	memset(set, 0, sizeof *set);
	e = store_form_latest(st, &rows, &n, cause);
	if (e != ERR_OK)
		return e;
	set->forms = xcalloc(n + 1, sizeof *set->forms);
	for (size_t i = 0; i < n; i++) {
		struct form_errors errs;
		char *name = xasprintf("%s@%d", rows[i].id, rows[i].version);
		struct form *f = form_load(name, rows[i].definition, strlen(rows[i].definition),
					   &errs);
		free(name);
		if (f == NULL) {
			/* it was checked when installed: the database was changed */
			e = err_set(cause, ERR_CORRUPT, "%s", errs.lines[0]);
			form_errors_free(&errs);
			break;
		}
		set->forms[set->n++] = f;
	}
	store_form_free(rows, n);
	if (e == ERR_OK)
		e = store_setting_get(st, STORE_SETTING_HOLIDAYS, &hol, cause);
	if (e == ERR_OK && hol != NULL) {
		struct form_errors errs;
		if (!form_calendar_load(TR("lịch ngày nghỉ đã cài", "installed calendar"), hol,
					strlen(hol), &set->cal, &errs)) {
			e = err_set(cause, ERR_CORRUPT, "%s", errs.lines[0]);
			form_errors_free(&errs);
		}
	} else if (e == ERR_OK) {
		form_builtin_calendar(&set->cal);
	}
	free(hol);
	if (e != ERR_OK)
		form_set_free(set);
	return e;
}

void form_set_free(struct form_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		form_free(set->forms[i]);
	free(set->forms);
	cal_free(&set->cal);
	memset(set, 0, sizeof *set);
}

bool form_set_find(const struct form_set *set, const char *id, const struct form **f,
		   int *report)
{
	for (size_t i = 0; i < set->n; i++) {
		int r = form_report_index(set->forms[i], id);
		if (r >= 0) {
			*f = set->forms[i];
			*report = r;
			return true;
		}
	}
	return false;
}

enum err form_unit_kind(struct store *st, const char *unit_id, char **kind, char **cause)
{
	struct store_unit *u;
	size_t n;
	enum err e = store_unit_list(st, NULL, &u, &n, cause);

	*kind = NULL;
	if (e != ERR_OK)
		return e;
	for (size_t i = 0; i < n && *kind == NULL; i++)
		if (strcmp(u[i].id, unit_id) == 0)
			*kind = xstrdup(u[i].kind);
	store_unit_free(u, n);
	if (*kind == NULL)
		return err_set(cause, ERR_NOTFOUND, TR("không có đơn vị '%s' trong danh sách",
		    "no unit '%s' on the roster"), unit_id);
	return ERR_OK;
}

static char *event_key(const struct form *f, const char *event)
{
	return xasprintf("event:%s:%s", f->id, event);
}

enum err form_event_record(struct store *st, const struct form *f, const char *event, long day,
			   char **cause)
{
	char buf[16], *key;
	enum err e;
	bool known = false;

	for (size_t i = 0; i < f->nevents; i++)
		known |= strcmp(f->events[i].id, event) == 0;
	if (!known) {
		struct buf b;
		buf_init(&b, 1024);
		for (size_t i = 0; i < f->nevents; i++)
			if (buf_printf(&b, "%s%s", i ? ", " : "", f->events[i].id) < 0)
				break;
		e = err_set(cause, ERR_INVALID, TR("biểu mẫu %s không có sự kiện '%s' (có: %s)",
		    "form %s has no event '%s' (it has: %s)"), f->id, event,
		    b.data && *b.data ? b.data : TR("không có", "none"));
		buf_free(&b);
		return e;
	}
	key = event_key(f, event);
	e = store_setting_set(st, key, date_format(day, buf, sizeof buf), NULL, cause);
	free(key);
	return e;
}

enum err form_event_days(struct store *st, const struct form *f, long **days, char **cause)
{
	*days = xcalloc(f->nevents + 1, sizeof **days);
	for (size_t i = 0; i < f->nevents; i++) {
		char *key = event_key(f, f->events[i].id), *v = NULL;
		enum err e = store_setting_get(st, key, &v, cause);
		free(key);
		if (e != ERR_OK) {
			free(*days);
			*days = NULL;
			return e;
		}
		if (v == NULL || !date_parse(v, &(*days)[i]))
			(*days)[i] = -1;
		free(v);
	}
	return ERR_OK;
}

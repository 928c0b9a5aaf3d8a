/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "../storage/store-sub.h"

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

/* The office's roster kinds, into *KINDS (free with form_kinds_free), and
 * K set to check a definition against them; a field unit's copy of a form
 * names itself, so there K holds none. */
static void install_kinds(struct store *st, char ***kinds, size_t *n, struct form_kinds *k)
{
	struct store_install in;
	char *cause = NULL;

	*kinds = NULL;
	*n = 0;
	if (store_install_get(st, &in, &cause) == ERR_OK) {
		if (in.role != STORE_ROLE_OFFICE || form_roster_kinds(st, kinds, n, &cause) != ERR_OK)
			*n = 0;
		store_install_free(&in);
	}
	free(cause);
	*k = (struct form_kinds){ (const char *const *)*kinds, *n,
		TR("trong danh sách đơn vị", "on the roster") };
}

/* The warnings of F (its kinds were checked as it loaded) as ERRS's lines. */
static void install_warnings(struct form *f, struct form_errors *errs)
{
	errs->lines = xcalloc(f->nnotes + 1, sizeof *errs->lines);
	for (size_t i = 0; i < f->nnotes; i++)
		errs->lines[errs->n++] = xstrdup(f->notes[i]);
}

enum err form_install_text(struct store *st, const char *path, const char *text, size_t len,
			   struct form_errors *errs, int *added, char **cause)
{
	struct form *f;
	struct form_kinds k;
	char **kinds;
	size_t nkinds;
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
	install_kinds(st, &kinds, &nkinds, &k);
	f = form_load_kinds(path, text, len, &k, errs);
	form_kinds_free(kinds, nkinds);
	if (f == NULL)
		return ERR_INVALID;
	install_warnings(f, errs);
	e = store_form_put(st, f->id, f->version, f->title, f->unit_kind, text, added, cause);
	form_free(f);
	return e;
}

/*
 * What installing NEW over OLD (the version in use) would change that the
 * clerk must mean: another title or unit kind, a report that disappears
 * (with how many submissions it has). "; "-joined into *WHAT (allocated, ""
 * when nothing); *GRAVE when it must not happen without --force.
 */
/* Append PIECE (taken) to *ACC, "; "-joined. */
static void change_add(char **acc, char *piece)
{
	char *j = *acc ? xasprintf("%s; %s", *acc, piece) : piece;

	if (*acc) {
		free(*acc);
		free(piece);
	}
	*acc = j;
}

static enum err shape_changes(struct store *st, const struct form *old, const struct form *nf,
			      char **what, bool *grave, char **cause)
{
	enum err e = ERR_OK;

	*grave = false;
	*what = NULL;
	if (strcmp(old->title, nf->title) != 0) {
		change_add(what, xasprintf(TR("tên đổi từ \"%s\" thành \"%s\"", "the title "
			   "changes from \"%s\" to \"%s\""), old->title, nf->title));
		*grave = true;
	}
	if (strcmp(old->unit_kind, nf->unit_kind) != 0) {
		change_add(what, xasprintf(TR("loại đơn vị đổi từ '%s' sang '%s'", "the unit kind "
			   "changes from '%s' to '%s'"), old->unit_kind, nf->unit_kind));
		*grave = true;
	}
	for (size_t r = 0; e == ERR_OK && r < old->nreports; r++) {
		size_t count = 0;
		int k = form_report_index(nf, old->reports[r].form_id);
		int j = k < 0 ? form_report_by_id(nf, old->reports[r].id) : -1;
		if (j >= 0) {
			/* the same report under another id: a form that keeps one of
			 * two reports names it by the form's id alone (FORMAT.md),
			 * and one that gains a second names the first FORM-REPORT.
			 * What units filled under the old id, and have not sent,
			 * would be held as a form not installed: never silently. */
			e = store_sub_count_form(st, old->reports[r].form_id, &count, cause);
			if (e != ERR_OK)
				break;
			change_add(what, xasprintf(TR("báo cáo %s đổi mã thành %s (%zu bài nộp; bài đơn "
			    "vị chưa gửi theo mã cũ sẽ bị giữ lại)", "report %s is renamed %s (%zu "
			    "submissions; what units have not sent under the old id will be held "
			    "back)"), old->reports[r].form_id, nf->reports[j].form_id, count));
			*grave = true;
			continue;
		}
		if (k >= 0 && nf->reports[k].rule.kind == old->reports[r].rule.kind)
			continue;
		e = store_sub_count_form(st, old->reports[r].form_id, &count, cause);
		if (e != ERR_OK)
			break;
		if (k < 0)
			change_add(what, xasprintf(TR("báo cáo %s mất (%zu bài nộp)", "report %s "
				   "disappears (%zu submissions)"), old->reports[r].form_id, count));
		else	/* its periods would no longer read */
			change_add(what, xasprintf(TR("báo cáo %s đổi kỳ từ %s sang %s (%zu bài nộp)",
				   "report %s changes its period from %s to %s (%zu submissions)"),
				   old->reports[r].form_id, period_kind_name(old->reports[r].rule.kind),
				   period_kind_name(nf->reports[k].rule.kind), count));
		if (count > 0)
			*grave = true;
	}
	if (e != ERR_OK) {
		free(*what);
		*what = NULL;
	} else if (*what == NULL) {
		*what = xstrdup("");
	}
	return e;
}

/*
 * A row's lead kind, or the form's `unit:`, that no unit of the roster has
 * and the catalogue does not name is work owed by no one: ERR_INVALID with
 * its line:col and the nearest known kind, unless FORCE. ROSTER (N kinds)
 * empty = the roster is not known (a field installation, no units yet):
 * nothing is refused.
 */
static enum err lead_kinds_known(const struct form *f, const char *path, char **roster,
				 size_t n, bool force, char **cause)
{
	char **known;
	size_t nknown;
	enum err e = ERR_OK;

	if (n == 0 || force)
		return ERR_OK;
	known = form_catalog_kinds(&nknown);
	for (size_t i = 0; i < n; i++)
		kind_add(&known, &nknown, roster[i]);
	for (size_t i = 0; i < f->nkind_uses && e == ERR_OK; i++) {
		const struct form_kind_use *u = &f->kind_uses[i];
		const char *near, *who, *owed;
		char *where;
		bool found = false, unit = strcmp(u->key, "unit") == 0;

		if (strcmp(u->key, "lead") != 0 && !unit)
			continue;
		for (size_t j = 0; j < nknown && !found; j++)
			found = strcmp(known[j], u->kind) == 0;
		if (found)
			continue;
		near = form_nearest(u->kind, (const char *const *)known, nknown);
		where = xasprintf("%s:%d:%d", path, u->line, u->col);
		/* a form's unit said as a lead is: what, why it matters, the way out */
		who = unit ? TR("đơn vị nộp (unit)", "unit") : TR("chủ trì", "lead");
		owed = unit ? TR("không ai nộp biểu mẫu theo loại này", "no unit files the form as "
		    "that kind") : TR("dòng đó không ai phải làm", "that row is owed by no one");
		if (near != NULL)
			e = err_set_at(cause, ERR_INVALID, where, TR("%s '%s' không phải loại đơn vị "
			    "nào (danh sách đơn vị, danh mục): %s; có phải '%s'? Không cài; nếu đúng ý "
			    "(đơn vị sẽ thêm sau), cài với --force", "%s '%s' is no unit kind (roster, "
			    "catalogue): %s; did you mean '%s'? Not installed; if that is meant (a unit "
			    "added later), install with --force"), who, u->kind, owed, near);
		else
			e = err_set_at(cause, ERR_INVALID, where, TR("%s '%s' không phải loại đơn vị "
			    "nào (danh sách đơn vị, danh mục): %s. Không cài; nếu đúng ý (đơn vị sẽ "
			    "thêm sau), cài với --force", "%s '%s' is no unit kind (roster, catalogue): "
			    "%s. Not installed; if that is meant (a unit added later), install with "
			    "--force"), who, u->kind, owed);
		free(where);
	}
	form_kinds_free(known, nknown);
	return e;
}

enum err form_install_checked(struct store *st, const char *path, const char *text, size_t len,
			      bool force, struct form_errors *errs, int *added, char **cause)
{
	struct store_form cur;
	struct form *nf, *old;
	struct form_kinds k;
	char **kinds;
	size_t nkinds;
	char *what = NULL;
	bool grave = false;
	enum err e;

	*added = 0;
	memset(errs, 0, sizeof *errs);
	if (len > FORM_MAX_BYTES || memchr(text, '\0', len) != NULL || form_text_is_calendar(text, len))
		return form_install_text(st, path, text, len, errs, added, cause);
	/* errors and the roster's warnings together */
	install_kinds(st, &kinds, &nkinds, &k);
	nf = form_load_kinds(path, text, len, &k, errs);
	if (nf == NULL) {
		form_kinds_free(kinds, nkinds);
		return ERR_INVALID;
	}
	e = lead_kinds_known(nf, path, kinds, nkinds, force, cause);
	form_kinds_free(kinds, nkinds);
	if (e != ERR_OK) {
		form_free(nf);
		return e;
	}
	e = store_form_get(st, nf->id, 0, &cur, cause);
	if (e == ERR_NOTFOUND) {
		free(*cause);
		*cause = NULL;
		form_free(nf);
		return form_install_text(st, path, text, len, errs, added, cause);
	}
	if (e != ERR_OK) {
		form_free(nf);
		return e;
	}
	if (cur.version > nf->version) {
		/* an older version, even its exact text, is not "unchanged" */
		e = err_set(cause, ERR_VERSION, TR("biểu mẫu %s phiên bản %d cũ hơn phiên bản đang "
		    "dùng (%d): không cài; muốn quay lại thì sửa tệp thành phiên bản %d", "form %s "
		    "version %d is older than the version in use (%d): not installed; to go back, "
		    "make the file version %d"), nf->id, nf->version, cur.version, cur.version + 1);
	} else if (cur.version < nf->version) {
		struct form_errors oerrs;
		old = form_load(cur.id, cur.definition, strlen(cur.definition), &oerrs);
		if (old == NULL)
			form_errors_free(&oerrs);
		else
			e = shape_changes(st, old, nf, &what, &grave, cause);
		form_free(old);
		if (e == ERR_OK && grave && !force)
			e = err_set(cause, ERR_INVALID, TR("biểu mẫu %s phiên bản %d khác phiên bản "
			    "đang dùng (%d): %s; nếu đúng ý, cài với --force", "form %s version %d "
			    "differs from the version in use (%d): %s; if that is meant, install with "
			    "--force"), nf->id, nf->version, cur.version, what);
	}
	free(cur.id);
	free(cur.title);
	free(cur.unit_kind);
	free(cur.definition);
	form_free(nf);
	if (e == ERR_OK)
		e = form_install_text(st, path, text, len, errs, added, cause);
	if (e == ERR_OK && what != NULL && *what != '\0') {
		/* said, when it went through (forced, or nothing lost) */
		errs->lines = xreallocarray(errs->lines, errs->n + 2, sizeof *errs->lines);
		errs->lines[errs->n++] = err_fmt_at(path, TR("cảnh báo: %s", "warning: %s"),
						   what);
		errs->lines[errs->n] = NULL;
	}
	free(what);
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

static unsigned long set_loads;	/* form_set_loads */

unsigned long form_set_loads(void)
{
	return set_loads;
}

enum err form_set_load(struct store *st, struct form_set *set, char **cause)
{
	struct store_form *rows;
	size_t n;
	char *hol = NULL;
	enum err e;

	memset(set, 0, sizeof *set);
	set_loads++;
	set->older = xcalloc(1, sizeof *set->older);
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
	if (set->older != NULL) {
		for (size_t i = 0; i < set->older->n; i++)
			form_free(set->older->forms[i]);
		free(set->older->forms);
		free(set->older);
	}
	cal_free(&set->cal);
	memset(set, 0, sizeof *set);
}

/* Older versions a set keeps at most: past them it starts again. */
#define FORM_SET_OLDER_MAX 64

static unsigned long version_loads;	/* form_set_version_loads */

unsigned long form_set_version_loads(void)
{
	return version_loads;
}

const struct form *form_set_version(const struct form_set *set, struct store *st,
				    const char *id, int ver, char **why)
{
	struct form_older *o = set->older;
	struct store_form sf;
	struct form_errors errs;
	struct form *f;
	char *c = NULL;

	*why = NULL;
	for (size_t i = 0; i < o->n; i++)
		if (o->forms[i]->version == ver && strcmp(o->forms[i]->id, id) == 0)
			return o->forms[i];
	if (store_form_get(st, id, ver, &sf, &c) != ERR_OK) {
		free(c);
		*why = xasprintf(TR("phiên bản %d của biểu mẫu '%s' không có ở văn phòng",
		    "version %d of form '%s' is not at the office"), ver, id);
		return NULL;
	}
	version_loads++;
	f = form_load(sf.id, sf.definition, strlen(sf.definition), &errs);
	/* one record on the stack, not an array: its members only */
	free(sf.id);
	free(sf.title);
	free(sf.unit_kind);
	free(sf.definition);
	form_errors_free(&errs);
	if (f == NULL || f->version != ver || strcmp(f->id, id) != 0) {
		form_free(f);
		*why = xasprintf(TR("phiên bản %d của biểu mẫu '%s' không đọc được ở văn phòng",
		    "version %d of form '%s' cannot be read at the office"), ver, id);
		return NULL;
	}
	if (o->n >= FORM_SET_OLDER_MAX) {
		/* a set that read very many versions: memory stays bounded */
		for (size_t i = 0; i < o->n; i++)
			form_free(o->forms[i]);
		o->n = 0;
	}
	o->forms = xreallocarray(o->forms, o->n + 1, sizeof *o->forms);
	o->forms[o->n++] = f;
	return f;
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-units.c: the office changes its roster (see office-units.h).
 */
#include "office-units.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../storage/store-inst.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ERR_INVALID with WHY unless this is the office. */
static enum err
office_only(struct store *st, const char *why, char **cause)
{
	struct store_install in;
	enum err e = store_install_get(st, &in, cause);

	if (e == ERR_OK) {
		if (in.role != STORE_ROLE_OFFICE)
			e = err_set(cause, ERR_INVALID, "%s", why);
		store_install_free(&in);
	}
	return e;
}

static void
add_kind(char ***kinds, size_t *n, const char *k)
{
	for (size_t j = 0; j < *n; j++)
		if (strcmp((*kinds)[j], k) == 0)
			return;
	*kinds = xreallocarray(*kinds, *n + 1, sizeof **kinds);
	(*kinds)[(*n)++] = xstrdup(k);
}

enum err
office_unit_kinds(struct store *st, char ***kinds, size_t *n, char **cause)
{
	struct form_set set;
	enum err e;

	*kinds = NULL;
	*n = 0;
	if ((e = form_set_load(st, &set, cause)) != ERR_OK)
		return e;
	for (size_t i = 0; i < set.n; i++) {
		const struct form *f = set.forms[i];
		add_kind(kinds, n, f->unit_kind);
		for (size_t k = 0; k < f->nkind_uses; k++)	/* a plan's row leads */
			if (strcmp(f->kind_uses[k].key, "lead") == 0)
				add_kind(kinds, n, f->kind_uses[k].kind);
	}
	form_set_free(&set);
	if (*n > 1)
		qsort(*kinds, *n, sizeof **kinds, str_cmp);
	return ERR_OK;
}

void
office_unit_kinds_free(char **kinds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(kinds[i]);
	free(kinds);
}

/* A kind some form is for, or that leads rows of a plan; ERR_INVALID
 * naming the kinds there are otherwise. A kind that is not even a valid id
 * is left to the store's own message. */
static enum err
kind_known(struct store *st, const char *kind, char **cause)
{
	struct form_set set;
	char **k, list[1024] = "";
	size_t nk, len = 0;
	enum err e;

	if (!store_id_valid(kind))
		return ERR_OK;
	if ((e = form_set_load(st, &set, cause)) != ERR_OK)
		return e;
	for (size_t i = 0; i < set.n; i++)
		if (form_owed_by(set.forms[i], -1, kind)) {
			form_set_free(&set);
			return ERR_OK;	/* it leads rows of a plan */
		}
	form_set_free(&set);
	if ((e = office_unit_kinds(st, &k, &nk, cause)) != ERR_OK)
		return e;
	for (size_t i = 0; i < nk; i++)
		if (strcmp(k[i], kind) == 0) {
			office_unit_kinds_free(k, nk);
			return ERR_OK;
		}
	for (size_t i = 0; i < nk; i++)
		len += (size_t)snprintf(list + len, len < sizeof list ? sizeof list - len : 0,
		    "%s%s", i ? ", " : "", k[i]);
	office_unit_kinds_free(k, nk);
	return err_set(cause, ERR_INVALID, TR("không có biểu mẫu nào cho loại đơn vị '%s'; các "
	    "loại có biểu mẫu: %s", "no form is for unit kind '%s'; the kinds forms are for: %s"),
	    text_quote(kind), list);
}

static bool
id_taken(const struct store_unit *u, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].id, id) == 0)
			return true;
	return false;
}

/*
 * The id made from NAME when it is longer than an id may be: cut at the
 * last word ('-') that fits, and made unique on the roster with "-2",
 * "-3"... NULL when the name's own id fits (storage makes it) or the name
 * makes no id at all (storage says why). *CAUSE on a roster it cannot read.
 */
static char *
long_name_id(struct store *st, const char *name, enum err *e, char **cause)
{
	char *slug = name ? text_slug(name) : NULL, *id;
	struct store_unit *u = NULL;
	size_t n = 0, len;

	*e = ERR_OK;
	if (slug == NULL || strlen(slug) <= OFFICE_UNIT_ID_MAX) {
		free(slug);
		return NULL;
	}
	if ((*e = store_unit_list(st, NULL, &u, &n, cause)) != ERR_OK) {
		free(slug);
		return NULL;
	}
	for (int k = 1; ; k++) {
		char suffix[16] = "";
		if (k > 1)
			snprintf(suffix, sizeof suffix, "-%d", k);
		len = OFFICE_UNIT_ID_MAX - strlen(suffix);
		/* at a word's end: the last '-' within the room left */
		while (len > 0 && slug[len] != '-')
			len--;
		if (len == 0)
			len = OFFICE_UNIT_ID_MAX - strlen(suffix);
		while (len > 0 && slug[len - 1] == '-')
			len--;
		id = xasprintf("%.*s%s", (int)len, slug, suffix);
		if (!id_taken(u, n, id))
			break;
		free(id);
	}
	store_unit_free(u, n);
	free(slug);
	return id;
}

enum err
office_unit_add(struct store *st, const char *id, const char *kind, const char *name,
    char **made, int *shortened, char **cause)
{
	char *cut = NULL;
	enum err e;

	*made = NULL;
	if (shortened != NULL)
		*shortened = 0;
	if (id != NULL && strlen(id) > OFFICE_UNIT_ID_MAX)
		return err_set(cause, ERR_INVALID, TR("mã đơn vị dài %zu ký tự, quá giới hạn %d: %s",
		    "the unit id is %zu characters long, over the limit of %d: %s"), strlen(id),
		    OFFICE_UNIT_ID_MAX, text_quote(id));
	e = office_only(st, TR("chỉ văn phòng xã thêm đơn vị; danh sách đơn vị của máy này đến "
	    "từ gói của văn phòng", "only the commune office adds units; this installation gets "
	    "its roster from the office pack"), cause);
	if (e == ERR_OK)
		e = kind_known(st, kind, cause);
	if (e == ERR_OK && id == NULL && (cut = long_name_id(st, name, &e, cause)) != NULL)
		id = cut;
	if (e == ERR_OK)
		e = store_unit_add(st, id, kind, name, made, cause);
	if (e == ERR_OK && cut != NULL && shortened != NULL)
		*shortened = 1;
	free(cut);
	return e;
}

enum err
office_unit_update(struct store *st, const char *id, const char *name, int active,
    char **cause)
{
	enum err e = office_only(st, TR("chỉ văn phòng xã sửa danh sách đơn vị",
	    "only the commune office changes the roster"), cause);

	if (e == ERR_OK)
		e = store_unit_update(st, id, name, active, cause);
	return e;
}

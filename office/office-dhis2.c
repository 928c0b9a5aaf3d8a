/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-dhis2: the consolidated report as a DHIS2 dataValueSets document,
 * the JSON that DHIS2's import API (POST /api/dataValueSets) takes:
 *
 *   { "dataSet": "...", "period": "202610",
 *     "dataValues": [ { "dataElement": "...", "categoryOptionCombo": "...",
 *                       "orgUnit": "...", "period": "202610", "value": "102" } ] }
 *
 * What goes where comes from a mapping file (YAML, README "DHIS2"):
 *
 *   dataSet: QX4ZTUbOt3a              # optional
 *   attributeOptionCombo: HllvX50cXC0 # optional
 *   commune: ImspTQPwCqd              # optional: the total row goes there
 *   orgUnits:
 *     thon-dong-tam: DiszpKrYNg8
 *   dataElements:
 *     so-ho: fbfJHSPpUQD                          # the default combo
 *     ho-ngheo: {dataElement: cYeuwXTCPkU, categoryOptionCombo: pq2XI5kz2BY}
 *     nv-ket-qua[1]: {dataElement: Jtf34kNZhzP}   # a grid's cell: its STT
 *
 * Every identifier is checked as a DHIS2 uid (11 letters and digits,
 * starting with a letter); the mapping is read through forms/ytree, so a
 * mistake is reported as file:line:col. A value with no data element or
 * no org unit is not written but listed, so nothing is dropped silently.
 */
#include "office-report.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/mem.h"
#include "../forms/ytree.h"

#define MAPPING_MAX_BYTES (1024 * 1024)

struct de_map {
	char *key;		/* "so-ho" or "nv-ket-qua[1]" */
	const char *de, *coc;	/* into the tree */
};

struct mapping {
	struct ynode *root;
	const char *data_set, *aoc, *commune;
	const struct ynode *units;
	struct de_map *des;
	size_t ndes;
};

bool
office_dhis2_period(const struct period *p, char *buf, size_t size)
{
	int y, m, d;

	switch (p->kind) {
	case PERIOD_DAY:
	case PERIOD_REQUEST:
	case PERIOD_INCIDENT:
		date_to_ymd(p->start, &y, &m, &d);
		snprintf(buf, size, "%04d%02d%02d", y, m, d);
		return true;
	case PERIOD_WEEK:
		snprintf(buf, size, "%04dW%d", p->year, p->num);
		return true;
	case PERIOD_MONTH:
		snprintf(buf, size, "%04d%02d", p->year, p->num);
		return true;
	case PERIOD_QUARTER:
		snprintf(buf, size, "%04dQ%d", p->year, p->num);
		return true;
	case PERIOD_HALF:
		snprintf(buf, size, "%04dS%d", p->year, p->num);
		return true;
	case PERIOD_YEAR:
		snprintf(buf, size, "%04d", p->year);
		return true;
	default:
		return false;	/* a school semester: DHIS2 has no such period */
	}
}

/* A DHIS2 uid: 11 characters, letters and digits, a letter first. */
static bool
uid_ok(const char *s)
{
	if (strlen(s) != 11 || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

static enum err
bad(char **cause, const char *path, const struct ynode *n, const char *msg, const char *what)
{
	return err_set(cause, ERR_INVALID, "%s%s%s" ERR_WHERE_SEP "%s:%d:%d", msg,
	    what ? ": " : "", what ? what : "", path, n->line, n->col);
}

/* N must be a scalar that is a uid; into *OUT. */
static enum err
uid_of(const struct ynode *n, const char *path, const char **out, char **cause)
{
	if (n->kind != YNODE_SCALAR || !uid_ok(n->str))
		return bad(cause, path, n, TR("không phải mã DHIS2 (11 chữ cái và chữ số, bắt đầu "
		    "bằng chữ cái)", "not a DHIS2 uid (11 letters and digits, a letter first)"),
		    n->kind == YNODE_SCALAR ? n->str : NULL);
	*out = n->str;
	return ERR_OK;
}

/* Is KEY a value field of the report, or FIELD[ROW] a cell of one of its
 * grids? */
static bool
key_ok(const struct office_report *rep, const char *key)
{
	const struct form *f = rep->f;
	const char *br = strchr(key, '[');
	char name[64];
	int i;

	snprintf(name, sizeof name, "%.*s", br ? (int)(br - key) : (int)strlen(key), key);
	i = form_field_index(f, name);
	if (i < 0 || !form_field_has_value(&f->fields[i]) ||
	    !form_field_in_report(f, i, rep->report))
		return false;
	if (br == NULL)
		return f->fields[i].container < 0;
	if (f->fields[i].container < 0 || key[strlen(key) - 1] != ']')
		return false;
	if (f->fields[f->fields[i].container].type == FIELD_GRID) {
		const struct form_field *g = &f->fields[f->fields[i].container];
		size_t n = strlen(br + 1) - 1;
		for (size_t r = 0; r < g->nrows; r++)
			if (strlen(g->rows[r].id) == n && strncmp(g->rows[r].id, br + 1, n) == 0)
				return true;
		return false;
	}
	return atoi(br + 1) >= 1;	/* a repeat's row, from 1 */
}

static enum err
mapping_load(const struct office_report *rep, const char *path, struct mapping *m,
    char **cause)
{
	struct buf b;
	int line = 0, col = 0;
	char *why = NULL;
	const struct ynode *v, *des;
	enum err e = ERR_OK;
	static const char *const keys[] = { "dataSet", "attributeOptionCombo", "commune",
		"orgUnits", "dataElements", NULL };

	memset(m, 0, sizeof *m);
	buf_init(&b, MAPPING_MAX_BYTES + 1);
	if (buf_read_file(&b, path) < 0) {
		e = errno == EFBIG ? err_set_at(cause, ERR_INVALID, path, TR("tệp lớn quá %d byte",
		    "larger than %d bytes"), MAPPING_MAX_BYTES) :
		    err_set_at(cause, err_os_code(errno), path, TR("không đọc được: %s",
		    "cannot read: %s"), err_os(errno));
		buf_free(&b);
		return e;
	}
	m->root = ytree_parse(b.data ? b.data : "", b.len, &line, &col, &why);
	buf_free(&b);
	if (m->root == NULL) {
		e = err_set(cause, ERR_INVALID, "%s" ERR_WHERE_SEP "%s:%d:%d", why, path, line, col);
		free(why);
		return e;
	}
	if (m->root->kind != YNODE_MAP)
		return bad(cause, path, m->root, TR("tệp ánh xạ phải là một bảng khóa: giá trị",
		    "a mapping file is a map of key: value"), NULL);
	for (size_t i = 0; i < ynode_pairs(m->root); i++) {
		const struct ynode *k = ynode_key(m->root, i);
		bool known = false;
		for (size_t j = 0; keys[j]; j++)
			known |= k->kind == YNODE_SCALAR && strcmp(k->str, keys[j]) == 0;
		if (!known)
			return bad(cause, path, k, TR("khóa không biết", "unknown key"),
			    k->kind == YNODE_SCALAR ? k->str : NULL);
	}
	if ((v = ynode_get(m->root, "dataSet")) != NULL &&
	    (e = uid_of(v, path, &m->data_set, cause)) != ERR_OK)
		return e;
	if ((v = ynode_get(m->root, "attributeOptionCombo")) != NULL &&
	    (e = uid_of(v, path, &m->aoc, cause)) != ERR_OK)
		return e;
	if ((v = ynode_get(m->root, "commune")) != NULL &&
	    (e = uid_of(v, path, &m->commune, cause)) != ERR_OK)
		return e;
	if ((v = ynode_get(m->root, "orgUnits")) != NULL) {
		if (v->kind != YNODE_MAP)
			return bad(cause, path, v, TR("'orgUnits' là bảng mã đơn vị: mã DHIS2",
			    "'orgUnits' maps unit ids to DHIS2 uids"), NULL);
		for (size_t i = 0; i < ynode_pairs(v); i++) {
			const struct ynode *k = ynode_key(v, i);
			const char *uid;
			bool known = false;
			/* a unit id the report does not have is a mistake, as an
			 * unknown field is: its values would silently go nowhere */
			for (size_t u = 0; k->kind == YNODE_SCALAR && u < rep->nunits; u++)
				known |= strcmp(rep->units[u].id, k->str) == 0;
			if (!known)
				return bad(cause, path, k, TR("không phải đơn vị nào của báo cáo "
				    "(xem 'baocao units list')", "no unit of the report (see "
				    "'baocao units list')"), k->kind == YNODE_SCALAR ? k->str : NULL);
			if ((e = uid_of(ynode_val(v, i), path, &uid, cause)) != ERR_OK)
				return e;
		}
		m->units = v;
	}
	if ((des = ynode_get(m->root, "dataElements")) == NULL)
		return bad(cause, path, m->root, TR("thiếu khóa 'dataElements'",
		    "the key 'dataElements' is missing"), NULL);
	if (des->kind != YNODE_MAP)
		return bad(cause, path, des, TR("'dataElements' là bảng trường: mã DHIS2",
		    "'dataElements' maps fields to DHIS2 uids"), NULL);
	m->des = xcalloc(ynode_pairs(des) + 1, sizeof *m->des);
	for (size_t i = 0; i < ynode_pairs(des); i++) {
		const struct ynode *k = ynode_key(des, i), *val = ynode_val(des, i), *x;
		struct de_map *d = &m->des[m->ndes];
		if (k->kind != YNODE_SCALAR || !key_ok(rep, k->str))
			return bad(cause, path, k, TR("không phải trường nào của báo cáo (TRƯỜNG hoặc "
			    "CỘT[STT])", "no field of the report (FIELD or COLUMN[ROW])"),
			    k->kind == YNODE_SCALAR ? k->str : NULL);
		if (val->kind == YNODE_MAP) {
			for (size_t j = 0; j < ynode_pairs(val); j++) {
				const struct ynode *kk = ynode_key(val, j);
				if (kk->kind != YNODE_SCALAR || (strcmp(kk->str, "dataElement") != 0 &&
				    strcmp(kk->str, "categoryOptionCombo") != 0))
					return bad(cause, path, kk, TR("khóa không biết (dataElement, "
					    "categoryOptionCombo)", "unknown key (dataElement, "
					    "categoryOptionCombo)"), kk->kind == YNODE_SCALAR ? kk->str :
					    NULL);
			}
			if ((x = ynode_get(val, "dataElement")) == NULL)
				return bad(cause, path, val, TR("thiếu 'dataElement'",
				    "'dataElement' is missing"), NULL);
			if ((e = uid_of(x, path, &d->de, cause)) != ERR_OK)
				return e;
			if ((x = ynode_get(val, "categoryOptionCombo")) != NULL &&
			    (e = uid_of(x, path, &d->coc, cause)) != ERR_OK)
				return e;
		} else if ((e = uid_of(val, path, &d->de, cause)) != ERR_OK) {
			return e;
		}
		d->key = xstrdup(k->str);
		m->ndes++;
	}
	return ERR_OK;
}

static void
mapping_free(struct mapping *m)
{
	for (size_t i = 0; i < m->ndes; i++)
		free(m->des[i].key);
	free(m->des);
	ytree_free(m->root);
}

static const struct de_map *
de_of(const struct mapping *m, const char *key)
{
	for (size_t i = 0; i < m->ndes; i++)
		if (strcmp(m->des[i].key, key) == 0)
			return &m->des[i];
	return NULL;
}

static void
note(char ***list, size_t *n, char *line)
{
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = line;
}

static void
value(json_t *dvs, const struct mapping *m, const char *ou, const char *pe, const char *key,
    const char *v, const char *who, char ***unmapped, size_t *n)
{
	const struct de_map *d = de_of(m, key);
	json_t *o;

	if (v == NULL || *v == '\0')
		return;
	if (d == NULL || ou == NULL) {
		note(unmapped, n, xasprintf("%s" ERR_WHERE_SEP "%s %s = %s",
		    d == NULL ? TR("trường chưa có dataElement", "no dataElement for the field") :
		    TR("đơn vị chưa có orgUnit", "no orgUnit for the unit"), who, key, v));
		return;
	}
	o = json_pack("{s:s, s:s, s:s}", "dataElement", d->de, "period", pe, "orgUnit", ou);
	if (d->coc)
		json_object_set_new(o, "categoryOptionCombo", json_string(d->coc));
	if (m->aoc)
		json_object_set_new(o, "attributeOptionCombo", json_string(m->aoc));
	json_object_set_new(o, "value", json_string(v));
	json_array_append_new(dvs, o);
}

enum err
office_report_dhis2(const struct office_report *rep, const char *mapping, FILE *out,
    char ***unmapped, size_t *nunmapped, char **cause)
{
	const struct form *f = rep->f;
	struct mapping m;
	char pe[16], *text;
	json_t *doc, *dvs;
	enum err e;

	*unmapped = NULL;
	*nunmapped = 0;
	if (!office_dhis2_period(&rep->p, pe, sizeof pe))
		return err_set(cause, ERR_INVALID, TR("DHIS2 không có kỳ tương ứng với '%s' (học "
		    "kỳ)", "DHIS2 has no period for '%s' (a school semester)"), rep->period);
	if ((e = mapping_load(rep, mapping, &m, cause)) != ERR_OK) {
		mapping_free(&m);
		return e;
	}
	doc = json_object();
	if (m.data_set)
		json_object_set_new(doc, "dataSet", json_string(m.data_set));
	json_object_set_new(doc, "period", json_string(pe));
	dvs = json_array();
	for (size_t u = 0; u < rep->nunits; u++) {
		const struct report_unit *ru = &rep->units[u];
		const struct ynode *ouv = m.units ? ynode_get(m.units, ru->id) : NULL;
		const char *ou = ouv ? ouv->str : NULL;
		if (ru->inc != REPORT_COUNTED)
			continue;
		for (size_t i = 0; i < f->nfields; i++) {
			const struct form_field *fd = &f->fields[i];
			if (!form_field_in_report(f, (int)i, rep->report) || !form_field_has_value(fd))
				continue;
			if (fd->container < 0) {
				value(dvs, &m, ou, pe, fd->name, sub_get(ru->s, (int)i, -1), ru->id,
				    unmapped, nunmapped);
				continue;
			}
			for (int r = 0; r < sub_rows(ru->s, fd->container); r++) {
				const struct form_field *c = &f->fields[fd->container];
				char *key = c->type == FIELD_GRID && (size_t)r < c->nrows ?
				    xasprintf("%s[%s]", fd->name, c->rows[r].id) :
				    xasprintf("%s[%d]", fd->name, r + 1);
				value(dvs, &m, ou, pe, key, sub_get(ru->s, (int)i, r), ru->id, unmapped,
				    nunmapped);
				free(key);
			}
		}
	}
	/* the commune's numbers, when the mapping names its org unit */
	for (size_t c = 0; m.commune && c < rep->ncols; c++) {
		const struct report_total *t = &rep->totals[c];
		const struct form_field *fd = &f->fields[rep->cols[c]];
		if (t->known && (fd->type == FIELD_INTEGER || fd->type == FIELD_DECIMAL ||
		    fd->type == FIELD_CALCULATE) && t->text)
			value(dvs, &m, m.commune, pe, fd->name, t->text, TR("toàn xã", "commune"),
			    unmapped, nunmapped);
	}
	json_object_set_new(doc, "dataValues", dvs);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fprintf(out, "%s\n", text);
	free(text);
	json_decref(doc);
	mapping_free(&m);
	return ferror(out) ? ERR_IO : ERR_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-draft.c: `forms draft` against the hand-written catalogue, and the
 * document reader against hostile files.
 *
 * The DOCX (and XLSX) versions of the seeds' appendices (tests/fixtures/
 * plans/, made by mkplans.py) are drafted and compared with forms/catalog/
 * row by row — the set of task rows, each row's lead and helper kinds, its
 * deadline and its target — read from both YAML files as data, not as text.
 * Every difference must be one the draft's list of unmapped items names for
 * that row, and of that kind (a unit, a deadline, a target, a joined row).
 */
#include "tests.h"
#include "../../core/err.h"
#include "../../core/mem.h"
#include "../../core/text.h"
#include "../../forms/doc-table.h"
#include "../../forms/form-draft.h"
#include "../../forms/form.h"
#include "../../forms/ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The grid rows of a YAML form file (ytree of its text; caller frees). */
static struct ynode *
load_tree(const char *path, const char *text)
{
	int line, col;
	char *cause = NULL;
	struct ynode *root = ytree_parse(text, strlen(text), &line, &col, &cause);

	ck_assert_msg(root != NULL, "%s:%d:%d: %s", path, line, col, cause ? cause : "");
	return root;
}

static const struct ynode *
grid_rows(const struct ynode *root)
{
	const struct ynode *fields = ynode_get(root, "fields");

	for (size_t i = 0; fields && i < fields->nitems; i++) {
		const struct ynode *t = ynode_get(fields->items[i], "type");
		if (t && t->str && strcmp(t->str, "grid") == 0)
			return ynode_get(fields->items[i], "rows");
	}
	return NULL;
}

static const char *
sval(const struct ynode *row, const char *key)
{
	const struct ynode *v = ynode_get(row, key);
	if (v && v->kind == YNODE_SEQ && v->nitems > 0)
		v = v->items[0];
	return v && v->kind == YNODE_SCALAR && v->str ? v->str : NULL;
}

/* A task row: not a heading, and something beside its label. */
static bool
is_task(const struct ynode *row)
{
	const char *h = sval(row, "heading");
	if (h && strcmp(h, "true") == 0)
		return false;
	return ynode_get(row, "lead") || ynode_get(row, "helpers") || ynode_get(row, "due") ||
	    ynode_get(row, "product") || ynode_get(row, "basis") || ynode_get(row, "deadline");
}

static bool
is_kind_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* The kinds of a lead/helpers value, sorted and joined: ids as they are, a
 * text (an old catalogue's "Các thôn") read as the drafter reads it. */
static char *
kinds_of(const struct ynode *v)
{
	const char *names[64];
	size_t n = 0;
	struct ynode *one[1];
	const struct ynode *const *items;
	size_t nitems;
	char *out;
	size_t len = 1;

	if (!v)
		return xstrdup("");
	if (v->kind == YNODE_SEQ) {
		items = (const struct ynode *const *)v->items;
		nitems = v->nitems;
	} else {
		one[0] = (struct ynode *)v;
		items = (const struct ynode *const *)one;
		nitems = 1;
	}
	const char **k = NULL;
	char **unk = NULL;
	size_t nk = 0, nu = 0;
	for (size_t i = 0; i < nitems; i++) {
		const char *s = items[i]->str ? items[i]->str : "";
		if (is_kind_id(s)) {
			if (n < 64)
				names[n++] = s;
			continue;
		}
		form_draft_kinds(s, &k, &nk, &unk, &nu);
		for (size_t j = 0; j < nk && n < 64; j++)
			names[n++] = k[j];
		free(k);
		for (size_t j = 0; j < nu; j++)
			free(unk[j]);
		free(unk);
	}
	/* sort, unique */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(names[j], names[i]) < 0) {
				const char *t = names[i];
				names[i] = names[j];
				names[j] = t;
			}
	for (size_t i = 0; i < n; i++)
		len += strlen(names[i]) + 1;
	out = xcalloc(1, len);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(names[i], names[i - 1]) != 0) {
			if (*out)
				strcat(out, ",");
			strcat(out, names[i]);
		}
	return out;
}

/* The comma-separated kinds of A that are not in B (a kind that leads a row
 * does not also help it). Frees A. */
static char *
kinds_minus(char *a, const char *b)
{
	char *out = xcalloc(1, strlen(a) + 1), *save = NULL;

	for (char *k = strtok_r(a, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		char pat[64];
		snprintf(pat, sizeof pat, ",%s,", k);
		char *bb = xasprintf(",%s,", b);
		if (!strstr(bb, pat)) {
			if (*out)
				strcat(out, ",");
			strcat(out, k);
		}
		free(bb);
	}
	free(a);
	return out;
}

/* Text as compared: folded, one space, no trailing '.' or spaces, no
 * leading bullet. */
static char *
norm(const char *s)
{
	char *f = text_fold(s ? s : ""), *o, *p;
	size_t n = 0;
	bool sp = false;

	if (!f)
		f = xstrdup("");
	o = xmalloc(strlen(f) + 1);
	for (p = f; *p == '-' || *p == ' '; p++)
		;
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			sp = n > 0;
			continue;
		}
		if (sp)
			o[n++] = ' ';
		sp = false;
		o[n++] = *p;
	}
	while (n > 0 && (o[n - 1] == '.' || o[n - 1] == ' '))
		n--;
	o[n] = '\0';
	free(f);
	return o;
}

/*
 * A row deadline as a comparable string: "31/12/2026" for "năm 2026",
 * "Quý IV/2026", "tháng 12/2026" or "31/12/2026"; "31/12 hang nam" for
 * "31/12 each year"; "thuong xuyen" for "ongoing" — FORMAT.md's forms, in
 * Vietnamese or English, read to one spelling. Caller frees.
 */
static char *
deadline_canon(const char *s)
{
	static const int last[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char *f = norm(s), *p = f, *out;
	int d, m, y, q, n = 0;
	char rom[8];

	for (const char *w = p; *w; w++)
		if (strncmp(w, "before ", 7) == 0 || strncmp(w, "truoc ", 6) == 0 ||
		    strncmp(w, "cham nhat ", 10) == 0)
			p = (char *)w + (w[0] == 'b' ? 7 : w[0] == 't' ? 6 : 10);
	if (strcmp(p, "ongoing") == 0 || strcmp(p, "thuong xuyen") == 0)
		out = xstrdup("thuong xuyen");
	else if ((sscanf(p, "%d/%d/%d%n", &d, &m, &y, &n) == 3 && !p[n]) ||
		 (sscanf(p, "%d-%d-%d%n", &y, &m, &d, &n) == 3 && !p[n] && y > 31))
		out = xasprintf("%d/%d/%d", d, m, y);
	else if ((sscanf(p, "nam %d%n", &y, &n) == 1 || sscanf(p, "year %d%n", &y, &n) == 1) && !p[n])
		out = xasprintf("31/12/%d", y);
	else if (((sscanf(p, "thang %d/%d%n", &m, &y, &n) == 2 || sscanf(p, "month %d %d%n", &m, &y, &n) == 2) &&
		  !p[n]) && m >= 1 && m <= 12)
		out = xasprintf("%d/%d/%d", last[m] + (m == 2 && y % 4 == 0), m, y);
	else if (((sscanf(p, "quy %7[ivx]/%d%n", rom, &y, &n) == 2 && !p[n] &&
		   (q = !strcmp(rom, "i") ? 1 : !strcmp(rom, "ii") ? 2 : !strcmp(rom, "iii") ? 3 :
		    !strcmp(rom, "iv") ? 4 : 0)) ||
		  ((sscanf(p, "quy %d/%d%n", &q, &y, &n) == 2 || sscanf(p, "quarter %d %d%n", &q, &y, &n) == 2) &&
		   !p[n])) && q >= 1 && q <= 4)
		out = xasprintf("%d/%d/%d", last[q * 3], q * 3, y);
	else {
		/* "each year" / "next year" to Vietnamese, the rest as written */
		char *e = strstr(p, "each year"), *x = strstr(p, "next year");
		if (e)
			memcpy(e, "hang nam\0", 9);
		if (x)
			memcpy(x, "nam sau\0\0", 9);
		if (sscanf(p, "%d/%d %n", &d, &m, &n) == 2)
			out = xasprintf("%d/%d %s", d, m, p + n);
		else
			out = xstrdup(p);
	}
	free(f);
	return out;
}

/* Does the draft say something about row ID, containing one of WORDS? */
static bool
explained(const struct draft *d, const char *id, const char *const *words)
{
	char head[128];

	snprintf(head, sizeof head, "dòng %s:", id);
	for (size_t i = 0; i < d->nunmapped; i++) {
		if (strncmp(d->unmapped[i], head, strlen(head)) != 0)
			continue;
		for (size_t w = 0; words[w]; w++)
			if (strstr(d->unmapped[i], words[w]))
				return true;
	}
	return false;
}

static bool same_target(const char *a, const char *b);

/* A target item's text: a scalar, or a {column, target} map's target. */
static const char *
target_item(const struct ynode *v)
{
	if (v && v->kind == YNODE_MAP)
		v = ynode_get(v, "target");
	return v && v->kind == YNODE_SCALAR ? v->str : NULL;
}

/* Do rows A and B have the same targets, every one of them, in order? */
static bool
same_targets(const struct ynode *a, const struct ynode *b)
{
	const struct ynode *ta = ynode_get(a, "target"), *tb = ynode_get(b, "target");
	size_t na = !ta ? 0 : ta->kind == YNODE_SEQ ? ta->nitems : 1;
	size_t nb = !tb ? 0 : tb->kind == YNODE_SEQ ? tb->nitems : 1;

	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!same_target(target_item(ta->kind == YNODE_SEQ ? ta->items[i] : ta),
		    target_item(tb->kind == YNODE_SEQ ? tb->items[i] : tb)))
			return false;
	return true;
}

static bool
same_target(const char *a, const char *b)
{
	struct form_target ta, tb;
	size_t pos;
	bool same;

	if (!a || !b)
		return !a && !b;
	form_target_parse(a, &ta, &pos);
	form_target_parse(b, &tb, &pos);
	same = ta.cmp == tb.cmp && ta.value == tb.value;
	form_target_free(&ta);
	form_target_free(&tb);
	return same;
}

/*
 * Compare draft D with the catalogue file CATALOG. Returns the number of
 * differences the draft does not explain (each printed).
 */
static int
compare(const struct draft *d, const char *catalog)
{
	static const char *const w_lead[] = { "chủ trì", "nối", NULL };
	static const char *const w_helpers[] = { "phối hợp", "nối", NULL };
	static const char *const w_due[] = { "thời hạn", "nối", NULL };
	/* a target taken from the task's text matches the catalogue unless a
	 * note says why not (the product says otherwise, a reduction, ...) */
	static const char *const w_target[] = { "nội dung ghi", "mức giảm",
		"không đọc được chỉ tiêu", NULL };
	static const char *const w_any[] = { "", NULL };
	size_t ctlen;
	unsigned char *ct = test_slurp(catalog, &ctlen);
	char *dt = form_draft_yaml(d);
	struct ynode *croot, *droot;
	const struct ynode *crows, *drows;
	int bad = 0, matched = 0;

	ck_assert_msg(ct != NULL, "%s missing", catalog);
	char *ctext = xstrndup((char *)ct, ctlen);
	croot = load_tree(catalog, ctext);
	free(ctext);
	droot = load_tree(d->id, dt);
	crows = grid_rows(croot);
	drows = grid_rows(droot);
	ck_assert(crows && drows);
	/* every catalogue task row is in the draft, or said */
	for (size_t i = 0; i < crows->nitems; i++) {
		const struct ynode *cr = crows->items[i], *dr = NULL;
		const char *id = sval(cr, "id");
		if (!is_task(cr))
			continue;
		for (size_t j = 0; j < drows->nitems && !dr; j++)
			if (strcmp(sval(drows->items[j], "id"), id) == 0)
				dr = drows->items[j];
		if (!dr || !is_task(dr)) {
			if (!explained(d, id, w_any)) {
				printf("%s: row %s of %s is not in the draft\n", d->id, id, catalog);
				bad++;
			}
			continue;
		}
		matched++;
		char *clead = NULL, *dlead = NULL;
		for (int which = 0; which < 2; which++) {
			const char *key = which ? "helpers" : "lead";
			char *a = kinds_of(ynode_get(cr, key)), *b = kinds_of(ynode_get(dr, key));
			/* an old catalogue row without lead falls to the form's unit */
			if (!which && !*a)
				snprintf(a = xrealloc(a, 64), 64, "%s", sval(croot, "unit"));
			if (which) {
				/* helpers outside both leads: a kind one side reads as leading
				 * is the lead's difference, checked (and explained) above */
				a = kinds_minus(kinds_minus(a, clead), dlead);
				b = kinds_minus(kinds_minus(b, dlead), clead);
			} else {
				clead = xstrdup(a);
				dlead = xstrdup(b);
			}
			if (strcmp(a, b) != 0 && !explained(d, id, which ? w_helpers : w_lead)) {
				printf("%s: row %s: %s %s in %s, %s in the draft\n", d->id, id, key, a, catalog, b);
				bad++;
			}
			free(a);
			free(b);
		}
		free(clead);
		free(dlead);
		{
			const char *cd = sval(cr, "deadline"), *dd = sval(dr, "deadline");
			char *a = cd ? deadline_canon(cd) : norm(sval(cr, "due"));
			char *b = cd ? deadline_canon(dd ? dd : "") : norm(sval(dr, "due"));
			if (strcmp(a, b) != 0 && !explained(d, id, w_due)) {
				printf("%s: row %s: deadline '%s' in %s, '%s' in the draft\n", d->id, id, a,
				    catalog, b);
				bad++;
			}
			free(a);
			free(b);
		}
		if (!same_targets(cr, dr) && !explained(d, id, w_target)) {
			printf("%s: row %s: target '%s' in %s, '%s' in the draft\n", d->id, id,
			    sval(cr, "target") ? sval(cr, "target") : "-", catalog,
			    sval(dr, "target") ? sval(dr, "target") : "-");
			bad++;
		}
	}
	/* and no task row of the draft is missing from the catalogue unsaid */
	for (size_t j = 0; j < drows->nitems; j++) {
		const struct ynode *dr = drows->items[j];
		const char *id = sval(dr, "id");
		bool found = false;
		if (!is_task(dr))
			continue;
		for (size_t i = 0; i < crows->nitems && !found; i++)
			found = strcmp(sval(crows->items[i], "id"), id) == 0;
		if (!found && !explained(d, id, w_any)) {
			printf("%s: row %s of the draft is not in %s\n", d->id, id, catalog);
			bad++;
		}
	}
	ck_assert_msg(matched > 0, "%s: no row matched %s", d->id, catalog);
	ytree_free(croot);
	ytree_free(droot);
	free(ct);
	free(dt);
	return bad;
}

static void
draft_of(const char *fixture, struct drafts *ds)
{
	struct doc_tables t = { 0 };
	char *cause = NULL;

	ck_assert_msg(doc_tables_read(fixture, &t, &cause) == ERR_OK, "%s", cause ? cause : "");
	ck_assert_msg(form_draft_make(&t, fixture, ds, &cause) == ERR_OK, "%s", cause ? cause : "");
	doc_tables_free(&t);
}

START_TEST(draft_001_docx_is_the_catalogue)
{
	struct drafts ds = { 0 };

	draft_of("tests/fixtures/plans/plan-001.docx", &ds);
	ck_assert_uint_eq(ds.n, 1);
	ck_assert_str_eq(ds.d[0].unit, "tt-hcc");
	ck_assert_int_eq(compare(&ds.d[0], "forms/catalog/kt01-tthc.yaml"), 0);
	form_drafts_free(&ds);
}
END_TEST

START_TEST(draft_004_is_the_catalogue)
{
	static const char *const fx[] = { "tests/fixtures/plans/plan-004.docx",
		"tests/fixtures/plans/plan-004.xlsx" };

	for (size_t i = 0; i < 2; i++) {
		struct drafts ds = { 0 };
		size_t tasks = 0;
		draft_of(fx[i], &ds);
		ck_assert_uint_eq(ds.n, 1);
		for (size_t r = 0; r < ds.d[0].nrows; r++)
			tasks += !ds.d[0].rows[r].heading;
		ck_assert_uint_eq(tasks, 62);
		ck_assert_int_eq(compare(&ds.d[0], "forms/catalog/nl-cchc.yaml"), 0);
		form_drafts_free(&ds);
	}
}
END_TEST

START_TEST(draft_000_appendices_are_the_catalogue)
{
	static const char *const cat[] = { "nl01-van-phong", "nl02-kinh-te", "nl03-vhxh",
		"nl04-tt-hcc", "nl05-cong-an", "nl06-quan-su", "nl07-truong", "nl08-tram-y-te",
		"nl09-thon", "nl10-doanh-nghiep", "nl11-tt-dvc" };
	struct drafts ds = { 0 };
	int bad = 0;

	draft_of("tests/fixtures/plans/plan-000.docx", &ds);
	ck_assert_uint_eq(ds.n, 11);
	for (size_t i = 0; i < ds.n; i++) {
		char path[128];
		snprintf(path, sizeof path, "forms/catalog/%s.yaml", cat[i]);
		bad += compare(&ds.d[i], path);
	}
	ck_assert_int_eq(bad, 0);
	form_drafts_free(&ds);
}
END_TEST

/* The deadline reader of drafts and the test's own canonical form agree. */
/* "thôn" is the villages only as a name's head: a market's board or a
 * misspelt "truyền thông" is not, and is listed for a person to map. */
START_TEST(draft_kinds_thon)
{
	static const struct { const char *text; const char *kind; int unknown; } cases[] = {
		{ "Thôn", "thon", 0 },
		{ "Các thôn", "thon", 0 },
		{ "Trưởng thôn", "thon", 0 },
		{ "Các trưởng thôn", "thon", 0 },	/* heads, not "các trường" */
		{ "- Các thôn, bản", "thon", 0 },
		{ "Ban quản lý chợ thôn", NULL, 1 },
		{ "Cơ quan truyền thôn có liên quan", NULL, 1 },
	};
	/* the schools and the health station are the commune's own units,
	 * not bodies outside it */
	static const struct { const char *text, *kind; } own[] = {
		{ "Các đơn vị sự nghiệp giáo dục", "truong" },
		{ "Các cơ sở giáo dục trên địa bàn", "truong" },
		{ "Các nhà trường", "truong" },
		{ "Trường Mầm non, Tiểu học, THCS", "truong" },
		{ "Trạm Y tế xã", "tram-y-te" },
		{ "TYT xã", "tram-y-te" },
	};
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
		const char **k = NULL;
		char **unk = NULL;
		size_t nk = 0, nu = 0;
		form_draft_kinds(own[i].text, &k, &nk, &unk, &nu);
		ck_assert_msg(nk == 1 && strcmp(k[0], own[i].kind) == 0 && nu == 0,
		    "'%s': %zu kinds (%s), %zu unknown", own[i].text, nk, nk ? k[0] : "-", nu);
		free(k);
		for (size_t j = 0; j < nu; j++)
			free(unk[j]);
		free(unk);
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char **k = NULL;
		char **unk = NULL;
		size_t nk = 0, nu = 0;
		form_draft_kinds(cases[i].text, &k, &nk, &unk, &nu);
		if (cases[i].kind != NULL) {
			ck_assert_msg(nk == 1 && strcmp(k[0], cases[i].kind) == 0, "'%s': %zu kinds",
			    cases[i].text, nk);
		} else {
			for (size_t j = 0; j < nk; j++)
				ck_assert_msg(strcmp(k[j], "thon") != 0, "'%s' read as thon",
				    cases[i].text);
		}
		ck_assert_msg((int)nu == cases[i].unknown, "'%s': %zu unknown", cases[i].text, nu);
		free(k);
		for (size_t j = 0; j < nu; j++)
			free(unk[j]);
		free(unk);
	}
}
END_TEST

/* The row of D with id ID. */
static const struct draft_row *
draft_row(const struct draft *d, const char *id)
{
	for (size_t i = 0; i < d->nrows; i++)
		if (strcmp(d->rows[i].id, id) == 0)
			return &d->rows[i];
	ck_abort_msg("no row %s in %s", id, d->id);
	return NULL;
}

/* Does a line of D's unmapped list start with "dòng ID:" and hold WORDS? */
static bool
said(const struct draft *d, const char *id, const char *words)
{
	const char *const w[] = { words, NULL };
	return explained(d, id, w);
}

/* Every per cent a row names is a target; a reduction against a base year is
 * no level to reach: listed, never read as one. */
START_TEST(draft_several_targets)
{
	struct drafts ds = { 0 };
	const struct draft_row *r;

	draft_of("tests/fixtures/plans/plan-001.docx", &ds);
	r = draft_row(&ds.d[0], "II.3.c");
	ck_assert_uint_eq(r->ntargets, 2);
	ck_assert_str_eq(r->targets[0], "tối thiểu 95%");
	ck_assert_str_eq(r->targets[1], "tối thiểu 90%");
	r = draft_row(&ds.d[0], "III.2");
	ck_assert_uint_eq(r->ntargets, 4);
	ck_assert_str_eq(r->targets[2], "tối thiểu 80%");
	ck_assert_str_eq(r->targets[3], "tối thiểu 80%");
	ck_assert(said(&ds.d[0], "III.2", "4 chỉ tiêu"));
	r = draft_row(&ds.d[0], "II.2.d");
	ck_assert_uint_eq(r->ntargets, 0);
	ck_assert(said(&ds.d[0], "II.2.d", "'cắt giảm 50% thời gian giải quyết TTHC, 50% chi phí tuân thủ "
	    "TTHC so với năm 2024' là mức giảm"));
	form_drafts_free(&ds);

	/* against the previous period a reduction or rise is FORMAT.md's
	 * relative target; against a base year it is listed */
	{
		char *dir = test_tmpdir(), *csv = xasprintf("%s/kh.csv", dir);
		FILE *fp = fopen(csv, "w");
		ck_assert_ptr_nonnull(fp);
		fputs("STT,Nội dung công việc,Cơ quan chủ trì,Thời hạn\n"
		    "1,\"Cắt giảm 20% thời gian giải quyết TTHC so với năm trước\",Văn phòng,Thường xuyên\n"
		    "2,Tăng ít nhất 5% số hồ sơ trực tuyến so với kỳ trước,Văn phòng,Thường xuyên\n"
		    "3,\"Giảm 30% chi phí so với năm 2024; đạt trên 98% hồ sơ đúng hạn\",Văn phòng,Thường xuyên\n",
		    fp);
		fclose(fp);
		draft_of(csv, &ds);
		r = draft_row(&ds.d[0], "1");
		ck_assert_uint_eq(r->ntargets, 1);
		ck_assert_str_eq(r->targets[0], "giảm ít nhất 20%");
		r = draft_row(&ds.d[0], "2");
		ck_assert_uint_eq(r->ntargets, 1);
		ck_assert_str_eq(r->targets[0], "tăng ít nhất 5%");
		r = draft_row(&ds.d[0], "3");
		ck_assert_uint_eq(r->ntargets, 1);
		ck_assert_str_eq(r->targets[0], "trên 98%");
		ck_assert(said(&ds.d[0], "3", "'Giảm 30% chi phí so với năm 2024' là mức giảm"));
		form_drafts_free(&ds);
		unlink(csv);
		rmdir(dir);
		free(csv);
		free(dir);
	}

	draft_of("tests/fixtures/plans/plan-004.docx", &ds);
	r = draft_row(&ds.d[0], "15");
	ck_assert_uint_eq(r->ntargets, 3);
	ck_assert_str_eq(r->targets[1], "tối thiểu 50%");
	ck_assert_str_eq(r->targets[2], "cao hơn năm trước");
	form_drafts_free(&ds);
}
END_TEST

/* A task cut by a page with no header repeated (a PDF->Word conversion):
 * the row with no STT and only task text that goes on with the sentence is
 * joined to the row above, with its targets, and listed; a real section
 * heading without STT stays a heading. */
START_TEST(draft_continued_row)
{
	struct drafts ds = { 0 };
	const struct draft_row *r;
	char *dir = test_tmpdir(), *csv = xasprintf("%s/kh.csv", dir);
	FILE *fp = fopen(csv, "w");

	ck_assert_ptr_nonnull(fp);
	fputs("STT,Nội dung công việc,Cơ quan chủ trì,Thời hạn,Chỉ tiêu\n"
	    "15,\"100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình; trong số\",Văn phòng,Thường xuyên,\n"
	    ",\"đó, tỷ lệ giao dịch trực tuyến tối thiểu từ 50% trở lên và tăng dần theo từng năm.\",,,\n"
	    "16,Rà soát quy trình nội bộ,Văn phòng,Thường xuyên,\n"
	    ",NHIỆM VỤ KHÁC,,,\n"
	    "17,Tập huấn cán bộ,Văn phòng,Thường xuyên,\n"
	    "18,Kiểm tra công vụ.,Văn phòng,Thường xuyên,\n"
	    ",Nhiệm vụ thường xuyên,,,\n", fp);
	fclose(fp);
	draft_of(csv, &ds);
	ck_assert_uint_eq(ds.n, 1);
	r = draft_row(&ds.d[0], "15");
	ck_assert(!r->heading);
	ck_assert_msg(strstr(r->label, "trong số đó, tỷ lệ giao dịch") != NULL, "%s", r->label);
	ck_assert_uint_eq(r->ntargets, 3);
	ck_assert_str_eq(r->targets[1], "tối thiểu 50%");
	ck_assert(said(&ds.d[0], "15", "nối với phần tiếp theo (dòng không có STT"));
	for (size_t i = 0; i < ds.d[0].nrows; i++)
		ck_assert_msg(strcmp(ds.d[0].rows[i].id, "15.a") != 0, "a fake row 15.a");
	r = draft_row(&ds.d[0], "16.a");	/* the heading stays one */
	ck_assert(r->heading);
	ck_assert_str_eq(r->label, "NHIỆM VỤ KHÁC");
	ck_assert(!said(&ds.d[0], "16.a", "không có STT"));
	/* unsure (a sentence after a full stop): a heading, and listed */
	r = draft_row(&ds.d[0], "18.a");
	ck_assert(r->heading);
	ck_assert(said(&ds.d[0], "18.a", "không có STT và chỉ có nội dung — ghi là dòng tiêu đề"));
	/* no heading names the unit: the one chosen is listed, with why */
	ck_assert_str_eq(ds.d[0].unit, "van-phong");
	{
		bool listed = false;
		for (size_t i = 0; i < ds.d[0].nunmapped; i++)
			listed |= strstr(ds.d[0].unmapped[i], "đơn vị điền biểu: tiêu đề bảng không nói "
			    "đơn vị nào, chọn van-phong vì nó chủ trì nhiều dòng nhất (4 trên 4") != NULL;
		ck_assert_msg(listed, "the unit chosen is not listed");
	}
	form_drafts_free(&ds);
	unlink(csv);
	rmdir(dir);
	free(csv);
	free(dir);
}
END_TEST

START_TEST(draft_deadlines)
{
	static const struct { const char *due, *deadline; } cases[] = {
		{ "Chậm nhất ngày 15/8/2026", "15/08/2026" },
		{ "Quý II/2026", "Quý II/2026" },
		{ "Quý II, III năm 2026.", NULL },	/* two quarters: never narrowed */
		{ "Quý IV/2026 và các năm tiếp theo", NULL },	/* a recurrence */
		{ "Năm 2026-2027", NULL },			/* a range */
		{ "05/01 năm sau", "05/01 năm sau" },		/* FORMAT.md's row deadlines */
		{ "Trước ngày 05/01 năm sau", "Trước ngày 05/01 năm sau" },
		{ "15/08 hằng năm", "15/08 hằng năm" },
		{ "Tháng 6/2026", "tháng 6/2026" },
		{ "- Năm 2026", "năm 2026" },
		{ "- Kế hoạch: hàng năm.", NULL },	/* recurs, no date: not 31/12 */
		{ "Thường xuyên", "thường xuyên" },
		{ "Thường xuyên trong năm 2026.", "thường xuyên" },	/* ongoing, not 31/12/2026 */
		{ "Liên tục, hằng năm", "thường xuyên" },
		{ "Thường xuyên; báo cáo trước 15/12/2026", NULL },	/* a date too: a person decides */
		{ "tháng 9 hằng năm", "tháng 9 hằng năm" },
		{ "6 tháng đầu năm 2026", "30/06/2026" },
		{ "Từ ngày 15/3/2026.", NULL },
		{ "Theo lộ trình của Nghị quyết", NULL },
		{ "Báo cáo tháng trước ngày 12 hằng tháng; báo cáo năm trước ngày 10/12", NULL },
		{ "Bắt đầu từ tháng 4 đến tháng 11/2026", NULL },
		{ "Cập nhật ngay khi phát sinh", NULL },
		{ "- Từ năm 2026.", NULL },	/* a start, not a deadline */
		{ "KH: Quý I hàng năm. Báo cáo kết quả: Tháng 12 hàng năm", NULL },
		{ "Sau khi có hướng dẫn của tỉnh; định kỳ hằng năm", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = form_draft_deadline(cases[i].due);
		if (cases[i].deadline == NULL)
			ck_assert_msg(got == NULL, "'%s' read as '%s'", cases[i].due, got);
		else
			ck_assert_msg(got && strcmp(got, cases[i].deadline) == 0, "'%s' read as '%s', want '%s'",
			    cases[i].due, got ? got : "(nothing)", cases[i].deadline);
		free(got);
	}
	/* FORMAT.md's spellings of one deadline compare equal */
	static const char *const same[][2] = {
		{ "năm 2026", "31/12/2026" }, { "Quý II/2026", "quarter 2 2026" },
		{ "Quý IV/2026", "31/12/2026" }, { "tháng 6/2026", "30/06/2026" },
		{ "31/12 hằng năm", "31/12 each year" }, { "thường xuyên", "ongoing" },
		{ "15/08/2026", "trước 15/8/2026" }, { "05/01 năm sau", "05/01 next year" },
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		char *a = deadline_canon(same[i][0]), *b = deadline_canon(same[i][1]);
		ck_assert_msg(strcmp(a, b) == 0, "'%s' -> '%s' but '%s' -> '%s'", same[i][0], a, same[i][1], b);
		free(a);
		free(b);
	}
	char *a = deadline_canon("Quý II/2026"), *b = deadline_canon("Quý III/2026");
	ck_assert_str_ne(a, b);
	free(a);
	free(b);
}
END_TEST

Suite *
draft_suite(void)
{
	Suite *s = suite_create("draft");
	TCase *tc = tcase_create("catalogue");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, draft_several_targets);
	tcase_add_test(tc, draft_deadlines);
	tcase_add_test(tc, draft_continued_row);
	tcase_add_test(tc, draft_kinds_thon);
	tcase_add_test(tc, draft_001_docx_is_the_catalogue);
	tcase_add_test(tc, draft_004_is_the_catalogue);
	tcase_add_test(tc, draft_000_appendices_are_the_catalogue);
	suite_add_tcase(s, tc);
	return s;
}

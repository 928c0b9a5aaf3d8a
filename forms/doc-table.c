/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc-table.c: tables out of DOCX, XLSX and CSV files (doc-table.h).
 *
 * A zip part is read by minizip in 64 KiB pieces and each piece goes straight
 * to expat, so no part is ever held whole; the bytes inflated are counted
 * against DOC_MAX_XML and against DOC_MAX_RATIO times the compressed size (a
 * zip bomb stops at the first bound, not at the end). The handlers below keep
 * only the little state each format needs:
 *
 *   DOCX  word/document.xml: w:tbl > w:tr > w:tc > w:p > w:r > w:t; w:gridSpan
 *         and w:vMerge mark merged cells; a table inside a cell is flattened
 *         into that cell's text; the paragraphs before a table are its caption.
 *   XLSX  xl/workbook.xml (sheet names and r:id), xl/_rels/workbook.xml.rels
 *         (r:id -> part), xl/sharedStrings.xml, then each sheet: row > c > v|is;
 *         mergeCells mark merged cells.
 *
 * A handler that meets a bound or a DOCTYPE stops the parser (XML_StopParser)
 * and leaves its reason in the context; nothing read so far is returned.
 */
#include "doc-table.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <minizip/unzip.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <utf8proc.h>

#define ZIP_MAX_ENTRIES 20000
#define XLSX_MAX_SHEETS 256

/* What every parse context starts with. */
struct xbase {
	XML_Parser p;
	int depth;
	enum err err;
	char *why;		/* set with err: the reason the parse stopped */
	size_t *ncells;		/* cells of the whole document, against DOC_MAX_CELLS */
};

static void
xstop(struct xbase *x, enum err e, char *why)
{
	if (x->err == ERR_OK) {
		x->err = e;
		x->why = why;
	} else
		free(why);
	XML_StopParser(x->p, XML_FALSE);
}

static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Count one element in; false (parse stopped) past the depth bound. */
static bool
xenter(struct xbase *x)
{
	if (++x->depth > DOC_MAX_DEPTH) {
		xstop(x, ERR_INVALID, xasprintf(TR("XML lồng quá %d tầng", "XML nested deeper than %d"),
		    DOC_MAX_DEPTH));
		return false;
	}
	return true;
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
	(void)name; (void)sys; (void)pub; (void)internal;
	xstop(ud, ERR_INVALID, xstrdup(TR("XML có DOCTYPE (tệp văn phòng không bao giờ có)",
	    "XML with a DOCTYPE (office files never have one)")));
}

static bool
count_cell(struct xbase *x)
{
	if (++*x->ncells > DOC_MAX_CELLS) {
		xstop(x, ERR_INVALID, xasprintf(TR("quá %u ô", "more than %u cells"), DOC_MAX_CELLS));
		return false;
	}
	return true;
}

/* Append text to a cell buffer, within DOC_MAX_CELL_TEXT. */
static void
cell_add(struct xbase *x, struct buf *b, const char *s, size_t n)
{
	if (x->err == ERR_OK && buf_add(b, s, n) != 0)
		xstop(x, ERR_INVALID, xasprintf(TR("một ô dài quá %u byte", "a cell longer than %u bytes"),
		    DOC_MAX_CELL_TEXT));
}

/* The text as a cell keeps it: white space runs made one space, trimmed, NFC. */
static char *
cell_clean(const char *s)
{
	char *o = xmalloc(strlen(s) + 1), *nfc;
	size_t n = 0;
	bool sp = false;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f') {
			sp = n > 0;
			continue;
		}
		/* U+00A0 no-break space is a space too */
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			sp = n > 0;
			s++;
			continue;
		}
		if (sp)
			o[n++] = ' ';
		sp = false;
		o[n++] = *s;
	}
	o[n] = '\0';
	nfc = text_nfc(o);
	if (nfc) {
		free(o);
		return nfc;
	}
	return o;
}

static struct doc_table *
table_new(struct doc_tables *out, struct xbase *x)
{
	if (out->n >= DOC_MAX_TABLES) {
		xstop(x, ERR_INVALID, xasprintf(TR("quá %d bảng", "more than %d tables"), DOC_MAX_TABLES));
		return NULL;
	}
	out->t = xreallocarray(out->t, out->n + 1, sizeof *out->t);
	memset(&out->t[out->n], 0, sizeof out->t[out->n]);
	return &out->t[out->n++];
}

static struct doc_row *
row_new(struct doc_table *t)
{
	t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
	memset(&t->rows[t->nrows], 0, sizeof t->rows[t->nrows]);
	return &t->rows[t->nrows++];
}

/* The cell at COL of R, made (empty) with those before it if missing. */
static struct doc_cell *
row_cell(struct doc_row *r, size_t col)
{
	if (col >= r->ncells) {
		r->cells = xreallocarray(r->cells, col + 1, sizeof *r->cells);
		for (size_t i = r->ncells; i <= col; i++)
			r->cells[i] = (struct doc_cell){ NULL, false, false };
		r->ncells = col + 1;
	}
	return &r->cells[col];
}

/* Every cell has text ("" when the source had none): callers read it as is. */
static void
fill_empty(struct doc_tables *t)
{
	for (size_t i = 0; i < t->n; i++)
		for (size_t r = 0; r < t->t[i].nrows; r++)
			for (size_t c = 0; c < t->t[i].rows[r].ncells; c++)
				if (!t->t[i].rows[r].cells[c].text)
					t->t[i].rows[r].cells[c].text = xstrdup("");
}

const char *
doc_cell_text(const struct doc_row *r, size_t col)
{
	return r && col < r->ncells && r->cells[col].text ? r->cells[col].text : "";
}

void
doc_tables_free(struct doc_tables *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct doc_table *d = &t->t[i];
		for (size_t r = 0; r < d->nrows; r++) {
			for (size_t c = 0; c < d->rows[r].ncells; c++)
				free(d->rows[r].cells[c].text);
			free(d->rows[r].cells);
		}
		free(d->rows);
		free(d->name);
		free(d->caption);
	}
	free(t->t);
	t->t = NULL;
	t->n = 0;
}

enum doc_kind
doc_kind_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot)
		return DOC_UNKNOWN;
	if (strcasecmp(dot, ".docx") == 0)
		return DOC_DOCX;
	if (strcasecmp(dot, ".xlsx") == 0)
		return DOC_XLSX;
	if (strcasecmp(dot, ".csv") == 0)
		return DOC_CSV;
	return DOC_UNKNOWN;
}

/* ---- zip ---------------------------------------------------------------- */

static enum err
zip_open(const char *path, unzFile *z, char **cause)
{
	struct stat st;
	unz_global_info64 gi;

	if (stat(path, &st) != 0)
		return err_set_at(cause, err_os_code(errno), path, "%s", err_os(errno));
	if (!S_ISREG(st.st_mode))
		return err_set_at(cause, ERR_INVALID, path, TR("không phải tệp thường", "not a regular file"));
	if ((unsigned long long)st.st_size > DOC_MAX_FILE)
		return err_set_at(cause, ERR_INVALID, path, TR("tệp lớn quá %u MiB", "file larger than %u MiB"),
		    DOC_MAX_FILE >> 20);
	*z = unzOpen64(path);
	if (!*z)
		return err_set_at(cause, ERR_INVALID, path, TR("không phải tệp zip (DOCX/XLSX) hoặc bị hỏng",
		    "not a zip file (DOCX/XLSX), or damaged"));
	if (unzGetGlobalInfo64(*z, &gi) != UNZ_OK || gi.number_entry > ZIP_MAX_ENTRIES) {
		unzClose(*z);
		return err_set_at(cause, ERR_INVALID, path, TR("tệp zip có quá nhiều phần hoặc bị hỏng",
		    "zip file with too many parts, or damaged"));
	}
	return ERR_OK;
}

/*
 * Stream the zip part PART through the parser of X. ERR_NOTFOUND (without
 * a message) when the part is missing and !REQUIRED.
 */
static enum err
zip_parse(unzFile z, const char *path, const char *part, bool required, struct xbase *x,
	  char **cause)
{
	unz_file_info64 fi;
	static char chunk[1 << 16];
	unsigned long long total = 0;
	int n, rc;

	if (unzLocateFile(z, part, 2) != UNZ_OK) {
		if (!required)
			return ERR_NOTFOUND;
		return err_set_at(cause, ERR_INVALID, path, TR("thiếu phần %s (không phải tệp %s?)",
		    "part %s is missing (not a %s file?)"), part,
		    strncmp(part, "word/", 5) == 0 ? "DOCX" : "XLSX");
	}
	if (unzGetCurrentFileInfo64(z, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    unzOpenCurrentFile(z) != UNZ_OK)
		return err_set_at(cause, ERR_INVALID, path, TR("không mở được phần %s (hỏng hoặc mã hoá)",
		    "cannot open part %s (damaged or encrypted)"), part);
	for (;;) {
		n = unzReadCurrentFile(z, chunk, sizeof chunk);
		if (n < 0) {
			unzCloseCurrentFile(z);
			return err_set_at(cause, ERR_INVALID, path, TR("phần %s bị hỏng", "part %s is damaged"),
			    part);
		}
		total += (unsigned)n;
		if (total > DOC_MAX_XML ||
		    (total > (1u << 20) && total / DOC_MAX_RATIO > fi.compressed_size)) {
			unzCloseCurrentFile(z);
			return err_set_at(cause, ERR_INVALID, path, TR("phần %s giải nén ra quá lớn (bom zip?)",
			    "part %s inflates too much (a zip bomb?)"), part);
		}
		if (XML_Parse(x->p, chunk, n, n == 0) == XML_STATUS_ERROR) {
			enum err e = x->err;
			unzCloseCurrentFile(z);
			if (e != ERR_OK) {
				err_set_at(cause, e, path, "%s" ERR_WHERE_SEP "%s", x->why, part);
				return e;
			}
			return err_set_at(cause, ERR_INVALID, path, TR("XML sai: %s" ERR_WHERE_SEP "%s dòng %lu",
			    "bad XML: %s" ERR_WHERE_SEP "%s line %lu"),
			    XML_ErrorString(XML_GetErrorCode(x->p)), part,
			    (unsigned long)XML_GetCurrentLineNumber(x->p));
		}
		if (n == 0)
			break;
	}
	rc = unzCloseCurrentFile(z);
	if (rc != UNZ_OK)
		return err_set_at(cause, ERR_INVALID, path, TR("phần %s sai CRC (tệp hỏng)",
		    "part %s fails its CRC (damaged file)"), part);
	return ERR_OK;
}

static void
xinit(struct xbase *x, void *ud, size_t *ncells)
{
	x->p = XML_ParserCreate("UTF-8");
	if (!x->p)
		abort();	/* out of memory, as xmalloc would */
	XML_SetUserData(x->p, ud);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	x->depth = 0;
	x->err = ERR_OK;
	x->why = NULL;
	x->ncells = ncells;
}

static void
xfini(struct xbase *x)
{
	XML_ParserFree(x->p);
	free(x->why);
	x->p = NULL;
	x->why = NULL;
}

/* ---- DOCX --------------------------------------------------------------- */

struct docx {
	struct xbase x;
	struct doc_tables *out;
	struct doc_table *cur;
	struct doc_row *row;
	int tbl;		/* table nesting */
	bool in_cell, in_t, cell_merged, cell_spans;
	long span;
	struct buf cell;	/* the current cell's text */
	struct buf para;	/* the current paragraph outside tables */
	char *cap[3];		/* the last paragraphs before the next table */
	bool in_paren;		/* inside a "( ... )" paragraph run */
	bool para_cut;		/* a paragraph outside tables was cut at 64 KiB */
};

/* Does S start with a lower-case letter (utf8proc's category Ll)? */
static bool
starts_lower_ascii_or_vi(const char *s)
{
	utf8proc_int32_t c;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c) <= 0)
		return false;
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static void
docx_caption_push(struct docx *d)
{
	char *s = cell_clean(d->para.data ? d->para.data : "");

	buf_reset(&d->para);
	/* "(Kèm theo Kế hoạch số ... ngày ...)": no caption, over several lines too */
	if (*s == '(' || d->in_paren) {
		d->in_paren = *s == '(' && !strchr(s, ')');	/* goes on to the next line only */
		*s = '\0';
	}
	if (!*s) {
		free(s);
		return;
	}
	/* a title broken over two lines goes on in lower case: one caption */
	if (d->cap[2] && starts_lower_ascii_or_vi(s)) {
		char *j = xasprintf("%s %s", d->cap[2], s);
		free(d->cap[2]);
		free(s);
		d->cap[2] = j;
		return;
	}
	free(d->cap[0]);
	d->cap[0] = d->cap[1];
	d->cap[1] = d->cap[2];
	d->cap[2] = s;
}

static void XMLCALL
docx_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct docx *d = ud;
	const char *n = local(name), *v;

	if (!xenter(&d->x))
		return;
	if (strcmp(n, "tbl") == 0) {
		if (d->tbl++ > 0) {
			d->cur->nested = true;
			return;
		}
		if (!(d->cur = table_new(d->out, &d->x)))
			return;
		d->cur->name = xstrdup("");
		struct buf c;
		buf_init(&c, 0);
		for (int i = 0; i < 3; i++)
			if (d->cap[i] && (c.len == 0 || buf_addstr(&c, " — ") == 0) &&
			    buf_addstr(&c, d->cap[i]) == 0) {
				free(d->cap[i]);
				d->cap[i] = NULL;
			}
		d->cur->caption = c.data ? buf_detach(&c, NULL) : xstrdup("");
		buf_free(&c);
		return;
	}
	if (d->tbl != 1) {
		if (d->tbl > 1 && d->in_cell && (strcmp(n, "tab") == 0 || strcmp(n, "br") == 0))
			cell_add(&d->x, &d->cell, " ", 1);
		if (strcmp(n, "t") == 0)
			d->in_t = true;
		else if (d->tbl == 0 && (strcmp(n, "tab") == 0 || strcmp(n, "br") == 0))
			cell_add(&d->x, &d->para, " ", 1);
		return;
	}
	if (strcmp(n, "tr") == 0) {
		d->row = row_new(d->cur);
	} else if (strcmp(n, "tc") == 0 && d->row) {
		d->in_cell = true;
		d->cell_merged = d->cell_spans = false;
		d->span = 1;
		buf_reset(&d->cell);
	} else if (strcmp(n, "gridSpan") == 0 && d->in_cell) {
		v = attr(atts, "val");
		d->span = v ? strtol(v, NULL, 10) : 1;
		if (d->span < 1 || d->span > DOC_MAX_COLS)
			d->span = 1;
	} else if (strcmp(n, "vMerge") == 0 && d->in_cell) {
		v = attr(atts, "val");
		if (v && strcmp(v, "restart") == 0)
			d->cell_spans = true;
		else
			d->cell_merged = true;
	} else if (strcmp(n, "t") == 0 && d->in_cell) {
		d->in_t = true;
	} else if ((strcmp(n, "tab") == 0 || strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) &&
		   d->in_cell) {
		cell_add(&d->x, &d->cell, " ", 1);
	}
}

static void XMLCALL
docx_end(void *ud, const XML_Char *name)
{
	struct docx *d = ud;
	const char *n = local(name);

	d->x.depth--;
	if (strcmp(n, "t") == 0) {
		d->in_t = false;
	} else if (strcmp(n, "p") == 0) {
		if (d->in_cell)
			cell_add(&d->x, &d->cell, " ", 1);
		else if (d->tbl == 0)
			docx_caption_push(d);
	} else if (strcmp(n, "tbl") == 0) {
		if (d->tbl > 0 && --d->tbl == 0) {
			d->cur = NULL;
			d->row = NULL;
		}
	} else if (strcmp(n, "tc") == 0 && d->tbl == 1 && d->in_cell) {
		struct doc_cell *c;
		d->in_cell = false;
		if (d->row->ncells + (size_t)d->span > DOC_MAX_COLS) {
			xstop(&d->x, ERR_INVALID, xasprintf(TR("bảng quá %d cột", "a table wider than %d columns"),
			    DOC_MAX_COLS));
			return;
		}
		if (!count_cell(&d->x))
			return;
		c = row_cell(d->row, d->row->ncells);
		c->text = cell_clean(d->cell.data ? d->cell.data : "");
		c->merged = d->cell_merged;
		c->spans = d->cell_spans || d->span > 1;
		for (long i = 1; i < d->span; i++) {
			if (!count_cell(&d->x))
				return;
			c = row_cell(d->row, d->row->ncells);
			c->text = xstrdup("");
			c->merged = true;
		}
	} else if (strcmp(n, "tr") == 0 && d->tbl == 1) {
		d->row = NULL;
	}
}

static void XMLCALL
docx_text(void *ud, const XML_Char *s, int len)
{
	struct docx *d = ud;

	if (!d->in_t)
		return;
	if (d->in_cell)
		cell_add(&d->x, &d->cell, s, (size_t)len);
	else if (d->tbl == 0 && buf_add(&d->para, s, (size_t)len) != 0)
		d->para_cut = true;	/* a caption past 64 KiB is cut, not refused: it only names the table */
}

enum err
doc_tables_read_docx(const char *path, struct doc_tables *out, char **cause)
{
	unzFile z;
	struct docx d = { 0 };
	size_t ncells = 0;
	enum err e;

	doc_tables_free(out);
	if ((e = zip_open(path, &z, cause)) != ERR_OK)
		return e;
	xinit(&d.x, &d, &ncells);
	d.out = out;
	buf_init(&d.cell, DOC_MAX_CELL_TEXT);
	buf_init(&d.para, DOC_MAX_CELL_TEXT);
	XML_SetElementHandler(d.x.p, docx_start, docx_end);
	XML_SetCharacterDataHandler(d.x.p, docx_text);
	e = zip_parse(z, path, "word/document.xml", true, &d.x, cause);
	xfini(&d.x);
	buf_free(&d.cell);
	buf_free(&d.para);
	for (int i = 0; i < 3; i++)
		free(d.cap[i]);
	unzClose(z);
	if (e != ERR_OK)
		doc_tables_free(out);
	else
		fill_empty(out);
	return e;
}

/* ---- XLSX --------------------------------------------------------------- */

struct xlsx_book {
	struct xbase x;
	char **names, **rids;	/* workbook: sheets in order */
	size_t nsheets;
	char **ids, **targets;	/* rels */
	size_t nrels;
};

static void XMLCALL
book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_book *b = ud;
	const char *n = local(name);

	if (!xenter(&b->x))
		return;
	if (strcmp(n, "sheet") == 0) {
		const char *nm = attr(atts, "name"), *id = attr(atts, "id");
		if (!nm || !id)
			return;
		if (b->nsheets >= XLSX_MAX_SHEETS) {
			xstop(&b->x, ERR_INVALID, xasprintf(TR("quá %d trang tính", "more than %d sheets"),
			    XLSX_MAX_SHEETS));
			return;
		}
		b->names = xreallocarray(b->names, b->nsheets + 1, sizeof *b->names);
		b->rids = xreallocarray(b->rids, b->nsheets + 1, sizeof *b->rids);
		b->names[b->nsheets] = cell_clean(nm);
		b->rids[b->nsheets++] = xstrdup(id);
	} else if (strcmp(n, "Relationship") == 0) {
		const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
		if (!id || !t || b->nrels >= ZIP_MAX_ENTRIES)
			return;
		b->ids = xreallocarray(b->ids, b->nrels + 1, sizeof *b->ids);
		b->targets = xreallocarray(b->targets, b->nrels + 1, sizeof *b->targets);
		b->ids[b->nrels] = xstrdup(id);
		b->targets[b->nrels++] = xstrdup(t);
	}
}

static void XMLCALL
any_end(void *ud, const XML_Char *name)
{
	(void)name;
	((struct xbase *)ud)->depth--;
}

struct xlsx_sst {
	struct xbase x;
	char **s;
	size_t n;
	bool in_si, in_t, in_rph;
	struct buf cur;
};

static void XMLCALL
sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_sst *s = ud;
	const char *n = local(name);

	(void)atts;
	if (!xenter(&s->x))
		return;
	if (strcmp(n, "si") == 0) {
		s->in_si = true;
		buf_reset(&s->cur);
	} else if (strcmp(n, "rPh") == 0) {
		s->in_rph = true;
	} else if (strcmp(n, "t") == 0 && s->in_si && !s->in_rph) {
		s->in_t = true;
	}
}

static void XMLCALL
sst_end(void *ud, const XML_Char *name)
{
	struct xlsx_sst *s = ud;
	const char *n = local(name);

	s->x.depth--;
	if (strcmp(n, "t") == 0) {
		s->in_t = false;
	} else if (strcmp(n, "rPh") == 0) {
		s->in_rph = false;
	} else if (strcmp(n, "si") == 0 && s->in_si) {
		s->in_si = false;
		if (s->n >= DOC_MAX_SHARED) {
			xstop(&s->x, ERR_INVALID, xasprintf(TR("quá %u chuỗi dùng chung",
			    "more than %u shared strings"), DOC_MAX_SHARED));
			return;
		}
		if (!count_cell(&s->x))
			return;
		s->s = xreallocarray(s->s, s->n + 1, sizeof *s->s);
		s->s[s->n++] = cell_clean(s->cur.data ? s->cur.data : "");
	}
}

static void XMLCALL
sst_text(void *ud, const XML_Char *t, int len)
{
	struct xlsx_sst *s = ud;

	if (s->in_t)
		cell_add(&s->x, &s->cur, t, (size_t)len);
}

struct xlsx_sheet {
	struct xbase x;
	struct doc_table *t;
	struct xlsx_sst *sst;
	size_t row;		/* 0-based row being read */
	bool in_row, in_c, in_v, in_t;
	size_t col, next_col;
	char type[16];
	struct buf v;
	struct { size_t r0, c0, r1, c1; } *merges;
	size_t nmerges;
	size_t merge_area;	/* cells the merges cover, against DOC_MAX_CELLS */
};

/* "BC12" -> column 54, row 11 (0-based); false if not a cell reference. */
static bool
cell_ref(const char *s, size_t *col, size_t *row)
{
	size_t c = 0, r = 0;
	int nl = 0, nd = 0;

	for (; *s >= 'A' && *s <= 'Z'; s++, nl++)
		if ((c = c * 26 + (size_t)(*s - 'A' + 1)) > 16384)
			return false;
	for (; *s >= '0' && *s <= '9'; s++, nd++)
		if ((r = r * 10 + (size_t)(*s - '0')) > 1048576)
			return false;
	if (*s || nl == 0 || nd == 0 || c == 0 || r == 0)
		return false;
	*col = c - 1;
	if (row)
		*row = r - 1;
	return true;
}

static bool
sheet_row_to(struct xlsx_sheet *s, size_t r)
{
	while (s->t->nrows <= r) {
		if (!count_cell(&s->x))
			return false;
		row_new(s->t);
	}
	return true;
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_sheet *s = ud;
	const char *n = local(name), *v;

	if (!xenter(&s->x))
		return;
	if (strcmp(n, "row") == 0) {
		size_t r = s->t->nrows;
		if ((v = attr(atts, "r"))) {
			char *end;
			unsigned long x = strtoul(v, &end, 10);
			if (*end || x == 0 || x > 1048576 || x - 1 < s->t->nrows) {
				xstop(&s->x, ERR_INVALID, xasprintf(TR("số dòng sai: %.20s", "bad row number: %.20s"),
				    v));
				return;
			}
			r = x - 1;
		}
		if (!sheet_row_to(s, r))
			return;
		s->row = r;
		s->in_row = true;
		s->next_col = 0;
	} else if (strcmp(n, "c") == 0 && s->in_row) {
		size_t col = s->next_col;
		size_t rr;
		if ((v = attr(atts, "r")) && !cell_ref(v, &col, &rr)) {
			xstop(&s->x, ERR_INVALID, xasprintf(TR("ô sai: %.20s", "bad cell: %.20s"), v));
			return;
		}
		if (col >= DOC_MAX_COLS) {
			xstop(&s->x, ERR_INVALID, xasprintf(TR("trang tính quá %d cột", "a sheet wider than %d columns"),
			    DOC_MAX_COLS));
			return;
		}
		s->col = col;
		s->next_col = col + 1;
		v = attr(atts, "t");
		snprintf(s->type, sizeof s->type, "%s", v ? v : "n");
		s->in_c = true;
		buf_reset(&s->v);
	} else if (s->in_c && strcmp(n, "v") == 0) {
		s->in_v = true;
	} else if (s->in_c && strcmp(n, "t") == 0) {
		s->in_t = true;
	} else if (strcmp(n, "mergeCell") == 0 && (v = attr(atts, "ref"))) {
		char a[16], *colon;
		size_t r0, c0, r1, c1;
		snprintf(a, sizeof a, "%s", v);
		if (!(colon = strchr(a, ':')))
			return;
		*colon = '\0';
		if (!cell_ref(a, &c0, &r0) || !cell_ref(colon + 1, &c1, &r1) || r1 < r0 || c1 < c0)
			return;
		s->merge_area += (r1 - r0 + 1) * (c1 - c0 + 1);
		if (c1 >= DOC_MAX_COLS || s->nmerges >= 100000 || s->merge_area > DOC_MAX_CELLS) {
			xstop(&s->x, ERR_INVALID, xasprintf(TR("vùng gộp ô quá lớn: %.20s",
			    "merged region too large: %.20s"), v));
			return;
		}
		s->merges = xreallocarray(s->merges, s->nmerges + 1, sizeof *s->merges);
		s->merges[s->nmerges].r0 = r0;
		s->merges[s->nmerges].c0 = c0;
		s->merges[s->nmerges].r1 = r1;
		s->merges[s->nmerges++].c1 = c1;
	}
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx_sheet *s = ud;
	const char *n = local(name);

	s->x.depth--;
	if (strcmp(n, "v") == 0) {
		s->in_v = false;
	} else if (strcmp(n, "t") == 0) {
		s->in_t = false;
	} else if (strcmp(n, "row") == 0) {
		s->in_row = false;
	} else if (strcmp(n, "c") == 0 && s->in_c) {
		const char *raw = s->v.data ? s->v.data : "";
		struct doc_cell *c;
		char *text;

		s->in_c = false;
		if (strcmp(s->type, "s") == 0) {
			char *end;
			unsigned long i = strtoul(raw, &end, 10);
			if (!*raw || *end || !s->sst || i >= s->sst->n) {
				xstop(&s->x, ERR_INVALID, xasprintf(TR("ô trỏ tới chuỗi dùng chung không có: %.20s",
				    "a cell names a shared string that does not exist: %.20s"), raw));
				return;
			}
			text = xstrdup(s->sst->s[i]);
		} else if (strcmp(s->type, "b") == 0) {
			text = xstrdup(strcmp(raw, "1") == 0 ? "true" : "false");
		} else {
			text = cell_clean(raw);
		}
		if (!count_cell(&s->x)) {
			free(text);
			return;
		}
		c = row_cell(&s->t->rows[s->row], s->col);
		free(c->text);
		c->text = text;
	}
}

static void XMLCALL
sheet_text(void *ud, const XML_Char *t, int len)
{
	struct xlsx_sheet *s = ud;

	if (s->in_v || s->in_t)
		cell_add(&s->x, &s->v, t, (size_t)len);
}

/* Mark the cells the sheet's merged regions cover. */
static bool
sheet_apply_merges(struct xlsx_sheet *s)
{
	for (size_t m = 0; m < s->nmerges; m++) {
		if (!sheet_row_to(s, s->merges[m].r1))
			return false;
		for (size_t r = s->merges[m].r0; r <= s->merges[m].r1; r++)
			for (size_t c = s->merges[m].c0; c <= s->merges[m].c1; c++) {
				struct doc_cell *cell = row_cell(&s->t->rows[r], c);
				if (!cell->text)
					cell->text = xstrdup("");
				if (r == s->merges[m].r0 && c == s->merges[m].c0)
					cell->spans = true;
				else
					cell->merged = true;
			}
	}
	return true;
}

/* "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml" -> the zip path. */
static char *
xlsx_part(const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	return xasprintf("xl/%s", target);
}

enum err
doc_tables_read_xlsx(const char *path, struct doc_tables *out, char **cause)
{
	unzFile z;
	struct xlsx_book b = { 0 };
	struct xlsx_sst sst = { 0 };
	size_t ncells = 0;
	enum err e;

	doc_tables_free(out);
	if ((e = zip_open(path, &z, cause)) != ERR_OK)
		return e;
	xinit(&b.x, &b, &ncells);
	XML_SetElementHandler(b.x.p, book_start, any_end);
	e = zip_parse(z, path, "xl/workbook.xml", true, &b.x, cause);
	xfini(&b.x);
	if (e == ERR_OK) {
		xinit(&b.x, &b, &ncells);
		XML_SetElementHandler(b.x.p, book_start, any_end);
		e = zip_parse(z, path, "xl/_rels/workbook.xml.rels", true, &b.x, cause);
		xfini(&b.x);
	}
	if (e == ERR_OK) {
		xinit(&sst.x, &sst, &ncells);
		buf_init(&sst.cur, DOC_MAX_CELL_TEXT);
		XML_SetElementHandler(sst.x.p, sst_start, sst_end);
		XML_SetCharacterDataHandler(sst.x.p, sst_text);
		e = zip_parse(z, path, "xl/sharedStrings.xml", false, &sst.x, cause);
		if (e == ERR_NOTFOUND)
			e = ERR_OK;
		xfini(&sst.x);
		buf_free(&sst.cur);
	}
	if (e == ERR_OK && b.nsheets == 0)
		e = err_set_at(cause, ERR_INVALID, path, TR("sổ tính không có trang tính nào",
		    "the workbook has no sheet"));
	for (size_t i = 0; e == ERR_OK && i < b.nsheets; i++) {
		struct xlsx_sheet s = { 0 };
		char *part = NULL;

		for (size_t k = 0; k < b.nrels && !part; k++)
			if (strcmp(b.ids[k], b.rids[i]) == 0)
				part = xlsx_part(b.targets[k]);
		if (!part) {
			e = err_set_at(cause, ERR_INVALID, path, TR("trang tính \"%s\" không có phần nào",
			    "sheet \"%s\" has no part"), b.names[i]);
			break;
		}
		xinit(&s.x, &s, &ncells);
		buf_init(&s.v, DOC_MAX_CELL_TEXT);
		s.sst = &sst;
		XML_SetElementHandler(s.x.p, sheet_start, sheet_end);
		XML_SetCharacterDataHandler(s.x.p, sheet_text);
		if (!(s.t = table_new(out, &s.x))) {
			e = err_set_at(cause, ERR_INVALID, path, "%s", s.x.why);
		} else {
			s.t->name = xstrdup(b.names[i]);
			s.t->caption = xstrdup(b.names[i]);
			e = zip_parse(z, path, part, true, &s.x, cause);
			if (e == ERR_OK && !sheet_apply_merges(&s))
				e = err_set_at(cause, ERR_INVALID, path, "%s" ERR_WHERE_SEP "%s", s.x.why, part);
		}
		xfini(&s.x);
		buf_free(&s.v);
		free(s.merges);
		free(part);
	}
	for (size_t i = 0; i < b.nsheets; i++) {
		free(b.names[i]);
		free(b.rids[i]);
	}
	for (size_t i = 0; i < b.nrels; i++) {
		free(b.ids[i]);
		free(b.targets[i]);
	}
	free(b.names);
	free(b.rids);
	free(b.ids);
	free(b.targets);
	for (size_t i = 0; i < sst.n; i++)
		free(sst.s[i]);
	free(sst.s);
	unzClose(z);
	if (e != ERR_OK)
		doc_tables_free(out);
	else
		fill_empty(out);
	return e;
}

/* ---- CSV ---------------------------------------------------------------- */

struct csv_ctx {
	struct doc_table *t;
	struct doc_row *row;
	size_t ncells;
	bool over;
};

static void
csv_on_cell(void *data, size_t len, void *arg)
{
	struct csv_ctx *c = arg;
	struct doc_cell *cell;
	char *s;

	if (c->over)
		return;
	if (!c->row)
		c->row = row_new(c->t);
	if (++c->ncells > DOC_MAX_CELLS || c->row->ncells >= DOC_MAX_COLS || len > DOC_MAX_CELL_TEXT) {
		c->over = true;
		return;
	}
	s = xstrndup(data ? data : "", data ? len : 0);
	cell = row_cell(c->row, c->row->ncells);
	cell->text = cell_clean(s);
	free(s);
}

static void
csv_on_row(int ch, void *arg)
{
	struct csv_ctx *c = arg;

	(void)ch;
	if (!c->row && !c->over)
		row_new(c->t);	/* an empty line stays a row: tables are found by their rows */
	c->row = NULL;
}

enum err
doc_tables_read_csv(const char *path, struct doc_tables *out, char **cause)
{
	struct buf b;
	struct csv_parser p;
	struct csv_ctx c = { 0 };
	const char *text;
	size_t len;
	const char *base = strrchr(path, '/');
	enum err e = ERR_OK;

	doc_tables_free(out);
	buf_init(&b, DOC_MAX_FILE);
	if (buf_read_file(&b, path) != 0) {
		int en = errno;
		buf_free(&b);
		if (en == EFBIG)
			return err_set_at(cause, ERR_INVALID, path, TR("tệp lớn quá %u MiB",
			    "file larger than %u MiB"), DOC_MAX_FILE >> 20);
		return err_set_at(cause, err_os_code(en), path, "%s", err_os(en));
	}
	text = b.data ? b.data : "";
	len = b.len;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (memchr(text, '\0', len) || !text_valid_lines(text)) {
		buf_free(&b);
		return err_set_at(cause, ERR_INVALID, path, TR("không phải văn bản UTF-8 (lưu CSV dạng UTF-8)",
		    "not UTF-8 text (save the CSV as UTF-8)"));
	}
	c.t = table_new(out, &(struct xbase){ 0 });
	c.t->name = xstrdup(base ? base + 1 : path);
	c.t->caption = xstrdup("");
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		abort();
	if (csv_parse(&p, text, len, csv_on_cell, csv_on_row, &c) != len ||
	    csv_fini(&p, csv_on_cell, csv_on_row, &c) != 0)
		e = err_set_at(cause, ERR_INVALID, path, "CSV: %s", csv_strerror(csv_error(&p)));
	else if (c.over)
		e = err_set_at(cause, ERR_INVALID, path, TR("CSV vượt giới hạn (%u ô, %d cột, %u byte một ô)",
		    "CSV past the bounds (%u cells, %d columns, %u bytes a cell)"),
		    DOC_MAX_CELLS, DOC_MAX_COLS, DOC_MAX_CELL_TEXT);
	csv_free(&p);
	buf_free(&b);
	if (e != ERR_OK)
		doc_tables_free(out);
	else
		fill_empty(out);
	return e;
}

enum err
doc_tables_read(const char *path, struct doc_tables *out, char **cause)
{
	switch (doc_kind_of(path)) {
	case DOC_DOCX: return doc_tables_read_docx(path, out, cause);
	case DOC_XLSX: return doc_tables_read_xlsx(path, out, cause);
	case DOC_CSV: return doc_tables_read_csv(path, out, cause);
	default:
		doc_tables_free(out);
		return err_set_at(cause, ERR_INVALID, path, TR("chỉ đọc được DOCX, XLSX hoặc CSV (PDF: mở bằng Word "
		    "rồi lưu thành DOCX)", "only DOCX, XLSX or CSV can be read (PDF: open it in Word and "
		    "save it as DOCX)"));
	}
}

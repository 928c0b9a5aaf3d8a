/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc-table: the tables of an office document, as rows of text cells.
 *
 * A commune's plan arrives as a Word file (DOCX), a spreadsheet (XLSX) or a
 * CSV export; `forms draft` and `forms import` want only its tables. DOCX and
 * XLSX are zip files of XML: minizip reads the zip, expat the XML, streamed
 * and bounded (entry size, compression ratio, XML depth, cells, text per
 * cell), and an XML file with a DOCTYPE is refused outright (OOXML never has
 * one; it is where entity expansion attacks live). CSV goes through libcsv.
 *
 * Cells merged in the source are kept as cells of their own marked `merged`
 * (a horizontal span repeats nothing; a vertical one continues the cell
 * above), so the caller can say which rows it could not map for certain.
 */
#ifndef BAOCAO_DOC_TABLE_H
#define BAOCAO_DOC_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/err.h"

/* Bounds: past any of them the document is refused (ERR_INVALID), never
 * half read. */
#define DOC_MAX_FILE (64u << 20)	/* the file itself */
#define DOC_MAX_XML (128u << 20)	/* one XML part, uncompressed */
#define DOC_MAX_RATIO 200u	/* uncompressed / compressed, per part (past 1 MiB) */
#define DOC_MAX_DEPTH 256	/* XML element nesting */
#define DOC_MAX_CELLS 2000000u	/* cells in the whole document */
#define DOC_MAX_CELL_TEXT (64u << 10)	/* bytes of text in one cell */
#define DOC_MAX_COLS 512	/* columns of one table */
#define DOC_MAX_TABLES 4096
#define DOC_MAX_SHARED 1000000u	/* XLSX shared strings */

struct doc_cell {
	char *text;		/* NFC UTF-8, runs of white space made one space, trimmed */
	bool merged;		/* covered by a merged cell (not its first cell) */
	bool spans;		/* the first cell of a merged region */
};

struct doc_row {
	struct doc_cell *cells;
	size_t ncells;
};

struct doc_table {
	char *name;		/* XLSX: the sheet's name; DOCX: "" */
	char *caption;		/* DOCX: the last paragraphs before the table (may be "") */
	struct doc_row *rows;
	size_t nrows;
	bool nested;		/* DOCX: a table inside a cell was flattened into text */
};

struct doc_tables {
	struct doc_table *t;
	size_t n;
};

enum doc_kind { DOC_UNKNOWN, DOC_DOCX, DOC_XLSX, DOC_CSV };

/* The kind of PATH by its name's ending (.docx, .xlsx, .csv, any case). */
enum doc_kind doc_kind_of(const char *path);

/*
 * Read every table of PATH (kind by doc_kind_of) into OUT (emptied first).
 * ERR_NOTFOUND / ERR_IO when it cannot be read, ERR_INVALID when it is not
 * what its name says, is damaged or passes a bound; *CAUSE names the file and
 * the part. On error OUT is empty.
 */
enum err doc_tables_read(const char *path, struct doc_tables *out, char **cause);
enum err doc_tables_read_docx(const char *path, struct doc_tables *out, char **cause);
enum err doc_tables_read_xlsx(const char *path, struct doc_tables *out, char **cause);
enum err doc_tables_read_csv(const char *path, struct doc_tables *out, char **cause);

void doc_tables_free(struct doc_tables *t);

/* The cell's text, "" for a missing one. */
const char *doc_cell_text(const struct doc_row *r, size_t col);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form-draft: a draft form file from a plan's appendix tables.
 *
 * `baocao forms draft PLAN.docx` finds the task tables of a plan (a header
 * row naming STT, nội dung / nhiệm vụ, chủ trì, phối hợp, thời gian / thời
 * hạn, sản phẩm, chỉ tiêu — read without accents or case), joins a table
 * split across pages, numbers its rows as the plan does (I, I.1, II.2.a),
 * reads each row's lead and helper unit kinds, its deadline and target, and
 * writes one form per table in FORMAT.md's plan syntax. What it cannot map
 * for certain (a unit name that is no known kind, a deadline it cannot read,
 * merged cells, rows joined across a page) is listed, row by row, in the
 * draft's `unmapped` list and as a comment at the top of the file.
 *
 * Unit names are matched against a fixed list of the commune's usual unit
 * kinds (form_draft_kinds); an office with other kinds edits the draft.
 */
#ifndef BAOCAO_FORM_DRAFT_H
#define BAOCAO_FORM_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc-table.h"

struct draft_row {
	char *id;		/* "I", "I.1", "II.2.a" */
	char *label;
	bool heading;		/* a section: no lead, no input */
	char *lead_text, *helpers_text, *basis, *due, *product, *note;
	char **lead, **helpers;	/* unit kinds read from the texts */
	size_t nlead, nhelpers;
	char *deadline;		/* `due` in the syntax baocao reads, or NULL */
	char **targets;		/* as written ("tối thiểu 80%") */
	size_t ntargets;
};

struct draft {
	char *id;		/* the form's id: "kt01-...", from the caption or document */
	char *title;
	char *unit;		/* the kind leading most rows (fills what has no lead) */
	char *source;		/* "PLAN.docx, bảng 2" */
	char *appendix;		/* "I", "IV" when the caption names one, else NULL */
	int valid_from, valid_to;	/* years the title names ("năm 2026", "2026 - 2030"), or 0 */
	struct draft_row *rows;
	size_t nrows;
	char **unmapped;	/* "dòng II.3: ..." one line each */
	size_t nunmapped;
};

struct drafts {
	struct draft *d;
	size_t n;
};

/*
 * Find the task tables of T (read from the document named DOCNAME) and make
 * a draft of each into OUT (emptied first). ERR_INVALID when no table has a
 * recognisable header row, with *CAUSE saying which columns are looked for.
 */
enum err form_draft_make(const struct doc_tables *t, const char *docname, struct drafts *out,
			 char **cause);
void form_drafts_free(struct drafts *d);

/* The form file of D, in FORMAT.md's syntax (caller frees). */
char *form_draft_yaml(const struct draft *d);

/*
 * The unit kinds named in TEXT (a lead or helpers cell) into *KINDS (a
 * malloc'd list of static strings, no duplicates); the pieces of TEXT that
 * name no kind into *UNKNOWN (malloc'd strings). Either count may be 0.
 */
void form_draft_kinds(const char *text, const char ***kinds, size_t *nkinds, char ***unknown,
		      size_t *nunknown);

/* DUE ("Chậm nhất ngày 15/8/2026", "Quý II/2026", "Thường xuyên") in the
 * syntax of a row's `deadline:` (caller frees), or NULL when it cannot be
 * read for certain. */
char *form_draft_deadline(const char *due);

#endif

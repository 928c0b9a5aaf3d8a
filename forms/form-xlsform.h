/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form-xlsform: an XLSForm workbook (sheets `survey`, `choices`, `settings`)
 * turned into a form file (FORMAT.md, "XLSForm import").
 *
 * The supported subset: the types integer, decimal, text, date, time,
 * select_one / select_multiple LIST, note, calculate, begin/end group and
 * begin/end repeat; the columns name, label, hint, required, relevant,
 * constraint, constraint_message, calculation, default; choices' list_name,
 * name, label; settings' form_id, form_title, version. Everything else — a
 * type, a column, a language variant, a nested repeat — is left out and
 * listed, sheet and row, so that nothing is dropped silently.
 */
#ifndef BAOCAO_FORM_XLSFORM_H
#define BAOCAO_FORM_XLSFORM_H

#include <stddef.h>

#include "doc-table.h"

struct xlsform_result {
	char *yaml;		/* the form file */
	char **unsupported;	/* "survey dòng 7: kiểu 'geopoint' không hỗ trợ — bỏ qua" */
	size_t nunsupported;
};

/*
 * Turn the sheets of T (read from DOCNAME) into a form file whose unit kind
 * is UNIT (NULL: "van-phong", said in the list). ERR_INVALID when there is no
 * `survey` sheet with `type` and `name` columns, or nothing supported in it.
 */
enum err form_xlsform_import(const struct doc_tables *t, const char *docname, const char *unit,
			     struct xlsform_result *out, char **cause);
void form_xlsform_free(struct xlsform_result *r);

#endif

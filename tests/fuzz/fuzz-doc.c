/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-doc.c: libFuzzer target for the document readers behind `forms draft`
 * and `forms import`: the input is written to a private temporary file and
 * read as DOCX, as XLSX and as CSV; whatever tables come out are drafted and
 * imported as an XLSForm. Every reader must either return tables or refuse
 * with a message, never crash, leak or allocate without bound. Seeds: the
 * fixtures of tests/fixtures/plans/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../forms/doc-table.h"
#include "../../forms/form-draft.h"
#include "../../forms/form-xlsform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
one(const char *path, enum err (*rd)(const char *, struct doc_tables *, char **))
{
	struct doc_tables t = { 0 };
	struct drafts ds = { 0 };
	struct xlsform_result xr;
	char *cause = NULL;

	if (rd(path, &t, &cause) != ERR_OK) {
		if (cause == NULL || t.n != 0)
			abort();	/* refused without saying why, or half read */
		free(cause);
		return;
	}
	if (form_draft_make(&t, path, &ds, &cause) == ERR_OK) {
		for (size_t i = 0; i < ds.n; i++)
			free(form_draft_yaml(&ds.d[i]));
	} else {
		free(cause);
		cause = NULL;
	}
	form_drafts_free(&ds);
	if (form_xlsform_import(&t, path, NULL, &xr, &cause) == ERR_OK)
		form_xlsform_free(&xr);
	else
		free(cause);
	doc_tables_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	FILE *f;

	if (!path[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(path, sizeof path, "%s/fuzz-doc-%d", tmp ? tmp : "/tmp", (int)getpid());
	}
	if (!(f = fopen(path, "wb")))
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	one(path, doc_tables_read_docx);
	one(path, doc_tables_read_xlsx);
	one(path, doc_tables_read_csv);
	unlink(path);
	return 0;
}

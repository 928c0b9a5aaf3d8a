#include "form-xlsform.h"
#include "../core/mem.h"
enum err form_xlsform_import(const struct doc_tables *t, const char *docname, const char *unit,
			     struct xlsform_result *out, char **cause)
{ (void)t; (void)docname; (void)unit; (void)out; return err_set(cause, ERR_INVALID, "todo"); }
void form_xlsform_free(struct xlsform_result *r) { (void)r; }

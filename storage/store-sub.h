/*
 * store-sub.h: submissions and their revisions.
 *
 * A submission is one (form, unit, period); its status moves
 *
 *   (none) --save--> draft --save final--> final --export--> exported
 *     exported --office receipt--> received --> approved | returned
 *   final, exported, received, approved, returned --save--> draft (rev + 1)
 *
 * Revisions are numbered from 1. While a submission is a draft, saving
 * overwrites the draft revision in place (autosave must not pile up
 * revisions); saving after it was finalised starts the next revision, so
 * every finalised revision is kept. The data is the JSON of forms/sub.h;
 * storage does not look inside it.
 */
#ifndef BAOCAO_STORE_SUB_H
#define BAOCAO_STORE_SUB_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct store_sub {
	int64_t id;
	char *form_id;
	char *unit_id;
	char *period;
	char *status;		/* draft, final, exported, received, approved, returned */
	char *status_reason;	/* the office's reason for a return, or NULL */
	int rev;		/* current revision */
	int form_version;	/* of the current revision */
	int final;		/* the current revision is final */
	char *data;		/* JSON of the current revision (NULL in lists) */
	int64_t updated_at;
};

/* ERR_NOTFOUND when there is none. */
enum err store_sub_get(struct store *st, const char *form_id, const char *unit_id,
    const char *period, struct store_sub *out, char **cause);

/*
 * Save DATA as the working revision of (form, unit, period), final or not.
 * *rev (if not NULL) gets the revision number written. Audited: "create",
 * "edit" (a new revision after a final one) and "finalise"; plain autosaves
 * of a draft are not.
 */
enum err store_sub_save(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *data, int final, int *rev,
    char **cause);

/* Submissions (without data), by form, unit and period; unit_id NULL: all. */
enum err store_sub_list(struct store *st, const char *unit_id, struct store_sub **subs,
    size_t *n, char **cause);

void store_sub_free(struct store_sub *subs, size_t n);

#endif

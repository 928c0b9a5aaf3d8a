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

/*
 * Field: the office's word on revision REV of a submission (received,
 * approved, returned with REASON). Applies only while that revision is
 * still the current, finalised one; *changed says whether it did.
 */
enum err store_sub_set_status(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int rev, const char *status, const char *reason, int *changed,
    char **cause);

/* Office: approve a received submission, or return it with a reason (that
 * reaches the unit in the next pack). ERR_NOTFOUND if there is none. */
enum err store_sub_review(struct store *st, const char *form_id, const char *unit_id,
    const char *period, const char *status, const char *reason, char **cause);

/* Office: what to tell the devices — each submission whose current revision
 * came from a device (not SELF_DEVICE), with the device's revision number. */
struct store_receipt {
	char *form_id, *unit_id, *period, *status, *reason;
	int rev;
};
enum err store_sub_receipts(struct store *st, const char *self_device,
    struct store_receipt **out, size_t *n, char **cause);
void store_receipt_free(struct store_receipt *r, size_t n);

/* Office: every unit's submission of FORM_ID for PERIOD: status, the
 * office's reason, current data (NULL when only a paper receipt is
 * recorded), and when it first reached the office final — the office's
 * receipt of the file, or the day recorded as received on paper, whichever
 * is earlier (-1 if never); the device's claimed time of the current
 * revision (-1 if none), and what was odd about its clock then (NULL). */
struct store_sub_info {
	char *unit_id, *status, *reason, *data, *clock_note;
	int rev;
	int64_t submitted, claimed;
};
enum err store_sub_overview(struct store *st, const char *form_id, const char *period,
    struct store_sub_info **out, size_t *n, char **cause);
void store_sub_info_free(struct store_sub_info *v, size_t n);

/* Every revision of a submission, oldest first. */
struct store_revision {
	int rev, form_version, final, src_rev;
	char *device, *data;
	int64_t created, src_created;
};
enum err store_sub_revisions(struct store *st, const char *form_id, const char *unit_id,
    const char *period, struct store_revision **out, size_t *n, char **cause);
void store_revision_free(struct store_revision *v, size_t n);

#endif

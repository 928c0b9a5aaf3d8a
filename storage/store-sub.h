/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-sub.h: submissions and their revisions.
 *
 * A submission is one (form, unit, period); its status moves
 *
 *   (none) --save--> draft --save final--> final --export--> exported
 *     exported --office receipt--> received --> approved | returned
 *   final, exported, received, approved, returned --save--> draft (rev + 1)
 *
 * Revisions are numbered from 1 and never rewritten by a later change:
 *
 *  1. Every save that changes the values keeps the previous revision and
 *     writes the next one (store_sub_save: one `baocao fill`, one restore).
 *  2. A save whose values equal the current draft's writes nothing; saving
 *     those same values final marks that draft revision final in place.
 *  3. An editing session (the TUI's form screen, store_sub_autosave) saves
 *     after every accepted value, but coalesces: its first change writes a
 *     new revision, and its later changes overwrite that revision while it
 *     is still the current draft and younger than STORE_SUB_COALESCE_SECONDS;
 *     then the next change starts a new one. So one sitting makes one
 *     revision per ten minutes of work, and leaving the form closes it.
 *  4. A restore (store_sub_restore) writes a new draft revision with the
 *     values of an older one, which it names; it is audited.
 *
 * The data is the JSON of forms/sub.h; storage does not look inside it.
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
	int64_t updated_at;	/* when the current revision was saved or, at the
				   office, received (imported); an office review
				   (approve, return) leaves it */
};

/* ERR_NOTFOUND when there is none. */
enum err store_sub_get(struct store *st, const char *form_id, const char *unit_id,
    const char *period, struct store_sub *out, char **cause);

/*
 * Save DATA as the next revision of (form, unit, period), final or not
 * (rules 1 and 2 above). *rev (if not NULL) gets the current revision
 * number afterwards. Audited: "create", "edit" (a new revision) and
 * "finalise". On error nothing is written.
 */
enum err store_sub_save(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *data, int final, int *rev,
    char **cause);

/* How long one editing session keeps overwriting its revision (rule 3). */
#define STORE_SUB_COALESCE_SECONDS 600

/* One editing session: zero it when the form opens, pass it to every save. */
struct store_sub_session {
	int rev;		/* the revision this session writes; 0 before its first */
	int64_t started;	/* when that revision was started */
};

/* store_sub_save for an editing session SES (rule 3); a new revision is
 * audited as "edit", overwrites are not. */
enum err store_sub_autosave(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *data, int final,
    struct store_sub_session *ses, int *rev, char **cause);

/*
 * Rule 4: a new draft revision with the values (and form version) of
 * revision FROM; *rev gets its number. ERR_NOTFOUND if there is no such
 * revision. Audited as "restore", "rev N from rev FROM".
 */
enum err store_sub_restore(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int from, int *rev, char **cause);

/* Submissions (without data), by form, unit (the roster's Vietnamese order
 * of names) and period; unit_id NULL: all. */
enum err store_sub_list(struct store *st, const char *unit_id, struct store_sub **subs,
    size_t *n, char **cause);

void store_sub_free(struct store_sub *subs, size_t n);

/*
 * The period of FORM_ID with figures (a submission other than a draft)
 * nearest PERIOD: DIR < 0 the one just before it, DIR > 0 just after it
 * (in the order of period ids); PERIOD NULL: the last one. *OUT gets it
 * (the caller frees it), NULL when there is none; *UNITS (if not NULL)
 * how many submissions other than drafts it has. From the index of a
 * form's periods, a lookup each: not a pass over every submission (the
 * report list asks it of each report).
 */
enum err store_sub_period_near(struct store *st, const char *form_id, const char *period,
    int dir, char **out, size_t *units, char **cause);

/*
 * What a home screen needs of UNIT_ID's submissions (drafts too), without
 * reading all of them (an office's own over ten years are tens of
 * thousands): the one of each (FORMS[i], PERIODS[i]) there is, every one
 * of OPEN_FORMS not approved, every returned one; as store_sub_list, by
 * form and period, each once. From the indexes, a lookup each.
 */
enum err store_sub_unit_keys(struct store *st, const char *unit_id, const char *const *forms,
    const char *const *periods, size_t nkeys, const char *const *open_forms, size_t nopen,
    struct store_sub **subs, size_t *n, char **cause);

/*
 * Field: the office has this unit's revision REV of a submission. If no
 * revision here is numbered that high, this installation was restored
 * from a backup (or lost the submission): its next revision of it is
 * numbered past REV, so that the office takes it as the newest rather
 * than as an older one. *RAISED 1 when the floor moved.
 */
enum err store_sub_rev_seen(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int rev, int *raised, char **cause);

/*
 * The office's view of what units sent (never a draft, never its own unit
 * OFFICE_UNIT, NULL: none excluded), narrowed by whichever of FORM_ID,
 * UNIT_ID, STATUS, PERIOD is not NULL: at most LIMIT of them (0: all), the
 * most recently changed first, from OFFSET on; *TOTAL (if not NULL) how
 * many there are in all (LIMIT SIZE_MAX: only that; SUBS and N may then
 * be NULL). Answered from indexes
 * (migration 7) and kept counts (migration 8): a page of an inbox of
 * 100,000 submissions reads about a page of rows.
 */
/*
 * ANY: words typed in a filter, each of which must match (NANY of them):
 * a submission matches one when its unit, form or status is among those
 * listed (the caller resolved the word against the roster, the forms and
 * the status names), or, PERIOD_TEXT not NULL, its period (lower case)
 * contains that text. Totals without a period come from counts kept by
 * migration 8 (sub_counts), whatever the size of the inbox; with one they
 * count a period index.
 */
struct store_sub_any {
	const char *const *units, *const *forms, *const *statuses;
	size_t nunits, nforms, nstatuses;
	const char *period_text;
};
struct store_sub_filter {
	const char *office_unit;
	const char *form_id, *unit_id, *status, *period;
	const struct store_sub_any *any;
	size_t nany;
};
enum err store_sub_find(struct store *st, const struct store_sub_filter *f, size_t limit,
    size_t offset, struct store_sub **subs, size_t *n, size_t *total, char **cause);

/* The form ids (FORM-REPORT) that have submissions, in byte order; from
 * the kept counts (migration 8). *IDS: each and the array allocated. */
enum err store_sub_forms(struct store *st, char ***ids, size_t *n, char **cause);

/* How many submissions of report FORM_ID there are, drafts too; from the
 * kept counts (a lookup, not a pass over every submission). */
enum err store_sub_count_form(struct store *st, const char *form_id, size_t *count,
    char **cause);

/*
 * Field: the office's word on revision REV of a submission (received,
 * approved, returned with REASON). Applies only while that revision is
 * still the current, finalised one; *changed says whether it did.
 */
enum err store_sub_set_status(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int rev, const char *status, const char *reason, int *changed,
    char **cause);

/* Office: approve a received submission, or return it with a reason (that
 * reaches the unit in the next pack); its updated_at stays the receipt's.
 * ERR_NOTFOUND if there is none. */
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

/* Every revision of a submission, oldest first; ERR_NOTFOUND if there is
 * no such submission. STATUS is the submission's for the current revision,
 * else "final" or "draft"; USER who saved it on DEVICE ("" for one
 * received from a device); RESTORED_FROM the revision a restore copied, 0. */
struct store_revision {
	int rev, form_version, final, src_rev, restored_from, current;
	char *device, *data, *user, *status;
	int64_t created, src_created;
};
enum err store_sub_revisions(struct store *st, const char *form_id, const char *unit_id,
    const char *period, struct store_revision **out, size_t *n, char **cause);
/* One revision; ERR_NOTFOUND naming it when there is none. Its strings are
 * freed with store_revision_clear. */
enum err store_sub_revision(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int rev, struct store_revision *out, char **cause);
void store_revision_clear(struct store_revision *r);
void store_revision_free(struct store_revision *v, size_t n);

#endif

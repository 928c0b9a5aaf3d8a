/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * office-inbox: what the office's home screen and inbox show, asked of the
 * store so that the time does not grow with the number of submissions.
 *
 * The home screen's figures: who is missing, late or returned for the
 * periods just due (office_status), and the incidents received and not
 * yet reviewed, counted from the kept counts. The inbox: one page of the
 * submissions units sent (and those the office's checks held back at
 * import), newest first or by unit, narrowed by words typed (a unit's id
 * or name, a form id, a period, a status; accents ignored), with how many
 * match and how many there are. The interface (tui/) and the benchmark
 * (bench/bench-office.c) call these and nothing else for those screens.
 */
#ifndef BAOCAO_OFFICE_INBOX_H
#define BAOCAO_OFFICE_INBOX_H

#include <stddef.h>
#include <stdint.h>

#include "../forms/form-install.h"
#include "../storage/store.h"

struct office_home {
	int missing, late, returned;	/* office_status's rows for the periods due */
	int incidents;			/* ad hoc reports received, not reviewed */
	char incident_last[96];		/* "UNIT PERIOD" of the one received last, or "" */
};

/* The office home's figures as of NOW (minutes), for the forms of SET. */
enum err office_home_figures(struct store *st, const struct form_set *set, long now,
    struct office_home *out, char **cause);

/*
 * What a unit's home screen needs of UNIT_ID's own submissions (of KIND,
 * NULL: every form; drafts too), as of NOW (minutes): for each report it
 * sees, its current and previous periods', every one of a report with no
 * current period (ad hoc) not approved, every returned one — looked up,
 * never all of them read (an office's own over ten years are tens of
 * thousands). By form and period, as store_sub_list.
 */
struct store_sub;
enum err office_unit_due_subs(struct store *st, const struct form_set *set, const char *unit_id,
    const char *kind, long now, struct store_sub **subs, size_t *n, char **cause);

/*
 * The latest version of every installed form and the calendar
 * (form_set_load), parsed once and kept until the forms or the calendar
 * of this database change (checked on each call: a count, the last row,
 * the holidays setting) or another database is opened. *SET stays valid
 * until the next call or office_forms_forget; never freed by the caller.
 */
enum err office_forms(struct store *st, const struct form_set **set, char **cause);
void office_forms_forget(void);

/* One line of the inbox. */
struct office_inbox_row {
	char *form_id, *unit_id, *period, *status;	/* status: as stored, or "held" */
	char *reason;		/* the office's, for a return; a held one's */
	char *unit_name;	/* the roster's name, else the id */
	char *note;		/* an odd device clock ("... (the device says ...)"), NULL */
	int held;		/* held back at import: nothing stored to review */
	int64_t at;		/* Unix seconds: last changed, or received (held) */
};

/*
 * The inbox (never a draft, never the office's own unit's): the held ones
 * first (newest first), then the stored ones newest first, or, BY_UNIT,
 * unit by unit in the roster's order of names, each newest first.
 * TEXT: the filter as shown; TYPED (may be NULL): as typed, before the
 * input method (each word may match either way, as line_match). Gives
 * rows OFFSET .. OFFSET + LIMIT - 1 of those that match in *ROWS (*N of
 * them), *MATCH how many match and *ALL (if not NULL) how many there are
 * unfiltered.
 */
enum err office_inbox_page(struct store *st, const char *text, const char *typed, int by_unit,
    size_t offset, size_t limit, struct office_inbox_row **rows, size_t *n, size_t *match,
    size_t *all, char **cause);
void office_inbox_free(struct office_inbox_row *rows, size_t n);

/* "đã nhận", "đã duyệt", ... for a status as stored (or "held"). */
const char *office_sub_status_label(const char *status);

#endif

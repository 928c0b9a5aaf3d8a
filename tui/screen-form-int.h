/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-form-int.h: what the files of the form screen share (private to
 * tui/screen-form*.c, as SQLite's btreeInt.h is to its btree): the state
 * of one submission being filled or reviewed, and the functions each file
 * offers the others.
 *
 *   screen-form.c         the mode: the list of lines, moving, saving,
 *                         its key table and actions
 *   screen-form-load.c    opening a submission
 *   screen-form-draw.c    drawing the list and its status line
 *   screen-form-grid.c    a task table (grid): layout, drawing, its keys
 *   screen-form-choose.c  editing a value, and the choice lists
 *   screen-form-review.c  the review (its own mode, pushed on the form)
 *                         and the office reviewing a unit's submission
 */
#ifndef BAOCAO_SCREEN_FORM_INT_H
#define BAOCAO_SCREEN_FORM_INT_H

#include "ui.h"
#include "widget-line.h"
#include "../forms/form-install.h"
#include "../forms/sub.h"
#include "../storage/store-sub.h"

enum item_kind { I_HEADER, I_NOTE, I_FIELD, I_ROW, I_GRID };

struct item {
	enum item_kind kind;
	int field;		/* I_ROW: the container */
	int row;
	int depth;
};

enum fmode { F_BROWSE, F_EDIT, F_CHOOSE, F_REVIEW, F_REASON, F_GRID, F_RETURN, F_LINES };

struct fscreen {
	struct form_set set;
	const struct form *f;
	int report;
	char period[PERIOD_ID_MAX];
	char *unit;
	char *unit_name;	/* the office reviewing: the unit's name, for the title */
	char *kind;		/* the unit's kind: the rows of a plan it leads */
	long *event_days;	/* when the plan's events happened */
	char *status;		/* of the stored submission, NULL if none */
	char *returned;		/* the office's reason, when it came back returned */
	int readonly;
	int helps_only;		/* the unit helps on rows of it, leads none */
	struct sub *s;
	struct item *items;
	size_t nitems;
	size_t cur, top;	/* cur: an I_FIELD item */
	enum fmode mode;
	struct line edit;
	int ey, ex, ew;		/* where the list's value editor was drawn */
	char *msg;
	int msg_err;
	/* choosing */
	size_t *choices;	/* indexes into the list that pass the filter */
	size_t nchoices, csel;
	unsigned char *picked;	/* select_multiple */
	/* review */
	struct sub_issue *issues;
	size_t nissues, rsel;
	/* a task grid, shown as a table: rows of this report, value columns;
	 * the first column (the task) stays while the others scroll */
	int in_grid, grid;
	int *gcols, ngcols, *grows, ngrows;
	int gr, gc, gtop, gleft;
	/* the office reviewing a unit's submission */
	int office;
	char **lines;		/* history or audit trail being shown */
	size_t nlines, ltop;	/* ltop: the first line shown */
	/* this sitting's autosaves coalesce into one revision (store-sub.h) */
	struct store_sub_session session;
	int rev;		/* the stored revision this screen shows (0: none) */
};

/* screen-form.c */
/* Show MSG (taken over; NULL: none) as the message, an error if ERR. */
void form_msg(struct fscreen *x, int err, char *msg);
/* The list of lines built again from the submission, the cursor kept on
 * the same field when it is still listed. */
void form_build(struct fscreen *x);
/* The field and row worked on (a grid cell in a grid, else the list's);
 * -1 when the cursor is not on a value. */
int tgt_field(const struct fscreen *x);
int tgt_row(const struct fscreen *x);
const struct form_field *cur_field(const struct fscreen *x);
/* Move the cursor to the next (DIR 1) or previous (-1) value line. */
void form_go(struct fscreen *x, int dir);
/* After a value is entered: on to the next line that asks for one, over
 * calculations and notes (forms take no typing there). */
void form_go_input(struct fscreen *x, int dir);
/* Save the submission as a draft, or FINAL; a failure is the message. */
void form_save(struct fscreen *x, struct ui *ui, int final);
/* Check the submission again (x->issues). */
void check_now(struct fscreen *x);
/* After a value changed: saved, listed again, checked, the field's first
 * problem as the message. */
void after_change(struct fscreen *x, struct ui *ui);
/* Put the cursor on FIELD, ROW (opening its grid if it is in one). */
void jump_to(struct fscreen *x, int field, int row);
/* The form mode's grab and key (the office's screen shares them). */
int form_grab(struct screen *s);
void form_key(struct screen *s, const struct ui_input *in);
/* The key table of the step X is at. */
const struct ui_key *form_table(const struct fscreen *x);

/* Free the form screen S's state. */
void fscreen_free(struct screen *s);

/* screen-form-load.c */
/* The state of a form screen for FORM_ID's PERIOD: UNIT's submission (the
 * office reviewing it), or NULL: this installation's own, filled. NULL (a
 * message is shown) if it cannot be opened. */
void *form_open(struct ui *ui, const char *form_id, const char *period, const char *unit);
/* The revision stored for the submission X shows; 0 if none. */
int stored_rev(const struct fscreen *x, struct ui *ui);

/* screen-form-draw.c */
/* The title row: the form and the submission's state. */
void form_title(const struct fscreen *x);
void form_draw(struct screen *s);
/* The value of FIELD, ROW as shown (a choice's labels, a date dd/mm/yyyy),
 * in BUF if it must be made; "" if none. */
const char *value_text(const struct fscreen *x, int field, int row, char *buf, size_t size);
/* FIELD, ROW has a problem of severity SEV (a warning with a reason is
 * none). */
int has_issue(const struct fscreen *x, int field, int row, enum sub_severity sev);

/* screen-form-grid.c */
void grid_open(struct fscreen *x, int grid);
void grid_draw(struct fscreen *x);
/* The keys of an open task table; arrows and typing in grid_key(). */
extern const struct ui_key grid_keys[];
void grid_key(struct screen *s, const struct ui_input *in);

/* screen-form-choose.c */
/* Start editing the value under the cursor (a choice list for a select),
 * with FIRST as the first key typed, or the value as it is. */
void start_edit(struct fscreen *x, const struct ui_input *first);
/* Take the value being typed: 1 if it was (the cursor stays), 0 if it was
 * refused (the message says why; still editing). */
int commit_edit(struct fscreen *x, struct ui *ui);
/* A key while a value is typed (F_EDIT) or chosen (F_CHOOSE). */
void edit_key(struct fscreen *x, struct ui *ui, const struct ui_input *in);
void choose_key(struct fscreen *x, struct ui *ui, const struct ui_input *in);
void draw_choose(struct fscreen *x);
/* A multiple choice's ticks differ from the stored value. */
int choose_changed(const struct fscreen *x);

/* screen-form-review.c */
/* The review, a mode pushed on the form, sharing its state. */
extern const struct screen_ops form_review_ops;
/* Check the submission and push the review on the form S. */
void review_open(struct screen *s);
/* The office's keys on a unit's submission, and on the lines it shows
 * (revisions, audit trail). */
extern const struct ui_key office_keys[];
extern const struct ui_key lines_keys[];
/* A key while the office types the reason for a return (F_RETURN). */
void return_key(struct fscreen *x, struct ui *ui, const struct ui_input *in);
void draw_lines(struct fscreen *x);
void lines_free(struct fscreen *x);
/* Scroll the revisions or audit trail (F_LINES). */
void lines_key(struct fscreen *x, const struct ui_input *in);

#endif

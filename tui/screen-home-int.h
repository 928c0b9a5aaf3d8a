/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen-home-int.h: the home screen's state, shared by screen-home.c
 * (loading what is due, the keys) and screen-home-draw.c (drawing it).
 */
#ifndef BAOCAO_SCREEN_HOME_INT_H
#define BAOCAO_SCREEN_HOME_INT_H

#include "ui.h"
#include "widget-line.h"
#include "../forms/period.h"
#include "../storage/store-inst.h"

struct due {
	long deadline;		/* minutes; LONG_MAX for ad hoc reports */
	enum period_kind kind;
	int overdue;
	char period[PERIOD_ID_MAX];
	char *form_id;
	char *title;
	char *status;		/* the submission's, or NULL if not started */
	char *reason;		/* the office's, for a return */
	int helps;		/* the unit only helps on rows of it: read only */
};

struct home {
	int office_missing, office_late, office_returned;	/* office: who owes what */
	int office_incidents;		/* office: incidents received, not yet reviewed */
	char incident_last[96];		/* the latest of them: "unit period" */
	struct store_install in;
	struct store_counts n;
	struct due *due;
	size_t ndue;
	size_t *shown;		/* indexes of due[] that pass the filter */
	size_t nshown;
	size_t sel, top;
	struct line search;
	int searching;
	int search_y;		/* the row the search line was drawn on */
	struct line when;	/* an ad hoc report's period, being asked */
	int asking;
	char *error;
	char office_fpr[STORE_FPR_LEN + 1];	/* field: the office it trusts */
	int nreturned;		/* submissions the office returned, to fix */
	char *returned;		/* the first of them, with the office's reason */
	int revoked;		/* field: the office revoked this device */
};

/* The key table of the home screen H (the office has more keys). */
const struct ui_key *home_table(const struct home *h);
/* Draw the home screen S. */
void home_draw(struct screen *s);

#endif

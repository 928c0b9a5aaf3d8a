/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form-install: forms in the database. Checks a definition before storage
 * keeps it, installs the built-in catalogue, and loads what is installed
 * (the latest version of each form, and the working-day calendar).
 */
#ifndef BAOCAO_FORM_INSTALL_H
#define BAOCAO_FORM_INSTALL_H

#include <stdbool.h>

#include "form.h"
#include "../storage/store.h"

/*
 * Check and install TEXT, read from PATH (a form, or a calendar when it has
 * a top-level "holidays" key). Definition errors go to ERRS (and the result
 * is ERR_INVALID); storage refusals to *CAUSE. *ADDED is 1 when something new
 * was stored. When the form loads, ERRS holds its warnings (said, not
 * refused), among them each unit kind it names that no unit on the office's
 * roster has (a misspelt `lead: phong-vh-xh` is owed by nobody).
 */
enum err form_install_text(struct store *st, const char *path, const char *text, size_t len,
			   struct form_errors *errs, int *added, char **cause);

/*
 * `forms install`: as form_install_text, but a new version of an installed
 * form that changes its title or unit kind, or drops a report that has
 * submissions, is refused (ERR_INVALID, naming each change and how many
 * submissions) unless FORCE; the changes are said as a warning in ERRS when
 * it goes through. A version older than the one in use, even its exact
 * text, is ERR_VERSION ("older than the version in use"), never "unchanged".
 */
enum err form_install_checked(struct store *st, const char *path, const char *text, size_t len,
			      bool force, struct form_errors *errs, int *added, char **cause);

/* The unit kinds the built-in catalogue's forms name (allocated, distinct). */
char **form_catalog_kinds(size_t *n);
/* The unit kinds of the units on ST's roster (allocated, distinct). */
enum err form_roster_kinds(struct store *st, char ***kinds, size_t *n, char **cause);
void form_kinds_free(char **kinds, size_t n);

/* A calendar file (top-level "holidays") rather than a form. */
bool form_text_is_calendar(const char *text, size_t len);

/* Install every file of the built-in catalogue (UNIT_KIND not NULL: only
 * that kind's forms, and the calendar). *COUNT gets the number of forms. */
enum err form_install_catalog(struct store *st, const char *unit_kind, int *count,
			      char **cause);

/* Older versions of forms a set has read (form_set_version), kept with it. */
struct form_older {
	struct form **forms;
	size_t n;
};

struct form_set {
	struct form **forms;
	size_t n;
	struct cal cal;
	struct form_older *older;	/* made by form_set_load, filled as asked
					 * (form_set_version), through a const set */
};

/* Load the latest version of every installed form, and the calendar (the
 * installed one, else the built-in one). */
enum err form_set_load(struct store *st, struct form_set *set, char **cause);
void form_set_free(struct form_set *set);
/* How many times this process ran form_set_load (each parses every form):
 * what tests count to see a long piece of work loads the forms once. */
unsigned long form_set_loads(void);
/* The form and report whose FORM-REPORT id is ID. */
bool form_set_find(const struct form_set *set, const char *id, const struct form **f,
		   int *report);
/*
 * Version VER of form ID as installed (a submission filled with a version
 * older than the set's): parsed from ST the first time a set asks, then
 * kept with the set (an import of a year filled with last year's version
 * parses it once, not once a submission; versions never change once
 * installed). NULL when it is not installed or cannot be read, *WHY then
 * saying so (malloc'd).
 */
const struct form *form_set_version(const struct form_set *set, struct store *st,
				    const char *id, int ver, char **why);
/* How many times this process parsed an older version for a set. */
unsigned long form_set_version_loads(void);
/* The kind of unit UNIT_ID on the roster (*KIND allocated), or
 * ERR_NOTFOUND: what the unit fills of a plan follows from it (plan.h). */
enum err form_unit_kind(struct store *st, const char *unit_id, char **kind, char **cause);

/*
 * The day event EVENT of form F happened (FORMAT.md, "Events"): recorded
 * on the office, replacing an earlier record; row deadlines counted from
 * it follow. ERR_INVALID when F declares no such event.
 */
enum err form_event_record(struct store *st, const struct form *f, const char *event, long day,
			   char **cause);
/* *DAYS[i]: the day event i of F was recorded, or -1 (allocated, one per
 * event, at least one element). */
enum err form_event_days(struct store *st, const struct form *f, long **days, char **cause);

/* The built-in calendar (for tools that have no database). */
void form_builtin_calendar(struct cal *c);

#endif

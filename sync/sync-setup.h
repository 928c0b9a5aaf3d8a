/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-setup: making a new installation, for `baocao setup` and for the
 * interface's first-run screens alike. An office starts with the built-in
 * catalogue; a field installation either from the office's pack (trusting
 * its key, taking its forms and its roster entry) or, before it has one,
 * with the built-in forms of its unit kind.
 */
#ifndef BAOCAO_SYNC_SETUP_H
#define BAOCAO_SYNC_SETUP_H

#include <stddef.h>

#include "../storage/store.h"
#include "../storage/store-inst.h"

#define SETUP_PASS_MIN 8

struct setup_request {
	enum store_role role;
	const char *commune;		/* office; field: may be NULL */
	const char *unit;		/* field */
	const char *kind, *name;	/* field without a pack: its roster entry */
	const unsigned char *pack;	/* field: the office pack, or NULL */
	size_t packlen;
	const char *pack_name;		/* for messages */
	const struct store_kdf *kdf;
};

/*
 * Create PATH (never overwriting) and set it up. On success *ST is the
 * open store and *NFORMS the number of reports installed; on failure
 * nothing is left at PATH.
 */
enum err sync_setup(const char *path, const char *pass, const struct setup_request *rq,
		    struct store **st, int *nforms, char **cause);

/* The commune and roster an office pack carries, its signature checked
 * (before any key is trusted: for choosing the unit at setup). */
struct setup_unit {
	char *id, *kind, *name;
};
enum err sync_pack_roster(const unsigned char *pack, size_t len, char **commune,
			  struct setup_unit **units, size_t *n, char **cause);
void sync_roster_free(char *commune, struct setup_unit *units, size_t n);

/* The fingerprint of the office key that signed PACK (checked) and the
 * commune's name (*COMMUNE, caller frees): what a person compares with the
 * office's screen before trusting it. */
enum err sync_pack_office(const unsigned char *pack, size_t len, char fpr[STORE_FPR_LEN + 1],
			  char **commune, char **cause);

#endif

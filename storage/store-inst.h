/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-inst.h: this installation (role, commune, unit, device identity) and
 * the commune's roster of units.
 *
 * The device identity is an Ed25519 key pair made at setup; its fingerprint
 * (STORE_FPR_LEN characters, e.g. "K7QD-M2XA-9FHT-C4WE") is what people read
 * aloud and compare when the office approves a device.
 */
#ifndef BAOCAO_STORE_INST_H
#define BAOCAO_STORE_INST_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define STORE_FPR_LEN 19 /* 16 base32 characters in 4 groups */

enum store_role { STORE_ROLE_OFFICE, STORE_ROLE_FIELD };

struct store_install {
	enum store_role role;
	char *commune;
	char *unit_id;                  /* field: the unit it reports for; else NULL */
	unsigned char device_pk[32];
	char fingerprint[STORE_FPR_LEN + 1];
	int64_t created_at;
};

/* Record the installation: makes the device key pair. Fails with ERR_EXISTS
 * if the database already has one. Strings are stored NFC. */
enum err store_install_create(struct store *st, enum store_role role, const char *commune,
    const char *unit_id, char **cause);

/* ERR_NOTFOUND if the database has no installation yet. */
enum err store_install_get(struct store *st, struct store_install *out, char **cause);
void store_install_free(struct store_install *in);

/* Fingerprint of an Ed25519 public key. */
void store_fingerprint(const unsigned char pk[32], char out[STORE_FPR_LEN + 1]);

/* Called on open: makes the audit log name this installation. */
void store_install_load_identity(struct store *st);

const char *store_role_name(enum store_role role);

struct store_unit {
	char *id;
	char *kind;
	char *name;
	int active;
	int64_t created_at;	/* Unix seconds: when it joined the roster */
};

/* 1 if s is a valid id for a unit or a unit kind: 1..40 of [a-z0-9-],
 * starting with a letter or digit. */
int store_id_valid(const char *s);

/* Add a unit. id NULL: made from the name ("Thôn Đồng Tâm" -> thon-dong-tam).
 * Sets *made_id (caller frees) to the id used, if made_id is not NULL. */
enum err store_unit_add(struct store *st, const char *id, const char *kind, const char *name,
    char **made_id, char **cause);

/*
 * Rename unit ID (NAME not NULL) and/or take it off or back on the roster
 * (ACTIVE 0 or 1; -1 leaves it): an inactive unit owes no reports, and
 * what it sent is kept. Audited. ERR_INVALID when there is no such unit.
 */
enum err store_unit_update(struct store *st, const char *id, const char *name, int active,
    char **cause);

/* Units in Vietnamese order of their names (text_sort_key), then by id;
 * only those whose name or id matches `search` (text_match: accents
 * ignored, every word anywhere) if not NULL. */
enum err store_unit_list(struct store *st, const char *search, struct store_unit **units,
    size_t *n, char **cause);
void store_unit_free(struct store_unit *units, size_t n);

struct store_counts {
	int units;
	int forms;
	int submissions;
	int drafts;
	int finals;     /* final, exported or received, not yet approved */
	int exported;   /* of the finals: exported by the unit, not yet received */
	int received;   /* of the finals: received by the office, not yet reviewed */
	int approved;
	int returned;
	int devices;
	int devices_pending;
	int audit;
};

enum err store_counts_get(struct store *st, struct store_counts *c, char **cause);

#endif

/*
 * sync: bundles (field -> office) and office packs (office -> field), built
 * on the sealed file of sync-seal.h. Formats: sync/FORMAT.md.
 *
 * Field:  sync_export  -> bundle of every finalised submission not yet
 *                         confirmed received (so exporting twice without new
 *                         work gives the same submissions again);
 *         sync_apply   <- office pack: forms, calendar, roster, receipts
 *                         and returns for this unit.
 * Office: sync_import  <- bundle: verified, then imported in one
 *                         transaction, held if the device is not approved;
 *         sync_pack    -> office pack.
 */
#ifndef BAOCAO_SYNC_H
#define BAOCAO_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "../core/err.h"
#include "../storage/store.h"

/* Field: write a bundle. *COUNT gets the number of submissions in it. */
enum err sync_export(struct store *st, unsigned char **file, size_t *len, int *count,
		     char **cause);

enum sync_outcome {
	SYNC_IMPORTED,		/* n_new, n_older, n_dup, n_errors say what */
	SYNC_ALREADY,		/* this very bundle was imported before */
	SYNC_HELD,		/* the device awaits approval */
	SYNC_REFUSED,		/* *cause says why */
};

struct sync_result {
	enum sync_outcome outcome;
	int n_new, n_older, n_dup, n_errors;
	char fingerprint[20];
	char *unit;
};

/* Office: import one bundle. Returns ERR_OK unless storage itself failed;
 * a bad bundle is SYNC_REFUSED with *CAUSE. FORMS: the installed forms, if
 * the caller has them loaded (a batch loads them once), else NULL. */
struct form_set;
enum err sync_import(struct store *st, const struct form_set *forms, const unsigned char *file,
		     size_t len, struct sync_result *res, char **cause);
void sync_result_free(struct sync_result *res);

/* Office: approve a device and import what it had held; *IMPORTED counts the
 * bundles. */
enum err sync_approve(struct store *st, const char *fingerprint, int *imported, char **cause);

/* Office: write a pack, sealed to every approved device (receipts
 * included); open (forms, calendar, roster only) while none is approved. */
enum err sync_pack(struct store *st, unsigned char **file, size_t *len, char **cause);
/* Office: write an open setup pack (forms, calendar, roster; no receipts),
 * from which a new unit sets up. */
enum err sync_pack_setup(struct store *st, unsigned char **file, size_t *len, char **cause);

struct sync_applied {
	int forms, units, receipts;
	int already;		/* this pack or a newer one was applied before */
};

/* Field: apply a pack. TRUST_NEW: no office key is trusted yet (setup);
 * take the pack's. */
enum err sync_apply(struct store *st, const unsigned char *file, size_t len, int trust_new,
		    struct sync_applied *res, char **cause);

/* The setting 'baocao config import-limit' writes: the largest payload (MiB,
 * uncompressed) a bundle or pack may declare, from 1 to 64 (the default). */
#define SYNC_SETTING_IMPORT_LIMIT "import_limit_mib"

#endif

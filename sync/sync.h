/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * Bundles are compressed with the zstd dictionary the office made from its
 * forms and sent in its packs (sync-dict.c), when the field has it.
 */
#ifndef BAOCAO_SYNC_H
#define BAOCAO_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "../core/err.h"
#include "../storage/store.h"

/* Field: write a bundle (format 4: the device named by fingerprint once
 * the office sealed a pack to its key). *COUNT gets the number of
 * submissions in it. */
enum err sync_export(struct store *st, unsigned char **file, size_t *len, int *count,
		     char **cause);
/* The same; WITH_KEY 1: carry the device's whole key and unit even so (an
 * office restored from a backup older than its approval). */
enum err sync_export_key(struct store *st, int with_key, unsigned char **file, size_t *len,
			 int *count, char **cause);
/* The same; a bundle holds at most SYNC_MAX_SUBMISSIONS (what the office's
 * import takes): beyond them, the oldest not yet acknowledged go first
 * (when their revision was saved) and *LEFT gets how many wait for the next
 * file (0: all went). Only what went is marked exported. */
enum err sync_export_part(struct store *st, int with_key, unsigned char **file, size_t *len,
			  int *count, int *left, char **cause);

/* Office: a format-4 bundle's sender named by fingerprint FPR (10 bytes):
 * the key (PK, 32 bytes) and unit (LABEL, SYNC_LABEL_MAX + 1 bytes) of the
 * device the store ARG has with it, in any state; 1 if found (a
 * sync_sender_fn for sync_open_lookup). */
int sync_sender_lookup(const unsigned char *fpr, unsigned char *pk, char *label, void *arg);

enum sync_outcome {
	SYNC_IMPORTED,		/* n_new, n_older, n_dup, n_held say what */
	SYNC_ALREADY,		/* this very bundle was imported before */
	SYNC_HELD,		/* the device awaits approval */
	SYNC_REFUSED,		/* *cause says why */
};

struct sync_result {
	enum sync_outcome outcome;
	int n_new, n_older, n_dup;
	int n_conflict;		/* revisions here before with other content (also
				   in n_new): kept, flagged for review */
	int n_stale;		/* older revisions (also in n_older) in a file
				   numbered past every earlier one of the device:
				   it was restored and what it typed since is not
				   counted until it applies a pack */
	int seq_reused;		/* the device numbered this bundle like an earlier
				   one with other bytes (restored from a backup?) */
	size_t n_held;		/* submissions the office's checks held back */
	char **held;		/* "FORM PERIOD: reason", the first n_held_listed
				   of them (at most SYNC_HELD_LISTED) */
	size_t n_held_listed;
	char fingerprint[20];
	char *unit;
	int64_t claimed;	/* the time the device's clock gave the bundle */
	const char *clock_note;	/* "future", "behind" or NULL (static) */
	int rotated;		/* the device's key changed (a verified chain):
				   its new key is approved in its place */
	uint64_t restored_to;	/* > 0: the device had applied packs up to this
				   sequence, newer than any this office wrote (it
				   was restored from a backup); its sequence now
				   continues past it */
	uint32_t dict_unknown;	/* > 0: refused, compressed with this dictionary,
				   which the office does not have */
	int sender_unknown;	/* refused: the sender named by a fingerprint (format
				   4) whose key the office does not have */
	uint64_t restore_unproven;	/* > 0: the device claims to have applied
				   this pack, newer than any this office wrote,
				   without the office's signature of it: nothing
				   was moved */
};

/* What an imported bundle's RES has to say beyond its counts, one line each
 * in the user's language (held submissions, clock, key, restores,
 * conflicts); WARN: the line asks for the clerk's attention. Returns the
 * number of lines in *NOTES (NULL when none); free with sync_notes_free. */
struct sync_note {
	char *text;
	int warn;
};
size_t sync_result_notes(const struct sync_result *res, struct sync_note **notes);
/* The same for applying a pack (field): the office's answers that were for
 * an older revision than this installation's, each named. */
struct sync_applied;
size_t sync_applied_notes(const struct sync_applied *res, struct sync_note **notes);
void sync_notes_free(struct sync_note *notes, size_t n);
/* After an export that could not carry them all (sync_export_part): LEFT
 * submissions wait, said in the user's language (malloc'd). */
char *sync_export_left_text(int left);

/* Held submissions an import lists (all are counted, kept and shown by
 * 'baocao status'); submissions one bundle may hold (a unit's ten years
 * are a few thousand). */
#define SYNC_HELD_LISTED 50
#define SYNC_MAX_SUBMISSIONS 20000

/* A clock note in words, in the user's language (NULL for NULL). */
const char *sync_clock_note_text(const char *note);

/* Office: import one bundle. Returns ERR_OK unless storage itself failed;
 * a bad bundle is SYNC_REFUSED with *CAUSE. FORMS: the installed forms, if
 * the caller has them loaded (a batch loads them once), else NULL. */
struct form_set;
enum err sync_import(struct store *st, const struct form_set *forms, const unsigned char *file,
		     size_t len, struct sync_result *res, char **cause);
void sync_result_free(struct sync_result *res);
/* The largest exchange file this installation reads (bytes): 4 MiB, or
 * what 'baocao config import-limit MIB' set; read no more than that. */
enum err sync_file_limit(struct store *st, size_t *max, char **cause);

/* Office: approve a device and import what it had held; *IMPORTED counts the
 * bundles. */
enum err sync_approve(struct store *st, const char *fingerprint, int *imported, char **cause);
/* Progress of a long piece of work, for the interface to show: step DONE
 * (from 1) of TOTAL is about to run. ARG is the caller's. */
typedef void (*sync_progress_fn)(size_t done, size_t total, void *arg);
/* What approving a device did, and what its held files had to say. */
struct sync_approved {
	int imported;		/* held files imported */
	size_t held_back;	/* submissions in them the office's checks held back */
	size_t refused;		/* held files read at last and refused */
	/* each imported file's notes (sync_result_notes: submissions held
	 * back, clock, key, restores...) and why each refused file was, in
	 * order; at most SYNC_APPROVE_NOTES, then one line saying how many
	 * more there were */
	struct sync_note *notes;
	size_t nnotes;
};
#define SYNC_APPROVE_NOTES 50
void sync_approved_free(struct sync_approved *a);
/* The same as sync_approve, saying what it did in *OUT (freed with
 * sync_approved_free, also on failure), calling PROGRESS (may be NULL)
 * before each held file is read: its number and how many there are. The
 * forms are loaded once for all of them. A device whose files name a unit
 * not on the roster is not approved (ERR_INVALID). */
enum err sync_approve_report(struct store *st, const char *fingerprint,
			     sync_progress_fn progress, void *arg, struct sync_approved *out,
			     char **cause);
/* Office: forget a device never approved ('baocao devices forget'): drop
 * the files it holds (*DROPPED how many; audited) and its record.
 * ERR_INVALID for one approved once (revoke it); ERR_NOTFOUND if none. */
enum err sync_forget(struct store *st, const char *fingerprint, int *dropped, char **cause);

/* Office: write a pack, sealed to every approved device (receipts
 * included); open (forms, calendar, roster only) while none is approved. */
enum err sync_pack(struct store *st, unsigned char **file, size_t *len, char **cause);
/* Office: write an open setup pack (forms, calendar, roster; no receipts),
 * from which a new unit sets up. */
enum err sync_pack_setup(struct store *st, unsigned char **file, size_t *len, char **cause);

/* The answers to older revisions an apply names (all are counted). */
#define SYNC_STALE_LISTED 5

struct sync_applied {
	int forms, units, receipts;
	int already;		/* this very pack was applied before */
	int older;		/* the pack is not newer than one applied before (the
				   office may have been restored from a backup):
				   nothing done unless SYNC_ACCEPT_OLDER */
	uint64_t seq, last;	/* the pack's sequence, the last one applied */
	int revoked;		/* the office has revoked this device */
	int office_rotated;	/* the office's key changed (a verified chain) */
	int events;		/* days of plans' events new or changed here */
	uint32_t dict;		/* > 0: a new compression dictionary, this id, is
				   used for bundles from now on */
	uint64_t field_restored;	/* > 0: the office has this device's bundle
				   numbered this, past its own sequence: the
				   installation was restored from a backup; its
				   numbering now continues past it */
	int revs_raised;	/* submissions of which the office has a revision
				   numbered past any here (restored): their next
				   revision here is numbered past it */
	int stale;		/* the office's answers (received, approved,
				   returned) for a revision older than the one
				   here: this installation changed the report
				   since; the newer one is not answered yet */
	struct {		/* the first of them: form, period, the */
		char form[64], period[16];	/* revision answered, the one here */
		int rev, here;
	} stale_list[SYNC_STALE_LISTED];
	int n_stale_listed;
};

/* Field: has the office revoked this device (as its last pack said)? */
enum err sync_revoked(struct store *st, int *revoked, char **cause);

/* Field: apply a pack. FLAGS: SYNC_TRUST_NEW: no office key is trusted yet
 * (setup), take the pack's; SYNC_ACCEPT_OLDER: apply a pack older than one
 * applied before (the office was restored from a backup). */
#define SYNC_TRUST_NEW 1u
#define SYNC_ACCEPT_OLDER 2u
enum err sync_apply(struct store *st, const unsigned char *file, size_t len, unsigned flags,
		    struct sync_applied *res, char **cause);

/*
 * Dictionaries (sync/FORMAT.md, "Dictionaries"). Office: make one from the
 * installed forms unless the current one was made from them (sync_pack
 * does, before writing); *ID the current one (0: the forms give too
 * little to learn from, and there was none), *MADE 1 if new. Either role:
 * the current dictionary (D->id 0: none); free with sync_dict_free.
 */
struct sync_dict;
enum err sync_dict_train(struct store *st, uint32_t *id, int *made, char **cause);
enum err sync_dict_current(struct store *st, struct sync_dict *d, char **cause);
void sync_dict_free(struct sync_dict *d);

/* Either role: replace this installation's key (`baocao keys rotate`): the
 * new key is signed by the old one and announced in every file written
 * after (a field installation: its bundles; the office: its packs). *FPR
 * gets the new fingerprint. A revoked field device cannot. */
enum err sync_keys_rotate(struct store *st, char fpr[20], char **cause);
/* The limits for reading exchange files at this installation (struct
 * sync_limits, sync-seal.h): the defaults, or both caps as set by 'baocao
 * config import-limit'. */
struct sync_limits;
enum err sync_limits_get(struct store *st, struct sync_limits *lim, char **cause);
/* The setting 'baocao config import-limit' writes: the largest payload (MiB,
 * uncompressed) a bundle or pack may declare, from 1 to 64 (the default). */
#define SYNC_SETTING_IMPORT_LIMIT "import_limit_mib"

#endif

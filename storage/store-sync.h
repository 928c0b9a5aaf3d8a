/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-sync.h: what the sync layer keeps — this installation's secret key
 * and counters, the office key a field installation trusts, the devices an
 * office has seen, the bundles it has read, and revisions received from
 * devices.
 *
 * Device states: pending (seen, not yet approved) -> approved | revoked;
 * approved <-> revoked. Bundle states: imported, held (from a pending
 * device, kept whole until a decision), refused.
 */
#ifndef BAOCAO_STORE_SYNC_H
#define BAOCAO_STORE_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "store-inst.h"

/* The Ed25519 secret key (64 bytes) in locked memory; free with
 * store_secret_free. */
enum err store_install_secret(struct store *st, unsigned char **sk, char **cause);
void store_secret_free(unsigned char *sk);

/* The office key a field installation trusts: *known = 0 if none yet. */
enum err store_office_key(struct store *st, unsigned char pk[32], int *known, char **cause);
/* Trust PK as the office key (first time), and take the commune's name.
 * ERR_CORRUPT if another key is trusted already. */
enum err store_office_key_set(struct store *st, const unsigned char pk[32],
    const char *commune, char **cause);

/* Next sequence number for a file this installation writes. */
enum err store_next_seq(struct store *st, uint64_t *seq, char **cause);
/* The last sequence number written (0: none yet). */
enum err store_last_seq(struct store *st, uint64_t *seq, char **cause);
/* Move the sequence past SEQ (never back): an office restored from a
 * backup learns from a device's acknowledgement that it once wrote SEQ.
 * *moved says whether it did; audited as "seq-restored". */
enum err store_seq_raise(struct store *st, uint64_t seq, int *moved, char **cause);

struct store_device {
	char fingerprint[STORE_FPR_LEN + 1];
	unsigned char pk[32];
	char *unit_id;
	char *state;		/* pending, approved, revoked */
	int64_t first_seen, decided_at;
	uint64_t last_seq;
	int64_t last_claimed;	/* the latest time its bundles claimed (its clock) */
	int held;		/* bundles waiting */
	int64_t held_bytes;	/* their size, as they came */
	char from_revoked[STORE_FPR_LEN + 1];	/* pending: the revoked device whose key
						   chain leads to it ('key-from-revoked'
						   audited), else "" */
};

/* ERR_NOTFOUND if the key was never seen. */
enum err store_device_get(struct store *st, const unsigned char pk[32],
    struct store_device *out, char **cause);
/* Record a device seen for the first time as pending. */
enum err store_device_seen(struct store *st, const unsigned char pk[32], const char *unit_id,
    char **cause);
/* A fingerprint as typed ("k7qd m2xa 9fht c4we") in its printed form;
 * 0 if it cannot be one. */
int store_fpr_normal(const char *in, char out[STORE_FPR_LEN + 1]);
/* Was the device FINGERPRINT (printed form) ever approved? (The audit log
 * keeps every approval.) *YES 1 or 0. */
enum err store_device_was_approved(struct store *st, const char *fingerprint, int *yes,
    char **cause);
/* Has a sealed pack been written since the device FINGERPRINT was last
 * revoked? (The audit log keeps both.) *YES 1 or 0. */
enum err store_device_told(struct store *st, const char *fingerprint, int *yes, char **cause);
/* approve / revoke by fingerprint (as printed; case and dashes as shown). */
enum err store_device_decide(struct store *st, const char *fingerprint, const char *state,
    char **cause);
enum err store_device_list(struct store *st, struct store_device **devs, size_t *n,
    char **cause);
void store_device_free(struct store_device *devs, size_t n);
/* Raise the device's last sequence number to SEQ (never lowers it). */
enum err store_device_seq(struct store *st, const char *fingerprint, uint64_t seq,
    char **cause);

/* Raise the device's last claimed bundle time to CLAIMED (never lowers). */
enum err store_device_claimed(struct store *st, const char *fingerprint, int64_t claimed,
    char **cause);

/* A bundle's state by its hash (32 bytes): NULL *state if never seen;
 * *received_at (if not NULL) when it first reached the office. */
enum err store_bundle_state(struct store *st, const unsigned char hash[32], char **state,
    int64_t *received_at, char **cause);
/* Record a bundle (CONTENT kept only for held ones). Replaces the state of
 * a bundle seen before. */
enum err store_bundle_put(struct store *st, const unsigned char hash[32],
    const char *device, uint64_t seq, const char *state, const char *reason,
    const unsigned char *content, size_t len, char **cause);
/* The held bundles of a device, oldest first: contents (malloc'd) and lengths. */
enum err store_bundle_held(struct store *st, const char *device, unsigned char ***contents,
    size_t **lens, size_t *n, char **cause);

/* Did DEVICE have another bundle (not HASH) with sequence number SEQ
 * imported? *YES 1 or 0. */
enum err store_bundle_seq_reused(struct store *st, const char *device, uint64_t seq,
    const unsigned char hash[32], int *yes, char **cause);
/* The bytes held (unread, awaiting approval): of DEVICE, or of every
 * device when DEVICE is NULL. */
enum err store_bundle_held_bytes(struct store *st, const char *device, int64_t *bytes,
    char **cause);
/* How many devices await approval (state 'pending'): those labelled for
 * UNIT_ID, or all of them when UNIT_ID is NULL. */
enum err store_device_pending_count(struct store *st, const char *unit_id, int *n,
    char **cause);
/* Drop what DEVICE holds: each held bundle becomes 'refused' with REASON and
 * its content is deleted; *N how many. The caller audits. */
enum err store_bundle_purge(struct store *st, const char *device, const char *reason,
    int *n, char **cause);
/* Forget a device that was never approved (pending, or revoked before any
 * approval): its record goes, so a later file from its key is held afresh.
 * ERR_INVALID for a device that was approved once (revoke it instead). */
enum err store_device_forget(struct store *st, const char *device, char **cause);

/* CONFLICT: that device's revision was here with other content (a device
 * restored from a backup that filled the period again): kept as a new
 * current revision, its status reason saying so, for review. */
enum store_receive { STORE_RECEIVED_NEW, STORE_RECEIVED_OLDER, STORE_RECEIVED_DUPLICATE,
    STORE_RECEIVED_CONFLICT };

/*
 * Office: keep revision SRC_REV of (form, unit, period) sent by DEVICE,
 * which claims to have made it at SRC_CREATED (its clock: shown, never
 * used to order). Order without clocks: that revision already kept from
 * that device is a duplicate; one below a revision of the same device
 * already here joins the history without replacing it; otherwise it
 * becomes current (revisions of different devices: the later received
 * wins), with status "received". The revision's time is RECEIVED, the
 * office's receipt of the bundle (a held one: when it arrived). CLOCK_NOTE (may be NULL) says what was odd about the
 * claimed time. Must run inside a transaction. Audited as "import".
 */
enum err store_sub_receive(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *device, int src_rev,
    int64_t src_created, int64_t received, const char *clock_note, const char *data,
    enum store_receive *what, char **cause);

/*
 * Office: a received submission its checks refused (REASON), kept whole,
 * not as a submission. *dup: the same revision from that device was held
 * before (nothing written). Inside a transaction; audited as "hold-sub".
 */
enum err store_sub_hold(struct store *st, const char *device, const char *unit_id,
    const char *form_id, const char *period, int form_version, int src_rev,
    int64_t src_created, const char *data, const char *reason, int *dup, char **cause);

struct store_held_sub {
	char *device, *unit_id, *form_id, *period, *reason;
	int form_version, src_rev;
	int64_t src_created, received_at;
};
/* Every held submission, newest first. */
enum err store_held_list(struct store *st, struct store_held_sub **out, size_t *n,
    char **cause);
void store_held_free(struct store_held_sub *v, size_t n);

/* Office: the submissions whose current revision came with an odd device
 * clock: NOTE ("future", "behind") and the time the device claimed. */
struct store_clock_note {
	char *form_id, *unit_id, *period, *note;
	int64_t claimed;
};
enum err store_clock_notes(struct store *st, struct store_clock_note **out, size_t *n,
    char **cause);
void store_clock_notes_free(struct store_clock_note *v, size_t n);

/*
 * Office: record that (form, unit, period) reached the office on DAY (Unix
 * seconds) on paper or by phone, whether or not its file has come yet;
 * REASON is required and audited ("received-on"). Lateness then counts
 * from that day (or the file's receipt, if earlier). Recording it again
 * replaces the day (both are in the audit).
 */
enum err store_sub_received_on(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int64_t day, const char *reason, char **cause);

/* ---- key rotation ---- */

/* What an old key signs to hand over to a new one (KEY_LINK_MSG_LEN bytes:
 * a fixed label, the old and the new public key). */
#define STORE_KEY_LINK_LABEL "baocao key rotation 1"
#define STORE_KEY_LINK_MSG_LEN (sizeof STORE_KEY_LINK_LABEL - 1 + 64)
void store_key_link_msg(const unsigned char old_pk[32], const unsigned char new_pk[32],
    unsigned char msg[STORE_KEY_LINK_MSG_LEN]);

/*
 * Give this installation a new key pair, the new public key signed by the
 * old secret key; the old secret is kept (old_keys) and the link recorded
 * (key_history). *NEW_PK gets the new key. Runs in its own transaction;
 * audited as "key-rotate".
 */
enum err store_key_rotate(struct store *st, unsigned char new_pk[32], char **cause);

struct store_key_link {
	unsigned char old_pk[32], new_pk[32], sig[64];
};
/* This installation's rotations, oldest first. */
enum err store_key_chain(struct store *st, struct store_key_link **out, size_t *n,
    char **cause);
/* Retired secret keys (64 bytes each, locked memory: free each with
 * store_secret_free, then the array with free). */
enum err store_old_secrets(struct store *st, unsigned char ***sks, size_t *n, char **cause);

/* Field: the office's key moved to NEW_PK (the chain was checked by the
 * caller). Audited as "office-key-rotated". */
enum err store_office_key_rotate(struct store *st, const unsigned char new_pk[32],
    char **cause);
/* Office: the device OLD_FPR now uses NEW_PK (chain checked by the
 * caller): the new key is approved for the same unit, in the same line
 * of keys; the old one revoked. Inside a transaction; audited as
 * "device-key-rotated". */
enum err store_device_rotate(struct store *st, const char *old_fpr,
    const unsigned char new_pk[32], char **cause);

#endif

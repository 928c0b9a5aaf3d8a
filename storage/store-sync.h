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

struct store_device {
	char fingerprint[STORE_FPR_LEN + 1];
	unsigned char pk[32];
	char *unit_id;
	char *state;		/* pending, approved, revoked */
	int64_t first_seen, decided_at;
	uint64_t last_seq;
	int held;		/* bundles waiting */
	int64_t held_bytes;	/* their size, as they came */
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
/* approve / revoke by fingerprint (as printed; case and dashes as shown). */
enum err store_device_decide(struct store *st, const char *fingerprint, const char *state,
    char **cause);
enum err store_device_list(struct store *st, struct store_device **devs, size_t *n,
    char **cause);
void store_device_free(struct store_device *devs, size_t n);
/* Raise the device's last sequence number to SEQ (never lowers it). */
enum err store_device_seq(struct store *st, const char *fingerprint, uint64_t seq,
    char **cause);

/* A bundle's state by its hash (32 bytes): NULL *state if never seen. */
enum err store_bundle_state(struct store *st, const unsigned char hash[32], char **state,
    char **cause);
/* Record a bundle (CONTENT kept only for held ones). Replaces the state of
 * a bundle seen before. */
enum err store_bundle_put(struct store *st, const unsigned char hash[32],
    const char *device, uint64_t seq, const char *state, const char *reason,
    const unsigned char *content, size_t len, char **cause);
/* The held bundles of a device, oldest first: contents (malloc'd) and lengths. */
enum err store_bundle_held(struct store *st, const char *device, unsigned char ***contents,
    size_t **lens, size_t *n, char **cause);

enum store_receive { STORE_RECEIVED_NEW, STORE_RECEIVED_OLDER, STORE_RECEIVED_DUPLICATE };

/*
 * Office: keep revision SRC_REV (made at SRC_CREATED) of (form, unit,
 * period) sent by DEVICE. That revision already kept from that device is a
 * duplicate; one older than the current entry (made earlier, or below a
 * revision of the same device already here) joins the history without
 * replacing it; otherwise it becomes current, with status "received".
 * Must run inside a transaction (store_begin). Audited as "import".
 */
enum err store_sub_receive(struct store *st, const char *form_id, const char *unit_id,
    const char *period, int form_version, const char *device, int src_rev,
    int64_t src_created, const char *data, enum store_receive *what, char **cause);

#endif

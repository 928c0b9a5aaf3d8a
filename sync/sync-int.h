/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-int.h: what the bundle and pack writers share (sync/ only).
 */
#ifndef BAOCAO_SYNC_INT_H
#define BAOCAO_SYNC_INT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "sync-seal.h"
#include "../storage/store.h"

/* Field settings: the sequence of the last pack applied, and the highest
 * ever applied (acknowledged in every bundle; see sync/FORMAT.md). */
#define SYNC_SETTING_PACK_SEQ "pack_seq"
#define SYNC_SETTING_PACK_MAX "pack_seq_max"
/* ... and the hash of the last pack applied: an office restored from a
 * backup may number a different pack as one applied before. */
#define SYNC_SETTING_PACK_HASH "pack_hash"
/* ... and the office's signature of that highest number ("SEQ HEX128",
 * from the pack's "seq_sig"): the proof a bundle carries to a restored
 * office (sync/FORMAT.md, Restore). */
#define SYNC_SETTING_PACK_PROOF "pack_seq_proof"
/* ... and the office's MAC of it ("SEQ HEX32", from the pack's "seq_mac"):
 * the same proof in 16 bytes, which a bundle carries instead when it has
 * it (sync/FORMAT.md, Restore). */
#define SYNC_SETTING_PACK_MAC "pack_seq_mac"
/* One per pack applied here, key this prefix and the file's BLAKE2b-256 in hex,
 * value its number: a file applied before is never offered again. */
#define SYNC_SETTING_PACK_APPLIED "pack_applied/"
/* The public key (hex) of this device that the office sealed a pack to:
 * it approved that key, so bundles name it by fingerprint alone (format 4,
 * sync/FORMAT.md); a new key (rotation) is sent whole until then. */
#define SYNC_SETTING_KEY_KNOWN "office_knows_key"
/* "1" while the office's last pack lists this device as revoked. */
#define SYNC_SETTING_REVOKED "revoked"

/*
 * In one transaction: take the next sequence number, seal ROOT (as compact
 * JSON; a pack gets its "seq_sig" added first; TAIL, if not NULL, follows
 * after a newline: a bundle's submission lines) as KIND
 * to the NRCPT keys RECIPIENTS (32 bytes each; none: an open pack), with
 * LABEL (bundles: the unit id) and this installation's key, run
 * SQL (may be NULL) and audit ACTION on OBJECT with "seq N" followed by
 * DETAIL. DICT (may be NULL): compress with that dictionary. On failure nothing is recorded and no file is returned.
 */
enum err sync_write(struct store *st, enum sync_kind kind, const unsigned char *recipients,
		    size_t nrcpt, const char *label, json_t *root, const char *tail, const char *sql, const char *action, const char *object,
		    const char *detail, const struct sync_dict *dict, unsigned char **file,
		    size_t *len, char **cause);

/* sync_write, for a bundle: WITH_KEY 1 carries the device's whole key
 * and unit (format 4's long form) even when the office knows them. */
enum err sync_write_bundle(struct store *st, const unsigned char *office, const char *label,
			   json_t *root, const char *tail, const char *sql, const char *action,
			   const char *object, const char *detail, const struct sync_dict *dict,
			   int with_key, unsigned char **file, size_t *len, char **cause);

/* A pack's number, vouched for by the office: Ed25519 over SYNC_SEQ_CONTEXT
 * (no NUL) || the office's public key || the sequence, 8 bytes big-endian.
 * sync_seq_verify: whether SIGHEX (128 hex digits) is PK's signature of
 * SEQ. */
#define SYNC_SEQ_CONTEXT "baocao pack seq 1"
#define SYNC_SEQ_MSG_LEN (sizeof SYNC_SEQ_CONTEXT - 1 + 32 + 8)
void sync_seq_msg(const unsigned char pk[32], uint64_t seq, unsigned char msg[SYNC_SEQ_MSG_LEN]);
int sync_seq_verify(const unsigned char pk[32], uint64_t seq, const char *sighex);

/* The same number, vouched for in 16 bytes only the office can make or
 * check: BLAKE2b-128 keyed with the office's Ed25519 seed (SK's first 32
 * bytes) of SYNC_SEQ_MAC_CONTEXT (no NUL) || its public key || the
 * sequence, 8 bytes big-endian. sync_seq_mac_verify: whether HEX (32 hex
 * digits) is SK's MAC of SEQ. */
#define SYNC_SEQ_MAC_CONTEXT "baocao pack seq mac 1"
#define SYNC_SEQ_MAC_SIZE 16
void sync_seq_mac(const unsigned char *sk, uint64_t seq, unsigned char mac[SYNC_SEQ_MAC_SIZE]);
int sync_seq_mac_verify(const unsigned char *sk, uint64_t seq, const char *hex);

/* Key rotation (sync-keys.c): this installation's chain of links as JSON
 * (NULL if it never rotated, or on error with *E set); whether CHAIN leads
 * by verified links from key FROM to key TO; the old key of link I. */
#include <jansson.h>
json_t *sync_chain_json(struct store *st, char **cause, enum err *e);
int sync_chain_follow(json_t *chain, const unsigned char from[32], const unsigned char to[32]);
int sync_chain_origin(json_t *chain, size_t i, unsigned char old[32]);
/* ERR_CORRUPT, saying so, if an exchange file of LEN bytes is over this
 * installation's file cap (sync_limits.max_file). */
enum err sync_file_check(struct store *st, size_t len, char **cause);
/* What devices not yet approved may have the office keep, unread: each,
 * and all together. Beyond, a new file is refused (the oldest kept). */
#define SYNC_HELD_PER_DEVICE (2 * 1024 * 1024)
#define SYNC_HELD_TOTAL (16 * 1024 * 1024)
/* How many devices may await approval at once: labelled for one unit, and
 * all together (a commune's units each set up a machine or two at the
 * start). Beyond, a new key's file is refused and the key not recorded:
 * throwaway keys cannot fill the devices list (issue 12). */
#define SYNC_PENDING_PER_UNIT 8
#define SYNC_PENDING_TOTAL 100

/* Dictionaries (sync-dict.c). The one kept under ID, checked again
 * (ERR_NOTFOUND: none); free with sync_dict_free. */
enum err sync_dict_by_id(struct store *st, uint32_t id, struct sync_dict *d, char **cause);
/* A pack's "zstd_dict" member: {"id": N, "data": BASE64}; and back,
 * refusing (ERR_CORRUPT, one line) one over SYNC_DICT_MAX before it is
 * decoded, one that is not a zstd dictionary, or not the id it says. */
json_t *sync_dict_json(const struct sync_dict *d);
enum err sync_dict_from_json(json_t *j, struct sync_dict *d, char **cause);
/* Field: make D the dictionary bundles are compressed with (*CHANGED: it
 * was not already). */
enum err sync_dict_keep_field(struct store *st, const struct sync_dict *d, int *changed,
			      char **cause);
/* A bundle's submission line (compact JSON, no newline; caller frees), as
 * sync_export writes it and the dictionary's samples imitate it. */
char *sync_sub_line(const char *form_id, const char *period, int rev, int form_version,
		    int64_t created, json_t *data);

#endif

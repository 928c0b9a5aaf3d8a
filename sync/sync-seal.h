/*
 * sync-seal: the sealed file every exchange travels in — a field unit's
 * bundle to the office, the office's pack back. Byte by byte in
 * sync/FORMAT.md.
 *
 *   header (104 bytes, in the clear, signed)
 *   body: the payload, zstd-compressed, then (bundles) sealed to the
 *         recipient's key with crypto_box_seal (X25519 keys derived from
 *         the Ed25519 device keys)
 *   Ed25519 signature (64 bytes) of everything before it, by the sender
 *
 * Reading checks, in this order, and stops at the first failure:
 *
 *   1. size: at least header + signature, at most SYNC_MAX_FILE;
 *   2. magic, format version, kind, lengths consistent with the size;
 *   3. the signature, with the sender key the header names;
 *   4. the recipient: this installation's key (or any, for a pack with
 *      no recipient);
 *   5. decryption;
 *   6. decompression into exactly the declared size, which is capped
 *      (SYNC_MAX_PLAIN): a crafted file cannot make us allocate more.
 *
 * Nothing is parsed before the signature holds, so a forged or damaged
 * file is refused before any of its content is believed.
 */
#ifndef BAOCAO_SYNC_SEAL_H
#define BAOCAO_SYNC_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "../core/err.h"

#define SYNC_MAGIC "BAOCAO-S"
#define SYNC_VERSION 1
#define SYNC_HEADER_SIZE 104
#define SYNC_SIG_SIZE 64
#define SYNC_KEY_SIZE 32
#define SYNC_MAX_PLAIN (64u * 1024 * 1024)	/* payload, uncompressed */
#define SYNC_MAX_FILE (SYNC_MAX_PLAIN + 1024u * 1024)

enum sync_kind { SYNC_BUNDLE = 1, SYNC_PACK = 2 };

struct sync_header {
	enum sync_kind kind;
	int encrypted;
	unsigned char sender[SYNC_KEY_SIZE];	/* Ed25519 public key */
	unsigned char recipient[SYNC_KEY_SIZE];	/* all zero: anyone */
	uint64_t seq;				/* per sender, from 1 */
	int64_t created;			/* Unix seconds */
	uint32_t plain_len, comp_len, body_len;
};

/*
 * Write a sealed file of KIND carrying PAYLOAD (LEN bytes), signed with
 * SENDER_SK (Ed25519, 64 bytes). RECIPIENT NULL: not encrypted, readable by
 * anyone who trusts the sender (packs). *OUT (malloc'd) and *OUTLEN get
 * the file.
 */
enum err sync_seal(enum sync_kind kind, const unsigned char *sender_sk,
		   const unsigned char *recipient, uint64_t seq, int64_t created,
		   const void *payload, size_t len, unsigned char **out, size_t *outlen,
		   char **cause);

/*
 * Open a sealed file of KIND (FILE, LEN bytes) addressed to the holder of
 * MY_SK (Ed25519, 64 bytes; its public half is the last 32 bytes). On
 * success *HDR is filled and *PAYLOAD (malloc'd, NUL-terminated) holds
 * *PLEN bytes. Errors: ERR_CORRUPT (damaged, truncated, forged, not for
 * us), ERR_VERSION (a newer format), ERR_INVALID (not a baocao file, or
 * the wrong kind), each with a one-line reason.
 */
enum err sync_open(enum sync_kind kind, const unsigned char *file, size_t len,
		   const unsigned char *my_sk, struct sync_header *hdr, char **payload,
		   size_t *plen, char **cause) __attribute__((warn_unused_result));

/* Read only the header, without any check but its shape (for messages). */
enum err sync_peek(const unsigned char *file, size_t len, struct sync_header *hdr,
		   char **cause);

#endif

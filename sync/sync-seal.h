/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-seal: the sealed file every exchange travels in — a field unit's
 * bundle to the office, the office's pack back. Formats 2 to 4, byte by
 * byte in sync/FORMAT.md.
 *
 *   clear header (16 bytes): magic, format version, kind, the number of
 *         recipients — only what is needed to route the file
 *   recipient slots (96 bytes each): the recipient's key id and the
 *         file's content key sealed to it (crypto_box_seal)
 *   body: XChaCha20-Poly1305 of the inner file under the content key, the
 *         clear header and slots as associated data
 *   inner file: sender key, sequence number, time, (format 3) the id of
 *         the zstd dictionary the payload needs, the recipients' keys,
 *         a label (the unit, for bundles), the zstd-compressed payload,
 *         and the sender's Ed25519 signature of all of it
 *
 * The signature is of the content, recipients included, not of the
 * ciphertext: nobody can take a sealed file and sign it as theirs, nor
 * forward a signed content to another recipient. Who sent a file, when
 * and in which order is only known to its recipients.
 *
 * Opening (sync_open) decrypts and checks the signature but does not
 * decompress: the receiving side decides first whether it trusts the
 * sender (an office holds the bundles of a device it has not approved
 * without ever reading them). sync_decode then decompresses, streaming,
 * into jansson under a size cap, a memory budget and a depth limit.
 *
 * A pack may be "open" (no recipients, not encrypted, still signed): the
 * setup pack a new unit installs from, which carries no receipts.
 * Bundles are always sealed; an open bundle is refused.
 *
 * Format 4, bundles only (sync_seal_compact): the same guarantees in 146
 * bytes of envelope instead of 324 + L — the inner file, its numbers as
 * varints, sealed whole with crypto_box_seal to the office; the signature
 * covers the clear header and the office's key, which is not carried; the
 * sender named by its 10-byte fingerprint once the office knows its key
 * (sync_open_lookup finds it), else by its key and unit.
 */
#ifndef BAOCAO_SYNC_SEAL_H
#define BAOCAO_SYNC_SEAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/err.h"

#define SYNC_MAGIC "BAOCAO-S"
#define SYNC_INNER_MAGIC "BAOCAO-I"
#define SYNC_SIG_CONTEXT "baocao sealed file, format 2"	/* signed first, with its NUL */
#define SYNC_VERSION 2		/* written when no dictionary is used */
#define SYNC_VERSION_DICT 3	/* written with a dictionary: its id in the inner header */
#define SYNC_VERSION_COMPACT 4	/* bundles: the compact layout (below) */
#define SYNC_VERSION_MAX 4	/* the newest this baocao reads */
#define SYNC_SIG_CONTEXT4 "baocao sealed file, format 4"	/* format 4's, with its NUL */
#define SYNC_HEADER4_SIZE 11	/* format 4's clear header: magic, version, kind */
#define SYNC_FPR_SIZE 10	/* a device's fingerprint, as bytes (BLAKE2b-80 of its key) */
#define SYNC_HEADER_SIZE 16
#define SYNC_SLOT_SIZE 96
#define SYNC_KEYID_SIZE 16
#define SYNC_INNER_FIXED 72	/* format 2; format 3 adds the dictionary id */
#define SYNC_INNER_FIXED_DICT 76
#define SYNC_SIG_SIZE 64
#define SYNC_KEY_SIZE 32
#define SYNC_LABEL_MAX 64
#define SYNC_MAX_RECIPIENTS 4096
#define SYNC_SEQ_MAX (1ull << 40)	/* a file's number: a million a day for 3,000 years */
#define SYNC_MAX_PLAIN (64u * 1024 * 1024)	/* payload, uncompressed, at most */
#define SYNC_MAX_FILE (SYNC_MAX_PLAIN + 1024u * 1024)
#define SYNC_ZSTD_WINDOW_LOG 20			/* 1 MiB: writers use it, readers cap it */
#define SYNC_DICT_MAX (64u * 1024)		/* a zstd dictionary, at most */

/* Limits for reading a payload (sync_decode). */
struct sync_limits {
	size_t max_file;	/* the exchange file itself, checked before it is read */
	size_t max_plain;	/* decompressed bytes (the declared size is checked first) */
	size_t max_memory;	/* bytes jansson may hold while parsing */
	int max_depth;		/* nesting of arrays and objects */
};
#define SYNC_DEFAULT_MAX_FILE (4u * 1024 * 1024)	/* a real bundle is a few KB */
#define SYNC_DEFAULT_MAX_PLAIN (64u * 1024 * 1024)
#define SYNC_DEFAULT_MAX_MEMORY (4u * 1024 * 1024)
#define SYNC_DEFAULT_MAX_DEPTH 32
extern const struct sync_limits sync_default_limits;
/* The parser's memory for content whose signature is by a key already
 * trusted (the office's pack at a field installation): 16 times the
 * declared size (jansson's objects take about that much per byte of
 * text), at least the default budget, at most SYNC_TRUSTED_MAX_MEMORY. */
#define SYNC_TRUSTED_MAX_MEMORY (256u * 1024 * 1024)
size_t sync_trusted_budget(size_t plain_len);

enum sync_kind { SYNC_BUNDLE = 1, SYNC_PACK = 2 };

/* What the inner, signed header says (the sender's own words). */
struct sync_header {
	enum sync_kind kind;
	int open;				/* a pack readable by anyone */
	unsigned char sender[SYNC_KEY_SIZE];	/* Ed25519 public key */
	uint64_t seq;				/* per sender, from 1 */
	int64_t created;			/* Unix seconds, the sender's clock */
	uint32_t plain_len;			/* declared, uncompressed */
	uint32_t comp_len;
	unsigned version;			/* 2, 3 with a dictionary, 4 compact */
	int by_fpr;				/* format 4: the sender was named by its
						 * fingerprint, its key found by the reader */
	uint32_t dict_id;			/* the zstd dictionary the payload needs; 0: none */
	char label[SYNC_LABEL_MAX + 1];		/* bundles: the unit's id */
	size_t nrecipients;
};

/* An opened file: the signed header and the compressed payload. */
struct sync_opened {
	struct sync_header h;
	unsigned char *inner;			/* the decrypted inner file */
	size_t inner_len;
	const unsigned char *frame;		/* into inner: the zstd frame */
	/* The dictionary h.dict_id names, set by the reader before decoding
	 * (not owned; sync_dict_check'ed); NULL for none. */
	const unsigned char *dict;
	size_t dict_len;
};

/* A zstd dictionary (sync/FORMAT.md, "Dictionaries"): ID as its own header
 * says, BYTES (LEN, at most SYNC_DICT_MAX). */
struct sync_dict {
	uint32_t id;
	unsigned char *bytes;
	size_t len;
};

/*
 * Is D (LEN bytes) a zstd dictionary this baocao would use: at most
 * SYNC_DICT_MAX bytes, zstd's dictionary magic and a non-zero id (*ID gets
 * it), tables the decoder accepts, and a sample compressed with it and
 * decompressed again? ERR_CORRUPT with a one-line reason if not.
 */
enum err sync_dict_check(const unsigned char *d, size_t len, uint32_t *id, char **cause);

/*
 * Write a sealed file of KIND carrying PAYLOAD (LEN bytes), signed with
 * SENDER_SK (Ed25519, 64 bytes), sealed to the NRCPT Ed25519 public keys
 * RECIPIENTS (32 bytes each, one after the other). NRCPT 0: an open pack
 * (ERR_INVALID for a bundle). LABEL (may be NULL): bundles, the unit id.
 * *OUT (malloc'd) and *OUTLEN get the file.
 */
enum err sync_seal(enum sync_kind kind, const unsigned char *sender_sk,
		   const unsigned char *recipients, size_t nrcpt, const char *label,
		   uint64_t seq, int64_t created, const void *payload, size_t len,
		   unsigned char **out, size_t *outlen, char **cause);

/* The same, compressed with the zstd dictionary DICT (NULL: none, as
 * sync_seal): the file is then format 3, naming the dictionary's id. */
enum err sync_seal_dict(enum sync_kind kind, const unsigned char *sender_sk,
			const unsigned char *recipients, size_t nrcpt, const char *label,
			uint64_t seq, int64_t created, const struct sync_dict *dict,
			const void *payload, size_t len, unsigned char **out, size_t *outlen,
			char **cause);

/*
 * The same from an already compressed zstd FRAME (CLEN bytes) declared to
 * hold PLAIN_LEN bytes, written as given: for sync_seal, and for tests and
 * fuzzers that need validly signed files with hostile content.
 */
enum err sync_seal_frame(enum sync_kind kind, const unsigned char *sender_sk,
			 const unsigned char *recipients, size_t nrcpt, const char *label,
			 uint64_t seq, int64_t created, uint32_t plain_len,
			 const unsigned char *frame, size_t clen, unsigned char **out,
			 size_t *outlen, char **cause);
/* ... naming dictionary DICT_ID (0: none, format 2), whatever the frame
 * needs: for tests and fuzzers. */
enum err sync_seal_frame_dict(enum sync_kind kind, const unsigned char *sender_sk,
			      const unsigned char *recipients, size_t nrcpt, const char *label,
			      uint64_t seq, int64_t created, uint32_t dict_id,
			      uint32_t plain_len, const unsigned char *frame, size_t clen,
			      unsigned char **out, size_t *outlen, char **cause);

/*
 * Format 4, bundles only (sync/FORMAT.md, "Format 4"): the file sealed
 * with crypto_box_seal to OFFICE (an Ed25519 public key), a binary inner
 * header of varints, signed with SENDER_SK over the clear header, the
 * office's key and the inner file. BY_FPR: name the sender by its 10-byte
 * fingerprint, not its key, and leave out the label (the office knows both
 * once it approved the key); else LABEL is the unit id. DICT (NULL: none)
 * as sync_seal_dict. The frame variant writes FRAME (CLEN bytes) declared
 * to hold PLAIN_LEN bytes as given, naming DICT_ID: for tests and fuzzers.
 */
enum err sync_seal_compact(const unsigned char *sender_sk, const unsigned char *office,
			   int by_fpr, const char *label, uint64_t seq, int64_t created,
			   const struct sync_dict *dict, const void *payload, size_t len,
			   unsigned char **out, size_t *outlen, char **cause);
enum err sync_seal_compact_frame(const unsigned char *sender_sk, const unsigned char *office,
				 int by_fpr, const char *label, uint64_t seq, int64_t created,
				 uint32_t dict_id, uint64_t plain_len,
				 const unsigned char *frame, size_t clen, unsigned char **out,
				 size_t *outlen, char **cause);

/* A device's fingerprint as bytes (what its printed form spells). */
void sync_fpr_bytes(const unsigned char pk[SYNC_KEY_SIZE], unsigned char fpr[SYNC_FPR_SIZE]);

/*
 * For a format-4 file naming its sender by fingerprint FPR: the reader's
 * key for it (PK) and the unit it is approved for (LABEL, "" if none).
 * Returns 1 if found, 0 if this reader knows no such device.
 */
typedef int (*sync_sender_fn)(const unsigned char fpr[SYNC_FPR_SIZE],
			      unsigned char pk[SYNC_KEY_SIZE], char label[SYNC_LABEL_MAX + 1],
			      void *arg);

/*
 * Open a sealed file of KIND (FILE, LEN bytes) as the holder of MY_SK
 * (Ed25519, 64 bytes; NULL: only an open pack can be read). Decrypts and
 * verifies the signature; does not decompress. On success fill *OUT (free
 * with sync_opened_free). Errors: ERR_CORRUPT (damaged, truncated,
 * forged, not for us), ERR_VERSION (a newer format), ERR_INVALID (not a
 * baocao file, the wrong kind, a format-1 file, an open bundle), each with
 * a one-line reason.
 */
enum err sync_open(enum sync_kind kind, const unsigned char *file, size_t len,
		   const unsigned char *my_sk, struct sync_opened *out, char **cause)
		   __attribute__((warn_unused_result));
/* The same, finding the key of a sender named by fingerprint (format 4)
 * with LOOKUP (NULL: such a file is refused); an unknown one: ERR_INVALID,
 * saying which fingerprint and what to do. */
enum err sync_open_lookup(enum sync_kind kind, const unsigned char *file, size_t len,
			  const unsigned char *my_sk, sync_sender_fn lookup, void *arg,
			  struct sync_opened *out, char **cause) __attribute__((warn_unused_result));
void sync_opened_free(struct sync_opened *o);

/*
 * Decompress an opened file's payload and parse it as JSON under LIM
 * (NULL: sync_default_limits), with the dictionary O->dict when the header
 * names one (ERR_INVALID if none was set: the reader lacks it; ERR_CORRUPT
 * if it is not the one named): a declared size above the cap is refused
 * before anything is allocated; decompression streams straight into the
 * parser (the text is never held whole); the parser's memory and the
 * nesting are capped. *ROOT gets the document. ERR_CORRUPT with a reason
 * when a limit is passed or the content is not JSON.
 */
enum err sync_decode(const struct sync_opened *o, const struct sync_limits *lim,
		     json_t **root, char **cause) __attribute__((warn_unused_result));

/*
 * The same for a payload of JSON lines (a bundle's: sync/FORMAT.md): each
 * line, '\n'-terminated (the last may not be), is one JSON value parsed on
 * its own under LIM's memory budget and depth, so that memory depends on
 * the largest line, never on how many there are; a line longer than the
 * budget is refused unparsed. FN gets each line's value (0-based index I;
 * it is freed after FN returns) and may set *STOP to read no further; an
 * error from FN stops the reading and is returned. Blank lines are
 * refused. ERR_CORRUPT with a reason when a limit is passed or a line is
 * not JSON, or the stream is damaged.
 */
typedef enum err (*sync_line_fn)(json_t *line, size_t i, void *arg, int *stop, char **cause);
enum err sync_decode_lines(const struct sync_opened *o, const struct sync_limits *lim,
			   sync_line_fn fn, void *arg, char **cause)
			   __attribute__((warn_unused_result));

/* The key id a recipient slot names: BLAKE2b-128 of the Ed25519 key. */
void sync_key_id(const unsigned char pk[SYNC_KEY_SIZE], unsigned char id[SYNC_KEYID_SIZE]);

#endif

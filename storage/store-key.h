/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-key.h: the key header in front of an encrypted database.
 *
 * The first STORE_HDR_SIZE bytes of the database file hold a magic, the
 * database uuid and two key slots. Each slot wraps the database's random
 * master key under a key derived from a passphrase with Argon2id. Changing the
 * passphrase writes the other slot, then clears the old one: the master key,
 * and so every page, stays as it was. Layout in storage/FORMAT.md.
 */
#ifndef BAOCAO_STORE_KEY_H
#define BAOCAO_STORE_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "../core/err.h"
#include "store-vfs.h"

#define STORE_MAGIC "BAOCAODB"
#define STORE_FORMAT 1
#define STORE_SLOT_OFF 32
#define STORE_SLOT_SIZE 128
#define STORE_SALT_BYTES 16

/* Argon2id cost. Stored in each slot, so it can change between versions. */
struct store_kdf {
	unsigned long long opslimit;
	size_t memlimit; /* bytes */
};

/* The most a slot may ask for; a slot beyond it does not open. */
#define STORE_KDF_MAX_OPS 16ULL
#define STORE_KDF_MAX_MEM ((size_t)1 << 30)

/* The most a new key costs (libsodium's MODERATE: 3 passes, 256 MiB), the
 * least (its INTERACTIVE: 2 passes, 64 MiB), and a cheap one for tests. */
extern const struct store_kdf STORE_KDF_DEFAULT;
extern const struct store_kdf STORE_KDF_FLOOR;
extern const struct store_kdf STORE_KDF_TEST;

/* What a derivation needs beyond its matrix: the rest of the program. */
#define STORE_KDF_SLACK ((uint64_t)16 << 20)

/* The cost for a new key on a machine with `ram` bytes of physical memory
 * and a memory limit `limit` (a cgroup's, ulimit's; 0: none): a quarter of
 * the smaller, in whole MiB, never less than STORE_KDF_FLOOR's memory and
 * never more than STORE_KDF_DEFAULT's, with the default's passes. Both 0
 * (nothing known): STORE_KDF_DEFAULT. Pure: the unit tests call it with a
 * table of machines. */
void store_kdf_choose(uint64_t ram, uint64_t limit, struct store_kdf *out);

/* store_kdf_choose for this machine: sysconf's physical memory and the
 * tightest limit on this process: the memory.max of its cgroup (v2; v1's
 * memory.limit_in_bytes) and its ancestors, RLIMIT_AS, RLIMIT_DATA. */
void store_kdf_machine(struct store_kdf *out);

/* What store_kdf_machine went by: this machine's physical memory (*RAM) and
 * the tightest limit on this process (*LIMIT, 0: none), in bytes, so that a
 * caller can say why a new key costs less than STORE_KDF_DEFAULT. */
void store_kdf_machine_facts(uint64_t *ram, uint64_t *limit);

/* The cgroup part of store_kdf_machine and store_kdf_room, reading
 * proc_cgroup (there: /proc/self/cgroup) and the cgroup file systems under
 * sysfs (there: /sys/fs/cgroup; v1's memory controller at sysfs/memory):
 * the tightest memory limit of the group and its ancestors (*limit, 0:
 * none) and the room it leaves, its usage less the page cache the kernel
 * would reclaim first (*room). Exposed for the unit tests' fake trees. */
void store_kdf_cgroup(const char *proc_cgroup, const char *sysfs, uint64_t *limit,
    uint64_t *room);

/* The memory a derivation at cost k needs (its matrix + STORE_KDF_SLACK). */
uint64_t store_kdf_need(const struct store_kdf *k);

/* 0 if a derivation at cost k fits under this process's memory limits (the
 * same as store_kdf_machine's) or none is set; -1 if not, and *room is what
 * the tightest leaves (so the caller can say "needs N MiB, N left"). Beyond
 * a cgroup's limit the kernel kills the process without a word instead of
 * failing the allocation: this check comes first. */
int store_kdf_room(const struct store_kdf *k, uint64_t *room);

/* Set *cause to the one-line message for a derivation at cost k that had not
 * the memory it needs (how much, and what a limit leaves), naming path;
 * unlocking: opening, else making a key. Returns ERR_IO (exit status 1). */
enum err store_kdf_short(char **cause, const char *path, const struct store_kdf *k,
    int unlocking);

/* 1 in test builds (baocao-test, the unit tests, the ASan build), 0 in the
 * release: defined by storage/variant/build.c, which each program links in
 * one of its two forms. */
extern const int store_test_build;

/* The cost for a new key, chosen by the environment. BAOCAO_KDF unset (or
 * empty): this machine's (store_kdf_machine). BAOCAO_KDF=test: STORE_KDF_TEST, but only in a
 * test build (store_test_build); a released binary must never make a real
 * database with a cheap key without anyone noticing. Any other case returns
 * NULL and sets *why to a one-line message (the caller exits 2). */
const struct store_kdf *store_kdf_env(const char **why);

struct store_header {
	unsigned char raw[STORE_HDR_SIZE];
};

/* Fill a new header: random uuid, slot 0 wrapping `master` under `pass`.
 * Returns -1 only if Argon2id could not get its memory. */
int store_header_make(struct store_header *h, const unsigned char master[STORE_KEY_BYTES],
    const char *pass, const struct store_kdf *kdf) __attribute__((warn_unused_result));

/* 0 if h looks like a baocao header (magic, version), -1 if not. */
int store_header_check(const struct store_header *h) __attribute__((warn_unused_result));

const unsigned char *store_header_uuid(const struct store_header *h);

/* Unwrap the master key with pass, trying the newest slot first. 0 on
 * success; -1 if no slot opens (wrong passphrase); -2 if Argon2id could not
 * get its memory, or would not fit under the cgroup limit (store_kdf_room). */
int store_header_unlock(const struct store_header *h, const char *pass,
    unsigned char master[STORE_KEY_BYTES]) __attribute__((warn_unused_result));

/* As store_header_unlock, and *which is the slot that opened. */
int store_header_unlock_slot(const struct store_header *h, const char *pass,
    unsigned char master[STORE_KEY_BYTES], int *which) __attribute__((warn_unused_result));

/* The generation of slot i; 0 when it is empty. */
unsigned long long store_header_gen(const struct store_header *h, int i);

/* Rewrap master under newpass into the slot not in use, generation + 1.
 * Sets *slot to the slot written and *old to the slot to clear afterwards.
 * Returns -1 on failure (Argon2id memory). */
int store_header_rewrap(struct store_header *h, const unsigned char master[STORE_KEY_BYTES],
    const char *newpass, const struct store_kdf *kdf, int *slot, int *old)
    __attribute__((warn_unused_result));

/* The Argon2id cost of the slot in use (the newest). 0, or -1 if no slot
 * is in use. */
int store_header_cost(const struct store_header *h, struct store_kdf *out);

/* Clear slot i. */
void store_header_clear_slot(struct store_header *h, int i);

#endif

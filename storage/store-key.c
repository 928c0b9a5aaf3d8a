/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-key.c: wrapping and unwrapping the master key (see store-key.h).
 *
 * Header layout (all integers big-endian):
 *     0   8  magic "BAOCAODB"
 *     8   4  format version (1)
 *    12   4  header size (4096)
 *    16  16  database uuid
 *    32 128  slot 0
 *   160 128  slot 1
 *   288 ...  zero
 * Slot layout:
 *     0   8  generation (0 = empty slot)
 *     8   4  algorithm (1 = Argon2id v1.3 + XChaCha20-Poly1305)
 *    12   4  Argon2id memory limit in KiB
 *    16   8  Argon2id operations limit
 *    24  16  salt
 *    40  24  nonce
 *    64  48  wrapped master key (32) + tag (16)
 *   112  16  zero
 * The wrap's associated data is header bytes 0..31 and every slot byte but
 * the wrapped key (0..63, 112..127), so neither the uuid nor a slot's cost,
 * salt, nonce or generation can be altered.
 */
#include "store-key.h"

#include "../core/bytes.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../core/err.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

const struct store_kdf STORE_KDF_DEFAULT = {
	crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE
};
const struct store_kdf STORE_KDF_TEST = { 1, 8192 * 4 };

const struct store_kdf STORE_KDF_FLOOR = {
	crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE
};

#define ALG_ARGON2ID_XCHACHA 1
#define MIB ((uint64_t)1 << 20)

void
store_kdf_choose(uint64_t ram, uint64_t limit, struct store_kdf *out)
{
	uint64_t base = ram, mem;

	if (limit != 0 && (base == 0 || limit < base))
		base = limit;
	*out = STORE_KDF_DEFAULT;
	if (base == 0)
		return;	/* nothing known: the default, as before */
	mem = base / 4 / MIB * MIB;
	if (mem < STORE_KDF_FLOOR.memlimit)
		mem = STORE_KDF_FLOOR.memlimit;
	if (mem < out->memlimit)
		out->memlimit = (size_t)mem;
	/* Less memory, the same passes (3, more than the floor's 2): the
	 * derivation is no slower than the default's and no weaker than
	 * libsodium's interactive cost. */
}

/* A limit and the room it leaves, folded into the tightest so far. */
struct mem_limit {
	uint64_t limit; /* bytes; 0: none found */
	uint64_t room;  /* what the tightest room is */
	int have_room;
};

static void
mem_fold(struct mem_limit *m, uint64_t limit, uint64_t used)
{
	uint64_t left = used < limit ? limit - used : 0;

	if (m->limit == 0 || limit < m->limit)
		m->limit = limit;
	if (!m->have_room || left < m->room)
		m->room = left;
	m->have_room = 1;
}

/* Read one number from a cgroup file; 0 if missing, "max" or beyond 2^62
 * (cgroup v1 says "no limit" with a number near 2^63). */
static uint64_t
cgroup_number(const char *root, const char *dir, const char *name)
{
	char *path = xasprintf("%s%s/%s", root, dir, name), line[64];
	unsigned long long v = 0;
	FILE *f = fopen(path, "re");

	free(path);
	if (f == NULL)
		return 0;
	if (fgets(line, sizeof line, f) == NULL || sscanf(line, "%llu", &v) != 1)
		v = 0;
	fclose(f);
	return v >= (1ULL << 62) ? 0 : v;
}

/* The page cache a cgroup's usage counts (memory.stat: active_file +
 * inactive_file; v1: their total_ forms, over the group and its children):
 * the kernel reclaims it before it kills anything, so it is room. */
static uint64_t
cgroup_file_cache(const char *root, const char *dir, int v1)
{
	char *path = xasprintf("%s%s/memory.stat", root, dir), key[64];
	unsigned long long v, sum = 0;
	FILE *f = fopen(path, "re");

	free(path);
	if (f == NULL)
		return 0;
	while (fscanf(f, "%63s %llu", key, &v) == 2) {
		const char *k = key;
		if (v1 && strncmp(key, "total_", 6) != 0)
			continue;
		if (v1)
			k += 6;
		if (strcmp(k, "active_file") == 0 || strcmp(k, "inactive_file") == 0)
			sum += v;
	}
	fclose(f);
	return sum;
}

/* The cgroup limits of this process and its ancestors: v2 (memory.max,
 * memory.current) or v1's memory controller (memory.limit_in_bytes,
 * memory.usage_in_bytes), less the page cache in each. */
static void
cgroup_limits(struct mem_limit *m, const char *proc_cgroup, const char *sysfs)
{
	char line[4200], v1[4200] = "", v2[4200] = "", *dir, *slash, *root;
	const char *max_file, *cur_file;
	int is_v1 = 0;
	FILE *f = fopen(proc_cgroup, "re");

	if (f == NULL)
		return;
	/* "0::/path" (v2), "N:memory:/path" or "N:a,memory,b:/path" (v1) */
	while (fgets(line, sizeof line, f) != NULL) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL, *t, *save;
		if (c2 == NULL)
			continue;
		*c2 = '\0';
		c2[1 + strcspn(c2 + 1, "\n")] = '\0';
		if (c1 == line + 1 && line[0] == '0' && c2 == c1 + 1) {
			snprintf(v2, sizeof v2, "%s", c2 + 1);
			continue;
		}
		for (t = strtok_r(c1 + 1, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
			if (strcmp(t, "memory") == 0)
				snprintf(v1, sizeof v1, "%s", c2 + 1);
	}
	fclose(f);
	if (v1[0] == '/')	/* the v1 memory controller, when mounted, is in use */
		dir = v1, max_file = "memory.limit_in_bytes", cur_file = "memory.usage_in_bytes",
		    is_v1 = 1;
	else if (v2[0] == '/')
		dir = v2, max_file = "memory.max", cur_file = "memory.current";
	else
		return;
	root = xasprintf("%s%s", sysfs, is_v1 ? "/memory" : "");
	for (;;) {
		uint64_t max = cgroup_number(root, dir, max_file);
		if (max != 0) {
			uint64_t cur = cgroup_number(root, dir, cur_file);
			uint64_t cache = cgroup_file_cache(root, dir, is_v1);
			mem_fold(m, max, cur > cache ? cur - cache : 0);
		}
		if (dir[1] == '\0' || (slash = strrchr(dir, '/')) == NULL)
			break;
		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	free(root);
}

/* RLIMIT_AS and RLIMIT_DATA (ulimit -v, -d), against the address space and
 * the data this process has now (/proc/self/statm). */
static void
rlimits(struct mem_limit *m)
{
	unsigned long long size = 0, res, shr, text, lib, data = 0;
	long psize = sysconf(_SC_PAGESIZE);
	struct rlimit r;
	FILE *f = fopen("/proc/self/statm", "re");

	if (f != NULL) {
		if (fscanf(f, "%llu %llu %llu %llu %llu %llu", &size, &res, &shr, &text, &lib,
		    &data) != 6)
			size = data = 0;
		fclose(f);
	}
	if (psize <= 0)
		psize = 4096;
	if (getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur != RLIM_INFINITY)
		mem_fold(m, (uint64_t)r.rlim_cur, (uint64_t)size * (uint64_t)psize);
	if (getrlimit(RLIMIT_DATA, &r) == 0 && r.rlim_cur != RLIM_INFINITY)
		mem_fold(m, (uint64_t)r.rlim_cur, (uint64_t)data * (uint64_t)psize);
}

void
store_kdf_cgroup(const char *proc_cgroup, const char *sysfs, uint64_t *limit, uint64_t *room)
{
	struct mem_limit m;

	memset(&m, 0, sizeof m);
	cgroup_limits(&m, proc_cgroup, sysfs);
	*limit = m.limit;
	*room = m.room;
}

static void
mem_limits(struct mem_limit *m)
{
	memset(m, 0, sizeof *m);
	cgroup_limits(m, "/proc/self/cgroup", "/sys/fs/cgroup");
	rlimits(m);
}

void
store_kdf_machine_facts(uint64_t *ram, uint64_t *limit)
{
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
	struct mem_limit m;

	*ram = pages > 0 && psize > 0 ? (uint64_t)pages * (uint64_t)psize : 0;
	mem_limits(&m);
	*limit = m.limit;
}

void
store_kdf_machine(struct store_kdf *out)
{
	uint64_t ram, limit;

	store_kdf_machine_facts(&ram, &limit);
	store_kdf_choose(ram, limit, out);
}

uint64_t
store_kdf_need(const struct store_kdf *k)
{
	/* the Argon2id matrix, and what the program around it holds besides */
	return (uint64_t)k->memlimit + STORE_KDF_SLACK;
}

int
store_kdf_room(const struct store_kdf *k, uint64_t *room)
{
	struct mem_limit m;

	mem_limits(&m);
	*room = m.room;
	if (!m.have_room)
		return 0;
	return store_kdf_need(k) <= m.room ? 0 : -1;
}

enum err
store_kdf_short(char **cause, const char *path, const struct store_kdf *k, int unlocking)
{
	unsigned long long need = (unsigned long long)(store_kdf_need(k) >> 20);
	uint64_t room;

	if (store_kdf_room(k, &room) != 0)
		return err_set_at(cause, ERR_IO, path, unlocking ?
		    TR("không đủ bộ nhớ để mở khoá: cần %llu MiB (Argon2id), giới hạn bộ nhớ chỉ "
		    "còn %llu MiB", "not enough memory to unlock: %llu MiB needed (Argon2id), the "
		    "memory limit leaves %llu MiB") :
		    TR("không đủ bộ nhớ để tạo khoá: cần %llu MiB (Argon2id), giới hạn bộ nhớ chỉ "
		    "còn %llu MiB", "not enough memory to make the key: %llu MiB needed "
		    "(Argon2id), the memory limit leaves %llu MiB"), need,
		    (unsigned long long)(room >> 20));
	return err_set_at(cause, ERR_IO, path, unlocking ?
	    TR("không đủ bộ nhớ để mở khoá: cần %llu MiB (Argon2id)",
	    "not enough memory to unlock: %llu MiB needed (Argon2id)") :
	    TR("không đủ bộ nhớ để tạo khoá: cần %llu MiB (Argon2id)",
	    "not enough memory to make the key: %llu MiB needed (Argon2id)"), need);
}

const struct store_kdf *
store_kdf_env(const char **why)
{
	static struct store_kdf machine;
	const char *k = getenv("BAOCAO_KDF");

	*why = NULL;
	if (k == NULL || *k == '\0') {
		store_kdf_machine(&machine);
		return &machine;
	}
	if (store_test_build) {
		if (strcmp(k, "test") == 0)
			return &STORE_KDF_TEST;
		*why = TR("BAOCAO_KDF: chỉ nhận giá trị 'test'",
		    "BAOCAO_KDF: the only value is 'test'");
		return NULL;
	}
	*why = TR("BAOCAO_KDF chỉ dành cho bản dựng kiểm thử; bản phát hành này không "
	    "dùng khoá yếu: hãy bỏ biến này (unset BAOCAO_KDF)",
	    "BAOCAO_KDF is for test builds only; this release build does not make weak "
	    "keys: unset BAOCAO_KDF");
	return NULL;
}

static unsigned char *
slot(struct store_header *h, int i)
{
	return h->raw + STORE_SLOT_OFF + i * STORE_SLOT_SIZE;
}

static const unsigned char *
cslot(const struct store_header *h, int i)
{
	return h->raw + STORE_SLOT_OFF + i * STORE_SLOT_SIZE;
}

/* Everything in the header but the wrapped key itself is bound in. */
#define SLOT_AD_BYTES (32 + 64 + 16)
static void
slot_ad(const struct store_header *h, const unsigned char *s, unsigned char ad[SLOT_AD_BYTES])
{
	memcpy(ad, h->raw, 32);
	memcpy(ad + 32, s, 64);
	memcpy(ad + 96, s + 112, 16);
}

/* Derive the key-encryption key for a slot's salt and cost. */
static int
slot_kek(const unsigned char *s, const char *pass, unsigned char *kek)
{
	unsigned long long ops = get64(s + 16);
	size_t mem = (size_t)get32(s + 12) * 1024;
	char *nfc;
	int rc;

	/* A damaged or forged slot must not make unlocking take hours or all
	 * memory: refuse costs far beyond any this program writes. */
	if (ops < crypto_pwhash_argon2id_OPSLIMIT_MIN || ops > STORE_KDF_MAX_OPS ||
	    mem < crypto_pwhash_argon2id_MEMLIMIT_MIN || mem > STORE_KDF_MAX_MEM)
		return -1;
	/* Under a cgroup limit an allocation beyond it does not fail: the
	 * kernel kills the process, without a word. Say so first. */
	{
		struct store_kdf k = { ops, mem };
		uint64_t room;
		if (store_kdf_room(&k, &room) != 0)
			return -2;
	}
	/* The same passphrase typed on another keyboard may come composed or
	 * decomposed: derive from its NFC form. */
	nfc = text_nfc(pass);
	rc = crypto_pwhash(kek, STORE_KEY_BYTES, nfc ? nfc : pass, strlen(nfc ? nfc : pass),
	    s + 24, ops, mem, crypto_pwhash_ALG_ARGON2ID13);
	if (nfc != NULL) {
		sodium_memzero(nfc, strlen(nfc));
		free(nfc);
	}
	return rc == 0 ? 0 : -2;
}

static int
slot_fill(struct store_header *h, int i, uint64_t gen, const unsigned char *master,
    const char *pass, const struct store_kdf *kdf)
{
	unsigned char *s = slot(h, i), ad[SLOT_AD_BYTES];
	unsigned char *kek = sodium_malloc(STORE_KEY_BYTES);
	int rc;

	if (kek == NULL)
		return -1;
	memset(s, 0, STORE_SLOT_SIZE);
	put64(s, gen);
	put32(s + 8, ALG_ARGON2ID_XCHACHA);
	put32(s + 12, (uint32_t)(kdf->memlimit / 1024));
	put64(s + 16, kdf->opslimit);
	randombytes_buf(s + 24, STORE_SALT_BYTES);
	randombytes_buf(s + 40, 24);
	rc = slot_kek(s, pass, kek);
	if (rc == 0) {
		slot_ad(h, s, ad);
		crypto_aead_xchacha20poly1305_ietf_encrypt(s + 64, NULL, master, STORE_KEY_BYTES,
		    ad, sizeof ad, NULL, s + 40, kek);
	}
	sodium_free(kek);
	return rc == 0 ? 0 : -1;
}

int
store_header_make(struct store_header *h, const unsigned char master[STORE_KEY_BYTES],
    const char *pass, const struct store_kdf *kdf)
{
	memset(h->raw, 0, sizeof h->raw);
	memcpy(h->raw, STORE_MAGIC, 8);
	put32(h->raw + 8, STORE_FORMAT);
	put32(h->raw + 12, STORE_HDR_SIZE);
	randombytes_buf(h->raw + 16, STORE_UUID_BYTES);
	return slot_fill(h, 0, 1, master, pass, kdf);
}

int
store_header_check(const struct store_header *h)
{
	if (memcmp(h->raw, STORE_MAGIC, 8) != 0 || get32(h->raw + 8) != STORE_FORMAT ||
	    get32(h->raw + 12) != STORE_HDR_SIZE)
		return -1;
	return 0;
}

const unsigned char *
store_header_uuid(const struct store_header *h)
{
	return h->raw + 16;
}

int
store_header_unlock(const struct store_header *h, const char *pass,
    unsigned char master[STORE_KEY_BYTES])
{
	int which;

	return store_header_unlock_slot(h, pass, master, &which);
}

unsigned long long
store_header_gen(const struct store_header *h, int i)
{
	return get64(cslot(h, i));
}

int
store_header_unlock_slot(const struct store_header *h, const char *pass,
    unsigned char master[STORE_KEY_BYTES], int *which)
{
	unsigned char *kek = sodium_malloc(STORE_KEY_BYTES), ad[SLOT_AD_BYTES];
	int order[2] = { 0, 1 }, i, rc, result = -1;

	if (kek == NULL)
		return -2;
	if (get64(cslot(h, 1)) > get64(cslot(h, 0))) {
		order[0] = 1;
		order[1] = 0;
	}
	for (i = 0; i < 2 && result != 0; i++) {
		const unsigned char *s = cslot(h, order[i]);
		if (get64(s) == 0 || get32(s + 8) != ALG_ARGON2ID_XCHACHA)
			continue;
		rc = slot_kek(s, pass, kek);
		if (rc == -2) {
			result = -2;
			break;
		}
		if (rc != 0)
			continue;
		slot_ad(h, s, ad);
		if (crypto_aead_xchacha20poly1305_ietf_decrypt(master, NULL, NULL, s + 64,
		    STORE_KEY_BYTES + 16, ad, sizeof ad, s + 40, kek) == 0) {
			result = 0;
			*which = order[i];
		}
	}
	sodium_free(kek);
	return result;
}

int
store_header_rewrap(struct store_header *h, const unsigned char master[STORE_KEY_BYTES],
    const char *newpass, const struct store_kdf *kdf, int *slotp, int *oldp)
{
	uint64_t g0 = get64(slot(h, 0)), g1 = get64(slot(h, 1));
	int cur = g1 > g0 ? 1 : 0;

	*slotp = 1 - cur;
	*oldp = cur;
	return slot_fill(h, 1 - cur, (g0 > g1 ? g0 : g1) + 1, master, newpass, kdf);
}

int
store_header_cost(const struct store_header *h, struct store_kdf *out)
{
	const unsigned char *s = cslot(h, get64(cslot(h, 1)) > get64(cslot(h, 0)) ? 1 : 0);

	if (get64(s) == 0)
		return -1;
	out->opslimit = get64(s + 16);
	out->memlimit = (size_t)get32(s + 12) * 1024;
	return 0;
}

void
store_header_clear_slot(struct store_header *h, int i)
{
	memset(slot(h, i), 0, STORE_SLOT_SIZE);
}

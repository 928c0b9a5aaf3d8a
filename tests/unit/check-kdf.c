/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check-kdf.c: the Argon2id cost of a new key, chosen from the machine's
 * memory (store_kdf_choose: a quarter of the RAM or of a tighter limit,
 * between libsodium's interactive and moderate costs), stored in the key
 * header's slot and read back from it (store_header_cost), bound to the
 * wrap (a changed cost opens nothing); and a derivation that would not fit
 * under the process's memory limit refused with how much it needs
 * (store_kdf_room, store_kdf_short) rather than attempted.
 */
#include "tests.h"
#include "../../storage/store-key.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define MIB ((uint64_t)1 << 20)
#define GIB ((uint64_t)1 << 30)

START_TEST(test_choose_table)
{
	static const struct {
		uint64_t ram, limit, want_mib;
	} t[] = {
		{ 0, 0, 256 },               /* nothing known: the default */
		{ 64 * GIB, 0, 256 },        /* never more than the default */
		{ 2 * GIB, 0, 256 },
		{ 1 * GIB, 0, 256 },         /* a quarter of 1 GiB */
		{ 1023 * MIB, 0, 255 },      /* whole MiB, rounded down */
		{ 768 * MIB, 0, 192 },
		{ 512 * MIB, 0, 128 },
		{ 256 * MIB, 0, 64 },
		{ 200 * MIB, 0, 64 },        /* never less than interactive */
		{ 64 * MIB, 0, 64 },
		{ 24 * GIB, 256 * MIB, 64 }, /* a tighter limit wins */
		{ 24 * GIB, 600 * MIB, 150 },
		{ 512 * MIB, 4 * GIB, 128 }, /* a looser one does not */
		{ 0, 512 * MIB, 128 },       /* only the limit known */
		{ 1 * GIB + 4096, 0, 256 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct store_kdf k;
		store_kdf_choose(t[i].ram, t[i].limit, &k);
		ck_assert_msg(k.memlimit == t[i].want_mib * MIB,
		    "ram %llu MiB, limit %llu MiB: %zu MiB, want %llu",
		    (unsigned long long)(t[i].ram / MIB), (unsigned long long)(t[i].limit / MIB),
		    (size_t)(k.memlimit / MIB), (unsigned long long)t[i].want_mib);
		ck_assert_uint_eq(k.opslimit, STORE_KDF_DEFAULT.opslimit);
		ck_assert(k.memlimit >= STORE_KDF_FLOOR.memlimit);
		ck_assert(k.opslimit >= STORE_KDF_FLOOR.opslimit);
		ck_assert(k.memlimit <= STORE_KDF_DEFAULT.memlimit);
		ck_assert(k.memlimit % 1024 == 0);	/* the header stores KiB */
	}
	/* The bounds are libsodium's own */
	ck_assert_uint_eq(STORE_KDF_FLOOR.memlimit, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
	ck_assert_uint_eq(STORE_KDF_FLOOR.opslimit, crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
	ck_assert_uint_eq(STORE_KDF_DEFAULT.memlimit, crypto_pwhash_argon2id_MEMLIMIT_MODERATE);
}
END_TEST

/* This machine's choice stays within the bounds, and under an address-space
 * limit (ulimit -v) it is a quarter of that limit. */
START_TEST(test_machine_limit)
{
	struct store_kdf k;
	struct rlimit r;

	store_kdf_machine(&k);
	ck_assert(k.memlimit >= STORE_KDF_FLOOR.memlimit && k.memlimit <= STORE_KDF_DEFAULT.memlimit);
#ifndef __SANITIZE_ADDRESS__	/* ASan reserves terabytes of address space */
	ck_assert_int_eq(getrlimit(RLIMIT_AS, &r), 0);
	if (r.rlim_max == RLIM_INFINITY || r.rlim_max >= 512 * MIB) {
		/* check forks each test: the limit dies with this process */
		r.rlim_cur = 512 * MIB;
		ck_assert_int_eq(setrlimit(RLIMIT_AS, &r), 0);
		store_kdf_machine(&k);
		ck_assert_uint_eq(k.memlimit, 128 * MIB);
	}
#else
	(void)r;
#endif
}
END_TEST

/* Write text to dir/name, making dir (and its parents) first. */
static void
put(const char *dir, const char *name, const char *text)
{
	char path[1024], *p;
	FILE *f;

	snprintf(path, sizeof path, "%s/", dir);
	for (p = path + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

/* Fake cgroup trees: v2 and v1, a limit on an ancestor tighter than the
 * group's, page cache counted as room, "max" and v1's 2^63 as no limit. */
START_TEST(test_cgroup_trees)
{
	char *dir = test_tmpdir(), proc[512], sys[512], g[1024];
	uint64_t limit, room;

	snprintf(proc, sizeof proc, "%s/cgroup", dir);
	snprintf(sys, sizeof sys, "%s/sys", dir);

	/* v2: /a/b with 1 GiB, its parent /a with 300 MiB, 100 MiB used of
	 * which 40 MiB page cache */
	put(dir, "cgroup", "0::/a/b\n");
	snprintf(g, sizeof g, "%s/a/b", sys);
	put(g, "memory.max", "1073741824\n");
	put(g, "memory.current", "10485760\n");
	snprintf(g, sizeof g, "%s/a", sys);
	put(g, "memory.max", "314572800\n");
	put(g, "memory.current", "104857600\n");
	put(g, "memory.stat", "anon 62914560\nfile 41943040\nactive_file 20971520\n"
	    "inactive_file 20971520\nshmem 0\n");
	store_kdf_cgroup(proc, sys, &limit, &room);
	ck_assert_uint_eq(limit, 300 * MIB);
	ck_assert_uint_eq(room, 240 * MIB);	/* 300 - (100 - 40) */

	/* no limit anywhere: "max" */
	put(g, "memory.max", "max\n");
	snprintf(g, sizeof g, "%s/a/b", sys);
	put(g, "memory.max", "max\n");
	store_kdf_cgroup(proc, sys, &limit, &room);
	ck_assert_uint_eq(limit, 0);

	/* v1 listed beside v2 (a hybrid mount): v1's memory controller wins;
	 * 2^63-ish is no limit; the total_ page cache counts */
	put(dir, "cgroup", "9:name=systemd:/\n4:cpu,memory:/job/7\n0::/a/b\n");
	snprintf(g, sizeof g, "%s/memory/job/7", sys);
	put(g, "memory.limit_in_bytes", "268435456\n");
	put(g, "memory.usage_in_bytes", "73400320\n");
	put(g, "memory.stat", "cache 999\nactive_file 999\ntotal_active_file 10485760\n"
	    "total_inactive_file 31457280\n");
	snprintf(g, sizeof g, "%s/memory/job", sys);
	put(g, "memory.limit_in_bytes", "9223372036854771712\n");
	put(g, "memory.usage_in_bytes", "1\n");
	store_kdf_cgroup(proc, sys, &limit, &room);
	ck_assert_uint_eq(limit, 256 * MIB);
	ck_assert_uint_eq(room, 226 * MIB);	/* 256 - (70 - 40) */
	/* ... and the choice from it: a quarter of 256 MiB */
	{
		struct store_kdf k;
		store_kdf_choose(24 * GIB, limit, &k);
		ck_assert_uint_eq(k.memlimit, 64 * MIB);
	}

	/* nothing readable: no limit, not a failure */
	put(dir, "cgroup", "garbage\n");
	store_kdf_cgroup(proc, sys, &limit, &room);
	ck_assert_uint_eq(limit, 0);
	snprintf(g, sizeof g, "%s/none", dir);
	store_kdf_cgroup(g, sys, &limit, &room);
	ck_assert_uint_eq(limit, 0);
	test_rmdir(dir);
	free(dir);
}
END_TEST

/* The cost travels in the slot: made, read back, unlocked; rewrapped at
 * another cost, the newest slot says so; a slot whose cost bytes were changed
 * opens nothing (they are bound into the wrap). */
START_TEST(test_header_round_trip)
{
	static const struct store_kdf cheap = { 1, 8192 * 4 }, other = { 2, 8192 * 8 };
	unsigned char master[STORE_KEY_BYTES], got[STORE_KEY_BYTES];
	struct store_header h, bad;
	struct store_kdf k;
	int slot, old;

	ck_assert_int_ge(sodium_init(), 0);
	randombytes_buf(master, sizeof master);
	ck_assert_int_eq(store_header_make(&h, master, "pass one", &cheap), 0);
	ck_assert_int_eq(store_header_cost(&h, &k), 0);
	ck_assert_uint_eq(k.opslimit, cheap.opslimit);
	ck_assert_uint_eq(k.memlimit, cheap.memlimit);
	ck_assert_int_eq(store_header_unlock(&h, "pass one", got), 0);
	ck_assert(memcmp(got, master, sizeof master) == 0);

	ck_assert_int_eq(store_header_rewrap(&h, master, "pass two", &other, &slot, &old), 0);
	store_header_clear_slot(&h, old);
	ck_assert_int_eq(store_header_cost(&h, &k), 0);
	ck_assert_uint_eq(k.opslimit, other.opslimit);
	ck_assert_uint_eq(k.memlimit, other.memlimit);
	ck_assert_int_eq(store_header_unlock(&h, "pass two", got), 0);
	ck_assert(memcmp(got, master, sizeof master) == 0);
	ck_assert_int_eq(store_header_unlock(&h, "pass one", got), -1);

	/* memory limit (KiB, big-endian at slot + 12) changed: refused */
	bad = h;
	bad.raw[STORE_SLOT_OFF + slot * STORE_SLOT_SIZE + 14] ^= 0x40;
	ck_assert_int_eq(store_header_unlock(&bad, "pass two", got), -1);
	/* passes (slot + 16) changed: refused */
	bad = h;
	bad.raw[STORE_SLOT_OFF + slot * STORE_SLOT_SIZE + 23] = 1;
	ck_assert_int_eq(store_header_unlock(&bad, "pass two", got), -1);
}
END_TEST

/* Beyond the process's limit a derivation is not attempted: -2 (memory),
 * and the message says how much is needed and what is left. */
START_TEST(test_short_of_memory)
{
#ifndef __SANITIZE_ADDRESS__
	static const struct store_kdf big = { 1, 256 << 20 };
	unsigned char master[STORE_KEY_BYTES];
	struct store_header h;
	struct rlimit r;
	uint64_t room;
	char *cause = NULL;

	ck_assert_int_ge(sodium_init(), 0);
	randombytes_buf(master, sizeof master);
	ck_assert_int_eq(store_header_make(&h, master, "pass one", &STORE_KDF_TEST), 0);
	ck_assert_int_eq(getrlimit(RLIMIT_AS, &r), 0);
	if (r.rlim_max != RLIM_INFINITY && r.rlim_max < 200 * MIB)
		return;
	r.rlim_cur = 200 * MIB;
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &r), 0);
	ck_assert_int_eq(store_kdf_room(&big, &room), -1);
	ck_assert(room < 200 * MIB);
	ck_assert_int_eq(store_kdf_room(&STORE_KDF_TEST, &room), 0);
	/* a header at that cost: refused before Argon2id runs */
	ck_assert_int_eq(store_header_make(&h, master, "pass one", &big), -1);
	err_lang = 1;
	ck_assert_int_eq(store_kdf_short(&cause, "x.db", &big, 1), ERR_IO);
	ck_assert_msg(strncmp(cause, "not enough memory to unlock: 272 MiB needed", 43) == 0,
	    "%s", cause);
	ck_assert_msg(strstr(cause, " — x.db") != NULL, "%s", cause);	/* where, last */
	ck_assert_msg(strstr(cause, "the memory limit leaves") != NULL, "%s", cause);
	free(cause);
	err_lang = 0;
#endif
}
END_TEST

Suite *
kdf_suite(void)
{
	Suite *s = suite_create("kdf");
	TCase *tc = tcase_create("kdf");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_choose_table);
	tcase_add_test(tc, test_machine_limit);
	tcase_add_test(tc, test_cgroup_trees);
	tcase_add_test(tc, test_header_round_trip);
	tcase_add_test(tc, test_short_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

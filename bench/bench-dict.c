/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-dict.c: how small bundles are with the office's zstd dictionary
 * (sync/FORMAT.md, "Dictionaries"), beside zstd -19 of the same JSON.
 *
 * An office (a fresh encrypted database, the built-in catalogue, a roster
 * of 30 villages) makes its dictionary from its forms, as 'baocao pack'
 * does. Each village then has a year of the village form (12 monthly, 4
 * quarterly, 1 annual report, every field filled by bench_fill — not by
 * the dictionary's own sampler) and sends:
 *   - a year: every report in one bundle;
 *   - a month: October's monthly report alone.
 * Each is sealed as export seals it (the header line with the pack number
 * and the office's 16-byte MAC of it, one line per submission): format 4
 * with the dictionary, the device named by fingerprint (approved); for
 * comparison without the dictionary, the month also in format 3 and as a
 * device's first bundle (its whole key and unit). The office imports the
 * format-4 bundles (asserted: every submission arrives). Printed per figure: median and spread (min .. max) over the
 * 30 villages, beside the baseline — libzstd at level 19, without a
 * dictionary, on the same JSON (what `zstd -19` makes, less its 4-byte
 * checksum) — and the ratio to it. A bundle's bytes are its payload (the
 * zstd frame) plus the envelope, which is fixed: printed item by item.
 *
 * Usage: bench_dict [DIR]
 */
#include "bench.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../forms/sub.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"
#include "../sync/sync-seal.h"
#include "../sync/sync.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#define UNITS 30
#define SYNC_SEQ_MAC 16		/* the office's MAC of a pack number (sync/FORMAT.md) */
#define PASS "bench passphrase"

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* "median (min .. max)" of N values, sorted in place */
static void spread(size_t *v, size_t n, char *buf, size_t size)
{
	qsort(v, n, sizeof *v, cmp_size);
	snprintf(buf, size, "%zu (%zu .. %zu)", v[n / 2], v[0], v[n - 1]);
}

/* Level 19 with the dictionary D (NULL: none), as a bundle's frame. */
static size_t zd(const char *s, const struct sync_dict *d)
{
	size_t bound = ZSTD_compressBound(strlen(s)), r;
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	void *z = xmalloc(bound);

	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 19);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_dictIDFlag, 0);
	if (d != NULL)
		ZSTD_CCtx_loadDictionary(cc, d->bytes, d->len);
	r = ZSTD_compress2(cc, z, bound, s, strlen(s));
	ZSTD_freeCCtx(cc);
	free(z);
	if (ZSTD_isError(r)) {
		fprintf(stderr, "bench_dict: zstd: %s\n", ZSTD_getErrorName(r));
		exit(1);
	}
	return r;
}

static size_t z19(const char *s)
{
	size_t bound = ZSTD_compressBound(strlen(s)), r;
	void *z = xmalloc(bound);

	r = ZSTD_compress(z, bound, s, strlen(s), 19);
	free(z);
	if (ZSTD_isError(r)) {
		fprintf(stderr, "bench_dict: zstd: %s\n", ZSTD_getErrorName(r));
		exit(1);
	}
	return r;
}

/* The payload's frame length inside a sealed file (the signed header's C);
 * a sender named by fingerprint is found among ST's devices. */
static size_t frame_len(struct store *st, const unsigned char *file, size_t len,
    const unsigned char *office_sk)
{
	struct sync_opened o;
	char *cause = NULL;
	size_t c;

	bench_must(sync_open_lookup(SYNC_BUNDLE, file, len, office_sk, sync_sender_lookup, st, &o,
	    &cause), cause, "open");
	c = o.h.comp_len;
	sync_opened_free(&o);
	return c;
}

/* Bytes of V as a format-4 varint. */
static size_t varint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *dir = bench_dir_only(argc, argv);
	char *path = xasprintf("%s/bench-dict-%ld.db", dir, (long)getpid()), *cause = NULL;
	struct store_options so = { .kdf = NULL };
	struct store_install in;
	struct form_set set;
	struct store *st;
	struct sync_dict dict;
	const struct form *f = NULL;
	unsigned char *office_sk = NULL;
	size_t y_json[UNITS], y_z19[UNITS], y_frame[UNITS], y_plain[UNITS], y_file[UNITS];
	size_t y_file_plain[UNITS], m_json[UNITS], m_z19[UNITS], m_frame[UNITS];
	size_t m_plain[UNITS], m_file[UNITS], m_file_plain[UNITS];
	size_t l_json[UNITS], l_z19[UNITS], l_dict[UNITS], h_dict[UNITS];
	size_t m_first[UNITS], m_file3[UNITS];
	size_t sum_frame = 0, sum_z19 = 0, sum_mframe = 0, sum_mz19 = 0, envelope = 0;
	uint32_t id;
	int made, count, subs = 0;
	double t0, t_train;
	char a[64], b[64], c[64];

	if (sodium_init() < 0)
		return 1;
	so.kdf = &STORE_KDF_TEST;
	bench_must(store_create(path, PASS, &so, &st, &cause), cause, "create");
	bench_must(store_install_create(st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause), cause,
	    "setup");
	bench_must(form_install_catalog(st, NULL, &count, &cause), cause, "catalogue");
	bench_must(store_install_get(st, &in, &cause), cause, "installation");
	bench_must(store_install_secret(st, &office_sk, &cause), cause, "office key");
	for (int u = 0; u < UNITS; u++) {
		char unit[32];
		snprintf(unit, sizeof unit, "thon-%02d", u + 1);
		bench_must(store_unit_add(st, unit, "thon", unit, NULL, &cause), cause, "unit");
	}
	t0 = bench_now();
	bench_must(sync_dict_train(st, &id, &made, &cause), cause, "dictionary");
	t_train = bench_now() - t0;
	bench_must(sync_dict_current(st, &dict, &cause), cause, "dictionary");
	if (!made || dict.id == 0 || dict.id != id) {
		fprintf(stderr, "bench_dict: no dictionary was made\n");
		return 1;
	}
	bench_must(form_set_load(st, &set, &cause), cause, "forms");
	for (size_t i = 0; i < set.n; i++)
		if (strcmp(set.forms[i]->id, "nl09-thon") == 0)
			f = set.forms[i];
	if (f == NULL)
		return 1;
	for (int u = 0; u < UNITS; u++) {
		unsigned char pk[32], sk[64], sig[64];
		char unit[32], fpr[STORE_FPR_LEN + 1], sighex[129], *head, *year = NULL, *month = NULL;
		size_t ylen = 0;
		int nsubs = 0;
		json_t *root;

		crypto_sign_keypair(pk, sk);
		snprintf(unit, sizeof unit, "thon-%02d", u + 1);
		bench_must(store_begin(st, &cause), cause, "begin");
		bench_must(store_device_seen(st, pk, unit, &cause), cause, "device");
		store_fingerprint(pk, fpr);
		bench_must(store_device_decide(st, fpr, "approved", &cause), cause, "approve");
		bench_must(store_commit(st, &cause), cause, "commit");
		/* the header line as export writes it: the office's MAC of the
		 * pack number is 16 random-looking bytes in every bundle (64, a
		 * signature, from an office before format 4) */
		randombytes_buf(sig, sizeof sig);
		sodium_bin2hex(sighex, sizeof sighex, sig, SYNC_SEQ_MAC);
		root = json_pack("{s:s, s:s, s:s, s:i, s:s}", "kind", "bundle", "commune", "Xã Thử",
		    "unit", unit, "pack_seq", 12, "pack_mac", sighex);
		head = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(root);
		year = xasprintf("%s\n", head);
		ylen = strlen(year);
		for (size_t r = 0; r < f->nreports; r++) {
			struct deadline_rule rule = f->reports[r].rule;
			int n = rule.kind == PERIOD_MONTH ? 12 : rule.kind == PERIOD_QUARTER ? 4
			    : rule.kind == PERIOD_YEAR ? 1 : 0;
			for (int k = 1; k <= n; k++) {
				char pid[PERIOD_ID_MAX];
				struct period p;
				struct sub *s;
				char *data, *line;
				json_t *dj, *one;
				if (rule.kind == PERIOD_MONTH)
					snprintf(pid, sizeof pid, "2026-%02d", k);
				else if (rule.kind == PERIOD_QUARTER)
					snprintf(pid, sizeof pid, "2026-Q%d", k);
				else
					snprintf(pid, sizeof pid, "2026");
				if (!period_parse(rule.kind, pid, &p))
					return 1;
				period_format(&p, pid, sizeof pid);
				s = sub_new(f, (int)r, pid);
				bench_fill(s, f, (int)r, (unsigned)(u * 31 + k));
				data = sub_to_json(s);
				dj = json_loads(data, 0, NULL);
				one = json_pack("{s:s, s:s, s:i, s:i, s:I, s:o}", "form",
				    f->reports[r].form_id, "period", pid, "rev", 1, "form_version",
				    f->version, "created", (json_int_t)1790000000 + k * 86400 + u, "data",
				    dj);
				line = json_dumps(one, JSON_COMPACT | JSON_PRESERVE_ORDER);
				json_decref(one);
				year = xrealloc(year, ylen + strlen(line) + 2);
				memcpy(year + ylen, line, strlen(line));
				ylen += strlen(line);
				year[ylen++] = '\n';
				year[ylen] = '\0';
				if (rule.kind == PERIOD_MONTH && k == 10) {
					month = xasprintf("%s\n%s\n", head, line);
					l_json[u] = strlen(line);
					l_z19[u] = z19(line);
					l_dict[u] = zd(line, &dict);
					h_dict[u] = zd(head, &dict);
				}
				free(line);
				free(data);
				sub_free(s);
				nsubs++;
			}
		}
		if (month == NULL)
			return 1;
		/* sealed as export seals them: with the dictionary, then without */
		{
			unsigned char *fy, *fm, *py, *pm;
			size_t ly, lm, lpy, lpm;
			struct sync_result res;

			unsigned char *f3, *fl;
			size_t l3, ll;

			/* format 4, the sender by fingerprint (an approved device) */
			bench_must(sync_seal_compact(sk, in.device_pk, 1, unit, 1, 1790000000, &dict,
			    month, strlen(month), &fm, &lm, &cause), cause, "seal");
			bench_must(sync_seal_compact(sk, in.device_pk, 1, unit, 2, 1790000000, &dict,
			    year, strlen(year), &fy, &ly, &cause), cause, "seal");
			/* ... its first bundle, with its key and unit; and format 3 */
			bench_must(sync_seal_compact(sk, in.device_pk, 0, unit, 5, 1790000000, &dict,
			    month, strlen(month), &fl, &ll, &cause), cause, "seal");
			bench_must(sync_seal_dict(SYNC_BUNDLE, sk, in.device_pk, 1, unit, 6, 1790000000,
			    &dict, month, strlen(month), &f3, &l3, &cause), cause, "seal");
			m_first[u] = ll;
			m_file3[u] = l3;
			free(fl);
			free(f3);
			bench_must(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, unit, 3, 1790000000,
			    month, strlen(month), &pm, &lpm, &cause), cause, "seal");
			bench_must(sync_seal(SYNC_BUNDLE, sk, in.device_pk, 1, unit, 4, 1790000000,
			    year, strlen(year), &py, &lpy, &cause), cause, "seal");
			m_json[u] = strlen(month);
			y_json[u] = strlen(year);
			m_z19[u] = z19(month);
			y_z19[u] = z19(year);
			m_frame[u] = frame_len(st, fm, lm, office_sk);
			y_frame[u] = frame_len(st, fy, ly, office_sk);
			m_plain[u] = frame_len(st, pm, lpm, office_sk);
			y_plain[u] = frame_len(st, py, lpy, office_sk);
			m_file[u] = lm;
			y_file[u] = ly;
			m_file_plain[u] = lpm;
			y_file_plain[u] = lpy;
			envelope = lm - m_frame[u];
			sum_frame += y_frame[u];
			sum_z19 += y_z19[u];
			sum_mframe += m_frame[u];
			sum_mz19 += m_z19[u];
			/* the office reads what the dictionary made: every submission */
			bench_must(sync_import(st, &set, fm, lm, &res, &cause), cause, "import");
			if (res.outcome != SYNC_IMPORTED || res.n_new != 1 || res.n_held > 0) {
				fprintf(stderr, "bench_dict: month of %s not imported: %s\n", unit,
				    cause ? cause : res.n_held ? res.held[0] : "?");
				return 1;
			}
			sync_result_free(&res);
			bench_must(sync_import(st, &set, fy, ly, &res, &cause), cause, "import");
			if (res.outcome != SYNC_IMPORTED || res.n_new + res.n_dup != nsubs ||
			    res.n_held > 0) {
				fprintf(stderr, "bench_dict: year of %s not imported: %s\n", unit,
				    cause ? cause : res.n_held ? res.held[0] : "?");
				return 1;
			}
			sync_result_free(&res);
			free(fy);
			free(fm);
			free(py);
			free(pm);
		}
		subs += nsubs;
		free(head);
		free(year);
		free(month);
	}
	printf("dictionary: %zu bytes (id %u), made from the catalogue's %zu forms in %.2f s\n",
	    dict.len, dict.id, set.n, t_train);
	printf("%d villages, %d submissions imported from the dictionary's bundles; per village, "
	    "median (min .. max):\n", UNITS, subs);
	spread(y_json, UNITS, a, sizeof a);
	spread(y_z19, UNITS, b, sizeof b);
	spread(y_frame, UNITS, c, sizeof c);
	printf("a year (17 reports): JSON %s; zstd -19 %s; with the dictionary %s bytes\n", a, b, c);
	spread(y_plain, UNITS, a, sizeof a);
	printf("                     (baocao's own level 19 without a dictionary: %s)\n", a);
	printf("  year / zstd -19 = %.2f   (goal <= 0.80: %s; all villages summed: %zu / %zu)\n",
	    (double)sum_frame / (double)sum_z19, (double)sum_frame <= 0.8 * (double)sum_z19 ?
	    "met" : "NOT met", sum_frame, sum_z19);
	spread(y_file, UNITS, a, sizeof a);
	spread(y_file_plain, UNITS, b, sizeof b);
	printf("  whole bundle file: %s bytes with the dictionary, %s without\n", a, b);
	spread(m_json, UNITS, a, sizeof a);
	spread(m_z19, UNITS, b, sizeof b);
	spread(m_frame, UNITS, c, sizeof c);
	printf("a month (1 report): JSON %s; zstd -19 %s; with the dictionary %s bytes\n", a, b, c);
	spread(m_plain, UNITS, a, sizeof a);
	printf("                     (baocao's own level 19 without a dictionary: %s)\n", a);
	printf("  month / zstd -19 = %.2f; payload %s bytes (header line and submission line)\n",
	    (double)sum_mframe / (double)sum_mz19, c);
	spread(l_json, UNITS, a, sizeof a);
	spread(l_z19, UNITS, b, sizeof b);
	spread(l_dict, UNITS, c, sizeof c);
	printf("  of which the submission line alone: JSON %s; zstd -19 %s; with the dictionary "
	    "%s bytes   (goal < 200: %s)\n", a, b, c, l_dict[UNITS / 2] < 200 ? "met" :
	    "NOT met");
	spread(h_dict, UNITS, a, sizeof a);
	printf("  and the header line alone, with the dictionary: %s bytes (the office's MAC of "
	    "the pack number: 16 bytes that no compressor shrinks)\n", a);
	spread(m_file, UNITS, a, sizeof a);
	spread(m_file_plain, UNITS, b, sizeof b);
	printf("  whole bundle file: %s bytes with the dictionary, %s without\n", a, b);
	spread(m_file3, UNITS, a, sizeof a);
	spread(m_first, UNITS, b, sizeof b);
	printf("  (the same payload in format 3: %s bytes; a device's first bundle, its key and "
	    "unit in it: %s)\n", a, b);
	printf("a single monthly submission's file: %zu bytes; zstd -19 of its JSON alone: %zu; "
	    "goal < 200: %s\n", m_file[UNITS / 2], m_z19[UNITS / 2], m_file[UNITS / 2] < 200 ?
	    "met" : "NOT met");
	/* every byte of the envelope, the last village's month (format 4) */
	{
		size_t fixed = SYNC_HEADER4_SIZE + crypto_box_SEALBYTES + 1 + SYNC_FPR_SIZE +
		    SYNC_SIG_SIZE;
		size_t vs = varint_len(1), vc = varint_len(1790000000), vd = varint_len(dict.id);
		size_t vp = varint_len(m_json[UNITS - 1]);
		printf("  byte map (format 4): clear header %d (magic 8, version 2, kind 1) + sealed "
		    "box %d (ephemeral key 32, tag 16) + flags 1 + fingerprint %d + seq %zu + created "
		    "%zu + dictionary id %zu + length %zu + signature %d = envelope %zu; + payload "
		    "(zstd frame) %zu = %zu\n", SYNC_HEADER4_SIZE, crypto_box_SEALBYTES,
		    SYNC_FPR_SIZE, vs, vc, vd, vp, SYNC_SIG_SIZE, fixed + vs + vc + vd + vp,
		    m_frame[UNITS - 1], fixed + vs + vc + vd + vp + m_frame[UNITS - 1]);
		if (fixed + vs + vc + vd + vp != envelope) {
			fprintf(stderr, "bench_dict: the byte map (%zu) is not the envelope (%zu)\n",
			    fixed + vs + vc + vd + vp, envelope);
			return 1;
		}
		printf("  first bundle adds key 32 - fingerprint 10 + label length 1 + unit id %zu: "
		    "+%zu bytes\n", strlen("thon-30"), SYNC_KEY_SIZE - SYNC_FPR_SIZE + 1 +
		    strlen("thon-30"));
	}
	sync_dict_free(&dict);
	form_set_free(&set);
	store_secret_free(office_sk);
	store_install_free(&in);
	store_close(st);
	unlink(path);
	free(path);
	return 0;
}

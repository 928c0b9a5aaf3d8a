/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mkseed.c: write seed corpora for fuzz-bundle and fuzz-pack: valid sealed
 * files made with the targets' fixed keys, in each of the targets' modes
 * (bundles also in format 4, both forms of the sender).
 *   mkseed DIR-BUNDLE DIR-PACK
 */
#include <stdio.h>

#include "fuzz-seal.h"

static void
put(const char *dir, const char *name, unsigned char mode, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fputc(mode, f) == EOF || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* Mode 1 (MODE: with its flag bits): the declared size, then a zstd frame
 * of PAYLOAD, in file NAME. */
static void
put_frame(const char *dir, const char *name, unsigned char mode, const char *payload, size_t n)
{
	unsigned char buf[1024];
	size_t fl = ZSTD_compress(buf + 4, sizeof buf - 4, payload, n, 3);

	if (ZSTD_isError(fl))
		exit(1);
	put32(buf, (uint32_t)n);
	put(dir, name, mode, buf, fl + 4);
}

int
main(int argc, char **argv)
{
	static const char payload[] = "{\"kind\": \"bundle\", \"unit\": \"thon-dong-tam\"}\n"
	    "{\"form\": \"nl09-thon-thang\", \"period\": \"2026-10\"}\n";
	unsigned char *file;
	size_t len;
	char *cause = NULL;

	if (argc != 3)
		return 2;
	fz_keys();
	if (sync_seal(SYNC_BUNDLE, fz_field_sk, fz_office_pk, 1, "thon-dong-tam", 1, 0, payload,
	    sizeof payload - 1, &file, &len, &cause) != ERR_OK)
		return 1;
	put(argv[1], "bundle-as-is", 0, file, len);
	put(argv[1], "payload", 2, payload, sizeof payload - 1);
	put_frame(argv[1], "frame", 1, payload, sizeof payload - 1);
	free(file);
	/* format 4: the sender by fingerprint, then with its key */
	for (int fpr = 0; fpr < 2; fpr++) {
		if (sync_seal_compact(fz_field_sk, fz_office_pk, fpr, "thon-dong-tam", 1, 0, NULL,
		    payload, sizeof payload - 1, &file, &len, &cause) != ERR_OK)
			return 1;
		put(argv[1], fpr ? "bundle4-fpr-as-is" : "bundle4-key-as-is", 0, file, len);
		free(file);
	}
	put(argv[1], "payload4-fpr", 2 | 8 | 16, payload, sizeof payload - 1);
	put_frame(argv[1], "frame4-key", 13, payload, sizeof payload - 1);
	if (sync_seal(SYNC_PACK, fz_office_sk, fz_field_pk, 1, NULL, 1, 0, payload,
	    sizeof payload - 1, &file, &len, &cause) != ERR_OK)
		return 1;
	put(argv[2], "pack-as-is", 0, file, len);
	free(file);
	if (sync_seal(SYNC_PACK, fz_office_sk, NULL, 0, NULL, 1, 0, payload, sizeof payload - 1,
	    &file, &len, &cause) != ERR_OK)
		return 1;
	put(argv[2], "pack-open", 0, file, len);
	put(argv[2], "payload", 2, payload, sizeof payload - 1);
	put_frame(argv[2], "frame", 1, payload, sizeof payload - 1);
	free(file);
	return 0;
}

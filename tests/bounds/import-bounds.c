/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import-bounds.c: peak memory of `baocao import` against hostile files
 * (issue #12: a 6 KB bundle from a never-approved device grew import to
 * 5.1 GB). Usage: import_bounds BAOCAO DIR
 *
 * In DIR (which must exist, empty), through the real CLI: an office, a
 * village set up from its pack, the village's device approved, then a
 * normal monthly bundle. Then hostile bundles, validly sealed to the
 * office and signed (by a throwaway key never approved, or by the
 * approved device, so that they get past every check that is not a
 * limit):
 *
 *   bomb-stranger  a zstd bomb (64 MiB of `[0,0,...` in a few KB) from a
 *                  throwaway key: must be held, unread
 *   bomb           the same from the approved device: refused
 *   huge-declared  declares 4 GiB: refused before any allocation
 *   deep           a million nested arrays: refused
 *   tiny-keys      millions of tiny keys within the size cap: refused
 *   approve-held   approving the throwaway key imports what it held: the
 *                  bomb is read at last, and refused
 *   held-big       1.9 MiB of random bytes (declaring 1000) from another
 *                  throwaway key, just under what one pending key may have
 *                  held: held; approving it reads it, refuses it, says why
 *   file-over-cap  8 MiB of random bytes from a third throwaway key: over
 *                  the 4 MiB file cap, refused before it is read
 *   near-cap       3.9 MiB of random bytes from the approved device, just
 *                  under the file cap: read, refused
 *   backlog        ten years of daily incident reports (3,650 submissions)
 *                  from the approved device: imported, one line at a time
 *   and, with `baocao config import-limit 1`, the normal bundle imports
 *   and the bomb is refused from the size it declares
 *
 * Each runs as its own child process (`baocao import` on a fresh copy of
 * the office database) and its peak resident memory is taken from wait4's
 * ru_maxrss. Prints a table; exits 1 if any peak exceeds twice the normal
 * bundle's, or an outcome is not the expected one.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#include "../../core/file.h"
#include "../../core/mem.h"
#include "../../storage/store.h"
#include "../../storage/store-inst.h"
#include "../../storage/store-sync.h"
#include "../../sync/sync-seal.h"

#define PASS "bounds passphrase 1"

static const char *baocao;

/* Run baocao with the NULL-terminated arguments after OUT, its stdout to
 * the file OUT (NULL: run.out). Returns the exit status; *KB (if not NULL)
 * the child's peak resident memory. */
static int
run(long *kb, const char *out, ...)
{
	const char *argv[16];
	struct rusage ru;
	va_list ap;
	int n = 0, status;
	pid_t pid;

	argv[n++] = baocao;
	va_start(ap, out);
	while (n < 15 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		int fd = open(out ? out : "run.out", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(127);
		execv(baocao, (char **)argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		exit(1);
	}
	if (kb != NULL)
		*kb = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void
must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "import_bounds: %s\n", what);
		exit(1);
	}
}

static char *
slurp(const char *path)
{
	unsigned char *d;
	size_t n;
	char *cause = NULL;

	if (file_read(path, 1 << 20, &d, &n, &cause) != ERR_OK) {
		fprintf(stderr, "import_bounds: %s\n", cause);
		exit(1);
	}
	d = xrealloc(d, n + 1);
	d[n] = '\0';
	return (char *)d;
}

/* A zstd frame of TEXT (LEN bytes) at LEVEL with the writers' 1 MiB window. */
static unsigned char *
zframe(const char *text, size_t len, int level, size_t *flen)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t bound = ZSTD_compressBound(len);
	unsigned char *f = xmalloc(bound);

	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, level);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, SYNC_ZSTD_WINDOW_LOG);
	*flen = ZSTD_compress2(cc, f, bound, text, len);
	ZSTD_freeCCtx(cc);
	must(!ZSTD_isError(*flen), "zstd");
	return f;
}

/* Write NAME: FRAME declared as PLAIN bytes, signed by SK, to OFFICE. */
static void
hostile(const char *name, const unsigned char *sk, const unsigned char *office,
    const unsigned char *frame, size_t flen, uint32_t plain)
{
	unsigned char *file;
	size_t len;
	char *cause = NULL;

	must(sync_seal_frame(SYNC_BUNDLE, sk, office, 1, "thon-dong-tam", 1000, 1790000000, plain,
	    frame, flen, &file, &len, &cause) == ERR_OK, "seal");
	must(file_write(name, file, len, &cause) == ERR_OK, "write");
	free(file);
}

/* Write the hostile bundles (see the top); *STRANGER gets the throwaway
 * key. In a child process: returns its exit status. */
/* N random bytes, as a "frame" (no zstd frame at all), signed by SK. */
static void
noise(const char *name, const unsigned char *sk, const unsigned char *office, size_t n)
{
	unsigned char *junk = xmalloc(n);

	randombytes_buf(junk, n);
	hostile(name, sk, office, junk, n, 1000);
	free(junk);
}

static int
make_hostile(unsigned char *stranger_pk)
{
	unsigned char office_pk[32], *field_sk = NULL, stranger_sk[64];
	struct store_install in;
	struct store *st;
	char *cause = NULL;
	size_t n, flen;
	unsigned char *frame;
	char *text;

	/* the keys: the office's public key, the approved device's secret */
	must(store_open("o.db", PASS, &st, &cause) == ERR_OK, "open o.db");
	must(store_install_get(st, &in, &cause) == ERR_OK, "install");
	memcpy(office_pk, in.device_pk, 32);
	store_install_free(&in);
	store_close(st);
	must(store_open("a.db", PASS, &st, &cause) == ERR_OK, "open a.db");
	must(store_install_secret(st, &field_sk, &cause) == ERR_OK, "secret");
	store_close(st);
	crypto_sign_keypair(stranger_pk, stranger_sk);
	must(file_write("stranger.pk", stranger_pk, 32, &cause) == ERR_OK, "key");

	/* the bomb: 64 MiB - 1 of `[0,0,0,...` */
	n = SYNC_DEFAULT_MAX_PLAIN - 1;
	text = xmalloc(n);
	text[0] = '[';
	for (size_t i = 1; i < n; i += 2) {
		text[i] = '0';
		if (i + 1 < n)
			text[i + 1] = ',';
	}
	frame = zframe(text, n, 19, &flen);
	hostile("bomb-stranger.bcb", stranger_sk, office_pk, frame, flen, (uint32_t)n);
	hostile("bomb.bcb", field_sk, office_pk, frame, flen, (uint32_t)n);
	hostile("huge-declared.bcb", field_sk, office_pk, frame, flen, 0xffffffffu);
	free(frame);
	/* a million nested arrays */
	for (size_t i = 0; i < 1000000; i++) {
		text[i] = '[';
		text[2000000 - 1 - i] = ']';
	}
	frame = zframe(text, 2000000, 3, &flen);
	hostile("deep.bcb", field_sk, office_pk, frame, flen, 2000000);
	free(frame);
	/* tiny keys, as many as fit the size cap */
	n = 0;
	text[n++] = '{';
	for (unsigned i = 0; n + 32 < SYNC_DEFAULT_MAX_PLAIN; i++)
		n += (size_t)snprintf(text + n, 32, "%s\"%x\":0", i ? "," : "", i);
	text[n++] = '}';
	frame = zframe(text, n, 3, &flen);
	hostile("tiny-keys.bcb", field_sk, office_pk, frame, flen, (uint32_t)n);
	free(frame);
	free(text);
	/* random bytes: near the caps, and over the file cap */
	{
		unsigned char pk2[32], sk2[64], pk3[32], sk3[64];
		crypto_sign_keypair(pk2, sk2);
		crypto_sign_keypair(pk3, sk3);
		must(file_write("stranger2.pk", pk2, 32, &cause) == ERR_OK, "key");
		noise("held-big.bcb", sk2, office_pk, 1900 * 1024);
		noise("file-over-cap.bcb", sk3, office_pk, 8 * 1024 * 1024);
		noise("near-cap.bcb", field_sk, office_pk, 3900 * 1024);
	}
	/* ten years of daily reports, as JSON lines */
	{
		size_t cap = 4u << 20, used = 0;
		char *lines = xmalloc(cap);
		used += (size_t)snprintf(lines, cap, "{\"kind\":\"bundle\",\"commune\":\"Ngọc Lặc\","
		    "\"unit\":\"thon-dong-tam\",\"pack_seq\":0}\n");
		for (int i = 0; i < 3650; i++) {
			time_t t = (time_t)(1790812800 - (int64_t)(i + 1) * 86400);	/* from 2026-10-01 */
			struct tm tm;
			char per[32];
			gmtime_r(&t, &tm);
			strftime(per, sizeof per, "%Y-%m-%dT07:30", &tm);
			used += (size_t)snprintf(lines + used, cap - used, "{\"form\":\"nl09-thon-su-viec\","
			    "\"period\":\"%s\",\"rev\":1,\"form_version\":1,\"created\":%lld,"
			    "\"data\":{\"sv-loai\":\"khac\",\"sv-ngay\":\"%.10s\",\"sv-dia-diem\":"
			    "\"Đội 3\",\"sv-muc-do\":\"thuong\",\"sv-noi-dung\":\"Cây đổ\"}}\n", per,
			    (long long)t, per);
			must(used < cap, "backlog");
		}
		frame = zframe(lines, used, 19, &flen);
		hostile("backlog.bcb", field_sk, office_pk, frame, flen, (uint32_t)used);
		free(frame);
		free(lines);
	}
	store_secret_free(field_sk);

	return 0;
}

struct row {
	const char *name, *want;
	long kb;
	size_t bytes;
};

int
main(int argc, char **argv)
{
	unsigned char stranger_pk[32], stranger2_pk[32];
	struct row rows[16];
	char *cause = NULL, *out, fpr[STORE_FPR_LEN + 1];
	size_t nrows = 0;
	long base;
	int bad = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: import_bounds BAOCAO DIR\n");
		return 2;
	}
	baocao = realpath(argv[1], NULL);
	must(baocao != NULL && chdir(argv[2]) == 0, "the binary or the folder");
	must(sodium_init() >= 0, "sodium");
	setenv("BAOCAO_KDF", "test", 1);
	setenv("BAOCAO_PASSPHRASE", PASS, 1);
	setenv("BAOCAO_NOW", "1793235600", 1);	/* 2026-11-05 */
	unsetenv("BAOCAO_LANG");

	/* an office and a village, the village's device approved */
	must(run(NULL, NULL, "--db", "o.db", "setup", "office", "--commune", "Ngọc Lặc", NULL) == 0,
	    "setup office");
	must(run(NULL, NULL, "--db", "o.db", "units", "add", "--kind", "thon", "--name",
	    "Thôn Đồng Tâm", NULL) == 0, "units add");
	must(run(NULL, NULL, "--db", "o.db", "pack", "--out", "p.bcp", NULL) == 0, "pack");
	/* the office's fingerprint, as a clerk reads it from 'status' */
	{
		char ofpr[STORE_FPR_LEN + 1] = "", *line;
		must(run(NULL, "ofpr.out", "--db", "o.db", "status", NULL) == 0, "status");
		out = slurp("ofpr.out");
		line = strstr(out, "Mã thiết bị:");
		must(line != NULL, "the office's fingerprint in status");
		line += strlen("Mã thiết bị:");
		while (*line == ' ')
			line++;
		must(strlen(line) >= STORE_FPR_LEN, "the office's fingerprint");
		memcpy(ofpr, line, STORE_FPR_LEN);
		free(out);
		must(run(NULL, NULL, "--db", "a.db", "setup", "field", "--unit", "thon-dong-tam",
		    "--pack", "p.bcp", "--office-fingerprint", ofpr, NULL) == 0, "setup field");
	}
	{
		static const char oct[] = "{\"so-ho\": 100, \"so-nhan-khau\": 400, \"ho-ngheo\": 9}";
		must(file_write("oct.json", oct, sizeof oct - 1, &cause) == ERR_OK, "json");
	}
	must(run(NULL, NULL, "--db", "a.db", "fill", "--form", "nl09-thon-thang", "--period",
	    "2026-09", "--final", "oct.json", NULL) == 0, "fill");
	must(run(NULL, NULL, "--db", "a.db", "export", "--out", "first.bcb", NULL) == 0, "export");
	must(run(NULL, NULL, "--db", "o.db", "import", "first.bcb", NULL) == 0, "import first");
	must(run(NULL, "fpr.out", "--db", "o.db", "devices", "--format", "tsv", NULL) == 0,
	    "devices");
	out = slurp("fpr.out");
	must(strlen(out) > STORE_FPR_LEN, "fingerprint");
	memcpy(fpr, out, STORE_FPR_LEN);
	fpr[STORE_FPR_LEN] = '\0';
	free(out);
	must(run(NULL, NULL, "--db", "o.db", "devices", "approve", fpr, NULL) == 0, "approve");
	/* the normal monthly bundle: October, finalised and exported */
	must(run(NULL, NULL, "--db", "a.db", "fill", "--form", "nl09-thon-thang", "--period",
	    "2026-10", "--final", "oct.json", NULL) == 0, "fill");
	must(run(NULL, NULL, "--db", "a.db", "export", "--out", "normal.bcb", NULL) == 0, "export");

	/* the hostile files are made by a child of their own: the big buffers
	 * they take must not be in the measured children's ru_maxrss, which
	 * counts what a child held before exec too */
	{
		pid_t pid = fork();
		int status;
		must(pid >= 0, "fork");
		if (pid == 0)
			_exit(make_hostile(stranger_pk));
		must(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0, "making the hostile files");
		out = slurp("stranger.pk");
		memcpy(stranger_pk, out, 32);
		free(out);
		out = slurp("stranger2.pk");
		memcpy(stranger2_pk, out, 32);
		free(out);
	}
	/* each import on a fresh copy of the office */
	{
		static const struct { const char *file, *want; int limit1; } cases[] = {
			{ "normal.bcb", "đã nhập", 0 },
			{ "bomb-stranger.bcb", "giữ chờ duyệt", 0 },
			{ "bomb.bcb", "từ chối", 0 },
			{ "huge-declared.bcb", "từ chối", 0 },
			{ "deep.bcb", "từ chối", 0 },
			{ "tiny-keys.bcb", "từ chối", 0 },
			{ "held-big.bcb", "giữ chờ duyệt", 0 },
			{ "file-over-cap.bcb", "tệp lớn quá", 0 },	/* refused before it is read */
			{ "near-cap.bcb", "từ chối", 0 },
			{ "backlog.bcb", "(3650 mới", 0 },
			{ "normal.bcb", "đã nhập", 1 },	/* with import-limit 1: */
			{ "bomb.bcb", "import-limit", 1 },
		};
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			struct row *r = &rows[nrows++];
			unsigned char *d;
			size_t dl;
			must(system("cp o.db c.db && rm -f c.db-wal c.db-shm && "
			    "{ [ ! -e o.db-wal ] || cp o.db-wal c.db-wal; }") == 0, "cp");
			if (cases[i].limit1)
				must(run(NULL, NULL, "--db", "c.db", "config", "import-limit", "1", NULL) ==
				    0, "config");
			run(&r->kb, "imp.out", "--db", "c.db", "import", cases[i].file, NULL);
			out = slurp("imp.out");
			r->name = cases[i].file;
			r->want = cases[i].want;
			must(file_read(cases[i].file, 2 * SYNC_MAX_FILE, &d, &dl, &cause) == ERR_OK,
			    "size");
			r->bytes = dl;
			free(d);
			if (strstr(out, r->want) == NULL) {
				fprintf(stderr, "import_bounds: %s: want '%s', got: %s", r->name, r->want,
				    out);
				bad = 1;
			}
			free(out);
			if (strcmp(r->name, "bomb-stranger.bcb") == 0 ||
			    strcmp(r->name, "held-big.bcb") == 0) {
				/* then approve the stranger: its held file is read, refused,
				 * and approval says so */
				struct row *ra = &rows[nrows++];
				char sfpr[STORE_FPR_LEN + 1];
				int big = strcmp(r->name, "held-big.bcb") == 0;
				store_fingerprint(big ? stranger2_pk : stranger_pk, sfpr);
				must(run(&ra->kb, "imp.out", "--db", "c.db", "devices", "approve", sfpr,
				    NULL) == 0, "approve stranger");
				out = slurp("imp.out");
				ra->name = big ? "approve-held (big)" : "approve-held (bomb)";
				ra->want = "đã nhập 0 tệp";
				if (strstr(out, "bị từ chối") == NULL) {
					fprintf(stderr, "import_bounds: %s: no reason given: %s",
					    ra->name, out);
					bad = 1;
				}
				ra->bytes = dl;
				if (strstr(out, ra->want) == NULL) {
					fprintf(stderr, "import_bounds: %s: want '%s', got: %s", ra->name,
					    ra->want, out);
					bad = 1;
				}
				free(out);
			}
		}
	}
	base = rows[0].kb;
	printf("import_bounds: peak memory of each child (ru_maxrss), limit 2 x normal = %ld KB\n",
	    2 * base);
	for (size_t i = 0; i < nrows; i++) {
		int over = rows[i].kb > 2 * base;
		printf("  %-22s%s %8zu bytes  %7ld KB  %.2fx%s\n", rows[i].name,
		    i >= nrows - 2 ? " (limit 1)" : "          ", rows[i].bytes,
		    rows[i].kb, (double)rows[i].kb / (double)base, over ? "  OVER" : "");
		bad |= over;
	}
	return bad;
}

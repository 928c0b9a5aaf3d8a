/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-decode: the payload of an opened sealed file, decompressed and
 * parsed under limits (see sync_decode in sync-seal.h).
 *
 * What a hostile file could ask for, and what stops it:
 *   - a huge declared size: refused before anything is allocated (the
 *     zstd frame must declare exactly the size the signed header does,
 *     and that size must be under the cap);
 *   - a zstd bomb: the text is never held whole — the decompressor
 *     streams into jansson's reader (json_load_callback), through a
 *     1 MiB window (frames that need a larger one are refused), and stops
 *     at the declared size;
 *   - deep nesting: the stream is scanned for brackets on its way to the
 *     parser, which stops past the depth limit;
 *   - millions of tiny keys or values: jansson allocates through a
 *     counting allocator (json_set_alloc_funcs) that refuses past the
 *     memory budget while a payload is being parsed.
 *
 * The counting allocator is jansson's for the whole process (installed
 * before main, so that every block it frees is one it allocated); outside
 * sync_decode it only counts.
 */
#include "sync-seal.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "../core/mem.h"

const struct sync_limits sync_default_limits = {
	SYNC_DEFAULT_MAX_FILE, SYNC_DEFAULT_MAX_PLAIN, SYNC_DEFAULT_MAX_MEMORY,
	SYNC_DEFAULT_MAX_DEPTH,
};

/* A block's cost is what malloc really gave (malloc_usable_size) plus its
 * own bookkeeping, so that the budget is close to what the process holds.
 * Blocks are plain malloc blocks: what jansson hands out (json_dumps) may
 * be freed with free() as before. */
#define OVERHEAD 16

static int64_t mem_used, mem_base, mem_limit;	/* mem_limit 0: no budget */
static int mem_refused;

static void *count_malloc(size_t n)
{
	void *p;

	if (mem_limit > 0 && (n > (size_t)mem_limit ||
	    mem_used + (int64_t)(n + OVERHEAD) - mem_base > mem_limit)) {
		mem_refused = 1;
		return NULL;
	}
	if ((p = malloc(n)) == NULL)
		return NULL;
	mem_used += (int64_t)(malloc_usable_size(p) + OVERHEAD);
	if (mem_limit > 0 && mem_used - mem_base > mem_limit) {
		mem_used -= (int64_t)(malloc_usable_size(p) + OVERHEAD);
		free(p);
		mem_refused = 1;
		return NULL;
	}
	return p;
}

static void count_free(void *p)
{
	if (p == NULL)
		return;
	mem_used -= (int64_t)(malloc_usable_size(p) + OVERHEAD);
	free(p);
}

__attribute__((constructor)) static void count_install(void)
{
	json_set_alloc_funcs(count_malloc, count_free);
}

enum feed_fail { FEED_OK, FEED_DEPTH, FEED_SIZE, FEED_ZSTD, FEED_WINDOW };

struct feed {
	ZSTD_DCtx *dc;
	ZSTD_inBuffer in;
	size_t produced, declared;
	int depth, max_depth, in_str, esc, done;
	enum feed_fail fail;
};

/* Follow the nesting of the text going to the parser. */
static int scan_depth(struct feed *f, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (f->in_str) {
			if (f->esc)
				f->esc = 0;
			else if (c == '\\')
				f->esc = 1;
			else if (c == '"')
				f->in_str = 0;
		} else if (c == '"') {
			f->in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++f->depth > f->max_depth)
				return 0;
		} else if ((c == '}' || c == ']') && f->depth > 0) {
			f->depth--;
		}
	}
	return 1;
}

/* json_load_callback's reader: the next piece of decompressed text. */
static size_t feed_read(void *buf, size_t len, void *arg)
{
	struct feed *f = arg;
	ZSTD_outBuffer out = { buf, len, 0 };

	if (f->fail != FEED_OK)
		return (size_t)-1;
	if (f->done || len == 0)
		return 0;	/* the end of the text */
	while (out.pos == 0) {
		size_t r = ZSTD_decompressStream(f->dc, &out, &f->in);
		if (ZSTD_isError(r)) {
			f->fail = ZSTD_getErrorCode(r) == ZSTD_error_frameParameter_windowTooLarge ?
			    FEED_WINDOW : FEED_ZSTD;
			return (size_t)-1;
		}
		if (r == 0) {			/* the frame is complete */
			f->done = 1;
			break;
		}
		if (out.pos == 0 && f->in.pos == f->in.size) {
			f->fail = FEED_ZSTD;	/* cut short */
			return (size_t)-1;
		}
	}
	f->produced += out.pos;
	if (f->produced > f->declared) {
		f->fail = FEED_SIZE;
		return (size_t)-1;
	}
	if (!scan_depth(f, buf, out.pos)) {
		f->fail = FEED_DEPTH;
		return (size_t)-1;
	}
	return out.pos;
}

/* The declared size under the cap, the frame as declared; then a
 * decompressor with the window capped, in F. */
static enum err frame_start(const struct sync_opened *o, const struct sync_limits *lim,
			    struct feed *f, char **cause)
{
	const struct sync_header *h = &o->h;
	unsigned long long fsz;

	/* the declared size, before anything is allocated */
	if (h->plain_len > lim->max_plain)
		return err_set(cause, ERR_CORRUPT, TR("nội dung khai báo %u byte, quá giới hạn %zu "
		    "byte ('baocao config import-limit')", "the content declares %u bytes, over the "
		    "limit of %zu bytes ('baocao config import-limit')"), h->plain_len,
		    lim->max_plain);
	fsz = ZSTD_getFrameContentSize(o->frame, h->comp_len);
	if (fsz != h->plain_len || ZSTD_findFrameCompressedSize(o->frame, h->comp_len) !=
	    h->comp_len)
		return err_set(cause, ERR_CORRUPT, "%s", TR("nội dung nén không khớp kích thước "
		    "khai báo", "the compressed content does not match its declared size"));
	/* the dictionary the signed header names, and no other: the reader
	 * looked it up by that id (sync-seal.h) */
	if (h->dict_id != 0 && o->dict == NULL)
		return err_set(cause, ERR_INVALID, TR("nội dung nén bằng từ điển %u mà máy này không "
		    "có", "the content is compressed with dictionary %u, which this installation "
		    "does not have"), h->dict_id);
	if (h->dict_id != 0 && (o->dict_len > SYNC_DICT_MAX ||
	    ZSTD_getDictID_fromDict(o->dict, o->dict_len) != h->dict_id))
		return err_set(cause, ERR_CORRUPT, TR("từ điển nén không phải từ điển %u mà tệp ghi",
		    "the compression dictionary is not dictionary %u, which the file names"),
		    h->dict_id);
	{
		/* a frame naming a dictionary names the header's (writers leave
		 * the id out of the frame) */
		unsigned fid = ZSTD_getDictID_fromFrame(o->frame, h->comp_len);
		if (fid != 0 && fid != h->dict_id)
			return err_set(cause, ERR_CORRUPT, TR("nội dung nén cần từ điển %u, tệp ghi "
			    "từ điển %u", "the compressed content needs dictionary %u, the file "
			    "names dictionary %u"), fid, h->dict_id);
	}
	memset(f, 0, sizeof *f);
	f->dc = ZSTD_createDCtx();
	if (f->dc == NULL)
		abort();	/* out of memory, as xmalloc */
	if (ZSTD_isError(ZSTD_DCtx_setParameter(f->dc, ZSTD_d_windowLogMax,
	    SYNC_ZSTD_WINDOW_LOG)) || (h->dict_id != 0 &&
	    ZSTD_isError(ZSTD_DCtx_loadDictionary(f->dc, o->dict, o->dict_len)))) {
		ZSTD_freeDCtx(f->dc);
		return err_set(cause, ERR_CORRUPT, "%s", TR("không nạp được từ điển nén",
		    "the compression dictionary cannot be loaded"));
	}
	f->in.src = o->frame;
	f->in.size = h->comp_len;
	f->declared = h->plain_len;
	f->max_depth = lim->max_depth;
	return ERR_OK;
}

/* A frame that asks for a window over SYNC_ZSTD_WINDOW_LOG: no writer of
 * baocao makes one; reading it would take that much memory. Refused as
 * what it is, not as damage. */
static enum err window_refused(char **cause)
{
	return err_set(cause, ERR_CORRUPT, TR("nội dung nén đòi bộ nhớ giải nén (cửa sổ zstd) "
	    "lớn hơn %d KiB được phép: bị từ chối như tệp độc hại hoặc quá lớn (baocao không làm "
	    "tệp như vậy)", "the compressed content asks for more decompression memory (zstd "
	    "window) than the %d KiB allowed: refused as hostile or too big (baocao never "
	    "makes such a file)"), (1 << SYNC_ZSTD_WINDOW_LOG) / 1024);
}

static enum err stream_damaged(char **cause)
{
	return err_set(cause, ERR_CORRUPT, "%s", TR("nội dung nén bị hỏng hoặc không khớp kích "
	    "thước khai báo", "the compressed content is damaged or does not match its "
	    "declared size"));
}

/* One line of a JSON-lines payload: parsed under the budget, given to FN. */
static enum err one_line(struct feed *f, const struct sync_limits *lim, const char *s,
			 size_t n, size_t i, sync_line_fn fn, void *arg, int *stop, char **cause)
{
	json_error_t jerr;
	json_t *v;
	enum err e;

	if (n == 0)
		return err_set(cause, ERR_CORRUPT, TR("dòng %zu của nội dung trống",
		    "line %zu of the content is empty"), i + 1);
	f->depth = f->in_str = f->esc = 0;
	if (!scan_depth(f, (const unsigned char *)s, n))
		return err_set(cause, ERR_CORRUPT, TR("nội dung lồng nhau quá %d mức",
		    "the content is nested more than %d levels deep"), lim->max_depth);
	mem_base = mem_used;
	mem_limit = lim->max_memory > 0 ? (int64_t)lim->max_memory : 1;
	mem_refused = 0;
	v = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	mem_limit = 0;
	if (v == NULL && mem_refused)
		return err_set(cause, ERR_CORRUPT, TR("nội dung cần quá %zu byte bộ nhớ để đọc",
		    "reading the content would take more than %zu bytes of memory"),
		    lim->max_memory);
	if (v == NULL)
		return err_set(cause, ERR_CORRUPT, TR("nội dung không phải JSON hợp lệ: %s"
		    ERR_WHERE_SEP "dòng %zu, cột %d", "the content is not valid JSON: %s" ERR_WHERE_SEP
		    "line %zu, column %d"), jerr.text, i + 1, jerr.column);
	e = fn(v, i, arg, stop, cause);
	json_decref(v);
	return e;
}

enum err sync_decode_lines(const struct sync_opened *o, const struct sync_limits *lim,
			   sync_line_fn fn, void *arg, char **cause)
{
	struct feed f;
	unsigned char chunk[65536];
	char *line = NULL;
	size_t len = 0, cap = 0, i = 0, maxline;
	int stop = 0, done = 0;
	enum err e;

	if (lim == NULL)
		lim = &sync_default_limits;
	maxline = lim->max_memory > 0 ? lim->max_memory : 1;
	e = frame_start(o, lim, &f, cause);
	if (e != ERR_OK)
		return e;
	while (e == ERR_OK && !stop && !done) {
		ZSTD_outBuffer out = { chunk, sizeof chunk, 0 };
		size_t r = ZSTD_decompressStream(f.dc, &out, &f.in);
		const unsigned char *p = chunk, *end;

		if (ZSTD_isError(r) && ZSTD_getErrorCode(r) ==
		    ZSTD_error_frameParameter_windowTooLarge) {
			e = window_refused(cause);
			break;
		}
		if (ZSTD_isError(r) || (r != 0 && out.pos == 0 && f.in.pos == f.in.size)) {
			e = stream_damaged(cause);
			break;
		}
		done = r == 0;
		f.produced += out.pos;
		if (f.produced > f.declared || (done && f.produced != f.declared)) {
			e = stream_damaged(cause);
			break;
		}
		end = chunk + out.pos;
		while (e == ERR_OK && !stop && p < end) {
			const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t take = (size_t)((nl ? nl : end) - p);
			if (len + take > maxline) {
				e = err_set(cause, ERR_CORRUPT, TR("dòng %zu của nội dung dài quá %zu "
				    "byte", "line %zu of the content is longer than %zu bytes"), i + 1,
				    maxline);
				break;
			}
			if (len + take > cap) {
				cap = len + take > 2 * cap ? len + take : 2 * cap;
				line = xrealloc(line, cap);
			}
			if (take > 0)	/* an empty line: line may still be NULL */
				memcpy(line + len, p, take);
			len += take;
			p += take;
			if (nl != NULL) {
				p++;
				e = one_line(&f, lim, line, len, i++, fn, arg, &stop, cause);
				len = 0;
			}
		}
	}
	/* the last line may lack its newline */
	if (e == ERR_OK && !stop && len > 0)
		e = one_line(&f, lim, line, len, i++, fn, arg, &stop, cause);
	ZSTD_freeDCtx(f.dc);
	free(line);
	return e;
}

size_t sync_trusted_budget(size_t plain_len)
{
	size_t b = plain_len > SYNC_TRUSTED_MAX_MEMORY / 16 ? SYNC_TRUSTED_MAX_MEMORY
	    : 16 * plain_len;

	return b > SYNC_DEFAULT_MAX_MEMORY ? b : SYNC_DEFAULT_MAX_MEMORY;
}

enum err sync_decode(const struct sync_opened *o, const struct sync_limits *lim,
		     json_t **root, char **cause)
{
	struct feed f;
	json_error_t jerr;
	enum err e = ERR_OK;

	*root = NULL;
	if (lim == NULL)
		lim = &sync_default_limits;
	e = frame_start(o, lim, &f, cause);
	if (e != ERR_OK)
		return e;
	mem_base = mem_used;
	mem_limit = lim->max_memory > 0 ? (int64_t)lim->max_memory : 1;
	mem_refused = 0;
	*root = json_load_callback(feed_read, &f, JSON_REJECT_DUPLICATES, &jerr);
	mem_limit = 0;
	ZSTD_freeDCtx(f.dc);
	/* jansson takes a failed read for the end of the text: a document may
	 * look complete when the stream was not */
	if (*root != NULL && (f.fail != FEED_OK || !f.done || f.produced != f.declared)) {
		json_decref(*root);
		*root = NULL;
		f.fail = f.fail != FEED_OK ? f.fail : FEED_ZSTD;
	}
	if (*root != NULL)
		return ERR_OK;
	if (f.fail == FEED_DEPTH)
		e = err_set(cause, ERR_CORRUPT, TR("nội dung lồng nhau quá %d mức",
		    "the content is nested more than %d levels deep"), lim->max_depth);
	else if (f.fail == FEED_WINDOW)
		e = window_refused(cause);
	else if (f.fail == FEED_SIZE || f.fail == FEED_ZSTD)
		e = err_set(cause, ERR_CORRUPT, "%s", TR("nội dung nén bị hỏng hoặc không khớp kích "
		    "thước khai báo", "the compressed content is damaged or does not match its "
		    "declared size"));
	else if (mem_refused)
		e = err_set(cause, ERR_CORRUPT, TR("nội dung cần quá %zu byte bộ nhớ để đọc",
		    "reading the content would take more than %zu bytes of memory"),
		    lim->max_memory);
	else
		e = err_set(cause, ERR_CORRUPT, TR("nội dung không phải JSON hợp lệ: %s" ERR_WHERE_SEP
		    "dòng %d, cột %d", "the content is not valid JSON: %s" ERR_WHERE_SEP "line %d, "
		    "column %d"), jerr.text, jerr.line, jerr.column);
	return e;
}

enum err sync_dict_check(const unsigned char *d, size_t len, uint32_t *id, char **cause)
{
	static const char sample[] = "{\"form\":\"x\",\"period\":\"2026-10\",\"rev\":1}";
	unsigned char comp[256], back[sizeof sample];
	ZSTD_DDict *dd;
	ZSTD_CCtx *cc;
	ZSTD_DCtx *dc;
	size_t r;

	*id = 0;
	if (len > SYNC_DICT_MAX)
		return err_set(cause, ERR_CORRUPT, TR("từ điển nén dài %zu byte, quá giới hạn %u byte",
		    "the compression dictionary is %zu bytes, over the limit of %u bytes"), len,
		    SYNC_DICT_MAX);
	if (d == NULL || len < 8 || ZSTD_getDictID_fromDict(d, len) == 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("từ điển nén không phải từ điển zstd",
		    "the compression dictionary is not a zstd dictionary"));
	/* its tables, as the decoder reads them; then a round trip */
	if ((dd = ZSTD_createDDict(d, len)) == NULL)
		return err_set(cause, ERR_CORRUPT, "%s", TR("từ điển nén bị hỏng (bảng mã không đọc "
		    "được)", "the compression dictionary is damaged (its tables cannot be read)"));
	ZSTD_freeDDict(dd);
	cc = ZSTD_createCCtx();
	dc = ZSTD_createDCtx();
	if (cc == NULL || dc == NULL)
		abort();	/* out of memory, as xmalloc */
	r = ZSTD_CCtx_loadDictionary(cc, d, len);
	if (!ZSTD_isError(r))
		r = ZSTD_compress2(cc, comp, sizeof comp, sample, sizeof sample);
	if (!ZSTD_isError(r))
		r = ZSTD_decompress_usingDict(dc, back, sizeof back, comp, r, d, len);
	ZSTD_freeCCtx(cc);
	ZSTD_freeDCtx(dc);
	if (ZSTD_isError(r) || r != sizeof sample || memcmp(back, sample, sizeof sample) != 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("từ điển nén bị hỏng (nén thử không "
		    "khớp)", "the compression dictionary is damaged (a trial compression does not "
		    "match)"));
	*id = ZSTD_getDictID_fromDict(d, len);
	return ERR_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-vfs.c: a VFS shim that seals every page SQLite writes.
 *
 * SQLite (the system's 3.40) does all the database work; this shim sits
 * between it and the default unix VFS and transforms page-sized transfers:
 *
 *   database   offset X of SQLite's file is physical offset X + STORE_HDR_SIZE;
 *              the header block in front holds the wrapped key (store-key.c).
 *              Every read and write is a whole page, except SQLite's 100-byte
 *              read at 0 and 16-byte read at 24, served from a decrypted copy.
 *   journal    records are pgno(4, big-endian) | page | checksum(4); the page
 *              is sealed, the rest (headers, pgno, checksum) is passed as is.
 *              Its pgno is read back from the 4 bytes before the page.
 *   WAL        32-byte header, then frames of 24-byte header | page. The page
 *              is sealed; frame headers pass as is. Recovery reads whole
 *              frames (24 + page) in one call: those are opened too. The
 *              generation bound into a frame is the salts of the WAL header,
 *              never the frame header's copy (see wal_gen).
 *
 * A sealed page is  [plaintext-prefix | ciphertext | nonce(24) | tag(16)]:
 * the last STORE_RESERVE bytes are the reserve SQLite leaves at the end of
 * every page (set with SQLITE_FCNTL_RESERVE_BYTES when the file is made). The
 * plaintext prefix is bytes 0..23 of page 1 only (the page size and reserve a
 * reader needs before it can decrypt); it is bound into the associated data.
 *
 * Associated data = "baocao1" | domain ('D','J','W') | uuid(16) | pgno(4)
 *                   [| WAL header salts (8)] [| page-1 clear prefix (24)]
 * so a page cannot be moved to another page number, another file of the same
 * database (a journal record into the database), another database, or (WAL)
 * another generation of the log.
 *
 * Invariants:
 *   1. Every byte SQLite gives us in a page-sized write reaches the disk only
 *      sealed under a fresh random nonce.
 *   2. A read never returns unauthenticated page bytes: a failed tag zeroes
 *      the buffer and returns SQLITE_IOERR_DATA, except (3).
 *   3. During WAL recovery (whole-frame reads) a frame that fails is treated
 *      as a torn write -- its page is zeroed so SQLite's own checksum ends the
 *      log there -- unless two later commit frames of the same generation do
 *      authenticate: then the frame was durable and was altered, and the read
 *      fails with SQLITE_IOERR_DATA. (With synchronous=FULL a commit returns
 *      only after its frames are synced, so the second later commit proves the
 *      first, and every frame before it, reached the disk.)
 *   4. Page 1's reserve is always STORE_RESERVE and the page size never
 *      changes once set; a write that would change either is refused.
 *   5. Only the database, its journal and its WAL are opened; every other
 *      file SQLite asks for is refused, so no plaintext temp file exists.
 *      A main-database file must begin with this database's key header; the
 *      one exception is a new, empty file opened to be created -- the output
 *      of VACUUM INTO -- which gets that header first (db_adopt).
 */
#include "store-vfs.h"
#include "../core/bytes.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AD_MAX (7 + 1 + STORE_UUID_BYTES + 4 + 8 + STORE_CLEAR_BYTES)
#define WAL_HDR 32
#define WAL_FRAME_HDR 24
#define MAX_PAGE 65536

struct vfs_file;

struct store_keys {
	/* Secrets, in one sodium_malloc block, read-only once set. */
	struct secrets {
		unsigned char master[STORE_KEY_BYTES];
		unsigned char page[STORE_KEY_BYTES];
	} *sec;
	unsigned char uuid[STORE_UUID_BYTES];
	int pgsz;                 /* page size of the database; 0 until known */
	sqlite3_vfs vfs;          /* our VFS, registered under name */
	sqlite3_vfs *base;        /* the default VFS below us */
	char name[40];
	int registered;
	struct store_vfs_fault fault;
	long fail_after;          /* writes left before injected failure, -1 off */
	struct vfs_file *main;    /* the open database file whose key we hold */
};

struct vfs_file {
	sqlite3_file base;
	sqlite3_file *real;       /* the underlying file, allocated after us */
	struct store_keys *keys;
	char domain;              /* 'D', 'J' or 'W' */
	unsigned char *scratch;   /* one page, for sealing and partial reads */
	unsigned char gen[8];     /* WAL: salts of the log's generation */
	int gen_known;            /* WAL: gen holds what the WAL header says */
	sqlite3_int64 hdr_off;    /* WAL: offset of the last frame header we wrote */
	uint32_t hdr_pgno;        /* WAL: and its page number */
};

#define FILE_SIZE ((sizeof(struct vfs_file) + 15) & ~(size_t)15)

static const sqlite3_io_methods vfs_io;

/* ---- sealing ----------------------------------------------------------- */

static size_t
ad_build(unsigned char *ad, const struct store_keys *k, char domain, uint32_t pgno,
    const unsigned char *salts, const unsigned char *page)
{
	size_t n = 0;

	memcpy(ad, "baocao1", 7);
	n += 7;
	ad[n++] = (unsigned char)domain;
	memcpy(ad + n, k->uuid, STORE_UUID_BYTES);
	n += STORE_UUID_BYTES;
	put32(ad + n, pgno);
	n += 4;
	if (salts != NULL) {
		memcpy(ad + n, salts, 8);
		n += 8;
	}
	if (pgno == 1) {
		memcpy(ad + n, page, STORE_CLEAR_BYTES);
		n += STORE_CLEAR_BYTES;
	}
	return n;
}

/* Seal `pgsz` bytes of plaintext `in` into `out` (may not overlap). */
static void
page_seal(const struct store_keys *k, unsigned char *out, const unsigned char *in,
    int pgsz, char domain, uint32_t pgno, const unsigned char *salts)
{
	unsigned char ad[AD_MAX];
	size_t skip = pgno == 1 ? STORE_CLEAR_BYTES : 0;
	size_t body = (size_t)pgsz - STORE_RESERVE;
	unsigned char *nonce = out + body, *tag = nonce + STORE_NONCE_BYTES;
	size_t adlen;

	memcpy(out, in, skip);
	adlen = ad_build(ad, k, domain, pgno, salts, in);
	randombytes_buf(nonce, STORE_NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out + skip, tag, NULL,
	    in + skip, body - skip, ad, adlen, NULL, nonce, k->sec->page);
}

/* Open a sealed page in place. 0 on success (tail zeroed), -1 on a bad tag
 * (the whole page zeroed). */
static int __attribute__((warn_unused_result))
page_open(const struct store_keys *k, unsigned char *p, int pgsz, char domain,
    uint32_t pgno, const unsigned char *salts)
{
	unsigned char ad[AD_MAX];
	size_t skip = pgno == 1 ? STORE_CLEAR_BYTES : 0;
	size_t body = (size_t)pgsz - STORE_RESERVE;
	size_t adlen = ad_build(ad, k, domain, pgno, salts, p);

	if (pgno == 0 || crypto_aead_xchacha20poly1305_ietf_decrypt_detached(p + skip,
	    NULL, p + skip, body - skip, p + body + STORE_NONCE_BYTES, ad, adlen,
	    p + body, k->sec->page) != 0) {
		sodium_memzero(p, (size_t)pgsz);
		return -1;
	}
	sodium_memzero(p + body, STORE_RESERVE);
	return 0;
}

static int
note_fault(struct vfs_file *f, uint32_t pgno, int truncated)
{
	f->keys->fault.domain = f->domain;
	f->keys->fault.pgno = pgno;
	f->keys->fault.truncated = truncated;
	return SQLITE_IOERR_DATA;
}

static int
valid_pgsz(int n)
{
	return n >= 1024 && n <= MAX_PAGE && (n & (n - 1)) == 0;
}

static unsigned char *
scratch(struct vfs_file *f)
{
	if (f->scratch == NULL)
		f->scratch = sqlite3_malloc(MAX_PAGE + WAL_FRAME_HDR);
	return f->scratch;
}

static int
real_read(struct vfs_file *f, void *p, int n, sqlite3_int64 off)
{
	return f->real->pMethods->xRead(f->real, p, n, off);
}

static int
real_write(struct vfs_file *f, const void *p, int n, sqlite3_int64 off)
{
	struct store_keys *k = f->keys;

	if (k->fail_after == 0)
		return SQLITE_FULL;
	if (k->fail_after > 0)
		k->fail_after--;
	return f->real->pMethods->xWrite(f->real, p, n, off);
}

/* ---- main database ----------------------------------------------------- */

/* Learn the page size from page 1's clear prefix on disk. Returns the page
 * size, 0 if there is no page 1 yet, -1 if page 1 is not ours. */
static int
db_probe(struct vfs_file *f)
{
	unsigned char h[STORE_CLEAR_BYTES];
	int rc, pgsz;

	if (f->keys->pgsz != 0)
		return f->keys->pgsz;
	rc = real_read(f, h, sizeof h, STORE_HDR_SIZE);
	if (rc == SQLITE_IOERR_SHORT_READ)
		return 0;
	if (rc != SQLITE_OK || memcmp(h, "SQLite format 3", 16) != 0)
		return -1;
	pgsz = h[16] << 8 | h[17];
	if (pgsz == 1)
		pgsz = 65536;
	if (!valid_pgsz(pgsz) || h[20] != STORE_RESERVE)
		return -1;
	f->keys->pgsz = pgsz;
	return pgsz;
}

/* Read page `pgno` whole into p. */
static int
db_read_page(struct vfs_file *f, unsigned char *p, int pgsz, uint32_t pgno)
{
	sqlite3_int64 off = STORE_HDR_SIZE + (sqlite3_int64)(pgno - 1) * pgsz, size;
	int rc = real_read(f, p, pgsz, off);

	if (rc == SQLITE_IOERR_SHORT_READ) {
		if (f->real->pMethods->xFileSize(f->real, &size) == SQLITE_OK && size <= off)
			return rc; /* past the end: SQLite expects zeros */
		sodium_memzero(p, (size_t)pgsz);
		return note_fault(f, pgno, 1);
	}
	if (rc != SQLITE_OK)
		return rc;
	if (page_open(f->keys, p, pgsz, 'D', pgno, NULL) != 0)
		return note_fault(f, pgno, 0);
	return SQLITE_OK;
}

static int
db_read(struct vfs_file *f, void *buf, int amt, sqlite3_int64 off)
{
	int pgsz = db_probe(f), rc;
	unsigned char *s;
	sqlite3_int64 in;

	if (pgsz < 0)
		return SQLITE_NOTADB;
	if (pgsz == 0) {
		/* No page 1 yet: the file holds only the key header. */
		memset(buf, 0, (size_t)amt);
		return SQLITE_IOERR_SHORT_READ;
	}
	if (amt == pgsz && off % pgsz == 0)
		return db_read_page(f, buf, pgsz, (uint32_t)(off / pgsz + 1));
	in = off % pgsz;
	if (in + amt > pgsz || (s = scratch(f)) == NULL)
		return SQLITE_IOERR_READ;
	rc = db_read_page(f, s, pgsz, (uint32_t)(off / pgsz + 1));
	if (rc == SQLITE_OK || rc == SQLITE_IOERR_SHORT_READ)
		memcpy(buf, s + in, (size_t)amt);
	else
		memset(buf, 0, (size_t)amt);
	return rc;
}

static int
db_write(struct vfs_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	const unsigned char *p = buf;
	struct store_keys *k = f->keys;
	unsigned char *s;
	int pgsz = k->pgsz;

	if (off == 0) {
		/* Page 1: check invariant 4 before anything reaches the disk. */
		int n;
		if (amt < STORE_CLEAR_BYTES)
			return SQLITE_IOERR_WRITE;
		n = p[16] << 8 | p[17];
		if (n == 1)
			n = 65536;
		if (!valid_pgsz(n) || n != amt || p[20] != STORE_RESERVE ||
		    (pgsz != 0 && n != pgsz))
			return SQLITE_IOERR_WRITE;
		k->pgsz = pgsz = n;
	}
	if (pgsz == 0 || amt != pgsz || off % pgsz != 0 || (s = scratch(f)) == NULL)
		return SQLITE_IOERR_WRITE;
	page_seal(k, s, p, pgsz, 'D', (uint32_t)(off / pgsz + 1), NULL);
	return real_write(f, s, pgsz, off + STORE_HDR_SIZE);
}

/*
 * A new, empty main-database file: the output of VACUUM INTO, the only way
 * SQLite creates one through this VFS (store connections are opened without
 * SQLITE_OPEN_CREATE; VACUUM INTO adds it for its output). Before SQLite
 * writes a page into it, it gets the key header of the database this VFS
 * serves, read back from that open file now -- so the current one, after a
 * passphrase change too. The copy is then the same database under the same
 * key: same uuid, same key slots, pages sealed as any other write.
 * A file that is not empty, or no database of ours open: not ours, refused.
 */
static int
db_adopt(struct vfs_file *f)
{
	struct store_keys *k = f->keys;
	sqlite3_int64 size;
	unsigned char *h;
	int rc;

	if (k->main == NULL)
		return SQLITE_NOTADB;
	if ((rc = f->real->pMethods->xFileSize(f->real, &size)) != SQLITE_OK)
		return rc;
	if (size != 0)
		return SQLITE_NOTADB;
	if ((h = sqlite3_malloc(STORE_HDR_SIZE)) == NULL)
		return SQLITE_NOMEM;
	rc = real_read(k->main, h, STORE_HDR_SIZE, 0);
	if (rc == SQLITE_OK && (memcmp(h, "BAOCAODB", 8) != 0 ||
	    memcmp(h + 16, k->uuid, STORE_UUID_BYTES) != 0))
		rc = SQLITE_NOTADB;
	if (rc == SQLITE_OK)
		rc = real_write(f, h, STORE_HDR_SIZE, 0);
	if (rc == SQLITE_OK)
		rc = f->real->pMethods->xSync(f->real, SQLITE_SYNC_FULL);
	sqlite3_free(h);
	return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_NOTADB : rc;
}

/* ---- rollback journal -------------------------------------------------- */

static int
jrnl_pgno(struct vfs_file *f, sqlite3_int64 off, uint32_t *pgno)
{
	unsigned char b[4];
	int rc;

	if (off < 4)
		return SQLITE_IOERR_READ;
	rc = real_read(f, b, 4, off - 4);
	if (rc != SQLITE_OK)
		return rc;
	*pgno = get32(b);
	return SQLITE_OK;
}

static int
jrnl_read(struct vfs_file *f, void *buf, int amt, sqlite3_int64 off)
{
	uint32_t pgno;
	int rc;

	rc = real_read(f, buf, amt, off);
	if (rc != SQLITE_OK || amt != f->keys->pgsz || amt == 0)
		return rc;
	if ((rc = jrnl_pgno(f, off, &pgno)) != SQLITE_OK)
		return rc;
	if (page_open(f->keys, buf, amt, 'J', pgno, NULL) != 0)
		return note_fault(f, pgno, 0);
	return SQLITE_OK;
}

static int
jrnl_write(struct vfs_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	unsigned char *s;
	uint32_t pgno;
	int rc;

	if (amt != f->keys->pgsz || amt == 0)
		return real_write(f, buf, amt, off);
	if ((rc = jrnl_pgno(f, off, &pgno)) != SQLITE_OK)
		return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_WRITE : rc;
	if ((s = scratch(f)) == NULL)
		return SQLITE_IOERR_NOMEM;
	page_seal(f->keys, s, buf, amt, 'J', pgno, NULL);
	return real_write(f, s, amt, off);
}

/* ---- WAL --------------------------------------------------------------- */

/* Where `off` falls in the WAL: 1 frame header, 2 frame page, 0 elsewhere. */
static int
wal_where(int pgsz, sqlite3_int64 off)
{
	sqlite3_int64 r;

	if (pgsz == 0 || off < WAL_HDR)
		return 0;
	r = (off - WAL_HDR) % (WAL_FRAME_HDR + pgsz);
	return r == 0 ? 1 : r == WAL_FRAME_HDR ? 2 : 0;
}

/*
 * The generation a frame belongs to: salt-1 and salt-2 of the WAL header
 * (bytes 16..23), which change every time the log restarts.
 *
 * Not the salts in the frame's own header: once a transaction rewrites in
 * place a page it already wrote to the log (a page that had to leave the
 * cache before the commit), SQLite writes every later frame header of that
 * transaction with zero salts and checksums, and fills them in only when it
 * commits (walEncodeFrame / walRewriteChecksums). A seal bound to the frame
 * header's bytes at write time would fail after the commit, and recovery
 * would end the log there: the committed transaction would be lost.
 *
 * The WAL header is written by the connection that starts a generation; we
 * note its salts when it goes by (write or read at offset 0), and read them
 * back from the file when we have none or a page fails to open with the ones
 * we have (another connection may have restarted the log).
 */
static int
wal_gen_reload(struct vfs_file *f)
{
	unsigned char wh[WAL_HDR];
	int rc = real_read(f, wh, WAL_HDR, 0);

	if (rc != SQLITE_OK)
		return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_READ : rc;
	memcpy(f->gen, wh + 16, 8);
	f->gen_known = 1;
	return SQLITE_OK;
}

/* Open page p of the frame for page `pgno` with the current generation; on a
 * failure, reload the generation once from the file and try again. The page
 * is kept aside so that a failed try (which zeroes it) can be retried. */
static int
wal_page_open(struct vfs_file *f, unsigned char *p, int pgsz, uint32_t pgno)
{
	unsigned char old[8], *s = scratch(f);

	if (!f->gen_known && wal_gen_reload(f) != SQLITE_OK)
		return -1;
	if (s == NULL)
		return -1;
	memcpy(s, p, (size_t)pgsz);
	if (page_open(f->keys, p, pgsz, 'W', pgno, f->gen) == 0)
		return 0;
	memcpy(old, f->gen, 8);
	if (wal_gen_reload(f) != SQLITE_OK || memcmp(old, f->gen, 8) == 0)
		return -1;
	memcpy(p, s, (size_t)pgsz);
	return page_open(f->keys, p, pgsz, 'W', pgno, f->gen);
}

/* Invariant 3: is there proof that the frame at `off` was durable? Looks for
 * two later commit frames of the WAL's current generation that authenticate. */
static int
wal_later_commits(struct vfs_file *f, sqlite3_int64 off, int pgsz)
{
	unsigned char wh[WAL_HDR], *s;
	sqlite3_int64 size, fs = WAL_FRAME_HDR + pgsz;
	int commits = 0;

	if ((s = sqlite3_malloc((int)fs)) == NULL)
		return 0;
	if (real_read(f, wh, WAL_HDR, 0) != SQLITE_OK ||
	    f->real->pMethods->xFileSize(f->real, &size) != SQLITE_OK) {
		sqlite3_free(s);
		return 0;
	}
	for (off += fs; off + fs <= size && commits < 2; off += fs) {
		if (real_read(f, s, (int)fs, off) != SQLITE_OK)
			break;
		if (memcmp(s + 8, wh + 16, 8) != 0)
			break; /* an older generation: the log ends here */
		if (get32(s + 4) != 0 && page_open(f->keys, s + WAL_FRAME_HDR, pgsz, 'W',
		    get32(s), wh + 16) == 0)
			commits++;
	}
	sqlite3_free(s);
	return commits >= 2;
}

static int
wal_read(struct vfs_file *f, void *buf, int amt, sqlite3_int64 off)
{
	unsigned char *p = buf, h[WAL_FRAME_HDR];
	int pgsz = f->keys->pgsz, rc;
	int where = wal_where(pgsz, off);

	rc = real_read(f, buf, amt, off);
	if (rc != SQLITE_OK)
		return rc;
	if (off == 0 && amt >= WAL_HDR) {
		memcpy(f->gen, p + 16, 8); /* recovery reads the header first */
		f->gen_known = 1;
	}
	if (where == 2 && amt == pgsz) {
		if ((rc = real_read(f, h, WAL_FRAME_HDR, off - WAL_FRAME_HDR)) != SQLITE_OK)
			return rc;
		if (wal_page_open(f, p, pgsz, get32(h)) != 0)
			return note_fault(f, get32(h), 0);
	} else if (where == 1 && amt == WAL_FRAME_HDR + pgsz) {
		if (wal_page_open(f, p + WAL_FRAME_HDR, pgsz, get32(p)) != 0) {
			if (wal_later_commits(f, off, pgsz))
				return note_fault(f, get32(p), 0);
			/* A torn tail: the zeroed page fails SQLite's checksum. */
		}
	}
	return SQLITE_OK;
}

static int
wal_write(struct vfs_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	const unsigned char *p = buf;
	unsigned char h[WAL_FRAME_HDR], *s;
	int pgsz = f->keys->pgsz, rc;
	int where = wal_where(pgsz, off);

	if (off == 0 && amt >= WAL_HDR) {
		/* A new generation of the log begins. */
		memcpy(f->gen, p + 16, 8);
		f->gen_known = 1;
		return real_write(f, buf, amt, off);
	}
	if (where == 1 && amt == WAL_FRAME_HDR) {
		/* Salts in a frame header are the generation's, or zero while
		 * SQLite defers them to the commit (see wal_gen_reload). */
		static const unsigned char zero[8];
		if (memcmp(p + 8, zero, 8) != 0) {
			memcpy(f->gen, p + 8, 8);
			f->gen_known = 1;
		}
		f->hdr_off = off;
		f->hdr_pgno = get32(p);
		return real_write(f, buf, amt, off);
	}
	if (where == 2 && amt == pgsz) {
		/* The page of a frame this connection wrote the header of (the
		 * same append, or a rewrite within the transaction that wrote it). */
		if (f->hdr_off == off - WAL_FRAME_HDR)
			put32(h, f->hdr_pgno);
		else if ((rc = real_read(f, h, WAL_FRAME_HDR, off - WAL_FRAME_HDR)) != SQLITE_OK)
			return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_WRITE : rc;
		if (!f->gen_known && (rc = wal_gen_reload(f)) != SQLITE_OK)
			return rc;
		if ((s = scratch(f)) == NULL)
			return SQLITE_IOERR_NOMEM;
		page_seal(f->keys, s, p, pgsz, 'W', get32(h), f->gen);
		return real_write(f, s, amt, off);
	}
	if (where == 1 && amt == WAL_FRAME_HDR + pgsz) {
		if (!f->gen_known && (rc = wal_gen_reload(f)) != SQLITE_OK)
			return rc;
		if ((s = scratch(f)) == NULL)
			return SQLITE_IOERR_NOMEM;
		memcpy(s, p, WAL_FRAME_HDR);
		page_seal(f->keys, s + WAL_FRAME_HDR, p + WAL_FRAME_HDR, pgsz, 'W',
		    get32(p), f->gen);
		return real_write(f, s, amt, off);
	}
	if (where != 0 || (pgsz != 0 && amt >= pgsz && off >= WAL_HDR))
		return SQLITE_IOERR_WRITE; /* a shape SQLite never writes */
	return real_write(f, buf, amt, off);
}

/* ---- io methods -------------------------------------------------------- */

static int
vfs_close(sqlite3_file *file)
{
	struct vfs_file *f = (struct vfs_file *)file;
	int rc = f->real->pMethods->xClose(f->real);

	if (f->keys->main == f)
		f->keys->main = NULL;
	if (f->scratch != NULL) {
		sodium_memzero(f->scratch, MAX_PAGE + WAL_FRAME_HDR);
		sqlite3_free(f->scratch);
	}
	f->scratch = NULL;
	return rc;
}

static int
vfs_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
	struct vfs_file *f = (struct vfs_file *)file;

	switch (f->domain) {
	case 'D':
		return db_read(f, buf, amt, off);
	case 'J':
		return jrnl_read(f, buf, amt, off);
	default:
		return wal_read(f, buf, amt, off);
	}
}

static int
vfs_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
	struct vfs_file *f = (struct vfs_file *)file;

	switch (f->domain) {
	case 'D':
		return db_write(f, buf, amt, off);
	case 'J':
		return jrnl_write(f, buf, amt, off);
	default:
		return wal_write(f, buf, amt, off);
	}
}

static int
vfs_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	struct vfs_file *f = (struct vfs_file *)file;

	if (f->keys->fail_after == 0)
		return SQLITE_FULL;
	if (f->domain == 'D')
		size += STORE_HDR_SIZE;
	return f->real->pMethods->xTruncate(f->real, size);
}

static int
vfs_sync(sqlite3_file *file, int flags)
{
	struct vfs_file *f = (struct vfs_file *)file;

	if (f->keys->fail_after == 0)
		return SQLITE_FULL;
	return f->real->pMethods->xSync(f->real, flags);
}

static int
vfs_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
	struct vfs_file *f = (struct vfs_file *)file;
	int rc = f->real->pMethods->xFileSize(f->real, size);

	if (rc == SQLITE_OK && f->domain == 'D')
		*size = *size > STORE_HDR_SIZE ? *size - STORE_HDR_SIZE : 0;
	return rc;
}

static int
vfs_lock(sqlite3_file *file, int level)
{
	struct vfs_file *f = (struct vfs_file *)file;
	return f->real->pMethods->xLock(f->real, level);
}

static int
vfs_unlock(sqlite3_file *file, int level)
{
	struct vfs_file *f = (struct vfs_file *)file;
	return f->real->pMethods->xUnlock(f->real, level);
}

static int
vfs_check_reserved(sqlite3_file *file, int *out)
{
	struct vfs_file *f = (struct vfs_file *)file;
	return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int
header_io(struct vfs_file *f, struct store_header_io *io)
{
	int rc;

	if (f->domain != 'D' || io->off < 0 || io->len < 0 ||
	    io->off + io->len > STORE_HDR_SIZE)
		return SQLITE_MISUSE;
	if (!io->write)
		return real_read(f, io->data, io->len, io->off);
	rc = real_write(f, io->data, io->len, io->off);
	if (rc == SQLITE_OK)
		rc = vfs_sync(&f->base, SQLITE_SYNC_FULL);
	return rc;
}

static int
vfs_file_control(sqlite3_file *file, int op, void *arg)
{
	struct vfs_file *f = (struct vfs_file *)file;
	sqlite3_int64 hint;

	switch (op) {
	case STORE_FCNTL_HEADER:
		return header_io(f, arg);
	case SQLITE_FCNTL_MMAP_SIZE:
		/* Reads must go through xRead to be decrypted: no mmap, ever. */
		*(sqlite3_int64 *)arg = 0;
		return SQLITE_OK;
	case SQLITE_FCNTL_SIZE_HINT:
		hint = *(sqlite3_int64 *)arg + (f->domain == 'D' ? STORE_HDR_SIZE : 0);
		return f->real->pMethods->xFileControl(f->real, op, &hint);
	default:
		return f->real->pMethods->xFileControl(f->real, op, arg);
	}
}

static int
vfs_sector_size(sqlite3_file *file)
{
	(void)file;
	/* Smaller than any page, so a journal header is never page-sized. */
	return 512;
}

static int
vfs_device_characteristics(sqlite3_file *file)
{
	struct vfs_file *f = (struct vfs_file *)file;
	int c = f->real->pMethods->xDeviceCharacteristics(f->real);

	/* Whole pages only (no split writes), and nothing assumed atomic. */
	c |= SQLITE_IOCAP_POWERSAFE_OVERWRITE;
	c &= ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_ATOMIC512 | SQLITE_IOCAP_ATOMIC1K |
	    SQLITE_IOCAP_ATOMIC2K | SQLITE_IOCAP_ATOMIC4K | SQLITE_IOCAP_ATOMIC8K |
	    SQLITE_IOCAP_ATOMIC16K | SQLITE_IOCAP_ATOMIC32K | SQLITE_IOCAP_ATOMIC64K |
	    SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_BATCH_ATOMIC);
	return c;
}

static int
vfs_shm_map(sqlite3_file *file, int pg, int pgsz, int extend, void volatile **pp)
{
	struct vfs_file *f = (struct vfs_file *)file;
	return f->real->pMethods->xShmMap(f->real, pg, pgsz, extend, pp);
}

static int
vfs_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
	struct vfs_file *f = (struct vfs_file *)file;
	return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void
vfs_shm_barrier(sqlite3_file *file)
{
	struct vfs_file *f = (struct vfs_file *)file;
	f->real->pMethods->xShmBarrier(f->real);
}

static int
vfs_shm_unmap(sqlite3_file *file, int del)
{
	struct vfs_file *f = (struct vfs_file *)file;
	return f->real->pMethods->xShmUnmap(f->real, del);
}

/* Version 2: shared memory for WAL, but no xFetch, so no mmap reads. */
static const sqlite3_io_methods vfs_io = {
	2,
	vfs_close,
	vfs_read,
	vfs_write,
	vfs_truncate,
	vfs_sync,
	vfs_file_size,
	vfs_lock,
	vfs_unlock,
	vfs_check_reserved,
	vfs_file_control,
	vfs_sector_size,
	vfs_device_characteristics,
	vfs_shm_map,
	vfs_shm_lock,
	vfs_shm_barrier,
	vfs_shm_unmap,
	NULL,
	NULL,
};

/* ---- the VFS ----------------------------------------------------------- */

static int
vfs_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
    int *out_flags)
{
	struct store_keys *k = vfs->pAppData;
	struct vfs_file *f = (struct vfs_file *)file;
	unsigned char magic[32];
	int rc;

	memset(f, 0, sizeof *f);
	f->keys = k;
	f->hdr_off = -1;
	f->real = (sqlite3_file *)((char *)f + FILE_SIZE);
	if (flags & SQLITE_OPEN_MAIN_DB)
		f->domain = 'D';
	else if (flags & SQLITE_OPEN_MAIN_JOURNAL)
		f->domain = 'J';
	else if (flags & SQLITE_OPEN_WAL)
		f->domain = 'W';
	else
		return SQLITE_CANTOPEN; /* invariant 5 */
	rc = k->base->xOpen(k->base, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		if (f->real->pMethods != NULL)
			f->real->pMethods->xClose(f->real);
		return rc;
	}
	f->base.pMethods = &vfs_io;
	if (f->domain == 'D') {
		/* The file must be the one whose key we hold (invariant 5). */
		rc = real_read(f, magic, sizeof magic, 0);
		if (rc == SQLITE_IOERR_SHORT_READ && (flags & SQLITE_OPEN_CREATE) &&
		    (rc = db_adopt(f)) == SQLITE_OK)
			rc = real_read(f, magic, sizeof magic, 0);
		if (rc == SQLITE_OK && (memcmp(magic, "BAOCAODB", 8) != 0 ||
		    memcmp(magic + 16, k->uuid, STORE_UUID_BYTES) != 0))
			rc = SQLITE_NOTADB;
		if (rc == SQLITE_OK && db_probe(f) < 0)
			rc = SQLITE_NOTADB;
		if (rc == SQLITE_IOERR_SHORT_READ)
			rc = SQLITE_NOTADB;
		/* VACUUM INTO over a file that is not a copy of ours: that file
		 * cannot be the output (not "this database is damaged"). */
		if (rc == SQLITE_NOTADB && (flags & SQLITE_OPEN_CREATE))
			rc = SQLITE_CANTOPEN;
		if (rc != SQLITE_OK) {
			vfs_close(file);
			f->base.pMethods = NULL;
			return rc;
		}
		if (k->main == NULL)
			k->main = f;
	}
	return SQLITE_OK;
}

static int
vfs_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	struct store_keys *k = vfs->pAppData;
	return k->base->xDelete(k->base, name, sync_dir);
}

static int
vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	struct store_keys *k = vfs->pAppData;
	return k->base->xAccess(k->base, name, flags, out);
}

static int
vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	struct store_keys *k = vfs->pAppData;
	return k->base->xFullPathname(k->base, name, n, out);
}

static int
vfs_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	randombytes_buf(out, (size_t)n);
	return n;
}

static int
vfs_sleep(sqlite3_vfs *vfs, int us)
{
	struct store_keys *k = vfs->pAppData;
	return k->base->xSleep(k->base, us);
}

static int
vfs_current_time(sqlite3_vfs *vfs, double *t)
{
	struct store_keys *k = vfs->pAppData;
	return k->base->xCurrentTime(k->base, t);
}

static int
vfs_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	struct store_keys *k = vfs->pAppData;
	return k->base->xGetLastError(k->base, n, out);
}

static int
vfs_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	struct store_keys *k = vfs->pAppData;
	return k->base->xCurrentTimeInt64(k->base, t);
}

struct store_keys *
store_keys_new(const unsigned char uuid[STORE_UUID_BYTES],
    const unsigned char master[STORE_KEY_BYTES])
{
	struct store_keys *k = calloc(1, sizeof *k);

	if (k == NULL)
		return NULL;
	k->sec = sodium_malloc(sizeof *k->sec);
	if (k->sec == NULL) {
		free(k);
		return NULL;
	}
	memcpy(k->sec->master, master, STORE_KEY_BYTES);
	crypto_kdf_derive_from_key(k->sec->page, STORE_KEY_BYTES, 1, "baocaopg",
	    k->sec->master);
	sodium_mprotect_readonly(k->sec);
	memcpy(k->uuid, uuid, STORE_UUID_BYTES);
	k->fail_after = -1;
	return k;
}

void
store_keys_free(struct store_keys *k)
{
	if (k == NULL)
		return;
	if (k->registered)
		sqlite3_vfs_unregister(&k->vfs);
	sodium_free(k->sec); /* wipes */
	sodium_memzero(k, sizeof *k);
	free(k);
}

const unsigned char *
store_keys_master(const struct store_keys *k)
{
	return k->sec->master;
}

const char *
store_vfs_register(struct store_keys *k)
{
	static unsigned serial;
	sqlite3_vfs *base = sqlite3_vfs_find(NULL);

	if (k->registered)
		return k->name;
	if (base == NULL)
		return NULL;
	k->base = base;
	snprintf(k->name, sizeof k->name, "baocao-%u-%p", ++serial, (void *)k);
	memset(&k->vfs, 0, sizeof k->vfs);
	k->vfs.iVersion = 2;
	k->vfs.szOsFile = (int)(FILE_SIZE + (size_t)base->szOsFile);
	k->vfs.mxPathname = base->mxPathname;
	k->vfs.zName = k->name;
	k->vfs.pAppData = k;
	k->vfs.xOpen = vfs_open;
	k->vfs.xDelete = vfs_delete;
	k->vfs.xAccess = vfs_access;
	k->vfs.xFullPathname = vfs_full_pathname;
	k->vfs.xRandomness = vfs_randomness;
	k->vfs.xSleep = vfs_sleep;
	k->vfs.xCurrentTime = vfs_current_time;
	k->vfs.xGetLastError = vfs_last_error;
	k->vfs.xCurrentTimeInt64 = vfs_current_time64;
	if (sqlite3_vfs_register(&k->vfs, 0) != SQLITE_OK)
		return NULL;
	k->registered = 1;
	return k->name;
}

struct store_vfs_fault
store_vfs_take_fault(struct store_keys *k)
{
	struct store_vfs_fault f = k->fault;

	memset(&k->fault, 0, sizeof k->fault);
	return f;
}

void
store_vfs_fail_after(struct store_keys *k, long n)
{
	k->fail_after = n;
}

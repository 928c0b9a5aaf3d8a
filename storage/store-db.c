/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-db.c: creating, unlocking, configuring and closing the database.
 *
 * Lifecycle of a store:
 *
 *   store_create: header written to a temp file, fsync, link() to the path
 *                 (never overwrites), then SQLite opened on it -> configure()
 *                 -> migrations. Any failure unlinks the new file.
 *   store_open:   header read with plain I/O -> Argon2id unwraps the master key
 *                 (wrong passphrase is reported here, before SQLite touches the
 *                 journal or WAL) -> VFS registered -> SQLite opened ->
 *                 configure() -> a read of the schema proves the pages open ->
 *                 migrations.
 *   store_close:  SQLite closed, VFS unregistered, keys wiped.
 */
#include "store-int.h"
#include "store-schema.h"
#include "store-inst.h"
#include "store-audit.h"
#include "store-mem.h"
#include "../core/mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static enum err
sys_error(const char *path, int e, char **cause)
{
	if (e == ENOSPC || e == EDQUOT)
		return err_set_at(cause, ERR_FULL, path, TR("ổ đĩa đã đầy",
		    "the disk is full"));
	if (e == ENOENT)
		return err_set_at(cause, ERR_NOTFOUND, path, TR("chưa có cơ sở dữ liệu "
		    "(hãy chạy 'baocao setup' trước)", "no database here "
		    "(run 'baocao setup' first)"));
	return err_set_at(cause, ERR_IO, path, "%s", err_os(e));
}

static enum err
crypto_init(char **cause)
{
	if (sodium_init() < 0)
		return err_set(cause, ERR_IO, TR("không khởi tạo được libsodium",
		    "libsodium could not be initialised"));
	/* Decrypted pages in wiped (and, when allowed, locked) memory. Best
	 * effort: if SQLite was used before, its own allocator stays. */
	(void)store_mem_init();
	return ERR_OK;
}

/* Is the folder of PATH out of space? SQLite keeps the errno of a failed
 * write but not always of a failed fsync; the disk itself can tell. */
static int
disk_full(const char *path)
{
	char *dir = xstrdup(path);
	struct statvfs sv;
	int full = statvfs(dirname(dir), &sv) == 0 &&
	    (unsigned long long)sv.f_bavail * sv.f_frsize < 64 * 1024;

	free(dir);
	return full;
}

enum err
store_error(struct store *st, int rc, char **cause)
{
	struct store_vfs_fault f = { 0, 0, 0 };
	const char *path = st->path;
	const char *where;

	if (st->keys != NULL)
		f = store_vfs_take_fault(st->keys);
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return ERR_OK;
	case SQLITE_FULL:
		return err_set_at(cause, ERR_FULL, path, TR("ổ đĩa đã đầy; thay đổi chưa được lưu, "
		    "dữ liệu đã lưu trước đó vẫn còn nguyên", "the disk is full; the change "
		    "was not saved, what was saved before is intact"));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set_at(cause, ERR_BUSY, path, TR("cơ sở dữ liệu đang được một chương trình "
		    "baocao khác sử dụng", "the database is in use by another baocao"));
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		break;
	case SQLITE_IOERR:
		if (rc == SQLITE_IOERR_DATA || f.pgno != 0)
			break;
		/* SQLite says FULL only for a short write; a full disk also fails
		 * an fsync, a truncate, the shared-memory file */
		if ((st->db != NULL && (sqlite3_system_errno(st->db) == ENOSPC ||
		    sqlite3_system_errno(st->db) == EDQUOT)) || disk_full(path))
			return err_set_at(cause, ERR_FULL, path, TR("ổ đĩa đã đầy; thay đổi chưa được "
			    "lưu, dữ liệu đã lưu trước đó vẫn còn nguyên", "the disk is full; the "
			    "change was not saved, what was saved before is intact"));
		return err_set_at(cause, ERR_IO, path, TR("lỗi đọc/ghi: %s", "I/O error: %s"),
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	case SQLITE_CONSTRAINT:
		return err_set_at(cause, ERR_INVALID, path, "%s",
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	default:
		return err_set_at(cause, ERR_IO, path, "%s",
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	}
	where = f.domain == 'J' ? TR(" trong tệp nhật ký", " in its journal") :
	    f.domain == 'W' ? TR(" trong tệp WAL", " in its WAL") : "";
	if (f.pgno != 0)
		return err_set_at(cause, ERR_CORRUPT, path, TR("cơ sở dữ liệu bị hỏng hoặc đã bị sửa "
		    "trái phép (trang %u%s %s); không dùng dữ liệu này", "the database is "
		    "damaged or was tampered with (page %u%s %s); its data was not used"),
		    (unsigned)f.pgno, where, f.truncated ? TR("bị cắt cụt", "is truncated") :
		    TR("không xác thực được", "fails authentication"));
	return err_set_at(cause, ERR_CORRUPT, path, TR("cơ sở dữ liệu bị hỏng hoặc đã bị sửa trái "
	    "phép (%s); không dùng dữ liệu này", "the database is damaged or was "
	    "tampered with (%s); its data was not used"),
	    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
}

enum err
store_exec(struct store *st, const char *sql, char **cause)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, char **cause)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);

	return rc == SQLITE_OK ? ERR_OK : store_error(st, rc, cause);
}

enum err
store_cached(struct store *st, const char *sql, sqlite3_stmt **out, char **cause)
{
	enum err e;

	for (int i = 0; i < st->nstmts; i++)
		if (st->stmts[i].sql == sql) {
			sqlite3_stmt *q = st->stmts[i].q;
			/* in use further up (re-entered): a fresh one instead */
			if (sqlite3_stmt_busy(q))
				break;
			*out = q;
			return ERR_OK;
		}
	if ((e = store_prepare(st, sql, out, cause)) != ERR_OK)
		return e;
	if (st->nstmts < STORE_STMT_MAX) {
		int i;
		for (i = 0; i < st->nstmts; i++)
			if (st->stmts[i].sql == sql)
				return ERR_OK;	/* the kept one is busy: this one is not kept */
		st->stmts[st->nstmts].sql = sql;
		st->stmts[st->nstmts++].q = *out;
	}
	return ERR_OK;
}

void
store_done(struct store *st, sqlite3_stmt *q)
{
	if (q == NULL)
		return;
	for (int i = 0; i < st->nstmts; i++)
		if (st->stmts[i].q == q) {
			sqlite3_reset(q);
			sqlite3_clear_bindings(q);
			return;
		}
	sqlite3_finalize(q);
}

void
store_stmt_clear(struct store *st)
{
	for (int i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].q);
	st->nstmts = 0;
}

enum err
store_begin(struct store *st, char **cause)
{
	enum err e;
	int moved = 0;

	if (st->depth > 0 && !sqlite3_get_autocommit(st->db)) {
		char sql[32];
		snprintf(sql, sizeof sql, "SAVEPOINT nest%d", st->depth);
		if ((e = store_exec(st, sql, cause)) == ERR_OK)
			st->depth++;
		return e;
	}
	st->depth = 0;
	e = store_exec(st, "BEGIN IMMEDIATE", cause);
	if (e == ERR_OK)
		st->depth = 1;
	/* A database re-encrypted by another process (store_reencrypt) is a
	 * new file under the same name: what this connection would write to
	 * the old one would be lost. Checked under the write lock. */
	if (e == ERR_OK && sqlite3_file_control(st->db, "main", SQLITE_FCNTL_HAS_MOVED,
	    &moved) == SQLITE_OK && moved) {
		store_rollback(st);
		return err_set_at(cause, ERR_BUSY, st->path, TR("tệp cơ sở dữ liệu đã được thay (mã hoá "
		    "lại); hãy mở lại", "the database file was replaced (re-encrypted); "
		    "open it again"));
	}
	return e;
}

enum err
store_commit(struct store *st, char **cause)
{
	enum err e;

	if (st->depth > 1 && !sqlite3_get_autocommit(st->db)) {
		char sql[32];
		snprintf(sql, sizeof sql, "RELEASE nest%d", st->depth - 1);
		if ((e = store_exec(st, sql, cause)) == ERR_OK)
			st->depth--;
		else
			store_rollback(st);
		return e;
	}
	e = store_exec(st, "COMMIT", cause);
	if (e != ERR_OK)
		store_rollback(st);
	else
		st->depth = 0;
	return e;
}

void
store_rollback(struct store *st)
{
	if (sqlite3_get_autocommit(st->db)) {
		st->depth = 0;	/* none open, or SQLite ended it (a full disk) */
		return;
	}
	if (st->depth > 1) {
		char sql[64];
		snprintf(sql, sizeof sql, "ROLLBACK TO nest%d; RELEASE nest%d", st->depth - 1,
		    st->depth - 1);
		if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK) {
			st->depth--;
			return;
		}
	}
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->depth = 0;
}

static char *
os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *u = getenv("USER");

	if (pw != NULL && pw->pw_name != NULL)
		return xstrdup(pw->pw_name);
	return xstrdup(u != NULL && *u != '\0' ? u : "?");
}

static struct store *
store_new(const char *path)
{
	struct store *st = xcalloc(1, sizeof *st);

	st->path = xstrdup(path);
	st->user = os_user();
	st->installation = xstrdup("-");
	return st;
}

void
store_hold(struct store *st)
{
	st->holds++;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->holds > 0) {
		st->holds--;
		return;
	}
	store_stmt_clear(st);
	if (st->db != NULL)
		sqlite3_close_v2(st->db);
	store_keys_free(st->keys);
	free(st->path);
	free(st->user);
	free(st->installation);
	free(st);
}

/* Pragmas every connection needs; see storage/FORMAT.md for why. */
static enum err
configure(struct store *st, char **cause)
{
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	return store_exec(st,
	    "PRAGMA temp_store=MEMORY;"  /* no plaintext temp files */
	    "PRAGMA mmap_size=0;"        /* every read goes through the VFS */
	    "PRAGMA cache_size=-8192;"   /* 8 MiB of decrypted pages */
	    "PRAGMA synchronous=FULL;"   /* a commit is on disk when it returns */
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA trusted_schema=OFF;", cause);
}

static enum err
open_sqlite(struct store *st, int flags, char **cause)
{
	const char *vfs = store_vfs_register(st->keys);
	int rc;

	if (vfs == NULL)
		return err_set_at(cause, ERR_IO, st->path, TR("không đăng ký được VFS mã hoá",
		    "could not register the encrypting VFS"));
	/* one thread uses a connection (baocao starts none): SQLite need not
	 * lock each call on it */
	rc = sqlite3_open_v2(st->path, &st->db, flags | SQLITE_OPEN_NOMUTEX, vfs);
	if (rc != SQLITE_OK)
		return store_error(st, rc, cause);
	return configure(st, cause);
}

/* Read the key header with plain I/O. */
static enum err
read_header(const char *path, struct store_header *h, char **cause)
{
	ssize_t n;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return sys_error(path, errno, cause);
	while (got < sizeof h->raw) {
		n = read(fd, h->raw + got, sizeof h->raw - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got >= 16 && memcmp(h->raw, "SQLite format 3", 16) == 0)
		return err_set_at(cause, ERR_INVALID, path, TR("đây là tệp SQLite thường, không phải "
		    "cơ sở dữ liệu baocao", "a plain SQLite file, not a baocao database"));
	if (got < sizeof h->raw || store_header_check(h) != 0)
		return err_set_at(cause, ERR_INVALID, path, TR("không phải cơ sở dữ liệu baocao "
		    "(hoặc phần đầu tệp bị hỏng)", "not a baocao database (or its header is "
		    "damaged)"));
	return ERR_OK;
}

static enum err
unlock(struct store *st, const char *pass, char **cause)
{
	struct store_header h;
	unsigned char *master;
	enum err e;
	int rc;

	if ((e = read_header(st->path, &h, cause)) != ERR_OK)
		return e;
	master = sodium_malloc(STORE_KEY_BYTES);
	if (master == NULL)
		return err_set(cause, ERR_IO, TR("không đủ bộ nhớ khoá", "no locked memory"));
	rc = store_header_unlock_slot(&h, pass, master, &st->slot);
	if (rc == 0) {
		st->keys = store_keys_new(store_header_uuid(&h), master);
		if (st->keys == NULL)
			rc = -2;
	}
	sodium_free(master);
	if (rc == -1)
		return err_set_at(cause, ERR_WRONGPASS, st->path, TR("sai mật khẩu", "wrong passphrase"));
	if (rc != 0) {
		struct store_kdf k = STORE_KDF_DEFAULT;
		(void)store_header_cost(&h, &k);
		return store_kdf_short(cause, st->path, &k, 1);
	}
	return ERR_OK;
}

/* ---- passphrase change: the key slots and the audit agree ------------- */

/* Read the whole header, or write slot i of it (synced), through the shim. */
static int
header_io(struct store *st, struct store_header *h, int write, int i)
{
	struct store_header_io io;

	io.write = write;
	io.off = write ? STORE_SLOT_OFF + i * STORE_SLOT_SIZE : 0;
	io.data = h->raw + io.off;
	io.len = write ? STORE_SLOT_SIZE : STORE_HDR_SIZE;
	return sqlite3_file_control(st->db, "main", STORE_FCNTL_HEADER, &io);
}

/* The audit detail that records the change to the slot of generation gen
 * of this file (its uuid: a re-encrypted file starts its generations
 * again). */
static char *
rekey_mark(const struct store_header *h, unsigned long long gen)
{
	char hex[17];

	sodium_bin2hex(hex, sizeof hex, store_header_uuid(h), 8);
	return xasprintf("key slot %llu, file %s", gen, hex);
}

/* Does the audit hold the row of mark? 1 yes, 0 no, -1 error. */
static int
rekey_audited(struct store *st, const char *mark)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM audit WHERE action = 'passphrase' AND "
	    "(detail = ?1 OR detail = ?1 || ', recorded at open')", -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(q, 1, mark, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Finish a passphrase change a crash interrupted (FORMAT.md, "Changing the
 * passphrase"). Both slots in use means store_rekey stopped between writing
 * the new slot and clearing the old. If the audit holds the change, it is
 * done: the old slot is cleared, and the old passphrase, if it is what
 * opened, is refused. If not, the passphrase that opened decides: the new
 * one completes the change (its audit row, marked as recorded at open), the
 * old one undoes it (the new slot is cleared). Under the exclusive lock,
 * with the header read again: a store_rekey running now is waited for. */
static enum err
rekey_finish(struct store *st, char **cause)
{
	struct store_header h;
	unsigned long long g0, g1;
	int newer, older, done, rc, refuse = 0;
	char *mark, *detail;
	enum err e;

	if (header_io(st, &h, 0, 0) != SQLITE_OK || store_header_check(&h) != 0 ||
	    store_header_gen(&h, 0) == 0 || store_header_gen(&h, 1) == 0)
		return ERR_OK;	/* the normal case: one slot */
	if ((e = store_exec(st, "BEGIN EXCLUSIVE", cause)) != ERR_OK)
		return e;
	rc = header_io(st, &h, 0, 0);
	if (rc != SQLITE_OK) {
		e = store_error(st, rc, cause);
		store_rollback(st);
		return e;
	}
	g0 = store_header_gen(&h, 0);
	g1 = store_header_gen(&h, 1);
	if (store_header_check(&h) != 0 || g0 == 0 || g1 == 0) {
		store_rollback(st);	/* finished meanwhile */
		return ERR_OK;
	}
	newer = g1 > g0 ? 1 : 0;
	older = 1 - newer;
	mark = rekey_mark(&h, newer ? g1 : g0);
	done = rekey_audited(st, mark);
	e = ERR_OK;
	if (done < 0) {
		e = store_error(st, sqlite3_errcode(st->db), cause);
	} else if (!done && st->slot == newer) {
		/* recorded, then settled as any recorded change (the header
		 * read again under the lock taken again) */
		detail = xasprintf("%s, recorded at open", mark);
		e = store_audit(st, "passphrase", "database", detail, cause);
		free(detail);
		free(mark);
		sodium_memzero(&h, sizeof h);
		if (e == ERR_OK)
			e = store_commit(st, cause);
		store_rollback(st);
		return e == ERR_OK ? rekey_finish(st, cause) : e;
	} else if (done) {
		store_header_clear_slot(&h, older);
		if (e == ERR_OK && (rc = header_io(st, &h, 1, older)) != SQLITE_OK)
			e = store_error(st, rc, cause);
		refuse = st->slot == older;
	} else {
		store_header_clear_slot(&h, newer);
		if ((rc = header_io(st, &h, 1, newer)) != SQLITE_OK)
			e = store_error(st, rc, cause);
	}
	free(mark);
	sodium_memzero(&h, sizeof h);
	store_rollback(st);	/* nothing written in it: only the lock */
	if (e == ERR_OK && refuse)
		e = err_set_at(cause, ERR_WRONGPASS, st->path, TR("sai mật khẩu", "wrong passphrase"));
	return e;
}

/* rekey_finish for store_rekey, whose own outcome is already decided: a
 * failure here is left to the next open. */
static void
finish(struct store *st)
{
	char *cause = NULL;

	(void)rekey_finish(st, &cause);
	free(cause);
}

static enum err
open_common(const char *path, const char *pass, struct store **out, char **cause)
{
	struct store *st;
	sqlite3_stmt *q;
	enum err e;
	int rc;

	if ((e = crypto_init(cause)) != ERR_OK)
		return e;
	st = store_new(path);
	e = unlock(st, pass, cause);
	if (e == ERR_OK)
		e = open_sqlite(st, SQLITE_OPEN_READWRITE, cause);
	if (e == ERR_OK) {
		/* Prove the pages open before anything trusts them. */
		rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &q, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(q);
			sqlite3_finalize(q);
		}
		if (rc != SQLITE_ROW)
			e = store_error(st, rc, cause);
	}
	if (e == ERR_OK)
		e = store_migrate(st, 0, cause);
	if (e == ERR_OK)
		e = rekey_finish(st, cause);
	if (e == ERR_OK)
		store_install_load_identity(st);
	if (e != ERR_OK) {
		store_close(st);
		return e;
	}
	*out = st;
	return ERR_OK;
}

/* The file's identity, to notice a rename over it (store_reencrypt). */
static int
same_file(const struct stat *a, const char *path)
{
	struct stat b;

	return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

enum err
store_open(const char *path, const char *pass, struct store **out, char **cause)
{
	struct stat before;
	enum err e;
	int tries;

	/* Another process may re-encrypt the database while this one opens it:
	 * the header read, the unlock and SQLite's open must all be of the same
	 * file. If the name now points at another file, open again (the
	 * passphrase is checked again too: it may have changed with it). */
	for (tries = 0;; tries++) {
		if (stat(path, &before) != 0)
			return open_common(path, pass, out, cause);
		e = open_common(path, pass, out, cause);
		if (same_file(&before, path) || tries == 2)
			return e;
		if (e == ERR_OK)
			store_close(*out);
		free(*cause);
		*cause = NULL;
	}
}

/* Write the new file's header next to it, then link() it into place: the
 * path never holds a half-written header and an existing file is never
 * overwritten. */
static enum err
write_new_file(const char *path, const struct store_header *h, char **cause)
{
	char *tmp = xasprintf("%s.new-XXXXXX", path), *dir;
	size_t off = 0;
	ssize_t n;
	int fd, e = 0;

	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return sys_error(path, e, cause);
	}
	while (off < sizeof h->raw && e == 0) {
		n = write(fd, h->raw + off, sizeof h->raw - off);
		if (n < 0 && errno != EINTR)
			e = errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && link(tmp, path) != 0)
		e = errno;
	unlink(tmp);
	free(tmp);
	if (e == EEXIST)
		return err_set_at(cause, ERR_EXISTS, path, TR("đã có cơ sở dữ liệu ở đây; không ghi đè",
		    "a database exists here already; not overwriting it"));
	if (e != 0)
		return sys_error(path, e, cause);
	dir = xstrdup(path);
	fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	return ERR_OK;
}

enum err
store_create(const char *path, const char *pass, const struct store_options *opt,
    struct store **out, char **cause)
{
	static const struct store_options defaults = { .kdf = NULL };
	struct store_header h;
	struct store *st;
	unsigned char *master;
	int reserve = STORE_RESERVE, created = 0;
	int pgsz;
	char pragma[40];
	enum err e;

	if (opt == NULL)
		opt = &defaults;
	pgsz = opt->page_size != 0 ? opt->page_size : 4096;
	if (pgsz < 1024 || pgsz > 65536 || (pgsz & (pgsz - 1)) != 0)
		return err_set_at(cause, ERR_INVALID, path, TR("cỡ trang %d không hợp lệ (lũy thừa "
		    "của 2, từ 1024 đến 65536)", "page size %d is not valid (a power of two, "
		    "1024 to 65536)"), opt->page_size);
	if ((e = crypto_init(cause)) != ERR_OK)
		return e;
	if (access(path, F_OK) == 0)
		return err_set_at(cause, ERR_EXISTS, path, TR("đã có cơ sở dữ liệu ở đây; không ghi đè",
		    "a database exists here already; not overwriting it"));
	master = sodium_malloc(STORE_KEY_BYTES);
	if (master == NULL)
		return err_set(cause, ERR_IO, TR("không đủ bộ nhớ khoá", "no locked memory"));
	randombytes_buf(master, STORE_KEY_BYTES);
	st = store_new(path);
	if (store_header_make(&h, master, pass, opt->kdf ? opt->kdf : &STORE_KDF_DEFAULT) != 0)
		e = store_kdf_short(cause, path, opt->kdf ? opt->kdf : &STORE_KDF_DEFAULT, 0);
	if (e == ERR_OK && (e = write_new_file(path, &h, cause)) == ERR_OK)
		created = 1;
	if (e == ERR_OK && (st->keys = store_keys_new(store_header_uuid(&h), master)) == NULL)
		e = err_set(cause, ERR_IO, TR("không đủ bộ nhớ khoá", "no locked memory"));
	sodium_free(master);
	sodium_memzero(&h, sizeof h);
	if (e == ERR_OK)
		e = open_sqlite(st, SQLITE_OPEN_READWRITE, cause);
	if (e == ERR_OK &&
	    sqlite3_file_control(st->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK)
		e = err_set_at(cause, ERR_IO, path, "SQLITE_FCNTL_RESERVE_BYTES");
	snprintf(pragma, sizeof pragma, "PRAGMA page_size=%d", pgsz);
	if (e == ERR_OK)
		e = store_exec(st, pragma, cause);
	if (e == ERR_OK)
		e = store_exec(st, opt->rollback_journal ? "PRAGMA journal_mode=DELETE" :
		    "PRAGMA journal_mode=WAL", cause);
	if (e == ERR_OK)
		e = store_migrate(st, opt->schema, cause);
	if (e != ERR_OK) {
		store_close(st);
		if (created) {
			char *side = xasprintf("%s-wal", path);
			unlink(side);
			free(side);
			side = xasprintf("%s-journal", path);
			unlink(side);
			free(side);
			unlink(path);
		}
		return e;
	}
	*out = st;
	return ERR_OK;
}

enum err
store_rekey(struct store *st, const char *newpass, const struct store_kdf *kdf, char **cause)
{
	struct store_header h;
	struct store_header_io io;
	int slot, old, rc;
	char *mark;
	enum err e;

	if ((e = store_exec(st, "BEGIN EXCLUSIVE", cause)) != ERR_OK)
		return e;
	io.write = 0;
	io.data = h.raw;
	io.len = STORE_HDR_SIZE;
	io.off = 0;
	rc = sqlite3_file_control(st->db, "main", STORE_FCNTL_HEADER, &io);
	if (rc != SQLITE_OK || store_header_check(&h) != 0) {
		store_rollback(st);
		return rc != SQLITE_OK ? store_error(st, rc, cause) : err_set_at(cause, ERR_CORRUPT,
		    st->path, TR("phần đầu tệp bị hỏng", "the file header is damaged"));
	}
	if (store_header_rewrap(&h, store_keys_master(st->keys), newpass,
	    kdf ? kdf : &STORE_KDF_DEFAULT, &slot, &old) != 0) {
		store_rollback(st);
		return store_kdf_short(cause, st->path, kdf ? kdf : &STORE_KDF_DEFAULT, 0);
	}
	/* The new slot, synced, beside the old (both passphrases open); then
	 * the audit row committed: the change is done; then the old slot
	 * cleared. A crash in between leaves both slots: the next open finishes
	 * or undoes the change (rekey_finish, FORMAT.md). */
	io.write = 1;
	io.data = h.raw + STORE_SLOT_OFF + slot * STORE_SLOT_SIZE;
	io.len = STORE_SLOT_SIZE;
	io.off = STORE_SLOT_OFF + slot * STORE_SLOT_SIZE;
	rc = sqlite3_file_control(st->db, "main", STORE_FCNTL_HEADER, &io);
	if (rc != SQLITE_OK) {
		e = store_error(st, rc, cause);
		goto undo;
	}
	mark = rekey_mark(&h, store_header_gen(&h, slot));
	e = store_audit(st, "passphrase", "database", mark, cause);
	free(mark);
	if (e == ERR_OK)
		e = store_commit(st, cause);
	if (e != ERR_OK)
		goto undo;
	/* Done. The old slot is cleared under the lock taken again (a change
	 * that another process starts meanwhile sees both slots and would write
	 * over the old one): rekey_finish does that. If it cannot now, the next
	 * open does. */
	sodium_memzero(&h, sizeof h);
	st->slot = slot;
	finish(st);
	return ERR_OK;
undo:
	/* Not recorded: the new slot goes, under the lock (still held, or taken
	 * again by rekey_finish, which clears the newer slot since the audit
	 * lacks it and this connection opened the older). If that fails too,
	 * the next open with the old passphrase clears it. */
	if (!sqlite3_get_autocommit(st->db)) {
		store_header_clear_slot(&h, slot);
		(void)header_io(st, &h, 1, slot);
		store_rollback(st);
	} else {
		finish(st);
	}
	sodium_memzero(&h, sizeof h);
	return e;
}

/* ---- re-encryption ----------------------------------------------------- */

static void
unlink_with_sidecars(const char *path)
{
	char *side = xasprintf("%s-journal", path);

	unlink(side);
	free(side);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
	unlink(path);
}

/* Remove what a re-encryption killed before its rename left beside path:
 * FILE.rekey-XXXXXX and its -journal, -wal, -shm. Only called under the
 * exclusive lock, so no other re-encryption of this database is running. */
static void
remove_stale_copies(const char *path)
{
	char *d = xstrdup(path), *b = xstrdup(path), *prefix, *full;
	const char *base = basename(b), *rest;
	struct dirent *de;
	size_t n;
	DIR *dir;

	prefix = xasprintf("%s.rekey-", base);
	n = strlen(prefix);
	if ((dir = opendir(dirname(d))) != NULL) {
		while ((de = readdir(dir)) != NULL) {
			if (strncmp(de->d_name, prefix, n) != 0 || strlen(de->d_name + n) < 6)
				continue;
			rest = de->d_name + n + 6;
			if (*rest != '\0' && strcmp(rest, "-journal") != 0 &&
			    strcmp(rest, "-wal") != 0 && strcmp(rest, "-shm") != 0)
				continue;
			full = xasprintf("%s/%s", d, de->d_name);
			unlink(full);
			free(full);
		}
		closedir(dir);
	}
	free(prefix);
	free(d);
	free(b);
}

/* fsync a file or a folder by name. */
static int
sync_path(const char *path, int dir)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | (dir ? O_DIRECTORY : 0)), e = 0;

	if (fd < 0)
		return errno;
	if (fsync(fd) != 0)
		e = errno;
	close(fd);
	return e;
}

/* Make FILE.rekey-XXXXXX holding only the header h, synced. */
static enum err
make_side_file(const char *path, const struct store_header *h, char **tmpp, char **cause)
{
	char *tmp = xasprintf("%s.rekey-XXXXXX", path);
	size_t off = 0;
	ssize_t n;
	int fd, e = 0;

	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return sys_error(path, e, cause);
	}
	while (off < sizeof h->raw && e == 0) {
		n = write(fd, h->raw + off, sizeof h->raw - off);
		if (n < 0 && errno != EINTR)
			e = errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		free(tmp);
		return sys_error(path, e, cause);
	}
	*tmpp = tmp;
	return ERR_OK;
}

static int
journal_is_wal(struct store *st)
{
	sqlite3_stmt *q;
	int wal = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		wal = sqlite3_stricmp((const char *)sqlite3_column_text(q, 0), "wal") == 0;
	sqlite3_finalize(q);
	return wal;
}

/* Copy every page of st into the new store n (sqlite3_backup: the pages go
 * through both VFS shims, opened with the old key, sealed with the new). */
static enum err
copy_pages(struct store *st, struct store *n, char **cause)
{
	sqlite3_backup *b = sqlite3_backup_init(n->db, "main", st->db, "main");
	int rc;

	if (b == NULL)
		return store_error(n, sqlite3_errcode(n->db), cause);
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_IOERR_DATA || (rc & 0xff) == SQLITE_CORRUPT ?
		    store_error(st, rc, cause) : store_error(n, rc, cause);
	return store_error(n, sqlite3_errcode(n->db), cause);
}

/*
 * The steps, and what a crash after each leaves (FORMAT.md, "Re-encrypting"):
 *   1. the old connection takes SQLite's exclusive lock for good
 *      (locking_mode=EXCLUSIVE) and, in WAL mode, checkpoints the log into
 *      the file and leaves WAL (journal_mode=DELETE): nothing of the old
 *      database remains in a FILE-wal that SQLite finds by name.
 *                                           crash: the old file, old passphrase
 *   2. stray copies of a killed earlier run removed; FILE.rekey-XXXXXX
 *      gets a new header (new uuid, new master key wrapped
 *      under newpass), every page copied into it, an audit row, WAL mode
 *      back; closed (SQLite syncs each commit), fsync'd.
 *                                           crash: the same (and a stray copy)
 *   3. rename() over FILE, fsync of the folder.   crash: the new file, new
 *                                                 passphrase
 *   4. the old connection closed (it never writes again), st reopened on the
 *      new file with the new keys.
 */
enum err
store_reencrypt(struct store *st, const char *newpass, const struct store_kdf *kdf,
    char **cause)
{
	struct store_header h;
	struct store *n = NULL;
	struct store_keys *oldkeys;
	unsigned char *master = NULL;
	char *tmp = NULL, *dir = NULL;
	int was_wal, reserve = STORE_RESERVE, rc, eno, renamed = 0;
	enum err e;

	was_wal = journal_is_wal(st);
	/* 1. The exclusive lock, kept until the connection closes. */
	e = store_exec(st, "PRAGMA locking_mode=EXCLUSIVE", cause);
	if (e == ERR_OK && was_wal)
		e = store_exec(st, "PRAGMA journal_mode=DELETE", cause);
	if (e == ERR_OK && (e = store_exec(st, "BEGIN EXCLUSIVE", cause)) == ERR_OK)
		e = store_exec(st, "COMMIT", cause);
	if (e == ERR_OK && journal_is_wal(st))
		e = err_set_at(cause, ERR_BUSY, st->path, TR("cơ sở dữ liệu đang được một chương trình "
		    "baocao khác sử dụng", "the database is in use by another baocao"));
	/* 2. The copy beside it (after clearing what a killed one left). */
	if (e == ERR_OK)
		remove_stale_copies(st->path);
	if (e == ERR_OK && (master = sodium_malloc(STORE_KEY_BYTES)) == NULL)
		e = err_set(cause, ERR_IO, TR("không đủ bộ nhớ khoá", "no locked memory"));
	if (e == ERR_OK) {
		randombytes_buf(master, STORE_KEY_BYTES);
		if (store_header_make(&h, master, newpass, kdf ? kdf : &STORE_KDF_DEFAULT) != 0)
			e = store_kdf_short(cause, st->path, kdf ? kdf : &STORE_KDF_DEFAULT, 0);
	}
	if (e == ERR_OK)
		e = make_side_file(st->path, &h, &tmp, cause);
	if (e == ERR_OK) {
		n = store_new(tmp);
		free(n->user);
		n->user = xstrdup(st->user);
		free(n->installation);
		n->installation = xstrdup(st->installation);
		if ((n->keys = store_keys_new(store_header_uuid(&h), master)) == NULL)
			e = err_set(cause, ERR_IO, TR("không đủ bộ nhớ khoá", "no locked memory"));
	}
	if (master != NULL)
		sodium_free(master);
	sodium_memzero(&h, sizeof h);
	if (e == ERR_OK)
		e = open_sqlite(n, SQLITE_OPEN_READWRITE, cause);
	if (e == ERR_OK &&
	    sqlite3_file_control(n->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK)
		e = err_set_at(cause, ERR_IO, tmp, "SQLITE_FCNTL_RESERVE_BYTES");
	if (e == ERR_OK)
		e = store_exec(n, "PRAGMA journal_mode=DELETE", cause);
	if (e == ERR_OK)
		e = copy_pages(st, n, cause);
	if (e == ERR_OK && (e = store_begin(n, cause)) == ERR_OK) {
		e = store_audit(n, "passphrase", "database", "re-encrypted", cause);
		e = e == ERR_OK ? store_commit(n, cause) : (store_rollback(n), e);
	}
	if (e == ERR_OK && was_wal)
		e = store_exec(n, "PRAGMA journal_mode=WAL", cause);
	if (n != NULL && n->db != NULL) {
		/* Closing checkpoints and removes the copy's own WAL. */
		store_stmt_clear(n);
		rc = sqlite3_close(n->db);
		n->db = NULL;
		if (e == ERR_OK && rc != SQLITE_OK)
			e = err_set_at(cause, ERR_IO, tmp, TR("không đóng được bản sao: %s",
			    "could not close the copy: %s"), sqlite3_errstr(rc));
	}
	if (e == ERR_OK && (eno = sync_path(tmp, 0)) != 0)
		e = sys_error(tmp, eno, cause);
	/* 3. The switch: one rename, then the folder synced. */
	if (e == ERR_OK) {
		if (rename(tmp, st->path) != 0)
			e = sys_error(st->path, errno, cause);
		else
			renamed = 1;
	}
	if (renamed) {
		dir = xstrdup(st->path);
		if ((eno = sync_path(dirname(dir), 1)) != 0)
			e = sys_error(st->path, eno, cause);
		free(dir);
	}
	if (!renamed) {
		if (tmp != NULL)
			unlink_with_sidecars(tmp);
		free(tmp);
		if (n != NULL) {
			store_keys_free(n->keys);
			n->keys = NULL;
			store_close(n);
		}
		/* The old database as it was: its journal mode, normal locking. */
		if (was_wal)
			sqlite3_exec(st->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
		sqlite3_exec(st->db, "PRAGMA locking_mode=NORMAL; SELECT count(*) FROM "
		    "sqlite_schema", NULL, NULL, NULL);
		return e;
	}
	/* 4. The old connection goes; st now reads the new file. */
	free(tmp);
	store_stmt_clear(st);
	sqlite3_close_v2(st->db);
	st->db = NULL;
	oldkeys = st->keys;
	st->keys = n->keys;
	n->keys = NULL;
	store_close(n);
	store_keys_free(oldkeys);
	if (e == ERR_OK)
		return open_sqlite(st, SQLITE_OPEN_READWRITE, cause);
	/* The folder could not be synced: the new file is in place all the
	 * same; say so, and leave st open on it. */
	{
		char *ignored = NULL;
		if (open_sqlite(st, SQLITE_OPEN_READWRITE, &ignored) != ERR_OK) {
			sqlite3_close_v2(st->db);
			st->db = NULL;
		}
		free(ignored);
	}
	return e;
}

int
store_key_cost(struct store *st, struct store_kdf *out)
{
	struct store_header h;
	struct store_header_io io = { 0, h.raw, STORE_HDR_SIZE, 0 };
	int rc;

	if (sqlite3_file_control(st->db, "main", STORE_FCNTL_HEADER, &io) != SQLITE_OK)
		return -1;
	rc = store_header_cost(&h, out);
	sodium_memzero(&h, sizeof h);
	return rc;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

sqlite3 *
store_sqlite(struct store *st)
{
	return st->db;
}

struct store_keys *
store_keys_of(struct store *st)
{
	return st->keys;
}

void
store_set_user(struct store *st, const char *user)
{
	free(st->user);
	st->user = xstrdup(user);
}

const char *
store_user(const struct store *st)
{
	return st->user;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libfault.c: an LD_PRELOAD library that numbers every call a process makes
 * that changes what is on disk, and at one chosen call either kills the
 * process (a crash, SIGKILL: nothing of the process runs after it) or makes
 * the call fail with ENOSPC or EIO (a full disk, a failing USB stick).
 *
 * The calls counted ("points"): write, pwrite, pwrite64, writev, pwritev to
 * a regular file (writes to a terminal or pipe are output, not storage);
 * fsync, fdatasync, ftruncate, ftruncate64, rename, renameat, renameat2,
 * link, linkat, unlink, unlinkat. SQLite is a shared library whose unix VFS
 * takes these functions' addresses through the dynamic linker, so its calls
 * come here too (tests/fault/run.sh checks that a store command has points).
 *
 * Environment:
 *   FAULT_AT=N        act at the Nth point (1-based); unset or 0: only count
 *   FAULT_MODE=M      kill | enospc | eio (default kill) | hang (wait there
 *                     for a signal, for tests of what a signal mid-write
 *                     leaves behind)
 *   FAULT_STICKY=1    with enospc/eio: every later write-like call fails too
 *                     (a disk that stays full), not just the Nth
 *   FAULT_COUNT=FILE  at exit, write the number of points seen to FILE
 *   FAULT_LOG=FILE    append one line per point: "N call detail"
 *
 * The counter is per process: a command that runs another program starts
 * that one from zero (baocao runs none).
 */

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

int syscall_open_log(const char *path);
ssize_t syscall_write_log(int fd, const void *buf, size_t n);

static long fault_n;          /* points seen so far */
static long fault_at = -1;    /* -1: not read from the environment yet */
static int fault_errno;       /* 0: kill; -1: hang */
static int fault_sticky, fault_fired;

static void
fault_init(void)
{
	const char *at = getenv("FAULT_AT"), *mode = getenv("FAULT_MODE");
	const char *sticky = getenv("FAULT_STICKY");

	fault_at = at != NULL ? atol(at) : 0;
	fault_errno = 0;
	if (mode != NULL && strcmp(mode, "enospc") == 0)
		fault_errno = ENOSPC;
	else if (mode != NULL && strcmp(mode, "eio") == 0)
		fault_errno = EIO;
	else if (mode != NULL && strcmp(mode, "hang") == 0)
		fault_errno = -1;
	fault_sticky = sticky != NULL && strcmp(sticky, "1") == 0;
}

static void
fault_log(const char *call, const char *detail)
{
	const char *path = getenv("FAULT_LOG");
	char line[512];
	int fd, len;

	if (path == NULL)
		return;
	len = snprintf(line, sizeof line, "%ld %s %s\n", fault_n, call, detail ? detail : "");
	fd = syscall_open_log(path);
	if (fd < 0)
		return;
	if (len > (int)sizeof line)
		len = sizeof line;
	(void)!syscall_write_log(fd, line, (size_t)len);
	close(fd);
}

/*
 * One point: returns 0 to go on with the real call, -1 (errno set) to fail
 * it. WRITE_LIKE: a call that a full disk fails (a sticky fault fails it
 * again after the chosen point).
 */
static int
fault_point(const char *call, const char *detail, int write_like)
{
	if (fault_at < 0)
		fault_init();
	fault_n++;
	fault_log(call, detail);
	if (fault_fired && fault_sticky && write_like) {
		errno = fault_errno;
		return -1;
	}
	if (fault_at == 0 || fault_n != fault_at)
		return 0;
	fault_fired = 1;
	if (fault_errno == 0) {
		raise(SIGKILL);
		_exit(137);	/* not reached */
	}
	if (fault_errno < 0) {
		for (;;)
			pause();	/* a handler that returns: wait on */
	}
	errno = fault_errno;
	return -1;
}

/* Writes to a terminal, a pipe or /dev/null are not storage, and neither
 * is standard output or error redirected to a file (messages, not data). */
static int
is_storage(int fd)
{
	struct stat sb;

	return fd > 2 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
}

static const char *
fd_name(int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

#define REAL(ret, name, ...) \
	static ret (*real_##name)(__VA_ARGS__); \
	if (real_##name == NULL) \
		real_##name = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name)

static int fault_in_log;

int
syscall_open_log(const char *path)
{
	REAL(int, open, const char *, int, ...);
	return real_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

ssize_t
syscall_write_log(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, write, int, const void *, size_t);
	return real_write(fd, buf, n);
}

/* FD_POINT: the point for a call on descriptor FD; returns from the
 * interposer with FAIL if the call is to fail. */
#define FD_POINT(call, fd, write_like, fail) do { \
	char nb_[256]; \
	if (!fault_in_log && ((write_like) == 2 || is_storage(fd)) && \
	    fault_point(call, fd_name(fd, nb_, sizeof nb_), (write_like) != 0) != 0) \
		return fail; \
} while (0)

ssize_t
write(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, write, int, const void *, size_t);
	FD_POINT("write", fd, 1, -1);
	return real_write(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pwrite, int, const void *, size_t, off_t);
	FD_POINT("pwrite", fd, 1, -1);
	return real_pwrite(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	REAL(ssize_t, pwrite64, int, const void *, size_t, off64_t);
	FD_POINT("pwrite64", fd, 1, -1);
	return real_pwrite64(fd, buf, n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	REAL(ssize_t, writev, int, const struct iovec *, int);
	FD_POINT("writev", fd, 1, -1);
	return real_writev(fd, iov, cnt);
}

ssize_t
pwritev(int fd, const struct iovec *iov, int cnt, off_t off)
{
	REAL(ssize_t, pwritev, int, const struct iovec *, int, off_t);
	FD_POINT("pwritev", fd, 1, -1);
	return real_pwritev(fd, iov, cnt, off);
}

int
fsync(int fd)
{
	REAL(int, fsync, int);
	/* a folder's fsync counts too (it makes a rename durable) */
	FD_POINT("fsync", fd, 2, -1);
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	REAL(int, fdatasync, int);
	FD_POINT("fdatasync", fd, 2, -1);
	return real_fdatasync(fd);
}

int
ftruncate(int fd, off_t len)
{
	REAL(int, ftruncate, int, off_t);
	FD_POINT("ftruncate", fd, 1, -1);
	return real_ftruncate(fd, len);
}

int
ftruncate64(int fd, off64_t len)
{
	REAL(int, ftruncate64, int, off64_t);
	FD_POINT("ftruncate64", fd, 1, -1);
	return real_ftruncate64(fd, len);
}

#define PATH_POINT(call, path) do { \
	if (fault_point(call, path, 0) != 0) \
		return -1; \
} while (0)

int
rename(const char *from, const char *to)
{
	REAL(int, rename, const char *, const char *);
	PATH_POINT("rename", to);
	return real_rename(from, to);
}

int
renameat(int fd1, const char *from, int fd2, const char *to)
{
	REAL(int, renameat, int, const char *, int, const char *);
	PATH_POINT("renameat", to);
	return real_renameat(fd1, from, fd2, to);
}

int
renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
	REAL(int, renameat2, int, const char *, int, const char *, unsigned);
	PATH_POINT("renameat2", to);
	return real_renameat2(fd1, from, fd2, to, flags);
}

int
link(const char *from, const char *to)
{
	REAL(int, link, const char *, const char *);
	PATH_POINT("link", to);
	return real_link(from, to);
}

int
linkat(int fd1, const char *from, int fd2, const char *to, int flags)
{
	REAL(int, linkat, int, const char *, int, const char *, int);
	PATH_POINT("linkat", to);
	return real_linkat(fd1, from, fd2, to, flags);
}

int
unlink(const char *path)
{
	REAL(int, unlink, const char *);
	PATH_POINT("unlink", path);
	return real_unlink(path);
}

int
unlinkat(int fd, const char *path, int flags)
{
	REAL(int, unlinkat, int, const char *, int);
	PATH_POINT("unlinkat", path);
	return real_unlinkat(fd, path, flags);
}

__attribute__((destructor)) static void
fault_report(void)
{
	const char *path = getenv("FAULT_COUNT");
	char line[32];
	int fd, len;

	if (path == NULL)
		return;
	fault_in_log = 1;
	fd = syscall_open_log(path);
	if (fd < 0)
		return;
	len = snprintf(line, sizeof line, "%ld\n", fault_n);
	(void)!syscall_write_log(fd, line, (size_t)len);
	close(fd);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * file.c: whole files in and out (see file.h). Every file the program
 * writes for the user (bundles, packs, reports) goes through file_write_out:
 * one place that refuses devices, FIFOs, folders and symlinks, never leaves
 * half a file, and cleans up its temporary file.
 */
#include "file.h"
#include "buf.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum err
write_failed(char **cause, const char *path, int errnum)
{
	return err_set_at(cause, err_os_code(errnum), path, TR("không ghi được: %s",
	    "cannot write: %s"), err_os(errnum));
}

void
file_sync_parent(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(copy);
}

/* The temporary file being written, and the handlers it displaced, for
 * the signal handler. */
static char *volatile out_tmp;
static const int out_sigs[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction out_old[3];

/* Remove the temporary file, then do what the signal did before: die (the
 * default), or call the program's own handler (the interface notes the
 * signal and closes; the write then fails, its file gone). Ignored stays
 * ignored, and the file is kept. */
static void
out_signal(int sig)
{
	char *tmp = out_tmp;
	int i = sig == SIGINT ? 0 : sig == SIGTERM ? 1 : 2;

	if (out_old[i].sa_handler == SIG_IGN)
		return;
	if (tmp != NULL)
		unlink(tmp);
	if (out_old[i].sa_handler == SIG_DFL || (out_old[i].sa_flags & SA_SIGINFO)) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	out_old[i].sa_handler(sig);
}

static const char *
kind_name(mode_t m)
{
	if (S_ISLNK(m))
		return TR("một liên kết tượng trưng (symlink)", "a symbolic link");
	if (S_ISDIR(m))
		return TR("một thư mục", "a folder");
	if (S_ISFIFO(m))
		return TR("một đường ống (FIFO)", "a FIFO");
	if (S_ISCHR(m) || S_ISBLK(m))
		return TR("một thiết bị", "a device");
	if (S_ISSOCK(m))
		return TR("một socket", "a socket");
	return TR("không phải tệp thường", "not a regular file");
}

enum err
file_out_check(const char *path, int flags, char **cause)
{
	struct stat sb;

	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT)
			return ERR_OK;
		return err_set_at(cause, err_os_code(errno), path, TR("không ghi được: %s",
		    "cannot write: %s"), err_os(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return err_set_at(cause, ERR_INVALID, path, TR("là %s; không ghi vào đó, hãy chọn tên "
		    "tệp khác", "is %s; not writing there, choose another file name"),
		    kind_name(sb.st_mode));
	if (!(flags & FILE_FORCE))
		return err_set_at(cause, ERR_EXISTS, path, TR("đã có tệp này; thêm --force để ghi đè",
		    "the file exists; add --force to replace it"));
	return ERR_OK;
}

void
file_clean_stale(const char *path, const char *tag)
{
	char *copy = xstrdup(path), *dcopy = xstrdup(path), *prefix;
	const char *dir = dirname(dcopy);
	size_t plen;
	struct dirent *de;
	DIR *d;

	prefix = xasprintf("%s%s", basename(copy), tag);
	plen = strlen(prefix);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char *end, *victim;
			long pid;

			if (strncmp(de->d_name, prefix, plen) != 0)
				continue;
			errno = 0;
			pid = strtol(de->d_name + plen, &end, 10);
			if (end == de->d_name + plen || errno != 0 || pid <= 0)
				continue;
			/* still running (and not us: our own were never made yet) */
			if (pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
				continue;
			victim = xasprintf("%s/%s", dir, de->d_name);
			unlink(victim);
			free(victim);
		}
		closedir(d);
	}
	free(prefix);
	free(copy);
	free(dcopy);
}

enum err
file_write_out(const char *path, const void *data, size_t len, int flags, char **cause)
{
	struct sigaction sa;
	char *tmp;
	int fd;
	const unsigned char *p = data;
	size_t off = 0;
	enum err e;

	if ((e = file_out_check(path, flags, cause)) != ERR_OK)
		return e;
	file_clean_stale(path, ".tmp-");
	tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = out_signal;
	sigemptyset(&sa.sa_mask);
	out_tmp = tmp;
	for (int i = 0; i < 3; i++)
		sigaction(out_sigs[i], &sa, &out_old[i]);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		e = write_failed(cause, path, errno);
		goto out;	/* not ours: nothing to remove */
	}
	while (off < len) {
		ssize_t n = write(fd, p + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {	/* 0: nothing written, as good as full */
			e = write_failed(cause, path, n < 0 ? errno : ENOSPC);
			break;
		}
		off += (size_t)n;
	}
	if (e == ERR_OK && fsync(fd) != 0)
		e = write_failed(cause, path, errno);
	if (close(fd) != 0 && e == ERR_OK)
		e = write_failed(cause, path, errno);
	if (e == ERR_OK && !(flags & FILE_FORCE)) {
		/* one step that never replaces what appeared meanwhile */
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
			;
		else if (errno == EEXIST) {
			if ((e = file_out_check(path, flags, cause)) == ERR_OK)
				e = write_failed(cause, path, EEXIST);
		} else if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
			e = write_failed(cause, path, errno);
		else if (rename(tmp, path) != 0)	/* a FAT stick: checked above */
			e = write_failed(cause, path, errno);
	} else if (e == ERR_OK && rename(tmp, path) != 0)
		e = write_failed(cause, path, errno);
	if (e == ERR_OK)
		file_sync_parent(path);
	else
		unlink(tmp);
out:
	out_tmp = NULL;
	for (int i = 0; i < 3; i++)
		sigaction(out_sigs[i], &out_old[i], NULL);
	free(tmp);
	return e;
}

enum err
file_write(const char *path, const void *data, size_t len, char **cause)
{
	return file_write_out(path, data, len, FILE_FORCE, cause);
}

enum err
file_read(const char *path, size_t max, unsigned char **data, size_t *len, char **cause)
{
	struct stat sb;
	struct buf b;
	int fd, rc, en;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		en = errno;
		if (en == ELOOP)
			return err_set_at(cause, ERR_INVALID, path, TR("bỏ qua: liên kết tượng trưng "
			    "vòng quanh, không phải tệp thường", "skipped: a symbolic-link "
			    "loop, not a regular file"));
		return err_set_at(cause, en == ENOENT ? ERR_NOTFOUND : ERR_IO, path, TR("không đọc "
		    "được: %s", "cannot read: %s"), err_os(en));
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		en = errno;
		close(fd);
		if (!S_ISREG(sb.st_mode))
			return err_set_at(cause, ERR_INVALID, path, TR("bỏ qua: là %s, không phải tệp "
			    "thường", "skipped: %s, not a regular file"),
			    kind_name(sb.st_mode));
		return err_set_at(cause, ERR_IO, path, TR("không đọc được: %s", "cannot read: %s"),
		    err_os(en));
	}
	/* a regular file: reads never block, the flag is harmless */
	buf_init(&b, max);
	rc = buf_read_fd(&b, fd);
	en = errno;
	close(fd);
	if (rc < 0) {
		enum err e = en == EFBIG
		    ? err_set_at(cause, ERR_INVALID, path, TR("tệp lớn quá %zu byte",
		      "file larger than %zu bytes"), max)
		    : err_set_at(cause, ERR_IO, path, TR("không đọc được: %s", "cannot read: %s"),
		      err_os(en));
		buf_free(&b);
		return e;
	}
	*data = (unsigned char *)buf_detach(&b, len);
	if (*data == NULL) {
		buf_free(&b);
		return err_set_at(cause, ERR_INVALID, path, TR("tệp lớn quá %zu byte",
		    "file larger than %zu bytes"), max);
	}
	return ERR_OK;
}

enum err
file_make_parent(const char *path, char **cause)
{
	char *copy = xstrdup(path), *d, *p;
	enum err e = ERR_OK;

	d = xstrdup(dirname(copy)); /* dirname may return a static "." */
	free(copy);
	for (p = d + 1; e == ERR_OK; p++) {
		int end = (*p == '\0');
		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(d, 0700) != 0 && errno != EEXIST)
			e = err_set_at(cause, ERR_IO, d, "%s", err_os(errno));
		if (end)
			break;
		*p = '/';
	}
	free(d);
	return e;
}

const char *
file_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

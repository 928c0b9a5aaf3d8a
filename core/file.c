/*
 * file.c: whole files in and out (see file.h).
 */
#include "file.h"
#include "buf.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum err
write_failed(char **cause, const char *path, int errnum)
{
	return err_set(cause, err_os_code(errnum), TR("%s: không ghi được: %s",
	    "%s: cannot write: %s"), path, err_os(errnum));
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

enum err
file_write(const char *path, const void *data, size_t len, char **cause)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	const unsigned char *p = data;
	size_t off = 0;
	enum err e = ERR_OK;

	if (fd < 0) {
		e = write_failed(cause, path, errno);
		free(tmp);
		return e;
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
	if (e == ERR_OK && rename(tmp, path) != 0)
		e = write_failed(cause, path, errno);
	if (e == ERR_OK)
		file_sync_parent(path);
	else
		unlink(tmp);
	free(tmp);
	return e;
}

enum err
file_read(const char *path, size_t max, unsigned char **data, size_t *len, char **cause)
{
	struct buf b;

	buf_init(&b, max);
	if (buf_read_file(&b, path) < 0) {
		enum err e = errno == EFBIG
		    ? err_set(cause, ERR_INVALID, TR("%s: tệp lớn quá %zu byte",
		      "%s: file larger than %zu bytes"), path, max)
		    : err_set(cause, ERR_IO, TR("%s: không đọc được: %s", "%s: cannot read: %s"),
		      path, err_os(errno));
		buf_free(&b);
		return e;
	}
	*data = (unsigned char *)buf_detach(&b, len);
	if (*data == NULL) {
		buf_free(&b);
		return err_set(cause, ERR_INVALID, TR("%s: tệp lớn quá %zu byte",
		    "%s: file larger than %zu bytes"), path, max);
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
			e = err_set(cause, ERR_IO, "%s: %s", d, err_os(errno));
		if (end)
			break;
		*p = '/';
	}
	free(d);
	return e;
}

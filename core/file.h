/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * file.h: whole files in and out, with one-line reasons.
 */
#ifndef BAOCAO_FILE_H
#define BAOCAO_FILE_H

#include <stddef.h>

#include "err.h"

/* file_write_out's FLAGS: FILE_FORCE replaces an existing regular file. */
#define FILE_FORCE 1

/* May PATH be written as an output file? ERR_OK if nothing is there, or a
 * regular file and FILE_FORCE; ERR_EXISTS for a regular file without it (the
 * message says to add --force); ERR_INVALID for a symbolic link, a folder,
 * a FIFO, a device or a socket, which are never written to or replaced. */
enum err file_out_check(const char *path, int flags, char **cause);

/* Write a whole output file, after file_out_check(PATH, FLAGS): to a
 * temporary file beside it (PATH.tmp-PID), synced, then moved into place
 * (without FILE_FORCE by a rename that never replaces anything), then the
 * folder synced; so a full disk, a pulled stick or a crash never leaves half
 * a file under PATH. The temporary file is removed on error and when
 * SIGINT, SIGTERM or SIGHUP arrives during the write; one left by a process
 * that was killed is removed by the next write to PATH. ERR_FULL when the
 * disk is full, ERR_IO otherwise. */
enum err file_write_out(const char *path, const void *data, size_t len, int flags,
    char **cause);
/* file_write_out(PATH, ..., FILE_FORCE, ...): for callers that asked the
 * user already. */
enum err file_write(const char *path, const void *data, size_t len, char **cause);

/* Remove what a killed process left beside PATH: entries of PATH's folder
 * named PATH's last component + TAG + the number of a process that is no
 * longer running (+ anything after it), e.g. "thon.bcb.tmp-4242". */
void file_clean_stale(const char *path, const char *tag);

/* Read a whole regular file of at most MAX bytes (*data malloc'd,
 * NUL-terminated beyond *len). It is opened without blocking and checked
 * before reading: a FIFO, a device, a folder or a symbolic-link loop is
 * ERR_INVALID ("not a regular file"), never waited on. ERR_INVALID if
 * larger than MAX, ERR_NOTFOUND if missing, ERR_IO if it cannot be read. */
enum err file_read(const char *path, size_t max, unsigned char **data, size_t *len,
    char **cause);

/* Sync the folder holding PATH, so that a rename into it survives a stick
 * pulled out right after. Best effort: some file systems refuse fsync on a
 * folder (the file itself was synced before). */
void file_sync_parent(const char *path);

/* Make the directory that will hold PATH, and its parents (mode 0700). */
enum err file_make_parent(const char *path, char **cause);

/* The last part of PATH (after its last '/'), inside PATH. */
const char *file_base(const char *path);

#endif

/*
 * file.h: whole files in and out, with one-line reasons.
 */
#ifndef BAOCAO_FILE_H
#define BAOCAO_FILE_H

#include <stddef.h>

#include "err.h"

/* Write a whole file: to a temporary name beside it, synced, then renamed,
 * so a full disk or a pulled stick never leaves half a file under PATH.
 * ERR_FULL when the disk is full, ERR_IO otherwise. */
enum err file_write(const char *path, const void *data, size_t len, char **cause);
/* Read a whole file of at most MAX bytes (*data malloc'd, NUL-terminated
 * beyond *len). ERR_INVALID if larger, ERR_IO if it cannot be read. */
enum err file_read(const char *path, size_t max, unsigned char **data, size_t *len,
    char **cause);

/* Sync the folder holding PATH, so that a rename into it survives a stick
 * pulled out right after. Best effort: some file systems refuse fsync on a
 * folder (the file itself was synced before). */
void file_sync_parent(const char *path);

/* Make the directory that will hold PATH, and its parents (mode 0700). */
enum err file_make_parent(const char *path, char **cause);

#endif

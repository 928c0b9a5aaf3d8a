/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * helpers.c: temporary directories and file searches for the unit tests.
 */
#include "tests.h"
#include "../../core/mem.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
test_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *d = xasprintf("%s/baocao-test-XXXXXX", t && *t ? t : "/tmp");

	if (mkdtemp(d) == NULL)
		ck_abort_msg("mkdtemp failed");
	return d;
}

void
test_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *p;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

unsigned char *
test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = xmalloc((size_t)n + 1);
	if (fread(b, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	*len = (size_t)n;
	return b;
}

char *
test_dir_contains(const char *dir, const char *needle)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;

	if (d == NULL)
		return NULL;
	while (found == NULL && (e = readdir(d)) != NULL) {
		char *p = xasprintf("%s/%s", dir, e->d_name);
		struct stat sb;
		size_t n;
		unsigned char *b;
		if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode) && (b = test_slurp(p, &n)) != NULL) {
			if (memmem(b, n, needle, strlen(needle)) != NULL)
				found = xstrdup(e->d_name);
			free(b);
		}
		free(p);
	}
	closedir(d);
	return found;
}

int
test_line_is(const char *line, const char *want)
{
	const char *sep = " — ";
	const char *w = NULL, *l = NULL, *p;
	size_t n = strlen(sep);

	for (p = strstr(want, sep); p != NULL; p = strstr(p + 1, sep))
		w = p;
	for (p = strstr(line, sep); p != NULL; p = strstr(p + 1, sep))
		l = p;
	if (w == NULL)
		return strncmp(line, want, strlen(want)) == 0;
	return l != NULL && strncmp(line, want, (size_t)(w - want)) == 0 &&
	    strncmp(l + n, w + n, strlen(w + n)) == 0;
}

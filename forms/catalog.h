/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog: the form files of forms/catalog/, built into the binary
 * (tools/embed.sh generates the data at build time). setup installs them;
 * `baocao forms install` can replace any of them with a newer version.
 */
#ifndef BAOCAO_CATALOG_H
#define BAOCAO_CATALOG_H

#include <stddef.h>

struct catalog_file {
	const char *name;	/* file name, e.g. "nl09-thon.yaml" */
	const char *text;	/* NUL-terminated */
	size_t len;
};

extern const struct catalog_file catalog_files[];
extern const size_t catalog_nfiles;

#define CATALOG_HOLIDAYS "holidays.yaml"

#endif

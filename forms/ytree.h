/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ytree: a YAML document read into a small tree that keeps, for every node,
 * the line and column it came from, so that the form loader can report
 * errors as file:line:col.
 *
 * The scanner and parser are libyaml's; this module only assembles the
 * events into nodes. Hostile input is bounded: the text is capped by the
 * caller, nesting depth and node count are capped here, and anchors and
 * aliases are refused (they are not needed by forms, and refusing them
 * rules out "billion laughs" expansion).
 */
#ifndef BAOCAO_YTREE_H
#define BAOCAO_YTREE_H

#include <stddef.h>

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_kind kind;
	int line, col;		/* 1-based position of the node's first character */
	int quoted;		/* scalar written in quotes ('' or "") */
	int block;		/* scalar written as a | or > block */
	char *str;		/* scalar text (NUL-terminated), else NULL */
	size_t len;
	struct ynode **items;	/* SEQ: items; MAP: key, value, key, value, ... */
	size_t nitems;
};

#define YTREE_MAX_DEPTH 64
#define YTREE_MAX_NODES 200000

/*
 * Parse TEXT (LEN bytes) into a tree. Returns the root (an empty map for an
 * empty document) or NULL with *LINE, *COL and *CAUSE set (cause allocated,
 * caller frees). The tree is freed with ytree_free.
 */
struct ynode *ytree_parse(const char *text, size_t len, int *line, int *col,
			  char **cause);
void ytree_free(struct ynode *n);

/* Number of key/value pairs of a map; key and value of pair I. */
size_t ynode_pairs(const struct ynode *map);
const struct ynode *ynode_key(const struct ynode *map, size_t i);
const struct ynode *ynode_val(const struct ynode *map, size_t i);
/* The value for KEY in MAP, or NULL. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);

#endif

/*
 * sync-int.h: what the bundle and pack writers share (sync/ only).
 */
#ifndef BAOCAO_SYNC_INT_H
#define BAOCAO_SYNC_INT_H

#include <stddef.h>

#include "sync-seal.h"
#include "../storage/store.h"

/*
 * In one transaction: take the next sequence number, seal PAYLOAD as KIND
 * to the NRCPT keys RECIPIENTS (32 bytes each; none: an open pack), with
 * LABEL (bundles: the unit id) and this installation's key, run
 * SQL (may be NULL) and audit ACTION on OBJECT with "seq N" followed by
 * DETAIL. On failure nothing is recorded and no file is returned.
 */
enum err sync_write(struct store *st, enum sync_kind kind, const unsigned char *recipients,
		    size_t nrcpt, const char *label, const char *payload, const char *sql, const char *action, const char *object,
		    const char *detail, unsigned char **file, size_t *len, char **cause);

/* The limits for reading payloads at this installation: the defaults, the
 * size cap as set by 'baocao config import-limit'. */
enum err sync_limits_get(struct store *st, struct sync_limits *lim, char **cause);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-keys: keys people can change. An installation replaces its key pair
 * with `baocao keys rotate`; the old secret key signs the new public key
 * (storage/store-sync.h, store_key_rotate), and every file written after
 * carries the whole chain of such links as "key_chain" (sync/FORMAT.md):
 *
 *   [{"old": HEX32, "new": HEX32, "sig": HEX64}, ...]   oldest first
 *
 * A reader that trusts key A and receives a file signed by key B follows
 * the chain from A to B, checking each link's signature by its old key; if
 * it reaches B, B is trusted from then on (a field installation: its
 * office's key; the office: the device's key, approved for the same unit).
 * A chain that does not lead from a trusted key to the signer is no
 * evidence of anything, and the file is refused as before.
 */
#include "sync.h"
#include "sync-int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../storage/store-inst.h"
#include "../storage/store-sync.h"

#define SYNC_CHAIN_MAX 64	/* links read from a file, at most */

json_t *sync_chain_json(struct store *st, char **cause, enum err *e)
{
	struct store_key_link *l;
	size_t n;
	json_t *arr;
	char old[65], new[65], sig[129];

	*e = store_key_chain(st, &l, &n, cause);
	if (*e != ERR_OK || n == 0) {
		free(l);
		return NULL;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		sodium_bin2hex(old, sizeof old, l[i].old_pk, 32);
		sodium_bin2hex(new, sizeof new, l[i].new_pk, 32);
		sodium_bin2hex(sig, sizeof sig, l[i].sig, 64);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "old", old, "new", new,
		    "sig", sig));
	}
	free(l);
	return arr;
}

/* One link of CHAIN, decoded; 0 if it is not one. */
static int link_read(json_t *it, unsigned char old[32], unsigned char new[32],
		     unsigned char sig[64])
{
	const char *o = json_string_value(json_object_get(it, "old"));
	const char *n = json_string_value(json_object_get(it, "new"));
	const char *s = json_string_value(json_object_get(it, "sig"));
	size_t len;

	return o && n && s &&
	    sodium_hex2bin(old, 32, o, strlen(o), NULL, &len, NULL) == 0 && len == 32 &&
	    sodium_hex2bin(new, 32, n, strlen(n), NULL, &len, NULL) == 0 && len == 32 &&
	    sodium_hex2bin(sig, 64, s, strlen(s), NULL, &len, NULL) == 0 && len == 64;
}

int sync_chain_follow(json_t *chain, const unsigned char from[32], const unsigned char to[32])
{
	unsigned char cur[32], old[32], new[32], sig[64], msg[STORE_KEY_LINK_MSG_LEN];
	size_t steps = 0, i;
	json_t *it;
	int moved = 1;

	if (!json_is_array(chain) || json_array_size(chain) > SYNC_CHAIN_MAX)
		return 0;
	memcpy(cur, from, 32);
	/* each pass takes one verified step from CUR; at most one per link */
	while (sodium_memcmp(cur, to, 32) != 0 && moved && steps++ < SYNC_CHAIN_MAX) {
		moved = 0;
		json_array_foreach(chain, i, it) {
			if (!link_read(it, old, new, sig) || sodium_memcmp(old, cur, 32) != 0)
				continue;
			store_key_link_msg(old, new, msg);
			if (crypto_sign_verify_detached(sig, msg, sizeof msg, old) != 0)
				continue;
			memcpy(cur, new, 32);
			moved = 1;
			break;
		}
	}
	return sodium_memcmp(cur, to, 32) == 0;
}

int sync_chain_origin(json_t *chain, size_t i, unsigned char old[32])
{
	unsigned char new[32], sig[64];

	return json_is_array(chain) && i < json_array_size(chain) && i < SYNC_CHAIN_MAX &&
	    link_read(json_array_get(chain, i), old, new, sig);
}

enum err sync_keys_rotate(struct store *st, char fpr[STORE_FPR_LEN + 1], char **cause)
{
	unsigned char pk[32];
	int revoked;
	enum err e = sync_revoked(st, &revoked, cause);

	if (e == ERR_OK && revoked)
		return err_set(cause, ERR_INVALID, "%s", TR("văn phòng đã thu hồi thiết bị này: "
		    "không đổi khoá được; hãy liên hệ văn phòng xã", "the office has revoked this "
		    "device: its key cannot be changed; contact the commune office"));
	if (e == ERR_OK)
		e = store_key_rotate(st, pk, cause);
	if (e == ERR_OK)
		store_fingerprint(pk, fpr);
	return e;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-write: sealing a payload as this installation, recorded in the
 * same transaction as the sequence number and the audit line; and the
 * limits this installation reads payloads under (sync-int.h).
 */
#include "sync-int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../storage/store-audit.h"
#include "../storage/store-settings.h"
#include "sync.h"
#include "../storage/store-sync.h"

/* Does the office know this device's key (SK's): has it sealed a pack
 * to it? Then a bundle names the key by fingerprint. */
static enum err key_known(struct store *st, const unsigned char *sk, int *known, char **cause)
{
	char hex[65], *v = NULL;
	enum err e = store_setting_get(st, SYNC_SETTING_KEY_KNOWN, &v, cause);

	sodium_bin2hex(hex, sizeof hex, sk + 32, 32);
	*known = e == ERR_OK && v != NULL && strcmp(v, hex) == 0;
	free(v);
	return e;
}

static enum err write_any(struct store *st, enum sync_kind kind,
			  const unsigned char *recipients, size_t nrcpt, const char *label,
			  json_t *root, const char *tail, const char *sql, const char *action,
			  const char *object, const char *detail, const struct sync_dict *dict,
			  int with_key, unsigned char **file, size_t *len, char **cause)
{
	unsigned char *sk = NULL;
	char *payload = NULL;
	uint64_t seq = 0;
	int known = 0;
	enum err e;

	*file = NULL;
	*len = 0;
	e = store_begin(st, cause);
	if (e == ERR_OK)
		e = store_next_seq(st, &seq, cause);
	if (e == ERR_OK)
		e = store_install_secret(st, &sk, cause);
	/* a pack vouches for its own number, so that a device can later
	 * prove to a restored office which pack it applied (sync-int.h) */
	if (e == ERR_OK && kind == SYNC_PACK) {
		unsigned char msg[SYNC_SEQ_MSG_LEN], sig[64];
		char hex[129];
		sync_seq_msg(sk + 32, seq, msg);
		crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
		sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
		json_object_set_new(root, "seq_sig", json_string(hex));
		/* ... and in 16 bytes, which is what a bundle carries back */
		sync_seq_mac(sk, seq, sig);
		sodium_bin2hex(hex, sizeof hex, sig, SYNC_SEQ_MAC_SIZE);
		json_object_set_new(root, "seq_mac", json_string(hex));
	}
	if (e == ERR_OK) {
		char *head = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
		payload = tail != NULL ? xasprintf("%s\n%s", head, tail) : head;
		if (tail != NULL)
			free(head);
		/* a bundle goes to the office alone: format 4, its sender named
		 * by fingerprint once the office knows the key */
		if (kind == SYNC_BUNDLE && nrcpt == 1 && !with_key)
			e = key_known(st, sk, &known, cause);
		if (e == ERR_OK && kind == SYNC_BUNDLE && nrcpt == 1)
			e = sync_seal_compact(sk, recipients, known, label, seq, store_now(), dict,
					      payload, strlen(payload), file, len, cause);
		else if (e == ERR_OK)
			e = sync_seal_dict(kind, sk, recipients, nrcpt, label, seq, store_now(),
					   dict, payload, strlen(payload), file, len, cause);
	}
	if (e == ERR_OK && sql != NULL)
		e = store_exec(st, sql, cause);
	if (e == ERR_OK) {
		char *d = xasprintf("seq %llu: %s", (unsigned long long)seq, detail);
		e = store_audit(st, action, object, d, cause);
		free(d);
	}
	if (e == ERR_OK)
		e = store_commit(st, cause);
	store_secret_free(sk);
	free(payload);
	if (e != ERR_OK) {
		store_rollback(st);
		free(*file);
		*file = NULL;
		*len = 0;
	}
	return e;
}

enum err sync_write(struct store *st, enum sync_kind kind, const unsigned char *recipients,
		    size_t nrcpt, const char *label, json_t *root, const char *tail, const char *sql,
		    const char *action, const char *object, const char *detail,
		    const struct sync_dict *dict, unsigned char **file, size_t *len, char **cause)
{
	return write_any(st, kind, recipients, nrcpt, label, root, tail, sql, action, object,
			 detail, dict, 0, file, len, cause);
}

enum err sync_write_bundle(struct store *st, const unsigned char *office, const char *label,
			   json_t *root, const char *tail, const char *sql, const char *action,
			   const char *object, const char *detail, const struct sync_dict *dict,
			   int with_key, unsigned char **file, size_t *len, char **cause)
{
	return write_any(st, SYNC_BUNDLE, office, 1, label, root, tail, sql, action, object,
			 detail, dict, with_key, file, len, cause);
}

enum err sync_limits_get(struct store *st, struct sync_limits *lim, char **cause)
{
	char *v = NULL, *end;
	unsigned long mib;
	enum err e;

	*lim = sync_default_limits;
	e = store_setting_get(st, SYNC_SETTING_IMPORT_LIMIT, &v, cause);
	if (e != ERR_OK || v == NULL)
		return e;
	mib = strtoul(v, &end, 10);
	if (*v != '\0' && *end == '\0' && mib >= 1 && mib <= SYNC_MAX_PLAIN / (1024 * 1024))
		lim->max_plain = lim->max_file = (size_t)mib * 1024 * 1024;
	free(v);
	return ERR_OK;
}

void sync_seq_msg(const unsigned char pk[32], uint64_t seq, unsigned char msg[SYNC_SEQ_MSG_LEN])
{
	memcpy(msg, SYNC_SEQ_CONTEXT, sizeof SYNC_SEQ_CONTEXT - 1);
	memcpy(msg + sizeof SYNC_SEQ_CONTEXT - 1, pk, 32);
	for (int i = 0; i < 8; i++)
		msg[SYNC_SEQ_MSG_LEN - 1 - i] = (unsigned char)(seq >> (8 * i));
}

int sync_seq_verify(const unsigned char pk[32], uint64_t seq, const char *sighex)
{
	unsigned char msg[SYNC_SEQ_MSG_LEN], sig[64];
	size_t n = 0;

	if (sighex == NULL || strlen(sighex) != 128 ||
	    sodium_hex2bin(sig, sizeof sig, sighex, 128, NULL, &n, NULL) != 0 || n != 64)
		return 0;
	sync_seq_msg(pk, seq, msg);
	return crypto_sign_verify_detached(sig, msg, sizeof msg, pk) == 0;
}

void sync_seq_mac(const unsigned char *sk, uint64_t seq, unsigned char mac[SYNC_SEQ_MAC_SIZE])
{
	unsigned char msg[sizeof SYNC_SEQ_MAC_CONTEXT - 1 + 32 + 8];

	memcpy(msg, SYNC_SEQ_MAC_CONTEXT, sizeof SYNC_SEQ_MAC_CONTEXT - 1);
	memcpy(msg + sizeof SYNC_SEQ_MAC_CONTEXT - 1, sk + 32, 32);
	for (int i = 0; i < 8; i++)
		msg[sizeof msg - 1 - i] = (unsigned char)(seq >> (8 * i));
	crypto_generichash(mac, SYNC_SEQ_MAC_SIZE, msg, sizeof msg, sk, 32);
}

int sync_seq_mac_verify(const unsigned char *sk, uint64_t seq, const char *hex)
{
	unsigned char want[SYNC_SEQ_MAC_SIZE], got[SYNC_SEQ_MAC_SIZE];
	size_t n = 0;

	if (hex == NULL || strlen(hex) != 2 * SYNC_SEQ_MAC_SIZE ||
	    sodium_hex2bin(got, sizeof got, hex, 2 * SYNC_SEQ_MAC_SIZE, NULL, &n, NULL) != 0 ||
	    n != SYNC_SEQ_MAC_SIZE)
		return 0;
	sync_seq_mac(sk, seq, want);
	return sodium_memcmp(want, got, sizeof want) == 0;
}

enum err sync_file_check(struct store *st, size_t len, char **cause)
{
	struct sync_limits lim;
	enum err e = sync_limits_get(st, &lim, cause);

	if (e != ERR_OK || len <= lim.max_file)
		return e;
	return err_set(cause, ERR_CORRUPT, TR("tệp dài %zu byte, quá giới hạn %zu byte của tệp "
	    "trao đổi ('baocao config import-limit MIB' để đổi)", "the file is %zu bytes, over "
	    "the limit of %zu bytes for an exchange file ('baocao config import-limit MIB' "
	    "changes it)"), len, lim.max_file);
}

enum err sync_file_limit(struct store *st, size_t *max, char **cause)
{
	struct sync_limits lim;
	enum err e = sync_limits_get(st, &lim, cause);

	*max = lim.max_file;
	return e;
}

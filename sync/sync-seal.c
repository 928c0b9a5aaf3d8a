/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-seal: write and open sealed files, formats 2 to 4 (see
 * sync-seal.h, FORMAT.md). Everything a reader believes comes from the
 * inner file, after its signature holds; the clear header and the slots
 * only route the file, and are bound to the ciphertext as associated data
 * (format 4: to the signature).
 */
#include "sync-seal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "../core/bytes.h"
#include "../core/mem.h"

#define ZSTD_LEVEL 19
#define NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_SIZE crypto_aead_xchacha20poly1305_ietf_ABYTES
#define CKEY_SIZE crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define SEALED_CKEY (crypto_box_SEALBYTES + CKEY_SIZE)

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

void sync_key_id(const unsigned char pk[SYNC_KEY_SIZE], unsigned char id[SYNC_KEYID_SIZE])
{
	crypto_generichash(id, SYNC_KEYID_SIZE, pk, SYNC_KEY_SIZE,
			   (const unsigned char *)"baocao key id", 13);
}

/* The signature is over a fixed context followed by the inner file. */
/*
 * The X25519 form of an Ed25519 public key (1 if it is one): the
 * conversion is a field inversion, about a third of opening a small file,
 * and an import opens every file with the same office key, so the last
 * key converted is remembered (public values only; one per thread).
 */
static int ed_pk_to_x(unsigned char xpk[crypto_box_PUBLICKEYBYTES],
		      const unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	static _Thread_local unsigned char last_pk[crypto_sign_PUBLICKEYBYTES];
	static _Thread_local unsigned char last_x[crypto_box_PUBLICKEYBYTES];
	static _Thread_local int have;

	if (have && memcmp(last_pk, pk, sizeof last_pk) == 0) {
		memcpy(xpk, last_x, sizeof last_x);
		return 1;
	}
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, pk) != 0)
		return 0;
	memcpy(last_pk, pk, sizeof last_pk);
	memcpy(last_x, xpk, sizeof last_x);
	have = 1;
	return 1;
}

static void sig_hash_input(crypto_sign_state *s, const unsigned char *inner, size_t n)
{
	crypto_sign_init(s);
	crypto_sign_update(s, (const unsigned char *)SYNC_SIG_CONTEXT, sizeof SYNC_SIG_CONTEXT);
	crypto_sign_update(s, inner, n);
}

/* One zstd frame of PAYLOAD, with DICT if not NULL (its id is in the
 * file's header, not repeated in the frame). */
static unsigned char *compress(const void *payload, size_t len, const struct sync_dict *dict,
			       size_t *clen, char **cause)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t bound = ZSTD_compressBound(len), r;
	unsigned char *comp;

	if (cc == NULL)
		abort();	/* out of memory, as xmalloc */
	comp = xmalloc(bound);
	/* a small window, so that a reader can refuse any frame needing more */
	r = ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, ZSTD_LEVEL);
	if (!ZSTD_isError(r))
		r = ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, SYNC_ZSTD_WINDOW_LOG);
	if (!ZSTD_isError(r))
		r = ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, 1);
	if (!ZSTD_isError(r) && dict != NULL)
		r = ZSTD_CCtx_setParameter(cc, ZSTD_c_dictIDFlag, 0);
	if (!ZSTD_isError(r) && dict != NULL)
		r = ZSTD_CCtx_loadDictionary(cc, dict->bytes, dict->len);
	if (!ZSTD_isError(r))
		r = ZSTD_compress2(cc, comp, bound, payload, len);
	ZSTD_freeCCtx(cc);
	if (ZSTD_isError(r)) {
		free(comp);
		err_set(cause, ERR_INVALID, "zstd: %s", ZSTD_getErrorName(r));
		return NULL;
	}
	*clen = r;
	return comp;
}

enum err sync_seal_frame_dict(enum sync_kind kind, const unsigned char *sender_sk,
			      const unsigned char *recipients, size_t nrcpt, const char *label,
			      uint64_t seq, int64_t created, uint32_t dict_id,
			      uint32_t plain_len, const unsigned char *frame, size_t clen,
			      unsigned char **out, size_t *outlen, char **cause)
{
	unsigned version = dict_id != 0 ? SYNC_VERSION_DICT : SYNC_VERSION;
	size_t fixed = dict_id != 0 ? SYNC_INNER_FIXED_DICT : SYNC_INNER_FIXED;
	size_t llen = label ? strlen(label) : 0, ilen, total, hlen;
	unsigned char *inner, *file, *p, ckey[CKEY_SIZE];
	crypto_sign_state ss;

	*out = NULL;
	*outlen = 0;
	if (llen > SYNC_LABEL_MAX || nrcpt > SYNC_MAX_RECIPIENTS || clen > SYNC_MAX_FILE)
		return err_set(cause, ERR_INVALID, "%s", TR("nhãn, danh sách người nhận hoặc nội "
							    "dung quá dài", "label, recipient list "
							    "or content too long"));
	if (nrcpt == 0 && kind == SYNC_BUNDLE)
		return err_set(cause, ERR_INVALID, "%s", TR("tệp báo cáo phải được niêm phong cho "
							    "văn phòng", "a bundle must be sealed to "
							    "the office"));

	/* the inner file, signed */
	ilen = fixed + SYNC_KEY_SIZE * nrcpt + llen + clen + SYNC_SIG_SIZE;
	inner = xmalloc(ilen);
	memcpy(inner, SYNC_INNER_MAGIC, 8);
	put16(inner + 8, version);
	inner[10] = (unsigned char)kind;
	inner[11] = 0;
	memcpy(inner + 12, sender_sk + 32, SYNC_KEY_SIZE);	/* Ed25519 sk = seed | pk */
	put64(inner + 44, seq);
	put64(inner + 52, (uint64_t)created);
	put32(inner + 60, plain_len);
	put32(inner + 64, (uint32_t)clen);
	inner[68] = (unsigned char)llen;
	inner[69] = 0;
	put16(inner + 70, (uint16_t)nrcpt);
	if (dict_id != 0)
		put32(inner + SYNC_INNER_FIXED, dict_id);
	p = inner + fixed;
	if (nrcpt > 0)
		memcpy(p, recipients, SYNC_KEY_SIZE * nrcpt);
	p += SYNC_KEY_SIZE * nrcpt;
	if (llen > 0)
		memcpy(p, label, llen);
	p += llen;
	if (clen > 0)
		memcpy(p, frame, clen);
	p += clen;
	sig_hash_input(&ss, inner, ilen - SYNC_SIG_SIZE);
	crypto_sign_final_create(&ss, p, NULL, sender_sk);

	/* the clear header and slots, then the body */
	hlen = SYNC_HEADER_SIZE + SYNC_SLOT_SIZE * nrcpt;
	total = hlen + (nrcpt > 0 ? NONCE_SIZE + ilen + TAG_SIZE : ilen);
	file = xmalloc(total);
	memcpy(file, SYNC_MAGIC, 8);
	put16(file + 8, version);
	file[10] = (unsigned char)kind;
	file[11] = nrcpt == 0 ? 1 : 0;		/* bit 0: open */
	put16(file + 12, (uint16_t)nrcpt);
	put16(file + 14, 0);
	if (nrcpt == 0) {
		memcpy(file + hlen, inner, ilen);
	} else {
		crypto_aead_xchacha20poly1305_ietf_keygen(ckey);
		for (size_t i = 0; i < nrcpt; i++) {
			unsigned char *slot = file + SYNC_HEADER_SIZE + SYNC_SLOT_SIZE * i;
			unsigned char xpk[crypto_box_PUBLICKEYBYTES];
			const unsigned char *pk = recipients + SYNC_KEY_SIZE * i;

			sync_key_id(pk, slot);
			if (crypto_sign_ed25519_pk_to_curve25519(xpk, pk) != 0 ||
			    crypto_box_seal(slot + SYNC_KEYID_SIZE, ckey, CKEY_SIZE, xpk) != 0) {
				sodium_memzero(ckey, sizeof ckey);
				free(inner);
				free(file);
				return err_set(cause, ERR_INVALID, "%s",
					       TR("khóa người nhận không hợp lệ",
						  "a recipient key is not valid"));
			}
			memset(slot + SYNC_KEYID_SIZE + SEALED_CKEY, 0,
			       SYNC_SLOT_SIZE - SYNC_KEYID_SIZE - SEALED_CKEY);
		}
		randombytes_buf(file + hlen, NONCE_SIZE);
		crypto_aead_xchacha20poly1305_ietf_encrypt(file + hlen + NONCE_SIZE, NULL, inner,
							   ilen, file, hlen, NULL, file + hlen,
							   ckey);
		sodium_memzero(ckey, sizeof ckey);
	}
	sodium_memzero(inner, ilen);
	free(inner);
	*out = file;
	*outlen = total;
	return ERR_OK;
}

enum err sync_seal_frame(enum sync_kind kind, const unsigned char *sender_sk,
			 const unsigned char *recipients, size_t nrcpt, const char *label,
			 uint64_t seq, int64_t created, uint32_t plain_len,
			 const unsigned char *frame, size_t clen, unsigned char **out,
			 size_t *outlen, char **cause)
{
	return sync_seal_frame_dict(kind, sender_sk, recipients, nrcpt, label, seq, created, 0,
				    plain_len, frame, clen, out, outlen, cause);
}

enum err sync_seal(enum sync_kind kind, const unsigned char *sender_sk,
		   const unsigned char *recipients, size_t nrcpt, const char *label,
		   uint64_t seq, int64_t created, const void *payload, size_t len,
		   unsigned char **out, size_t *outlen, char **cause)
{
	return sync_seal_dict(kind, sender_sk, recipients, nrcpt, label, seq, created, NULL,
			      payload, len, out, outlen, cause);
}

enum err sync_seal_dict(enum sync_kind kind, const unsigned char *sender_sk,
			const unsigned char *recipients, size_t nrcpt, const char *label,
			uint64_t seq, int64_t created, const struct sync_dict *dict,
			const void *payload, size_t len, unsigned char **out, size_t *outlen,
			char **cause)
{
	unsigned char *comp;
	size_t clen;
	enum err e;

	*out = NULL;
	*outlen = 0;
	if (len > SYNC_MAX_PLAIN)
		return err_set(cause, ERR_INVALID, TR("dữ liệu lớn quá %u byte",
						      "payload larger than %u bytes"), SYNC_MAX_PLAIN);
	if (dict != NULL && dict->id == 0)
		dict = NULL;
	if ((comp = compress(payload, len, dict, &clen, cause)) == NULL)
		return ERR_INVALID;
	e = sync_seal_frame_dict(kind, sender_sk, recipients, nrcpt, label, seq, created,
				 dict ? dict->id : 0, (uint32_t)len, comp, clen, out, outlen,
				 cause);
	free(comp);
	return e;
}

void sync_fpr_bytes(const unsigned char pk[SYNC_KEY_SIZE], unsigned char fpr[SYNC_FPR_SIZE])
{
	crypto_generichash(fpr, SYNC_FPR_SIZE, pk, SYNC_KEY_SIZE, NULL, 0);
}

/* LEB128: 7 bits a byte, least significant first; at most 10 bytes. */
static size_t put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* A varint at *P (before END): 0 if cut short, longer than 10 bytes, past
 * 64 bits or not written in its fewest bytes (every value has one
 * spelling, as every byte is signed). */
static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < 10 && *p + i < end; i++) {
		unsigned char b = (*p)[i];
		if (i == 9 && b > 1)
			return 0;
		r |= (uint64_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			if (b == 0 && i > 0)
				return 0;
			*p += i + 1;
			*v = r;
			return 1;
		}
	}
	return 0;
}

/* Format 4's signature: the context, the clear header, the office's key
 * (the recipient, never written: a content signed for one office does not
 * verify at another), then the inner file up to the signature. */
static void sig4_input(crypto_sign_state *s, const unsigned char *clear,
		       const unsigned char *office, const unsigned char *inner, size_t n)
{
	crypto_sign_init(s);
	crypto_sign_update(s, (const unsigned char *)SYNC_SIG_CONTEXT4, sizeof SYNC_SIG_CONTEXT4);
	crypto_sign_update(s, clear, SYNC_HEADER4_SIZE);
	crypto_sign_update(s, office, SYNC_KEY_SIZE);
	crypto_sign_update(s, inner, n);
}

enum err sync_seal_compact_frame(const unsigned char *sender_sk, const unsigned char *office,
				 int by_fpr, const char *label, uint64_t seq, int64_t created,
				 uint32_t dict_id, uint64_t plain_len,
				 const unsigned char *frame, size_t clen, unsigned char **out,
				 size_t *outlen, char **cause)
{
	size_t llen = label && !by_fpr ? strlen(label) : 0, ilen, total;
	unsigned char *inner, *file, *p, xpk[crypto_box_PUBLICKEYBYTES];
	crypto_sign_state ss;

	*out = NULL;
	*outlen = 0;
	if (llen > SYNC_LABEL_MAX || clen > SYNC_MAX_FILE)
		return err_set(cause, ERR_INVALID, "%s", TR("nhãn hoặc nội dung quá dài",
							    "label or content too long"));
	/* flags, the sender, the label, four varints, the frame, the signature */
	ilen = 1 + (by_fpr ? SYNC_FPR_SIZE : SYNC_KEY_SIZE + 1 + llen) + 4 * 10 + clen +
	       SYNC_SIG_SIZE;
	inner = xmalloc(ilen);
	p = inner;
	*p++ = by_fpr ? 0 : 1;			/* bit 0: the whole key and the label */
	if (by_fpr) {
		sync_fpr_bytes(sender_sk + 32, p);
		p += SYNC_FPR_SIZE;
	} else {
		memcpy(p, sender_sk + 32, SYNC_KEY_SIZE);	/* Ed25519 sk = seed | pk */
		p += SYNC_KEY_SIZE;
		*p++ = (unsigned char)llen;
		if (llen > 0)
			memcpy(p, label, llen);
		p += llen;
	}
	p += put_varint(p, seq);
	p += put_varint(p, (uint64_t)created);
	p += put_varint(p, dict_id);
	p += put_varint(p, plain_len);
	if (clen > 0)
		memcpy(p, frame, clen);
	p += clen;
	ilen = (size_t)(p - inner) + SYNC_SIG_SIZE;

	total = SYNC_HEADER4_SIZE + crypto_box_SEALBYTES + ilen;
	file = xmalloc(total);
	memcpy(file, SYNC_MAGIC, 8);
	put16(file + 8, SYNC_VERSION_COMPACT);
	file[10] = SYNC_BUNDLE;
	sig4_input(&ss, file, office, inner, ilen - SYNC_SIG_SIZE);
	crypto_sign_final_create(&ss, p, NULL, sender_sk);
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, office) != 0 ||
	    crypto_box_seal(file + SYNC_HEADER4_SIZE, inner, ilen, xpk) != 0) {
		sodium_memzero(inner, ilen);
		free(inner);
		free(file);
		return err_set(cause, ERR_INVALID, "%s", TR("khóa người nhận không hợp lệ",
							    "a recipient key is not valid"));
	}
	sodium_memzero(inner, ilen);
	free(inner);
	*out = file;
	*outlen = total;
	return ERR_OK;
}

enum err sync_seal_compact(const unsigned char *sender_sk, const unsigned char *office,
			   int by_fpr, const char *label, uint64_t seq, int64_t created,
			   const struct sync_dict *dict, const void *payload, size_t len,
			   unsigned char **out, size_t *outlen, char **cause)
{
	unsigned char *comp;
	size_t clen;
	enum err e;

	*out = NULL;
	*outlen = 0;
	if (len > SYNC_MAX_PLAIN)
		return err_set(cause, ERR_INVALID, TR("dữ liệu lớn quá %u byte",
						      "payload larger than %u bytes"), SYNC_MAX_PLAIN);
	if (dict != NULL && dict->id == 0)
		dict = NULL;
	if ((comp = compress(payload, len, dict, &clen, cause)) == NULL)
		return ERR_INVALID;
	e = sync_seal_compact_frame(sender_sk, office, by_fpr, label, seq, created,
				    dict ? dict->id : 0, len, comp, clen, out, outlen, cause);
	free(comp);
	return e;
}

void sync_opened_free(struct sync_opened *o)
{
	if (o->inner != NULL) {
		sodium_memzero(o->inner, o->inner_len);
		free(o->inner);
	}
	memset(o, 0, sizeof *o);
}

static enum err refuse(char **cause, enum err e, const char *msg)
{
	return err_set(cause, e, "%s", msg);
}

/* The clear header: the shape only; nothing in it is believed. */
static enum err check_clear(enum sync_kind kind, const unsigned char *file, size_t len,
			    size_t *nslots, int *open, char **cause)
{
	unsigned version;

	if (len < 10 || memcmp(file, SYNC_MAGIC, 8) != 0)
		return refuse(cause, ERR_INVALID, TR("không phải tệp trao đổi của baocao",
						     "not a baocao exchange file"));
	version = get16(file + 8);
	if (version == 1)
		return refuse(cause, ERR_INVALID, kind == SYNC_BUNDLE
			? TR("tệp định dạng 1 (bản baocao cũ) không còn được nhận vì có thể bị ký "
			     "lại và không niêm phong người gửi; hãy cập nhật baocao ở đơn vị rồi xuất "
			     "lại ('baocao export')", "a format-1 file (an older baocao) is no longer "
			     "accepted: it can be re-signed and shows its sender; update baocao at "
			     "the unit and export again ('baocao export')")
			: TR("gói định dạng 1 (bản baocao cũ) không còn được nhận; hãy nhờ văn phòng "
			     "cập nhật baocao và làm lại gói ('baocao pack')", "a format-1 pack (an "
			     "older baocao) is no longer accepted; ask the office to update baocao "
			     "and write the pack again ('baocao pack')"));
	if (version > SYNC_VERSION_MAX)
		return err_set(cause, ERR_VERSION, TR("tệp do bản baocao mới hơn tạo (định dạng %u); "
						      "hãy cập nhật", "made by a newer baocao (format "
						      "%u); update this one"), version);
	if (version == 0)
		return refuse(cause, ERR_CORRUPT, TR("phiên bản định dạng không hợp lệ",
						     "invalid format version"));
	if (version == SYNC_VERSION_COMPACT) {
		/* the compact layout: magic, version, kind, then the sealed box */
		if (len < SYNC_HEADER4_SIZE)
			return err_set(cause, ERR_CORRUPT, TR("tệp bị cắt cụt (%zu byte)",
							      "the file is truncated (%zu bytes)"), len);
		if (file[10] != SYNC_BUNDLE)
			return refuse(cause, ERR_CORRUPT, TR("định dạng 4 chỉ dùng cho tệp báo cáo "
							     "của đơn vị; tệp này ghi loại khác",
							     "format 4 is for a unit's bundles only; "
							     "this file names another kind"));
		if (kind != SYNC_BUNDLE)
			return refuse(cause, ERR_INVALID, TR("đây là tệp báo cáo của đơn vị, không "
							     "phải gói của văn phòng", "this is a "
							     "unit's bundle, not an office pack"));
		*nslots = 1;
		*open = 0;
		return ERR_OK;
	}
	if (len < SYNC_HEADER_SIZE)
		return err_set(cause, ERR_CORRUPT, TR("tệp bị cắt cụt (%zu byte)",
						      "the file is truncated (%zu bytes)"), len);
	if (file[10] != SYNC_BUNDLE && file[10] != SYNC_PACK)
		return refuse(cause, ERR_CORRUPT, TR("loại tệp không hợp lệ", "invalid file kind"));
	if (file[10] != kind)
		return refuse(cause, ERR_INVALID, kind == SYNC_BUNDLE
			      ? TR("đây là gói của văn phòng, không phải tệp báo cáo của đơn vị",
				   "this is an office pack, not a unit's bundle")
			      : TR("đây là tệp báo cáo của đơn vị, không phải gói của văn phòng",
				   "this is a unit's bundle, not an office pack"));
	*nslots = get16(file + 12);
	*open = file[11] & 1;
	if ((file[11] & ~1u) != 0 || get16(file + 14) != 0 || (*open != (*nslots == 0)) ||
	    *nslots > SYNC_MAX_RECIPIENTS)
		return refuse(cause, ERR_CORRUPT, TR("phần đầu tệp không hợp lệ",
						     "the file's header is not valid"));
	if (*open && kind == SYNC_BUNDLE)
		return refuse(cause, ERR_INVALID, TR("tệp báo cáo không được niêm phong: bị từ chối "
						     "(chỉ nhận tệp mã hóa cho văn phòng)", "the bundle "
						     "is not sealed: refused (only bundles encrypted "
						     "to the office are accepted)"));
	if (kind == SYNC_BUNDLE && *nslots != 1)
		return refuse(cause, ERR_INVALID, TR("tệp báo cáo niêm phong cho nhiều người nhận: "
						     "bị từ chối (chỉ cho văn phòng)", "the bundle "
						     "is sealed to several recipients: refused "
						     "(bundles go to the office alone)"));
	if (len < SYNC_HEADER_SIZE + SYNC_SLOT_SIZE * *nslots)
		return err_set(cause, ERR_CORRUPT, TR("tệp bị cắt cụt (%zu byte)",
						      "the file is truncated (%zu bytes)"), len);
	return ERR_OK;
}

/* Decrypt the body with the content key sealed in our slot. */
static enum err decrypt(const unsigned char *file, size_t len, size_t nslots,
			const unsigned char *my_sk, unsigned char **inner, size_t *ilen,
			char **cause)
{
	size_t hlen = SYNC_HEADER_SIZE + SYNC_SLOT_SIZE * nslots;
	unsigned char id[SYNC_KEYID_SIZE], ckey[CKEY_SIZE];
	unsigned char xpk[crypto_box_PUBLICKEYBYTES], xsk[crypto_box_SECRETKEYBYTES];
	const unsigned char *slot = NULL;
	unsigned long long got;
	int bad;

	if (my_sk == NULL)
		return refuse(cause, ERR_INVALID, TR("gói này chỉ dành cho các thiết bị đã được văn "
						     "phòng duyệt; để cài máy mới hãy xin văn phòng gói "
						     "cài đặt ('baocao pack --setup')", "this pack is "
						     "sealed to the devices the office approved; to set up "
						     "a new unit ask the office for a setup pack ('baocao "
						     "pack --setup')"));
	sync_key_id(my_sk + 32, id);
	for (size_t i = 0; i < nslots && slot == NULL; i++)
		if (sodium_memcmp(file + SYNC_HEADER_SIZE + SYNC_SLOT_SIZE * i, id,
				  SYNC_KEYID_SIZE) == 0)
			slot = file + SYNC_HEADER_SIZE + SYNC_SLOT_SIZE * i;
	if (slot == NULL)
		return refuse(cause, ERR_CORRUPT, file[10] == SYNC_BUNDLE
			      ? TR("tệp gửi cho văn phòng khác", "the file is addressed to another office")
			      : TR("gói không gửi cho máy này (văn phòng chưa duyệt máy này, hoặc gói "
				   "của xã khác); máy mới cần gói cài đặt ('baocao pack --setup')",
				   "the pack is not addressed to this device (the office has not "
				   "approved it, or another commune's pack); a new unit needs a setup "
				   "pack ('baocao pack --setup')"));
	if (len < hlen + NONCE_SIZE + TAG_SIZE)
		return err_set(cause, ERR_CORRUPT, TR("tệp bị cắt cụt (%zu byte)",
						      "the file is truncated (%zu bytes)"), len);
	bad = !ed_pk_to_x(xpk, my_sk + 32) ||
	      crypto_sign_ed25519_sk_to_curve25519(xsk, my_sk) != 0 ||
	      crypto_box_seal_open(ckey, slot + SYNC_KEYID_SIZE, SEALED_CKEY, xpk, xsk) != 0;
	sodium_memzero(xsk, sizeof xsk);
	if (bad)
		return refuse(cause, ERR_CORRUPT, TR("không mở được khóa: tệp đã bị sửa "
						     "hoặc hỏng", "cannot open the content key: the "
						     "file was altered or damaged"));
	*ilen = len - hlen - NONCE_SIZE - TAG_SIZE;
	*inner = xmalloc(*ilen + 1);
	bad = crypto_aead_xchacha20poly1305_ietf_decrypt(*inner, &got, NULL, file + hlen +
		NONCE_SIZE, len - hlen - NONCE_SIZE, file, hlen, file + hlen, ckey) != 0;
	sodium_memzero(ckey, sizeof ckey);
	if (bad) {
		free(*inner);
		*inner = NULL;
		return refuse(cause, ERR_CORRUPT, TR("không giải mã được: tệp đã bị sửa, "
						     "cắt cụt hoặc hỏng", "cannot decrypt: "
						     "the file was altered, truncated or "
						     "damaged"));
	}
	return ERR_OK;
}

static int label_ok(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* FPR as people read it (store_fingerprint spells a key's the same way:
 * Crockford's base32, groups of four). */
#define FPR_TEXT 19
static void sync_fpr_text(const unsigned char fpr[SYNC_FPR_SIZE], char out[FPR_TEXT + 1])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned acc = 0;
	int bits = 0, o = 0, c = 0;

	for (int i = 0; i < SYNC_FPR_SIZE; i++) {
		acc = acc << 8 | fpr[i];
		bits += 8;
		while (bits >= 5) {
			if (c > 0 && c % 4 == 0)
				out[o++] = '-';
			out[o++] = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
			c++;
		}
	}
	out[o] = '\0';
}

/* One line for a format-4 header field that is cut short or not valid. */
static enum err bad4(struct sync_opened *o, const char *vi, const char *en, char **cause)
{
	sync_opened_free(o);
	return err_set(cause, ERR_CORRUPT, TR("phần đầu niêm phong: %s bị cắt cụt hoặc không "
					      "hợp lệ", "the sealed header's %s is cut short or "
					      "not valid"), TR(vi, en));
}

/*
 * Format 4 (a bundle): open the sealed box with MY_SK, read the inner
 * header's fields one by one (each refused in its own words), find the
 * sender's key (in the file, or by its fingerprint through LOOKUP), check
 * the signature over the clear header, our own key and the inner file.
 */
static enum err open4(const unsigned char *file, size_t len, const unsigned char *my_sk,
		      sync_sender_fn lookup, void *arg, struct sync_opened *o, char **cause)
{
	unsigned char xpk[crypto_box_PUBLICKEYBYTES], xsk[crypto_box_SECRETKEYBYTES];
	struct sync_header *h = &o->h;
	const unsigned char *p, *end;
	uint64_t seq, created, dict_id, plain;
	crypto_sign_state ss;
	size_t ilen;
	int bad;

	if (my_sk == NULL)
		return refuse(cause, ERR_INVALID, TR("tệp báo cáo chỉ văn phòng mở được",
						     "only the office can open a bundle"));
	if (len < SYNC_HEADER4_SIZE + crypto_box_SEALBYTES + 1 + SYNC_SIG_SIZE)
		return err_set(cause, ERR_CORRUPT, TR("tệp bị cắt cụt (%zu byte)",
						      "the file is truncated (%zu bytes)"), len);
	ilen = len - SYNC_HEADER4_SIZE - crypto_box_SEALBYTES;
	o->inner = xmalloc(ilen + 1);
	o->inner_len = ilen;
	bad = !ed_pk_to_x(xpk, my_sk + 32) ||
	      crypto_sign_ed25519_sk_to_curve25519(xsk, my_sk) != 0 ||
	      crypto_box_seal_open(o->inner, file + SYNC_HEADER4_SIZE, len - SYNC_HEADER4_SIZE,
				   xpk, xsk) != 0;
	sodium_memzero(xsk, sizeof xsk);
	if (bad) {
		sync_opened_free(o);
		return refuse(cause, ERR_CORRUPT, TR("không mở được: gửi văn phòng khác, hoặc bị "
						     "sửa, cắt, hỏng", "cannot open: another office's, "
						     "or altered, cut, damaged"));
	}
	p = o->inner;
	end = o->inner + ilen - SYNC_SIG_SIZE;
	if (p[0] & ~1u)
		return bad4(o, "cờ", "flags", cause);
	h->by_fpr = !(p[0] & 1);
	p++;
	if (h->by_fpr) {
		if (end - p < SYNC_FPR_SIZE)
			return bad4(o, "dấu vân tay người gửi", "sender fingerprint", cause);
		if (lookup == NULL || !lookup(p, h->sender, h->label, arg)) {
			char fpr[FPR_TEXT + 1];
			sync_fpr_text(p, fpr);
			sync_opened_free(o);
			return err_set(cause, ERR_INVALID, TR("tệp chỉ ghi dấu vân tay %s của thiết bị "
			    "gửi, mà văn phòng này không có khóa của nó (văn phòng chưa từng duyệt "
			    "thiết bị, hoặc đã khôi phục từ bản sao lưu cũ hơn): ở đơn vị, hãy xuất lại "
			    "kèm khóa ('baocao export --with-key')", "the file names its sender only "
			    "by fingerprint %s, whose key this office does not have (it never "
			    "approved that device, or was restored from an older backup): at the "
			    "unit, export again with the key ('baocao export --with-key')"), fpr);
		}
		p += SYNC_FPR_SIZE;
	} else {
		size_t llen;
		if (end - p < SYNC_KEY_SIZE + 1)
			return bad4(o, "khóa người gửi", "sender key", cause);
		memcpy(h->sender, p, SYNC_KEY_SIZE);
		p += SYNC_KEY_SIZE;
		llen = *p++;
		if (llen > SYNC_LABEL_MAX || (size_t)(end - p) < llen || !label_ok(p, llen))
			return bad4(o, "nhãn đơn vị", "unit label", cause);
		memcpy(h->label, p, llen);
		h->label[llen] = '\0';
		p += llen;
	}
	if (!get_varint(&p, end, &seq))
		return bad4(o, "số thứ tự", "sequence number", cause);
	if (!get_varint(&p, end, &created) || created > INT64_MAX)
		return bad4(o, "thời điểm tạo", "creation time", cause);
	if (!get_varint(&p, end, &dict_id) || dict_id > UINT32_MAX)
		return bad4(o, "mã từ điển", "dictionary id", cause);
	if (!get_varint(&p, end, &plain))
		return bad4(o, "độ dài dữ liệu", "payload length", cause);
	if (plain > SYNC_MAX_PLAIN) {
		unsigned long long pl = plain;
		sync_opened_free(o);
		return err_set(cause, ERR_CORRUPT, TR("tệp khai dữ liệu %llu byte, quá mức %u byte",
		    "the file declares a payload of %llu bytes, over the cap of %u bytes"), pl,
		    SYNC_MAX_PLAIN);
	}
	sig4_input(&ss, file, my_sk + 32, o->inner, ilen - SYNC_SIG_SIZE);
	if (crypto_sign_final_verify(&ss, end, h->sender) != 0) {
		sync_opened_free(o);
		return refuse(cause, ERR_CORRUPT, TR("chữ ký không hợp lệ: tệp đã bị sửa, hỏng, hoặc "
						     "được ký cho văn phòng khác", "bad signature: "
						     "the file was altered or damaged, or signed for "
						     "another office"));
	}
	/* From here on the inner header is the sender's own words. */
	if (seq > SYNC_SEQ_MAX) {
		unsigned long long sq = seq;
		sync_opened_free(o);
		return err_set(cause, ERR_CORRUPT, TR("số thứ tự của tệp lớn bất thường (%llu)",
		    "the file's sequence number is absurdly large (%llu)"), sq);
	}
	h->kind = SYNC_BUNDLE;
	h->open = 0;
	h->seq = seq;
	h->created = (int64_t)created;
	h->plain_len = (uint32_t)plain;
	h->comp_len = (uint32_t)(end - p);
	h->nrecipients = 1;
	h->version = SYNC_VERSION_COMPACT;
	h->dict_id = (uint32_t)dict_id;
	o->frame = p;
	return ERR_OK;
}

enum err sync_open(enum sync_kind kind, const unsigned char *file, size_t len,
		   const unsigned char *my_sk, struct sync_opened *o, char **cause)
{
	return sync_open_lookup(kind, file, len, my_sk, NULL, NULL, o, cause);
}

enum err sync_open_lookup(enum sync_kind kind, const unsigned char *file, size_t len,
			  const unsigned char *my_sk, sync_sender_fn lookup, void *arg,
			  struct sync_opened *o, char **cause)
{
	const unsigned char *in, *rc;
	struct sync_header *h = &o->h;
	crypto_sign_state ss;
	size_t nslots = 0, ilen = 0, need, llen, fixed;
	unsigned version;
	int open = 0;
	enum err e;

	memset(o, 0, sizeof *o);
	if (len > SYNC_MAX_FILE)
		return err_set(cause, ERR_INVALID, TR("tệp lớn quá %u byte", "file larger than %u bytes"),
			       SYNC_MAX_FILE);
	if ((e = check_clear(kind, file, len, &nslots, &open, cause)) != ERR_OK)
		return e;
	if (get16(file + 8) == SYNC_VERSION_COMPACT)
		return open4(file, len, my_sk, lookup, arg, o, cause);
	if (open) {
		ilen = len - SYNC_HEADER_SIZE;
		o->inner = xmalloc(ilen + 1);
		memcpy(o->inner, file + SYNC_HEADER_SIZE, ilen);
	} else if ((e = decrypt(file, len, nslots, my_sk, &o->inner, &ilen, cause)) != ERR_OK) {
		return e;
	}
	o->inner_len = ilen;
	in = o->inner;
	/* the inner file's shape (its format as the clear header's: 3 names a
	 * dictionary, 2 none), then its signature */
	version = get16(file + 8);
	fixed = version == SYNC_VERSION_DICT ? SYNC_INNER_FIXED_DICT : SYNC_INNER_FIXED;
	if (ilen < fixed + SYNC_SIG_SIZE || memcmp(in, SYNC_INNER_MAGIC, 8) != 0 ||
	    get16(in + 8) != version || in[10] != kind || in[11] != 0 || in[69] != 0 ||
	    get16(in + 70) != nslots || in[68] > SYNC_LABEL_MAX ||
	    (version == SYNC_VERSION_DICT && get32(in + SYNC_INNER_FIXED) == 0))
		goto shape;
	llen = in[68];
	need = fixed + SYNC_KEY_SIZE * nslots + llen + (size_t)get32(in + 64) + SYNC_SIG_SIZE;
	if (need != ilen) {
		sync_opened_free(o);
		return refuse(cause, ERR_CORRUPT, TR("tệp bị cắt cụt hoặc bị thêm dữ liệu",
						     "the file was truncated or extended"));
	}
	memcpy(h->sender, in + 12, SYNC_KEY_SIZE);
	sig_hash_input(&ss, in, ilen - SYNC_SIG_SIZE);
	if (crypto_sign_final_verify(&ss, in + ilen - SYNC_SIG_SIZE, h->sender) != 0) {
		sync_opened_free(o);
		return refuse(cause, ERR_CORRUPT, TR("chữ ký không hợp lệ: tệp đã bị sửa hoặc hỏng",
						     "bad signature: the file was "
						     "altered or damaged"));
	}
	/* From here on the inner header is the sender's own words. */
	rc = in + fixed;
	if (!open) {
		int mine = 0;
		for (size_t i = 0; i < nslots; i++) {
			unsigned char id[SYNC_KEYID_SIZE];
			sync_key_id(rc + SYNC_KEY_SIZE * i, id);
			if (memcmp(id, file + SYNC_HEADER_SIZE + SYNC_SLOT_SIZE * i,
				   SYNC_KEYID_SIZE) != 0)
				goto shape;
			mine |= sodium_memcmp(rc + SYNC_KEY_SIZE * i, my_sk + 32,
					      SYNC_KEY_SIZE) == 0;
		}
		if (!mine) {
			/* signed for someone else, then sealed to us: forwarded */
			sync_opened_free(o);
			return refuse(cause, ERR_CORRUPT, TR("nội dung được ký cho người nhận khác rồi "
							     "chuyển tiếp: bị từ chối", "the content was "
							     "signed for another recipient and forwarded: "
							     "refused"));
		}
	}
	if (!label_ok(rc + SYNC_KEY_SIZE * nslots, llen))
		goto shape;
	h->kind = kind;
	h->open = open;
	h->seq = get64(in + 44);
	/* stored as SQLite integers, compared and raised: a number past
	 * SYNC_SEQ_MAX could only jam the sender's numbering */
	if (h->seq > SYNC_SEQ_MAX) {
		unsigned long long seq = h->seq;
		sync_opened_free(o);
		return err_set(cause, ERR_CORRUPT, TR("số thứ tự của tệp lớn bất thường (%llu)",
		    "the file's sequence number is absurdly large (%llu)"), seq);
	}
	h->created = (int64_t)get64(in + 52);
	h->plain_len = get32(in + 60);
	h->comp_len = get32(in + 64);
	h->nrecipients = nslots;
	h->version = version;
	h->dict_id = version == SYNC_VERSION_DICT ? get32(in + SYNC_INNER_FIXED) : 0;
	memcpy(h->label, rc + SYNC_KEY_SIZE * nslots, llen);
	h->label[llen] = '\0';
	o->frame = rc + SYNC_KEY_SIZE * nslots + llen;
	return ERR_OK;
shape:
	sync_opened_free(o);
	return refuse(cause, ERR_CORRUPT, TR("nội dung niêm phong không đúng định dạng",
					     "the sealed content does not have the expected shape"));
}

/*
 * sync-seal: write and open sealed files (see sync-seal.h, FORMAT.md).
 */
#include "sync-seal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "../core/bytes.h"
#include "../core/mem.h"

#define ZSTD_LEVEL 19

static void header_put(unsigned char *h, const struct sync_header *hd)
{
	memset(h, 0, SYNC_HEADER_SIZE);
	memcpy(h, SYNC_MAGIC, 8);
	h[8] = 0;
	h[9] = SYNC_VERSION;
	h[10] = (unsigned char)hd->kind;
	h[11] = hd->encrypted ? 1 : 0;
	memcpy(h + 12, hd->sender, SYNC_KEY_SIZE);
	memcpy(h + 44, hd->recipient, SYNC_KEY_SIZE);
	put64(h + 76, hd->seq);
	put64(h + 84, (uint64_t)hd->created);
	put32(h + 92, hd->plain_len);
	put32(h + 96, hd->comp_len);
	put32(h + 100, hd->body_len);
}

static void header_get(const unsigned char *h, struct sync_header *hd)
{
	hd->kind = (enum sync_kind)h[10];
	hd->encrypted = h[11] & 1;
	memcpy(hd->sender, h + 12, SYNC_KEY_SIZE);
	memcpy(hd->recipient, h + 44, SYNC_KEY_SIZE);
	hd->seq = get64(h + 76);
	hd->created = (int64_t)get64(h + 84);
	hd->plain_len = get32(h + 92);
	hd->comp_len = get32(h + 96);
	hd->body_len = get32(h + 100);
}


static const unsigned char zero_key[SYNC_KEY_SIZE];

enum err sync_seal(enum sync_kind kind, const unsigned char *sender_sk,
		   const unsigned char *recipient, uint64_t seq, int64_t created,
		   const void *payload, size_t len, unsigned char **out, size_t *outlen,
		   char **cause)
{
	struct sync_header hd = { .kind = kind, .seq = seq, .created = created };
	size_t bound, clen, total;
	unsigned char *comp, *file, *body;

	*out = NULL;
	*outlen = 0;
	if (len > SYNC_MAX_PLAIN)
		return err_set(cause, ERR_INVALID, TR("dữ liệu lớn quá %u byte",
						      "payload larger than %u bytes"), SYNC_MAX_PLAIN);
	bound = ZSTD_compressBound(len);
	comp = xmalloc(bound);
	clen = ZSTD_compress(comp, bound, payload, len, ZSTD_LEVEL);
	if (ZSTD_isError(clen)) {
		free(comp);
		return err_set(cause, ERR_INVALID, "zstd: %s", ZSTD_getErrorName(clen));
	}
	memcpy(hd.sender, sender_sk + 32, SYNC_KEY_SIZE);	/* Ed25519 sk = seed | pk */
	hd.encrypted = recipient != NULL;
	if (recipient != NULL)
		memcpy(hd.recipient, recipient, SYNC_KEY_SIZE);
	hd.plain_len = (uint32_t)len;
	hd.comp_len = (uint32_t)clen;
	hd.body_len = (uint32_t)(clen + (recipient ? crypto_box_SEALBYTES : 0));
	total = SYNC_HEADER_SIZE + hd.body_len + SYNC_SIG_SIZE;
	file = xmalloc(total);
	header_put(file, &hd);
	body = file + SYNC_HEADER_SIZE;
	if (recipient != NULL) {
		unsigned char xpk[crypto_box_PUBLICKEYBYTES];
		if (crypto_sign_ed25519_pk_to_curve25519(xpk, recipient) != 0 ||
		    crypto_box_seal(body, comp, clen, xpk) != 0) {
			free(comp);
			free(file);
			return err_set(cause, ERR_INVALID, "%s", TR("khóa người nhận không hợp lệ",
								     "the recipient key is not valid"));
		}
	} else {
		memcpy(body, comp, clen);
	}
	free(comp);
	crypto_sign_detached(file + total - SYNC_SIG_SIZE, NULL, file, total - SYNC_SIG_SIZE,
			     sender_sk);
	*out = file;
	*outlen = total;
	return ERR_OK;
}

enum err sync_peek(const unsigned char *file, size_t len, struct sync_header *hdr,
		   char **cause)
{
	if (len < 8 || memcmp(file, SYNC_MAGIC, 8) != 0)
		return err_set(cause, ERR_INVALID, "%s", TR("không phải tệp trao đổi của baocao",
							     "not a baocao exchange file"));
	if (len < SYNC_HEADER_SIZE + SYNC_SIG_SIZE)
		return err_set(cause, ERR_CORRUPT, TR("tệp bị cắt cụt (%zu byte)",
						      "the file is truncated (%zu bytes)"), len);
	if (file[8] != 0 || file[9] > SYNC_VERSION)
		return err_set(cause, ERR_VERSION, TR("tệp do bản baocao mới hơn tạo (định dạng %u); "
						      "hãy cập nhật", "made by a newer baocao (format "
						      "%u); update this one"), file[8] * 256u + file[9]);
	if (file[9] == 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("phiên bản định dạng không hợp lệ",
							    "invalid format version"));
	header_get(file, hdr);
	return ERR_OK;
}

enum err sync_open(enum sync_kind kind, const unsigned char *file, size_t len,
		   const unsigned char *my_sk, struct sync_header *hdr, char **payload,
		   size_t *plen, char **cause)
{
	const unsigned char *body;
	unsigned char *comp = NULL;
	char *plain;
	size_t got;
	enum err e;

	*payload = NULL;
	*plen = 0;
	if (len > SYNC_MAX_FILE)
		return err_set(cause, ERR_INVALID, TR("tệp lớn quá %u byte", "file larger than %u bytes"),
			       SYNC_MAX_FILE);
	if ((e = sync_peek(file, len, hdr, cause)) != ERR_OK)
		return e;
	if (hdr->kind != kind)
		return err_set(cause, ERR_INVALID, "%s", kind == SYNC_BUNDLE
			       ? TR("đây là gói của văn phòng, không phải tệp báo cáo của đơn vị",
				    "this is an office pack, not a unit's bundle")
			       : TR("đây là tệp báo cáo của đơn vị, không phải gói của văn phòng",
				    "this is a unit's bundle, not an office pack"));
	if ((size_t)hdr->body_len != len - SYNC_HEADER_SIZE - SYNC_SIG_SIZE ||
	    (file[11] & ~1u) != 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("tệp bị cắt cụt hoặc bị thêm dữ liệu",
							    "the file was truncated or extended"));
	if (crypto_sign_verify_detached(file + len - SYNC_SIG_SIZE, file, len - SYNC_SIG_SIZE,
					hdr->sender) != 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("chữ ký không hợp lệ: tệp đã bị sửa hoặc "
							    "hỏng", "the signature does not verify: the "
							    "file was altered or damaged"));
	/* From here on the header is the sender's own words. */
	if (hdr->encrypted && sodium_memcmp(hdr->recipient, my_sk + 32, SYNC_KEY_SIZE) != 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("tệp gửi cho văn phòng hoặc máy khác",
							    "the file is addressed to another office "
							    "or device"));
	if (!hdr->encrypted && memcmp(hdr->recipient, zero_key, SYNC_KEY_SIZE) != 0 &&
	    sodium_memcmp(hdr->recipient, my_sk + 32, SYNC_KEY_SIZE) != 0)
		return err_set(cause, ERR_CORRUPT, "%s", TR("tệp gửi cho máy khác",
							    "the file is addressed to another device"));
	if (hdr->plain_len > SYNC_MAX_PLAIN ||
	    hdr->comp_len != hdr->body_len - (hdr->encrypted ? crypto_box_SEALBYTES : 0) ||
	    hdr->body_len < (hdr->encrypted ? crypto_box_SEALBYTES : 0))
		return err_set(cause, ERR_CORRUPT, "%s", TR("kích thước trong tệp không hợp lệ",
							    "the sizes in the file are not valid"));
	body = file + SYNC_HEADER_SIZE;
	if (hdr->encrypted) {
		unsigned char xpk[crypto_box_PUBLICKEYBYTES], xsk[crypto_box_SECRETKEYBYTES];
		int bad;
		comp = xmalloc(hdr->comp_len + 1);
		bad = crypto_sign_ed25519_pk_to_curve25519(xpk, my_sk + 32) != 0 ||
		      crypto_sign_ed25519_sk_to_curve25519(xsk, my_sk) != 0 ||
		      crypto_box_seal_open(comp, body, hdr->body_len, xpk, xsk) != 0;
		sodium_memzero(xsk, sizeof xsk);
		if (bad) {
			free(comp);
			return err_set(cause, ERR_CORRUPT, "%s", TR("không giải mã được nội dung",
								    "the content cannot be decrypted"));
		}
		body = comp;
	}
	{
		unsigned long long fsz = ZSTD_getFrameContentSize(body, hdr->comp_len);
		if (fsz != hdr->plain_len) {
			free(comp);
			return err_set(cause, ERR_CORRUPT, "%s", TR("nội dung nén không khớp kích thước "
								    "khai báo", "the compressed content does "
								    "not match its declared size"));
		}
	}
	plain = xmalloc((size_t)hdr->plain_len + 1);
	got = ZSTD_decompress(plain, hdr->plain_len, body, hdr->comp_len);
	free(comp);
	if (ZSTD_isError(got) || got != hdr->plain_len) {
		free(plain);
		return err_set(cause, ERR_CORRUPT, "%s", TR("nội dung nén bị hỏng",
							    "the compressed content is damaged"));
	}
	plain[got] = '\0';
	*payload = plain;
	*plen = got;
	return ERR_OK;
}

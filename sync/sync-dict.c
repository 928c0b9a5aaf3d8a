/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-dict: the zstd dictionary bundles are compressed with
 * (sync/FORMAT.md, "Dictionaries").
 *
 * A bundle of one month's report is a few hundred bytes of JSON whose
 * field names, choice codes and shape are the same in every bundle of
 * every unit; zstd on its own has nothing to learn them from in so little
 * text. The office, which has the forms, makes a dictionary from them:
 * samples of the submission lines and bundle headers its installed forms
 * give (every report of every form, the fields filled with values of
 * their type, choices from their lists, the roster's unit ids), trained
 * with zstd's own trainer (ZDICT_trainFromBuffer). It keeps every
 * dictionary it ever made (a bundle compressed with an older one still
 * imports), makes a new one when the forms change, and sends the newest
 * in every pack; a field installation keeps the newest it was sent and
 * compresses its bundles with it, naming its id in the file's header.
 *
 * Both sides keep dictionaries among the installation's settings (in the
 * encrypted database): "zstd_dict" says which is current (at the office,
 * with the hash of the forms it was made from), "zstd_dict_ID" holds each
 * one in base64.
 */
#include "sync-int.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zdict.h>
#include <zstd.h>

#include "sync.h"
#include "../core/clock.h"
#include "../core/mem.h"
#include "../forms/cal.h"
#include "../forms/form-install.h"
#include "../forms/sub.h"
#include "../storage/store-audit.h"
#include "../storage/store-forms.h"
#include "../storage/store-inst.h"
#include "../storage/store-settings.h"

#define SETTING_CURRENT "zstd_dict"
#define SETTING_PREFIX "zstd_dict_"
/* Changing how samples are made makes a new dictionary at the next pack. */
#define SAMPLER_TAG "baocao dict samples 1"
#define SAMPLES_PER_REPORT 12	/* each report's lines, each different */
#define DICT_CAPACITY (16u * 1024)	/* what the trainer is asked for */
#define B64 sodium_base64_VARIANT_ORIGINAL

void sync_dict_free(struct sync_dict *d)
{
	free(d->bytes);
	memset(d, 0, sizeof *d);
}

char *sync_sub_line(const char *form_id, const char *period, int rev, int form_version,
		    int64_t created, json_t *data)
{
	json_t *one = json_pack("{s:s, s:s, s:i, s:i, s:I, s:O}", "form", form_id, "period",
	    period, "rev", rev, "form_version", form_version, "created", (json_int_t)created,
	    "data", data);
	char *text = json_dumps(one, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(one);
	return text;
}

/* The dictionary kept as "zstd_dict_ID", checked again (ERR_NOTFOUND: none). */
enum err sync_dict_by_id(struct store *st, uint32_t id, struct sync_dict *d, char **cause)
{
	char key[32], *v = NULL;
	size_t n = 0;
	uint32_t got;
	enum err e;

	memset(d, 0, sizeof *d);
	snprintf(key, sizeof key, SETTING_PREFIX "%u", id);
	e = store_setting_get(st, key, &v, cause);
	if (e != ERR_OK)
		return e;
	if (v == NULL || *v == '\0') {
		free(v);
		return err_set(cause, ERR_NOTFOUND, TR("không có từ điển nén %u", "no compression "
		    "dictionary %u"), id);
	}
	d->bytes = xmalloc(strlen(v) / 4 * 3 + 3);
	if (sodium_base642bin(d->bytes, strlen(v) / 4 * 3 + 3, v, strlen(v), NULL, &n, NULL,
	    B64) != 0)
		n = SIZE_MAX;
	free(v);
	d->len = n;
	d->id = id;
	if (n == SIZE_MAX || (e = sync_dict_check(d->bytes, n, &got, cause)) != ERR_OK ||
	    got != id) {
		sync_dict_free(d);
		return e != ERR_OK ? e : err_set(cause, ERR_CORRUPT, TR("từ điển nén %u lưu trong "
		    "cơ sở dữ liệu bị hỏng", "compression dictionary %u kept in the database is "
		    "damaged"), id);
	}
	return ERR_OK;
}

/* The current dictionary's id (0: none) and, at the office, the hash of
 * the forms it was made from (HASH may be NULL). */
static enum err current_id(struct store *st, uint32_t *id, char hash[65], char **cause)
{
	char *v = NULL, *end;
	unsigned long n;
	enum err e = store_setting_get(st, SETTING_CURRENT, &v, cause);

	*id = 0;
	if (hash != NULL)
		hash[0] = '\0';
	if (e != ERR_OK || v == NULL)
		return e;
	n = strtoul(v, &end, 10);
	if (end != v && n <= UINT32_MAX)
		*id = (uint32_t)n;
	if (hash != NULL && *end == ' ' && strlen(end + 1) == 64)
		memcpy(hash, end + 1, 65);
	free(v);
	return ERR_OK;
}

enum err sync_dict_current(struct store *st, struct sync_dict *d, char **cause)
{
	uint32_t id;
	enum err e;

	memset(d, 0, sizeof *d);
	e = current_id(st, &id, NULL, cause);
	if (e != ERR_OK || id == 0)
		return e;
	return sync_dict_by_id(st, id, d, cause);
}

/* Keep D as "zstd_dict_ID" and make it current (HASH: the forms it was
 * made from, office only). A field installation keeps only the current
 * one: the one it had before is emptied. */
static enum err keep(struct store *st, const struct sync_dict *d, const char *hash, int field,
		     char **cause)
{
	char key[32], cur[96], *b64 = NULL, *old = NULL;
	size_t blen = sodium_base64_ENCODED_LEN(d->len, B64);
	uint32_t was = 0;
	enum err e;

	snprintf(key, sizeof key, SETTING_PREFIX "%u", d->id);
	e = current_id(st, &was, NULL, cause);
	if (e == ERR_OK)
		e = store_setting_get(st, key, &old, cause);
	b64 = xmalloc(blen);
	sodium_bin2base64(b64, blen, d->bytes, d->len, B64);
	/* the office: two dictionaries under one id would make old bundles
	 * unreadable; ids come from the content, so this is all but impossible */
	if (e == ERR_OK && old != NULL && *old != '\0' && strcmp(old, b64) != 0 && !field)
		e = err_set(cause, ERR_EXISTS, TR("đã có một từ điển nén khác mang số %u",
		    "another compression dictionary already has id %u"), d->id);
	if (e == ERR_OK && (old == NULL || strcmp(old, b64) != 0))
		e = store_setting_set(st, key, b64, NULL, cause);
	if (hash != NULL)
		snprintf(cur, sizeof cur, "%u %s", d->id, hash);
	else
		snprintf(cur, sizeof cur, "%u", d->id);
	if (e == ERR_OK)
		e = store_setting_set(st, SETTING_CURRENT, cur, NULL, cause);
	if (e == ERR_OK && field && was != 0 && was != d->id) {
		snprintf(key, sizeof key, SETTING_PREFIX "%u", was);
		e = store_setting_set(st, key, "", NULL, cause);
	}
	free(b64);
	free(old);
	return e;
}

/* ---- samples ---- */

/* A small deterministic generator (xorshift64*): the same forms give the
 * same samples, hence the same dictionary. Not for anything secret. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static unsigned below(uint64_t *s, unsigned n)
{
	return n == 0 ? 0 : (unsigned)(rnd(s) >> 33) % n;
}

static const char *const phrases[] = {
	"Đã hoàn thành", "Đang thực hiện", "Không có", "Bình thường", "Chưa có số liệu",
	"Theo kế hoạch", "Đã báo cáo xã", "Họp thôn", "Ổn định",
};

/* A plausible value of field I of F (in the text sub_set reads) for a
 * period starting on day DAY; "" leaves it empty. */
static void sample_value(const struct form *f, size_t i, long day, uint64_t *s, char *buf,
			 size_t size)
{
	const struct form_field *fd = &f->fields[i];
	unsigned pick = below(s, 100);
	double lo = fd->has_min ? fd->min : 0, hi = fd->has_max ? fd->max : 0;
	long v;

	buf[0] = '\0';
	if (!fd->required && pick < 8)
		return;	/* some are left empty */
	switch (fd->type) {
	case FIELD_INTEGER:
	case FIELD_DECIMAL:
		v = pick < 55 ? (long)below(s, 20) : pick < 85 ? 20 + (long)below(s, 480) :
		    500 + (long)below(s, 4500);
		if (fd->has_max && hi >= lo && (double)v > hi)
			v = (long)lo + (long)below(s, (unsigned)(hi - lo + 1 > 1e6 ? 1e6 : hi - lo + 1));
		if (fd->has_min && (double)v < lo)
			v = (long)lo;
		if (fd->type == FIELD_DECIMAL && pick % 2)
			snprintf(buf, size, "%ld.%u", v, below(s, 10));
		else
			snprintf(buf, size, "%ld", v);
		break;
	case FIELD_DATE:
		date_format(day + (long)below(s, 28), buf, size);
		break;
	case FIELD_TIME:
		snprintf(buf, size, "%02u:%02u", 7 + below(s, 10), below(s, 4) * 15);
		break;
	case FIELD_SELECT_ONE:
	case FIELD_SELECT_MULTIPLE:
		if (fd->list >= 0 && f->lists[fd->list].nchoices > 0) {
			const struct form_list *l = &f->lists[fd->list];
			snprintf(buf, size, "%s", l->choices[below(s, (unsigned)l->nchoices)].value);
			if (fd->type == FIELD_SELECT_MULTIPLE && l->nchoices > 1 && pick % 3 == 0) {
				const char *two = l->choices[below(s, (unsigned)l->nchoices)].value;
				if (strcmp(two, buf) != 0 && strlen(buf) + strlen(two) + 2 < size) {
					strcat(buf, " ");
					strcat(buf, two);
				}
			}
		}
		break;
	case FIELD_TEXT:
		if (pick < 50)
			snprintf(buf, size, "%s", phrases[below(s, sizeof phrases / sizeof *phrases)]);
		break;
	default:
		break;
	}
}

/* A period of KIND near DAY (K steps back), as its id. */
static void sample_period(enum period_kind kind, long day, int k, uint64_t *s, char *buf,
			  size_t size, long *start)
{
	struct period p;

	memset(&p, 0, sizeof p);
	if (kind == PERIOD_REQUEST || kind == PERIOD_INCIDENT) {
		p.kind = kind;
		p.seq = 1;
		p.start = day - 7 * k;
		p.end = p.start + 1;
		p.at = p.start * 1440 + 8 * 60 + below(s, 600);
	} else {
		p = period_containing(kind, day);
		for (int j = 0; j < k; j++)
			p = period_prev(&p);
	}
	period_format(&p, buf, size);
	*start = p.start;
}

/* One submission line of report R of F: what sync_export writes. */
static char *sample_line(const struct form *f, int r, int k, long today, uint64_t *s)
{
	char period[PERIOD_ID_MAX + 8], val[160], *data, *line, *c = NULL;
	long start = today;
	struct sub *sb;
	json_t *dj;

	sample_period(f->reports[r].rule.kind, today, k, s, period, sizeof period, &start);
	sb = sub_new(f, r, period);
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (fd->type == FIELD_REPEAT && form_field_in_report(f, (int)i, r))
			for (unsigned n = below(s, 4); n > 0; n--)
				sub_add_row(sb, (int)i);
	}
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		int rows = fd->container >= 0 ? sub_rows(sb, fd->container) : 0;
		if (!form_field_in_report(f, (int)i, r) || !form_field_has_value(fd) ||
		    fd->type == FIELD_CALCULATE)
			continue;
		for (int row = fd->container >= 0 ? 0 : -1; row < (fd->container >= 0 ? rows : 0);
		    row++) {
			sample_value(f, i, start, s, val, sizeof val);
			if (val[0] != '\0' && sub_set(sb, (int)i, row, val, &c) != ERR_OK) {
				free(c);
				c = NULL;
			}
		}
	}
	{
		/* warnings confirmed with a reason, as a final submission has them */
		struct sub_issue *is;
		size_t n = sub_check(sb, &is);
		for (size_t k2 = 0; k2 < n; k2++)
			if (is[k2].severity == SUB_WARNING && below(s, 2))
				sub_set_reason(sb, is[k2].field, is[k2].row, is[k2].warn,
				    phrases[below(s, sizeof phrases / sizeof *phrases)]);
		sub_issues_free(is, n);
	}
	data = sub_to_json(sb);
	dj = json_loads(data, 0, NULL);
	line = sync_sub_line(f->reports[r].form_id, period, 1 + (int)below(s, 3), f->version,
	    (int64_t)(start + 20 + (long)below(s, 20)) * 86400 + below(s, 86400), dj);
	json_decref(dj);
	free(data);
	sub_free(sb);
	return line;
}

struct samples {
	char *buf;
	size_t len, cap;
	size_t *sizes;
	size_t n, ncap;
};

static void add_sample(struct samples *sa, const char *text)
{
	size_t n = strlen(text) + 1;	/* with its newline, as in a bundle */

	if (sa->len + n > sa->cap) {
		sa->cap = 2 * (sa->len + n);
		sa->buf = xrealloc(sa->buf, sa->cap);
	}
	memcpy(sa->buf + sa->len, text, n - 1);
	sa->buf[sa->len + n - 1] = '\n';
	sa->len += n;
	if (sa->n == sa->ncap) {
		sa->ncap = sa->ncap ? 2 * sa->ncap : 256;
		sa->sizes = xrealloc(sa->sizes, sa->ncap * sizeof *sa->sizes);
	}
	sa->sizes[sa->n++] = n;
}

/* A bundle's header line for UNIT (as sync_export writes it). */
static char *sample_header(const char *commune, const char *unit, uint64_t *s)
{
	unsigned char sig[SYNC_SEQ_MAC_SIZE];	/* the office's MAC of the pack number */
	char hex[2 * SYNC_SEQ_MAC_SIZE + 1], *text;
	json_t *h = json_pack("{s:s, s:s, s:s, s:i}", "kind", "bundle", "commune",
	    commune ? commune : "", "unit", unit, "pack_seq", 1 + (int)below(s, 200));

	for (size_t b = 0; b < sizeof sig; b++)
		sig[b] = (unsigned char)rnd(s);
	sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
	json_object_set_new(h, "pack_mac", json_string(hex));
	text = json_dumps(h, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(h);
	return text;
}

/* The hash of the installed forms (latest versions) and the sampler. */
static enum err forms_hash(struct store *st, char hex[65], char **cause)
{
	struct store_form *forms = NULL;
	size_t n = 0;
	crypto_generichash_state h;
	unsigned char out[32];
	enum err e = store_form_latest(st, &forms, &n, cause);

	if (e != ERR_OK)
		return e;
	crypto_generichash_init(&h, NULL, 0, sizeof out);
	crypto_generichash_update(&h, (const unsigned char *)SAMPLER_TAG, sizeof SAMPLER_TAG);
	for (size_t i = 0; i < n; i++) {
		char v[16];
		snprintf(v, sizeof v, "%d", forms[i].version);
		crypto_generichash_update(&h, (const unsigned char *)forms[i].id,
		    strlen(forms[i].id) + 1);
		crypto_generichash_update(&h, (const unsigned char *)v, strlen(v) + 1);
		crypto_generichash_update(&h, (const unsigned char *)forms[i].definition,
		    strlen(forms[i].definition) + 1);
	}
	crypto_generichash_final(&h, out, sizeof out);
	sodium_bin2hex(hex, 65, out, sizeof out);
	store_form_free(forms, n);
	return ERR_OK;
}

/* Samples of what bundles carry, from the installed forms and roster. */
static enum err make_samples(struct store *st, const char *hash, struct samples *sa,
			     char **cause)
{
	struct store_install in;
	struct store_unit *units = NULL;
	size_t nunits = 0;
	struct form_set set;
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	long today = (long)(clock_now() / 86400);
	enum err e;

	for (int i = 0; i < 16; i++)
		seed = seed * 31 + (uint64_t)hash[i];
	e = store_install_get(st, &in, cause);
	if (e != ERR_OK)
		return e;
	e = store_unit_list(st, NULL, &units, &nunits, cause);
	if (e == ERR_OK)
		e = form_set_load(st, &set, cause);
	if (e != ERR_OK) {
		store_unit_free(units, nunits);
		store_install_free(&in);
		return e;
	}
	/* each sample is a bundle of one submission, as a month's is: the
	 * header line (a unit of the roster, a pack number and the office's
	 * signature of it — random: only its shape is learnt), then the line */
	for (size_t i = 0, n = 0; i < set.n; i++)
		for (size_t r = 0; r < set.forms[i]->nreports; r++)
			for (int k = 0; k < SAMPLES_PER_REPORT; k++, n++) {
				char *line = sample_line(set.forms[i], (int)r, k, today, &seed);
				char *head = sample_header(in.commune, nunits ? units[n % nunits].id :
				    "thon", &seed);
				char *both = xasprintf("%s\n%s", head, line);
				add_sample(sa, both);
				free(both);
				free(head);
				free(line);
			}
	form_set_free(&set);
	store_unit_free(units, nunits);
	store_install_free(&in);
	return ERR_OK;
}

enum err sync_dict_train(struct store *st, uint32_t *id, int *made, char **cause)
{
	struct samples sa = { 0 };
	struct sync_dict d = { 0 };
	char hash[65], cur[65];
	uint32_t was;
	size_t cap;
	enum err e;

	*id = 0;
	*made = 0;
	e = forms_hash(st, hash, cause);
	if (e == ERR_OK)
		e = current_id(st, &was, cur, cause);
	if (e != ERR_OK)
		return e;
	if (was != 0 && strcmp(cur, hash) == 0) {
		*id = was;
		return ERR_OK;	/* made from these very forms */
	}
	e = make_samples(st, hash, &sa, cause);
	if (e != ERR_OK)
		goto out;
	/* the trainer wants far more samples than dictionary: ask for less
	 * when the forms are few; none at all when they give too little */
	d.bytes = xmalloc(DICT_CAPACITY);
	for (cap = DICT_CAPACITY; cap >= 1024; cap /= 2) {
		size_t r;
		if (sa.len < 10 * cap || sa.n < 16)
			continue;
		r = ZDICT_trainFromBuffer(d.bytes, cap, sa.buf, sa.sizes, (unsigned)sa.n);
		if (!ZDICT_isError(r)) {
			d.len = r;
			break;
		}
	}
	if (d.len == 0) {
		*id = was;	/* the forms give too little to learn from: keep what is */
		goto out;
	}
	e = sync_dict_check(d.bytes, d.len, &d.id, cause);
	if (e == ERR_OK)
		e = store_begin(st, cause);
	if (e == ERR_OK) {
		/* the same dictionary again (the forms changed in nothing it
		 * learnt): only the hash it is current for moves on */
		e = keep(st, &d, hash, 0, cause);
		if (e == ERR_OK && d.id != was) {
			char *detail = xasprintf("%zu bytes from %zu samples", d.len, sa.n);
			char obj[16];
			snprintf(obj, sizeof obj, "%u", d.id);
			e = store_audit(st, "dict-made", obj, detail, cause);
			free(detail);
		}
		if (e == ERR_OK)
			e = store_commit(st, cause);
		else
			store_rollback(st);
	}
	if (e == ERR_OK) {
		*id = d.id;
		*made = d.id != was;
	}
out:
	sync_dict_free(&d);
	free(sa.buf);
	free(sa.sizes);
	return e;
}

/* ---- in packs ---- */

json_t *sync_dict_json(const struct sync_dict *d)
{
	size_t blen = sodium_base64_ENCODED_LEN(d->len, B64);
	char *b64 = xmalloc(blen);
	json_t *j;

	sodium_bin2base64(b64, blen, d->bytes, d->len, B64);
	j = json_pack("{s:I, s:s}", "id", (json_int_t)d->id, "data", b64);
	free(b64);
	return j;
}

enum err sync_dict_from_json(json_t *j, struct sync_dict *d, char **cause)
{
	json_t *idj = json_object_get(j, "id");
	const char *b64 = json_string_value(json_object_get(j, "data"));
	size_t n = 0, blen;
	uint32_t got = 0;
	enum err e;

	memset(d, 0, sizeof *d);
	if (!json_is_object(j) || !json_is_integer(idj) || json_integer_value(idj) <= 0 ||
	    json_integer_value(idj) > UINT32_MAX || b64 == NULL)
		return err_set(cause, ERR_CORRUPT, "%s", TR("từ điển nén trong gói không đúng định "
		    "dạng", "the compression dictionary in the pack does not have the expected "
		    "shape"));
	blen = strlen(b64);
	/* its size, before it is decoded */
	if (blen > sodium_base64_ENCODED_LEN(SYNC_DICT_MAX, B64))
		return err_set(cause, ERR_CORRUPT, TR("từ điển nén trong gói dài khoảng %zu byte, quá "
		    "giới hạn %u byte", "the compression dictionary in the pack is about %zu bytes, "
		    "over the limit of %u bytes"), blen / 4 * 3, SYNC_DICT_MAX);
	d->bytes = xmalloc(blen / 4 * 3 + 3);
	if (sodium_base642bin(d->bytes, blen / 4 * 3 + 3, b64, blen, NULL, &n, NULL, B64) != 0) {
		sync_dict_free(d);
		return err_set(cause, ERR_CORRUPT, "%s", TR("từ điển nén trong gói không phải base64",
		    "the compression dictionary in the pack is not base64"));
	}
	d->len = n;
	e = sync_dict_check(d->bytes, d->len, &got, cause);
	if (e == ERR_OK && got != (uint32_t)json_integer_value(idj))
		e = err_set(cause, ERR_CORRUPT, TR("từ điển nén trong gói mang số %u, gói ghi số %u",
		    "the compression dictionary in the pack has id %u, the pack says %u"), got,
		    (unsigned)json_integer_value(idj));
	if (e != ERR_OK) {
		sync_dict_free(d);
		return e;
	}
	d->id = got;
	return ERR_OK;
}

enum err sync_dict_keep_field(struct store *st, const struct sync_dict *d, int *changed,
			      char **cause)
{
	uint32_t was = 0;
	enum err e = current_id(st, &was, NULL, cause);

	*changed = 0;
	if (e != ERR_OK || was == d->id)
		return e;
	e = keep(st, d, NULL, 1, cause);
	*changed = e == ERR_OK;
	return e;
}

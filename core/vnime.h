/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vnime: the built-in Vietnamese typing modes, Telex and VNI, for consoles
 * with no input method — typed the way Unikey types them.
 *
 * The caller keeps the raw keys of the word being typed and asks for its
 * rendering after every key; rendering from the raw keys each time makes
 * the order of keys free (the tone key may come last: "chuaarn" -> chuẩn)
 * and undo by repetition exact ("ass" -> as). Backspace deletes the last
 * letter shown, as Unikey does (the tone stays: "Vieetj" then Backspace is
 * Việ); vnime_keys gives the keys of what is left, to go on composing.
 *
 *   Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, dd đ (also after
 *          consonants: HDDND -> HĐND), w alone ư;
 *          s sắc, f huyền, r hỏi, x ngã, j nặng, z no tone.
 *   VNI:   6 â ê ô, 7 ơ ư, 8 ă, 9 đ; 1 sắc, 2 huyền, 3 hỏi, 4 ngã,
 *          5 nặng, 0 no tone.
 *
 * Tones go where Vietnamese puts them, old style (hòa, thủy): on the vowel
 * with a mark (ơ of ươ), the middle of three vowels, the second of two
 * before a final consonant (hoàn), else the first (mùa); qu and gi are
 * consonants (quý, già, giữa).
 *
 * As in Unikey: a horn on the u of "uo" completes ươ as soon as the
 * syllable shows it (huwou -> hươu, nguwoif -> người); uow is uơ after h,
 * kh, th or alone (thuở, huơ) and a second w makes it ươ (uoww -> ươ);
 * only sắc and nặng go on a syllable ending in c, ch, p or t — a huyền,
 * hỏi or ngã key there is typed as a letter (tacf -> tacf). The whole of
 * Unikey's published Telex test table passes (tests/data/unikey-telex.tsv).
 */
#ifndef BAOCAO_VNIME_H
#define BAOCAO_VNIME_H

#include <stddef.h>

enum vnime_mode { VNIME_OFF, VNIME_TELEX, VNIME_VNI };

#define VNIME_MAX_KEYS 32	/* raw keys of one word */

/* Does key C (ASCII) belong to a word being composed in MODE? Letters in
 * both modes; digits too in VNI. */
int vnime_word_key(enum vnime_mode mode, int c);

/* Render the raw keys KEYS (N of them, ASCII) as one word, NFC UTF-8, into
 * OUT (SIZE bytes, at least 4 * N + 1). Returns OUT. */
char *vnime_render(enum vnime_mode mode, const char *keys, size_t n, char *out, size_t size);

/* Keys that type WORD (NFC UTF-8) in MODE, so that typing may go on
 * composing it — what Backspace leaves of a word: a letter at a time with
 * its marks (ươ: uwow, ê: ee / e6, đ: dd / d9), its tone key last (việ:
 * vieej / vie65). Writes at most MAX keys to KEYS; returns how many, or 0
 * if WORD is empty or no such keys render exactly it (a letter the mode
 * would take as a key, say: the caller keeps the text as typed). */
size_t vnime_keys(enum vnime_mode mode, const char *word, char *keys, size_t max);

const char *vnime_mode_name(enum vnime_mode mode);	/* "Telex", "VNI", "EN" */

#endif

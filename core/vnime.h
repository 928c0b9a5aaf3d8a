/*
 * vnime: the built-in Vietnamese typing modes, Telex and VNI, for consoles
 * with no input method — typed the way Unikey types them.
 *
 * The caller keeps the raw keys of the word being typed and asks for its
 * rendering after every key; rendering from the raw keys each time makes
 * the order of keys free (the tone key may come last: "chuaarn" -> chuẩn),
 * undo by repetition exact ("ass" -> as) and Backspace simple (drop the
 * last raw key, render again).
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

const char *vnime_mode_name(enum vnime_mode mode);	/* "Telex", "VNI", "EN" */

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * num: the one reader of numbers as people type them into a form, for
 * every numeric field (whole numbers and decimals), in the interface, in
 * `fill` and wherever a value is typed.
 *
 * Vietnamese writing: the comma is the decimal mark ("0,5"); a dot (or a
 * space) followed by groups of exactly three digits separates thousands
 * ("1.234.567", "1 234"). A dot followed by 1, 2 or 4+ digits is read as a
 * decimal point ("1.5", "0.25"), as a keyboard would write it. "15.000,5"
 * is 15000.5. A single dot followed by exactly three digits ("15.000",
 * "1.234") is a thousands separator in a whole-number field (1234) and
 * ambiguous in a decimal field: refused, the message saying both readings
 * and how to write each. Mixed nonsense ("1,234.5", "1.23.4", "1e5",
 * "nan", "0x10") is refused.
 */
#ifndef BAOCAO_NUM_H
#define BAOCAO_NUM_H

#include <stdbool.h>

#include "../core/err.h"

/* Read TEXT (already trimmed) as a number for a whole-number field (WHOLE)
 * or a decimal field. On success *OUT is the value and ERR_OK is returned;
 * otherwise ERR_INVALID with one line in *CAUSE (what was typed, why, and
 * how to write it) and *OUT untouched. Magnitudes of 1e15 or more are
 * refused. */
enum err num_read(const char *text, bool whole, double *out, char **cause);

/* A number already in the canonical form baocao stores and a JSON number
 * prints ("-12", "15000.5", "1.234": the dot always a decimal point): true
 * and *OUT set, else false. Only for text that was never typed by a person
 * (a stored submission, a bundle, a JSON number), where "1.234" is 1.234. */
bool num_canonical(const char *text, double *out);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock.h: the one clock every layer reads.
 */
#ifndef BAOCAO_CLOCK_H
#define BAOCAO_CLOCK_H

#include <stdint.h>

/* Now in Unix seconds. Tests pin it with BAOCAO_NOW (decimal seconds). */
int64_t clock_now(void);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-name.h: the name a bundle is given on the USB stick.
 *
 * One rule for every place that names a bundle (the interface's export
 * proposes it): the unit's name and the periods of the reports the bundle
 * carries, so that the office sees on the stick whose reports for which
 * period it holds ("thon-dong-tam-2026-11.bcb") — never the month it was
 * written in, which is the next one for a monthly report sent on time.
 */
#ifndef BAOCAO_SYNC_NAME_H
#define BAOCAO_SYNC_NAME_H

#include "../core/err.h"
#include "../storage/store.h"

/*
 * Field: the stem (no ".bcb") of the bundle sync_export would write now:
 * the slug of the unit's name (the roster's; its id when the roster lacks
 * it), '-', and the periods of the submissions it delivers for the first
 * time (those finalised and not yet exported; when there are none, every
 * one it carries again) — of the periodic reports among them, or of the
 * incidents and requests when there are none. One period:
 * "thon-dong-tam-2026-11"; several: the first and the last in order,
 * "thon-dong-tam-2026-09_2026-11". A time of day is written with 'h', as
 * the prompts read it ("2026-12-06T14h30"): ':' is refused by the FAT file
 * systems of USB sticks. A bundle carrying nothing is named by the month
 * of now. *STEM is the caller's to free.
 */
enum err sync_bundle_stem(struct store *st, char **stem, char **cause);

#endif

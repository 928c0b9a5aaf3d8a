/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit-text.h: audit rows in the interface's words (tui/ only).
 */
#ifndef BAOCAO_AUDIT_TEXT_H
#define BAOCAO_AUDIT_TEXT_H

/* An audit action ("import", "return", "finalise"...) as the interface's
 * language says it; an action it does not know, as it is. */
const char *audit_text_action(const char *action);
/* An audit row's DETAIL in words: "rev 3", "rev 3 from rev 1" (a restore),
 * "rev 2 from DEVICE rev 1[ (older…)|( CONFLICT…)][; clock: …]" (an
 * import); anything else (a reason) as it is; "" for NULL. Caller frees. */
char *audit_text_detail(const char *detail);

#endif

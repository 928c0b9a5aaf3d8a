/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit-text.c: audit rows in the interface's words. The log keeps what the
 * storage and sync layers wrote ("import", "rev 2 from XXXX rev 1"), in
 * English, for the CLI and for any later reader; the interface shows a
 * submission's trail in the user's language (Vietnamese unless
 * BAOCAO_LANG=en), so no English word turns up in a Vietnamese screen.
 */
#include "audit-text.h"
#include "../core/err.h"
#include "../core/mem.h"

#include <stdio.h>
#include <string.h>

const char *
audit_text_action(const char *a)
{
	static const struct { const char *key, *vi, *en; } names[] = {
		{ "create", "tạo", "created" }, { "edit", "sửa", "edited" },
		{ "restore", "khôi phục", "restored" }, { "finalise", "hoàn tất", "finalised" },
		{ "received", "đã nhận", "received" }, { "final", "hoàn tất", "final" },
		{ "exported", "đã xuất", "exported" }, { "approved", "đã duyệt", "approved" },
		{ "returned", "trả lại", "returned" }, { "approve", "duyệt", "approved" },
		{ "return", "trả lại", "returned" }, { "import", "đã nhận", "imported" },
		{ "hold-sub", "giữ lại", "held back" }, { "received-on", "ngày nhận", "received on" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(a, names[i].key) == 0)
			return TR(names[i].vi, names[i].en);
	return a;
}

char *
audit_text_detail(const char *d)
{
	int r, from, at = 0;
	char tail, dev[32];

	if (d == NULL)
		return xstrdup("");
	/* an import: "rev 2 from DEVICE rev 1[ (older, …)][; clock: …]" */
	if (sscanf(d, "rev %d from %31s rev %d%n", &r, dev, &from, &at) == 3 && at > 0) {
		const char *rest = d + at, *note = "";
		if (strncmp(rest, " (older, kept in history)", 25) == 0) {
			note = TR(" (cũ hơn, giữ trong lịch sử)", " (older, kept in history)");
			rest += 25;
		} else if (strncmp(rest, " (CONFLICT:", 11) == 0) {
			note = TR(" (XUNG ĐỘT: lần sửa đó đã có ở đây với nội dung khác)",
			    " (CONFLICT: that revision was here with other content)");
			rest = strchr(rest, ')') ? strchr(rest, ')') + 1 : rest + strlen(rest);
		}
		if (strncmp(rest, "; clock: ", 9) == 0)
			return xasprintf(TR("lần sửa %d, từ máy %s (lần %d)%s; đồng hồ: %s",
			    "revision %d, from %s (its %d)%s; clock: %s"), r, dev, from, note, rest + 9);
		return xasprintf(TR("lần sửa %d, từ máy %s (lần %d)%s", "revision %d, from %s "
		    "(its %d)%s"), r, dev, from, note);
	}
	if (sscanf(d, "rev %d from rev %d%c", &r, &from, &tail) == 2)
		return xasprintf(TR("lần sửa %d (khôi phục lần %d)", "revision %d (restores %d)"),
		    r, from);
	if (sscanf(d, "rev %d%c", &r, &tail) == 1)
		return xasprintf(TR("lần sửa %d", "revision %d"), r);
	return xstrdup(d);
}

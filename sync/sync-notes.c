/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync-notes.c: what an import has to tell the clerk beyond its counts —
 * submissions held back, a device clock that went wrong, a changed key, a
 * restored office or laptop, revisions that came back with other content,
 * a file number used twice, a pack number claimed without proof — in the
 * user's language, written once for the command line and the interface
 * (see sync.h); and what applying a pack has to tell the unit beyond its
 * counts: the office's answers that were for an older revision.
 */
#include "sync.h"

#include <stdlib.h>

#include "../core/mem.h"
#include "../forms/cal.h"

static void
add(struct sync_note **v, size_t *n, int warn, char *text)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].text = text;
	(*v)[(*n)++].warn = warn;
}

size_t
sync_result_notes(const struct sync_result *r, struct sync_note **notes)
{
	struct sync_note *v = NULL;
	size_t n = 0;

	for (size_t k = 0; k < r->n_held_listed; k++)
		add(&v, &n, 1, xasprintf(TR("giữ lại %s", "held back %s"), r->held[k]));
	if (r->n_held > r->n_held_listed)
		add(&v, &n, 1, xasprintf(TR("… và %zu báo cáo khác bị giữ lại ('baocao status')",
		    "… and %zu more held back ('baocao status')"), r->n_held - r->n_held_listed));
	if (r->clock_note != NULL) {
		char when[20];
		moment_format(moment_from_unix(r->claimed), when, sizeof when);
		add(&v, &n, 1, xasprintf(TR("chú ý: %s (tệp ghi %s); thứ tự theo số thứ tự của "
		    "máy, hạn nộp theo giờ văn phòng nhận", "note: %s (the file says %s); order "
		    "follows the device's sequence, lateness the office's receipt"),
		    sync_clock_note_text(r->clock_note), when));
	}
	if (r->rotated)
		add(&v, &n, 0, xasprintf(TR("thiết bị đã đổi khoá (khoá cũ ký xác nhận): nay dùng "
		    "%s", "the device changed its key (the old key signed it): now %s"),
		    r->fingerprint));
	if (r->restored_to > 0)
		add(&v, &n, 1, xasprintf(TR("cảnh báo: đơn vị đã áp dụng gói số %llu mà văn phòng "
		    "này không có: văn phòng có thể đã được khôi phục từ bản sao lưu; gói tiếp "
		    "theo sẽ mang số lớn hơn để đơn vị nhận", "warning: the unit has applied pack "
		    "%llu, which this office has no record of: it may have been restored from a "
		    "backup; its next pack is numbered past it so that units take it"),
		    (unsigned long long)r->restored_to));
	if (r->n_conflict > 0)
		add(&v, &n, 1, xasprintf(TR("cảnh báo: %d báo cáo mang số bản đã nhận trước đó "
		    "nhưng nội dung khác (máy đơn vị được khôi phục từ bản sao lưu?): đã giữ cả "
		    "hai, bản mới là bản hiện hành, cần xem lại ('baocao history')", "warning: %d "
		    "submissions carry a revision number received before, with other content (the "
		    "unit's machine restored from a backup?): both kept, the new one current, to "
		    "be reviewed ('baocao history')"), r->n_conflict));
	if (r->n_stale > 0)
		add(&v, &n, 1, xasprintf(TR("cảnh báo: %d báo cáo trong tệp mới này mang lần sửa cũ "
		    "hơn lần văn phòng đã có (máy đơn vị được khôi phục từ bản sao lưu?): lần đã có "
		    "vẫn là bản hiện hành; hãy để đơn vị áp dụng gói mới rồi gửi lại", "warning: %d "
		    "submissions in this newer file carry a revision older than the office's (the "
		    "unit's machine restored from a backup?): the office's stays current; have the "
		    "unit apply a new pack, then send again"), r->n_stale));
	if (r->seq_reused)
		add(&v, &n, 1, xstrdup(TR("cảnh báo: thiết bị đánh số tệp này trùng một tệp "
		    "trước với nội dung khác (máy được khôi phục từ bản sao lưu?)", "warning: the "
		    "device numbered this file like an earlier one with other content (restored "
		    "from a backup?)")));
	if (r->restore_unproven > 0)
		add(&v, &n, 1, xasprintf(TR("chú ý: thiết bị nói đã áp dụng gói số %llu, lớn hơn "
		    "mọi gói văn phòng này đã làm, nhưng không kèm chữ ký của văn phòng: số thứ tự "
		    "của văn phòng giữ nguyên", "note: the device says it applied pack %llu, newer "
		    "than any this office wrote, without the office's signature of it: the "
		    "office's numbering is not moved"), (unsigned long long)r->restore_unproven));
	*notes = v;
	return n;
}

size_t
sync_applied_notes(const struct sync_applied *r, struct sync_note **notes)
{
	struct sync_note *v = NULL;
	size_t n = 0;

	/* an approval of the old content is not one of the new: say so, and
	 * which, or the unit believes its changed report is approved */
	if (r->stale > 0)
		add(&v, &n, 1, xasprintf(TR("%d xác nhận cho bản cũ (máy này đã sửa sau đó: bản "
		    "mới chưa được duyệt; hãy xuất và gửi lại nếu chưa gửi)", "%d answers for an "
		    "older revision (this installation changed it since: the new one is not "
		    "approved yet; export and send it if not sent)"), r->stale));
	for (int k = 0; k < r->n_stale_listed; k++)
		add(&v, &n, 1, xasprintf(TR("  %s %s: văn phòng trả lời bản %d; máy này có bản %d",
		    "  %s %s: the office answered revision %d; this installation has %d"),
		    r->stale_list[k].form, r->stale_list[k].period, r->stale_list[k].rev,
		    r->stale_list[k].here));
	if (r->stale > r->n_stale_listed)
		add(&v, &n, 1, xasprintf(TR("  … và %d báo cáo khác", "  … and %d more"), r->stale - r->n_stale_listed));
	*notes = v;
	return n;
}

void
sync_notes_free(struct sync_note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(notes[i].text);
	free(notes);
}

char *
sync_export_left_text(int left)
{
	return xasprintf(TR("Còn %d báo cáo chưa gửi: một tệp chở được tối đa %d, các báo cáo "
	    "cũ nhất đi trước. Sau khi áp dụng gói xác nhận của văn phòng ('baocao apply', "
	    "hoặc F6 ở màn hình chính), hãy xuất tiếp.", "%d more submissions wait: one file "
	    "carries at most %d, the oldest first. Once the office's pack with its receipt is "
	    "applied ('baocao apply', or F6 on the home screen), export again."), left,
	    SYNC_MAX_SUBMISSIONS);
}

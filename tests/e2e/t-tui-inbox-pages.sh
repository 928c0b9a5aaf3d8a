# SPDX-License-Identifier: GPL-3.0-or-later
# The inbox loads only a window of its list (office_inbox_page): 65
# submissions, PgDn to the last (past the first window of 64), which must
# be the oldest one received, and Enter opens that very one; the filter
# narrows the count from the kept counts.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
incident() {	# incident DAY HOUR PLACE
	printf '{"sv-loai": "stt-4", "sv-ngay": "2026-10-%s", "sv-gio": "%s:00", "sv-dia-diem": "%s", "sv-muc-do": "thuong", "sv-noi-dung": "Cháy thực bì"}' \
	    "$1" "$2" "$3" > inc.json
	run_bc 0 --db a.db fill --form nl09-thon-su-viec --period "2026-10-$1T$2:00" --final inc.json
}
# the first to reach the office: the last line of the inbox
incident 01 06 "Đồi cuối danh sách"
run_bc 0 --db a.db export --out a1.bcb
for d in 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17; do
	for h in 07 09 13 15; do
		incident "$d" "$h" "Đồi $d-$h"
	done
done
BAOCAO_NOW=$((BAOCAO_NOW + 600)) run_bc 0 --db a.db export --out a2.bcb
run_bc 0 --db o.db import a1.bcb
run_bc 0 --db o.db devices approve "$("$BAOCAO" --db o.db devices --format tsv | cut -f1)"
BAOCAO_NOW=$((BAOCAO_NOW + 600)) run_bc 0 --db o.db import a2.bcb

tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$((BAOCAO_NOW + 1200))"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc F7
wait_for "65 / 65 báo cáo"
# the newest first: one of the second file
wait_for "2026-10-17T15:00"
for i in 1 2 3 4 5 6 7; do
	tm send-keys -t bc NPage
done
# the chosen line, whole, at the bottom: the oldest, the 65th
wait_for "nl09-thon-su-viec · 2026-10-01T06:00 · Thôn Đồng Tâm"
tm send-keys -t bc Enter
wait_for "Đồi cuối danh sách"
tm send-keys -t bc Escape
wait_for "Hộp thư: báo cáo đã nhận"
# a filter: the count from the kept counts, the rows from the index
tm send-keys -t bc "2026-10-1"
wait_for "32 / 65 báo cáo"
tm kill-server

# SPDX-License-Identifier: GPL-3.0-or-later
# The office approves a device by keyboard whose held file carries a month
# the office's checks hold back (the laptop's clock was a month ahead): the
# approval line counts it and points to the inbox, the inbox lists it with
# its reason, and nothing of it is stored as a submission.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > v.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v.json
ahead=$(date -d '2026-12-05 08:00' +%s)
BAOCAO_NOW=$ahead run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-12 --final v.json
BAOCAO_NOW=$ahead run_bc 0 --db a.db export --out a1.bcb
run_bc 0 --db o.db import a1.bcb
fpr=$(fpr_of a.db)

tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Thiết bị chờ duyệt (F8): 1"
tm send-keys -t bc F8
wait_for "$fpr  thon-dong-tam         chờ duyệt    1"
tm send-keys -t bc Enter
wait_for "Duyệt thiết bị $fpr của thon-dong-tam?"
tm send-keys -t bc c
wait_for "Đã duyệt $fpr: nhập 1 tệp; giữ lại 1 báo cáo (xem F7)"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F7
wait_for "Hộp thư: báo cáo đã nhận"
wait_for "2026-12"
wait_for "giữ lại"
tm kill-server

# what was stored: October, not December; December held with its reason
run_bc 0 --db o.db history --form nl09-thon-thang --unit thon-dong-tam --period 2026-10 --format tsv
expect_eq "October stored" "$(printf '%s\n' "$OUT" | grep -c .)" 1
run_bc 1 --db o.db history --form nl09-thon-thang --unit thon-dong-tam --period 2026-12 --format tsv
run_bc 0 --db o.db status
expect_contains "December held, with why" "$OUT" "2026-12"
expect_contains "December held, with why" "$OUT" "chưa bắt đầu"

# SPDX-License-Identifier: GPL-3.0-or-later
# The previous period, read once (forms/sub-open.h) and shown the same by
# `fill` (its prev() warning), the form screen ("Kỳ trước" beside each
# field at 120 columns) and the office report (its sharp-change alert).
# At the field the previous period is what the unit last saved, a draft
# too; at the office it is the counted revision, never a newer draft.
# September's "Tổng số hộ" is 100 (final) then 300 (a newer draft);
# October says 200: against 100 that is a change of more than half (a
# warning), against 300 it is not.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-03 08:00' +%s)
warn="Số hộ thay đổi hơn 50% so với kỳ trước"

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > sep.json
printf '{"so-ho": 300, "so-nhan-khau": 400, "ho-ngheo": 9}' > sep2.json
printf '{"so-ho": 200, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json

# The field: September sent, then changed in a draft; October compares with
# the draft, in fill and on the form screen alike.
for db in a.db o.db; do
	u=
	[ $db = o.db ] && u="--unit thon-dong-tam"
	run_bc 0 --db $db fill --form nl09-thon-thang --period 2026-09 $u --final sep.json
	BAOCAO_NOW=$((BAOCAO_NOW + 900)) run_bc 0 --db $db fill --form nl09-thon-thang \
	    --period 2026-09 $u sep2.json
done
BAOCAO_NOW=$((BAOCAO_NOW + 1800)) run_bc 0 --db a.db fill --form nl09-thon-thang \
    --period 2026-10 --final oct.json
case "$ERR" in *"$warn"*) fail "field fill compared with the sent revision, not the draft: $ERR" ;; esac
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$((BAOCAO_NOW + 2400))"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm resize-window -t bc -x 120 -y 40
wait_for "2026-10     Hoàn tất"
tm send-keys -t bc Down Enter
wait_for "kỳ 2026-10"
wait_for "Tổng số hộ *"
wait_for "Kỳ trước"
expect_line "the form screen's previous value (field)" "$(screen)" "Tổng số hộ \*.*200 hộ.*300"
tm send-keys -t bc Escape F10
wait_for "EXITED 0"
tm kill-server

# The office: September entered there (final, counted), then a newer
# draft; October comes from the village. fill, the report and the review
# screen all compare with the counted 100.
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
run_bc 0 --db o.db devices approve "$("$BAOCAO" --db o.db devices --format tsv | cut -f1)"
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10
expect_contains "the office report's previous value" "$OUT" "thay đổi mạnh so với kỳ trước (100 → 200)"
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$((BAOCAO_NOW + 3600))"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm resize-window -t bc -x 120 -y 40
tm send-keys -t bc F7
wait_for "Hộp thư: báo cáo đã nhận"
tm send-keys -t bc "2026-10"
wait_for "1 / "
tm send-keys -t bc Enter
wait_for "Tổng số hộ *"
wait_for "Kỳ trước"
expect_line "the review screen's previous value (office)" "$(screen)" "Tổng số hộ \*.*200 hộ.*100"
tm send-keys -t bc Escape Escape F10
wait_for "EXITED 0"
# last: the office typing October itself makes a draft of its own
BAOCAO_NOW=$((BAOCAO_NOW + 3000)) run_bc 0 --db o.db fill --form nl09-thon-thang \
    --period 2026-10 --unit thon-dong-tam oct.json
expect_contains "office fill compares with the counted revision" "$ERR" "$warn"

# SPDX-License-Identifier: GPL-3.0-or-later
# The form's history in the interface: one sitting's autosaves make one
# revision; F6 lists the revisions, Enter shows one's values, F5 asks
# (naming the revision) and restores it as a new revision; back on the form
# the restored values are there — checked in the store afterwards.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now
F="--form nl09-thon-thang --period 2026-10"
who=$(printf '%-14s' "$(id -un)")	# who saved, as the list pads it

run_bc 0 --db a.db setup field --unit thon-dong-tam --kind thon --name "Thôn Đồng Tâm"
printf 'so-ho,120\nso-nhan-khau,480\nho-ngheo,5\n' > r1.csv
run_bc 0 --db a.db fill $F r1.csv
printf 'ho-ngheo,6\n' > r2.csv
run_bc 0 --db a.db fill $F r2.csv
run_bc 0 --db a.db history $F --show 1 --format json
one=$OUT

tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "2026-11-10  2026-10     Nháp"
tm send-keys -t bc Enter
wait_for "Tổng số hộ *"
# two values changed in one sitting: one revision (3)
tm send-keys -t bc Enter C-u 200 Enter
wait_for "200 hộ"
tm send-keys -t bc Enter C-u 800 Enter
wait_for "800"
tm send-keys -t bc F6
wait_for "Lịch sử sửa"
wait_for "3 lần sửa · ▸ lần sửa hiện tại"
s=$(screen)
case "$s" in *"     1  05/11/2026 08:00 ${who}nháp            3"*"     2  05/11/2026 08:00 ${who}nháp            1"*"▸   3  05/11/2026 08:00 ${who}nháp            2"*) ;;
*) fail "the list: $s" ;; esac
# the first revision's values
tm send-keys -t bc Up Up Enter
wait_for "Lần sửa 1 — 05/11/2026 08:00 — nháp"
wait_for "Tổng số hộ: 120"
tm send-keys -t bc Escape
# the third: what the sitting changed, marked
tm send-keys -t bc Down Down Enter
wait_for "Lần sửa 3"
wait_for "Tổng số hộ: 200  (trước: 120)"
wait_for "Tổng số nhân khẩu: 800  (trước: 480)"
tm send-keys -t bc Escape Up Up
wait_for "Thay đổi"
# restore it: the question names it; Esc first, then Enter
tm send-keys -t bc F5
wait_for "Khôi phục lần sửa 1 (05/11/2026 08:00, 3 giá trị) thành lần sửa mới?"
tm send-keys -t bc Escape
sleep 0.3
case "$(screen)" in *"Đã khôi phục"*) fail "restored without Enter" ;; esac
tm send-keys -t bc F5
wait_for "Khôi phục lần sửa 1"
tm send-keys -t bc Enter
wait_for "Đã khôi phục lần sửa 1 thành lần sửa 4 (nháp)."
wait_for "▸   4  05/11/2026 08:00 ${who}nháp            3    khôi phục lần 1"
# back on the form: the restored values, in a new sitting
tm send-keys -t bc Escape
wait_for "Tổng số hộ *"
wait_for "120 hộ"
case "$(screen)" in *"200 hộ"*) fail "the form kept its old values" ;; esac
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server

# What is stored: 4 revisions; the sitting's last values in 3; 4 is 1's.
run_bc 0 --db a.db history $F --format tsv
expect_eq "revisions" "$(printf '%s\n' "$OUT" | cut -f1,5,7)" "1	draft	0
2	draft	0
3	draft	0
4	draft	1"
run_bc 0 --db a.db history $F --show 3
expect_contains "sitting kept" "$OUT" '"so-ho","200"'
expect_contains "sitting kept 2" "$OUT" '"so-nhan-khau","800"'
run_bc 0 --db a.db history $F --show 4 --format json
expect_eq "restored values" "$OUT" "$one"
run_bc 0 --db a.db audit --format tsv
expect_contains "audited" "$OUT" "restore	nl09-thon-thang/thon-dong-tam/2026-10	rev 4 from rev 1"

# SPDX-License-Identifier: GPL-3.0-or-later
# The office's roster in the interface (F2 on the office's home screen):
# add a unit (name typed in Telex, kind chosen from the forms' kinds),
# rename it, take it off the roster (asked, naming it: "k" changes nothing,
# "c" does) and put it back; the devices of a unit are listed under it.
# Asserted on the store (`baocao units`), as the CLI's own commands do it.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
fa=$(fpr_of a.db)

tui_start "$T/o.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F2
wait_for "Danh sách đơn vị của xã"
wait_for "thon-dong-tam          Thôn Đồng Tâm                thon       1 chờ duyệt"
wait_for "Thiết bị của Thôn Đồng Tâm:"
wait_for "$fa"

# F5: a name in Telex, Tab to the kind (the first kind the forms know is
# offered; → moves until "thon"), Enter adds it with the id made from it.
tm send-keys -t bc F5
wait_for "Thêm đơn vị"
tm send-keys -t bc "Thoon Ddoongf Mowis"
wait_for "Thôn Đồng Mới"
wait_for "để trống: thon-dong-moi"
tm send-keys -t bc Tab
k=0
while ! screen | grep -q "< thon >"; do
	tm send-keys -t bc Right
	sleep 0.2
	k=$((k + 1))
	[ $k -lt 30 ] || fail "the kind thon is not offered: $(screen)"
done
tm send-keys -t bc Enter
wait_for "Đã thêm Thôn Đồng Mới: mã thon-dong-moi."
run_bc 0 --db o.db units --format tsv
expect_contains "added" "$OUT" "thon-dong-moi	thon	Thôn Đồng Mới"

# F6: rename the unit under the cursor (the one just added).
tm send-keys -t bc F6
wait_for "Tên mới của thon-dong-moi:"
tm send-keys -t bc C-u "Thoon Ddoongf Mowis Hai" Enter
wait_for "thon-dong-moi: đã đổi tên thành \"Thôn Đồng Mới Hai\"."
run_bc 0 --db o.db units --format tsv
expect_contains "renamed" "$OUT" "thon-dong-moi	thon	Thôn Đồng Mới Hai"

# F8 asks, naming the unit; k leaves it, c takes it off; F8 c puts it back.
tm send-keys -t bc F8
wait_for "Bỏ Thôn Đồng Mới Hai (thon-dong-moi) khỏi danh sách?"
tm send-keys -t bc k
wait_for "Không đổi gì: Thôn Đồng Mới Hai vẫn như cũ."
run_bc 0 --db o.db units
case "$OUT" in *"(đã bỏ)"*) fail "taken off after k: $OUT" ;; esac
tm send-keys -t bc F8
wait_for "Bỏ Thôn Đồng Mới Hai (thon-dong-moi) khỏi danh sách?"
tm send-keys -t bc c
wait_for "Thôn Đồng Mới Hai: đã bỏ khỏi danh sách (F8 lần nữa: đưa lại)."
wait_for "Thôn Đồng Mới Hai (đã bỏ)"
run_bc 0 --db o.db units
expect_contains "taken off" "$OUT" "Thôn Đồng Mới Hai (đã bỏ)"
tm send-keys -t bc F8
wait_for "Đưa Thôn Đồng Mới Hai (thon-dong-moi) trở lại danh sách?"
tm send-keys -t bc c
wait_for "Thôn Đồng Mới Hai: đã trở lại danh sách."
run_bc 0 --db o.db units
case "$OUT" in *"(đã bỏ)"*) fail "not back on the roster: $OUT" ;; esac

# A name already taken is refused on the message line, nothing added.
tm send-keys -t bc F5 "Thoon Ddoongf Taam" Tab
k=0
while ! screen | grep -q "< thon >"; do
	tm send-keys -t bc Right
	sleep 0.2
	k=$((k + 1))
	[ $k -lt 30 ] || fail "the kind thon is not offered: $(screen)"
done
tm send-keys -t bc Enter
wait_for "thon-dong-tam"
wait_for "Thêm đơn vị"
tm send-keys -t bc Escape
wait_for "Không thêm đơn vị nào."
tm send-keys -t bc Escape
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db o.db units --format tsv
expect_eq "units" "$(printf '%s\n' "$OUT" | grep -c thon-dong)" 2
run_bc 0 --db o.db audit --format tsv
expect_contains "audited" "$OUT" "thon-dong-moi"

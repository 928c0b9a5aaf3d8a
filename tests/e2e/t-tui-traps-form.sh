# SPDX-License-Identifier: GPL-3.0-or-later
# Traps a village head fell into in the form (issue 15), each checked on
# what was saved: in a multiple choice typed letters only find an option
# (accents ignored) and Space ticks the lit one alone; F10 while a value is
# being typed keeps the value; keys do nothing under "the window is too
# small"; the caret is on the value being edited; the typing mode "off" is
# not a stray "[EN]"; the idle lock keeps a value being typed.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"

# saved FORM PERIOD: the latest revision's values, as stored, into $OUT
saved() {
	run_bc 0 --db a.db history --form "$1" --period "$2" --format tsv
	n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
	run_bc 0 --db a.db history --form "$1" --period "$2" --show "$n" --format json
}

open_october() {
	tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
	wait_for "Mật khẩu:"
	tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
	wait_for "Việc cần làm"
	tm send-keys -t bc Enter
	wait_for "kỳ 2026-10"
	wait_for "Tổng số hộ *"
}

# --- multiple choice: "thuc" finds "An toàn thực phẩm", "moi" "Bảo vệ môi
# trường"; each Space ticks only the lit one; a search that finds nothing
# ticks nothing
open_october
tm send-keys -t bc PgDn PgDn Up Up Enter
wait_for "Cách: chọn/bỏ dòng sáng"
wait_for "[ ] An toàn thực phẩm"
tm send-keys -t bc t h u c Space
wait_for "[x] An toàn thực phẩm"
tm send-keys -t bc m o i Space
wait_for "[x] Bảo vệ môi trường"
tm send-keys -t bc q q q
wait_for "Không có lựa chọn nào khớp."
tm send-keys -t bc Enter
wait_for "Bảo vệ môi trường, An toàn thực phẩm"
# Enter moved on to the next value, as after a typed one (issue 17); back
# on the field, typing opens the list with the letters already finding
tm send-keys -t bc Up d i c h
wait_for "Tìm: dich"
tm send-keys -t bc Space Enter
wait_for "Nội dung đã tuyên truyền            Dịch vụ công trực tuyến, Bảo vệ"
# --- the caret: on the value being typed, not on some other row
tm send-keys -t bc Up Up Enter 4
wait_for "Số buổi tuyên truyền, họp dân       4"
row=$(screen | grep -n "Số buổi tuyên truyền, họp dân" | cut -d: -f1)
expect_eq "caret row" "$(tm display -p -t bc '#{cursor_flag} #{cursor_y}')" "1 $((row - 1))"
# --- F10 in the middle of typing: the 4, never confirmed by Enter, is kept
tm send-keys -t bc F10
wait_for "EXITED 0"
saved nl09-thon-thang 2026-10
expect_contains "ticked exactly those" "$OUT" '"noi-dung-tuyen-truyen":"dvc moi-truong attp"'
expect_contains "F10 kept the value" "$OUT" '"buoi-tuyen-truyen":"4"'

# --- too small: the message, and keys that would have typed 99 do nothing
open_october
tm resize-window -t bc -x 60 -y 20
wait_for "Cửa sổ quá nhỏ (60x20)"
wait_for "Phím không có tác dụng"
tm send-keys -t bc Enter 9 9 Enter F9
sleep 0.5
tm resize-window -t bc -x 80 -y 24
wait_for "Tổng số hộ *"
case "$(screen)" in *Kiểm\ tra:*|*99*) fail "keys acted under 'too small': $(screen)" ;; esac
# --- the typing mode off is named, not "[EN]"
tm send-keys -t bc C-t C-t
wait_for "[Tắt bộ gõ]"
case "$(screen)" in *"[EN]"*) fail "a stray [EN] label" ;; esac
tm send-keys -t bc C-t
wait_for "[Telex]"
tm send-keys -t bc F10
wait_for "EXITED 0"
saved nl09-thon-thang 2026-10
case "$OUT" in *'"so-ho"'*|*99*) fail "a key under 'too small' was saved: $OUT" ;; esac
expect_contains "still there" "$OUT" '"buoi-tuyen-truyen":"4"'

# --- the idle lock while a value is being typed: kept, as F10 keeps it
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now BAOCAO_IDLE_SECONDS=2"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc Enter
wait_for "Tổng số hộ *"
tm send-keys -t bc Enter 120
wait_for "Tổng số hộ *                        120"
sleep 3
wait_for "Đã tự khóa sau 2 giây không dùng."
saved nl09-thon-thang 2026-10
expect_contains "the lock kept the value" "$OUT" '"so-ho":"120"'
tm send-keys -t bc F10
wait_for "EXITED 0"

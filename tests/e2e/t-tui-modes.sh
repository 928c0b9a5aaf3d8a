# SPDX-License-Identifier: GPL-3.0-or-later
# The interface's modes are a stack (issue 15): a mode is pushed by the one
# that opens it, Esc pops it, and the mode uncovered refreshes what it shows.
# First the sources: no mode but the entry ones (unlock, setup) constructs
# the home screen or replaces itself, and no two modes construct each
# other (a mode would name the one below it); no file of tui/ is over 700
# lines. Then in tmux: home -> F2 periods -> a period's form, a value
# saved, Esc back to the periods (not home) showing it a draft, Esc home
# showing it a draft too; the review (F9) is a mode of its own that Esc
# leaves for the form; the help is drawn from the form's key table; Esc in
# a multiple choice whose ticks changed asks before dropping them (issue
# 15's "as the rest of the interface does for unsaved edits").
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh

tui="$SRC/tui"
# 1. home is the bottom: only unlock and setup construct it
for f in "$tui"/screen-*.c "$tui"/widget-*.c; do
	case "${f##*/}" in screen-unlock.c|screen-setup.c) continue ;; esac
	pat='screen_home_new *(\|&screen_home_ops\|ui_replace *('
	[ "${f##*/}" = screen-home.c ] && pat='ui_replace *('
	if grep -n "$pat" "$f"; then
		fail "${f##*/} constructs the home screen or replaces itself: push and pop instead"
	fi
done
# 2. no mode names its parent: the graph "family A constructs a mode of
# family B" has no edge both ways (A opens B and B opens A). A family is a
# mode's files: screen-form.c, screen-form-load.c... are screen-form.
family() { f=${1##*/}; f=${f%.c}; echo "$f" | sed 's/^\(screen-[a-z]*\)-.*/\1/'; }
edges=$(for f in "$tui"/screen-*.c "$tui"/widget-*.c; do
	for m in $(grep -o 'screen_[a-z]*_new *(' "$f" | sed 's/ *(//' | sort -u); do
		def=$(grep -l "^$m(" "$tui"/*.c)
		[ -n "$def" ] || continue
		a=$(family "$f")
		b=$(family "$def")
		[ "$a" != "$b" ] && echo "$a $b"
	done
done | sort -u)
[ -n "$edges" ] || fail "no mode opens another: the check reads nothing"
echo "$edges" | while read -r a b; do
	if echo "$edges" | grep -qx "$b $a"; then
		fail "$a and $b construct each other: one names its parent"
	fi
done || exit 1

# 3. no file of the interface over ~700 lines (screen-form.c was 1,700)
for f in "$tui"/*.c "$tui"/*.h; do
	n=$(wc -l < "$f")
	[ "$n" -le 700 ] || fail "${f##*/} has $n lines: split it by what it shows"
done

# 4. the stack in the terminal
command -v tmux >/dev/null || fail "tmux is not installed"
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"

tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "2026-11-10  2026-10     Chưa làm    Báo cáo tháng · Báo cáo của thôn"
tm send-keys -t bc F2
wait_for "Chưa làm"
tm send-keys -t bc Enter
wait_for "kỳ 2026-10 — chưa làm"
tm send-keys -t bc 120 Enter
wait_for "kỳ 2026-10 — nháp, tự lưu"
# Esc pops the form: the periods come back (they opened it), refreshed
tm send-keys -t bc Escape
wait_for "Nháp"
case "$(screen)" in *"Việc cần làm"*) fail "Esc from the form went past the periods" ;; esac
tm send-keys -t bc Escape
wait_for "2026-11-10  2026-10     Nháp        Báo cáo tháng · Báo cáo của thôn"

# The review is a mode pushed on the form: Esc goes back to the form; the
# help is drawn from the form's table (a key and its Ctrl alternative)
tm send-keys -t bc Enter
wait_for "kỳ 2026-10 — nháp, tự lưu"
wait_for "Enter Nhập/chọn giá trị F9 Kiểm tra, hoàn tất F2 Chép kỳ trước"
tm send-keys -t bc F9
wait_for "Kiểm tra:"
tm send-keys -t bc Escape
wait_for "Tổng số hộ *"
tm send-keys -t bc F1
wait_for "F2, Ctrl-L"
wait_for "Chép kỳ trước"
tm send-keys -t bc x
# while a value is typed the menu offers only the global keys: the form's
# would act over the value being typed (the draft reopened on its first
# empty value, so-nhan-khau: Up to so-ho)
tm send-keys -t bc Up 7
wait_for "Tổng số hộ *                        7"
tm send-keys -t bc F3
wait_for "Menu — ↑ ↓ chọn, Enter làm, Esc đóng"
wait_for "Trợ giúp"
case "$(screen)" in *"F9             Kiểm tra, hoàn tất"*) fail "the menu offers the form's keys while typing" ;; esac
tm send-keys -t bc Escape
sleep 0.2
tm send-keys -t bc Escape
wait_for "Tổng số hộ *"

# A multiple choice whose ticks changed asks before Esc drops them: k
# keeps them (still choosing), Enter saves; unchanged, Esc asks nothing
tm send-keys -t bc PgDn PgDn Up Up Enter
wait_for "Cách: chọn/bỏ dòng sáng"
tm send-keys -t bc t h u c Space
wait_for "[x] An toàn thực phẩm"
tm send-keys -t bc Escape
wait_for "Bỏ các lựa chọn vừa đánh dấu ở"
tm send-keys -t bc k
wait_for "Các lựa chọn vẫn giữ: Enter để lưu."
wait_for "[x] An toàn thực phẩm"
tm send-keys -t bc Enter
wait_for "Nội dung đã tuyên truyền            An toàn thực phẩm"
# Enter moved on to the next value: Up comes back to the choice
tm send-keys -t bc Up Enter
wait_for "Cách: chọn/bỏ dòng sáng"
tm send-keys -t bc Escape
sleep 0.3
case "$(screen)" in *"Bỏ các lựa chọn"*) fail "Esc asked with nothing changed" ;; esac
# c drops what changed: the stored ticks stay as they were
tm send-keys -t bc Enter
wait_for "Cách: chọn/bỏ dòng sáng"
tm send-keys -t bc m o i Space
wait_for "[x] Bảo vệ môi trường"
tm send-keys -t bc Escape
wait_for "Bỏ các lựa chọn vừa đánh dấu ở"
tm send-keys -t bc c
wait_for "Nội dung đã tuyên truyền            An toàn thực phẩm"
case "$(screen)" in *"Bảo vệ môi trường, An toàn"*) fail "Esc kept the dropped tick" ;; esac
tm send-keys -t bc F10
tui_cleanup
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --format tsv
n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --show "$n" --format json
expect_contains "the ticks saved" "$OUT" '"noi-dung-tuyen-truyen":"attp"'

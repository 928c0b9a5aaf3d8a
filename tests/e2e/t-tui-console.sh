# SPDX-License-Identifier: GPL-3.0-or-later
# The Linux console (TERM=linux): its 512-glyph Vietnamese font has no
# block elements and no bold. The office report's summary draws its trend
# with ASCII there (block elements under xterm), and an emphasised (bold)
# line carries a second cue, an underline, that xterm does not need.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
# three months of figures that differ, so the trend has bars of several heights
printf 'so-ho,100\nso-nhan-khau,400\nho-ngheo,9\n' > s8.csv
printf 'so-ho,104\nso-nhan-khau,410\nho-ngheo,8\n' > s9.csv
printf 'so-ho,110\nso-nhan-khau,430\nho-ngheo,6\n' > s10.csv
for m in 8 9 10; do
	run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-$(printf %02d $m) --final s$m.csv
done
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
run_bc 0 --db o.db devices approve "$(fpr_of a.db)"
# The text report has the trend, in block elements: what the console must not get.
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10
expect_contains "the CLI's trend" "$OUT" "Xu hướng"
printf '%s\n' "$OUT" | grep -q '[▁▂▃▄▅▆▇█]' || fail "the text report has no bars: $OUT"

block='[▀▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐░▒▓▔▕▖▗▘▙▚▛▜▝▞▟]'
# report_screens TERM: open the report on the TUI under TERM, every screenful
# of its summary to $T/sum-TERM, its table's first screen (with the escape
# sequences) to $T/tab-TERM.
report_screens() {
	tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW TERM=$1"
	wait_for "Mật khẩu:"
	tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
	wait_for "Việc cần làm"
	tm send-keys -t bc F9
	wait_for "Báo cáo tổng hợp"
	tm send-keys -t bc "nl09-thon-t" Enter
	wait_for "nl09-thon-thang — kỳ 2026-10"
	: > "$T/sum-$1"
	screen >> "$T/sum-$1"
	down_until "Xu hướng"
	tm send-keys -t bc NPage
	sleep 0.3
	screen >> "$T/sum-$1"
	down_until "Tổng số hộ  "
	screen >> "$T/sum-$1"
	# F2 as the terminal named sends it (the console's is ESC [ [ B; tmux
	# itself speaks xterm)
	if [ "$1" = linux ]; then
		tm send-keys -t bc -l "$(printf '\033[[B')"
	else
		tm send-keys -t bc F2
	fi
	wait_for "bảng (F2: tóm tắt)"
	tm capture-pane -e -p -t bc > "$T/tab-$1"
	tm send-keys -t bc F10
	wait_for "EXITED 0"
}

report_screens linux
grep -q "$block" "$T/sum-linux" && fail "TERM=linux: block elements on the report screen:
$(grep "$block" "$T/sum-linux")"
# the trend is there, drawn in ASCII: the number of households rose 100, 104, 110
grep -q "Xu hướng" "$T/sum-linux" || fail "TERM=linux: no trend on the report screen: $(cat "$T/sum-linux")"
grep -Eq 'Tổng số hộ.* [_.~=+*#?-]{3,}  ' "$T/sum-linux" ||
	fail "TERM=linux: the trend of 'Tổng số hộ' is not in ASCII bars: $(grep 'Tổng số hộ' "$T/sum-linux")"
# the table's title is bold, and underlined as well
esc=$(printf '\033')
title=$(grep "nl09-thon-thang — kỳ 2026-10 · bảng" "$T/tab-linux")
case "$title" in
*"${esc}[4m"* | *"${esc}["*";4m"* | *"${esc}[4;"*) ;;
*) fail "TERM=linux: the bold title has no second cue: $(printf '%s' "$title" | od -c | head -5)" ;;
esac

# The same screens under xterm: block elements, and bold alone.
report_screens xterm-256color
grep -q "$block" "$T/sum-xterm-256color" || fail "xterm: the trend is not in block elements: $(cat "$T/sum-xterm-256color")"
title=$(grep "nl09-thon-thang — kỳ 2026-10 · bảng" "$T/tab-xterm-256color")
case "$title" in
*"${esc}[1m"* | *"${esc}[1;"*) ;;
*) fail "xterm: the title is not bold: $(printf '%s' "$title" | od -c | head -5)" ;;
esac
case "$title" in
*"${esc}[4m"* | *"${esc}["*";4m"* | *"${esc}[4;"*) fail "xterm: the title is underlined too" ;;
esac

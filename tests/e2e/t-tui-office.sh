# SPDX-License-Identifier: GPL-3.0-or-later
# The office by keyboard: approve a device from its list (its held file is
# imported), find a submission in the inbox by typing part of a name
# without accents, review it, see its revisions, return it with a reason
# typed in Telex, and read its audit trail.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

# the commune started using baocao in August
BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > v1.json
printf '{"so-ho": 104, "so-nhan-khau": 410, "ho-ngheo": 8}' > v2.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v1.json
# two incidents, on 2 and 5 November
for at in 2026-11-02T16:00 2026-11-05T07:30; do
	printf '{"sv-loai": "stt-4", "sv-ngay": "%s", "sv-gio": "%s", "sv-dia-diem": "Đồi 3", "sv-muc-do": "thuong", "sv-noi-dung": "Cháy thực bì"}' \
	    "${at%T*}" "${at#*T}" > inc.json
	run_bc 0 --db a.db fill --form nl09-thon-su-viec --period "$at" --final inc.json
done
run_bc 0 --db a.db export --out a1.bcb
BAOCAO_NOW=$((BAOCAO_NOW + 600)) run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v2.json
BAOCAO_NOW=$((BAOCAO_NOW + 600)) run_bc 0 --db a.db export --out a2.bcb
run_bc 0 --db o.db import a1.bcb
fpr=$("$BAOCAO" --db a.db status | sed -n 's/^Mã thiết bị: *//p')

tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Thiết bị chờ duyệt (F8): 1"
# what fell due since August and nobody sent (the village's and the office's own)
wait_for "2026-10-12    2026-09     ! Chưa làm  Báo cáo tháng · Nhiệm vụ chủ trì của V"
# the office leads rows of kt01-tthc and nl-cchc too (their quarter just passed);
# every period owed since August counts, not only the last due (the rows F4 lists)
wait_for "Kỳ vừa đến hạn (F4): 25 chưa nộp, 0 muộn, 0 trả lại · Tổng hợp (F9)"
tm send-keys -t bc F8
wait_for "$fpr  thon-dong-tam         chờ duyệt    1"
tm send-keys -t bc Enter
wait_for "Duyệt thiết bị $fpr của thon-dong-tam?"
tm send-keys -t bc c
wait_for "Đã duyệt $fpr; đã nhập 1 tệp đang giữ."
tm send-keys -t bc Escape
wait_for "Việc cần làm"
# the two incidents that came with it are called out
wait_for "! Vụ việc chờ duyệt (F7): 2, mới nhất thon-dong-tam 2026-11-05T07:30"
tm kill-server
run_bc 0 --db o.db import a2.bcb

mkdir -p usb
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW HOME=$T/usb USER=nobody"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc F7
wait_for "Hộp thư: báo cáo đã nhận"
tm send-keys -t bc "dong tam"
wait_for "3 / 3 báo cáo"
tm send-keys -t bc " 2026-10"
wait_for "1 / 3 báo cáo"
tm send-keys -t bc Enter
wait_for "104 hộ"
tm send-keys -t bc F7
wait_for "Lần 1"
wait_for "Lần 2"
wait_for "Tổng số hộ: 100 → 104"
tm send-keys -t bc Escape
tm send-keys -t bc F6
wait_for "Lý do trả lại:"
tm send-keys -t bc "Kieerm tra laij soos hooj ngheof" Enter
wait_for "Trả lại Báo cáo tháng của Thôn Đồng Tâm, kỳ 2026-10? (c: có, k: không)"
tm send-keys -t bc c
wait_for "Đã trả lại; đơn vị nhận lý do trong gói tới."
tm send-keys -t bc F8
wait_for "trả lại"
wait_for "Kiểm tra lại số hộ nghèo"
tm send-keys -t bc Escape Escape
wait_for "bị trả lại"
# The consolidated report on screen, then written as XLSX to the "stick".
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F9
wait_for "Báo cáo tổng hợp"
# the search is a line like every filter: in Telex "ix" shows ĩ, and what
# was typed still finds "IX"; Ctrl-U clears it
tm send-keys -t bc "phu luc ix"
wait_for "Tìm: phu luc ĩ"
wait_for "Báo cáo của thôn (Phụ lục IX)"
tm send-keys -t bc C-u "nl09-thon-t" Enter
wait_for "nl09-thon-thang — kỳ 2026-10"
wait_for "Tổng số hộ"
wait_for "Đã tính 0/1 đơn vị. Không tính: thon-dong-tam (bị trả lại"
# the table: units as rows, fields as columns; Tab names the next column
tm send-keys -t bc F2
wait_for "nl09-thon-thang — kỳ 2026-10 · bảng (F2: tóm tắt) · nổi bật: chưa đạt chỉ tiêu"
wait_for "Thôn Đồng Tâm (trả lạ         104         410"
wait_for "Tổng (0/1)"
wait_for "Cột 1/"
tm send-keys -t bc Tab
wait_for ": Tổng số nhân khẩu (người)"
tm send-keys -t bc F2
wait_for "Tổng số hộ"
# F5: the picker proposes the name (no stick: the home folder); Enter writes
tm send-keys -t bc F5
wait_for "Tên tệp:    nl09-thon-thang-2026-10.xlsx"
tm send-keys -t bc Enter
wait_for "Đã ghi nl09-thon-thang-2026-10.xlsx vào $T/usb"
tm send-keys -t bc F6
wait_for "Tên tệp:    nl09-thon-thang-2026-10.csv"
tm send-keys -t bc Enter
wait_for "Đã ghi nl09-thon-thang-2026-10.csv vào $T/usb"
head -c 3 usb/nl09-thon-thang-2026-10.csv | od -An -tx1 | grep -q "ef bb bf" || fail "the CSV has no BOM"
grep -q "^thon-dong-tam,Thôn Đồng Tâm,bị trả lại,2,\"bị trả lại, không tính\",104,410,8," usb/nl09-thon-thang-2026-10.csv ||
	fail "the CSV lacks the village's row: $(cat usb/nl09-thon-thang-2026-10.csv)"
# F8: the printable report, to sign
tm send-keys -t bc F8
wait_for "Tên tệp:    nl09-thon-thang-2026-10.pdf"
tm send-keys -t bc Enter
wait_for "Đã ghi nl09-thon-thang-2026-10.pdf vào $T/usb"
if command -v pdftotext >/dev/null; then
	pdftotext usb/nl09-thon-thang-2026-10.pdf - | grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" ||
		fail "the PDF lacks the national motto"
fi
# The list says which reports have figures; an incident report opens on
# the latest incident, and ← → go from one incident to the other.
tm send-keys -t bc Escape
wait_for "Số liệu mới nhất"
tm send-keys -t bc C-u "nl09-thon-su"
wait_for "Tìm: nl09-thon-su · Báo cáo nhanh vụ việc"
case "$(screen)" in *"nl09-thon-su-viec           2026-11-05T07:30 (1)"*) ;;
	*) fail "the incident report's latest figures are not in the list: $(screen)" ;; esac
tm send-keys -t bc Enter
wait_for "nl09-thon-su-viec — kỳ 2026-11-05T07:30"
wait_for "Địa điểm                        Đồi 3"
tm send-keys -t bc Left
wait_for "nl09-thon-su-viec — kỳ 2026-11-02T16:00"
tm send-keys -t bc Left
sleep 0.3
wait_for "nl09-thon-su-viec — kỳ 2026-11-02T16:00"
tm send-keys -t bc Right
wait_for "nl09-thon-su-viec — kỳ 2026-11-05T07:30"
# Who has reported: the last due month (September) is missing; October,
# typed as a period, shows the return with its reason; Enter reviews it
# and Esc comes back; Tab counts per unit.
tm send-keys -t bc Escape Escape
wait_for "Việc cần làm"
tm send-keys -t bc F4
wait_for "Tình hình nộp báo cáo — kỳ vừa đến hạn"
wait_for "chưa nộp     nl09-thon-thang             2026-09    Thôn Đồng Tâm"
down_until "Hạn 10/10/2026 00:00 · chưa nhận được"
tm send-keys -t bc / 2026-13 Enter
wait_for "'2026-13' không phải kỳ báo cáo nào"
wait_for "Tình hình nộp báo cáo — kỳ vừa đến hạn"
tm send-keys -t bc / C-u 2026-10 Enter
wait_for "Tình hình nộp báo cáo — 2026-10"
wait_for "bị trả lại   nl09-thon-thang             2026-10    Thôn Đồng Tâm: Kiểm tra lại"
# the office owes kt01-tthc's monthly report too: it leads rows of that plan
wait_for "Chưa nộp 1 · Muộn 0 · Trả lại 1 · Đúng hạn 0 · Chưa đến hạn 2"
down_until "Lý do trả lại: Kiểm tra lại số hộ nghèo"
tm send-keys -t bc Enter
wait_for "104"
tm send-keys -t bc Escape
wait_for "Tình hình nộp báo cáo — 2026-10"
tm send-keys -t bc Tab
wait_for "Thôn Đồng Tâm                             0    0        0       1            0"
down_until "Thôn Đồng Tâm (thon-dong-tam)"
tm send-keys -t bc Tab
wait_for "nl09-thon-thang          2026-10           0    0        0       1            0"
down_until "nl09-thon-thang · 2026-10"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_contains "returned" "$OUT" "nl09-thon-thang	2026-10	thon-dong-tam	returned"
unzip -l usb/nl09-thon-thang-2026-10.xlsx | grep -q sheet1.xml || fail "the XLSX is not a workbook"

# A warning the unit confirmed with a reason: the office sees the reason.
printf 'so-ho,100\nso-nhan-khau,400\nho-ngheo,5\n' > s7.csv
printf 'so-ho,300,Sáp nhập thôn Đồng Tiến\nso-nhan-khau,1200,Sáp nhập thôn Đồng Tiến\nho-ngheo,7\n' > s8.csv
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-07 --final s7.csv
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-08 --final s8.csv
run_bc 0 --db a.db export --out a3.bcb
run_bc 0 --db o.db import a3.bcb
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc F7
wait_for "Hộp thư"
tm send-keys -t bc "2026-08"
wait_for "2026-08"
tm send-keys -t bc Enter
wait_for "300"
tm send-keys -t bc F9
wait_for "lý do: Sáp nhập thôn Đồng Tiến"
tm send-keys -t bc F10
wait_for "EXITED 0"

# SPDX-License-Identifier: GPL-3.0-or-later
# The demo that README's first command opens: its data is made without
# error, and the office sees what it should (a late village, a return with
# its reason, the consolidated report with totals and an off-target alert).
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-23 08:00' +%s)
sh "$SRC/tools/demo-data.sh" "$BAOCAO" demo "$BAOCAO_PASSPHRASE" > out.txt 2> err.txt ||
	fail "demo-data.sh failed: $(cat err.txt)"
[ -s err.txt ] && fail "demo-data.sh wrote to stderr: $(cat err.txt)"
run_bc 0 --db demo/demo.db status --format tsv
expect_contains "on time" "$OUT" "nl09-thon-thang	2026-10	thon-dong-tam	on-time		2026-11-10T00:00	2026-11-08T08:00"
expect_contains "returned" "$OUT" "nl09-thon-thang	2026-10	thon-minh-tien	returned"
run_bc 0 --db demo/demo.db status --period 2026-09 --format tsv
expect_contains "on time" "$OUT" "nl09-thon-thang	2026-09	thon-dong-tam	on-time		2026-10-10T00:00	2026-10-06T08:00"
expect_contains "on time too" "$OUT" "nl09-thon-thang	2026-09	thon-minh-tien	on-time		2026-10-10T00:00	2026-10-09T08:00"
run_bc 0 --db demo/demo.db report --form nl09-thon-thang --period 2026-10
# the returned village is not counted until it sends its figures again
expect_contains "total" "$OUT" "Tổng số hộ                               214 hộ          (cộng)"
expect_contains "rate of sums" "$OUT" "Tỷ lệ hộ dùng nước sạch                68.22 %"
expect_contains "who is left out" "$OUT" "Đã tính 1/2 đơn vị. Không tính: thon-minh-tien (bị trả lại"
expect_contains "alert" "$OUT" "! thon-minh-tien: bị trả lại (Số hộ dùng nước sạch chưa khớp sổ theo dõi của
    trạm cấp nước), chưa tính"
# yesterday's incident, told in words
run_bc 0 --db demo/demo.db report --form nl09-thon-su-viec --period 2026-11-22T16:40
expect_contains "incident" "$OUT" "  Địa điểm                        Bờ suối Khe Lau, đội 3"
expect_contains "incident count" "$OUT" "Số người bị ảnh hưởng                      4 người       (cộng)"
# the village has the office's pack: it sees the return and its reason
run_bc 0 --db demo/thon-minh-tien.db status
expect_contains "return reaches the village" "$OUT" "Số hộ dùng nước sạch chưa khớp sổ theo dõi của trạm cấp nước"

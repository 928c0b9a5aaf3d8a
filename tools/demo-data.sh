#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# demo-data.sh BAOCAO DIR PASSPHRASE: make the demo databases in DIR with
# the baocao binary BAOCAO: a commune office (DIR/demo.db) with five units,
# and two villages (DIR/thon-*.db) whose last two monthly reports the office
# has imported (filled around each deadline: one late), approved one and
# returned the other with a reason, and which have applied the office's
# pack that says so; one village also reported an incident yesterday, not
# yet reviewed. Used by tools/demo.sh and by
# tests/e2e/t-demo.sh. The months are the two before today (BAOCAO_NOW).
set -eu
BAOCAO=$1
DIR=$2
PASS=$3
mkdir -p "$DIR"
export BAOCAO_PASSPHRASE="$PASS"
"$BAOCAO" --db "$DIR/demo.db" setup office --commune "Ngọc Lặc"
"$BAOCAO" --db "$DIR/demo.db" units add --kind thon --name "Thôn Đồng Tâm" >/dev/null
"$BAOCAO" --db "$DIR/demo.db" units add --kind thon --name "Thôn Minh Tiến" >/dev/null
"$BAOCAO" --db "$DIR/demo.db" units add --kind truong --name "Trường Tiểu học Ngọc Lặc" >/dev/null
"$BAOCAO" --db "$DIR/demo.db" units add --kind tram-y-te --name "Trạm Y tế xã Ngọc Lặc" >/dev/null
"$BAOCAO" --db "$DIR/demo.db" units add --kind cong-an --name "Công an xã Ngọc Lặc" >/dev/null
# Two villages that report with baocao: the last two months' reports,
# sent as bundles and imported, so the inbox, who-is-late and the
# consolidated report have something to show. Minh Tiến's latest is
# returned with a reason.
"$BAOCAO" --db "$DIR/demo.db" pack --out "$DIR/pack.bcp" >/dev/null
now=${BAOCAO_NOW:-$(date +%s)}	# tests pin the clock
m1=$(date -d "$(date -d "@$now" +%Y-%m-15) -1 month" +%Y-%m)
m2=$(date -d "$(date -d "@$now" +%Y-%m-15) -2 month" +%Y-%m)
# the office's fingerprint, as a person would read it off its screen
ofpr=$(BAOCAO_LANG= "$BAOCAO" --db "$DIR/demo.db" status | sed -n 's/^Mã thiết bị: *//p')
for u in thon-dong-tam thon-minh-tien; do
	"$BAOCAO" --db "$DIR/$u.db" setup field --unit "$u" --pack "$DIR/pack.bcp" \
	    --office-fingerprint "$ofpr" >/dev/null
done
# the bundle reaches the office the same day: lateness counts from its
# receipt (held until the device is approved, keeping the time it came)
demo_send() {	# unit time
	BAOCAO_NOW=$2 "$BAOCAO" --db "$DIR/$1.db" export --force --out "$DIR/$1.bcb" >/dev/null
	BAOCAO_NOW=$2 "$BAOCAO" --db "$DIR/demo.db" import "$DIR/$1.bcb" >/dev/null
}
demo_fill() {	# unit period day-of-next-month json
	at=$(date -d "$2-01 +1 month +$(($3 - 1)) days 08:00" +%s)
	[ "$at" -le "$now" ] || at=$now
	BAOCAO_NOW=$at "$BAOCAO" --db "$DIR/$1.db" fill --form nl09-thon-thang \
	    --period "$2" --final - >/dev/null <<J
$4
J
	demo_send "$1" "$at"
}
demo_fill thon-dong-tam "$m2" 6 '{"so-ho": 212, "so-nhan-khau": 846, "ho-ngheo": 19, "ho-can-ngheo": 23, "ho-nuoc-hvs": 201, "ho-nuoc-sach": 139, "ho-thu-gom-rac": 180, "phan-anh": 4, "phan-anh-da-xu-ly": 4}'
demo_fill thon-dong-tam "$m1" 8 '{"so-ho": 214, "so-nhan-khau": 851, "ho-ngheo": 18, "ho-can-ngheo": 22, "ho-nuoc-hvs": 204, "ho-nuoc-sach": 146, "ho-thu-gom-rac": 186, "phan-anh": 2, "phan-anh-da-xu-ly": 1, "nhiem-vu": [{"_row": "1", "nv-trang-thai": "xong", "nv-ket-qua": 100}]}'
demo_fill thon-minh-tien "$m2" 9 '{"so-ho": 158, "so-nhan-khau": 640, "ho-ngheo": 21, "ho-can-ngheo": 17, "ho-nuoc-hvs": 131, "ho-nuoc-sach": 74, "ho-thu-gom-rac": 96}'
demo_fill thon-minh-tien "$m1" 12 '{"so-ho": 158, "so-nhan-khau": 642, "ho-ngheo": 20, "ho-can-ngheo": 17, "ho-nuoc-hvs": 133, "ho-nuoc-sach": 77, "ho-thu-gom-rac": 99, "nhiem-vu": [{"_row": "1", "nv-trang-thai": "dang", "nv-ket-qua": 60}]}'
# and an incident yesterday afternoon, sent at once: the office has not
# reviewed it yet, so its home screen calls it out
day=$(date -d "@$((now - 86400))" +%Y-%m-%d)
BAOCAO_NOW=$(date -d "$day 17:30" +%s) "$BAOCAO" --db "$DIR/thon-dong-tam.db" fill \
    --form nl09-thon-su-viec --period "${day}T16:40" --final - >/dev/null <<J
{"sv-loai": "stt-5", "sv-ngay": "$day", "sv-gio": "16:40", "sv-dia-diem": "Bờ suối Khe Lau, đội 3",
 "sv-muc-do": "phuc-tap", "sv-anh-huong": 4, "sv-noi-dung": "Sạt lở bờ suối sau mưa lớn, nước tràn vào 4 hộ",
 "sv-bien-phap": "Di chuyển tài sản, cắm biển cảnh báo", "sv-de-xuat": "Đề nghị xã hỗ trợ kè tạm"}
J
demo_send thon-dong-tam "$(date -d "$day 17:30" +%s)"
for u in thon-dong-tam thon-minh-tien; do
	"$BAOCAO" --db "$DIR/$u.db" export --force --out "$DIR/$u.bcb" >/dev/null
done
"$BAOCAO" --db "$DIR/demo.db" import "$DIR/thon-dong-tam.bcb" "$DIR/thon-minh-tien.bcb" >/dev/null
for f in $("$BAOCAO" --db "$DIR/demo.db" devices --format tsv | cut -f1); do
	"$BAOCAO" --db "$DIR/demo.db" devices approve "$f" >/dev/null
done
"$BAOCAO" --db "$DIR/demo.db" review approve --form nl09-thon-thang --unit thon-dong-tam \
    --period "$m1" >/dev/null
"$BAOCAO" --db "$DIR/demo.db" review return --form nl09-thon-thang --unit thon-minh-tien \
    --period "$m1" --reason "Số hộ dùng nước sạch chưa khớp sổ theo dõi của trạm cấp nước" \
    >/dev/null
# the office's pack goes back: the villages see received, approved, returned
"$BAOCAO" --db "$DIR/demo.db" pack --force --out "$DIR/pack.bcp" >/dev/null
for u in thon-dong-tam thon-minh-tien; do
	"$BAOCAO" --db "$DIR/$u.db" apply "$DIR/pack.bcp" >/dev/null
done

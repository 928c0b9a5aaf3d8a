#!/bin/sh
# demo.sh: install what is missing, build, and open baocao on a demo database.
# The demo database (demo/demo.db) is made on the first run; its passphrase
# is printed before the interface opens.
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
make -j2
DB=demo/demo.db
PASS=demo-baocao
if [ ! -f "$DB" ]; then
	mkdir -p demo
	export BAOCAO_PASSPHRASE="$PASS"
	./baocao --db "$DB" setup office --commune "Ngọc Lặc"
	./baocao --db "$DB" units add --kind thon --name "Thôn Đồng Tâm" >/dev/null
	./baocao --db "$DB" units add --kind thon --name "Thôn Minh Tiến" >/dev/null
	./baocao --db "$DB" units add --kind truong --name "Trường Tiểu học Ngọc Lặc" >/dev/null
	./baocao --db "$DB" units add --kind tram-y-te --name "Trạm Y tế xã Ngọc Lặc" >/dev/null
	./baocao --db "$DB" units add --kind cong-an --name "Công an xã Ngọc Lặc" >/dev/null
	unset BAOCAO_PASSPHRASE
fi
echo "Mật khẩu cơ sở dữ liệu mẫu / demo passphrase: $PASS"
exec ./baocao --db "$DB"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# demo.sh: install what is missing, build, and open baocao on a demo database.
# The demo database (demo/demo.db, a commune office) is made on the first
# run, with two villages' databases (demo/thon-*.db) whose last two monthly
# reports it has imported; the passphrase is printed before the interface
# opens, and shown again on its unlock screen. Remove demo/ to start again.
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
make -j2
DB=demo/demo.db
PASS=demo-baocao
if [ ! -f "$DB" ]; then
	sh tools/demo-data.sh ./baocao demo "$PASS"
fi
echo "Mật khẩu cơ sở dữ liệu mẫu / demo passphrase: $PASS"
# the line above scrolls away when the interface opens: the unlock screen
# shows the passphrase again
BAOCAO_DEMO_PASSPHRASE=$PASS exec ./baocao --db "$DB"

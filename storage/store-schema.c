/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-schema.c: migrations, oldest first. Each is applied once, in one
 * transaction with the user_version bump, and never edited after release:
 * a change is a new migration at the end of the list.
 *
 * Tables (what later layers need; see storage/FORMAT.md for the columns):
 *   installation  this installation: role, commune, unit, device keys
 *   units         the commune's roster
 *   forms         form definitions, every version kept
 *   submissions   one per (form, unit, period): status and current revision
 *   revisions     every revision of a submission, with its form version
 *   devices       (office) field devices seen, approved or revoked
 *   bundles       (office) bundles seen, and held ones awaiting approval
 *   audit         who did what when; append-only (triggers refuse changes)
 *   settings      small key/value preferences (idle lock, language, ...)
 *   held_subs     (office) received submissions its checks held back
 *   received_on   (office) the day a report reached it on paper or by phone
 *   key_history   this installation's key rotations (old -> new, signed)
 *   old_keys      retired secret keys (an office still opens bundles sealed
 *                 to them)
 *
 * Which migration does what: the comment above each.
 */
#include "store-schema.h"
#include "store-int.h"
#include "../core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Recognised by its text in store_migrate, so it may be renumbered. */
#define MIGRATION_UNIT_KEY \
	"ALTER TABLE units ADD COLUMN name_key BLOB NOT NULL DEFAULT x'';" \
	"CREATE INDEX units_key ON units(name_key, id);"

static const char *const migrations[] = {
	/* 1: the first schema. */
	"CREATE TABLE installation("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  role TEXT NOT NULL CHECK (role IN ('office', 'field')),"
	"  commune TEXT NOT NULL,"
	"  unit_id TEXT,"
	"  device_pk BLOB NOT NULL,"
	"  device_sk BLOB NOT NULL,"
	"  office_pk BLOB,"
	"  created_at INTEGER NOT NULL,"
	"  export_seq INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE units("
	"  id TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_at INTEGER NOT NULL);"
	"CREATE TABLE forms("
	"  id TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  unit_kind TEXT NOT NULL,"
	"  definition TEXT NOT NULL,"
	"  installed_at INTEGER NOT NULL,"
	"  PRIMARY KEY (id, version));"
	"CREATE TABLE submissions("
	"  id INTEGER PRIMARY KEY,"
	"  form_id TEXT NOT NULL,"
	"  unit_id TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('draft', 'final', 'exported',"
	"    'received', 'approved', 'returned')),"
	"  status_reason TEXT,"
	"  current_rev INTEGER NOT NULL DEFAULT 0,"
	"  updated_at INTEGER NOT NULL,"
	"  UNIQUE (form_id, unit_id, period));"
	"CREATE TABLE revisions("
	"  submission_id INTEGER NOT NULL REFERENCES submissions(id),"
	"  rev INTEGER NOT NULL,"
	"  form_version INTEGER NOT NULL,"
	"  device TEXT NOT NULL,"
	"  final INTEGER NOT NULL DEFAULT 0,"
	"  data TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  PRIMARY KEY (submission_id, rev));"
	"CREATE TABLE devices("
	"  fingerprint TEXT PRIMARY KEY,"
	"  public_key BLOB NOT NULL UNIQUE,"
	"  unit_id TEXT,"
	"  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'revoked')),"
	"  first_seen INTEGER NOT NULL,"
	"  decided_at INTEGER,"
	"  last_seq INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE bundles("
	"  hash BLOB PRIMARY KEY,"
	"  device TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('imported', 'held', 'refused')),"
	"  reason TEXT,"
	"  content BLOB);"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  at INTEGER NOT NULL,"
	"  installation TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL,"
	"  detail TEXT);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",

	/* 2: accent-insensitive search on unit names; indexes for the office's
	 * inbox and status queries; settings. */
	"ALTER TABLE units ADD COLUMN name_fold TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX units_fold ON units(name_fold);"
	"CREATE INDEX submissions_unit ON submissions(unit_id, period);"
	"CREATE INDEX submissions_status ON submissions(status, updated_at);"
	"CREATE INDEX audit_object ON audit(object);"
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);",

	/* 3: revisions received from a device keep the device's own revision
	 * number and time, so that a replayed older bundle never replaces a
	 * newer entry. */
	"ALTER TABLE revisions ADD COLUMN src_rev INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE revisions ADD COLUMN src_created INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX revisions_device ON revisions(device, submission_id);"
	"CREATE INDEX bundles_device ON bundles(device, state);",

	/* 4: every saved change of a draft is its own revision (history),
	 * which keeps who saved it and, for a restore, which revision it
	 * brought back. */
	"ALTER TABLE revisions ADD COLUMN user TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE revisions ADD COLUMN restored_from INTEGER NOT NULL DEFAULT 0;",
	/* 5: order without clocks. A received revision notes what was odd
	 * about the device's claimed time; the office may record the day a
	 * report reached it on paper or by phone; each device's last claimed
	 * bundle time; submissions the office's checks held back, with the
	 * reason, kept whole. */
	"ALTER TABLE revisions ADD COLUMN clock_note TEXT;"
	"CREATE TABLE received_on("
	"  form_id TEXT NOT NULL,"
	"  unit_id TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  PRIMARY KEY (form_id, unit_id, period));"
	"ALTER TABLE devices ADD COLUMN last_claimed INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE held_subs("
	"  id INTEGER PRIMARY KEY,"
	"  device TEXT NOT NULL,"
	"  unit_id TEXT NOT NULL,"
	"  form_id TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  form_version INTEGER NOT NULL,"
	"  src_rev INTEGER NOT NULL,"
	"  src_created INTEGER NOT NULL,"
	"  data TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  UNIQUE (device, form_id, period, src_rev));"
	/* keys people can change: this installation's rotations, each new key
	 * signed by the old (the chain it announces); an office's retired
	 * secret keys (bundles sealed to them still open); a device's line of
	 * keys (its first fingerprint) */
	"CREATE TABLE key_history("
	"  id INTEGER PRIMARY KEY,"
	"  old_pk BLOB NOT NULL,"
	"  new_pk BLOB NOT NULL,"
	"  sig BLOB NOT NULL,"
	"  at INTEGER NOT NULL);"
	"CREATE TABLE old_keys("
	"  pk BLOB PRIMARY KEY,"
	"  sk BLOB NOT NULL,"
	"  retired_at INTEGER NOT NULL);"
	"ALTER TABLE devices ADD COLUMN lineage TEXT;",

	/* 6: units sort in Vietnamese order by name_key, a byte key made by
	 * text_sort_key (core/text.h) where a name is written, so that a plain
	 * ORDER BY name_key (BINARY) is right in any tool. Keys of existing
	 * rows: backfill_sort_key, run after the migration whatever its
	 * number. */
	MIGRATION_UNIT_KEY,

	/* 7: the office's screens at any size. A submission carries its
	 * current revision's form version and finality (cur_form_version,
	 * cur_final), kept by triggers in the same transaction as any write of
	 * a revision or of current_rev, so that listing submissions never
	 * reads the revisions (their data makes them the big table). Indexes
	 * for what the screens ask: a form's period (status, reports), a
	 * form's submissions in a state (incidents waiting), the newest first
	 * (inbox), the revisions with a clock note (inbox). */
	"ALTER TABLE submissions ADD COLUMN cur_form_version INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE submissions ADD COLUMN cur_final INTEGER NOT NULL DEFAULT 0;"
	"UPDATE submissions SET"
	"  cur_form_version = coalesce((SELECT r.form_version FROM revisions r"
	"    WHERE r.submission_id = submissions.id AND r.rev = submissions.current_rev), 0),"
	"  cur_final = coalesce((SELECT r.final FROM revisions r"
	"    WHERE r.submission_id = submissions.id AND r.rev = submissions.current_rev), 0);"
	"CREATE TRIGGER latest_on_revision AFTER INSERT ON revisions BEGIN"
	"  UPDATE submissions SET cur_form_version = NEW.form_version, cur_final = NEW.final"
	"  WHERE id = NEW.submission_id AND current_rev = NEW.rev; END;"
	"CREATE TRIGGER latest_on_revision_change AFTER UPDATE OF form_version, final, rev,"
	"  submission_id ON revisions BEGIN"
	"  UPDATE submissions SET cur_form_version = NEW.form_version, cur_final = NEW.final"
	"  WHERE id = NEW.submission_id AND current_rev = NEW.rev; END;"
	"CREATE TRIGGER latest_on_current AFTER UPDATE OF current_rev ON submissions BEGIN"
	"  UPDATE submissions SET"
	"    cur_form_version = coalesce((SELECT r.form_version FROM revisions r"
	"      WHERE r.submission_id = NEW.id AND r.rev = NEW.current_rev), 0),"
	"    cur_final = coalesce((SELECT r.final FROM revisions r"
	"      WHERE r.submission_id = NEW.id AND r.rev = NEW.current_rev), 0)"
	"  WHERE id = NEW.id; END;"
	"CREATE INDEX submissions_form_period ON submissions(form_id, period, unit_id);"
	"CREATE INDEX submissions_form_status ON submissions(form_id, status, updated_at);"
	"CREATE INDEX submissions_updated ON submissions(updated_at);"
	"CREATE INDEX revisions_clock ON revisions(submission_id, rev)"
	"  WHERE clock_note IS NOT NULL;",

	/* 8: counts that do not grow with the inbox. sub_counts keeps how
	 * many submissions there are of each (form, unit, status), by
	 * triggers in the same transaction as every insert, change of those
	 * columns or delete, so that the home screen's and the inbox's totals
	 * (any mix of forms, units and statuses) sum a few hundred rows
	 * rather than count 100,000. A unit's submissions newest first (the
	 * inbox by unit, a unit typed in its filter) and a period's (a period
	 * typed) from their own indexes. */
	"CREATE TABLE sub_counts("
	"  form_id TEXT NOT NULL,"
	"  unit_id TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (form_id, unit_id, status)) WITHOUT ROWID;"
	"INSERT INTO sub_counts SELECT form_id, unit_id, status, count(*) FROM submissions"
	"  GROUP BY form_id, unit_id, status;"
	"CREATE TRIGGER sub_counts_insert AFTER INSERT ON submissions BEGIN"
	"  INSERT INTO sub_counts VALUES (NEW.form_id, NEW.unit_id, NEW.status, 1)"
	"  ON CONFLICT DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER sub_counts_delete AFTER DELETE ON submissions BEGIN"
	"  UPDATE sub_counts SET n = n - 1 WHERE form_id = OLD.form_id"
	"  AND unit_id = OLD.unit_id AND status = OLD.status; END;"
	"CREATE TRIGGER sub_counts_update AFTER UPDATE OF form_id, unit_id, status ON submissions"
	"  WHEN OLD.form_id IS NOT NEW.form_id OR OLD.unit_id IS NOT NEW.unit_id"
	"  OR OLD.status IS NOT NEW.status BEGIN"
	"  UPDATE sub_counts SET n = n - 1 WHERE form_id = OLD.form_id"
	"  AND unit_id = OLD.unit_id AND status = OLD.status;"
	"  INSERT INTO sub_counts VALUES (NEW.form_id, NEW.unit_id, NEW.status, 1)"
	"  ON CONFLICT DO UPDATE SET n = n + 1; END;"
	/* the audit log's length, kept the same way (it grows with every
	 * import: counting it read 100,000 entries for the home screen) */
	"CREATE TABLE kept_counts(name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO kept_counts SELECT 'audit', count(*) FROM audit;"
	"CREATE TRIGGER kept_counts_audit AFTER INSERT ON audit BEGIN"
	"  UPDATE kept_counts SET n = n + 1 WHERE name = 'audit'; END;"
	"CREATE INDEX submissions_unit_updated ON submissions(unit_id, updated_at);"
	"CREATE INDEX submissions_period ON submissions(period, status, unit_id);",

	/* 9: holding files that does not slow with what is held. held_totals
	 * keeps, for each device, how many bundles are held and their bytes,
	 * by triggers in the same transaction as every write of bundles, so
	 * that the caps on what is held (checked for every file from a device
	 * not yet approved) and the devices list read one row a device rather
	 * than every held file's row. Entries of the audit log by object and
	 * action (in place of by object alone, which it serves as well, so
	 * that an entry still writes one index): a device's approval or
	 * 'key-from-revoked' found directly, not among the 'hold' entry of
	 * every file it sent. */
	"CREATE TABLE held_totals("
	"  device TEXT PRIMARY KEY,"
	"  n INTEGER NOT NULL,"
	"  bytes INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO held_totals SELECT device, count(*), coalesce(sum(length(content)), 0)"
	"  FROM bundles WHERE state = 'held' GROUP BY device;"
	"CREATE TRIGGER held_totals_insert AFTER INSERT ON bundles WHEN NEW.state = 'held' BEGIN"
	"  INSERT INTO held_totals VALUES (NEW.device, 1, coalesce(length(NEW.content), 0))"
	"  ON CONFLICT DO UPDATE SET n = n + 1, bytes = bytes + excluded.bytes; END;"
	"CREATE TRIGGER held_totals_delete AFTER DELETE ON bundles WHEN OLD.state = 'held' BEGIN"
	"  UPDATE held_totals SET n = n - 1, bytes = bytes - coalesce(length(OLD.content), 0)"
	"  WHERE device = OLD.device; END;"
	"CREATE TRIGGER held_totals_update AFTER UPDATE OF device, state, content ON bundles"
	"  WHEN OLD.state = 'held' OR NEW.state = 'held' BEGIN"
	"  UPDATE held_totals SET n = n - 1, bytes = bytes - coalesce(length(OLD.content), 0)"
	"  WHERE device = OLD.device AND OLD.state = 'held';"
	"  INSERT INTO held_totals SELECT NEW.device, 1, coalesce(length(NEW.content), 0)"
	"  WHERE NEW.state = 'held'"
	"  ON CONFLICT DO UPDATE SET n = n + 1, bytes = bytes + excluded.bytes; END;"
	"DROP INDEX audit_object;"
	"CREATE INDEX audit_object_action ON audit(object, action);",
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int
store_schema_latest(void)
{
	return NMIGRATIONS;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *q;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* Fill name_fold for rows made before migration 2 (needs C, not SQL). */
static enum err
backfill_fold(struct store *st, char **cause);

/* Fill name_key for rows made before migration 5. */
static enum err
backfill_sort_key(struct store *st, char **cause);

enum err
store_migrate(struct store *st, int target, char **cause)
{
	int v = store_schema_version(st), n;
	char bump[64];
	enum err e;

	if (target <= 0 || target > NMIGRATIONS)
		target = NMIGRATIONS;
	if (v < 0)
		return store_error(st, sqlite3_errcode(st->db), cause);
	if (v > NMIGRATIONS)
		return err_set_at(cause, ERR_VERSION, st->path, TR("cơ sở dữ liệu do phiên bản baocao mới "
		    "hơn tạo (lược đồ %d, bản này biết đến %d); hãy cập nhật baocao",
		    "made by a newer baocao (schema %d, this one knows %d); update baocao"),
		    v, NMIGRATIONS);
	for (n = v + 1; n <= target; n++) {
		if ((e = store_begin(st, cause)) != ERR_OK)
			return e;
		snprintf(bump, sizeof bump, "PRAGMA user_version=%d", n);
		e = store_exec(st, migrations[n - 1], cause);
		if (e == ERR_OK && n == 2)
			e = backfill_fold(st, cause);
		if (e == ERR_OK && strcmp(migrations[n - 1], MIGRATION_UNIT_KEY) == 0)
			e = backfill_sort_key(st, cause);
		if (e == ERR_OK)
			e = store_exec(st, bump, cause);
		if (e == ERR_OK)
			e = store_commit(st, cause);
		else
			store_rollback(st);
		if (e != ERR_OK) {
			err_prefix(cause, TR("nâng cấp lược đồ lên %d", "schema migration %d"), n);
			return e;
		}
	}
	return ERR_OK;
}

static enum err
backfill_fold(struct store *st, char **cause)
{
	sqlite3_stmt *q, *u;
	enum err e;
	int rc;

	if ((e = store_prepare(st, "SELECT id, name FROM units", &q, cause)) != ERR_OK)
		return e;
	if ((e = store_prepare(st, "UPDATE units SET name_fold = ?2 WHERE id = ?1", &u,
	    cause)) != ERR_OK) {
		sqlite3_finalize(q);
		return e;
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char *f = text_fold((const char *)sqlite3_column_text(q, 1));
		sqlite3_bind_value(u, 1, sqlite3_column_value(q, 0));
		sqlite3_bind_text(u, 2, f ? f : "", -1, SQLITE_TRANSIENT);
		free(f);
		rc = sqlite3_step(u);
		sqlite3_reset(u);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	return rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

static enum err
backfill_sort_key(struct store *st, char **cause)
{
	sqlite3_stmt *q, *u;
	enum err e;
	int rc;

	if ((e = store_prepare(st, "SELECT id, name FROM units", &q, cause)) != ERR_OK)
		return e;
	if ((e = store_prepare(st, "UPDATE units SET name_key = ?2 WHERE id = ?1", &u,
	    cause)) != ERR_OK) {
		sqlite3_finalize(q);
		return e;
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		size_t len = 0;
		unsigned char *k = text_sort_key((const char *)sqlite3_column_text(q, 1), &len);
		sqlite3_bind_value(u, 1, sqlite3_column_value(q, 0));
		/* a name that is not UTF-8 (changed outside baocao) sorts first */
		sqlite3_bind_blob(u, 2, k ? (const void *)k : "", k ? (int)len : 0,
		    SQLITE_TRANSIENT);
		free(k);
		rc = sqlite3_step(u);
		sqlite3_reset(u);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	return rc == SQLITE_DONE ? ERR_OK : store_error(st, rc, cause);
}

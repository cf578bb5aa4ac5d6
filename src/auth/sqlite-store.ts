import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AuthRecordKind, AuthStore, Consumed, PutOptions } from './store.js';

// The embedded store: one SQLite file (Node's built-in node:sqlite, nothing to download at install
// time), so sign-ins survive a restart of the server.

/** Expired rows are swept at most this often. */
const SWEEP_EVERY_MS = 60_000;

interface Row {
  value: string;
  consumed: number;
}

export function openSqliteStore(path: string, now: () => number = Date.now): AuthStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    CREATE TABLE IF NOT EXISTS auth_records (
      kind TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      grant_id TEXT,
      expires_at INTEGER,
      consumed INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (kind, key)
    );
    CREATE INDEX IF NOT EXISTS auth_records_grant ON auth_records (grant_id);
  `);
  const upsert = db.prepare(
    `INSERT INTO auth_records (kind, key, value, grant_id, expires_at, consumed) VALUES (?, ?, ?, ?, ?, 0)
     ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, grant_id = excluded.grant_id,
       expires_at = excluded.expires_at, consumed = 0`,
  );
  const select = db.prepare(
    'SELECT value, consumed FROM auth_records WHERE kind = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)',
  );
  const markConsumed = db.prepare(
    'UPDATE auth_records SET consumed = 1 WHERE kind = ? AND key = ? AND consumed = 0 AND (expires_at IS NULL OR expires_at > ?)',
  );
  const remove = db.prepare('DELETE FROM auth_records WHERE kind = ? AND key = ?');
  const removeGrant = db.prepare(
    "DELETE FROM auth_records WHERE grant_id = ? OR (kind = 'grant' AND key = ?)",
  );
  const sweep = db.prepare('DELETE FROM auth_records WHERE expires_at IS NOT NULL AND expires_at <= ?');
  let lastSweep = 0;

  const read = (kind: AuthRecordKind, key: string): Row | undefined =>
    select.get(kind, key, now()) as Row | undefined;

  return {
    async put(kind: AuthRecordKind, key: string, value: unknown, options: PutOptions = {}) {
      const at = now();
      if (at - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = at;
        sweep.run(at);
      }
      upsert.run(kind, key, JSON.stringify(value), options.grantId ?? null, options.expiresAt ?? null);
    },
    async get<T>(kind: AuthRecordKind, key: string) {
      const row = read(kind, key);
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    async consume<T>(kind: AuthRecordKind, key: string): Promise<Consumed<T> | undefined> {
      // The UPDATE is the atomic step: only one caller can flip `consumed` from 0 to 1.
      const first = Number(markConsumed.run(kind, key, now()).changes) === 1;
      const row = read(kind, key);
      if (row === undefined) return undefined;
      return { value: JSON.parse(row.value) as T, replay: !first };
    },
    async delete(kind: AuthRecordKind, key: string) {
      remove.run(kind, key);
    },
    async deleteGrant(grantId: string) {
      removeGrant.run(grantId, grantId);
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}

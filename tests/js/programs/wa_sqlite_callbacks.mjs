// wa-sqlite's JSPI build calling back into JS beyond the VFS (see wa_sqlite.mjs): an `async` SQL
// function suspends the statement mid-row for every row it is called on, a plain one and an
// update hook run synchronously inside step; failures come back as rejected promises, both a SQL
// error and an I/O error an async VFS read reports after a timer, and the database goes on
// working after each.
import { pkg, tick, TimerMemoryVFS, fill } from "./timer_memory_vfs.mjs";
const { default: SQLiteESMFactory } = await import(new URL("dist/wa-sqlite-jspi.mjs", pkg));
const SQLite = await import(new URL("src/sqlite-api.js", pkg));

class FailingVFS extends TimerMemoryVFS {
  failReads = false;
  async jRead(fileId, pData, iOffset) {
    if (!this.failReads) return super.jRead(fileId, pData, iOffset);
    await tick();
    return SQLite.SQLITE_IOERR_READ;
  }
}

const module = await SQLiteESMFactory();
const sqlite3 = SQLite.Factory(module);
const vfs = new FailingVFS("failing-memory", module);
await vfs.isReady();
sqlite3.vfs_register(vfs, true);
const db = await sqlite3.open_v2("callbacks.db");
await fill(sqlite3, db);
const query = async (sql) => {
  const rows = [];
  await sqlite3.exec(db, sql, (row) => rows.push(row));
  return rows;
};

let asyncCalls = 0;
sqlite3.create_function(db, "slow_double", 1, SQLite.SQLITE_UTF8, 0, async (context, values) => {
  asyncCalls++;
  const value = sqlite3.value_int(values[0]);
  await tick();
  sqlite3.result(context, value * 2);
});
sqlite3.create_function(db, "js_upper", 1, SQLite.SQLITE_UTF8, 0, (context, values) => {
  sqlite3.result(context, sqlite3.value_text(values[0]).toUpperCase());
});
const [[doubled, upper]] = await query(
  "SELECT sum(slow_double(value)), js_upper(substr(name, 1, 6)) FROM t WHERE id <= 20",
);
print(`sum(slow_double(value)) over 20 rows = ${doubled} (${asyncCalls} async calls)`);
print(`js_upper = ${upper}`);

const updated = [];
sqlite3.update_hook(db, (type, dbName, table, rowid) => updated.push(`${table}:${rowid}`));
await sqlite3.exec(db, "UPDATE t SET value = value + 1 WHERE id % 100 = 0");
print(`update hook: ${updated.join(" ")}`);

try {
  await sqlite3.exec(db, "SELEC 1");
} catch (e) {
  print(`SQL error: ${e instanceof SQLite.SQLiteError} code ${e.code}: ${e.message}`);
}
vfs.failReads = true;
try {
  await sqlite3.exec(db, "SELECT count(*) FROM t");
  print("no I/O error");
} catch (e) {
  print(`I/O error: code ${e.code}: ${e.message}`);
}
vfs.failReads = false;
print(`afterwards: ${JSON.stringify(await query("SELECT count(*), sum(value) FROM t"))}`);
await sqlite3.close(db);
print("closed");

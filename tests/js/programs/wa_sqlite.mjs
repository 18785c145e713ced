// wa-sqlite's JSPI build (the npm package @journeyapps/wa-sqlite@2.0.6, an Emscripten -sJSPI
// build: its VFS imports are Suspending, open/prepare/step/... are promising), loaded unmodified
// from the package (its glue fetches the .wasm beside itself and compiles it with
// instantiateStreaming), which the test suite fetches into tests/.cache (scripts/setup wa_sqlite).
// The database lives in an in-memory VFS whose read and write methods are async and wait for a
// timer; with a page cache of two pages, SQLite really reads through it while it works.
import { pkg, TimerMemoryVFS, fill } from "./timer_memory_vfs.mjs";
const { default: SQLiteESMFactory } = await import(new URL("dist/wa-sqlite-jspi.mjs", pkg));
const SQLite = await import(new URL("src/sqlite-api.js", pkg));

const module = await SQLiteESMFactory();
const sqlite3 = SQLite.Factory(module);
const vfs = new TimerMemoryVFS("timer-memory", module);
await vfs.isReady();
sqlite3.vfs_register(vfs, true);

const db = await sqlite3.open_v2("test.db");
await fill(sqlite3, db);
const writesAfterInsert = vfs.writes;
const readsBefore = vfs.reads;
await sqlite3.exec(db, "SELECT count(*), sum(value), sqlite_version() FROM t", (row, columns) => {
  columns.forEach((name, i) => print(`${name} = ${row[i]}`));
});
await sqlite3.exec(db, "SELECT length(name), substr(name, 1, 8) FROM t WHERE id = 250", (row) => {
  print(`row 250: ${row[1]}... (${row[0]} characters)`);
});
print(`the VFS wrote more than 50 pages: ${writesAfterInsert > 50}`);
print(`the queries read more than 50 pages through the VFS: ${vfs.reads - readsBefore > 50}`);
await sqlite3.close(db);
print("closed");

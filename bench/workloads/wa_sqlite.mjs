// wa-sqlite's JSPI build (see tests/js/programs/wa_sqlite.mjs): load it, then create a table,
// insert 500 rows in a transaction and query them through an async VFS with a two-page cache,
// twice: once with every VFS read and write waiting for a timer (what the fixture does: mostly
// timer waits, about 1 ms each on both runtimes), once awaiting only a resolved promise (every
// page still suspends the Wasm stack; this is SQLite's own work plus the JSPI round trips).
// The .wasm is handed over as bytes (node's fetch cannot read files).
import { readBinary, report } from "./compat.mjs";
import { pkg, TimerMemoryVFS, fill } from "../../tests/js/programs/timer_memory_vfs.mjs";

const loadStart = performance.now();
const { default: SQLiteESMFactory } = await import(new URL("dist/wa-sqlite-jspi.mjs", pkg));
const SQLite = await import(new URL("src/sqlite-api.js", pkg));
const wasmBinary = readBinary(decodeURIComponent(new URL("dist/wa-sqlite-jspi.wasm", pkg).pathname));
const module = await SQLiteESMFactory({ wasmBinary });
const sqlite3 = SQLite.Factory(module);
report("wa-sqlite: load and compile", performance.now() - loadStart, "ms");

/** Fills and queries a new database on a VFS whose reads and writes await `wait()`. */
async function workload(name, wait) {
  const vfs = new TimerMemoryVFS(name, module, wait);
  await vfs.isReady();
  sqlite3.vfs_register(vfs, true);
  const db = await sqlite3.open_v2(`${name}.db`);
  await fill(sqlite3, db);
  let checked = false;
  await sqlite3.exec(db, "SELECT count(*), sum(value) FROM t", (row) => {
    checked = row[0] === 500 && row[1] === 375750;
  });
  await sqlite3.close(db);
  if (!checked) throw new Error("wrong query result");
  if (vfs.reads + vfs.writes < 100) throw new Error("the pages did not go through the VFS");
}

let start = performance.now();
await workload("timer-memory", () => new Promise((resolve) => setTimeout(resolve, 0)));
report("wa-sqlite: 500 inserts + query, VFS awaits a timer", performance.now() - start, "ms");

start = performance.now();
await workload("microtask-memory", () => Promise.resolve());
report("wa-sqlite: 500 inserts + query, VFS awaits a microtask", performance.now() - start, "ms");

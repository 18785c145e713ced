// wa-sqlite's JSPI build (see tests/js/programs/wa_sqlite.mjs): load it, then create a table and
// insert 500 rows in a transaction and query them through an async VFS that waits for a timer on
// every page. The .wasm is handed over as bytes (node's fetch cannot read files).
import { readBinary, report } from "./compat.mjs";
import { pkg, TimerMemoryVFS, fill } from "../../tests/js/programs/timer_memory_vfs.mjs";

const loadStart = performance.now();
const { default: SQLiteESMFactory } = await import(new URL("dist/wa-sqlite-jspi.mjs", pkg));
const SQLite = await import(new URL("src/sqlite-api.js", pkg));
const wasmBinary = readBinary(new URL("dist/wa-sqlite-jspi.wasm", pkg).pathname);
const module = await SQLiteESMFactory({ wasmBinary });
const sqlite3 = SQLite.Factory(module);
report("wa-sqlite: load and compile", performance.now() - loadStart, "ms");

const start = performance.now();
const vfs = new TimerMemoryVFS("timer-memory", module);
await vfs.isReady();
sqlite3.vfs_register(vfs, true);
const db = await sqlite3.open_v2("bench.db");
await fill(sqlite3, db);
let checked = false;
await sqlite3.exec(db, "SELECT count(*), sum(value) FROM t", (row) => {
  checked = row[0] === 500 && row[1] === 375750;
});
await sqlite3.close(db);
if (!checked) throw new Error("wrong query result");
report("wa-sqlite: 500 inserts and a query through an async VFS", performance.now() - start, "ms");

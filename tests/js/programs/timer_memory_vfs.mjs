// An in-memory SQLite VFS for wa-sqlite whose reads and writes are async and wait for a timer
// (so every page that goes through it suspends the Wasm caller), counting both. Built on the
// package's MemoryVFS example; used by the wa_sqlite fixtures and the wa-sqlite benchmark.
export const pkg = new URL("../../.cache/wa-sqlite-2.0.6/package/", import.meta.url);
const { MemoryVFS } = await import(new URL("src/examples/MemoryVFS.js", pkg));

/** The next timer turn: what the VFS awaits by default. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

export class TimerMemoryVFS extends MemoryVFS {
  reads = 0;
  writes = 0;
  /** `wait` is what each read and write awaits (the benchmark also measures a bare microtask). */
  constructor(name, module, wait = tick) {
    super(name, module);
    this.wait = wait;
  }
  // Declared async, so wa-sqlite reaches them through its Suspending imports.
  async jRead(fileId, pData, iOffset) {
    this.reads++;
    await this.wait();
    return super.jRead(fileId, pData, iOffset);
  }
  async jWrite(fileId, pData, iOffset) {
    this.writes++;
    await this.wait();
    return super.jWrite(fileId, pData, iOffset);
  }
}

/** Creates the table and inserts 500 rows in one transaction, two pages of cache. */
export async function fill(sqlite3, db) {
  const exec = (sql) => sqlite3.exec(db, sql);
  await exec("PRAGMA page_size = 1024");
  await exec("PRAGMA cache_size = 2");
  await exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value INTEGER)");
  await exec("BEGIN");
  for await (const stmt of sqlite3.statements(db, "INSERT INTO t (name, value) VALUES (?, ?)")) {
    for (let i = 1; i <= 500; i++) {
      sqlite3.bind_collection(stmt, [`row ${i}: ${"x".repeat(100 + (i % 100))}`, i * 3]);
      await sqlite3.step(stmt);
      sqlite3.reset(stmt);
    }
  }
  await exec("COMMIT");
}

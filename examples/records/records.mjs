// baton examples/records/records.mjs [COUNT] [--crash-at=ID]
//
// Hand-written glue for records.c (build it first: bash examples/records/build.sh). It gives the
// C program the few WASI calls its libc uses and an asynchronous `fetch_record`, wrapped in
// WebAssembly.Suspending, then runs the program's `_start` through WebAssembly.promising: the C
// loop calls fetch_record as a blocking function while JavaScript awaits a timer for each record.
//
// Failures reach C in two ways:
// - A record the store cannot produce (it rejects with RecordUnavailable) becomes a negative
//   status that the C code handles, with the error's message readable through `fetch_error`.
// - Any other error (`--crash-at=ID` makes the store lose its connection at record ID) is not
//   translated: it is thrown through the suspended C frames, which cannot catch it, and rejects
//   the promising call with the very same Error object, caught here (exit status 70).
// COUNT (default 500) is passed to the C program as its argv[1]. The C program's exit status
// (from `exit`, which reaches the glue as `proc_exit`) becomes the process's.

const wasmUrl = new URL("records.wasm", import.meta.url);
const options = scriptArgs.filter((a) => a.startsWith("--crash-at="));
const crashAt = options.length ? Number(options.at(-1).slice("--crash-at=".length)) : -1;
const argv = ["records", ...scriptArgs.filter((a) => !options.includes(a))];

// --- The record store: asynchronous, as a database or a network service would be. ---------------

class RecordUnavailable extends Error {
  name = "RecordUnavailable";
}

const CATEGORIES = ["tools", "garden", "kitchen", "toys", "books"];
const ADJECTIVES = ["red", "small", "sturdy", "folding", "electric", "wooden", "spare", "deluxe"];
const NOUNS = ["hammer", "rake", "kettle", "kite", "atlas", "ladder", "lamp", "whisk"];

/** A well-mixed 32-bit hash of a record id, so the data looks arbitrary but never changes. */
function mix(id) {
  let h = Math.imul(id + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let thrownByStore; // the error --crash-at throws, to show that the same object comes back out
async function loadRecord(id) {
  await sleep(1);
  if (id === crashAt) {
    thrownByStore = new Error(`lost the connection to the record store at record ${id}`);
    throw thrownByStore;
  }
  if (id % 125 === 124) throw new RecordUnavailable("locked by another writer");
  const h = mix(id);
  let item = `${ADJECTIVES[h & 7]}-${NOUNS[(h >>> 3) & 7]}`;
  // One record is longer than the C program's 128-byte line buffer.
  if (id === 333) item += "-with-an-extraordinarily-long-description".repeat(3);
  const quantity = 1 + ((h >>> 9) % 9);
  const cents = 99 + ((h >>> 13) % 20000);
  return [id, item, CATEGORIES[(h >>> 6) % CATEGORIES.length], quantity, cents].join(";");
}

// --- Imports -------------------------------------------------------------------------------------

let memory; // the instance's exported memory, once instantiated
const encoder = new TextEncoder();
const u8 = (ptr, len) => new Uint8Array(memory.buffer, ptr >>> 0, len >>> 0);
// A fresh view each time: the buffer is replaced whenever malloc grows the memory.
const view = () => new DataView(memory.buffer);

const FETCH_UNAVAILABLE = -1;
const FETCH_TOO_LONG = -2;
let lastError = "";
// What the glue saw, printed at the end beside the C program's own results: calls (each one a
// suspension of the C stack) and an FNV-1a checksum of the bytes given to C.
const delivered = { calls: 0, records: 0, checksum: 0x811c9dc5 };

const records = {
  fetch_record: new WebAssembly.Suspending(async (id, ptr, cap) => {
    delivered.calls++;
    let text;
    try {
      text = await loadRecord(id);
    } catch (e) {
      if (!(e instanceof RecordUnavailable)) throw e; // not ours to translate: it unwinds the C code
      lastError = e.message;
      return FETCH_UNAVAILABLE;
    }
    const bytes = encoder.encode(text);
    if (bytes.length > cap >>> 0) {
      lastError = `${bytes.length} bytes, longer than the ${cap}-byte buffer`;
      return FETCH_TOO_LONG;
    }
    u8(ptr, bytes.length).set(bytes);
    delivered.records++;
    for (const b of bytes) delivered.checksum = Math.imul(delivered.checksum ^ b, 16777619) >>> 0;
    return bytes.length;
  }),
  fetch_error(ptr, cap) {
    if (cap === 0) return 0;
    const { written } = encoder.encodeInto(lastError, u8(ptr, cap - 1));
    u8(ptr + written, 1)[0] = 0;
    return written;
  },
};

// WASI preview 1, as much as wasi-libc's start-up, stdio and exit use: arguments, writing to
// stdout and stderr, and exiting. Calls return WASI errno values.
const ESUCCESS = 0;
const EBADF = 8;
const ESPIPE = 70;
const FILETYPE_CHARACTER_DEVICE = 2;
const RIGHTS_FD_READ = 1n << 1n;
const RIGHTS_FD_WRITE = 1n << 6n;

class ExitStatus {
  constructor(status) {
    this.status = status;
  }
}

// stdout goes out as it is written; stderr has only line-oriented printErr, so it goes out a line
// at a time. Bytes are decoded as a stream, so a UTF-8 sequence may span writes.
const streams = new Map([
  [0, { rights: RIGHTS_FD_READ }],
  [1, { rights: RIGHTS_FD_WRITE, decoder: new TextDecoder(), emit: (text) => write(text) }],
  [2, { rights: RIGHTS_FD_WRITE, decoder: new TextDecoder(), pending: "", emit: emitErrLines }],
]);
function emitErrLines(text, stream = streams.get(2)) {
  const lines = (stream.pending + text).split("\n");
  stream.pending = lines.pop();
  for (const line of lines) printErr(line);
}
function flushStderr() {
  const stream = streams.get(2);
  if (stream.pending) printErr(stream.pending);
  stream.pending = "";
}

function argsSizes() {
  return { count: argv.length, bytes: argv.reduce((n, a) => n + encoder.encode(a).length + 1, 0) };
}

const wasi = {
  args_sizes_get(countPtr, sizePtr) {
    const { count, bytes } = argsSizes();
    view().setUint32(countPtr, count, true);
    view().setUint32(sizePtr, bytes, true);
    return ESUCCESS;
  },
  args_get(argvPtr, bufPtr) {
    for (const [i, arg] of argv.entries()) {
      const bytes = encoder.encode(arg);
      view().setUint32(argvPtr + 4 * i, bufPtr, true);
      u8(bufPtr, bytes.length + 1).set([...bytes, 0]);
      bufPtr += bytes.length + 1;
    }
    return ESUCCESS;
  },
  fd_write(fd, iovs, iovsLen, writtenPtr) {
    const stream = streams.get(fd);
    if (!stream?.emit) return EBADF;
    let written = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = view().getUint32(iovs + 8 * i, true);
      const len = view().getUint32(iovs + 8 * i + 4, true);
      stream.emit(stream.decoder.decode(u8(ptr, len), { stream: true }));
      written += len;
    }
    view().setUint32(writtenPtr, written, true);
    return ESUCCESS;
  },
  // The standard streams are reported as character devices that cannot seek, so libc treats them
  // as terminals and line-buffers stdout: each line is out before the next suspension.
  fd_fdstat_get(fd, statPtr) {
    const stream = streams.get(fd);
    if (!stream) return EBADF;
    u8(statPtr, 24).fill(0);
    view().setUint8(statPtr, FILETYPE_CHARACTER_DEVICE);
    view().setBigUint64(statPtr + 8, stream.rights, true);
    return ESUCCESS;
  },
  fd_seek(fd) {
    return streams.has(fd) ? ESPIPE : EBADF;
  },
  fd_close(fd) {
    if (fd === 2) flushStderr();
    return streams.delete(fd) ? ESUCCESS : EBADF;
  },
  // exit(): thrown through the C frames (which do not catch it) to the promising call below.
  proc_exit(status) {
    throw new ExitStatus(status);
  },
};

// --- Run -----------------------------------------------------------------------------------------

let module;
try {
  module = await WebAssembly.compileStreaming(fetch(wasmUrl));
} catch (e) {
  printErr(`records: cannot load ${wasmUrl.pathname}: ${e.message}`);
  printErr("build it first: bash examples/records/build.sh");
  quit(1);
}
const instance = await WebAssembly.instantiate(module, {
  records,
  wasi_snapshot_preview1: wasi,
});
memory = instance.exports.memory;
const pagesAtStart = memory.buffer.byteLength / 65536;

// After an error has unwound the C frames the instance is not used again: C's stack pointer
// (a Wasm global) was never restored, and `_start` may run only once anyway.
const start = WebAssembly.promising(instance.exports._start);
let status = 0;
try {
  await start(); // resolves when main returns 0: wasi-libc's _start calls exit only otherwise
} catch (e) {
  flushStderr();
  if (e instanceof ExitStatus) {
    status = e.status;
  } else {
    printErr(`records: aborted: ${e}`);
    printErr(`records: the promising call rejected with the store's own Error: ${e === thrownByStore}`);
    status = 70;
  }
}
flushStderr();
const pages = memory.buffer.byteLength / 65536;
print(`glue: ${delivered.calls} calls to fetch_record, ${delivered.records} records delivered`);
print(`glue: checksum of the delivered bytes ${delivered.checksum.toString(16).padStart(8, "0")}`);
print(`glue: the memory grew during the run (malloc): ${pages > pagesAtStart}`);
print(`glue: exit status ${status}`);
if (status !== 0) quit(status);

// Glue in the shape of what Emscripten generates for a C program built with -sJSPI to run in a
// "shell" (d8, SpiderMonkey's js, ...), written for these tests from Emscripten's documented
// behaviour: it is not Emscripten's code, only its structure and the host calls it makes, so that
// baton is tested the way such output uses it. The program it runs is program.wat, which plays
// the compiled C `main`.
//
// A fixture sets up `var Module = {...}` (as --pre-js code does) and then `load("glue.js")`.

var Module = typeof Module != "undefined" ? Module : {};

// --- Which environment is this? (a multi-environment build decides at run time) --------------------
var ENVIRONMENT_IS_WEB = typeof window == "object";
var ENVIRONMENT_IS_WORKER = typeof importScripts == "function";
var ENVIRONMENT_IS_NODE =
  typeof process == "object" && typeof process.versions == "object" &&
  typeof process.versions.node == "string";
var ENVIRONMENT_IS_SHELL = !ENVIRONMENT_IS_WEB && !ENVIRONMENT_IS_NODE && !ENVIRONMENT_IS_WORKER;

var arguments_ = [];
var thisProgram = "./this.program";
var quit_ = (status, toThrow) => {
  throw toThrow;
};
var readBinary;

if (ENVIRONMENT_IS_SHELL) {
  if ((typeof process == "object" && typeof require === "function") || typeof window == "object" ||
      typeof WorkerGlobalScope != "undefined") {
    throw new Error("this build runs in a shell, and this looks like another environment");
  }
  readBinary = (f) => {
    if (typeof readbuffer == "function") return new Uint8Array(readbuffer(f));
    var data = read(f, "binary");
    if (typeof data != "object") throw new Error("read(f, 'binary') gave no bytes");
    return data;
  };
  if (typeof clearTimeout == "undefined") globalThis.clearTimeout = (id) => {};
  // Shells without timers get a synchronous stand-in, which breaks anything asynchronous: JSPI
  // below needs the real one.
  if (typeof setTimeout == "undefined") globalThis.setTimeout = (f) => (typeof f == "function" ? f() : abort());
  if (typeof scriptArgs != "undefined") {
    arguments_ = scriptArgs;
  } else if (typeof arguments != "undefined") {
    arguments_ = arguments;
  }
  if (typeof quit == "function") {
    // A shell has no "exit code for when the event loop is done", so quit() is the only way to
    // set one. It is called from a timer so that the current stack (callMain's catch, postRun)
    // finishes first; whether work scheduled meanwhile still runs is up to the shell (in baton it
    // does, as under node's process.exitCode).
    quit_ = (status, toThrow) => {
      setTimeout(() => {
        if (!(toThrow instanceof ExitStatus)) {
          var toLog = toThrow;
          if (toThrow && typeof toThrow == "object" && toThrow.stack) toLog = [toThrow, toThrow.stack];
          err(`exiting due to exception: ${toLog}`);
        }
        quit(status);
      });
      throw toThrow;
    };
  }
  if (typeof print != "undefined") {
    if (typeof console == "undefined") console = {};
    console.log = print;
    console.warn = console.error = typeof printErr != "undefined" ? printErr : print;
  }
}

var out = Module["print"] || console.log.bind(console);
var err = Module["printErr"] || console.error.bind(console);
if (Module["arguments"]) arguments_ = Module["arguments"];
if (Module["thisProgram"]) thisProgram = Module["thisProgram"];
if (Module["quit"]) quit_ = Module["quit"];

// --- Runtime state -----------------------------------------------------------------------------------
var wasmMemory, wasmExports, wasmTable;
var HEAP8, HEAPU8, HEAP32, HEAPU32, HEAP64;
var ABORT = false;
var EXITSTATUS;
var runtimeInitialized = false;

function updateMemoryViews() {
  var b = wasmMemory.buffer;
  HEAP8 = new Int8Array(b);
  HEAPU8 = new Uint8Array(b);
  HEAP32 = new Int32Array(b);
  HEAPU32 = new Uint32Array(b);
  HEAP64 = new BigInt64Array(b);
}

class ExitStatus {
  name = "ExitStatus";
  constructor(status) {
    this.message = `Program terminated with exit(${status})`;
    this.status = status;
  }
}

function abort(what) {
  Module["onAbort"]?.(what);
  what = `Aborted(${what})`;
  err(what);
  ABORT = true;
  throw new WebAssembly.RuntimeError(what);
}

// --- Strings ---------------------------------------------------------------------------------------------
var UTF8Decoder = typeof TextDecoder != "undefined" ? new TextDecoder() : undefined;

function UTF8ArrayToString(array, idx = 0, maxBytes = Infinity) {
  var end = idx;
  while (array[end] && end - idx < maxBytes) ++end;
  if (end - idx > 16 && array.buffer && UTF8Decoder) return UTF8Decoder.decode(array.subarray(idx, end));
  var str = "";
  while (idx < end) {
    var u0 = array[idx++];
    if (!(u0 & 0x80)) { str += String.fromCharCode(u0); continue; }
    var u1 = array[idx++] & 63;
    if ((u0 & 0xe0) == 0xc0) { str += String.fromCharCode(((u0 & 31) << 6) | u1); continue; }
    var u2 = array[idx++] & 63;
    if ((u0 & 0xf0) == 0xe0) u0 = ((u0 & 15) << 12) | (u1 << 6) | u2;
    else u0 = ((u0 & 7) << 18) | (u1 << 12) | (u2 << 6) | (array[idx++] & 63);
    str += String.fromCodePoint(u0);
  }
  return str;
}

var UTF8ToString = (ptr, maxBytes) => (ptr ? UTF8ArrayToString(HEAPU8, ptr, maxBytes) : "");

// Encodes `str` into `heap` at `outIdx` with a terminating NUL, at most `maxBytes` bytes in all.
function stringToUTF8Array(str, heap, outIdx, maxBytes) {
  var start = outIdx, end = outIdx + maxBytes - 1;
  for (var i = 0; i < str.length; ++i) {
    var c = str.codePointAt(i);
    if (c > 0xffff) i++;
    var n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (outIdx + n > end) break;
    if (n == 1) { heap[outIdx++] = c; continue; }
    heap[outIdx++] = n == 2 ? 0xc0 | (c >> 6) : n == 3 ? 0xe0 | (c >> 12) : 0xf0 | (c >> 18);
    if (n == 4) heap[outIdx++] = 0x80 | ((c >> 12) & 63);
    if (n >= 3) heap[outIdx++] = 0x80 | ((c >> 6) & 63);
    heap[outIdx++] = 0x80 | (c & 63);
  }
  heap[outIdx] = 0;
  return outIdx - start;
}

function lengthBytesUTF8(str) {
  var len = 0;
  for (var i = 0; i < str.length; ++i) {
    var c = str.codePointAt(i);
    if (c > 0xffff) i++;
    len += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return len;
}

function intArrayFromString(str, dontAddNull) {
  var bytes = new Array(lengthBytesUTF8(str) + 1);
  var n = stringToUTF8Array(str, bytes, 0, bytes.length);
  if (dontAddNull) bytes.length = n;
  return bytes;
}

var stackAlloc = (size) => wasmExports["_emscripten_stack_alloc"](size);
var stackRestore = (ptr) => wasmExports["_emscripten_stack_restore"](ptr);
function stringToUTF8OnStack(str) {
  var size = lengthBytesUTF8(str) + 1;
  var ptr = stackAlloc(size);
  stringToUTF8Array(str, HEAPU8, ptr, size);
  return ptr;
}

// --- Keeping the runtime alive, callbacks from timers -------------------------------------------------
var noExitRuntime = Module["noExitRuntime"] ?? true; // EXIT_RUNTIME=0, the default
var runtimeKeepaliveCounter = 0;
var keepRuntimeAlive = () => noExitRuntime || runtimeKeepaliveCounter > 0;
var runtimeKeepalivePush = () => { runtimeKeepaliveCounter += 1; };
var runtimeKeepalivePop = () => { runtimeKeepaliveCounter -= 1; };

function handleException(e) {
  // ExitStatus is how exit() unwinds the stack; anything else is a real error.
  if (e instanceof ExitStatus || e == "unwind") return EXITSTATUS;
  quit_(1, e);
}

function maybeExit() {
  if (!keepRuntimeAlive()) {
    try {
      _proc_exit(EXITSTATUS);
    } catch (e) {
      handleException(e);
    }
  }
}

function callUserCallback(func) {
  if (ABORT) {
    err("user callback triggered after the application aborted; ignoring it");
    return;
  }
  try {
    func();
    maybeExit();
  } catch (e) {
    handleException(e);
  }
}

var safeSetTimeout = (func, timeout) => {
  runtimeKeepalivePush();
  return setTimeout(() => {
    runtimeKeepalivePop();
    callUserCallback(func);
  }, timeout);
};

// --- Exiting -------------------------------------------------------------------------------------------
var printCharBuffers = [null, [], []];
function printChar(stream, curr) {
  var buffer = printCharBuffers[stream];
  if (curr === 0 || curr === 10) {
    (stream === 1 ? out : err)(UTF8ArrayToString(buffer));
    buffer.length = 0;
  } else {
    buffer.push(curr);
  }
}
function flushStreams() {
  if (printCharBuffers[1].length) printChar(1, 10);
  if (printCharBuffers[2].length) printChar(2, 10);
}

function exitRuntime() {
  flushStreams();
  runtimeInitialized = false;
}

function _proc_exit(code) {
  EXITSTATUS = code;
  if (!keepRuntimeAlive()) {
    Module["onExit"]?.(code);
    ABORT = true;
  }
  quit_(code, new ExitStatus(code));
}

function exitJS(status, implicit) {
  EXITSTATUS = status;
  if (!keepRuntimeAlive()) exitRuntime();
  _proc_exit(status);
}

// --- Imports: WASI and the Emscripten library functions program.wat uses ----------------------------
var ERRNO_BADF = 8;
var ERRNO_IO = 29;
var ERRNO_AGAIN = 6;

class ErrnoError {
  name = "ErrnoError";
  constructor(errno) {
    this.errno = errno;
  }
}

// Standard input is a TTY whose characters come from the shell's readline(), one line at a time.
var FS_stdin_buffer = [];
function FS_stdin_getChar() {
  if (!FS_stdin_buffer.length) {
    var result = null;
    if (typeof window != "undefined" && typeof window.prompt == "function") {
      result = window.prompt("Input: ");
      if (result !== null) result += "\n";
    } else if (typeof readline == "function") {
      result = readline();
      if (result !== null) result += "\n";
    }
    if (!result) return null;
    FS_stdin_buffer = intArrayFromString(result, true);
  }
  return FS_stdin_buffer.shift();
}

var TTY = {
  read(buffer, offset, length) {
    var bytesRead = 0;
    for (var i = 0; i < length; i++) {
      var result;
      try {
        result = FS_stdin_getChar();
      } catch (e) {
        throw new ErrnoError(ERRNO_IO);
      }
      if (result === undefined && bytesRead === 0) throw new ErrnoError(ERRNO_AGAIN);
      if (result === null || result === undefined) break;
      bytesRead++;
      buffer[offset + i] = result;
    }
    return bytesRead;
  },
};

function _fd_read(fd, iov, iovcnt, pnum) {
  try {
    if (fd !== 0) return ERRNO_BADF;
    var num = 0;
    for (var i = 0; i < iovcnt; i++) {
      var ptr = HEAPU32[iov >> 2];
      var len = HEAPU32[(iov + 4) >> 2];
      iov += 8;
      var curr = TTY.read(HEAP8, ptr, len);
      num += curr;
      if (curr < len) break;
    }
    HEAPU32[pnum >> 2] = num;
    return 0;
  } catch (e) {
    if (!(e instanceof ErrnoError)) throw e;
    return e.errno;
  }
}

function _fd_write(fd, iov, iovcnt, pnum) {
  if (fd !== 1 && fd !== 2) return ERRNO_BADF;
  var num = 0;
  for (var i = 0; i < iovcnt; i++) {
    var ptr = HEAPU32[iov >> 2];
    var len = HEAPU32[(iov + 4) >> 2];
    iov += 8;
    for (var j = 0; j < len; j++) printChar(fd, HEAPU8[ptr + j]);
    num += len;
  }
  HEAPU32[pnum >> 2] = num;
  return 0;
}

function initRandomFill() {
  if (typeof crypto == "object" && typeof crypto["getRandomValues"] == "function") {
    return (view) => crypto.getRandomValues(view);
  }
  abort("no cryptographic support found for random_get");
}
var randomFill = (view) => (randomFill = initRandomFill())(view);

function _random_get(buffer, size) {
  try {
    randomFill(HEAPU8.subarray(buffer, buffer + size));
    return 0;
  } catch (e) {
    return ERRNO_IO;
  }
}

var _emscripten_get_now = () => performance.now();
var _emscripten_date_now = () => Date.now();

// With WASM_BIGINT (the default), i64 arguments arrive as BigInt; the result is a 64-bit store.
function _clock_time_get(clk_id, ignored_precision, ptime) {
  var now;
  if (clk_id === 0) now = _emscripten_date_now();
  else if (clk_id === 1) now = _emscripten_get_now();
  else return 28;
  HEAP64[ptime >> 3] = BigInt(Math.round(now * 1000 * 1000));
  return 0;
}

// malloc asks for more memory through this; every view of the old buffer is replaced.
var getHeapMax = () => 2147483648;
function _emscripten_resize_heap(requestedSize) {
  var oldSize = HEAPU8.length;
  requestedSize >>>= 0;
  if (requestedSize > getHeapMax()) return false;
  // Over-allocate by up to 20%, less on each retry.
  for (var cutDown = 1; cutDown <= 4; cutDown *= 2) {
    var overGrown = Math.min(oldSize * (1 + 0.2 / cutDown), requestedSize + 100663296);
    var newSize = Math.min(getHeapMax(), Math.ceil(Math.max(requestedSize, overGrown) / 65536) * 65536);
    try {
      wasmMemory.grow((newSize - wasmMemory.buffer.byteLength + 65535) >>> 16);
      updateMemoryViews();
      return true;
    } catch (e) {}
  }
  return false;
}

var getWasmTableEntry = (index) => wasmTable.get(index);

function _emscripten_set_timeout(cb, msecs, userData) {
  return safeSetTimeout(() => getWasmTableEntry(cb)(userData), msecs);
}

// -sJSPI: async library functions are marked, and their imports wrapped in Suspending below.
var Asyncify = {
  instrumentWasmImports(imports) {
    for (var [name, original] of Object.entries(imports)) {
      if (typeof original == "function" && original.isAsync) {
        imports[name] = new WebAssembly.Suspending(original);
      }
    }
  },
  // Exports that may suspend (JSPI_EXPORTS; `main` by default) return a Promise.
  instrumentWasmExports(exports) {
    var ret = {};
    for (var [name, original] of Object.entries(exports)) {
      ret[name] = typeof original == "function" && name == "main" ? WebAssembly.promising(original) : original;
    }
    return ret;
  },
  handleAsync: (startAsync) => startAsync(),
  handleSleep: (startAsync) => Asyncify.handleAsync(() => new Promise(startAsync)),
};

var _emscripten_sleep = (ms) => Asyncify.handleSleep((wakeUp) => safeSetTimeout(wakeUp, ms));
_emscripten_sleep.isAsync = true;

var wasmImports = {
  clock_time_get: _clock_time_get,
  emscripten_get_now: _emscripten_get_now,
  emscripten_resize_heap: _emscripten_resize_heap,
  emscripten_set_timeout: _emscripten_set_timeout,
  emscripten_sleep: _emscripten_sleep,
  fd_read: _fd_read,
  fd_write: _fd_write,
  proc_exit: _proc_exit,
  random_get: _random_get,
};

// --- Loading and instantiating the Wasm ---------------------------------------------------------------
var runDependencies = 0;
var dependenciesFulfilled = null;
function addRunDependency(id) {
  runDependencies++;
}
function removeRunDependency(id) {
  runDependencies--;
  if (runDependencies == 0 && dependenciesFulfilled) {
    var callback = dependenciesFulfilled;
    dependenciesFulfilled = null;
    callback();
  }
}

var scriptDirectory = "";
function locateFile(path) {
  if (Module["locateFile"]) return Module["locateFile"](path, scriptDirectory);
  return scriptDirectory + path;
}
var wasmBinaryFile = locateFile("program.wasm");

function getBinarySync(file) {
  if (file == wasmBinaryFile && Module["wasmBinary"]) return new Uint8Array(Module["wasmBinary"]);
  if (readBinary) return readBinary(file);
  throw "both async and sync fetching of the wasm failed";
}

// Shells have no fetch (Emscripten does not use one there even when it exists): the binary is
// read synchronously, after the current task.
async function instantiateArrayBuffer(binaryFile, imports) {
  try {
    var binary = await Promise.resolve().then(() => getBinarySync(binaryFile));
    return await WebAssembly.instantiate(binary, imports);
  } catch (reason) {
    err(`failed to asynchronously prepare wasm: ${reason}`);
    abort(reason);
  }
}

function createWasm() {
  if (typeof WebAssembly.Suspending != "function" || typeof WebAssembly.promising != "function") {
    abort("this program was built with -sJSPI, and WebAssembly.Suspending/promising are missing");
  }
  Asyncify.instrumentWasmImports(wasmImports);
  var info = { env: wasmImports, wasi_snapshot_preview1: wasmImports };
  function receiveInstance(instance) {
    wasmExports = Asyncify.instrumentWasmExports(instance.exports);
    wasmMemory = wasmExports["memory"];
    updateMemoryViews();
    wasmTable = wasmExports["__indirect_function_table"];
    removeRunDependency("wasm-instantiate");
  }
  addRunDependency("wasm-instantiate");
  instantiateArrayBuffer(wasmBinaryFile, info).then((result) => receiveInstance(result.instance));
}

// --- Running main -------------------------------------------------------------------------------------
function callRuntimeCallbacks(callbacks) {
  while (callbacks.length > 0) callbacks.shift()(Module);
}

function preRun() {
  var hooks = Module["preRun"];
  if (hooks) callRuntimeCallbacks(typeof hooks == "function" ? [hooks] : hooks);
}

function postRun() {
  var hooks = Module["postRun"];
  if (hooks) callRuntimeCallbacks(typeof hooks == "function" ? [hooks] : hooks);
}

function initRuntime() {
  runtimeInitialized = true;
  wasmExports["__wasm_call_ctors"]();
}

// Under JSPI `main` is a promising export, so callMain is async: it awaits main's result while
// main suspends.
async function callMain(args = []) {
  var entryFunction = wasmExports["main"];
  args.unshift(thisProgram);
  var argc = args.length;
  var argv = stackAlloc((argc + 1) * 4);
  var argvPtr = argv;
  for (var arg of args) {
    HEAPU32[argvPtr >> 2] = stringToUTF8OnStack(arg);
    argvPtr += 4;
  }
  HEAPU32[argvPtr >> 2] = 0;
  try {
    var ret = entryFunction(argc, argv);
    ret = await ret;
    exitJS(ret, /* implicit */ true);
    return ret;
  } catch (e) {
    return handleException(e);
  }
}

function run(args = arguments_) {
  if (runDependencies > 0) {
    dependenciesFulfilled = () => run(args);
    return;
  }
  preRun();
  if (runDependencies > 0) {
    dependenciesFulfilled = () => run(args);
    return;
  }
  Module["calledRun"] = true;
  if (ABORT) return;
  initRuntime();
  Module["onRuntimeInitialized"]?.();
  if (!Module["noInitialRun"]) callMain([...args]);
  // As in Emscripten's run(), postRun follows callMain at once: under JSPI, while main is still
  // suspended at its first await.
  postRun();
}

createWasm();
run();

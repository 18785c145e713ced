// The Memory descriptor: initial is required, values use [EnforceRange], maximum >= initial,
// at most 65536 pages; shared memories need a maximum and give a SharedArrayBuffer.
const ok = new WebAssembly.Memory({ initial: 2 });
print(ok.buffer.byteLength, String(ok));
for (const d of [undefined, 5, {}, { initial: -1 }, { initial: NaN }, { initial: 2 ** 32 }, { initial: 65537 },
                 { initial: 2, maximum: 1 }, { initial: 1, maximum: 65537 }, { initial: 1, shared: true }]) {
  try {
    new WebAssembly.Memory(d);
    print(JSON.stringify(d), "-> ok?!");
  } catch (e) {
    print(JSON.stringify(d), "->", e.name, e.message);
  }
}
const shared = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
const sab = shared.buffer;
print(Object.prototype.toString.call(sab), sab.byteLength, shared.grow(1), sab.byteLength, shared.buffer.byteLength, shared.buffer !== sab);
try { ok.grow(); } catch (e) { print("grow() ->", e.name); }
try { WebAssembly.Memory.prototype.grow.call({}, 1); } catch (e) { print("brand check ->", e.name); }

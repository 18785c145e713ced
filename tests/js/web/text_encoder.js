// TextEncoder: UTF-8 out, lone surrogates become U+FFFD, encodeInto writes whole characters only.
const enc = new TextEncoder();
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

print(enc.encoding, Object.prototype.toString.call(enc));
print(enc.encode("hé€😀").constructor.name, hex(enc.encode("hé€😀")));
print(enc.encode().length, enc.encode(undefined).length, hex(enc.encode(null)), hex(enc.encode(12)));
print("lone surrogates:", hex(enc.encode("a\ud800b\udc00")), hex(enc.encode("\ud83d")));
print("pair:", hex(enc.encode("\ud83d\ude00")));

for (const size of [0, 1, 2, 3, 4, 6, 8]) {
  const dest = new Uint8Array(size);
  const r = enc.encodeInto("a€😀", dest);
  print("encodeInto", size, JSON.stringify(r), hex(dest));
}

// Writes go through the view's window into its buffer.
const buffer = new Uint8Array(8).fill(0xff);
const r = enc.encodeInto("xyz", buffer.subarray(2, 4));
print(JSON.stringify(r), hex(buffer));
print(JSON.stringify(enc.encodeInto("\ud800", new Uint8Array(3))));

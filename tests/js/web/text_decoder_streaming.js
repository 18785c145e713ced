// TextDecoder streaming: partial sequences wait for the next chunk; a non-streaming call flushes
// and the next call starts over (BOM included).
const show = (s) => [...s].map((c) => (c.codePointAt(0) > 0x7e ? `<${c.codePointAt(0).toString(16)}>` : c)).join("");
const bytes = new TextEncoder().encode("a€😀b");
const dec = new TextDecoder();
let out = [];
for (let i = 0; i < bytes.length; i++) out.push(show(dec.decode(bytes.subarray(i, i + 1), { stream: true })));
out.push(show(dec.decode()));
print(JSON.stringify(out));

// Flushing an incomplete sequence gives U+FFFD, once.
print(show(dec.decode(new Uint8Array([0xf0, 0x9f]), { stream: true })) + "|" + show(dec.decode()));
print(show(dec.decode(new Uint8Array([0xf0, 0x9f]), { stream: true })) + "|" + show(dec.decode(new Uint8Array([0x98]))));

// The BOM is split across chunks and removed once per stream.
const bom = new TextDecoder();
print(JSON.stringify([
  bom.decode(new Uint8Array([0xef]), { stream: true }),
  bom.decode(new Uint8Array([0xbb, 0xbf, 0x41]), { stream: true }),
  show(bom.decode(new Uint8Array([0xef, 0xbb, 0xbf]))),
  bom.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x42])),
]));

// stream is a dictionary member converted with ToBoolean.
const d = new TextDecoder();
print(JSON.stringify(d.decode(new Uint8Array([0xe2, 0x82]), { stream: 1 })), show(d.decode(new Uint8Array([0xac]), null)));

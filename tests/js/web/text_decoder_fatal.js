// TextDecoder {fatal: true}: malformed input throws a TypeError; the decoder stays usable.
const dec = new TextDecoder("utf-8", { fatal: true });
print(dec.fatal, new TextDecoder("utf-8", { fatal: 0 }).fatal, new TextDecoder("utf-8", { fatal: "yes" }).fatal);
for (const bytes of [[0xff], [0x61, 0x80], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xe2, 0x82]]) {
  try {
    print("decoded", dec.decode(new Uint8Array(bytes)));
  } catch (e) {
    print(JSON.stringify(bytes), e instanceof TypeError, e.message);
  }
}
print(dec.decode(new Uint8Array([0x6f, 0x6b])));

// A truncated sequence is fine while streaming, and fails only when the stream ends.
print(JSON.stringify(dec.decode(new Uint8Array([0xe2, 0x82]), { stream: true })));
try {
  dec.decode();
} catch (e) {
  print("end of stream:", e.name);
}
const le = new TextDecoder("utf-16le", { fatal: true });
try {
  le.decode(new Uint8Array([0x00, 0xd8]));
} catch (e) {
  print("utf-16le:", e.name, e.message);
}

// TextDecoder labels resolve as the Encoding Standard says; unknown ones and "replacement" throw.
for (const label of ["utf-8", " UTF8 ", "unicode-1-1-utf-8", "\tutf-8\n", "latin1", "ascii", "iso-8859-1", "iso-8859-2", "koi8-r", "gbk", "big5", "shift_jis", "sjis", "euc-kr", "utf-16"]) {
  print(JSON.stringify(label), "->", new TextDecoder(label).encoding);
}
for (const label of ["utf8x", "", "replacement", "iso-2022-kr", "utf-32", "foo"]) {
  try {
    new TextDecoder(label);
    print(JSON.stringify(label), "accepted");
  } catch (e) {
    print(JSON.stringify(label), e instanceof RangeError, label === "foo" ? e.message : "");
  }
}
print(new TextDecoder(undefined).encoding, new TextDecoder("windows-1252").decode(new Uint8Array([0x41, 0xe9])) === "A\u00e9");
print(new TextDecoder("iso-8859-2").decode(new Uint8Array([0xa1, 0xb1])) === "\u0104\u0105");
print(new TextDecoder("shift_jis").decode(new Uint8Array([0x82, 0xa0])) === "\u3042");

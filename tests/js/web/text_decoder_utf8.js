// TextDecoder (UTF-8): every BufferSource kind, its byteOffset/byteLength, BOM removal, U+FFFD.
const show = (s) => [...s].map((c) => (c.codePointAt(0) > 0x7e ? `<${c.codePointAt(0).toString(16)}>` : c)).join("");
const dec = new TextDecoder();
print(dec.encoding, dec.fatal, dec.ignoreBOM, Object.prototype.toString.call(dec));

const bytes = new Uint8Array([0x68, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
print("Uint8Array", show(dec.decode(bytes)));
print("ArrayBuffer", show(dec.decode(bytes.buffer)));
print("subarray", show(dec.decode(bytes.subarray(1, 6))));
print("DataView", show(dec.decode(new DataView(bytes.buffer, 3, 3))));
print("Uint16Array", show(dec.decode(new Uint16Array(bytes.buffer, 0, 3))));
print("Int32Array", show(dec.decode(new Int32Array(new TextEncoder().encode("abcdefgh").buffer, 4))));
print("Float64Array", dec.decode(new Float64Array(1)).length);
const shared = new SharedArrayBuffer(3);
new Uint8Array(shared).set([0x61, 0x62, 0x63]);
print("SharedArrayBuffer", dec.decode(shared), dec.decode(new Uint8Array(shared, 1)));
print("nothing", JSON.stringify(dec.decode()), JSON.stringify(dec.decode(undefined)));

const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xef, 0xbb, 0xbf]);
print("BOM", show(dec.decode(bom)), show(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bom)));
print("invalid", show(dec.decode(new Uint8Array([0x61, 0xff, 0xc3, 0x62, 0xed, 0xa0, 0x80, 0xe2, 0x82]))));
print("overlong", show(dec.decode(new Uint8Array([0xc0, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0x80]))));

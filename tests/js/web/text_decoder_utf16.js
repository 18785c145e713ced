// TextDecoder for UTF-16LE/BE: labels, BOM, odd byte counts, streaming, lone surrogates.
const show = (s) => [...s].map((c) => (c.codePointAt(0) > 0x7e ? `<${c.codePointAt(0).toString(16)}>` : c)).join("");
const le = new TextDecoder("utf-16le");
const be = new TextDecoder("utf-16be");
print(le.encoding, be.encoding, new TextDecoder("utf-16").encoding, new TextDecoder("UCS-2").encoding);

print(show(le.decode(new Uint8Array([0x68, 0x00, 0xac, 0x20, 0x3d, 0xd8, 0x00, 0xde]))));
print(show(be.decode(new Uint8Array([0x00, 0x68, 0x20, 0xac, 0xd8, 0x3d, 0xde, 0x00]))));
print(show(le.decode(new Uint16Array([0x61, 0x62, 0x20ac]))));

print("BOM", show(le.decode(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))), show(be.decode(new Uint8Array([0xfe, 0xff, 0x00, 0x41]))));
print("other BOM", show(le.decode(new Uint8Array([0xfe, 0xff, 0x41, 0x00]))));
print("ignoreBOM", show(new TextDecoder("utf-16le", { ignoreBOM: true }).decode(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))));
print("odd", show(le.decode(new Uint8Array([0x41, 0x00, 0x42]))));
print("lone", show(le.decode(new Uint8Array([0x00, 0xd8, 0x41, 0x00, 0x00, 0xdc]))));

const chunks = [[0x3d], [0xd8, 0x00], [0xde, 0x41], [0x00]];
print("stream", JSON.stringify(chunks.map((c) => show(le.decode(new Uint8Array(c), { stream: true })))), JSON.stringify(le.decode()));

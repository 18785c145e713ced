// read() gives text, read(f, 'binary') a Uint8Array, readbuffer() an ArrayBuffer; paths are
// relative to the current directory.
const text = read("data/hello.txt");
print(typeof text, JSON.stringify(text));
const bytes = read("data/hello.txt", "binary");
print(Object.prototype.toString.call(bytes), bytes.length, bytes[0], bytes[bytes.length - 1]);
const buffer = readbuffer("data/hello.txt");
print(Object.prototype.toString.call(buffer), buffer.byteLength, new Uint8Array(buffer)[1]);
try { read("data/missing.txt"); } catch (e) { print(e.name, e.message.replace(/:.*/, ":...")); }
try { read("data/hello.txt", "base64"); } catch (e) { print(e.name, e.message); }

// baton examples/hello.mjs — an ES module using the host's event loop and globals.
const encoder = new TextEncoder();
const bytes = encoder.encode("hello, baton");
console.log("Hello from baton!", { bytes: bytes.length, url: import.meta.url.startsWith("file:") });

// Timers and promises run on the event loop, as in node.
const wait = ms => new Promise(resolve => setTimeout(resolve, ms));
await wait(10);
console.log("after a 10 ms timer:", new URL("../README.md", import.meta.url).pathname.endsWith("README.md"));

// Typed arrays, ArrayBuffer and DataView.
console.log(new Uint8Array([1, 2, 3]));
console.log(new Uint8Array(0));
console.log(new Float64Array([1.5, -0, NaN]));
console.log(new BigInt64Array([1n, -2n]));
console.log(new Int16Array(10));
console.log(new Uint8Array(120));
console.log(new Uint8ClampedArray([255]), new Int8Array([-1]), new Uint16Array([65535]));
console.log(new Int32Array([-5]), new Uint32Array([7]), new Float32Array([0.5]), new BigUint64Array([9n]));
console.log(new Uint8Array([1, 2]).buffer);
console.log(new ArrayBuffer(0));
console.log(new ArrayBuffer(60));
const buf = new ArrayBuffer(4);
console.log(new DataView(buf, 1, 2));
console.log({ nested: new Uint8Array([9]), buf: new ArrayBuffer(1) });
const ta = new Uint8Array(2);
ta.extra = "x";
console.log(ta);

// crypto.getRandomValues fills integer typed arrays in place; randomUUID gives v4 UUIDs.
print(typeof crypto, Object.prototype.toString.call(crypto), crypto instanceof Crypto);

for (const Type of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array]) {
  const array = new Type(64);
  const result = crypto.getRandomValues(array);
  // 64 random elements all zero is not going to happen.
  print(Type.name, result === array, array.some((x) => x != 0));
}

// Only the view's window is written.
const whole = new Uint8Array(32);
crypto.getRandomValues(whole.subarray(8, 24));
print(whole.subarray(0, 8).every((x) => x === 0), whole.subarray(24).every((x) => x === 0), whole.subarray(8, 24).some((x) => x !== 0));

print(crypto.getRandomValues(new Uint8Array(0)).length, crypto.getRandomValues(new Uint8Array(65536)).length, crypto.getRandomValues(new Uint32Array(16384)).length);

const uuids = new Set();
for (let i = 0; i < 100; i++) uuids.add(crypto.randomUUID());
const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
print(uuids.size, [...uuids].every((u) => pattern.test(u)));

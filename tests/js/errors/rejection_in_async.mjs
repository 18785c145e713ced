// @exit 1
async function fails() {
  await null;
  throw new TypeError("async failure");
}
fails();

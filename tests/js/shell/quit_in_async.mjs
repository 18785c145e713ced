// @exit 4
// quit inside an async function is not a rejection anybody can handle or see.
async function main() {
  await null;
  quit(4);
}
main().catch(e => print("caught: must not happen", e));
print("sync code after the call");

// @exit 13
// A top-level await that can never settle ends with node's warning and exit code 13.
print("waiting forever");
await new Promise(() => {});

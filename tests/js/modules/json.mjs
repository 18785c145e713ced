// JSON modules need `with { type: 'json' }` and give the parsed value as the default export.
import config from "./lib/config.json" with { type: "json" };
print(config.name, config.list.length, config.nested.ok, JSON.stringify(config.text));
const again = await import("./lib/config.json", { with: { type: "json" } });
print(again.default === config);
try {
  await import("./lib/broken.json", { with: { type: "json" } });
} catch (e) {
  print(e.name, e.message.includes("broken.json"));
}
try {
  await import("./lib/late.mjs", { with: { type: "css" } });
} catch (e) {
  print(e.name, e.message);
}

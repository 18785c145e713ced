// URL.canParse and URL.parse: the constructor's outcome without an exception.
const cases = [["https://h.test/"], ["nope"], ["/rel", "https://h.test/a/"], ["/rel", "nope"], ["/rel"], ["https://h.test/", undefined], ["", "http://h.test/x?y#z"]];
for (const args of cases) {
  const parsed = URL.parse(...args);
  print(JSON.stringify(args), URL.canParse(...args), parsed === null ? "null" : parsed.href, parsed instanceof URL);
}
print(URL.parse("http://h.test/") !== URL.parse("http://h.test/"));
print(typeof URL.canParse, typeof URL.parse);

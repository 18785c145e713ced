// URL parsing and every getter, for absolute and relative inputs and several kinds of scheme.
const fields = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];
const dump = (url) => print(JSON.stringify(Object.fromEntries(fields.map((f) => [f, url[f]]))));

dump(new URL("https://user:pa ss@EXAMPLE.com:8080/a/../b/./c%20d?q=1&r=ü#frag ment"));
dump(new URL("HTTP://example.com:80/"));
dump(new URL("../x/y?z#w", "http://h.test/a/b/c"));
dump(new URL("//other.test/p", "https://h.test/a"));
dump(new URL("?only", "http://h.test/path?old#f"));
dump(new URL("#hash", "http://h.test/path?q"));
dump(new URL("file:///C:/dir/../file.txt"));
dump(new URL("mailto:someone@example.com"));
dump(new URL("data:text/plain,hello world"));
dump(new URL("blob:https://h.test:4443/uuid"));
dump(new URL("http://[::1]:3000/"));
dump(new URL("http://192.168.0.1.:99/"));
dump(new URL("http://0x7f.1/"));
dump(new URL("https://münchen.example/straße"));
dump(new URL("  http://trim.test/\t\nx  "));
dump(new URL("custom-scheme://host/path"));
dump(new URL("http://h.test", new URL("https://base.test/")));

const u = new URL("https://h.test/p?q#f");
print(String(u), u.toString(), u.toJSON(), JSON.stringify({ u }), `${u}`);
print(Object.prototype.toString.call(u), u instanceof URL, typeof URL);

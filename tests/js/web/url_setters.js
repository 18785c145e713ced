// URL setters: valid values change the URL, invalid ones are ignored; only href throws.
const u = new URL("https://user:pw@h.test:8443/a/b?q=1#f");
const set = (field, value) => {
  try {
    u[field] = value;
    print(field, JSON.stringify(value), "->", u.href);
  } catch (e) {
    print(field, JSON.stringify(value), "throws", e.name, e.message, "->", u.href);
  }
};
set("protocol", "http");
set("protocol", "ftp:");
set("protocol", "mailto");
set("protocol", "1bad");
set("username", "new user");
set("password", "p@ss");
set("password", "");
set("username", "");
set("host", "other.test:81");
set("host", "");
set("hostname", "third.test");
set("hostname", "bad host");
set("port", "8080");
set("port", "21");
set("port", "99999");
set("port", "12abc");
set("port", "");
set("pathname", "/x y/ü");
set("pathname", "no-slash");
set("search", "a=1&b=2");
set("search", "?c");
set("search", "");
set("hash", "top");
set("hash", "#two");
set("hash", "");
set("href", "http://fresh.test/");
set("href", "not a url");
set("href", "/relative");

const m = new URL("mailto:a@b.test");
m.host = "ignored.test";
m.pathname = "ignored";
print(m.href);

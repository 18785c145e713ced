// atob/btoa: standard base64 with padding out, forgiving-base64 in.
for (const s of ["", "f", "fo", "foo", "foob", "fooba", "foobar", "\x00\xff\x80", "\xe9t\xe9", 12, null, undefined]) {
  const encoded = btoa(s);
  print(JSON.stringify(s), encoded, atob(encoded) === String(s));
}
for (const s of ["Zm9v", "Zm8", "Zm8=", "Zg", "Zg==", " Z m\t9\nv\f\r", "Zm9=", "Zh==", "Zm9vYmFy", "//79/A", "+/+/", "", "  ", "Zg= =", "Zm 8 ="]) {
  const bytes = Array.from(atob(s), (c) => c.charCodeAt(0));
  print(JSON.stringify(s), JSON.stringify(bytes));
}
print(atob.name, atob.length, btoa.name, btoa.length);

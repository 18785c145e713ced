// @exit 5
print("before");
quit(5);
print("after: must not print");

// group, groupCollapsed and groupEnd indent output by two spaces per level.
console.log("level 0");
console.group("Group A");
console.log("level 1");
console.log({ multi: "x".repeat(40), line: "y".repeat(40) });
console.group();
console.info("level 2");
console.error("error at level 2");
console.groupEnd();
console.groupCollapsed("Collapsed", 1);
console.log("inside collapsed\nsecond line");
console.groupEnd();
console.groupEnd();
console.groupEnd();
console.log("back to 0");

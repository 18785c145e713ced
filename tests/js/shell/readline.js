// @stdin first line\nsecond\r\n\nlast without newline
// readline() returns each stdin line without its line ending, then null at the end.
let line;
while ((line = readline()) !== null) print(JSON.stringify(line));
print(readline());

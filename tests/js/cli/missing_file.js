// @argv $DIR/no-such-file.js
// @exit 2
// A missing script is a one-line error with exit code 2.

// @argv --no-such-flag $FILE
// @exit 2

// @argv
// @stdin print("before")\nquit(7)\nprint("must not run")\n
// @exit 7

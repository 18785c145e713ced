// @argv
// @stdin setInterval(() => {}, 5)\nquit(4)\nprint("must not run")\n
// @exit 4
// In the REPL, quit is the user leaving: it cancels intervals, which would otherwise keep the
// process running.

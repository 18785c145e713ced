// @argv $DIR/../../../examples/records/records.mjs
// @exit 2
// The C example (examples/records): 500 records fetched through a Suspending import, each after
// a timer; C stack, locals and heap checked after all of them; records the JS store rejects or
// that do not fit reach C as negative statuses and are reported on stderr (exit status 2).

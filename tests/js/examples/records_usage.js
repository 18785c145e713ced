// @argv $DIR/../../../examples/records/records.mjs not-a-number
// @exit 64
// C reads its argv through WASI args_get; a bad COUNT makes main return 64, which reaches the glue
// as proc_exit(64) thrown through the promising call, and becomes the process's exit status.

// @argv $DIR/../../../examples/records/records.mjs 300 --crash-at=217
// @exit 70
// A JS error the glue does not translate (the store crashes at record 217) unwinds the suspended
// C frames and rejects the promising call with the very same Error object; nothing after it runs.

// @args clock
// clock_time_get takes an i64 (a BigInt in JS) and stores its 64-bit result through a
// BigInt64Array view: the realtime clock comes from Date.now(), the monotonic one from
// performance.now(), which advances across a 20 ms emscripten_sleep.
load("glue.js");

#!/usr/bin/env bash
# Builds records.wasm (ignored by git) from records.c with Debian's clang 19 and wasi-libc,
# installing that toolchain first when it is missing (scripts/setup wasm_c).
#
#   bash examples/records/build.sh && baton examples/records/records.mjs
#
# The target is `wasm32-wasi`: Debian's wasi-libc package installs its headers and libraries
# under that triple (/usr/include/wasm32-wasi, /usr/lib/wasm32-wasi), so `wasm32-wasip1`, the
# name newer toolchains prefer for the same ABI, finds no libc here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../../scripts/setup" wasm_c

# -O2 keeps the test quick and the code realistic; the name section stays, so a trap names the
# C function it happened in. fetch_record and fetch_error become Wasm imports through their
# import_module/import_name attributes.
clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
    -o "$here/records.wasm" "$here/records.c"

// The part of testharness.js (and of V8's mjsunit) that the proposal's JSPI tests use, for a
// shell: tests are collected, then run one after another (see run.js), each printing PASS or FAIL.
// assert_throws takes V8's (ErrorType, fn, /message/) form; a message that differs from V8's is
// reported but does not fail the test.
var harness = { tests: [] };
function AssertionError(message) { this.message = message; }
function assert_equals(actual, expected, what) {
  if (!Object.is(actual, expected)) throw new AssertionError(`assert_equals: ${String(actual)} vs ${String(expected)} ${what ?? ""}`);
}
function assert_true(actual, what) { assert_equals(actual, true, what); }
function assert_false(actual, what) { assert_equals(actual, false, what); }
function assert_unreached(what) { throw new AssertionError(`reached unreachable code ${what ?? ""}`); }
function assert_throws(ErrorType, f, message) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ErrorType)) throw new AssertionError(`threw ${e}, expected a ${ErrorType.name}`);
    if (message instanceof RegExp && !message.test(e.message)) {
      print(`  note: message ${JSON.stringify(e.message)} does not match V8's ${message}`);
    }
    return;
  }
  throw new AssertionError(`did not throw a ${ErrorType.name}`);
}
var assert_throws_js = assert_throws;
// Rejects like `expected`: an error of the same class.
function promise_rejects(t, expected, promise) {
  return promise.then(
    () => { throw new AssertionError("did not reject"); },
    (e) => {
      if (e === null || typeof e !== "object" || e.constructor !== expected.constructor) {
        throw new AssertionError(`rejected with ${e}, expected a ${expected.constructor.name}`);
      }
    });
}
function test(f, name) { harness.tests.push({ f, name: name ?? `test ${harness.tests.length + 1}` }); }
function promise_test(f, name) { test(f, name); }
// wasm-module-builder.js checks its own arguments with mjsunit's assertEquals.
function assertEquals(expected, actual) { assert_equals(actual, expected); }

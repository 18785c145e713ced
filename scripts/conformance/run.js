// Runs the tests harness.js collected, in order, awaiting each; prints a total.
(async () => {
  let passed = 0, failed = 0;
  for (const { f, name } of harness.tests) {
    const t = { step_func: (g) => g, unreached_func: (what) => () => assert_unreached(what) };
    try {
      await f(t);
      passed++;
      print(`PASS ${name}`);
    } catch (e) {
      failed++;
      print(`FAIL ${name}: ${e?.message ?? e}`);
    }
  }
  print(`${passed} passed, ${failed} failed`);
  if (failed > 0) quit(1);
})();

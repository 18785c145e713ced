// @argv --jspi-resident-stacks 4 $FILE
// Many promising calls under a random (seeded, so repeatable) schedule: calls start while others
// are suspended, their waits settle in any order, fulfilled, rejected or with a value that makes
// the call trap, some from a later task and some at once; some waits start a promising call of
// their own and return its promise (the "sandwich"); recursions up to 500 frames deep hold
// locals across every suspension, and with at most 4 stacks resident most suspended calls are
// parked and restored in between (about 1,100 times; round 2 stops parking at its first rejection,
// with about 90 stacks parked). Each call's result is checked against what the waits
// it saw imply.
//
// When a call started inside a wait traps, the wait that returned its promise rejects with the
// RuntimeError, which the outer call catches like any other JS exception (the JS API converts a
// trap into an exception once, where it reaches JS, and never back). Node 26 instead keeps such
// an error uncatchable by Wasm, so the outer call traps too. Round 1 avoids that case, and node
// runs it event for event as baton does, with the same output; round 2 parts ways at the first.
let seed = 20261122;
function random() { // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(random() * n);

// With a stack limit (the script's argument, see random_capacity.mjs), a call that finds no
// stack is refused (a RangeError) before it runs. Stacks: made, lost to calls that trapped (see
// trapped_stacks.js), running a call; a call's stack is free again once it called `done`.
const maxStacks = Number(globalThis.scriptArgs?.[0] ?? Infinity);
const stacks = { made: 0, lost: 0, running: 0 };
const calls = []; // { depth, steps, seen: [{ value } | { rejected } | { inner }], refused, promise }
const pending = []; // waits not settled yet: { call, step, resolve, reject }
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(read("random_schedule.wasm", "binary")), {
  js: {
    wait: new WebAssembly.Suspending((id, step) => {
      if (random() < 0.1) {
        const inner = start(true);
        calls[id].seen[step] = { inner };
        return calls[inner].promise;
      }
      return new Promise((resolve, reject) => pending.push({ call: id, step, resolve, reject }));
    }),
    done: () => { stacks.running--; },
    dying: () => { stacks.running--; stacks.lost++; },
  },
});
const task = WebAssembly.promising(exports.task);

function start(inner = false) {
  const id = calls.length;
  const depth = random() < 0.1 ? 100 + pick(400) : pick(20);
  const call = { depth, steps: pick(6), seen: [], inner, refused: false };
  calls.push(call);
  if (stacks.made - stacks.lost > stacks.running) stacks.running++;
  else if (stacks.made < maxStacks) { stacks.made++; stacks.running++; }
  else call.refused = true;
  call.promise = task(id, depth, call.steps);
  call.outcome = call.promise.then((value) => ({ value }), (error) => ({ error }));
  return id;
}

function settle(rejections) {
  const wait = pending.splice(pick(pending.length), 1)[0];
  // A trapping call started inside a wait makes that wait reject, like a rejection.
  const maySpoil = rejections || !calls[wait.call].inner;
  const r = random();
  if (r < 0.06 && rejections) {
    calls[wait.call].seen[wait.step] = { rejected: true };
    wait.reject(new Error("declined"));
  } else if (r < 0.09 && maySpoil) {
    calls[wait.call].seen[wait.step] = { value: -1 };
    wait.resolve(-1);
  } else {
    const value = pick(1000);
    calls[wait.call].seen[wait.step] = { value };
    wait.resolve(value);
  }
}

// What a call must return: the checksum the Wasm code folds its waits into, plus one per frame;
// undefined if it must trap.
function expected(id) {
  const call = calls[id];
  let acc = 0;
  for (let step = 0; step < call.steps; step++) {
    const seen = call.seen[step];
    if (seen === undefined) return NaN; // the call never got this far: wrong, whatever it did
    let v;
    if (seen.rejected) v = 1000000;
    else if ("inner" in seen) v = (calls[seen.inner].refused ? undefined : expected(seen.inner)) ?? 1000000;
    else if (seen.value < 0) return undefined;
    else v = seen.value;
    acc = (acc * 31 + v) % 1000003;
  }
  return acc + call.depth + 1;
}

// Runs n calls (and those they start) to the end; `rejections`: whether a wait may reject.
async function round(n, rejections) {
  const first = calls.length;
  let started = 0, settled = 0;
  while (started < n || pending.length > 0) {
    if (started < n && (pending.length === 0 || random() < 0.3)) {
      start();
      started++;
    } else if (pending.length > 0) {
      settle(rejections);
      settled++;
    }
    const r = random();
    if (r < 0.2) await new Promise((resolve) => setTimeout(resolve, 0));
    else if (r < 0.5) for (let i = pick(4); i > 0; i--) await null;
    // Let queued resumptions run (they may wait again) before deciding the round is over.
    if (started === n && pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const outcomes = await Promise.all(calls.slice(first).map((call) => call.outcome));
  let fulfilled = 0, trapped = 0, refused = 0, wrong = 0, waits = 0;
  outcomes.forEach((outcome, i) => {
    const id = first + i, call = calls[id];
    waits += call.seen.length;
    if ("value" in outcome) fulfilled++;
    else if (outcome.error instanceof WebAssembly.RuntimeError) trapped++;
    else if (outcome.error instanceof RangeError) refused++;
    const want = call.refused ? "a RangeError" : expected(id);
    const ok = call.refused ? outcome.error instanceof RangeError && call.seen.length === 0
      : want === undefined ? outcome.error instanceof WebAssembly.RuntimeError : outcome.value === want;
    if (!ok && wrong++ < 5) print(`call ${id} (depth ${calls[id].depth}): expected ${want ?? "a trap"}, got`, outcome.value ?? outcome.error);
  });
  print(`${outcomes.length} calls (${outcomes.length - n} started inside a wait), ${settled} waits settled from JS, ${waits} in all`);
  print(`${fulfilled} fulfilled, ${trapped} trapped, ${refused} refused for want of a stack, ${wrong} wrong`);
  return waits;
}

// First no wait rejects: no JS value is thrown into Wasm, so parking goes on all along (a value
// thrown into Wasm stops it for good, see parking_stops.js); then waits reject too.
print("round 1, no rejections");
let waits = await round(300, false);
print("round 2, with rejections");
waits += await round(300, true);
print("every wait came back into Wasm once:", exports.resumed() === waits);

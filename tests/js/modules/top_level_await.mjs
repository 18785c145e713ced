// Top-level await suspends the module; timers and microtasks run meanwhile.
setTimeout(() => print("timer fired during the await"), 5);
const value = await new Promise(resolve => setTimeout(() => resolve(42), 20));
print("resumed with", value);

// A timer never fires before its delay.
const start = Date.now();
setTimeout(() => {
  const elapsed = Date.now() - start;
  print("waited at least 50ms:", elapsed >= 50);
}, 50);

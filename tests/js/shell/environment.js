// Emscripten decides its environment from these: baton must look like a d8-style shell.
print(typeof window, typeof WorkerGlobalScope, typeof process, typeof importScripts);
print(typeof print, typeof printErr, typeof read, typeof readbuffer, typeof readline, typeof load, typeof quit);
print(typeof setTimeout, typeof clearTimeout, typeof setInterval, typeof clearInterval, typeof queueMicrotask);
print(typeof performance.now(), performance.now() >= 0, performance.timeOrigin > 1.7e12);
const t0 = performance.now();
const until = Date.now() + 20;
while (Date.now() < until);
print(performance.now() - t0 >= 19);
print(Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 50);

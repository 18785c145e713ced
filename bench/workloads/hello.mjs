// Start-up: the whole process, measured by the runner.
console.log("hello");

// Waits until its stdin closes (tests/bench/measure.test.ts: a process that lives as long as the test needs).
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));

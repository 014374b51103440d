// A fixed amount of computing (not of time), for tests that count a process's CPU time.
let x = 0;
for (let i = 0; i < 3e8; i++) x = (x + i) % 1000003;
console.log(x);

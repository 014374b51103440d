// A child process started by runProcess (run-process.ts): register the tsx loader, then run the
// TypeScript module named on the command line; it reads its input from the first IPC message.
import { register } from "tsx/esm/api";

register();
await import(process.argv[2]);

import { expect, it } from "vitest";
import { probeMachineSpeed } from "../../src/bench/machine-speed.ts";

it("the machine speed probe does its whole fixed work in a child process and returns how long it took", () => {
  // probeMachineSpeed throws when the child's checksum is not PROBE_CHECK (the work was not all done).
  const ms = probeMachineSpeed();
  expect(Number.isInteger(ms)).toBe(true);
  expect(ms).toBeGreaterThan(0);
});

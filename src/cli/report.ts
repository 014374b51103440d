import { formatProblem, type Problem } from "../article/model.ts";

/** Print every problem, errors first, each as `file:line: field: message`; return the error count. */
export function reportProblems(problems: readonly Problem[]): number {
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  for (const p of errors) console.error(`error: ${formatProblem(p)}`);
  for (const p of warnings) console.error(`warning: ${formatProblem(p)}`);
  return errors.length;
}

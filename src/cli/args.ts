import { parseArgs, type ParseArgsConfig } from "node:util";

/** parseArgs with a clear message and exit status 2 on a bad command line, instead of a stack trace. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig["options"]>>(options: T, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ options, allowPositionals, strict: true });
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}

// How the CLI talks to the terminal: one red line for errors (no stack), exit codes 0/1/2.
import { ConfigError } from '../ingest/recipe/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILURES = 1;
export const EXIT_USAGE = 2;

const useColor = process.stderr.isTTY && !process.env.NO_COLOR;
export const red = (s: string) => (useColor ? `\x1b[31m${s}\x1b[0m` : s);
export const green = (s: string) => (useColor ? `\x1b[32m${s}\x1b[0m` : s);
export const yellow = (s: string) => (useColor ? `\x1b[33m${s}\x1b[0m` : s);

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Prints an error the way a user wants to read it and returns the exit code. */
export function reportError(e: unknown): number {
  if (e instanceof ConfigError) {
    for (const line of e.message.split('\n')) process.stderr.write(`${red('error')} ${line}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`${red('error')} ${e.message}\n`);
    return EXIT_USAGE;
  }
  const err = e as Error;
  process.stderr.write(`${red('error')} ${err.message ?? String(e)}\n`);
  if (process.env.CATALOG_DEBUG) process.stderr.write(`${err.stack}\n`);
  return EXIT_FAILURES;
}

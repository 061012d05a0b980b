// Turns zod issues into one readable line each: `schemaMetadata.fields[2].type: expected ...`.
import type { z } from 'zod';

const MAX_ERRORS = 20;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function formatMessage(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid (input|option): /, '');
  const missing = /^expected (\S+), received undefined$/.exec(message);
  if (missing) return `required ${missing[1]} is missing`;
  return message;
}

/** One line per issue, at most MAX_ERRORS (then a count of the rest). */
export function formatIssues(root: string, issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, MAX_ERRORS).map((issue) => `${formatPath(root, issue.path)}: ${formatMessage(issue)}`);
  if (issues.length > MAX_ERRORS) lines.push(`${root}: ... and ${issues.length - MAX_ERRORS} more errors`);
  return lines;
}

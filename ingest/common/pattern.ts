// Regex patterns matched the way DataHub matches them, so existing recipes behave the same:
// Python's `re.match` is anchored at the start of the string but not at the end.
import { z } from 'zod';

/** Translates the Python-only regex syntax that recipes use into JavaScript's. */
export function pythonRegex(pattern: string, flags = ''): RegExp {
  const js = pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  return new RegExp(`^(?:${js})`, flags);
}

/** Python `re.match(pattern, text)`: does the pattern match at the start of the text? */
export function reMatch(pattern: string | RegExp, text: string, ignoreCase = false): boolean {
  const re = typeof pattern === 'string' ? pythonRegex(pattern, ignoreCase ? 'i' : '') : pattern;
  return re.test(text);
}

export const allowDenyPatternSchema = z
  .strictObject({
    allow: z.array(z.string()).default(['.*']).describe('Regexes to include (matched from the start of the name)'),
    deny: z.array(z.string()).default([]).describe('Regexes to exclude; deny wins over allow'),
    ignoreCase: z.boolean().default(true).describe('Match without regard to case'),
  })
  .describe('Allow/deny regex pattern, as DataHub AllowDenyPattern');

export type AllowDenyPatternConfig = z.infer<typeof allowDenyPatternSchema>;

export class AllowDenyPattern {
  private readonly allow: RegExp[];
  private readonly deny: RegExp[];
  constructor(config: Partial<AllowDenyPatternConfig> = {}) {
    const flags = config.ignoreCase === false ? '' : 'i';
    this.allow = (config.allow ?? ['.*']).map((p) => pythonRegex(p, flags));
    this.deny = (config.deny ?? []).map((p) => pythonRegex(p, flags));
  }
  static allowAll(): AllowDenyPattern {
    return new AllowDenyPattern();
  }
  allowed(name: string): boolean {
    if (this.deny.some((re) => re.test(name))) return false;
    return this.allow.some((re) => re.test(name));
  }
}

/** DataHub's KeyValuePattern: `{rules: {regex: [values]}, first_match_only}`. */
export const keyValuePatternSchema = z.strictObject({
  rules: z.record(z.string(), z.array(z.string())).default({}).describe('Map of regex to the values it adds'),
  first_match_only: z.boolean().default(true).describe('Use only the first rule whose regex matches'),
});

export type KeyValuePatternConfig = z.infer<typeof keyValuePatternSchema>;

export class KeyValuePattern {
  private readonly rules: Array<[RegExp, string[]]>;
  constructor(private readonly config: KeyValuePatternConfig) {
    this.rules = Object.entries(config.rules).map(([re, values]) => [pythonRegex(re), values]);
  }
  /** The values of every matching rule (only the first one with `first_match_only`). */
  valuesFor(text: string): string[] {
    const out: string[] = [];
    for (const [re, values] of this.rules) {
      if (re.test(text)) {
        out.push(...values);
        if (this.config.first_match_only) break;
      }
    }
    return out;
  }
}

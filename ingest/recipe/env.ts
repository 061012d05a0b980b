// Environment-variable expansion in recipe strings, with DataHub's rules (EnvResolver, bash
// semantics via `expandvars`, nounset):
// - a string containing `${...}` is expanded in full: `${VAR}`, `$VAR`, `${VAR:-d}`, `${VAR-d}`,
//   `${VAR:=d}`, `${VAR:?msg}`, `${VAR:+alt}`; an unset variable without a default is an error;
// - otherwise a string that starts with `$` is expanded, and an unset variable leaves it as written
//   (DataHub keeps it literally, so passwords that start with `$` survive);
// - any other string is left alone.

export class MissingEnvVarError extends Error {
  override name = 'MissingEnvVarError';
  constructor(readonly variable: string, message?: string) {
    super(message ?? `environment variable ${variable} is not set`);
  }
}

export type Env = Record<string, string | undefined>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function expandBraced(expr: string, env: Env): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-=?+])([\s\S]*))?$/.exec(expr);
  if (!m) throw new MissingEnvVarError(expr, `bad substitution "\${${expr}}"`);
  const [, name, colon, op, word = ''] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
  const value = env[name];
  const unset = value === undefined || (colon === ':' && value === '');
  switch (op) {
    case undefined:
      if (value === undefined) throw new MissingEnvVarError(name);
      return value;
    case '-':
      return unset ? expandString(word, env, true) : (value as string);
    case '=':
      if (unset) {
        const d = expandString(word, env, true);
        env[name] = d;
        return d;
      }
      return value as string;
    case '?':
      if (unset) throw new MissingEnvVarError(name, word ? `environment variable ${name}: ${word}` : undefined);
      return value as string;
    case '+':
      return unset ? '' : expandString(word, env, true);
    default:
      throw new MissingEnvVarError(name, `bad substitution "\${${expr}}"`);
  }
}

/** Finds the `}` closing a `${` that starts at `open`, allowing nested `${...}` in defaults. */
function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function expandString(s: string, env: Env, strict: boolean): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (s[i + 1] === '{') {
      const end = closingBrace(s, i);
      if (end < 0) throw new MissingEnvVarError(s.slice(i), `unclosed "\${" in "${s}"`);
      out += expandBraced(s.slice(i + 2, end), env);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(s.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    const name = m[0];
    const value = env[name];
    if (value === undefined) {
      if (strict) throw new MissingEnvVarError(name);
      out += `$${name}`;
    } else out += value;
    i += 1 + name.length;
  }
  return out;
}

/** Expands one recipe string value. Returns the input unchanged when it has nothing to expand. */
export function expandEnv(value: string, env: Env = process.env): string {
  if (/\$\{.+\}/s.test(value)) return expandString(value, env, true);
  if (value.startsWith('$')) return expandString(value, env, false);
  return value;
}

/** True when the string's value came (wholly or partly) from the environment. */
export function usesEnv(value: string): boolean {
  return /\$\{.+\}/s.test(value) || value.startsWith('$');
}

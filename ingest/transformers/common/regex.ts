// Python `re.search` and `re.sub` for the regexes recipes carry (`(?P<name>...)` groups, `\1`
// back-references in replacements), so configs written for DataHub behave the same.

function jsSource(pattern: string): string {
  return pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

/** Compiles a Python regex without anchoring it; throws a readable error when it is invalid. */
export function pythonPattern(pattern: string, flags = ''): RegExp {
  try {
    return new RegExp(jsSource(pattern), flags);
  } catch (e) {
    throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}

/** Python `re.search`: the first match anywhere in the text. */
export function reSearch(pattern: string | RegExp, text: string): RegExpExecArray | null {
  const re = typeof pattern === 'string' ? pythonPattern(pattern) : new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return re.exec(text);
}

/** Python replacement syntax (`\1`, `\g<1>`, `\g<name>`) in JavaScript's (`$1`, `$<name>`). */
function jsReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '$') {
      out += '$$';
    } else if (c === '\\' && i + 1 < replacement.length) {
      const rest = replacement.slice(i + 1);
      const digits = /^\d{1,2}/.exec(rest);
      const named = /^g<(\w+)>/.exec(rest);
      if (digits) {
        out += `$${digits[0]}`;
        i += digits[0].length;
      } else if (named) {
        out += /^\d+$/.test(named[1]!) ? `$${named[1]}` : `$<${named[1]}>`;
        i += named[0].length;
      } else if (rest[0] === '\\') {
        out += '\\';
        i += 1;
      } else {
        out += c;
      }
    } else {
      out += c;
    }
  }
  return out;
}

/** Python `re.sub(pattern, replacement, text)`: every non-overlapping match replaced. */
export function reSub(pattern: string, replacement: string, text: string): string {
  return text.replace(pythonPattern(pattern, 'g'), jsReplacement(replacement));
}

// A recipe as loaded from YAML (or JSON, which is YAML), keeping the source positions so every
// error can name `file:line:col`, with environment variables expanded in string values.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { expandEnv, MissingEnvVarError, usesEnv, type Env } from './env.js';
import { ConfigError, formatPath, type ConfigProblem } from './errors.js';

/** The recipe key path of a node, from the ancestors the YAML visitor hands over. */
function keyPath(ancestors: readonly unknown[], node: unknown): PropertyKey[] {
  const out: PropertyKey[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const a = chain[i];
    const child = chain[i + 1];
    if (isPair(a)) out.push(String(isScalar(a.key) ? a.key.value : a.key));
    else if (isSeq(a)) out.push(a.items.indexOf(child as never));
  }
  return out;
}

/** Variables whose values are masked in logs and reports, whatever key they are used under. */
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|API_KEY|ACCESS_KEY|PRIVATE_KEY/i;

export class RecipeDocument {
  private constructor(
    /** Name shown in errors (the path as the user gave it). */
    readonly file: string,
    readonly baseDir: string,
    private readonly doc: Document | null,
    private readonly lines: LineCounter | null,
    /** The recipe with variables expanded. */
    readonly value: unknown,
    /** Values of secret-looking environment variables used by the recipe (masked in logs). */
    readonly envValues: string[],
  ) {}

  static fromFile(file: string, env: Env = process.env): RecipeDocument {
    let text: string;
    try {
      text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError([{ location: null, path: '', message: `cannot read recipe ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
    }
    const baseDir = file === '-' ? process.cwd() : path.dirname(path.resolve(file));
    return RecipeDocument.fromText(text, file === '-' ? '<stdin>' : file, baseDir, env);
  }

  static fromText(text: string, file = 'recipe.yml', baseDir = process.cwd(), env: Env = process.env): RecipeDocument {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new ConfigError(
        doc.errors.map((e) => {
          const pos = e.linePos?.[0];
          return {
            location: pos ? `${file}:${pos.line}:${pos.col}` : file,
            path: '',
            message: `YAML syntax error: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
          };
        }),
      );
    }
    const envValues: string[] = [];
    const problems: ConfigProblem[] = [];
    const envCopy: Env = { ...env };
    visit(doc, {
      Scalar(_key, node, pathNodes) {
        if (typeof node.value !== 'string' || !usesEnv(node.value)) return;
        // keys are not expanded (DataHub expands values only)
        const parent = pathNodes[pathNodes.length - 1];
        if (parent && 'key' in (parent as object) && (parent as { key: unknown }).key === node) return;
        try {
          for (const m of node.value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
            const name = m[1]!;
            if (SECRET_NAME.test(name) && envCopy[name]) envValues.push(envCopy[name]!);
          }
          node.value = expandEnv(node.value, envCopy);
        } catch (e) {
          if (!(e instanceof MissingEnvVarError)) throw e;
          const pos = node.range ? lines.linePos(node.range[0]) : null;
          problems.push({
            location: pos ? `${file}:${pos.line}:${pos.col}` : file,
            path: formatPath(keyPath(pathNodes, node)),
            message: `${e.message}; set it in the environment or give a default with \${${e.variable}:-default}`,
          });
        }
      },
    });
    if (problems.length > 0) throw new ConfigError(problems);
    return new RecipeDocument(file, baseDir, doc, lines, doc.toJS({ maxAliasCount: 100 }), envValues);
  }

  /** A recipe given as an object (programmatic API): no positions. */
  static fromObject(value: unknown, baseDir = process.cwd(), name = '<recipe>'): RecipeDocument {
    return new RecipeDocument(name, baseDir, null, null, value, []);
  }

  /** `file:line:col` of the value at a path, or of the key itself when `key` is true. */
  locate(pathSegs: ReadonlyArray<PropertyKey>, key = false): string {
    if (!this.doc || !this.lines) return this.file;
    let node: unknown = this.doc.contents;
    let keyNode: Node | null = null;
    for (const seg of pathSegs) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        keyNode = null;
      } else break;
    }
    const target = (key && keyNode ? keyNode : node) as Node | null;
    const offset = target?.range?.[0];
    if (offset === undefined) return this.file;
    const pos = this.lines.linePos(offset);
    return `${this.file}:${pos.line}:${pos.col}`;
  }
}

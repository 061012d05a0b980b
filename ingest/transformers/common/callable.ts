// Callables in configs (DataHub's `get_tags_to_add: "my_module.my_fn"`) are JavaScript modules here:
// `./my-module.js#functionName`, a path relative to the recipe's directory (or a package name),
// then `#` and the export to use.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

export const callableSpecSchema = (what: string) =>
  z
    .string()
    .regex(/^[^#]+#[A-Za-z_$][\w$]*$/, 'expected "<module path>#<export name>", e.g. "./my-transforms.js#getTags"')
    .describe(`${what}: "<module path>#<export name>", the module path relative to the recipe file`);

export async function loadExport(spec: string, baseDir: string, type: string): Promise<unknown> {
  const hash = spec.lastIndexOf('#');
  const modulePath = spec.slice(0, hash);
  const name = spec.slice(hash + 1);
  const local = modulePath.startsWith('.') || isAbsolute(modulePath);
  const specifier = local ? pathToFileURL(resolve(baseDir, modulePath)).href : modulePath;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`transformer ${type}: cannot load module ${JSON.stringify(modulePath)} (from ${baseDir}): ${(e as Error).message}`);
  }
  if (!(name in mod)) {
    const names = Object.keys(mod).join(', ') || '(none)';
    throw new Error(`transformer ${type}: module ${JSON.stringify(modulePath)} has no export "${name}"; it exports: ${names}`);
  }
  return mod[name];
}

/** Loads `module#fn` as a function of the entity urn (sync or async). */
export async function loadCallable<R>(spec: string, baseDir: string, type: string): Promise<(urn: string) => Promise<R>> {
  const fn = await loadExport(spec, baseDir, type);
  if (typeof fn !== 'function') throw new Error(`transformer ${type}: export ${JSON.stringify(spec)} is not a function`);
  return async (urn: string) => (await (fn as (u: string) => R | Promise<R>)(urn)) as R;
}

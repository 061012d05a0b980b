// Finds Hudi tables under a root: every folder holding a `.hoodie/` folder. A table's own
// folders (partitions, `.hoodie/metadata`, itself a Hudi table) are not searched; hidden
// folders are skipped.
import type { HudiStorage } from './storage.js';

export async function discoverTables(storage: HudiStorage, root: string, maxDepth: number): Promise<string[]> {
  const found: string[] = [];
  let level = [root];
  for (let depth = 0; depth <= maxDepth && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = await storage.list(dir);
      if (entries.some((e) => e.isDirectory && e.name === '.hoodie')) {
        found.push(dir);
        continue;
      }
      for (const e of entries) if (e.isDirectory && !e.name.startsWith('.')) next.push(storage.join(dir, e.name));
    }
    level = next.sort();
  }
  return found.sort();
}

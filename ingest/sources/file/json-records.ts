// Reads the records of a JSON file one at a time: a JSON array (DataHub's file sink format), JSON
// Lines, or a single object. STREAM mode scans the text chunk by chunk and parses one element at a
// time, so memory holds one record, not the file, and a malformed element costs only itself.
// BATCH mode parses the whole file at once (faster for small files) and falls back to STREAM
// when the file is not one valid JSON document.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

export type ReadMode = 'STREAM' | 'BATCH';

export type JsonRecord = { index: number; value: unknown } | { index: number; error: string };

/** Raw text of each top-level element, in order; `truncated` reports an array never closed. */
async function* scanElements(file: string, onTruncated: () => void): AsyncGenerator<string> {
  let mode: 'unknown' | 'array' | 'sequence' | 'closed' = 'unknown';
  let depth = 0; // nesting inside the current element
  let inString = false;
  let escape = false;
  let parts: string[] = [];
  let inElement = false;

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = inElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escape) escape = false;
        else if (c === '\\') escape = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (mode === 'unknown') {
        if (/\s/.test(c)) continue;
        if (c === '[') {
          mode = 'array';
          continue;
        }
        mode = 'sequence';
      }
      if (!inElement) {
        if (/\s/.test(c) || (mode === 'array' && c === ',')) continue;
        if (mode === 'array' && c === ']') {
          mode = 'closed';
          continue;
        }
        if (mode === 'closed') continue; // trailing text after the array is ignored
        inElement = true;
        start = i;
      }
      const endsHere = depth === 0 && mode === 'array' && (c === ',' || c === ']');
      if (endsHere) {
        parts.push(chunk.slice(start, i));
        yield parts.join('').trim();
        parts = [];
        inElement = false;
        start = -1;
        if (c === ']') mode = 'closed';
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && mode === 'sequence') {
          parts.push(chunk.slice(start, i + 1));
          yield parts.join('').trim();
          parts = [];
          inElement = false;
          start = -1;
        }
      } else if (depth === 0 && mode === 'sequence' && c === '\n') {
        // a scalar on its own line in JSON Lines
        parts.push(chunk.slice(start, i));
        yield parts.join('').trim();
        parts = [];
        inElement = false;
        start = -1;
      }
    }
    if (inElement && start >= 0) parts.push(chunk.slice(start));
  }
  const rest = parts.join('').trim();
  if (rest) yield rest;
  if (mode === 'array') onTruncated();
}

function parse(text: string, index: number): JsonRecord {
  try {
    return { index, value: JSON.parse(text) };
  } catch (e) {
    return { index, error: `not valid JSON: ${(e as Error).message}` };
  }
}

export async function* readJsonRecords(file: string, mode: ReadMode, onTruncated: () => void): AsyncGenerator<JsonRecord> {
  if (mode === 'BATCH') {
    let whole: unknown;
    let parsed = false;
    try {
      whole = JSON.parse(await readFile(file, 'utf8'));
      parsed = true;
    } catch {
      // not one JSON document (JSON Lines, or a malformed element): read it record by record
    }
    if (parsed) {
      const items = Array.isArray(whole) ? whole : [whole];
      for (const [index, value] of items.entries()) yield { index, value };
      return;
    }
  }
  let index = 0;
  for await (const text of scanElements(file, onTruncated)) yield parse(text, index++);
}

/** Number of top-level records, without parsing them. */
export async function countJsonRecords(file: string): Promise<number> {
  let n = 0;
  for await (const _ of scanElements(file, () => {})) n++;
  return n;
}

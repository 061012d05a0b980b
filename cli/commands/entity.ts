// `catalog get` and `catalog delete`: read and remove entities in a store opened by URL.
import { DEFAULT_STORE_URL } from '../../ingest/sinks/catalog/config.js';
import { parseUrn } from '../../model/urn.js';
import { openStore } from '../../server/store/open.js';
import type { MetadataStore } from '../../server/store/store.js';
import { EXIT_FAILURES, EXIT_OK, UsageError } from '../output.js';

function storeUrl(opt?: string): string {
  return opt ?? process.env.CATALOG_STORE ?? DEFAULT_STORE_URL;
}

function checkUrn(urn: string): void {
  try {
    parseUrn(urn);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Incoming relationships worth showing with an entity: who inherits, contains or relates to a term. */
const INCOMING: Record<string, Array<[name: string, aspect: string, field: string]>> = {
  glossaryTerm: [
    ['inheritedBy', 'glossaryRelatedTerms', 'isRelatedTerms'],
    ['containedBy', 'glossaryRelatedTerms', 'hasRelatedTerms'],
    ['relatedFrom', 'glossaryRelatedTerms', 'relatedTerms'],
  ],
  glossaryNode: [['children', 'glossaryTermInfo', 'parentNode'], ['childNodes', 'glossaryNodeInfo', 'parentNode']],
};

async function incomingRelationships(store: MetadataStore, urn: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, aspect, field] of INCOMING[parseUrn(urn).entityType] ?? []) {
    const isList = field !== 'parentNode';
    const urns = await store.findReferencing(aspect, { [field]: isList ? [urn] : urn });
    if (urns.length) out[name] = urns;
  }
  return out;
}

export async function getCommand(opts: { urn: string; aspect?: string[]; aspectVersion?: string; store?: string }): Promise<number> {
  checkUrn(opts.urn);
  const store = await openStore(storeUrl(opts.store));
  try {
    if (opts.aspect?.length) {
      const out: Record<string, unknown> = {};
      for (const a of opts.aspect) {
        const v = await store.getAspect(opts.urn, a, opts.aspectVersion ? Number(opts.aspectVersion) : 0);
        if (v) out[a] = v.value;
      }
      if (Object.keys(out).length === 0) {
        process.stderr.write(`no aspect ${opts.aspect.join(', ')} for ${opts.urn}\n`);
        return EXIT_FAILURES;
      }
      process.stdout.write(`${JSON.stringify({ urn: opts.urn, ...out }, null, 2)}\n`);
      return EXIT_OK;
    }
    const entity = await store.getEntity(opts.urn);
    if (!entity) {
      process.stderr.write(`entity not found: ${opts.urn}\n`);
      return EXIT_FAILURES;
    }
    const relationships = await incomingRelationships(store, opts.urn);
    const out = { urn: opts.urn, ...entity, ...(Object.keys(relationships).length ? { relationships } : {}) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

export async function deleteCommand(opts: { urn: string; hard?: boolean; store?: string }): Promise<number> {
  checkUrn(opts.urn);
  const store = await openStore(storeUrl(opts.store));
  try {
    if (opts.hard) {
      const n = await store.hardDelete(opts.urn);
      process.stdout.write(`hard-deleted ${opts.urn} (${n} rows removed)\n`);
    } else {
      await store.softDelete(opts.urn);
      process.stdout.write(`soft-deleted ${opts.urn} (status.removed = true)\n`);
    }
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

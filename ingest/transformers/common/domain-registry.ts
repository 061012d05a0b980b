// Domains may be given as urns, as ids that are UUIDs, or as names. A name is looked up in the
// catalog as `urn:li:domain:<name>` (an entity with domainProperties); anything else is an error.
import type { CatalogClient } from '../../api/catalog-client.js';
import { requireCatalog } from './semantics.js';
import type { RunContext } from '../../api/plugin.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function needsLookup(domain: string): boolean {
  return !domain.startsWith('urn:li:domain:') && !UUID.test(domain);
}

export class DomainRegistry {
  private readonly cache = new Map<string, string>();
  constructor(
    private readonly type: string,
    private readonly ctx: RunContext,
  ) {}

  async resolve(domain: string): Promise<string> {
    if (domain.startsWith('urn:li:domain:')) return domain;
    if (UUID.test(domain)) return `urn:li:domain:${domain}`;
    const cached = this.cache.get(domain);
    if (cached) return cached;
    const catalog: CatalogClient = requireCatalog(this.type, this.ctx, `domain "${domain}" is a name, resolved through the catalog`);
    const urn = `urn:li:domain:${domain}`;
    const props = await catalog.getAspect(urn, 'domainProperties');
    if (!props) {
      throw new Error(
        `transformer ${this.type}: domain "${domain}" not found: the catalog has no ${urn} with domainProperties; give the domain's urn instead`,
      );
    }
    this.cache.set(domain, urn);
    return urn;
  }

  resolveAll(domains: readonly string[]): Promise<string[]> {
    return Promise.all(domains.map((d) => this.resolve(d)));
  }
}

// The `datahub-business-glossary` source: term groups and terms from a YAML file, with
// DataHub's URNs, so a glossary loaded here and one loaded by DataHub name the same terms.
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { SourceReport } from '../../api/report.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { domainUrn } from '../../../model/urn.js';
import { businessGlossarySourceConfigSchema, type BusinessGlossarySourceConfig } from './config.js';
import { loadGlossary } from './glossary-file.js';
import { glossaryProposals } from './proposals.js';
import { assignUrns } from './urns.js';

export class BusinessGlossarySource implements Source {
  readonly report = new SourceReport();

  constructor(
    private readonly config: BusinessGlossarySourceConfig,
    private readonly ctx: RunContext,
    private readonly now: () => number = Date.now,
  ) {}

  async *workunits(): AsyncIterable<WorkUnit> {
    const { config, ctx, report } = this;
    let glossary;
    try {
      glossary = await loadGlossary(config.file, ctx.baseDir);
    } catch (e) {
      report.failure('Invalid business glossary file', (e as Error).message, config.file);
      throw e;
    }
    const urns = assignUrns(glossary, config.enable_auto_id);
    const proposals = glossaryProposals(glossary, {
      urns,
      enableAutoId: config.enable_auto_id,
      now: this.now,
      resolveDomain: async (domain, termUrn) => {
        const urn = domainUrn(domain);
        if (!domain.startsWith('urn:li:domain:') && ctx.catalog && !(await ctx.catalog.getAspect(urn, 'domainProperties'))) {
          report.warning('Domain not found in the catalog', `domain "${domain}" is referenced as ${urn}, which does not exist yet`, termUrn);
        }
        return urn;
      },
      onUnresolvedTerm: async (ref, relation, fromUrn, fallbackUrn) => {
        if (ctx.catalog && (await ctx.catalog.getAspect(fallbackUrn, 'glossaryTermInfo'))) return;
        report.warning(
          'Unresolved glossary term reference',
          `${relation} "${ref}" names no term in ${config.file}; it is kept as ${fallbackUrn}`,
          fromUrn,
        );
      },
    });
    for await (const mcp of proposals) yield workUnit(mcp);
  }
}

export const businessGlossarySource: SourcePlugin<BusinessGlossarySourceConfig> = {
  type: 'datahub-business-glossary',
  description: 'Business glossary term groups and terms from a YAML file (DataHub format, version "1")',
  platform: 'business-glossary',
  configSchema: businessGlossarySourceConfigSchema,
  create: (config, ctx) => new BusinessGlossarySource(config, ctx),
};

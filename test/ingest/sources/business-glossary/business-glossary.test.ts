import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CatalogClient } from '../../../../ingest/api/catalog-client.js';
import type { Source } from '../../../../ingest/api/plugin.js';
import { toFileRecord } from '../../../../ingest/common/datahub-file-format.js';
import { sources } from '../../../../ingest/sources/index.js';
import type { MetadataChangeProposal } from '../../../../model/mcp.js';
import { collectMcps, fakeCatalog, testContext } from '../context.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const recipesDir = path.resolve(here, '../../../../recipes');
const plugin = sources.find((s) => s.type === 'datahub-business-glossary')!;

async function glossarySource(config: Record<string, unknown>, baseDir: string, catalog: CatalogClient | null = null): Promise<Source> {
  return plugin.create(plugin.configSchema.parse(config), testContext(baseDir, catalog));
}

/** Writes a glossary to a fresh directory and runs the source over it. */
async function run(yaml: string, extra: Record<string, unknown> = {}, catalog: CatalogClient | null = null) {
  const dir = mkdtempSync(path.join(tmpdir(), 'glossary-'));
  writeFileSync(path.join(dir, 'glossary.yml'), yaml);
  const source = await glossarySource({ file: 'glossary.yml', ...extra }, dir, catalog);
  const mcps = await collectMcps(source);
  return { mcps, report: source.report, dir };
}

function aspect(mcps: MetadataChangeProposal[], urn: string, aspectName: string): Record<string, unknown> | undefined {
  return mcps.find((m) => m.entityUrn === urn && m.aspectName === aspectName)?.aspect as Record<string, unknown> | undefined;
}

const header = `version: "1"\nsource: DataHub\nowners:\n  users: [mjames]\nurl: "https://example.com/glossary"\n`;

describe('the datahub-business-glossary source', () => {
  it('is registered under DataHub\'s type name with a strict config', () => {
    expect(plugin).toBeDefined();
    expect(plugin.configSchema.parse({ file: 'g.yml' })).toEqual({ file: 'g.yml', enable_auto_id: false });
    expect(plugin.configSchema.safeParse({ file: 'g.yml', auto_id: true }).success).toBe(false);
  });

  describe('on the seed glossary', () => {
    it('produces exactly the proposals of the golden file', async () => {
      // The golden holds what DataHub's source emits for this file (its MCE snapshots split into
      // one MCP per aspect, as DataHub's file sink writes them). The `status` aspects and the
      // systemMetadata in DataHub's own goldens come from the pipeline, not the source.
      const source = await glossarySource({ file: './business_glossary.yml' }, recipesDir);
      const mcps = await collectMcps(source);
      const golden = JSON.parse(readFileSync(path.join(here, 'seed_glossary_golden.json'), 'utf8'));
      expect(mcps.map((m) => toFileRecord(m))).toEqual(golden);
      expect(source.report.warnings.size).toBe(0);
      expect(source.report.failures.size).toBe(0);
    });

    it('defines Classification.Sensitive with its definition and a stringified custom property', async () => {
      const mcps = await collectMcps(await glossarySource({ file: './business_glossary.yml' }, recipesDir));
      expect(aspect(mcps, 'urn:li:glossaryTerm:Classification.Sensitive', 'glossaryTermInfo')).toEqual({
        customProperties: { is_confidential: 'False' },
        name: 'Sensitive',
        definition: 'Sensitive Data',
        parentNode: 'urn:li:glossaryNode:Classification',
        termSource: 'INTERNAL',
        sourceRef: 'DataHub',
        sourceUrl: 'https://github.com/datahub-project/datahub/',
      });
    });

    it('relates ID, Name and Gender to Classification.Sensitive, and every entity is owned by datahub', async () => {
      const mcps = await collectMcps(await glossarySource({ file: './business_glossary.yml' }, recipesDir));
      for (const term of ['ID', 'Name', 'Gender']) {
        expect(aspect(mcps, `urn:li:glossaryTerm:PersonalInformation.${term}`, 'glossaryRelatedTerms')).toEqual({
          isRelatedTerms: ['urn:li:glossaryTerm:Classification.Sensitive'],
        });
      }
      expect(aspect(mcps, 'urn:li:glossaryTerm:PersonalInformation.Address', 'glossaryRelatedTerms')).toBeUndefined();
      const owners = mcps.filter((m) => m.aspectName === 'ownership').map((m) => (m.aspect as { owners: unknown }).owners);
      expect(owners).toHaveLength(12);
      for (const o of owners) expect(o).toEqual([{ owner: 'urn:li:corpuser:datahub', type: 'DEVELOPER' }]);
    });
  });

  describe('names entities as DataHub does', () => {
    it('cleans names for URNs: spaces become dashes, other characters go, runs collapse', async () => {
      const { mcps } = await run(`${header}nodes:
  - name: "URL Testing"
    description: d
    terms:
      - {name: "Basic Term With Spaces", description: d}
      - {name: "Special@#$Characters!", description: d}
      - {name: "Multiple   Spaces", description: d}
      - {name: "Term.With.Special-Chars", description: d}
      - {name: "@#$Special At Start", description: d}
      - {name: "CSAT %", description: d}
`);
      const urns = [...new Set(mcps.map((m) => m.entityUrn))];
      expect(urns).toEqual([
        'urn:li:glossaryNode:URL-Testing',
        'urn:li:glossaryTerm:URL-Testing.Basic-Term-With-Spaces',
        'urn:li:glossaryTerm:URL-Testing.SpecialCharacters',
        'urn:li:glossaryTerm:URL-Testing.Multiple-Spaces',
        'urn:li:glossaryTerm:URL-Testing.Term.With.Special-Chars',
        'urn:li:glossaryTerm:URL-Testing.Special-At-Start',
        'urn:li:glossaryTerm:URL-Testing.CSAT',
      ]);
      expect(aspect(mcps, 'urn:li:glossaryTerm:URL-Testing.SpecialCharacters', 'glossaryTermInfo')?.name).toBe('Special@#$Characters!');
    });

    it('uses an explicit id or URN as given, and resolves references by path to it', async () => {
      const { mcps, report } = await run(`${header}nodes:
  - name: Shipping
    id: Shipping-Logistics
    description: d
    terms:
      - {name: Full Address, id: Full-Address-Details, description: d}
      - {name: Zip, id: "urn:li:glossaryTerm:zip-code", description: d, inherits: [Shipping.Full Address]}
      - {name: Street, description: d, contains: [Full-Address-Details, "urn:li:glossaryTerm:zip-code"]}
`);
      expect(aspect(mcps, 'urn:li:glossaryNode:Shipping-Logistics', 'glossaryNodeInfo')).toBeDefined();
      expect(aspect(mcps, 'urn:li:glossaryTerm:zip-code', 'glossaryRelatedTerms')).toEqual({
        isRelatedTerms: ['urn:li:glossaryTerm:Full-Address-Details'],
      });
      expect(aspect(mcps, 'urn:li:glossaryTerm:Shipping.Street', 'glossaryTermInfo')?.parentNode).toBe('urn:li:glossaryNode:Shipping-Logistics');
      expect(aspect(mcps, 'urn:li:glossaryTerm:Shipping.Street', 'glossaryRelatedTerms')).toEqual({
        hasRelatedTerms: ['urn:li:glossaryTerm:Full-Address-Details', 'urn:li:glossaryTerm:zip-code'],
      });
      expect(report.warnings.size).toBe(0);
    });

    it('gives guid URNs with enable_auto_id and for non-ASCII names, hashed from the raw path', async () => {
      const { mcps } = await run(`${header}nodes:\n  - {name: pii, description: d, terms: [{name: "secure % password", description: d}]}\n`, {
        enable_auto_id: true,
      });
      // md5('{"path":"pii.secure % password"}'), the value DataHub's own test pins
      expect(mcps.map((m) => m.entityUrn)).toContain('urn:li:glossaryTerm:24baf9389cc05c162c7148c96314d733');
      const { mcps: accented } = await run(`${header}terms:\n  - {name: Données, description: d}\n`);
      expect(accented[0]!.entityUrn).toMatch(/^urn:li:glossaryTerm:[0-9a-f]{32}$/);
    });
  });

  describe('carries the rest of the file over', () => {
    it('inherits owners from the parent, accepts lists of owners with types, groups and custom type URNs', async () => {
      const { mcps } = await run(`${header}nodes:
  - name: Finance
    description: d
    owners:
      - {type: TECHNICAL_OWNER, users: [alice]}
      - {type: "urn:li:ownershipType:steward", groups: [finance, "urn:li:corpGroup:Trust and Safety"]}
    terms:
      - {name: Balance, description: d}
terms:
  - {name: Loose, description: d, owners: {groups: [ops], type: business_owner}}
`);
      const finance = [
        { owner: 'urn:li:corpuser:alice', type: 'TECHNICAL_OWNER' },
        { owner: 'urn:li:corpGroup:finance', type: 'CUSTOM', typeUrn: 'urn:li:ownershipType:steward' },
        { owner: 'urn:li:corpGroup:Trust and Safety', type: 'CUSTOM', typeUrn: 'urn:li:ownershipType:steward' },
      ];
      expect(aspect(mcps, 'urn:li:glossaryNode:Finance', 'ownership')?.owners).toEqual(finance);
      expect(aspect(mcps, 'urn:li:glossaryTerm:Finance.Balance', 'ownership')?.owners).toEqual(finance);
      expect(aspect(mcps, 'urn:li:glossaryTerm:Loose', 'ownership')?.owners).toEqual([{ owner: 'urn:li:corpGroup:ops', type: 'BUSINESS_OWNER' }]);
      expect(aspect(mcps, 'urn:li:glossaryTerm:Loose', 'glossaryTermInfo')?.parentNode).toBeUndefined();
    });

    it('turns knowledge links into institutional memory and a domain name into a domain URN', async () => {
      const { mcps, report } = await run(`${header}terms:
  - name: Revenue
    description: d
    term_source: EXTERNAL
    source_ref: FIBO
    custom_properties: {certified: true, level: 3, note: text}
    domain: Marketing
    knowledge_links:
      - {label: Wiki, url: "https://wiki/revenue"}
      - {label: no url}
`);
      expect(mcps.map((m) => m.aspectName)).toEqual(['domains', 'glossaryTermInfo', 'ownership', 'institutionalMemory']);
      expect(aspect(mcps, 'urn:li:glossaryTerm:Revenue', 'domains')).toEqual({ domains: ['urn:li:domain:Marketing'] });
      expect(aspect(mcps, 'urn:li:glossaryTerm:Revenue', 'institutionalMemory')).toEqual({
        elements: [
          { url: 'https://wiki/revenue', description: 'Wiki', createStamp: { time: expect.any(Number), actor: 'urn:li:corpuser:datahub', message: 'ingestion bot' } },
        ],
      });
      expect(aspect(mcps, 'urn:li:glossaryTerm:Revenue', 'glossaryTermInfo')).toMatchObject({
        customProperties: { certified: 'True', level: '3', note: 'text' },
        termSource: 'EXTERNAL',
        sourceRef: 'FIBO',
        sourceUrl: 'https://example.com/glossary',
      });
      expect(report.warnings.size).toBe(0);
    });

    it('warns when a domain name is not in the catalog it writes to', async () => {
      const { report } = await run(`${header}terms:\n  - {name: Revenue, description: d, domain: Marketing}\n`, {}, fakeCatalog({}));
      expect(report.warnings.toJSON()[0]).toMatchObject({ title: 'Domain not found in the catalog', context: ['urn:li:glossaryTerm:Revenue'] });
    });
  });

  describe('reports problems with the file', () => {
    it('warns about an inherits reference that names no term, naming the term, and goes on', async () => {
      const { mcps, report } = await run(`${header}nodes:
  - name: PersonalInformation
    description: d
    terms:
      - {name: SSN, description: d, inherits: [Classification.Confidental]}
      - {name: Email, description: d}
`);
      expect(aspect(mcps, 'urn:li:glossaryTerm:PersonalInformation.SSN', 'glossaryRelatedTerms')).toEqual({
        isRelatedTerms: ['urn:li:glossaryTerm:Classification.Confidental'],
      });
      expect(aspect(mcps, 'urn:li:glossaryTerm:PersonalInformation.Email', 'glossaryTermInfo')).toBeDefined();
      const [warning] = report.warnings.toJSON();
      expect(warning!.title).toBe('Unresolved glossary term reference');
      expect(warning!.message).toContain('inherits "Classification.Confidental"');
      expect(warning!.context).toEqual(['urn:li:glossaryTerm:PersonalInformation.SSN']);
    });

    it('does not warn when the referenced term already exists in the catalog', async () => {
      const catalog = fakeCatalog({ 'urn:li:glossaryTerm:Classification.Confidential glossaryTermInfo': { name: 'Confidential' } });
      const { report } = await run(`${header}terms:\n  - {name: SSN, description: d, inherits: [Classification.Confidential]}\n`, {}, catalog);
      expect(report.warnings.size).toBe(0);
    });

    it('rejects an unknown key, naming the file, the line and the path, with a suggestion', async () => {
      const yaml = `${header}nodes:\n  - name: Classification\n    description: d\n    terms:\n      - name: Sensitive\n        descripton: Sensitive Data\n`;
      await expect(run(yaml)).rejects.toThrow(
        'glossary.yml:11:9 nodes[0].terms[0].descripton: unknown key; did you mean "description"?',
      );
    });

    it('rejects a missing required key at the line of the object that lacks it', async () => {
      await expect(run(`${header}nodes:\n  - name: Classification\n`)).rejects.toThrow(
        'glossary.yml:7:5 nodes[0].description: required key is missing (expected string)',
      );
    });

    it('rejects versions other than 1, and files without owners, as DataHub does', async () => {
      await expect(run('version: 2\nowners: {users: [a]}\n')).rejects.toThrow('glossary.yml:1:10 version: only version "1" is supported');
      await expect(run('version: 1\nnodes: []\n')).rejects.toThrow('owners: required key is missing');
    });

    it('rejects an unknown ownership type', async () => {
      await expect(run('version: 1\nowners: {users: [a], type: OWNER}\n')).rejects.toThrow(/glossary.yml:2:28 owners.type: expected an urn:li:ownershipType: URN or one of/);
    });

    it('says which file it could not read', async () => {
      const source = await glossarySource({ file: 'missing.yml' }, tmpdir());
      await expect(collectMcps(source)).rejects.toThrow('missing.yml: cannot read the business glossary file: ENOENT');
      expect(source.report.failures.size).toBe(1);
    });
  });
});

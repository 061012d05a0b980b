// Edits users make in the UI or through GraphQL, as DataHub makes them: dataset-level tags and
// terms go to globalTags / glossaryTerms, column-level ones and descriptions to the editable
// aspects (editableSchemaMetadata, editableDatasetProperties), owners to ownership. Each edit is a
// read-modify-write of one aspect, stamped with the acting user.
import type { AspectValue } from '../../model/mcp.js';
import { entityTypeOf, glossaryNodeUrn, glossaryTermUrn, parseUrn, tagUrn } from '../../model/urn.js';
import { ApiError } from './errors.js';
import type { MetadataStore } from '../store/store.js';

export interface FieldTarget {
  resourceUrn: string;
  /** A column's fieldPath, for column-level edits. */
  subResource?: string | null;
}

type Json = Record<string, any>;

const stamp = (actor: string) => ({ time: Date.now(), actor });

export class EditService {
  constructor(private readonly store: MetadataStore) {}

  private async read(urn: string, aspect: string): Promise<Json | null> {
    return ((await this.store.getAspect(urn, aspect))?.value as Json | undefined) ?? null;
  }

  private async write(urn: string, aspect: string, value: Json, actor: string): Promise<void> {
    await this.store.apply([{ entityType: entityTypeOf(urn), entityUrn: urn, changeType: 'UPSERT', aspectName: aspect, aspect: value as AspectValue }], { actor });
  }

  private async requireEntity(urn: string): Promise<void> {
    try {
      parseUrn(urn);
    } catch (e) {
      throw new ApiError('BAD_REQUEST', (e as Error).message);
    }
    if (!(await this.store.getEntity(urn))) throw new ApiError('NOT_FOUND', `no entity ${urn}`);
  }

  /** Applies `change` to one column's editable info (created on first edit). */
  private async editField(target: FieldTarget, actor: string, change: (info: Json) => void): Promise<void> {
    const current = (await this.read(target.resourceUrn, 'editableSchemaMetadata')) ?? { created: stamp(actor), editableSchemaFieldInfo: [] };
    const infos: Json[] = [...(current.editableSchemaFieldInfo ?? [])];
    let info = infos.find((i) => i.fieldPath === target.subResource);
    if (!info) {
      info = { fieldPath: target.subResource };
      infos.push(info);
    }
    change(info);
    await this.write(target.resourceUrn, 'editableSchemaMetadata', { ...current, lastModified: stamp(actor), editableSchemaFieldInfo: infos }, actor);
  }

  async addTag(tag: string, target: FieldTarget, actor: string): Promise<void> {
    await this.requireEntity(target.resourceUrn);
    const urn = tagUrn(tag);
    if (target.subResource) {
      return this.editField(target, actor, (info) => {
        const tags: Json[] = info.globalTags?.tags ?? [];
        if (!tags.some((t) => t.tag === urn)) info.globalTags = { tags: [...tags, { tag: urn }] };
      });
    }
    const current = (await this.read(target.resourceUrn, 'globalTags')) ?? { tags: [] };
    if ((current.tags as Json[]).some((t) => t.tag === urn)) return;
    await this.write(target.resourceUrn, 'globalTags', { ...current, tags: [...current.tags, { tag: urn }] }, actor);
  }

  async removeTag(tag: string, target: FieldTarget, actor: string): Promise<void> {
    await this.requireEntity(target.resourceUrn);
    const urn = tagUrn(tag);
    if (target.subResource) {
      return this.editField(target, actor, (info) => {
        info.globalTags = { tags: (info.globalTags?.tags ?? []).filter((t: Json) => t.tag !== urn) };
      });
    }
    const current = await this.read(target.resourceUrn, 'globalTags');
    if (!current) return;
    await this.write(target.resourceUrn, 'globalTags', { ...current, tags: (current.tags as Json[]).filter((t) => t.tag !== urn) }, actor);
  }

  async addTerm(term: string, target: FieldTarget, actor: string): Promise<void> {
    await this.requireEntity(target.resourceUrn);
    const urn = glossaryTermUrn(term);
    if (target.subResource) {
      return this.editField(target, actor, (info) => {
        const terms: Json[] = info.glossaryTerms?.terms ?? [];
        if (!terms.some((t) => t.urn === urn)) info.glossaryTerms = { terms: [...terms, { urn }], auditStamp: stamp(actor) };
      });
    }
    const current = (await this.read(target.resourceUrn, 'glossaryTerms')) ?? { terms: [] };
    if ((current.terms as Json[]).some((t) => t.urn === urn)) return;
    await this.write(target.resourceUrn, 'glossaryTerms', { ...current, terms: [...current.terms, { urn }], auditStamp: stamp(actor) }, actor);
  }

  async removeTerm(term: string, target: FieldTarget, actor: string): Promise<void> {
    await this.requireEntity(target.resourceUrn);
    const urn = glossaryTermUrn(term);
    if (target.subResource) {
      return this.editField(target, actor, (info) => {
        info.glossaryTerms = { terms: (info.glossaryTerms?.terms ?? []).filter((t: Json) => t.urn !== urn), auditStamp: stamp(actor) };
      });
    }
    const current = await this.read(target.resourceUrn, 'glossaryTerms');
    if (!current) return;
    await this.write(target.resourceUrn, 'glossaryTerms', { ...current, terms: (current.terms as Json[]).filter((t) => t.urn !== urn), auditStamp: stamp(actor) }, actor);
  }

  async addOwner(owner: string, type: string, typeUrn: string | null, resourceUrn: string, actor: string): Promise<void> {
    await this.requireEntity(resourceUrn);
    const current = (await this.read(resourceUrn, 'ownership')) ?? { owners: [] };
    const owners = (current.owners as Json[]).filter((o) => !(o.owner === owner && o.type === type && (o.typeUrn ?? null) === typeUrn));
    owners.push({ owner, type, ...(typeUrn ? { typeUrn } : {}), source: { type: 'MANUAL' } });
    await this.write(resourceUrn, 'ownership', { ...current, owners, lastModified: stamp(actor) }, actor);
  }

  async removeOwner(owner: string, typeUrn: string | null, resourceUrn: string, actor: string): Promise<void> {
    await this.requireEntity(resourceUrn);
    const current = await this.read(resourceUrn, 'ownership');
    if (!current) return;
    const owners = (current.owners as Json[]).filter((o) => !(o.owner === owner && (!typeUrn || o.typeUrn === typeUrn)));
    await this.write(resourceUrn, 'ownership', { ...current, owners, lastModified: stamp(actor) }, actor);
  }

  async updateDescription(description: string, target: FieldTarget, actor: string): Promise<void> {
    await this.requireEntity(target.resourceUrn);
    if (target.subResource) return this.editField(target, actor, (info) => void (info.description = description));
    const type = entityTypeOf(target.resourceUrn);
    const aspect = type === 'dataset' ? 'editableDatasetProperties' : type === 'container' ? 'editableContainerProperties' : null;
    if (!aspect) throw new ApiError('BAD_REQUEST', `descriptions of ${type} entities are not editable here`);
    const current = (await this.read(target.resourceUrn, aspect)) ?? { created: stamp(actor) };
    await this.write(target.resourceUrn, aspect, { ...current, description, lastModified: stamp(actor) }, actor);
  }

  async createTag(input: { id?: string | null; name: string; description?: string | null }, actor: string): Promise<string> {
    const urn = tagUrn(input.id ?? input.name);
    if (await this.store.getEntity(urn)) throw new ApiError('CONFLICT', `${urn} already exists`);
    await this.write(urn, 'tagProperties', { name: input.name, ...(input.description ? { description: input.description } : {}) }, actor);
    return urn;
  }

  async createGlossaryTerm(input: { id?: string | null; name: string; description?: string | null; parentNode?: string | null }, actor: string): Promise<string> {
    const parent = input.parentNode ? glossaryNodeUrn(input.parentNode) : null;
    const id = input.id ?? (parent ? `${parent.slice('urn:li:glossaryNode:'.length)}.${input.name}` : input.name).replace(/\s+/g, '-');
    const urn = glossaryTermUrn(id);
    if (await this.store.getEntity(urn)) throw new ApiError('CONFLICT', `${urn} already exists`);
    await this.write(
      urn,
      'glossaryTermInfo',
      { name: input.name, definition: input.description ?? '', termSource: 'INTERNAL', ...(parent ? { parentNode: parent } : {}) },
      actor,
    );
    return urn;
  }
}

// Which edges each aspect implies, read from the aspect value alone.
import { describe, expect, it } from 'vitest';
import { dataFlowUrn, dataJobUrn, datasetUrn, schemaFieldUrn } from '../../../model/urn.js';
import { edgesOf } from '../../../server/graph/edges.js';
import { describeNode } from '../../../server/graph/node.js';

const orders = datasetUrn('postgres', 'shop.public.orders');
const ordersView = datasetUrn('postgres', 'shop.public.orders_view');
const job = dataJobUrn(dataFlowUrn('airflow', 'dag'), 'task');

describe('edges an aspect implies', () => {
  it('upstreamLineage: each upstream feeds the dataset, with its type and query; fine-grained lineage links each upstream column to each downstream column', () => {
    const edges = edgesOf(ordersView, 'upstreamLineage', {
      upstreams: [{ dataset: orders, type: 'VIEW', query: 'urn:li:query:q1' }, { dataset: orders, type: 'VIEW' }],
      fineGrainedLineages: [{
        upstreamType: 'FIELD_SET', upstreams: [schemaFieldUrn(orders, 'id'), schemaFieldUrn(orders, 'ref')],
        downstreamType: 'FIELD', downstreams: [schemaFieldUrn(ordersView, 'key')], transformOperation: 'CONCAT', confidenceScore: 0.9,
      }],
    });
    expect(edges).toEqual([
      { upstream: orders, downstream: ordersView, relationship: 'DownstreamOf', fine: false, lineageType: 'VIEW', via: 'urn:li:query:q1' },
      { upstream: schemaFieldUrn(orders, 'id'), downstream: schemaFieldUrn(ordersView, 'key'), relationship: 'DownstreamOf', fine: true, transformOperation: 'CONCAT', confidence: 0.9 },
      { upstream: schemaFieldUrn(orders, 'ref'), downstream: schemaFieldUrn(ordersView, 'key'), relationship: 'DownstreamOf', fine: true, transformOperation: 'CONCAT', confidence: 0.9 },
    ]);
  });

  it('dataJobInputOutput: inputs feed the job (Consumes), the job feeds its outputs (Produces), input jobs run before it (DownstreamOf)', () => {
    const other = dataJobUrn(dataFlowUrn('airflow', 'dag'), 'before');
    const edges = edgesOf(job, 'dataJobInputOutput', {
      inputDatasets: [orders], outputDatasets: [ordersView], inputDatajobs: [other],
      outputDatasetEdges: [{ destinationUrn: ordersView }, { destinationUrn: datasetUrn('s3', 'bucket/out') }],
    });
    expect(edges.map((e) => [e.upstream, e.downstream, e.relationship])).toEqual([
      [orders, job, 'Consumes'],
      [job, ordersView, 'Produces'],
      [job, datasetUrn('s3', 'bucket/out'), 'Produces'],
      [other, job, 'DownstreamOf'],
    ]);
  });

  it('implies nothing for other aspects or malformed values', () => {
    expect(edgesOf(orders, 'globalTags', { tags: [{ tag: 'urn:li:tag:pii' }] })).toEqual([]);
    expect(edgesOf(orders, 'upstreamLineage', { upstreams: 'nope' })).toEqual([]);
    expect(edgesOf(orders, 'upstreamLineage', null)).toEqual([]);
  });
});

describe('what a walk filters on, read from the URN', () => {
  it('gives entity type and platform for datasets, columns, jobs and flows', () => {
    expect(describeNode(orders)).toEqual({ entityType: 'dataset', platform: 'postgres' });
    expect(describeNode(schemaFieldUrn(datasetUrn('kafka', 'topic.a'), 'id'))).toEqual({ entityType: 'schemaField', platform: 'kafka' });
    expect(describeNode(job)).toEqual({ entityType: 'dataJob', platform: 'airflow' });
    expect(describeNode(dataFlowUrn('glue', 'etl'))).toEqual({ entityType: 'dataFlow', platform: 'glue' });
    expect(describeNode('urn:li:tag:pii')).toEqual({ entityType: 'tag', platform: null });
    expect(describeNode('not a urn')).toEqual({ entityType: 'unknown', platform: null });
  });
});

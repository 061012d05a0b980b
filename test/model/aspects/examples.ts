// DataHub's documented aspect examples (reference/anchor-datahub.md §3), as decoded aspect JSON.
const ORDERS = 'urn:li:dataset:(urn:li:dataPlatform:postgres,mydb.public.orders,PROD)';
const ORDERS_VIEW = 'urn:li:dataset:(urn:li:dataPlatform:postgres,mydb.public.orders_view,PROD)';
const UNKNOWN = { time: 0, actor: 'urn:li:corpuser:unknown' };

export const DATAHUB_EXAMPLES: Record<string, Record<string, unknown>> = {
  datasetProperties: {
    customProperties: { table_type: 'BASE TABLE' }, externalUrl: 'https://pg.example.com/orders', name: 'orders',
    qualifiedName: 'mydb.public.orders', description: 'Customer orders',
    created: { time: 1700000000000 }, lastModified: { time: 1721700000000 }, tags: [],
  },
  editableDatasetProperties: { created: UNKNOWN, lastModified: { time: 1721700000000, actor: 'urn:li:corpuser:jdoe' }, description: 'Orders, one row each' },
  schemaMetadata: {
    schemaName: 'mydb.public.orders', platform: 'urn:li:dataPlatform:postgres', version: 0,
    created: UNKNOWN, lastModified: UNKNOWN, hash: '', platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: '' } },
    fields: [
      { fieldPath: 'id', nullable: false, type: { type: { 'com.linkedin.schema.NumberType': {} } }, nativeDataType: 'INTEGER', recursive: false, isPartOfKey: true },
      {
        fieldPath: 'email', nullable: true, description: 'customer email', type: { type: { 'com.linkedin.schema.StringType': {} } },
        nativeDataType: 'VARCHAR(255)', recursive: false, isPartOfKey: false,
        globalTags: { tags: [{ tag: 'urn:li:tag:pii' }] },
        glossaryTerms: { terms: [{ urn: 'urn:li:glossaryTerm:Personal-Information.Email' }], auditStamp: UNKNOWN },
      },
      { fieldPath: 'lines', type: { type: { 'com.linkedin.schema.ArrayType': { nestedType: ['record'] } } }, nativeDataType: 'JSONB[]' },
      { fieldPath: 'attrs', type: { type: { 'com.linkedin.schema.MapType': { keyType: 'string', valueType: 'string' } } }, nativeDataType: 'HSTORE' },
    ],
    primaryKeys: ['id'],
    foreignKeys: [{
      name: 'fk_customer',
      foreignFields: ['urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:postgres,mydb.public.customers,PROD),id)'],
      sourceFields: [`urn:li:schemaField:(${ORDERS},customer_id)`],
      foreignDataset: 'urn:li:dataset:(urn:li:dataPlatform:postgres,mydb.public.customers,PROD)',
    }],
  },
  editableSchemaMetadata: {
    created: UNKNOWN, lastModified: { time: 1721700000000, actor: 'urn:li:corpuser:jdoe' },
    editableSchemaFieldInfo: [{
      fieldPath: 'email', description: 'Primary contact email', globalTags: { tags: [{ tag: 'urn:li:tag:pii' }] },
      glossaryTerms: { terms: [{ urn: 'urn:li:glossaryTerm:Personal-Information.Email' }], auditStamp: { time: 1721700000000, actor: 'urn:li:corpuser:jdoe' } },
    }],
  },
  globalTags: {
    tags: [{ tag: 'urn:li:tag:pii', context: 'optional', attribution: { time: 1721700000000, actor: 'urn:li:corpuser:datahub', source: 'urn:li:dataHubAction:tagger', sourceDetail: {} } }],
  },
  glossaryTerms: {
    terms: [{ urn: 'urn:li:glossaryTerm:Classification.Sensitive', actor: 'urn:li:corpuser:jdoe', context: 'column scan' }],
    auditStamp: { time: 1721700000000, actor: 'urn:li:corpuser:datahub' },
  },
  ownership: {
    owners: [
      { owner: 'urn:li:corpuser:jdoe', type: 'TECHNICAL_OWNER', typeUrn: 'urn:li:ownershipType:__system__technical_owner', source: { type: 'SERVICE', url: 'https://hr' } },
      { owner: 'urn:li:corpGroup:data-eng', type: 'CUSTOM', typeUrn: 'urn:li:ownershipType:steward_team' },
      { owner: 'urn:li:corpuser:Database Administrators', type: 'DATAOWNER' },
    ],
    ownerTypes: {},
    lastModified: UNKNOWN,
  },
  upstreamLineage: {
    upstreams: [{
      auditStamp: { time: 1721700000000, actor: 'urn:li:corpuser:_ingestion' }, created: { time: 0, actor: 'urn:li:corpuser:_ingestion' },
      dataset: ORDERS, type: 'VIEW', query: 'urn:li:query:view_47ced0e5',
    }],
    fineGrainedLineages: [{
      upstreamType: 'FIELD_SET', upstreams: [`urn:li:schemaField:(${ORDERS},id)`],
      downstreamType: 'FIELD', downstreams: [`urn:li:schemaField:(${ORDERS_VIEW},order_id)`],
      transformOperation: 'COPY: "orders"."id" AS "order_id"', confidenceScore: 0.9,
    }],
  },
  datasetProfile: {
    timestampMillis: 1586847600000, partitionSpec: { partition: 'FULL_TABLE_SNAPSHOT', type: 'FULL_TABLE' },
    rowCount: 5, columnCount: 6, sizeInBytes: 16384,
    fieldProfiles: [
      { fieldPath: 'id', uniqueCount: 5, uniqueProportion: 1, nullCount: 0, nullProportion: 0.0, min: '1', max: '5', mean: '3.0', median: '3', stdev: '1.5811388300841898', sampleValues: ['1', '2', '3', '4', '5'] },
      {
        fieldPath: 'priority', uniqueCount: 3, uniqueProportion: 0.75, nullCount: 1, nullProportion: 0.2, min: '3.8', max: '4.9',
        mean: '4.175000011920929', median: '4.0', stdev: '0.49244294899530355',
        distinctValueFrequencies: [{ value: '3.8', frequency: 1 }, { value: '4.0', frequency: 2 }, { value: '4.9', frequency: 1 }],
        sampleValues: ['4.0', '4.9', '4.0', '3.8'],
      },
    ],
  },
  operation: { timestampMillis: 1721700000000, operationType: 'INSERT', lastUpdatedTimestamp: 1721699990000, actor: 'urn:li:corpuser:etl', numAffectedRows: 12 },
  status: { removed: false },
  subTypes: { typeNames: ['Table'] },
  container: { container: 'urn:li:container:51904fc8cd5cc729bc630decff284525' },
  containerProperties: { name: 'mydb', customProperties: { platform: 'postgres', env: 'PROD', database: 'mydb' }, env: 'PROD' },
  browsePathsV2: {
    path: [
      { id: 'urn:li:container:a609', urn: 'urn:li:container:a609' },
      { id: 'urn:li:container:5190', urn: 'urn:li:container:5190' },
    ],
  },
  browsePaths: { paths: ['/prod/postgres/mydb/public'] },
  institutionalMemory: {
    elements: [{ url: 'https://wiki/orders', description: 'Runbook', createStamp: { time: 1721700000000, actor: 'urn:li:corpuser:datahub', message: 'ingestion bot' } }],
  },
  glossaryTermInfo: {
    customProperties: { is_confidential: 'True' }, name: 'Sensitive', definition: 'Sensitive Data',
    parentNode: 'urn:li:glossaryNode:Classification', termSource: 'INTERNAL', sourceRef: 'DataHub',
    sourceUrl: 'https://github.com/datahub-project/datahub/',
  },
  glossaryNodeInfo: { customProperties: {}, definition: 'A set of terms related to Data Classification', name: 'Classification' },
  glossaryRelatedTerms: { isRelatedTerms: ['urn:li:glossaryTerm:Classification.Confidential'], hasRelatedTerms: ['urn:li:glossaryTerm:Shipping.ZipCode'] },
  dataPlatformInstance: { platform: 'urn:li:dataPlatform:postgres', instance: 'urn:li:dataPlatformInstance:(urn:li:dataPlatform:postgres,prod_pg)' },
  domains: { domains: ['urn:li:domain:7c6f'] },
  deprecation: { deprecated: true, decommissionTime: 1735689600000, note: 'use orders_v2', actor: 'urn:li:corpuser:jdoe' },
  domainProperties: { name: 'Marketing', description: 'Campaigns and leads' },
  tagProperties: { name: 'pii', description: 'Personal data', colorHex: '#FF0000' },
  viewProperties: { materialized: false, viewLogic: 'SELECT id AS order_id FROM orders', viewLanguage: 'SQL' },
  dataFlowInfo: { name: 'my_dag', description: 'Nightly load', project: 'etl', customProperties: {} },
  dataJobInfo: { name: 'my_task', type: { string: 'COMMAND' }, flowUrn: 'urn:li:dataFlow:(airflow,my_dag,prod)', customProperties: {} },
  dataJobInputOutput: { inputDatasets: [ORDERS], outputDatasets: [ORDERS_VIEW], inputDatajobs: ['urn:li:dataJob:(urn:li:dataFlow:(airflow,my_dag,prod),extract)'] },
  corpUserInfo: { active: true, displayName: 'Jane Doe', email: 'jdoe@acme.com', title: 'Engineer', fullName: 'Jane Doe' },
  corpGroupInfo: { displayName: 'Data Engineering', admins: ['urn:li:corpuser:jdoe'], members: ['urn:li:corpuser:jdoe'], groups: [] },
  tagKey: { name: 'pii' },
  glossaryTermKey: { name: 'Classification.Sensitive' },
  datasetKey: { platform: 'urn:li:dataPlatform:postgres', name: 'mydb.public.orders', origin: 'PROD' },
};

export const KAFKA_SCHEMA = {
  schemaName: 'orders', platform: 'urn:li:dataPlatform:kafka', version: 0, hash: 'abc',
  platformSchema: {
    'com.linkedin.schema.KafkaSchema': { documentSchema: '{"type":"record","name":"E","fields":[]}', documentSchemaType: 'AVRO', keySchema: '"string"', keySchemaType: 'AVRO' },
  },
  fields: [
    { fieldPath: '[version=2.0].[key=True].[type=string]', type: { type: { 'com.linkedin.schema.StringType': {} } }, nativeDataType: 'string', isPartOfKey: true },
    { fieldPath: '[version=2.0].[type=E].[type=string].a', type: { type: { 'com.linkedin.schema.StringType': {} } }, nativeDataType: 'string' },
  ],
};

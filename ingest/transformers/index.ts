// Every transformer plugin, registered by listing it here.
import type { TransformerPlugin } from '../api/plugin.js';
import { setAttribution } from './attribution.js';
import { setBrowsePath, setDatasetBrowsePath } from './browse-paths.js';
import { dataProductTransformers } from './data-products.js';
import { domainTransformers } from './domains.js';
import { replaceExternalUrlContainer, replaceExternalUrlDataset } from './external-url.js';
import { ownershipCleanupTransformers } from './ownership-cleanup.js';
import { ownershipTransformers } from './ownership.js';
import { propertiesTransformers } from './properties.js';
import { patternAddDatasetSchemaTags, patternAddDatasetSchemaTerms } from './schema-fields.js';
import { markDatasetStatus } from './status.js';
import { tagTransformers } from './tags.js';
import { tagsToTerm } from './tags-to-term.js';
import { termTransformers } from './terms.js';
import { patternCleanupDatasetUsageUser } from './usage.js';

export const transformers: TransformerPlugin<any>[] = [
  ...tagTransformers,
  ...termTransformers,
  tagsToTerm,
  ...ownershipTransformers,
  ...ownershipCleanupTransformers,
  ...propertiesTransformers,
  patternAddDatasetSchemaTags,
  patternAddDatasetSchemaTerms,
  markDatasetStatus,
  setDatasetBrowsePath,
  setBrowsePath,
  ...domainTransformers,
  ...dataProductTransformers,
  replaceExternalUrlDataset,
  replaceExternalUrlContainer,
  patternCleanupDatasetUsageUser,
  setAttribution,
];

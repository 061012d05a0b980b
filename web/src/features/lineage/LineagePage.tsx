// Full-page lineage at /lineage/<urn>.
import { Link, useParams } from 'wouter';
import { EntityLink } from '../../shared/ui';
import { param } from '../../shared/urn';
import { LineageView } from './LineageView';

export function LineagePage() {
  const urn = param(useParams<{ urn: string }>().urn);
  return (
    <>
      <h1>
        Lineage of <EntityLink urn={urn} />
      </h1>
      <p className="muted">
        Upstream on the left, downstream on the right. <Link href={`/dataset/${encodeURIComponent(urn)}`}>Back to the dataset</Link>
      </p>
      <LineageView urn={urn} />
    </>
  );
}

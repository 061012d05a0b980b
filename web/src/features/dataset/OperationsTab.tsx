// Operations: the commit / operation timeline (Hudi commits, inserts, updates, ...), newest first.
import { useQuery } from '../../shared/graphql';
import { Empty, ErrorMessage, Loading, formatTime } from '../../shared/ui';
import OPERATIONS from './operations.graphql?raw';

interface Operation {
  timestampMillis: number;
  operationType: string | null;
  lastUpdatedTimestamp: number | null;
  customProperties: Array<{ key: string; value: string | null }> | null;
}

export function OperationsTab({ urn }: { urn: string }) {
  const { data, error, loading } = useQuery<{ dataset: { operations: Operation[] } | null }>(OPERATIONS, { urn });
  if (loading) return <Loading what="operations" />;
  if (error) return <ErrorMessage error={error} what="operations" />;
  const ops = [...(data?.dataset?.operations ?? [])].sort((a, b) => b.timestampMillis - a.timestampMillis);
  if (!ops.length) return <Empty>No operations have been recorded for this dataset.</Empty>;
  return (
    <table className="data" aria-label="Operations">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Operation</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {ops.map((o, i) => (
          <tr key={`${o.timestampMillis}-${i}`}>
            <td>{formatTime(o.lastUpdatedTimestamp ?? o.timestampMillis)}</td>
            <td>{o.operationType ?? '–'}</td>
            <td>
              {(o.customProperties ?? []).map((p) => (
                <span key={p.key} className="chip">
                  {p.key}: {p.value}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

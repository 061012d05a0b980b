// Schema history: every version of the schema with the fields added, removed and changed.
// Breaking changes are marked when the server reports them (a `breaking` flag on a change or a
// version); older servers without the flag are asked again without it.
import { useEffect, useState } from 'react';
import { GraphQLRequestError, request } from '../../shared/graphql';
import { Empty, ErrorMessage, Loading, formatTime } from '../../shared/ui';
import { simplePath } from './SchemaTab';

interface Change {
  fieldPath: string;
  change: string;
  before: string | null;
  after: string | null;
  breaking?: boolean | null;
}
interface Version {
  version: number;
  createdAt: number | null;
  breaking?: boolean | null;
  changes: Change[];
}

const QUERIES = [
  'query T($urn: String!) { schemaTimeline(urn: $urn) { version createdAt breaking changes { fieldPath change before after breaking } } }',
  'query T($urn: String!) { schemaTimeline(urn: $urn) { version createdAt changes { fieldPath change before after breaking } } }',
  'query T($urn: String!) { schemaTimeline(urn: $urn) { version createdAt changes { fieldPath change before after } } }',
];

function useTimeline(urn: string) {
  const [state, setState] = useState<{ data: Version[] | null; error: GraphQLRequestError | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    (async () => {
      for (const [i, q] of QUERIES.entries()) {
        try {
          const d = await request<{ schemaTimeline: Version[] }>(q, { urn });
          if (live) setState({ data: d.schemaTimeline, error: null });
          return;
        } catch (e) {
          const err = e as GraphQLRequestError;
          // Only a schema without the `breaking` field is retried; anything else is reported.
          if (i === QUERIES.length - 1 || err.code !== 'GRAPHQL_VALIDATION_FAILED') {
            if (live) setState({ data: null, error: err });
            return;
          }
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [urn]);
  return state;
}

export function HistoryTab({ urn }: { urn: string }) {
  const { data, error } = useTimeline(urn);
  if (error) return <ErrorMessage error={error} what="the schema history" />;
  if (!data) return <Loading what="the schema history" />;
  if (!data.length) return <Empty>No schema has been recorded for this dataset.</Empty>;
  const versions = [...data].reverse();
  return (
    <ol className="results" reversed>
      {versions.map((v) => {
        const breaking = v.breaking ?? v.changes.some((c) => c.breaking);
        return (
          <li key={v.version}>
            <div className="title">
              Version {v.version}
              {breaking && <span className="breaking">breaking</span>} <span className="muted">{formatTime(v.createdAt)}</span>
            </div>
            {v.version === 1 ? (
              <p className="muted">First version: {v.changes.length} fields.</p>
            ) : v.changes.length === 0 ? (
              <p className="muted">No field changes.</p>
            ) : (
              <table className="data" aria-label={`Changes in version ${v.version}`}>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Change</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {v.changes.map((c, i) => (
                    <tr key={i}>
                      <th scope="row">
                        <code>{simplePath(c.fieldPath)}</code>
                      </th>
                      <td className={`change-${c.change}`}>
                        {c.change.toLowerCase().replace('_', ' ')}
                        {c.breaking && <span className="breaking">breaking</span>}
                      </td>
                      <td>{c.before ?? ''}</td>
                      <td>{c.after ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        );
      })}
    </ol>
  );
}

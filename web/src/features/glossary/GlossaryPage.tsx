// The glossary as a tree of nodes and terms (three levels loaded at once; deeper nodes open their own page).
import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from '../../shared/graphql';
import { Empty, EntityLink, ErrorMessage, Loading } from '../../shared/ui';
import GLOSSARY from './glossary.graphql?raw';

interface Ref {
  urn: string;
  name: string;
}
interface TreeNode extends Ref {
  children?: Ref[];
  childNodes?: TreeNode[];
}

function Branch({ node }: { node: TreeNode }) {
  const [open, setOpen] = useState(true);
  const size = (node.children?.length ?? 0) + (node.childNodes?.length ?? 0);
  return (
    <li>
      <button type="button" className="link toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>{' '}
      <EntityLink urn={node.urn} name={node.name} /> <span className="muted">{size} entries</span>
      {open && (
        <ul>
          {node.childNodes?.map((c) => <Branch key={c.urn} node={c} />)}
          {node.children?.map((t) => (
            <li key={t.urn}>
              <EntityLink urn={t.urn} name={t.name} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function GlossaryPage() {
  const { data, error, loading } = useQuery<{ getRootGlossaryNodes: TreeNode[]; getRootGlossaryTerms: Ref[] }>(GLOSSARY);
  return (
    <>
      <h1>Glossary</h1>
      {loading && <Loading what="the glossary" />}
      {error && <ErrorMessage error={error} what="the glossary" />}
      {data && data.getRootGlossaryNodes.length + data.getRootGlossaryTerms.length === 0 && (
        <Empty>
          The glossary is empty. Load one with <code>catalog ingest -c recipes/glossary.yml</code>.
        </Empty>
      )}
      {data && (
        <nav className="tree panel" aria-label="Glossary tree">
          <ul>
            {data.getRootGlossaryNodes.map((n) => (
              <Branch key={n.urn} node={n} />
            ))}
            {data.getRootGlossaryTerms.map((t) => (
              <li key={t.urn}>
                <EntityLink urn={t.urn} name={t.name} />
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p>
        <Link href="/tags">Tags</Link>
      </p>
    </>
  );
}

// The search box: type, pick a suggestion with the arrow keys and Enter, or press Enter to search.
// `/` anywhere focuses it (keyboard-first).
import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { request } from '../../shared/graphql';
import { PlatformIcon } from '../../shared/ui';
import { datasetKey, entityPath } from '../../shared/urn';
import AUTOCOMPLETE from './autocomplete.graphql?raw';
import { searchHref } from './filters';

interface Suggestion {
  urn: string;
  type: string;
  name: string;
}

export function SearchBox({ initial = '', className = '', autoFocus = false }: { initial?: string; className?: string; autoFocus?: boolean }) {
  const [text, setText] = useState(initial);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [, navigate] = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => setText(initial), [initial]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || !open) return setItems([]);
    const timer = setTimeout(() => {
      request<{ autoComplete: { entities: Suggestion[] } }>(AUTOCOMPLETE, { input: { query: q, limit: 8 } })
        .then((d) => setItems(d.autoComplete.entities))
        .catch(() => setItems([]));
    }, 120);
    return () => clearTimeout(timer);
  }, [text, open]);

  const go = (s?: Suggestion) => {
    setOpen(false);
    const to = s ? entityPath(s.urn) : null;
    navigate(to ?? searchHref({ query: text.trim(), filters: [], page: 1 }));
  };

  return (
    <form
      role="search"
      className={`search-box ${className}`}
      onSubmit={(e) => {
        e.preventDefault();
        go(active >= 0 ? items[active] : undefined);
      }}
    >
      <input
        ref={input}
        type="search"
        aria-label="Search datasets, columns, glossary terms and tags"
        placeholder="Search datasets, columns, terms…  (press /)"
        value={text}
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') (e.preventDefault(), setActive((a) => Math.min(a + 1, items.length - 1)));
          else if (e.key === 'ArrowUp') (e.preventDefault(), setActive((a) => Math.max(a - 1, -1)));
          else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && items.length > 0 && (
        <ul className="suggestions" id={listId} role="listbox" aria-label="Suggestions">
          {items.map((s, i) => (
            <li key={s.urn} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), go(s))}>
              {s.type === 'DATASET' && <PlatformIcon platform={datasetKey(s.urn).platform} size={14} />}
              <span>{s.name}</span>
              <span className="muted">{s.type === 'DATASET' ? datasetKey(s.urn).name : s.type.toLowerCase().replace('_', ' ')}</span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

// Small shared pieces: entity links and chips, loading/error/empty states, tabs.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { GraphQLRequestError } from './graphql';
import { datasetKey, entityPath, parseUrn, shortName } from './urn';

const PLATFORM_COLORS: Record<string, string> = {
  postgres: '#336791', kafka: '#231f20', hudi: '#0b7a75', glue: '#8c4fff', s3: '#3f8624', hive: '#b8860b', mysql: '#00758f', elasticsearch: '#005571',
};

export const platformColor = (platform: string) => PLATFORM_COLORS[platform] ?? '#5a6b7b';

/** A small square with the platform's initials: a recognisable mark without shipping logos. */
export function PlatformIcon({ platform, size = 18 }: { platform: string; size?: number }) {
  const color = platformColor(platform);
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" className="platform-icon">
      <rect width="20" height="20" rx="4" fill={color} />
      <text x="10" y="14" textAnchor="middle" fontSize="10" fontWeight="700" fill="#fff">
        {platform.slice(0, 2).toUpperCase()}
      </text>
    </svg>
  );
}

export function EntityLink({ urn, name, children }: { urn: string; name?: string | null; children?: ReactNode }) {
  const to = entityPath(urn);
  const label = children ?? name ?? shortName(urn);
  const platform = parseUrn(urn).type === 'dataset' ? datasetKey(urn).platform : null;
  const inner = (
    <>
      {platform && <PlatformIcon platform={platform} size={14} />} {label}
    </>
  );
  return to ? (
    <Link href={to} className="entity-link" title={urn}>
      {inner}
    </Link>
  ) : (
    <span title={urn}>{inner}</span>
  );
}

export function Chip({ urn, kind, onRemove, label }: { urn: string; kind: 'tag' | 'term' | 'owner'; onRemove?: () => void; label?: string }) {
  const name = label ?? shortName(urn);
  const to = entityPath(urn);
  return (
    <span className={`chip chip-${kind}`}>
      {to ? <Link href={to}>{name}</Link> : <span>{name}</span>}
      {onRemove && (
        <button type="button" className="chip-remove" onClick={onRemove} aria-label={`Remove ${kind} ${name}`}>
          ×
        </button>
      )}
    </span>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error, what }: { error: GraphQLRequestError | Error; what: string }) {
  const code = (error as GraphQLRequestError).code;
  const hint =
    code === 'UNAUTHENTICATED' ? (
      <>
        {' '}
        <Link href="/signin">Sign in with an API token</Link>.
      </>
    ) : code === 'FORBIDDEN' ? (
      ' Your token’s role does not allow this; ask an admin for an editor token.'
    ) : code === 'NETWORK' ? (
      ' Is `catalog serve` running?'
    ) : null;
  return (
    <div className="error" role="alert">
      <strong>Could not load {what}:</strong> {error.message}.{hint}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export interface TabDef {
  id: string;
  label: string;
  count?: number;
}

/** Tabs as links, so each tab has a URL that can be shared. */
export function Tabs({ tabs, active, hrefFor }: { tabs: TabDef[]; active: string; hrefFor: (id: string) => string }) {
  return (
    <nav className="tabs" aria-label="Sections">
      {tabs.map((t) => (
        <Link key={t.id} href={hrefFor(t.id)} className={t.id === active ? 'tab active' : 'tab'} aria-current={t.id === active ? 'page' : undefined}>
          {t.label}
          {t.count !== undefined && <span className="count">{t.count}</span>}
        </Link>
      ))}
    </nav>
  );
}

export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US'));
export const formatPercent = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${(n * 100).toFixed(n < 0.01 && n > 0 ? 2 : 1)}%`);
export const formatTime = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '–');

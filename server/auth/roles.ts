// Roles and what they may do: reads need reader, writes need editor, token management needs admin.
export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Action = 'read' | 'write' | 'manage-tokens';

const REQUIRED: Record<Action, Role> = { read: 'reader', write: 'editor', 'manage-tokens': 'admin' };

export function allows(role: Role, action: Action): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(REQUIRED[action]);
}

export function requiredRole(action: Action): Role {
  return REQUIRED[action];
}

export interface Principal {
  /** `urn:li:corpuser:<name>` of the token's actor. */
  actor: string;
  role: Role;
  /** Token id, or null when auth is off. */
  tokenId: string | null;
}

/** The principal every request gets when the server runs with --no-auth. */
export const ANONYMOUS_ADMIN: Principal = { actor: 'urn:li:corpuser:datahub', role: 'admin', tokenId: null };

import { describe, expect, it } from 'vitest';
import { expandEnv, MissingEnvVarError } from '../../../ingest/recipe/env.js';

const env = { DB_HOST_PORT: 'db:5432', ACCOUNT_ID: '111222333444', EMPTY: '' };

describe('environment expansion in recipe values', () => {
  it('expands ${VAR} anywhere in a string, as in the seed recipe', () => {
    expect(expandEnv('urn:li:tag:${ACCOUNT_ID}', { ...env })).toBe('urn:li:tag:111222333444');
    expect(expandEnv('${DB_HOST_PORT}', { ...env })).toBe('db:5432');
  });

  it('expands $VAR when the string starts with $', () => {
    expect(expandEnv('$DB_HOST_PORT', { ...env })).toBe('db:5432');
  });

  it('keeps a string that starts with $ but names an unset variable, as DataHub does', () => {
    expect(expandEnv('$ecret-password', { ...env })).toBe('$ecret-password');
  });

  it('leaves strings without ${ or a leading $ alone', () => {
    expect(expandEnv('abc$ACCOUNT_ID', { ...env })).toBe('abc$ACCOUNT_ID');
  });

  it('uses defaults with :- and -', () => {
    expect(expandEnv('${MISSING:-fallback}', { ...env })).toBe('fallback');
    expect(expandEnv('${EMPTY:-fallback}', { ...env })).toBe('fallback');
    expect(expandEnv('${EMPTY-fallback}', { ...env })).toBe('');
    expect(expandEnv('${MISSING:-${ACCOUNT_ID}}', { ...env })).toBe('111222333444');
  });

  it('supports :+ and :?', () => {
    expect(expandEnv('${ACCOUNT_ID:+set}', { ...env })).toBe('set');
    expect(expandEnv('${MISSING:+set}', { ...env })).toBe('');
    expect(() => expandEnv('${MISSING:?is required}', { ...env })).toThrow('MISSING: is required');
  });

  it('fails naming the variable when ${VAR} is unset and has no default', () => {
    expect(() => expandEnv('${DATAHUB_REST_ENDPOINT}', { ...env })).toThrow(MissingEnvVarError);
    expect(() => expandEnv('${DATAHUB_REST_ENDPOINT}', { ...env })).toThrow('DATAHUB_REST_ENDPOINT');
  });

  it('fails for an unset $VAR inside a string that also uses ${...}', () => {
    expect(() => expandEnv('${ACCOUNT_ID}-$NOPE', { ...env })).toThrow('NOPE');
  });
});

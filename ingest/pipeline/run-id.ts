import { randomBytes } from 'node:crypto';

/** DataHub's default run id: `<source type>-YYYY_MM_DD-HH_MM_SS-<6 random [a-z0-9]>`. */
export function defaultRunId(sourceType: string, date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${date.getUTCFullYear()}_${p(date.getUTCMonth() + 1)}_${p(date.getUTCDate())}-${p(date.getUTCHours())}_${p(date.getUTCMinutes())}_${p(date.getUTCSeconds())}`;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${sourceType}-${stamp}-${suffix}`;
}

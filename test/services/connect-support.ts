// What tests that drive the real Kafka Connect worker (scripts/services up kafka-connect) share:
// its REST API, and waiting for a connector's effect (a snapshot, a topic) to appear.
import { ENGINES } from './engines.js';

/** One call to the Connect worker's REST API; the body as JSON, if any. */
export async function connectRest(method: string, p: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(ENGINES['kafka-connect'].url + p, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Polls `check` every 500 ms until it returns a value other than undefined, or throws `what` after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Change events: every committed write publishes its MetadataChangeLogs here, strictly after the
// commit. Subscribers (search and graph indexers, hooks) get logs in batches, in commit order per
// entity URN. The in-process bus (this file) hands each commit's logs to its subscribers and
// awaits them, so a caller that awaited the write also sees derived indexes up to date; the Kafka
// bus (kafka-event-bus.ts) delivers at least once, later, possibly in another process, and
// `drain()` waits for that. A subscriber that throws is reported, never propagated to the writer.
import type { MetadataChangeLog } from '../../model/mcp.js';

export type ChangeLogHandler = (logs: readonly MetadataChangeLog[]) => void | Promise<void>;

export interface EventBus {
  publish(logs: readonly MetadataChangeLog[]): Promise<void>;
  /** Returns a function that removes the subscription. */
  subscribe(handler: ChangeLogHandler, options?: { name?: string }): () => void;
  /** Resolves once this process's subscribers have handled everything published so far. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export interface SubscriberFailure {
  subscriber: string;
  error: unknown;
  logs: readonly MetadataChangeLog[];
}

export interface InProcessEventBusOptions {
  /** Called when a subscriber throws; defaults to a process warning naming the subscriber. */
  onSubscriberError?: (failure: SubscriberFailure) => void;
}

export class InProcessEventBus implements EventBus {
  private readonly subscribers = new Map<symbol, { name: string; handler: ChangeLogHandler }>();
  private readonly onSubscriberError: (failure: SubscriberFailure) => void;
  private count = 0;

  constructor(options: InProcessEventBusOptions = {}) {
    this.onSubscriberError =
      options.onSubscriberError ??
      ((f) => process.emitWarning(`event bus subscriber "${f.subscriber}" failed: ${String((f.error as Error)?.message ?? f.error)}`));
  }

  subscribe(handler: ChangeLogHandler, options: { name?: string } = {}): () => void {
    const id = Symbol();
    this.subscribers.set(id, { name: options.name ?? `subscriber-${++this.count}`, handler });
    return () => {
      this.subscribers.delete(id);
    };
  }

  async publish(logs: readonly MetadataChangeLog[]): Promise<void> {
    if (logs.length === 0) return;
    for (const { name, handler } of [...this.subscribers.values()]) {
      try {
        await handler(logs);
      } catch (error) {
        try {
          this.onSubscriberError({ subscriber: name, error, logs });
        } catch {
          // the error reporter itself failed; the writer still must not
        }
      }
    }
  }

  /** Publishing awaits the subscribers: nothing is ever pending. */
  async drain(): Promise<void> {}

  async close(): Promise<void> {
    this.subscribers.clear();
  }
}

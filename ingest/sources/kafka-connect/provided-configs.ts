// Kafka Connect config providers: a connector config may hold `${provider:path:key}` placeholders
// (FileConfigProvider, DirectoryConfigProvider, ...) that the worker resolves at run time and the
// REST API returns unresolved. `provided_configs` gives their values, as DataHub's.
import type { KafkaConnectSourceConfig } from './config.js';

export function resolveProvidedConfigs(
  config: Record<string, string>,
  provided: KafkaConnectSourceConfig['provided_configs'],
): Record<string, string> {
  if (!provided?.length) return config;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    let v = value;
    for (const p of provided) v = v.split(`\${${p.provider}:${p.path_key}}`).join(p.value);
    out[key] = v;
  }
  return out;
}

const SENSITIVE = /password|passwd|secret|token|credential|private|api[._-]?key|sasl\.jaas\.config|(^|\.)key$/i;

/** Config keys that may hold secrets: never copied into properties, their values masked in logs. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE.test(key) && !/\.converter$|^key\.|serializer|\.class$/.test(key);
}

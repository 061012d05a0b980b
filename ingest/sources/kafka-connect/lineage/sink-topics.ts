// The topics a sink connector reads: `topics` (a list), or `topics.regex` (a Java regex matched in
// full) against the topics this run knows of: the sink's own active topics and every source
// connector's output.
import type { ConnectorManifest } from '../client.js';
import { javaRegex, splitList } from '../transforms.js';
import type { LineageContext } from './types.js';

export function sinkTopics(connector: ConnectorManifest, ctx: LineageContext): string[] {
  const listed = splitList(connector.config.topics);
  if (listed.length) return listed;
  const regex = connector.config['topics.regex'];
  if (!regex) {
    ctx.warning('No topics', 'the sink has neither topics nor topics.regex');
    return [];
  }
  let re: RegExp;
  try {
    re = javaRegex(regex);
  } catch {
    ctx.warning('Unreadable topics.regex', `topics.regex ${regex} is not a regex this source understands`);
    return [];
  }
  const matched = [...new Set([...ctx.ownTopics, ...ctx.knownTopics])].filter((t) => re.test(t)).sort();
  if (matched.length === 0) {
    ctx.warning('topics.regex matched no topic', `topics.regex ${regex} matched none of the ${ctx.knownTopics.length} topics known to this run`);
  }
  return matched;
}

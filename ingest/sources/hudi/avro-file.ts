// Reads an Avro object container file (`Obj\x01`) from memory with avsc: the 1.x timeline
// stores commit metadata (HoodieCommitMetadata, HoodieReplaceCommitMetadata, ...) this way.
import avro from 'avsc';

export const AVRO_MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]);

export function isAvroContainer(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.subarray(0, 4).equals(AVRO_MAGIC);
}

// Writer schemas repeat from file to file (one per Hudi version and metadata kind): parse each once.
const TYPES = new Map<string, avro.Type>();
const MAX_CACHED_TYPES = 64;

function typeFor(schema: avro.Schema): avro.Type {
  const key = JSON.stringify(schema);
  let type = TYPES.get(key);
  if (!type) {
    type = avro.Type.forSchema(schema, { wrapUnions: false, registry: {} });
    if (TYPES.size >= MAX_CACHED_TYPES) TYPES.clear();
    TYPES.set(key, type);
  }
  return type;
}

/** Every record of the container, decoded with the writer's schema (unions unwrapped, longs as numbers). */
export function readAvroContainer(bytes: Buffer): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const records: Record<string, unknown>[] = [];
    const decoder = new avro.streams.BlockDecoder({
      parseHook: typeFor,
    });
    decoder.on('data', (r: Record<string, unknown>) => records.push(r));
    decoder.on('error', (e: Error) => reject(e));
    decoder.on('end', () => resolve(records));
    decoder.end(bytes);
  });
}

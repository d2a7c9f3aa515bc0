// Zeebe keys are 64-bit: the partition id in the upper bits (shifted by 51), a counter below.
const PARTITION_BITS = 51n;
export const PARTITION_ID = 1;

export function encodeKey(partitionId: number, counter: bigint): string {
  return ((BigInt(partitionId) << PARTITION_BITS) + counter).toString();
}

export function decodePartition(key: string): number {
  return Number(BigInt(key) >> PARTITION_BITS);
}

export class KeyGenerator {
  constructor(private counter: bigint = 0n) {}

  next(): string {
    this.counter += 1n;
    return encodeKey(PARTITION_ID, this.counter);
  }

  get current(): bigint {
    return this.counter;
  }
}

/** Parses a key received from a client: a decimal 64-bit integer, else undefined. */
export function parseKey(raw: unknown): string | undefined {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^\d{1,19}$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value <= 0n || value > 9223372036854775807n) return undefined;
  return value.toString();
}

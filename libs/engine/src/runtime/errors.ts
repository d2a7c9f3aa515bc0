// Rejections of commands, named like Zeebe's rejection types; transports map them to
// gRPC status codes and REST problem details.
export type RejectionCode = 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'INVALID_STATE' | 'ALREADY_EXISTS' | 'RESOURCE_EXHAUSTED';

export class EngineRejectionError extends Error {
  readonly reason: string;

  constructor(readonly code: RejectionCode, readonly intent: string, reason: string) {
    super(`Command '${intent}' rejected with code '${code}': ${reason}`);
    this.name = 'EngineRejectionError';
    this.reason = reason;
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

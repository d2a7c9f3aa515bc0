export function apiNodeFlags(env?: Record<string, string | undefined>): string[];

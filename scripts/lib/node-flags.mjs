// V8 flags of the API process. Without a heap budget V8 on a large machine lets garbage pile up
// (bench/inbox.mjs saw the API's resident memory pass 500 MB with a live heap far below that); with
// one it collects in time. `API_MAX_OLD_SPACE_MB` changes the budget (default 256 MB of old space).

/** The flags for `node` before apps/api/dist/main.js. */
export function apiNodeFlags(env = process.env) {
  const raw = env.API_MAX_OLD_SPACE_MB ?? '';
  const mb = raw === '' ? 256 : Number(raw);
  if (!Number.isInteger(mb) || mb < 64) throw new Error(`API_MAX_OLD_SPACE_MB must be a whole number of MB (at least 64), got ${raw}`);
  return [`--max-old-space-size=${mb}`];
}

import type { EgressLimits } from './egress-types.ts';

// Sized for a dependency install: npm opens up to ~16 sockets, a large lockfile moves a few hundred MB.
export const defaultEgressLimits: EgressLimits = {
  connections: 32,
  totalBytes: 2 * 1024 ** 3,
  idleMs: 60_000,
  connectTimeoutMs: 10_000,
  headTimeoutMs: 10_000,
  events: 500,
};

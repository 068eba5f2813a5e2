// Shapes of Suture's sandbox egress control: a host-side proxy (policy) that a sandboxed run reaches only
// through a Unix socket bound into its own network namespace.

/** One destination the sandbox may reach: an exact host name or a `*.suffix` wildcard, on one port. */
export type EgressRule = { host: string; port: number };

export type EgressPolicy = {
  rules: EgressRule[];
};

export type EgressLimits = {
  /** Concurrent tunnels per run. */
  connections: number;
  /** Bytes in both directions for the whole run; tunnels are cut when it is spent. */
  totalBytes: number;
  /** A tunnel with no traffic either way for this long is closed. */
  idleMs: number;
  /** DNS lookup plus TCP connect to the upstream. */
  connectTimeoutMs: number;
  /** Time for the client to send its request head. */
  headTimeoutMs: number;
  /** Events kept in the report; later ones are counted, not kept. */
  events: number;
};

export type EgressDecision = 'allowed' | 'refused' | 'failed';

/** One connection attempt through the proxy, as the run's record shows it. */
export type EgressEvent = {
  at: string;
  method: string;
  host: string;
  port: number | null;
  /** The address we connected to (or refused) after our own DNS lookup. */
  address: string | null;
  decision: EgressDecision;
  status: number;
  reason: string | null;
  bytesUp: number;
  bytesDown: number;
  durationMs: number;
};

export type EgressReport = {
  events: EgressEvent[];
  /** Events past `limits.events`, counted only. */
  droppedEvents: number;
  allowed: number;
  refused: number;
  failed: number;
  bytesUp: number;
  bytesDown: number;
};

/** What a sandbox backend needs to give one run controlled egress. */
export type SandboxEgressRequest = {
  policy: EgressPolicy;
  limits?: Partial<EgressLimits>;
};

import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { classifyEgressAddress } from './classify-egress-address.ts';
import type { EgressPolicy } from './egress-types.ts';
import { matchEgressRule } from './match-egress-rule.ts';
import { normalizeHostName } from './parse-egress-allowlist.ts';

export type LookupAll = (host: string) => Promise<Array<{ address: string; family: number }>>;

export type ResolveEgressTargetOptions = {
  policy: EgressPolicy;
  host: string;
  port: number;
  localAddresses: ReadonlySet<string>;
  timeoutMs: number;
  /** Injected for tests (e.g. a name that resolves to loopback); defaults to the host resolver. */
  lookup?: LookupAll;
};

export type EgressTarget =
  | { ok: true; host: string; address: string; family: 4 | 6 }
  | { ok: false; status: 400 | 403 | 502 | 504; reason: string; host: string; address: string | null };

const systemLookup: LookupAll = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Decides a destination in the order that leaks least: the name is checked against the allowlist BEFORE any
 * DNS query (a refused name is never resolved, so it cannot carry data out through DNS), then every address
 * it resolves to is classified and the first allowed one is returned. The caller connects to exactly that
 * address, never to the name again, so a second answer from DNS cannot swap in 127.0.0.1 (no TOCTOU).
 */
export const resolveEgressTarget = async (options: ResolveEgressTargetOptions): Promise<EgressTarget> => {
  const literal = options.host.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.isValid(literal)) {
    const { address, range } = classifyEgressAddress({ address: literal, localAddresses: options.localAddresses });
    return { ok: false, status: 403, reason: `IP address destinations are not allowed (${range}); name an allowed registry host`, host: options.host, address };
  }
  const host = normalizeHostName(options.host);
  if (!host) return { ok: false, status: 400, reason: 'not a valid host name', host: options.host, address: null };
  if (!matchEgressRule({ policy: options.policy, host, port: options.port })) {
    return { ok: false, status: 403, reason: `${host}:${options.port} is not on the egress allowlist`, host, address: null };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  const answers = await Promise.race([(options.lookup ?? systemLookup)(host), timeout])
    .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
    .finally(() => clearTimeout(timer));
  if (answers === 'timeout') return { ok: false, status: 504, reason: 'DNS lookup timed out', host, address: null };
  if (answers instanceof Error) return { ok: false, status: 502, reason: `DNS lookup failed: ${answers.message}`, host, address: null };
  const classified = answers.map((answer) => classifyEgressAddress({ address: answer.address, localAddresses: options.localAddresses }));
  const chosen = classified.find((entry) => entry.allowed);
  if (!chosen) {
    const seen = classified.map((entry) => `${entry.address} (${entry.range})`).join(', ') || 'no addresses';
    return { ok: false, status: 403, reason: `${host} resolves only to refused addresses: ${seen}`, host, address: classified[0]?.address ?? null };
  }
  return { ok: true, host, address: chosen.address, family: chosen.address.includes(':') ? 6 : 4 };
};

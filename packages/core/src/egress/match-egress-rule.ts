import type { EgressPolicy, EgressRule } from './egress-types.ts';

export type MatchEgressRuleOptions = { policy: EgressPolicy; host: string; port: number };

/** The rule that lets `host:port` through, if any. `host` must already be normalised (normalizeHostName). */
export const matchEgressRule = (options: MatchEgressRuleOptions): EgressRule | null =>
  options.policy.rules.find((rule) => {
    if (rule.port !== options.port) return false;
    if (!rule.host.startsWith('*.')) return rule.host === options.host;
    const suffix = rule.host.slice(1);
    return options.host.endsWith(suffix) && options.host.length > suffix.length;
  }) ?? null;

import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import type { EgressRule } from './egress-types.ts';

export type ParseEgressAllowlistOptions = {
  /** Comma-separated `host[:port]` entries; `*.suffix` allows every subdomain; `none` allows nothing. */
  text: string;
};

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS name in canonical form (lower case, no trailing dot), or null when it is not one. */
export const normalizeHostName = (value: string): string | null => {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  if (host.length === 0 || host.length > 253 || ipaddr.isValid(host)) return null;
  const labels = host.split('.');
  // A bare number ("2130706433") is an IPv4 address to most resolvers; so is any all-numeric last label.
  if (/^[0-9]+$/.test(labels.at(-1) ?? '')) return null;
  return labels.every((part) => label.test(part)) ? host : null;
};

const entrySchema = z
  .string()
  .trim()
  .transform((entry, context): EgressRule => {
    const match = /^(\*\.)?([^:]+)(?::(\d{1,5}))?$/.exec(entry);
    const host = match?.[2] ? normalizeHostName(match[2]) : null;
    const port = match?.[3] ? Number(match[3]) : 443;
    if (!match || !host || port < 1 || port > 65_535) {
      context.addIssue({ code: 'custom', message: `"${entry}" is not host[:port] (a DNS name, optionally *.suffix; IP addresses are not accepted)` });
      return z.NEVER;
    }
    return { host: `${match[1] ?? ''}${host}`, port };
  });

/** Parses SUTURE_SANDBOX_EGRESS. Bad entries are a configuration error, reported with every offending entry. */
export const parseEgressAllowlist = (options: ParseEgressAllowlistOptions): EgressRule[] => {
  const text = options.text.trim();
  if (text.toLowerCase() === 'none') return [];
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new AppError('BAD_INPUT', 'SUTURE_SANDBOX_EGRESS is empty: list host[:port] entries, or "none"');
  if (entries.length > 100) throw new AppError('BAD_INPUT', `SUTURE_SANDBOX_EGRESS has ${entries.length} entries; at most 100`);
  const parsed = z.array(entrySchema).safeParse(entries);
  if (!parsed.success) throw new AppError('BAD_INPUT', `SUTURE_SANDBOX_EGRESS: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return [...new Map(parsed.data.map((rule) => [`${rule.host}:${rule.port}`, rule])).values()];
};

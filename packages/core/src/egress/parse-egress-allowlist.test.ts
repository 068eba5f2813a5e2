import { describe, expect, it } from 'vitest';
import { matchEgressRule } from './match-egress-rule.ts';
import { normalizeHostName, parseEgressAllowlist } from './parse-egress-allowlist.ts';

describe('parseEgressAllowlist', () => {
  it('parses host[:port] entries (443 by default), lower-cases, drops trailing dots and duplicates', () => {
    expect(parseEgressAllowlist({ text: ' Registry.NPMjs.org. , pypi.org:443,mirror.internal.example:80, *.crates.io, pypi.org' })).toEqual([
      { host: 'registry.npmjs.org', port: 443 },
      { host: 'pypi.org', port: 443 },
      { host: 'mirror.internal.example', port: 80 },
      { host: '*.crates.io', port: 443 },
    ]);
  });

  it('"none" allows nothing', () => {
    expect(parseEgressAllowlist({ text: 'none' })).toEqual([]);
    expect(parseEgressAllowlist({ text: ' NONE ' })).toEqual([]);
  });

  it('rejects IP addresses, numeric hosts, bad ports and junk with one message naming every bad entry', () => {
    const error = (() => {
      try {
        parseEgressAllowlist({ text: '127.0.0.1,[::1]:443,2130706433,host:0,host:99999,ex ample.com,a..b,-bad.com,ok.example' });
      } catch (caught) {
        return caught as Error & { code?: string };
      }
      return null;
    })();
    expect(error?.code).toBe('BAD_INPUT');
    for (const entry of ['127.0.0.1', '[::1]:443', '2130706433', 'host:0', 'host:99999', 'ex ample.com', 'a..b', '-bad.com']) expect(error?.message).toContain(`"${entry}"`);
    expect(error?.message).not.toContain('"ok.example"');
  });

  it('rejects an empty list and more than 100 entries', () => {
    expect(() => parseEgressAllowlist({ text: ' , ' })).toThrow(/empty/);
    expect(() => parseEgressAllowlist({ text: Array.from({ length: 101 }, (_, i) => `h${i}.example`).join(',') })).toThrow(/at most 100/);
  });
});

describe('normalizeHostName', () => {
  it('accepts DNS names only', () => {
    expect(normalizeHostName('Example.COM.')).toBe('example.com');
    expect(normalizeHostName('localhost')).toBe('localhost');
    for (const bad of ['127.0.0.1', '::1', '0x7f.0.0.1', '1.2.3', '', 'a'.repeat(254), 'under_score.example', 'x.123']) expect(normalizeHostName(bad), bad).toBeNull();
  });
});

describe('matchEgressRule', () => {
  const policy = { rules: [{ host: 'registry.npmjs.org', port: 443 }, { host: '*.crates.io', port: 443 }, { host: 'mirror.example', port: 80 }] };
  it('matches exact names and wildcard subdomains on the rule port only', () => {
    expect(matchEgressRule({ policy, host: 'registry.npmjs.org', port: 443 })).not.toBeNull();
    expect(matchEgressRule({ policy, host: 'registry.npmjs.org', port: 80 })).toBeNull();
    expect(matchEgressRule({ policy, host: 'evil-registry.npmjs.org', port: 443 })).toBeNull();
    expect(matchEgressRule({ policy, host: 'registry.npmjs.org.evil.test', port: 443 })).toBeNull();
    expect(matchEgressRule({ policy, host: 'static.crates.io', port: 443 })).not.toBeNull();
    expect(matchEgressRule({ policy, host: 'crates.io', port: 443 })).toBeNull();
    expect(matchEgressRule({ policy, host: 'evilcrates.io', port: 443 })).toBeNull();
    expect(matchEgressRule({ policy, host: 'mirror.example', port: 80 })).not.toBeNull();
  });
});

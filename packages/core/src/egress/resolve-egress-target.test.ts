import { describe, expect, it } from 'vitest';
import { resolveEgressTarget, type LookupAll } from './resolve-egress-target.ts';

const policy = { rules: [{ host: 'registry.npmjs.org', port: 443 }] };

describe('resolveEgressTarget', () => {
  it('resolves once and returns the first allowed address, so the caller never asks DNS again (no TOCTOU)', async () => {
    const calls: string[] = [];
    // A rebinding resolver: a different answer each time it is asked.
    const answers = [['10.0.0.1', '203.0.113.80', '127.0.0.1'], ['127.0.0.1']];
    const lookup: LookupAll = (host) => {
      calls.push(host);
      return Promise.resolve((answers[calls.length - 1] ?? []).map((address) => ({ address, family: 4 })));
    };
    const target = await resolveEgressTarget({ policy, host: 'REGISTRY.npmjs.org.', port: 443, localAddresses: new Set(), timeoutMs: 1000, lookup });
    expect(target).toEqual({ ok: true, host: 'registry.npmjs.org', address: '203.0.113.80', family: 4 });
    expect(calls).toEqual(['registry.npmjs.org']);
  });

  it('refuses before resolving when the name or port is not allowed', async () => {
    const calls: string[] = [];
    const lookup: LookupAll = (host) => {
      calls.push(host);
      return Promise.resolve([{ address: '203.0.113.80', family: 4 }]);
    };
    for (const [host, port] of [['secret-data.attacker.example', 443], ['registry.npmjs.org', 8443]] as const) {
      expect(await resolveEgressTarget({ policy, host, port, localAddresses: new Set(), timeoutMs: 1000, lookup })).toMatchObject({ ok: false, status: 403 });
    }
    expect(calls).toEqual([]);
  });

  it("refuses a registry name that resolves to the host's own interface address", async () => {
    const lookup: LookupAll = () => Promise.resolve([{ address: '203.0.113.5', family: 4 }]);
    expect(await resolveEgressTarget({ policy, host: 'registry.npmjs.org', port: 443, localAddresses: new Set(['203.0.113.5']), timeoutMs: 1000, lookup })).toMatchObject({
      ok: false,
      status: 403,
      address: '203.0.113.5',
      reason: 'registry.npmjs.org resolves only to refused addresses: 203.0.113.5 (host-interface)',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { classifyEgressAddress } from './classify-egress-address.ts';

describe('classifyEgressAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
  ])('refuses %s (%s)', (address, range) => {
    expect(classifyEgressAddress({ address })).toMatchObject({ allowed: false, range });
  });

  it.each([
    ['104.16.1.35', 'unicast'],
    ['203.0.113.80', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['2606:4700::6810:123', 'unicast'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:104.16.1.35', 'unicast'],
  ])('allows %s (%s): documentation/TEST-NET ranges must work, this project\'s CI routes registries through one', (address, range) => {
    expect(classifyEgressAddress({ address })).toMatchObject({ allowed: true, range });
  });

  it("refuses the host's own interface addresses whatever their class, and normalises before comparing", () => {
    const localAddresses = new Set(['203.0.113.9', '2001:db8::9']);
    expect(classifyEgressAddress({ address: '203.0.113.9', localAddresses })).toMatchObject({ allowed: false, range: 'host-interface' });
    expect(classifyEgressAddress({ address: '::ffff:203.0.113.9', localAddresses })).toMatchObject({ allowed: false, range: 'host-interface' });
    expect(classifyEgressAddress({ address: '2001:0db8:0:0:0:0:0:9', localAddresses })).toMatchObject({ allowed: false, range: 'host-interface' });
    expect(classifyEgressAddress({ address: '203.0.113.10', localAddresses }).allowed).toBe(true);
  });

  it('refuses what is not an address', () => {
    expect(classifyEgressAddress({ address: 'localhost' })).toMatchObject({ allowed: false, range: 'invalid' });
  });
});

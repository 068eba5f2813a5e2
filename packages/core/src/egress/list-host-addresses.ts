import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

/**
 * Every address of this host's interfaces, normalised the way classifyEgressAddress compares them: a public
 * address on eth0 reaches services bound to 0.0.0.0 just like 127.0.0.1 does.
 */
export const listHostAddresses = (): Set<string> => {
  const addresses = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      const bare = entry.address.split('%')[0] ?? entry.address;
      if (ipaddr.isValid(bare)) addresses.add(ipaddr.process(bare).toString());
    }
  }
  return addresses;
};

import ipaddr from 'ipaddr.js';

export type ClassifyEgressAddressOptions = {
  address: string;
  /** The host's own interface addresses: never a destination, whatever their class. */
  localAddresses?: ReadonlySet<string>;
};

export type AddressClass = { allowed: boolean; range: string; address: string };

// Allow-list of ipaddr.js ranges, so a range the library adds later is refused until someone decides.
// "reserved" stays allowed on purpose: it holds the documentation/TEST-NET blocks (192.0.2/24, 198.51.100/24,
// 203.0.113/24 and 2001:db8::/32), which some networks route to real gateways (this project's CI resolves
// every registry to one); it holds nothing that reaches the host.
const allowedV4 = new Set(['unicast', 'reserved', 'as112', 'amt']);
const allowedV6 = new Set(['unicast', 'reserved']);

/**
 * Whether the sandbox may be connected to `address`. Loopback, link-local, private (RFC 1918), CGNAT
 * (100.64/10), unique-local (fc00::/7), unspecified, broadcast and multicast are refused, and so are
 * IPv6 forms that embed an IPv4 address (mapped, SIIT, NAT64, 6to4, Teredo) unless the embedded address
 * would itself be allowed (only the mapped/SIIT forms, which are local; the tunnelled ones are refused).
 */
export const classifyEgressAddress = (options: ClassifyEgressAddressOptions): AddressClass => {
  if (!ipaddr.isValid(options.address)) return { allowed: false, range: 'invalid', address: options.address };
  let parsed = ipaddr.parse(options.address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // ::ffff:a.b.c.d and ::ffff:0:a.b.c.d are the IPv4 address itself to the kernel.
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else if (v6.range() === 'rfc6145') {
      const [high = 0, low = 0] = v6.parts.slice(-2);
      parsed = new ipaddr.IPv4([high >> 8, high & 255, low >> 8, low & 255]);
    }
  }
  const normalized = parsed.toString();
  const range = parsed.range();
  const local = options.localAddresses?.has(normalized) ?? false;
  const allowed = !local && (parsed.kind() === 'ipv4' ? allowedV4 : allowedV6).has(range);
  return { allowed, range: local ? 'host-interface' : range, address: normalized };
};

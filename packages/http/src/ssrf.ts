import ipaddr from 'ipaddr.js';

/**
 * The SSRF address policy: which IP addresses Tidings may connect to.
 *
 * Feeds and article links come from the internet, so a hostile feed can point
 * us at `http://169.254.169.254/` (cloud metadata), `http://localhost:6379/`
 * (our own Redis) or a name that resolves to a private address. The rule is an
 * allow-list, not a block-list: only global unicast addresses pass, plus
 * whatever the operator explicitly exempts (TIDINGS_FETCH_ALLOW_PRIVATE).
 * Anything this module does not positively recognise as public is refused.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** The only IPv6 space IANA allocates for global unicast (RFC 4291, 3587). */
const GLOBAL_UNICAST_V6: Cidr = [ipaddr.IPv6.parse('2000::'), 3];
/** NAT64 well-known prefix (RFC 6052): the last 32 bits are an IPv4 address. */
const NAT64_V6: Cidr = [ipaddr.IPv6.parse('64:ff9b::'), 96];

/** The verdict on one address, with the range it fell in for error messages. */
export interface AddressVerdict {
  allowed: boolean;
  /** The normalised address (IPv4-mapped IPv6 shown as IPv4). */
  address: string;
  /** 'unicast' for public addresses, else e.g. 'loopback', 'private', 'linkLocal', 'invalid'. */
  range: string;
}

/** A parsed allow-list, ready to check many addresses against. */
export interface AddressPolicy {
  check(ip: string): AddressVerdict;
}

/**
 * Parses `allowPrivate` once. Throws a RangeError naming the bad entry: a
 * typo in the allow-list is a configuration error and must fail loudly rather
 * than silently allow or block.
 */
export function createAddressPolicy(allowPrivate: readonly string[]): AddressPolicy {
  const allowed = allowPrivate.map(parseAllowedCidr);
  return {
    check(ip: string): AddressVerdict {
      const parsed = parseAddress(ip);
      if (parsed === null) return { allowed: false, address: ip, range: 'invalid' };
      const range = classify(parsed);
      const exempt = allowed.some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits));
      return { allowed: range === 'unicast' || exempt, address: parsed.toString(), range };
    },
  };
}

/**
 * True when `ip` is a public unicast address, or lies inside one of the
 * `allowPrivate` CIDRs. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the
 * IPv4 address it carries. Anything that is not an IP address is refused.
 */
export function isAddressAllowed(ip: string, allowPrivate: string[]): boolean {
  return createAddressPolicy(allowPrivate).check(ip).allowed;
}

/** Parses an address, unwrapping IPv4-mapped IPv6 so one rule covers both spellings. */
function parseAddress(ip: string): Address | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.process(bare);
  } catch {
    return null;
  }
}

/** Parses one allow-list entry; a bare address means that single host. */
function parseAllowedCidr(entry: string): Cidr {
  const text = entry.trim();
  try {
    if (!text.includes('/')) {
      const address = ipaddr.parse(text);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }
    const [address, bits] = ipaddr.parseCIDR(text);
    // An IPv4-mapped CIDR (::ffff:10.0.0.0/104) means the IPv4 network; addresses
    // are unwrapped before matching, so the entry must be too.
    if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && bits >= 96) {
      return [address.toIPv4Address(), bits - 96];
    }
    return [address, bits];
  } catch (error) {
    throw new RangeError(`invalid CIDR "${entry}" in the private-address allow-list (TIDINGS_FETCH_ALLOW_PRIVATE)`, {
      cause: error,
    });
  }
}

/** Names the range an address belongs to; only 'unicast' means publicly routable. */
function classify(address: Address): string {
  if (address instanceof ipaddr.IPv4) return address.range();
  const v6 = address;
  // A NAT64 gateway forwards 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d, so
  // judge the address it will really reach.
  if (v6.match(NAT64_V6)) {
    const [high = 0, low = 0] = v6.parts.slice(6);
    const range = classify(new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]));
    return range === 'unicast' ? 'unicast' : `${range} (via NAT64)`;
  }
  const range = v6.range();
  if (range !== 'unicast') return range;
  // ipaddr.js calls everything it has no name for "unicast", including the
  // deprecated IPv4-compatible ::a.b.c.d and unallocated space. Outside 2000::/3
  // nothing is public today, so refuse it.
  return v6.match(GLOBAL_UNICAST_V6) ? 'unicast' : 'reserved';
}

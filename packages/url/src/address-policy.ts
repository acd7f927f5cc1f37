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
 *
 * An exemption names addresses and, optionally, one port:
 *
 * - `CIDR` (`127.0.0.1/32`, `10.0.0.0/8`, `fd00::/8`) or a bare address: every port;
 * - `CIDR:port` (`127.0.0.0/8:8931`), `address:port` (`127.0.0.1:8931`),
 *   `[v6]:port` (`[::1]:8931`, `[fd00::/8]:443`): that port only;
 * - `name:port` (`feeds.intranet:8080`): whatever that host name resolves
 *   to, on that port, when a URL names that host.
 *
 * Which *requests* an exemption covers (the feed's own origin, or any link)
 * is decided by the caller's scope (see vetted-hosts.ts), not here.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** The only IPv6 space IANA allocates for global unicast (RFC 4291, 3587). */
const GLOBAL_UNICAST_V6: Cidr = [ipaddr.IPv6.parse('2000::'), 3];
/** NAT64 well-known prefix (RFC 6052): the last 32 bits are an IPv4 address. */
const NAT64_V6: Cidr = [ipaddr.IPv6.parse('64:ff9b::'), 96];
/** A DNS host name (letters, digits, hyphens; dot-separated labels). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Where a connection is going: the URL's host (as written, brackets stripped) and its effective port. */
export interface FetchTarget {
  hostname: string;
  port: number;
}

/** The verdict on one address, with the range it fell in for error messages. */
export interface AddressVerdict {
  /** Public unicast, or exempted by an allow-list entry. */
  allowed: boolean;
  /** The normalised address (IPv4-mapped IPv6 shown as IPv4). */
  address: string;
  /** 'unicast' for public addresses, else e.g. 'loopback', 'private', 'linkLocal', 'invalid'. */
  range: string;
  /** The allow-list entry (as configured) that exempts this non-public address; null otherwise. */
  exemptBy: string | null;
}

/** A parsed allow-list, ready to check many addresses against. */
export interface AddressPolicy {
  /**
   * Judges one address. `target` (host and port of the request) is needed
   * for entries that name a port or a host name; without it only entries
   * that cover every port of an address range can exempt.
   */
  check(ip: string, target?: FetchTarget): AddressVerdict;
}

/** One parsed TIDINGS_FETCH_ALLOW_PRIVATE entry. */
interface AllowEntry {
  /** As configured, for messages. */
  text: string;
  /** The addresses covered; null when the entry names a host instead. */
  network: Cidr | null;
  /** Lower-case host name the entry covers (a `name:port` entry). */
  hostname: string | null;
  /** The one port covered; null: every port. */
  port: number | null;
}

/**
 * Parses `allowPrivate` once. Throws a RangeError naming the bad entry: a
 * typo in the allow-list is a configuration error and must fail loudly rather
 * than silently allow or block.
 */
export function createAddressPolicy(allowPrivate: readonly string[]): AddressPolicy {
  const entries = allowPrivate.map(parseAllowEntry);
  return {
    check(ip: string, target?: FetchTarget): AddressVerdict {
      const parsed = parseAddress(ip);
      if (parsed === null) return { allowed: false, address: ip, range: 'invalid', exemptBy: null };
      const range = classify(parsed);
      const address = parsed.toString();
      if (range === 'unicast') return { allowed: true, address, range, exemptBy: null };
      const entry = entries.find((candidate) => covers(candidate, parsed, target));
      return { allowed: entry !== undefined, address, range, exemptBy: entry?.text ?? null };
    },
  };
}

/**
 * Checks a private-address allow-list without using it, so a service can
 * refuse a malformed TIDINGS_FETCH_ALLOW_PRIVATE when it starts rather than
 * on its first fetch.
 *
 * @throws RangeError naming the bad entry and the forms an entry may take.
 */
export function checkAllowList(allowPrivate: readonly string[]): void {
  createAddressPolicy(allowPrivate);
}

/**
 * True when `ip` is a public unicast address, or an `allowPrivate` entry
 * exempts it (on `port`, for entries that name one). IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries. Anything
 * that is not an IP address is refused.
 */
export function isAddressAllowed(ip: string, allowPrivate: readonly string[], port?: number): boolean {
  const target = port === undefined ? undefined : { hostname: ip.replace(/^\[|\]$/g, ''), port };
  return createAddressPolicy(allowPrivate).check(ip, target).allowed;
}

/** Whether `entry` exempts `address` for a request to `target`. */
function covers(entry: AllowEntry, address: Address, target: FetchTarget | undefined): boolean {
  if (entry.port !== null && entry.port !== target?.port) return false;
  if (entry.hostname !== null) return target !== undefined && normaliseHostname(target.hostname) === entry.hostname;
  if (entry.network === null) return false;
  const [network, bits] = entry.network;
  return address.kind() === network.kind() && address.match(network, bits);
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

/** A host name as entries store it: lower case, without brackets or a trailing dot. */
function normaliseHostname(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/(?<!\.)\.+$/, '').toLowerCase();
}

/**
 * Parses one allow-list entry: `CIDR`, an address, `CIDR:port`,
 * `address:port`, `[v6 or v6 CIDR]:port` or `name:port`.
 */
function parseAllowEntry(entry: string): AllowEntry {
  const text = entry.trim();
  const fail = (why: string, cause?: unknown) =>
    new RangeError(
      `invalid entry "${entry}" in the private-address allow-list (TIDINGS_FETCH_ALLOW_PRIVATE): ${why}; ` +
        'use CIDR, CIDR:port, host:port or [v6]:port (e.g. 127.0.0.1/32, 127.0.0.1:8931, [::1]:8931)',
      cause === undefined ? undefined : { cause },
    );
  let host = text;
  let portText: string | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2] ?? null;
  } else if (text.startsWith('[')) {
    throw fail('unbalanced brackets');
  } else if (!ipaddr.isValid(text) && !ipaddr.isValidCIDR(text)) {
    // A bare IPv6 address is full of colons; only a trailing ":digits" that leaves no valid address is a port.
    const colon = text.lastIndexOf(':');
    if (colon > 0 && /^\d+$/.test(text.slice(colon + 1))) {
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
    }
  }
  const port = portText === null ? null : Number(portText);
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65_535)) throw fail(`port ${portText} is not 1-65535`);

  if (host.includes('/')) {
    try {
      const [address, bits] = ipaddr.parseCIDR(host);
      // An IPv4-mapped CIDR (::ffff:10.0.0.0/104) means the IPv4 network; addresses
      // are unwrapped before matching, so the entry must be too.
      if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && bits >= 96) {
        return { text, network: [address.toIPv4Address(), bits - 96], hostname: null, port };
      }
      return { text, network: [address, bits], hostname: null, port };
    } catch (error) {
      throw fail(`"${host}" is not a CIDR`, error);
    }
  }
  const address = parseAddress(host);
  if (address !== null) return { text, network: [address, address.kind() === 'ipv4' ? 32 : 128], hostname: null, port };
  const name = normaliseHostname(host);
  if (!HOST_NAME.test(name)) throw fail(`"${host}" is neither an address, a CIDR nor a host name`);
  // A bare name would exempt every port of whatever it resolves to, today and after its DNS changes.
  if (port === null) throw fail(`a host name needs a port (${name}:<port>)`);
  return { text, network: null, hostname: name, port };
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

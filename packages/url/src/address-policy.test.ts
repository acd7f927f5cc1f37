import { describe, expect, it } from 'vitest';
import { createAddressPolicy, isAddressAllowed } from './address-policy.js';

describe('isAddressAllowed with no exemptions', () => {
  it.each([
    // Public unicast.
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['2a00:1450:4001:82a::200e', true],
    ['64:ff9b::808:808', true], // NAT64 of 8.8.8.8
    // IPv4 specials.
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['10.0.0.1', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false], // cloud metadata
    ['100.64.0.1', false], // carrier-grade NAT
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['240.0.0.1', false],
    ['192.0.2.10', false], // documentation
    // IPv6 specials.
    ['::1', false],
    ['[::1]', false],
    ['::', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['2001:db8::1', false], // documentation
    ['::7f00:1', false], // deprecated IPv4-compatible form of 127.0.0.1
    ['64:ff9b::a00:1', false], // NAT64 of 10.0.0.1
    // IPv4-mapped IPv6, in both spellings.
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.1.2.3', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:8.8.8.8', true],
    // Not addresses at all.
    ['localhost', false],
    ['', false],
    ['1.2.3.4.5', false],
  ])('%s -> %s', (ip, allowed) => {
    expect(isAddressAllowed(ip, [])).toBe(allowed);
  });

  it('just outside the private ranges is public', () => {
    expect(isAddressAllowed('172.15.255.255', [])).toBe(true);
    expect(isAddressAllowed('172.32.0.0', [])).toBe(true);
    expect(isAddressAllowed('100.63.255.255', [])).toBe(true);
  });
});

describe('isAddressAllowed with exemptions', () => {
  it.each([
    ['127.0.0.1', ['127.0.0.1/32'], true],
    ['127.0.0.2', ['127.0.0.1/32'], false],
    ['::ffff:127.0.0.1', ['127.0.0.1/32'], true], // mapped form of an exempt IPv4
    ['::1', ['127.0.0.1/32'], false],
    ['::1', ['127.0.0.0/8', '::1/128'], true],
    ['127.8.9.10', ['127.0.0.0/8', '::1/128'], true],
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['10.1.2.3', ['10.0.0.0/16'], false],
    ['192.168.0.7', ['192.168.0.7'], true], // a bare address means one host
    ['fd00::5', ['fd00::/8'], true],
    ['10.0.0.1', ['::ffff:10.0.0.0/104'], true], // mapped CIDR means the IPv4 network
    ['8.8.8.8', ['127.0.0.1/32'], true], // exemptions add, never remove
  ])('%s with %j -> %s', (ip, allowPrivate, allowed) => {
    expect(isAddressAllowed(ip, allowPrivate)).toBe(allowed);
  });

  it('throws on a malformed allow-list entry instead of guessing', () => {
    expect(() => isAddressAllowed('127.0.0.1', ['127.0.0.1/33'])).toThrow(/TIDINGS_FETCH_ALLOW_PRIVATE/);
    expect(() => createAddressPolicy(['localhost'])).toThrow(RangeError);
  });
});

describe('allow-list entries with a port', () => {
  it.each([
    // address:port, CIDR:port, [v6]:port, [v6 CIDR]:port: that port only.
    ['127.0.0.1', 8931, ['127.0.0.1:8931'], true],
    ['127.0.0.1', 6379, ['127.0.0.1:8931'], false],
    ['127.0.0.5', 8931, ['127.0.0.0/8:8931'], true],
    ['127.0.0.5', 8080, ['127.0.0.0/8:8931'], false],
    ['::1', 8931, ['[::1]:8931'], true],
    ['::1', 8932, ['[::1]:8931'], false],
    ['fd00::5', 443, ['[fd00::/8]:443'], true],
    ['fd00::5', 443, ['fd00::/8:443'], true],
    ['fd00::5', 80, ['fd00::/8:443'], false],
    ['::ffff:127.0.0.1', 8931, ['127.0.0.1:8931'], true],
    // Without a port, an entry covers every port (the old meaning, kept).
    ['127.0.0.1', 6379, ['127.0.0.1/32'], true],
    ['::1', 6379, ['[::1]'], true],
    ['::1', 6379, ['::1'], true],
  ])('%s port %s with %j -> %s', (ip, port, allowPrivate, allowed) => {
    expect(isAddressAllowed(ip, allowPrivate, port)).toBe(allowed);
  });

  it('needs the port to judge an entry that names one', () => {
    expect(isAddressAllowed('127.0.0.1', ['127.0.0.1:8931'])).toBe(false);
  });

  it('covers a host name only on its port, for requests naming that host', () => {
    const policy = createAddressPolicy(['feeds.intranet:8080']);
    expect(policy.check('10.1.2.3', { hostname: 'feeds.intranet', port: 8080 })).toMatchObject({ allowed: true, exemptBy: 'feeds.intranet:8080' });
    expect(policy.check('10.1.2.3', { hostname: 'FEEDS.intranet.', port: 8080 }).allowed).toBe(true);
    expect(policy.check('10.1.2.3', { hostname: 'feeds.intranet', port: 8081 }).allowed).toBe(false);
    expect(policy.check('10.1.2.3', { hostname: 'other.intranet', port: 8080 }).allowed).toBe(false);
    expect(policy.check('10.1.2.3').allowed).toBe(false);
  });

  it('names the entry that exempts an address', () => {
    const policy = createAddressPolicy(['10.0.0.0/8', '127.0.0.1:8931']);
    expect(policy.check('127.0.0.1', { hostname: '127.0.0.1', port: 8931 })).toEqual({ allowed: true, address: '127.0.0.1', range: 'loopback', exemptBy: '127.0.0.1:8931' });
    expect(policy.check('8.8.8.8', { hostname: '8.8.8.8', port: 80 }).exemptBy).toBeNull();
  });

  it.each([['127.0.0.1:0'], ['127.0.0.1:65536'], ['[::1'], ['[::1]:x'], ['localhost'], ['exa mple:80'], ['10.0.0.0/40:80']])(
    'refuses the malformed entry %s with a RangeError naming the variable',
    (entry) => {
      expect(() => createAddressPolicy([entry])).toThrow(RangeError);
      expect(() => createAddressPolicy([entry])).toThrow(/TIDINGS_FETCH_ALLOW_PRIVATE/);
    },
  );
});

describe('createAddressPolicy', () => {
  it('names the range an address was refused for', () => {
    const policy = createAddressPolicy([]);
    expect(policy.check('169.254.169.254')).toEqual({ allowed: false, address: '169.254.169.254', range: 'linkLocal', exemptBy: null });
    expect(policy.check('::ffff:192.168.0.1')).toMatchObject({ address: '192.168.0.1', range: 'private' });
  });
});

import { describe, expect, it } from 'vitest';
import { assertSafeListen, isAllowed, isLoopbackHost, presentedToken } from './auth.js';

const token = 'a-long-enough-secret-token';

describe('API auth', () => {
  it('lets everything through without a token', () => {
    expect(isAllowed({ token: null, publicRead: false }, 'write', undefined)).toBe(true);
  });

  it('needs the bearer token for writes, and for reads when reads are not public', () => {
    const open = { token, publicRead: true };
    const closed = { token, publicRead: false };
    expect(isAllowed(open, 'read', undefined)).toBe(true);
    expect(isAllowed(open, 'write', undefined)).toBe(false);
    expect(isAllowed(open, 'write', `Bearer ${token}`)).toBe(true);
    expect(isAllowed(open, 'write', `Bearer ${token}x`)).toBe(false);
    expect(isAllowed(open, 'write', `Token ${token}`)).toBe(false);
    expect(isAllowed(closed, 'read', undefined)).toBe(false);
    expect(isAllowed(closed, 'read', `bearer ${token}`)).toBe(true);
    expect(isAllowed(closed, 'public', undefined)).toBe(true);
  });

  it('accepts Basic (token as password) only where allowed', () => {
    const basic = `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`;
    expect(presentedToken(basic, false)).toBeNull();
    expect(presentedToken(basic, true)).toBe(token);
    expect(isAllowed({ token, publicRead: true }, 'write', basic, true)).toBe(true);
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '10.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a non-loopback address without a token', () => {
    expect(() => assertSafeListen('0.0.0.0', null)).toThrow(/TIDINGS_API_TOKEN/);
    expect(() => assertSafeListen('0.0.0.0', token)).not.toThrow();
    expect(() => assertSafeListen('127.0.0.1', null)).not.toThrow();
  });
});

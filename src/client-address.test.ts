import { describe, expect, it } from 'vitest';
import { clientKeyOf } from './client-address';
import { readSettings } from './config';

describe('clientKeyOf', () => {
  it('keeps an IPv4 address whole and cuts IPv6 to its /64, however it is written', () => {
    expect(clientKeyOf('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKeyOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:0db8:0001:0002:ffff:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default, 1 means X-Forwarded-For, otherwise it names the header', () => {
    expect(readSettings({}).trustProxyHeader).toBeUndefined();
    expect(readSettings({ TRUST_PROXY: '0' }).trustProxyHeader).toBeUndefined();
    expect(readSettings({ TRUST_PROXY: '1' }).trustProxyHeader).toBe('x-forwarded-for');
    expect(readSettings({ TRUST_PROXY: 'X-Real-IP' }).trustProxyHeader).toBe('x-real-ip');
    expect(() => readSettings({ TRUST_PROXY: 'x real ip' })).toThrow(/TRUST_PROXY/);
  });
});

import { describe, expect, it } from 'vitest';
import { addressAllowed, urlProblem, webhookLookup } from './webhook-address.js';
import { retryDelayMs } from './webhook.policy.js';

describe('addressAllowed', () => {
  it('allows public unicast addresses only', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) {
      expect(addressAllowed(address, 'production'), address).toBe(true);
    }
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '192.0.2.1',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
      '64:ff9b::a00:1',
      '2001:db8::1',
      'not an address',
    ]) {
      expect(addressAllowed(address, 'production'), address).toBe(false);
    }
  });

  it('allows loopback in development, and nothing else private', () => {
    expect(addressAllowed('127.0.0.1', 'development')).toBe(true);
    expect(addressAllowed('::1', 'development')).toBe(true);
    expect(addressAllowed('::ffff:127.0.0.1', 'development')).toBe(true);
    expect(addressAllowed('10.0.0.1', 'development')).toBe(false);
    expect(addressAllowed('169.254.169.254', 'development')).toBe(false);
  });
});

describe('urlProblem', () => {
  it('accepts https to public hosts, and plain http to this machine in development only', () => {
    expect(urlProblem('https://partner.example/hooks', 'production')).toBeUndefined();
    expect(urlProblem('https://93.184.215.14/hooks', 'production')).toBeUndefined();
    expect(urlProblem('http://127.0.0.1:8080/hooks', 'development')).toBeUndefined();
    expect(urlProblem('http://localhost:8080/hooks', 'development')).toBeUndefined();
    expect(urlProblem('http://127.0.0.1:8080/hooks', 'production')).toMatch(/https/);
    expect(urlProblem('http://partner.example/hooks', 'development')).toMatch(/https/);
    expect(urlProblem('https://[::ffff:a00:1]/hooks', 'production')).toMatch(/public/);
    expect(urlProblem('https://user:pw@partner.example/', 'production')).toMatch(/user name/);
    expect(urlProblem('gopher://partner.example/', 'production')).toMatch(/https/);
    expect(urlProblem('https://intranet/hooks', 'production')).toMatch(/public host/);
  });
});

describe('webhookLookup', () => {
  const resolve = (mode: 'production' | 'development', all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((done) => {
      webhookLookup(mode)('localhost', { all }, (error, address) => done({ error, address }));
    });

  it('refuses a name that resolves to a loopback address in production, for the connection itself', async () => {
    for (const all of [true, false]) {
      const answer = await resolve('production', all);
      expect(answer.error).toMatchObject({ code: 'REFUSED_ADDRESS' });
    }
    const allowed = await resolve('development', true);
    expect(allowed.error).toBeNull();
    expect(Array.isArray(allowed.address) && allowed.address.length > 0).toBe(true);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base with jitter of up to half, capped at six hours', () => {
    expect(retryDelayMs(2, 10, () => 0)).toBe(5_000);
    expect(retryDelayMs(2, 10, () => 1)).toBe(10_000);
    expect(retryDelayMs(5, 10, () => 1)).toBe(80_000);
    expect(retryDelayMs(5, 10, () => 0)).toBe(40_000);
    expect(retryDelayMs(40, 10, () => 1)).toBe(6 * 3_600_000);
  });
});

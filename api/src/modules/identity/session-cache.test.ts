import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SESSION_ACTOR_CHANNEL,
  SESSION_CACHE_MAX_AGE_MS,
  SESSION_CACHE_MAX_SESSIONS,
  SessionCache,
  type NotificationSource,
} from './session-cache.js';

/** A LISTEN connection as the cache sees it: up or down, its generation, and the channel's handler. */
class Connection implements NotificationSource {
  isListening = true;
  generation = 1;
  handler: ((payload: string) => void) | undefined;

  subscribe(channel: string, handler: (payload: string) => void): Promise<() => void> {
    expect(channel).toBe(SESSION_ACTOR_CHANNEL);
    this.handler = handler;
    return Promise.resolve(() => undefined);
  }

  notify(payload: string): void {
    this.handler?.(payload);
  }
}

const row = { active: true, role: 'PATIENT' };
let connection: Connection;
let cache: SessionCache;

beforeEach(async () => {
  connection = new Connection();
  cache = new SessionCache(connection);
  await cache.start();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionCache', () => {
  it('remembers a valid check until its user changes', () => {
    cache.remember('u1', 's1', row, cache.ticket());
    cache.remember('u1', 's2', row, cache.ticket());
    cache.remember('u2', 's3', row, cache.ticket());
    expect(cache.lookup('u1', 's1')).toEqual(row);
    connection.notify('u1');
    expect(cache.lookup('u1', 's1')).toBeUndefined();
    expect(cache.lookup('u1', 's2')).toBeUndefined();
    expect(cache.lookup('u2', 's3')).toEqual(row);
    connection.notify('*');
    expect(cache.lookup('u2', 's3')).toBeUndefined();
  });

  it("does not remember an answer read while its user's change arrived (it may predate the change)", () => {
    const ticket = cache.ticket();
    const other = cache.ticket();
    connection.notify('u1');
    cache.remember('u1', 's1', row, ticket);
    expect(cache.lookup('u1', 's1')).toBeUndefined();
    // Another user's change does not matter.
    cache.remember('u2', 's2', row, other);
    expect(cache.lookup('u2', 's2')).toEqual(row);
  });

  it('neither remembers nor answers while the LISTEN connection is down, and starts empty after it is made again', () => {
    cache.remember('u1', 's1', row, cache.ticket());
    connection.isListening = false;
    expect(cache.lookup('u1', 's1')).toBeUndefined();
    cache.remember('u2', 's2', row, cache.ticket());
    connection.isListening = true;
    expect(cache.lookup('u2', 's2')).toBeUndefined();
    // A drop and a reconnection between two requests, unseen by either: the generation tells.
    cache.remember('u3', 's3', row, cache.ticket());
    connection.generation += 2;
    expect(cache.lookup('u3', 's3')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets once when the LISTEN connection drops and once when it is made again, not on every request between', () => {
    const before = cache.ticket().epoch;
    connection.isListening = false;
    const down = cache.ticket().epoch;
    expect(down).toBe(before + 1);
    for (let request = 0; request < 100; request += 1) {
      expect(cache.lookup('u1', 's1')).toBeUndefined();
      cache.remember('u1', 's1', row, cache.ticket());
    }
    expect(cache.ticket().epoch).toBe(down);
    connection.isListening = true;
    connection.generation += 1;
    expect(cache.ticket().epoch).toBe(down + 1);
    cache.remember('u1', 's1', row, cache.ticket());
    expect(cache.lookup('u1', 's1')).toEqual(row);
  });

  it('does not remember a check whose ticket predates a reconnection', () => {
    const ticket = cache.ticket();
    connection.generation += 2;
    cache.remember('u1', 's1', row, ticket);
    expect(cache.lookup('u1', 's1')).toBeUndefined();
  });

  it(`forgets a check after ${SESSION_CACHE_MAX_AGE_MS} ms, counted from when it was sent`, () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const ticket = cache.ticket();
    vi.advanceTimersByTime(SESSION_CACHE_MAX_AGE_MS / 2);
    cache.remember('u1', 's1', row, ticket);
    vi.advanceTimersByTime(SESSION_CACHE_MAX_AGE_MS / 2 - 1);
    expect(cache.lookup('u1', 's1')).toEqual(row);
    vi.advanceTimersByTime(2);
    expect(cache.lookup('u1', 's1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it(`holds at most ${SESSION_CACHE_MAX_SESSIONS} sessions, dropping the users remembered longest ago`, () => {
    for (let index = 0; index <= SESSION_CACHE_MAX_SESSIONS; index += 1) {
      cache.remember(`u${index}`, 's', row, cache.ticket());
    }
    expect(cache.size).toBe(SESSION_CACHE_MAX_SESSIONS);
    expect(cache.lookup('u0', 's')).toBeUndefined();
    expect(cache.lookup(`u${SESSION_CACHE_MAX_SESSIONS}`, 's')).toEqual(row);
  });

  it('remembers nothing before it listens', () => {
    const early = new SessionCache(new Connection());
    early.remember('u1', 's1', row, early.ticket());
    expect(early.lookup('u1', 's1')).toBeUndefined();
  });
});

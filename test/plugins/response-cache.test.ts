import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResponseCache, type CachedResponse } from '../../src/plugins/response-cache.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'playbill-response-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const response = (body: string): CachedResponse => ({ method: 'GET', url: 'https://api.github.com/repos/a/b', status: 200, statusText: 'OK', headers: {}, body, fetchedAt: '2026-11-27T14:02:00Z' });

describe('the response cache', () => {
  it('survives several entities storing the same request at the same time', async () => {
    const cache = new ResponseCache(dir);
    const key = ResponseCache.key('GET', 'https://api.github.com/repos/a/b');
    await Promise.all(Array.from({ length: 8 }, (_, index) => cache.set('github', key, response(`{"n":${index}}`))));
    expect((await cache.get('github', key))!.body).toMatch(/^\{"n":\d\}$/);
    expect(await readdir(join(dir, 'github'))).toEqual([`${key}.json`]);
  });

  it('keys a request by its credentials too', () => {
    const url = 'https://api.github.com/repos/a/b';
    expect(ResponseCache.key('GET', url, '', 'token one')).not.toBe(ResponseCache.key('GET', url, '', 'token two'));
    expect(ResponseCache.key('GET', url, '', 'token one')).toBe(ResponseCache.key('get', url, '', 'token one'));
  });

  it('answers again from memory what it read or stored in this build, keeping at most memoryBytes', async () => {
    const cache = new ResponseCache(dir, { memoryBytes: 20 });
    const [a, b, c] = ['a', 'b', 'c'].map((name) => ResponseCache.key('GET', `https://api.github.com/repos/o/${name}`));
    await cache.set('github', a!, response('{"n":"aaaaaaaa"}'));
    await cache.set('github', b!, response('{"n":"bbbbbbbb"}'));
    await rm(join(dir, 'github'), { recursive: true });
    // a was dropped from memory to keep b (16 + 16 bytes > 20), so only b is still answered
    expect(await cache.get('github', a!)).toBeUndefined();
    expect((await cache.get('github', b!))!.body).toBe('{"n":"bbbbbbbb"}');

    const fresh = new ResponseCache(dir);
    await fresh.set('github', c!, response('{"n":"c"}'));
    expect((await new ResponseCache(dir).get('github', c!))!.body).toBe('{"n":"c"}');
  });
});

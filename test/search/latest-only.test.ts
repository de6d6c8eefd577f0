import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../src/search/client/latest-only.ts';

/** A search that answers when the test says so. */
function controllableSearch() {
  const started: string[] = [];
  const answers = new Map<string, (result: string) => void>();
  const run = (query: string) => {
    started.push(query);
    return new Promise<string>((resolve) => answers.set(query, resolve));
  };
  return { started, run, answer: (query: string) => answers.get(query)!(`results for ${query}`) };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('one search at a time, the latest next', () => {
  it('skips what was typed while a search ran and runs only the latest after it', async () => {
    const search = controllableSearch();
    const shown: string[] = [];
    const request = latestOnly(search.run, (query, outcome) => shown.push(outcome.ok ? outcome.result : `failed ${query}`));
    request('p');
    request('pa');
    request('pay');
    request('paym');
    expect(search.started).toEqual(['p']);
    search.answer('p');
    await settle();
    expect(search.started).toEqual(['p', 'paym']);
    search.answer('paym');
    await settle();
    expect(shown).toEqual(['results for p', 'results for paym']);
  });

  it('reports a failed search and goes on with the next', async () => {
    const request = latestOnly(
      (query: string) => (query === 'bad' ? Promise.reject(new Error('no index')) : Promise.resolve(query)),
      (query, outcome) => outcomes.push(outcome.ok ? `ok ${outcome.result}` : `failed ${query}`),
    );
    const outcomes: string[] = [];
    request('bad');
    request('good');
    await settle();
    await settle();
    expect(outcomes).toEqual(['failed bad', 'ok good']);
  });
});

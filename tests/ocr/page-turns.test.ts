/**
 * Page turns across a batch's pipeline threads (src/ocr/page-turns.ts): one thread prepares a
 * page at a time; a turn held by a thread that ended is given back by the pool.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePageTurn, makePageTurns, pageTurn, usePageTurns } from '../../src/ocr/page-turns.ts';

afterEach(() => usePageTurns(null));

describe('page turns', () => {
  it('without a pool, a turn is free at once', async () => {
    const release = await pageTurn();
    release();
  });

  it('waits while another thread holds the turn, and goes on when the pool frees it', async () => {
    const buf = makePageTurns();
    usePageTurns(buf);
    const word = new Int32Array(buf);
    Atomics.store(word, 0, 4242); // another thread's id
    let got = false;
    const waiting = pageTurn().then((release) => {
      got = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toBe(false);
    freePageTurn(buf, 4242); // that thread ended
    const release = await waiting;
    expect(got).toBe(true);
    expect(Atomics.load(word, 0)).not.toBe(0);
    release();
    expect(Atomics.load(word, 0)).toBe(0);
  });

  it('a second turn waits for the first to be released', async () => {
    usePageTurns(makePageTurns());
    const first = await pageTurn();
    let second = false;
    const next = pageTurn().then((release) => {
      second = true;
      release();
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(second).toBe(false);
    first();
    await next;
    expect(second).toBe(true);
  });
});

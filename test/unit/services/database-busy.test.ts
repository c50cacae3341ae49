import { describe, expect, it } from 'vitest';
import { DatabaseBusy, isDatabaseBusy, retryWhileBusy, skipIfBusy, writeWhenFree } from '../../../src/services/database-busy.js';

const busy = (code = 'SQLITE_BUSY') => Object.assign(new Error('database is locked'), { code });

describe('waiting for a database another process holds', () => {
  it('knows a busy database by its code, snapshot and recovery variants too', () => {
    expect(isDatabaseBusy(busy())).toBe(true);
    expect(isDatabaseBusy(busy('SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isDatabaseBusy(busy('SQLITE_CONSTRAINT'))).toBe(false);
    expect(isDatabaseBusy(new Error('x'))).toBe(false);
    expect(isDatabaseBusy(undefined)).toBe(false);
  });

  it('retries on timers until the lock is gone, and the event loop serves others meanwhile', async () => {
    let tries = 0;
    let otherWork = 0;
    const ticker = setInterval(() => otherWork++, 1);
    const result = await retryWhileBusy(
      () => {
        if (++tries < 4) throw busy();
        return 'saved';
      },
      { firstDelayMs: 10, deadlineMs: 5000 },
    );
    clearInterval(ticker);
    expect(result).toBe('saved');
    expect(tries).toBe(4);
    expect(otherWork).toBeGreaterThan(0);
  });

  it('gives up with a plain DatabaseBusy past the deadline', async () => {
    let tries = 0;
    const started = Date.now();
    const failed = retryWhileBusy(() => {
      tries++;
      throw busy();
    }, { firstDelayMs: 5, maxDelayMs: 20, deadlineMs: 150 });
    await expect(failed).rejects.toBeInstanceOf(DatabaseBusy);
    await expect(failed).rejects.toThrow('The database is busy just now');
    expect(tries).toBeGreaterThan(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('throws any other error at once, untried again', async () => {
    let tries = 0;
    await expect(retryWhileBusy(() => {
      tries++;
      throw new Error('a bug');
    })).rejects.toThrow('a bug');
    expect(tries).toBe(1);
  });

  it('bookkeeping is written later once the lock is gone, and skipped writes return what was asked', async () => {
    let locked = true;
    let written = 0;
    const errors: unknown[] = [];
    writeWhenFree(() => {
      if (locked) throw busy();
      written++;
    }, (err) => errors.push(err), { firstDelayMs: 5 });
    expect(written).toBe(0);
    locked = false;
    await expect.poll(() => written, { timeout: 5000 }).toBe(1);
    expect(errors).toEqual([]);
    expect(skipIfBusy(() => { throw busy(); }, 'skipped')).toBe('skipped');
    expect(() => skipIfBusy(() => { throw new Error('a bug'); }, 'skipped')).toThrow('a bug');
  });
});

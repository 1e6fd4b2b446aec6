import { describe, expect, it } from 'vitest';
import { CchcError } from '../../sync/errors';
import { delayFor, withBackoff } from '../../sync/sheets/backoff';

const httpError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, response: { status, headers } });

describe('Sheets API backoff', () => {
  it("waits min(2^n s + jitter, 64 s), or the server's Retry-After", () => {
    const noJitter = { random: () => 0 };
    expect([0, 1, 2, 5, 6, 9].map((n) => delayFor(n, httpError(429), noJitter))).toEqual([1000, 2000, 4000, 32_000, 64_000, 64_000]);
    expect(delayFor(0, httpError(503), { random: () => 0.5 })).toBe(1500);
    expect(delayFor(3, httpError(429, { 'retry-after': '7' }), noJitter)).toBe(7000);
  });

  it('retries 429 and 5xx, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withBackoff(
      'đọc bảng tính',
      async () => {
        calls++;
        if (calls === 1) throw httpError(429, { 'retry-after': '2' });
        if (calls === 2) throw httpError(500);
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 0 },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([2000, 2000]);
  });

  it('does not retry other errors, and gives up with a Vietnamese message after the last attempt', async () => {
    await expect(withBackoff('ghi', async () => Promise.reject(httpError(403)), { sleep: async () => {} })).rejects.toMatchObject({
      status: 403,
    });
    const error = await withBackoff('ghi bảng tính', async () => Promise.reject(httpError(503)), {
      attempts: 3,
      sleep: async () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CchcError);
    expect((error as CchcError).code).toBe('SHEETS_UNAVAILABLE');
    expect((error as CchcError).messageVi).toContain('đã thử lại 3 lần');
  });
});

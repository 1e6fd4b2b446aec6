/** The one reader of the environment (sync/environment.ts): what each variable gives, and a bad number stops the command. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environment } from '../../sync/environment';
import { cchcAsync } from '../helpers/cli';

describe('the environment, read in one place', () => {
  it('gives the defaults when nothing is set, and trims what officials paste', () => {
    expect(environment({})).toEqual({
      store: undefined,
      sheetId: undefined,
      googleKeyFile: undefined,
      googleAccessToken: undefined,
      sheetsApiUrl: undefined,
      sheetsTimeoutMs: 120_000,
      sheetsWriteDeadlineMs: 185_000,
      lockWaitMs: 5000,
      googleApplicationCredentials: undefined,
      googleQuotaProject: undefined,
      gcloudConfig: undefined,
      appData: undefined,
      xdgConfigHome: undefined,
      home: undefined,
    });
    const env = environment({ CCHC_SHEET_ID: '  1AbC \n', CCHC_LOCK_WAIT_MS: ' 20000 ', CCHC_STORE: 'D:\\CCHC\\so.xlsx' });
    expect([env.sheetId, env.lockWaitMs, env.store]).toEqual(['1AbC', 20000, 'D:\\CCHC\\so.xlsx']);
  });

  it('a value that is not a number stops the command with one Vietnamese line, exit 2', async () => {
    expect(() => environment({ CCHC_LOCK_WAIT_MS: '5 giây' })).toThrow(/ENV_INVALID/);
    const dir = await mkdtemp(join(tmpdir(), 'cchc-env-'));
    const result = await cchcAsync(['init'], { cwd: dir, env: { CCHC_LOCK_WAIT_MS: '5 giây' } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'Lỗi: Biến môi trường CCHC_LOCK_WAIT_MS="5 giây" không phải số mili giây. Sửa hoặc bỏ biến đó rồi chạy lại. [ENV_INVALID]',
    );
  });
});

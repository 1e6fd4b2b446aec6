/** The small messages point 12 of issue #13 asked to make right. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { megabytes } from '../../sync/files/zip-guard';
import { sheetsError } from '../../sync/sheets/api-errors';
import { cchcAsync } from '../helpers/cli';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

describe('messages', () => {
  it('a size just over a limit never shows as the limit itself', () => {
    expect(megabytes(20 * 1024 * 1024 + 1)).toBe('20,1 MB');
    expect(megabytes(300 * 1024 * 1024)).toBe('300,0 MB');
  });

  it('a request the client timed out on says Google did not answer in time, not "không kết nối được"', () => {
    const saved = process.env['CCHC_SHEETS_API_URL'];
    delete process.env['CCHC_SHEETS_API_URL'];
    try {
      const aborted = Object.assign(new Error('The operation was aborted.'), { error: { name: 'AbortError' } });
      const text = sheetsError(aborted, 'ABC', 'đọc bảng tính').messageVi;
      expect(text).toContain('Google không trả lời kịp');
      expect(text).not.toContain('không kết nối được');
      expect(text).not.toContain('CCHC_SHEETS_API_URL');
      const refused = sheetsError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'ABC', 'đọc bảng tính');
      expect(refused.messageVi).toContain('không kết nối được');
    } finally {
      if (saved !== undefined) process.env['CCHC_SHEETS_API_URL'] = saved;
    }
  });

  it('a 400 on a protected range says what to do in Vietnamese', () => {
    const error = {
      status: 400,
      response: { status: 400, data: { error: { message: 'You are trying to edit a protected cell or object.' } } },
    };
    const text = sheetsError(error, 'ABC', 'ghi vào bảng tính').messageVi;
    expect(text).toContain('đang được bảo vệ');
  });

  it('403 names the sheet once', () => {
    const text = sheetsError({ status: 403 }, 'ABC', 'đọc bảng tính').messageVi;
    expect(text).toContain('Không có quyền đọc bảng tính ABC.');
    expect(text).not.toContain('bảng tính bảng tính');
  });

  it('a service-account key whose private key cannot sign says so, not "không kết nối được"', async () => {
    const dir = await tempDir();
    const key = join(dir, 'khoa.json');
    await writeFile(
      key,
      JSON.stringify({
        type: 'service_account',
        client_email: 'cchc@du-an.iam.gserviceaccount.com',
        private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      }),
    );
    const result = await cchcAsync(['validate', '--sheet', 'ABC'], {
      env: { CCHC_GOOGLE_KEY_FILE: key, CCHC_SHEETS_API_URL: 'http://127.0.0.1:9', CCHC_GOOGLE_ACCESS_TOKEN: '' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[AUTH_KEY_INVALID]');
    expect(result.stderr).not.toContain('không kết nối được');
  });

  it('--store naming a folder says it is a folder, not to restore FOLDER.bak', async () => {
    const dir = join(await tempDir(), 'data');
    await mkdir(dir);
    const result = await cchcAsync(['validate', '--store', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[STORE_IS_FOLDER]');
    expect(result.stderr).not.toContain('.bak');
  });
});

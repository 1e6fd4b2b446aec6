/**
 * Google credentials for the Sheets API, narrowest scope that works
 * (`spreadsheets`: a service account cannot reach an existing sheet under
 * drive.file). Interim version: access token from CCHC_GOOGLE_ACCESS_TOKEN,
 * service-account key file, or Application Default Credentials.
 */
import { auth } from '@googleapis/sheets';
import { CchcError } from '../errors';
import type { SheetsAuthClient } from './client';

export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets'] as const;

export async function sheetsAuth(env: NodeJS.ProcessEnv = process.env): Promise<SheetsAuthClient> {
  const token = env['CCHC_GOOGLE_ACCESS_TOKEN'];
  if (token) {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: token });
    return client;
  }
  const keyFile = env['CCHC_GOOGLE_KEY_FILE'] ?? env['GOOGLE_APPLICATION_CREDENTIALS'];
  const google = new auth.GoogleAuth({ scopes: [...SHEETS_SCOPES], ...(keyFile ? { keyFile } : {}) });
  try {
    return (await google.getClient()) as SheetsAuthClient;
  } catch {
    throw new CchcError(
      'AUTH_MISSING',
      'Chưa có thông tin đăng nhập Google. Đặt CCHC_GOOGLE_KEY_FILE trỏ tới tệp khóa tài khoản dịch vụ (và chia sẻ bảng tính với email của tài khoản đó), hoặc đặt CCHC_GOOGLE_ACCESS_TOKEN; xem docs/huong-dan-ket-noi-google-sheet.md.',
    );
  }
}

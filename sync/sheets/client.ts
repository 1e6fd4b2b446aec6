/**
 * The Sheets API v4 client: Google's generated client from `@googleapis/sheets`
 * (the per-API package, not the 200 MB `googleapis` bundle). The API root comes
 * from CCHC_SHEETS_API_URL so proxies and the test emulator work unchanged. The
 * client's own retry (GET/PUT only, about 2 s) is off: backoff.ts owns retries.
 */
import { sheets, type sheets_v4 } from '@googleapis/sheets';

export const GOOGLE_SHEETS_API_URL = 'https://sheets.googleapis.com/';

export type SheetsApi = sheets_v4.Sheets;
export type SheetsAuthClient = sheets_v4.Options['auth'];

export function apiRoot(env: NodeJS.ProcessEnv = process.env): string {
  const root = env['CCHC_SHEETS_API_URL'] || GOOGLE_SHEETS_API_URL;
  return root.endsWith('/') ? root : `${root}/`;
}

/** A stalled connection must end in a message, not hang the command. CCHC_SHEETS_TIMEOUT_MS overrides it (tests). */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env['CCHC_SHEETS_TIMEOUT_MS'] ?? 120_000);
}

export function sheetsApi(auth: SheetsAuthClient, env: NodeJS.ProcessEnv = process.env): SheetsApi {
  return sheets({ version: 'v4', auth, rootUrl: apiRoot(env), retry: false, timeout: requestTimeoutMs(env) });
}

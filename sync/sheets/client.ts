/**
 * The Sheets API v4 client: Google's generated client from `@googleapis/sheets`
 * (the per-API package, not the 200 MB `googleapis` bundle). The API root comes
 * from CCHC_SHEETS_API_URL so proxies and the test emulator work unchanged. The
 * client's own retry (GET/PUT only, about 2 s) is off: backoff.ts owns retries.
 */
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { environment, processEnv, type Env } from '../environment';

export const GOOGLE_SHEETS_API_URL = 'https://sheets.googleapis.com/';

export type SheetsApi = sheets_v4.Sheets;
export type SheetsAuthClient = sheets_v4.Options['auth'];

export function apiRoot(env: Env = processEnv()): string {
  const root = environment(env).sheetsApiUrl ?? GOOGLE_SHEETS_API_URL;
  return root.endsWith('/') ? root : `${root}/`;
}

/** A stalled connection must end in a message, not hang the command. */
export function requestTimeoutMs(env: Env = processEnv()): number {
  return environment(env).sheetsTimeoutMs;
}

export function sheetsApi(auth: SheetsAuthClient, env: Env = processEnv()): SheetsApi {
  return sheets({ version: 'v4', auth, rootUrl: apiRoot(env), retry: false, timeout: requestTimeoutMs(env) });
}

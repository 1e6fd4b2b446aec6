/**
 * Google credentials for the Sheets API, with the narrowest scope that works
 * (`spreadsheets`: a service account cannot reach an existing sheet under
 * drive.file). Sources, first found wins:
 *   1. CCHC_GOOGLE_ACCESS_TOKEN: a bearer token used as is (gcloud, proxies, tests),
 *      billed to GOOGLE_CLOUD_QUOTA_PROJECT if set;
 *   2. CCHC_GOOGLE_KEY_FILE or GOOGLE_APPLICATION_CREDENTIALS: a service-account
 *      key, or an OAuth desktop client whose token `cchc auth login` cached;
 *   3. Application Default Credentials (`gcloud auth application-default login`).
 * Messages name the file or variable at fault, never a token or key.
 */
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { auth } from '@googleapis/sheets';
import { CchcError } from '../errors';
import { readBounded } from '../files/input-file';
import type { SheetsAuthClient } from './client';

export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets'] as const;

export interface AuthOptions {
  env?: NodeJS.ProcessEnv;
}

const GUIDE = 'Xem hướng dẫn docs/huong-dan-ket-noi-google-sheet.md.';

type OAuth2 = InstanceType<typeof auth.OAuth2>;

export interface KeyJson {
  type?: string;
  client_email?: string;
  private_key?: string;
  installed?: { client_id?: string; client_secret?: string };
}

/** The user's settings folder: %APPDATA% on Windows (where gcloud keeps its own), else $XDG_CONFIG_HOME or ~/.config. */
function userConfigHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32' && env['APPDATA']) return env['APPDATA'];
  return env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
}

export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(userConfigHome(env, platform), 'cchc-sheets');
}

/** gcloud's Application Default Credentials file: CLOUDSDK_CONFIG, else %APPDATA%\gcloud on Windows, ~/.config/gcloud elsewhere. */
export function gcloudCredentialsPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = platform === 'win32' && env['APPDATA'] ? env['APPDATA'] : join(env['HOME'] || homedir(), '.config');
  return join(env['CLOUDSDK_CONFIG'] || join(home, 'gcloud'), 'application_default_credentials.json');
}

/** Where `cchc auth login` keeps the official's refresh token (mode 0600). */
export function tokenCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'token.json');
}

export async function saveTokenCache(path: string, tokens: object): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, JSON.stringify(tokens), { mode: 0o600 });
  await chmod(path, 0o600); // writeFile keeps an existing file's looser mode
}

export async function readKeyJson(path: string, variable: string): Promise<KeyJson> {
  let text: string;
  try {
    // Bounded and regular files only: a FIFO named as the key file is refused, not waited on.
    const read = await readBounded(path, 1024 * 1024);
    if (!read || 'tooLarge' in read) throw new Error('not a key file');
    text = read.bytes.toString('utf8');
  } catch (error) {
    if (error instanceof CchcError) throw error;
    throw new CchcError('AUTH_KEY_FILE_MISSING', `Không tìm thấy tệp khóa "${path}" (biến ${variable}). Kiểm tra đường dẫn. ${GUIDE}`);
  }
  try {
    return JSON.parse(text) as KeyJson;
  } catch {
    throw new CchcError(
      'AUTH_KEY_FILE_INVALID',
      `Tệp "${path}" (biến ${variable}) không phải tệp khóa JSON của Google. Tải lại tệp khóa từ Google Cloud Console. ${GUIDE}`,
    );
  }
}

/** An OAuth desktop client from its JSON, redirecting to `redirectUri` if given. */
export function desktopClient(key: KeyJson, path: string, redirectUri?: string, tokenUrl?: string): OAuth2 {
  const { client_id: clientId, client_secret: clientSecret } = key.installed ?? {};
  if (!clientId || !clientSecret) {
    throw new CchcError(
      'AUTH_KEY_FILE_INVALID',
      `Tệp "${path}" không phải ứng dụng OAuth loại "Desktop app". Tạo lại trong Google Cloud Console. ${GUIDE}`,
    );
  }
  return new auth.OAuth2({ clientId, clientSecret, redirectUri, ...(tokenUrl ? { endpoints: { oauth2TokenUrl: tokenUrl } } : {}) });
}

async function cachedUser(key: KeyJson, path: string, env: NodeJS.ProcessEnv): Promise<OAuth2> {
  const cache = tokenCachePath(env);
  const client = desktopClient(key, path);
  let tokens: object;
  try {
    tokens = JSON.parse(await readFile(cache, 'utf8')) as object;
  } catch {
    throw new CchcError(
      'AUTH_LOGIN_REQUIRED',
      `Chưa đăng nhập tài khoản Google trên máy này. Chạy "cchc auth login" một lần rồi chạy lại lệnh. ${GUIDE}`,
    );
  }
  if (((await stat(cache)).mode & 0o077) !== 0) await chmod(cache, 0o600);
  client.setCredentials(tokens);
  // Google may rotate the refresh token: keep the cache current.
  client.on('tokens', (fresh) => void saveTokenCache(cache, { ...tokens, ...fresh }));
  return client;
}

export async function sheetsAuth(options: AuthOptions = {}): Promise<SheetsAuthClient> {
  const env = options.env ?? process.env;
  const token = env['CCHC_GOOGLE_ACCESS_TOKEN'];
  if (token) {
    // A user's token from gcloud is billed to a quota project, which the Sheets API then needs named.
    const client = new auth.OAuth2({ quotaProjectId: env['GOOGLE_CLOUD_QUOTA_PROJECT'] || undefined });
    client.setCredentials({ access_token: token });
    return client;
  }
  const variable = env['CCHC_GOOGLE_KEY_FILE']
    ? 'CCHC_GOOGLE_KEY_FILE'
    : env['GOOGLE_APPLICATION_CREDENTIALS']
      ? 'GOOGLE_APPLICATION_CREDENTIALS'
      : null;
  if (variable) {
    const path = env[variable]!;
    const key = await readKeyJson(path, variable);
    if (key.installed) return cachedUser(key, path, env);
    if (key.type === 'service_account' && (!key.client_email || !key.private_key)) {
      throw new CchcError(
        'AUTH_KEY_FILE_INVALID',
        `Tệp khóa tài khoản dịch vụ "${path}" thiếu email hoặc khóa. Tạo khóa mới trong Google Cloud Console. ${GUIDE}`,
      );
    }
    if (key.type !== 'service_account' && key.type !== 'authorized_user') {
      throw new CchcError('AUTH_KEY_FILE_INVALID', `Tệp "${path}" không phải khóa tài khoản dịch vụ hay ứng dụng OAuth Desktop. ${GUIDE}`);
    }
    return new auth.GoogleAuth({ credentials: key as never, scopes: [...SHEETS_SCOPES] }) as unknown as SheetsAuthClient;
  }
  // Application Default Credentials, from gcloud's well-known file (no probing of cloud metadata servers).
  const adc = gcloudCredentialsPath(env);
  const found = await stat(adc).then(
    () => true,
    () => false,
  );
  if (found) return sheetsAuth({ env: { ...env, GOOGLE_APPLICATION_CREDENTIALS: adc } });
  throw new CchcError(
    'AUTH_MISSING',
    'Chưa có thông tin đăng nhập Google. Chọn một cách: (1) đặt CCHC_GOOGLE_KEY_FILE trỏ tới tệp khóa tài khoản dịch vụ và chia sẻ bảng tính với email của tài khoản đó; ' +
      '(2) chạy "gcloud auth application-default login --scopes=https://www.googleapis.com/auth/spreadsheets,https://www.googleapis.com/auth/cloud-platform"; ' +
      `(3) đặt CCHC_GOOGLE_ACCESS_TOKEN="$(gcloud auth application-default print-access-token)". ${GUIDE}`,
  );
}

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
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { auth } from '@googleapis/sheets';
import { environment, processEnv, type Env, type Environment } from '../environment';
import { CchcError } from '../errors';
import { tempBeside } from '../files/durable-write';
import { readBounded } from '../files/input-file';
import type { SheetsAuthClient } from './client';

export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets'] as const;

export interface AuthOptions {
  env?: Env;
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
function userConfigHome({ appData, xdgConfigHome, home }: Environment, platform: NodeJS.Platform): string {
  if (platform === 'win32' && appData) return appData;
  return xdgConfigHome ?? join(home ?? homedir(), '.config');
}

export function configDir(env: Env = processEnv(), platform: NodeJS.Platform = process.platform): string {
  return join(userConfigHome(environment(env), platform), 'cchc-sheets');
}

/** gcloud's Application Default Credentials file: CLOUDSDK_CONFIG, else %APPDATA%\gcloud on Windows, ~/.config/gcloud elsewhere. */
export function gcloudCredentialsPath(env: Env = processEnv(), platform: NodeJS.Platform = process.platform): string {
  const { appData, home, gcloudConfig } = environment(env);
  const settings = platform === 'win32' && appData ? appData : join(home ?? homedir(), '.config');
  return join(gcloudConfig ?? join(settings, 'gcloud'), 'application_default_credentials.json');
}

/** Where `cchc auth login` keeps the official's refresh token (mode 0600). */
export function tokenCachePath(env: Env = processEnv()): string {
  return join(configDir(env), 'token.json');
}

/** The token cache is a link: never read, written or chmod-ed through (it could lead to any file of the user's). */
function cacheIsLink(path: string): CchcError {
  return new CchcError(
    'AUTH_TOKEN_CACHE_LINK',
    `Tệp lưu đăng nhập Google "${path}" là một liên kết (lối tắt) tới tệp khác; không đọc, không ghi qua liên kết. Xóa liên kết đó rồi chạy "cchc auth login" để đăng nhập lại. ${GUIDE}`,
  );
}

/** O_NOFOLLOW where the system has it (not Windows, where lstat's check stands alone). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Written to a new file (mode 0600 from its creation) renamed over the cache: a link at the cache's name is replaced,
 * its target neither written nor chmod-ed, and a crash never leaves half a token file.
 */
export async function saveTokenCache(path: string, tokens: object): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = tempBeside(path);
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
    try {
      await handle.writeFile(JSON.stringify(tokens));
      await handle.chmod(0o600); // the umask cannot loosen it, nor tighten it past the owner's reading
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

/** The cache's tokens, read without following a link; its mode tightened to 0600 on the file itself (by handle). */
async function readTokenCache(path: string): Promise<object | null> {
  if ((await lstat(path).catch(() => null))?.isSymbolicLink()) throw cacheIsLink(path);
  const handle = await open(path, constants.O_RDONLY | NO_FOLLOW).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP') throw cacheIsLink(path);
    return null;
  });
  if (!handle) return null;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    if ((info.mode & 0o077) !== 0) await handle.chmod(0o600);
    return JSON.parse(await handle.readFile('utf8')) as object;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
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

async function cachedUser(key: KeyJson, path: string, env: Env): Promise<OAuth2> {
  const cache = tokenCachePath(env);
  const client = desktopClient(key, path);
  const tokens = await readTokenCache(cache);
  if (!tokens) {
    throw new CchcError(
      'AUTH_LOGIN_REQUIRED',
      `Chưa đăng nhập tài khoản Google trên máy này. Chạy "cchc auth login" một lần rồi chạy lại lệnh. ${GUIDE}`,
    );
  }
  client.setCredentials(tokens);
  // Google may rotate the refresh token: keep the cache current.
  client.on('tokens', (fresh) => void saveTokenCache(cache, { ...tokens, ...fresh }));
  return client;
}

export async function sheetsAuth(options: AuthOptions = {}): Promise<SheetsAuthClient> {
  const env = options.env ?? processEnv();
  const { googleAccessToken, googleQuotaProject, googleKeyFile, googleApplicationCredentials } = environment(env);
  if (googleAccessToken) {
    // A user's token from gcloud is billed to a quota project, which the Sheets API then needs named.
    const client = new auth.OAuth2({ quotaProjectId: googleQuotaProject });
    client.setCredentials({ access_token: googleAccessToken });
    return client;
  }
  const [variable, path] = googleKeyFile
    ? ['CCHC_GOOGLE_KEY_FILE', googleKeyFile]
    : ['GOOGLE_APPLICATION_CREDENTIALS', googleApplicationCredentials];
  if (path) {
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

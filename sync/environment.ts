/**
 * The one reader of the environment: every variable the CLI honours, what it is for, its default and how it is
 * read, the system's own (HOME, APPDATA …) and Google's among them. Nothing else in sync/ touches process.env; code
 * that needs a variable asks `environment()`, and functions a test runs with its own variables (auth.ts) take an
 * `env` that defaults to `processEnv()` and hand it to `environment()`. Read at call time, not once at start, so a command run in-process by the tests sees its own call's
 * variables. A number that does not read as one stops the command (ENV_INVALID), never silently becomes NaN.
 */
import { CchcError } from './errors';

export type Env = Readonly<Record<string, string | undefined>>;

/** The process's variables, for functions that take an `env` a test may replace. */
export const processEnv = (): Env => process.env;

export interface Environment {
  /** CCHC_STORE: the local store workbook (default data/cchc.xlsx, see store-options.ts). */
  store?: string;
  /** CCHC_SHEET_ID: the shared Google Sheet's id, for commands not given --sheet. */
  sheetId?: string;
  /** CCHC_GOOGLE_KEY_FILE: a service-account key or an OAuth desktop client file. */
  googleKeyFile?: string;
  /** CCHC_GOOGLE_ACCESS_TOKEN: a ready access token (gcloud's), used as it is. */
  googleAccessToken?: string;
  /** CCHC_SHEETS_API_URL: another root for the Sheets API (a proxy; the tests' emulator). */
  sheetsApiUrl?: string;
  /** CCHC_SHEETS_TIMEOUT_MS: how long one request may stall before the command stops (default 120 s; a very slow link may need more). */
  sheetsTimeoutMs: number;
  /** CCHC_SHEETS_WRITE_DEADLINE_MS: how long Google may still carry out an unanswered write (180 s, and a little more). */
  sheetsWriteDeadlineMs: number;
  /** CCHC_LOCK_WAIT_MS: how long a second command waits for the store another one is writing (default 5 s). */
  lockWaitMs: number;
  /** GOOGLE_APPLICATION_CREDENTIALS: Google's own key-file variable, read when CCHC_GOOGLE_KEY_FILE is not set. */
  googleApplicationCredentials?: string;
  /** GOOGLE_CLOUD_QUOTA_PROJECT: the project a user's access token is billed to. */
  googleQuotaProject?: string;
  /** CLOUDSDK_CONFIG: gcloud's settings folder, where its Application Default Credentials are. */
  gcloudConfig?: string;
  /** APPDATA: the user's settings folder on Windows. */
  appData?: string;
  /** XDG_CONFIG_HOME: the user's settings folder elsewhere (default ~/.config). */
  xdgConfigHome?: string;
  /** HOME: the user's home folder (default the system's). */
  home?: string;
}

const DEFAULT_SHEETS_TIMEOUT_MS = 120_000;
const DEFAULT_WRITE_DEADLINE_MS = 185_000;
const DEFAULT_LOCK_WAIT_MS = 5000;

function milliseconds(env: Env, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new CchcError('ENV_INVALID', `Biến môi trường ${name}="${text}" không phải số mili giây. Sửa hoặc bỏ biến đó rồi chạy lại.`);
  return value;
}

const text = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

export function environment(env: Env = processEnv()): Environment {
  return {
    store: env['CCHC_STORE'] || undefined,
    sheetId: text(env, 'CCHC_SHEET_ID'),
    googleKeyFile: env['CCHC_GOOGLE_KEY_FILE'] || undefined,
    googleAccessToken: text(env, 'CCHC_GOOGLE_ACCESS_TOKEN'),
    sheetsApiUrl: text(env, 'CCHC_SHEETS_API_URL'),
    sheetsTimeoutMs: milliseconds(env, 'CCHC_SHEETS_TIMEOUT_MS', DEFAULT_SHEETS_TIMEOUT_MS),
    sheetsWriteDeadlineMs: milliseconds(env, 'CCHC_SHEETS_WRITE_DEADLINE_MS', DEFAULT_WRITE_DEADLINE_MS),
    lockWaitMs: milliseconds(env, 'CCHC_LOCK_WAIT_MS', DEFAULT_LOCK_WAIT_MS),
    googleApplicationCredentials: env['GOOGLE_APPLICATION_CREDENTIALS'] || undefined,
    googleQuotaProject: env['GOOGLE_CLOUD_QUOTA_PROJECT'] || undefined,
    gcloudConfig: env['CLOUDSDK_CONFIG'] || undefined,
    appData: env['APPDATA'] || undefined,
    xdgConfigHome: env['XDG_CONFIG_HOME'] || undefined,
    home: env['HOME'] || undefined,
  };
}

/**
 * Retries for the Sheets API. Google's client retries only GET/PUT, for about two
 * seconds, never POST (batchUpdate); the sync job turns that off and owns the
 * backoff: 429 and 5xx are retried after min(2^n s + jitter, 64 s), or after the
 * server's Retry-After when it sends one, then it gives up with a clear message.
 */
import { CchcError } from '../errors';

export interface BackoffOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What the client's errors carry (gaxios' GaxiosError shape). */
interface HttpError {
  status?: number;
  response?: { status?: number; headers?: Record<string, string | undefined> | { get(name: string): string | null } };
}

function statusOf(error: unknown): number | undefined {
  const e = error as HttpError;
  return e?.status ?? e?.response?.status;
}

function retryAfterMs(error: unknown): number | null {
  const headers = (error as HttpError)?.response?.headers;
  if (!headers) return null;
  const value =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): string | null }).get('retry-after')
      : (headers as Record<string, string | undefined>)['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

/** Connection failures that a moment's wait usually cures (not "refused" or "unknown host": those are settings). */
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

const networkCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The client's own timeout: it aborts the request (gaxios' AbortError, no status, no code); Google may still carry it out. */
export function timedOut(error: unknown): boolean {
  const e = error as { name?: unknown; error?: { name?: unknown }; cause?: { name?: unknown } };
  return [e?.name, e?.error?.name, e?.cause?.name].some((name) => name === 'AbortError' || name === 'TimeoutError');
}

export const isRetryable = (error: unknown): boolean => {
  const status = statusOf(error);
  if (status === undefined) return timedOut(error) || TRANSIENT_NETWORK.has(networkCode(error) ?? '');
  return status === 429 || (status >= 500 && status < 600);
};

/** What went wrong, for a message: the HTTP status, the client's timeout, or the network error's code. */
export function failureText(error: unknown): string {
  const status = statusOf(error);
  if (status !== undefined) return `mã ${status}`;
  if (timedOut(error)) return 'Google không trả lời kịp';
  return `mã ${networkCode(error) ?? 'không rõ'}`;
}

/** The wait before retry `n` (0-based): the server's Retry-After if any, else min(2^n s + jitter up to 1 s, max). */
export function delayFor(n: number, error: unknown, options: Pick<BackoffOptions, 'maxDelayMs' | 'random'> = {}): number {
  const max = options.maxDelayMs ?? 64_000;
  const asked = retryAfterMs(error);
  if (asked !== null) return Math.min(asked, max);
  return Math.min(2 ** n * 1000 + Math.floor((options.random ?? Math.random)() * 1000), max);
}

/** The message once the retries are spent; a re-run is always safe (writes match rows by id, never repeat them). */
export function giveUp(what: string, error: unknown, attempts: number): CchcError {
  return new CchcError(
    'SHEETS_UNAVAILABLE',
    `Google Sheets đang quá tải hoặc tạm lỗi (${failureText(error)}) khi ${what}; đã thử lại ${attempts} lần. ` +
      'Bảng tính không có dòng nào ghi dở. Chờ vài phút rồi chạy lại lệnh; phần đã ghi (nếu có) không bị ghi lặp.',
  );
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** For requests safe to repeat as they are (reads). Writes re-plan between attempts instead: see sheets-store. */
export async function withBackoff<T>(what: string, call: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const sleep = options.sleep ?? defaultSleep;
  for (let n = 0; ; n++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (n + 1 >= attempts) throw giveUp(what, error, attempts);
      await sleep(delayFor(n, error, options));
    }
  }
}

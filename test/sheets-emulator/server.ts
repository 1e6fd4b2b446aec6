// The HTTP front: node:http on 127.0.0.1, speaking what the real googleapis client sends (JSON
// bodies, Bearer tokens, repeated query params). Cross-cutting test behaviour lives here: auth,
// body size limit, injected failures, per-minute quota and the request log.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, errorForStatus, invalidArgument } from './errors';
import { parseSelection, project } from './fields';
import type { Json } from './model';
import { type RequestKind, route, type Store } from './routes';

export interface RequestInfo {
  method: string;
  /** Decoded path, e.g. /v4/spreadsheets/abc/values/'Nhiệm vụ'!A1:B2. */
  path: string;
  /** API method id ("spreadsheets.values.batchGet"), or "unknown" for paths the API does not have. */
  operation: string;
  kind: RequestKind;
  spreadsheetId?: string;
  query: URLSearchParams;
  body: Json | undefined;
}

export interface FailureMatch {
  method?: string;
  pathIncludes?: string;
  operation?: string;
}

export interface FailureRule {
  /** Which requests fail; all requests when omitted. */
  match?: ((req: RequestInfo) => boolean) | FailureMatch;
  status: number;
  /** How many matching requests fail before the rule is used up. */
  times: number;
  /** Sent as a Retry-After header (seconds). */
  retryAfterSeconds?: number;
  message?: string;
  /**
   * A lost answer: the connection is dropped without a response (the client sees
   * a reset, as after its own timeout), and the request is still carried out this
   * many milliseconds after it arrived, as Google may do until its 180 s deadline.
   * `status` is then ignored.
   */
  lateApplyMs?: number;
  /**
   * With lateApplyMs: no answer at all, the connection left open, so the client
   * ends it with its own timeout (googleapis: "The operation was aborted.").
   */
  hangs?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  operation: string;
  kind: RequestKind;
  spreadsheetId?: string;
  bodyBytes: number;
  /** Bytes of the response body sent back (0 for a lost answer). */
  responseBytes: number;
  status: number;
  /** Epoch milliseconds (from the emulator's clock) when the request arrived. */
  time: number;
  /** True when the response came from injectFailures or the quota simulation. */
  injected?: boolean;
}

export interface QuotaOptions {
  readsPerMinute?: number;
  writesPerMinute?: number;
}

/** A request whose answer was lost, not yet carried out (see FailureRule.lateApplyMs). */
export interface HeldRequest {
  /** Emulator time by which it is carried out at the latest. */
  due: number;
  run: () => void;
  done: boolean;
}

export interface ServerState {
  store: Store;
  /** Requests whose answer was lost and that are still to land. */
  held: HeldRequest[];
  log: RequestLogEntry[];
  failures: (FailureRule & { remaining: number })[];
  quota: QuotaOptions | undefined;
  quotaWindow: { read: number[]; write: number[] };
  acceptedTokens: Set<string> | undefined;
  maxBodyBytes: number;
  clock: () => number;
}

function matches(rule: FailureRule, info: RequestInfo): boolean {
  const m = rule.match;
  if (!m) return true;
  if (typeof m === 'function') return m(info);
  return (
    (!m.method || m.method.toUpperCase() === info.method) &&
    (!m.pathIncludes || info.path.includes(m.pathIncludes)) &&
    (!m.operation || m.operation === info.operation)
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Google pretty-prints JSON unless the request says prettyPrint=false (a standard parameter of every method). */
function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  entry?: RequestLogEntry,
  pretty = true,
): void {
  const text = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  const length = Buffer.byteLength(text);
  if (entry) entry.responseBytes = length;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': length, ...headers });
  res.end(text);
}

/** Throws the 429 Google sends when the per-minute read or write quota is used up. */
function checkQuota(state: ServerState, kind: RequestKind, now: number): void {
  if (!state.quota) return;
  const limit = kind === 'read' ? (state.quota.readsPerMinute ?? 60) : (state.quota.writesPerMinute ?? 60);
  const window = state.quotaWindow[kind].filter((t) => now - t < 60_000);
  state.quotaWindow[kind] = window;
  if (window.length >= limit) {
    const metric = kind === 'read' ? 'Read requests' : 'Write requests';
    throw new ApiError(
      429,
      'RESOURCE_EXHAUSTED',
      `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:0'.`,
    );
  }
  window.push(now);
}

function authenticate(state: ServerState, header: string | undefined): void {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) throw errorForStatus(401, { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' });
  if (state.acceptedTokens && !state.acceptedTokens.has(token)) {
    throw new ApiError(
      401,
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    );
  }
}

/**
 * Carries out a held request once (a late request that fails leaves nothing, as
 * at Google). `held` omitted: every held request that is due by `now`, or all of
 * them when `now` is omitted.
 */
export function landHeld(state: ServerState, held?: HeldRequest, now = Infinity): void {
  for (const h of held ? [held] : state.held.filter((x) => x.due <= now)) {
    if (h.done) continue;
    h.done = true;
    try {
      h.run();
    } catch {
      // Nothing lands.
    }
  }
  state.held = state.held.filter((h) => !h.done);
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const time = state.clock();
  // A held request lands by its time even when this busy process fires its timer late: a request arriving after
  // that time sees it carried out, as a request at Google after the deadline of an earlier one does.
  landHeld(state, undefined, time);
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);
  const entry: RequestLogEntry = {
    method,
    path: safeDecode(url.pathname),
    operation: 'unknown',
    kind: method === 'GET' ? 'read' : 'write',
    bodyBytes: raw.length,
    responseBytes: 0,
    status: 0,
    time,
  };
  state.log.push(entry);
  try {
    authenticate(state, req.headers.authorization);
    if (raw.length > state.maxBodyBytes) {
      throw new ApiError(413, 'INVALID_ARGUMENT', `Request payload size exceeds the limit: ${state.maxBodyBytes} bytes.`);
    }
    let body: Json | undefined;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Json;
      } catch {
        throw invalidArgument('Invalid JSON payload received. Unexpected token.');
      }
    }
    const r = route({ method, path: url.pathname, query: url.searchParams, body }, state.store);
    Object.assign(entry, { operation: r.operation, kind: r.kind, ...(r.spreadsheetId ? { spreadsheetId: r.spreadsheetId } : {}) });
    const info: RequestInfo = {
      method,
      path: entry.path,
      operation: r.operation,
      kind: r.kind,
      spreadsheetId: r.spreadsheetId,
      query: url.searchParams,
      body,
    };
    const rule = state.failures.find((f) => f.remaining > 0 && matches(f, info));
    if (rule) {
      rule.remaining--;
      entry.injected = true;
      if (rule.lateApplyMs !== undefined) {
        entry.status = -1;
        const held: HeldRequest = { due: time + rule.lateApplyMs, run: r.run, done: false };
        state.held.push(held);
        setTimeout(() => landHeld(state, held), rule.lateApplyMs).unref();
        if (!rule.hangs) res.socket?.destroy();
        return;
      }
      const headers: Record<string, string> = rule.retryAfterSeconds !== undefined ? { 'Retry-After': String(rule.retryAfterSeconds) } : {};
      const error = errorForStatus(rule.status, headers);
      throw rule.message ? new ApiError(error.code, error.status, rule.message, headers) : error;
    }
    try {
      checkQuota(state, r.kind, time);
    } catch (e) {
      entry.injected = true;
      throw e;
    }
    let result: unknown = r.run();
    const fields = url.searchParams.get('fields');
    if (fields) {
      try {
        result = project(result, parseSelection(fields.replace(/\s+/g, '')));
      } catch {
        throw invalidArgument(`Invalid field selection ${fields}`);
      }
    }
    entry.status = 200;
    send(res, 200, result, {}, entry, url.searchParams.get('prettyPrint') !== 'false');
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', `Internal error encountered. (${(e as Error).message})`);
    entry.status = error.code;
    send(res, error.code, error.body(), error.headers, entry, url.searchParams.get('prettyPrint') !== 'false');
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function createSheetsServer(state: ServerState): Server {
  return createServer((req, res) => {
    handle(state, req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, errorForStatus(500).body());
      else res.destroy(e as Error);
    });
  });
}

/**
 * Errors officials may see: a stable English code for support and scripts, and a
 * Vietnamese message that says what to do. Every such stop exits the CLI with
 * EXIT.unusable.
 */
import type { StopCode } from '../core/index';

export const EXIT = { ok: 0, dataErrors: 1, unusable: 2 } as const;

/** What stands in for a secret in any message. */
export const REDACTED = '[đã ẩn]';

/**
 * Secrets a message may carry when it quotes someone else's text (Google's error bodies have echoed the request's
 * headers): Authorization headers, bearer tokens, Google access and refresh tokens, OAuth client secrets, private
 * keys, API keys, and any `access_token` / `refresh_token` / `client_secret` / `id_token` / `private_key` field.
 */
const SECRETS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)[^"',;\r\n}]+/gi, `$1$2${REDACTED}`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [
    /\b(access_token|refresh_token|id_token|client_secret|private_key|private_key_id|api_key|token)(["']?\s*[:=]\s*["']?)[^"'&,;\s}]+/gi,
    `$1$2${REDACTED}`,
  ],
  [/\bya29\.[A-Za-z0-9._-]+/g, REDACTED],
  [/\b1\/\/[A-Za-z0-9._-]{10,}/g, REDACTED],
  [/\bGOCSPX-[A-Za-z0-9_-]+/g, REDACTED],
  [/\bAIza[A-Za-z0-9_-]{30,}/g, REDACTED],
];

/** `text` with every secret it quotes replaced by REDACTED: for any message that reaches a screen or a log. */
export function redactSecrets(text: string): string {
  return SECRETS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

export class CchcError extends Error {
  /** Vietnamese, for officials; never a secret (see redactSecrets), whatever text it quotes. */
  readonly messageVi: string;

  constructor(
    readonly code: StopCode,
    messageVi: string,
  ) {
    const clean = redactSecrets(messageVi);
    super(`${code}: ${clean}`);
    this.messageVi = clean;
    this.name = 'CchcError';
  }
}

/** A stop as officials and support read it: the Vietnamese message, then its stable code. */
export function stopLine(message: string, code: StopCode): string {
  return `${message} [${code}]`;
}

/** The text of an error not ours, which may quote anything (a request, its headers): secrets taken out. */
export function foreignText(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/** Raises a stop the core decided (its code and Vietnamese message), if there is one. */
export function stopIf(stop: { code: StopCode; message: string } | null): void {
  if (stop) throw new CchcError(stop.code, stop.message);
}

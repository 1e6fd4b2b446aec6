/**
 * Errors officials may see: a stable English code for support and scripts, a
 * Vietnamese message that says what to do, and the CLI exit code.
 */
export const EXIT = { ok: 0, dataErrors: 1, unusable: 2 } as const;

export class CchcError extends Error {
  constructor(
    readonly code: string,
    /** Vietnamese, for officials. */
    readonly messageVi: string,
    readonly exitCode: number = EXIT.unusable,
  ) {
    super(`${code}: ${messageVi}`);
    this.name = 'CchcError';
  }
}

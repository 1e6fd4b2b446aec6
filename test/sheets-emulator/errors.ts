// Errors the emulator answers with, in the exact JSON shape Google APIs use
// ({"error": {code, message, status}}), so production error handling is exercised for real.

export type ErrorStatus =
  'INVALID_ARGUMENT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'PERMISSION_DENIED' | 'RESOURCE_EXHAUSTED' | 'INTERNAL' | 'UNAVAILABLE';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: ErrorStatus,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { code: number; message: string; status: ErrorStatus } } {
    return { error: { code: this.code, message: this.message, status: this.status } };
  }
}

export const invalidArgument = (message: string): ApiError => new ApiError(400, 'INVALID_ARGUMENT', message);

export const notFound = (message = 'Requested entity was not found.'): ApiError => new ApiError(404, 'NOT_FOUND', message);

/** Google's status name and default message for the HTTP codes tests inject or the emulator produces. */
export function errorForStatus(code: number, headers: Record<string, string> = {}): ApiError {
  switch (code) {
    case 400:
      return new ApiError(code, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', headers);
    case 401:
      return new ApiError(
        code,
        'UNAUTHENTICATED',
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        headers,
      );
    case 403:
      return new ApiError(code, 'PERMISSION_DENIED', 'The caller does not have permission', headers);
    case 404:
      return notFound();
    case 429:
      return new ApiError(code, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', headers);
    case 503:
      return new ApiError(code, 'UNAVAILABLE', 'The service is currently unavailable.', headers);
    default:
      return new ApiError(code, 'INTERNAL', 'Internal error encountered.', headers);
  }
}

/** An answer other than 200 that a handler or a query parser decided on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType = 'application/json; charset=utf-8',
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** Halo answers failures with a serialised .NET exception. */
export function dotnetExceptionBody(message: string): string {
  return JSON.stringify({ ClassName: 'System.Exception', Message: message });
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, dotnetExceptionBody(message));
}

export function notFound(message = 'Record not found'): HttpError {
  return new HttpError(404, dotnetExceptionBody(message));
}

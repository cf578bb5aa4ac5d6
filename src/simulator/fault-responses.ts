import { STATUS_CODES } from 'node:http';
import { dotnetExceptionBody } from './http-errors.js';

export interface RawAnswer {
  status: number;
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

function gatewayPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * What an injected failure answers: 429 the rate-limit text (+ `Retry-After` when asked), 5xx an
 * HTML gateway page, 401 an empty body with a Bearer challenge, other 4xx a .NET exception.
 */
export function failureAnswer(
  status: number,
  opts: { retryAfterSeconds?: number; body?: unknown },
  rateLimitText: string,
): RawAnswer {
  const headers: Record<string, string> = {};
  if (status === 429 && opts.retryAfterSeconds !== undefined)
    headers['Retry-After'] = String(opts.retryAfterSeconds);
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
  if (opts.body !== undefined) {
    const text = typeof opts.body === 'string';
    return {
      status,
      body: text ? (opts.body as string) : JSON.stringify(opts.body),
      contentType: text ? TEXT_TYPE : JSON_TYPE,
      headers,
    };
  }
  if (status === 429) return { status, body: rateLimitText, contentType: TEXT_TYPE, headers };
  if (status >= 500) return { status, body: gatewayPage(status), contentType: 'text/html', headers };
  if (status === 401) return { status, body: '', contentType: TEXT_TYPE, headers };
  return {
    status,
    body: dotnetExceptionBody(STATUS_CODES[status] ?? 'Error'),
    contentType: JSON_TYPE,
    headers,
  };
}

/** A 200 whose JSON stops mid-record, as a dropped upstream connection leaves it. */
export function malformedAnswer(): RawAnswer {
  return {
    status: 200,
    body: '{"record_count":3,"tickets":[{"id":1,"summary":"Printer is',
    contentType: JSON_TYPE,
    headers: {},
  };
}

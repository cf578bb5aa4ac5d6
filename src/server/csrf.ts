import type { IncomingMessage } from 'node:http';

// A browser sends some requests cross-site without asking anyone: a GET from an <img> tag (no
// Origin header), or a form POST with a "simple" content type. Those must never run a query.

/** Content types a browser may send cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** `Sec-Fetch-Site` values of a request the user made on this server's own page or address bar. */
const OWN_SITE = new Set(['same-origin', 'none']);

export interface CrossSitePolicy {
  allowedOrigins: ReadonlySet<string>;
  /** Serve `GET /graphql?query=...` at all (the GraphiQL page, a GET without a query, always is). */
  allowGetQueries: boolean;
}

export interface CrossSiteRefusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/**
 * Refuses what a page on another site could make a browser send: any request the browser marks as
 * not from this origin (unless its Origin is allowed), a GET query unless enabled, and a POST whose
 * body is not declared as JSON (or another type that forces a preflight).
 */
export function crossSiteRefusal(
  req: IncomingMessage,
  path: string,
  policy: CrossSitePolicy,
): CrossSiteRefusal | undefined {
  const site = req.headers['sec-fetch-site']?.toLowerCase();
  const origin = req.headers.origin;
  const allowedOrigin = origin !== undefined && policy.allowedOrigins.has(origin);
  if (site && !OWN_SITE.has(site) && !allowedOrigin && !isPageNavigation(req, path)) {
    return {
      status: 403,
      message: `Cross-site request refused (Sec-Fetch-Site: ${site}): list the page's origin in HALO_MCP_ALLOWED_ORIGINS to allow it.`,
    };
  }
  if (req.method === 'GET' && path === '/graphql' && hasQueryParameter(req) && !policy.allowGetQueries) {
    return {
      status: 405,
      message: 'GET queries are off: POST the query as application/json (or set HALO_MCP_GRAPHQL_GET=1).',
      headers: { allow: 'POST' },
    };
  }
  if (req.method === 'POST' && isSimpleContentType(req.headers['content-type'])) {
    return { status: 415, message: 'Send the request body as application/json.' };
  }
  return undefined;
}

/** Following a link to GraphiQL only shows the page: it runs nothing, so it may come from anywhere. */
function isPageNavigation(req: IncomingMessage, path: string): boolean {
  return (
    req.method === 'GET' &&
    path === '/graphql' &&
    req.headers['sec-fetch-mode'] === 'navigate' &&
    !hasQueryParameter(req)
  );
}

function hasQueryParameter(req: IncomingMessage): boolean {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  return params.has('query') || params.has('extensions');
}

function isSimpleContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' || SIMPLE_CONTENT_TYPES.includes(type);
}

import { HaloApiError } from './errors.js';

/**
 * Reads a response body as text, refusing it once it passes `maxBytes`: a declared length over the
 * cap is refused before reading, and an undeclared one is cut off while streaming, so an oversized
 * answer never sits in memory whole.
 */
export async function readCappedText(
  response: Response,
  maxBytes: number,
  endpoint: string,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(endpoint, maxBytes, declared);
  }
  if (!response.body) return '';
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(endpoint, maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(endpoint: string, maxBytes: number, declared?: number): HaloApiError {
  const size = declared === undefined ? 'more than' : `${formatMb(declared)}, over`;
  return new HaloApiError(
    `Halo's answer to ${endpoint} is too large (${size} the ${formatMb(maxBytes)} cap, HALO_MAX_RESPONSE_BYTES); ask for less, e.g. a smaller page or a narrower filter.`,
    { status: 0, code: 'HALO_BAD_RESPONSE', endpoint },
  );
}

const formatMb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

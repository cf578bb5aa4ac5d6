import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Halo tokens at rest: AES-256-GCM under HALO_MCP_TOKEN_KEY. Each sealed value names its key by a
// short fingerprint, so a rotated-out key (HALO_MCP_TOKEN_KEY_PREVIOUS) still opens older values
// and the caller re-seals them under the current key.

const VERSION = 'v1';

export interface Opened {
  plaintext: string;
  /** Sealed under a previous key: seal it again. */
  stale: boolean;
}

export interface TokenSealer {
  seal(plaintext: string): string;
  /** Throws when no configured key opens the value or it was altered. */
  open(sealed: string): Opened;
}

function fingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

export function createTokenSealer(current: Buffer, previous: readonly Buffer[] = []): TokenSealer {
  const keys = new Map([current, ...previous].map((key) => [fingerprint(key), key]));
  const currentId = fingerprint(current);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(`${VERSION}.${currentId}`));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [VERSION, currentId, ...parts].join('.');
    },
    open(sealed) {
      const [version, keyId, iv, tag, body] = sealed.split('.');
      const key = keyId === undefined ? undefined : keys.get(keyId);
      if (version !== VERSION || key === undefined || !iv || !tag || body === undefined) {
        throw new Error('A sealed Halo token cannot be opened with the configured keys.');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
      return { plaintext, stale: keyId !== currentId };
    },
  };
}

import { expect } from 'vitest';
import { HaloApiError } from '../../src/halo/errors.js';

/** The HaloApiError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function failure(promise: Promise<unknown>): Promise<HaloApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HaloApiError);
  return error as HaloApiError;
}

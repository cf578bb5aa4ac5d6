import { differentHalo } from './different-halo.js';
import type { SimulatorVariant } from './types.js';

export type { SimulatorVariant } from './types.js';

/** Named variants; the default (no variant) serves real Halo shapes. */
export const SIMULATOR_VARIANTS = {
  'different-halo': differentHalo,
} as const satisfies Record<string, SimulatorVariant>;

export type SimulatorVariantName = keyof typeof SIMULATOR_VARIANTS;

export const isSimulatorVariantName = (name: string): name is SimulatorVariantName =>
  Object.hasOwn(SIMULATOR_VARIANTS, name);

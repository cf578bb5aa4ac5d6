import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { HaloClient } from '../../src/halo/client.js';
import type { ToolArgs } from '../baseline/index.js';
import { type Measured, measure } from './measure.js';
import type { RemoteSimulator } from './remote-simulator.js';
import type { RequestTally } from './simulator-protocol.js';
import { startOurServer } from './stack.js';

export interface OurCall {
  measured: Measured<CallToolResult>;
  log: RequestTally;
}

/**
 * A fresh server per run: its first call is cold (no reference data); with `warm`, the same call
 * is made again on that server and measured too.
 */
export async function callOurs(
  sim: RemoteSimulator,
  halo: HaloClient,
  tool: string,
  args: ToolArgs,
  warm: boolean,
): Promise<{ cold: OurCall; warm?: OurCall }> {
  const server = await startOurServer(halo, sim.today);
  try {
    const call = async (): Promise<OurCall> => {
      await sim.resetLog();
      const measured = await measure(() => server.call(tool, args));
      return { measured, log: await sim.requests() };
    };
    const cold = await call();
    return warm ? { cold, warm: await call() } : { cold };
  } finally {
    await server.close();
  }
}

import { ConfigError, loadHaloConfig } from '../config.js';
import { renderJson } from './report-json.js';
import { renderText } from './report-text.js';
import { runDoctor } from './runner.js';

export const DOCTOR_USAGE = `Usage: halo-psa-mcp doctor [--json]

Checks your Halo before you connect an assistant: the settings (HALO_INSTANCE_URL, HALO_AUTH_URL,
HALO_TENANT, HALO_CLIENT_ID, HALO_CLIENT_SECRET, HALO_SCOPE), then each assumption the tools make
about Halo's answers, as OK / DIFFERS / UNKNOWN. About 25 GET requests, never a write.
  --json   the report as JSON for a bug report (shapes, key names, signs and counts only)
Exit code 0 when everything the tools rely on holds, 1 otherwise.`;

export interface DoctorIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `halo-psa-mcp doctor [--json]` with the arguments after `doctor`; resolves to the exit code. */
export async function doctorCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: DoctorIo,
  version: string,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${DOCTOR_USAGE}\n`);
    return 0;
  }
  const unknown = argv.filter((arg) => arg !== '--json');
  if (unknown.length > 0) {
    io.stderr(`Unknown option ${unknown.join(' ')}.\n\n${DOCTOR_USAGE}\n`);
    return 2;
  }
  let config: ReturnType<typeof loadHaloConfig>;
  try {
    config = loadHaloConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(
      `${error.message}\nSet them (see the README, "Halo API application"), then run halo-psa-mcp doctor again.\n`,
    );
    return 1;
  }
  const report = await runDoctor(config);
  io.stdout(argv.includes('--json') ? renderJson(report, version) : renderText(report));
  return report.exitCode;
}

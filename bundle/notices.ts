import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface PackageInfo {
  name: string;
  version: string;
  license: string;
  text: string;
}

/** node_modules/a/b.js -> node_modules/a; node_modules/@s/a/node_modules/b/c.js -> .../node_modules/b */
function packageDirOf(input: string): string | undefined {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

async function packageInfo(root: string, dir: string): Promise<PackageInfo> {
  const manifest = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));
  const licenseFile = (await readdir(join(root, dir))).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = licenseFile ? await readFile(join(root, dir, licenseFile), 'utf8') : '';
  return { name: manifest.name, version: manifest.version, license: String(manifest.license ?? ''), text };
}

/**
 * The licence texts of every package whose code the bundle inlines: MIT and similar licences ask
 * that their notice travel with copies of the code, and a bundle is such a copy.
 */
export async function thirdPartyNotices(root: string, inputs: string[]): Promise<string> {
  const dirs = [...new Set(inputs.map(packageDirOf).filter((d): d is string => d !== undefined))];
  const packages = (await Promise.all(dirs.map((dir) => packageInfo(root, dir)))).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const p of packages) {
    const id = `${p.name}@${p.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    sections.push(`${id} (${p.license || 'see the package'})\n\n${p.text.trim() || '(no licence file)'}\n`);
  }
  return `halo-psa-mcp inlines the following packages into dist/bin.\n\n${sections.join('\n---\n\n')}`;
}

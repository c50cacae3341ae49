import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const SOURCE_DIRS = ['bin', 'src', 'screens', 'db', 'scripts'];

/** The newest modification time among the files dist/ is built from. */
function newestSource(): number {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  for (const dir of SOURCE_DIRS) {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(ROOT, 'dist', '.built')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * vitest's global setup: the tests that run `node bin/haven.js` run the compiled build, so a
 * source edited since the last build is compiled first (a second or two) and no test runs stale code.
 */
export default function buildDist(): void {
  if (builtAt() > newestSource()) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}${result.stdout}`);
}

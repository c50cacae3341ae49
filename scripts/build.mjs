#!/usr/bin/env node
// Compiles the TypeScript sources into dist/, one JavaScript file per source file at the same
// relative path, so dist/db/open.js finds dist/db/migrations as the source finds db/migrations.
// Plain `node` then runs dist/ with no TypeScript loader. Type checking stays with `npm run typecheck`.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const SOURCE_DIRS = ['bin', 'src', 'screens', 'db'];

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('Building Haven needs its development dependencies (esbuild): run `npm install` without --omit=dev.');
  process.exit(1);
}

function typeScriptFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: SOURCE_DIRS.flatMap(typeScriptFiles),
  outdir: out,
  outbase: root,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
// The migrations ship beside the compiled db/open.js, which reads them at run time.
mkdirSync(join(out, 'db', 'migrations'), { recursive: true });
for (const name of readdirSync(join(root, 'db', 'migrations')).filter((n) => n.endsWith('.sql'))) {
  copyFileSync(join(root, 'db', 'migrations', name), join(out, 'db', 'migrations', name));
}
// Written last: its time tells a test run whether dist/ is older than any source.
writeFileSync(join(out, '.built'), new Date().toISOString() + '\n');

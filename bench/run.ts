// `npm run bench`: runs every bench/*.bench.ts in name order and prints its numbers.
// Each file's default export is an async function returning a record of measurements.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Bench = () => Promise<Record<string, number | string>>;

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
  process.stdout.write(`\n== ${file}\n`);
  const started = Date.now();
  const results = await mod.default();
  for (const [name, value] of Object.entries(results)) {
    process.stdout.write(`  ${name.padEnd(58)} ${typeof value === 'number' ? value.toFixed(2) : value}\n`);
  }
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
process.exit(0);

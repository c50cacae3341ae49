// `npm run bench`: runs every bench/*.bench.ts in name order and prints its numbers.
// Each file's default export is an async function returning a record of figures; a figure is
// a number, a string, or a row of named values (Haven beside its baselines, say).
// `npm run bench -- NAME…` runs only the files whose names contain a NAME; `--json` prints one
// JSON object {file: {figure: value}} instead of the table.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Value = number | string;
export type Figures = Record<string, Value | Record<string, Value>>;
type Bench = () => Promise<Figures>;

const dir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => a !== '--json');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const show = (value: Value) => (typeof value === 'number' ? value.toFixed(2) : value);
const all: Record<string, Figures> = {};
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
  if (!json) process.stdout.write(`\n== ${file}\n`);
  const started = Date.now();
  const results = await mod.default();
  all[file.replace(/\.bench\.ts$/, '')] = results;
  if (json) continue;
  for (const [name, value] of Object.entries(results)) {
    const shown =
      typeof value === 'object'
        ? Object.entries(value)
            .map(([k, v]) => `${k} ${show(v)}`)
            .join('   ')
        : show(value);
    process.stdout.write(`  ${name.padEnd(58)} ${shown}\n`);
  }
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
if (json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
process.exit(0);

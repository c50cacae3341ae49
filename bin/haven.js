#!/usr/bin/env node
// Runs the compiled build in dist/ (made by `npm install` or `npm run build`) with plain node.
const entry = new URL('../dist/bin/haven.js', import.meta.url);
try {
  await import(entry.href);
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(entry.pathname)) {
    process.stderr.write('Haven is not built yet: run `npm run build` (or `npm install`), which compiles it into dist/.\n');
    process.exit(1);
  }
  throw err;
}

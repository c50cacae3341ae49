// Loaded with `node --import` by the compiled-build tests: writes every module the process
// resolves to $MODULE_PROBE_LOG and makes tsx and esbuild unresolvable, as if not installed.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
const log = ${JSON.stringify(process.env.MODULE_PROBE_LOG ?? '/dev/null')};
export async function resolve(specifier, context, next) {
  if (/^(tsx|esbuild)(\\/|$)/.test(specifier)) {
    appendFileSync(log, 'refused ' + specifier + '\\n');
    throw Object.assign(new Error('Cannot find package ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  const resolved = await next(specifier, context);
  appendFileSync(log, resolved.url + '\\n');
  return resolved;
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));

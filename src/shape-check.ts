import { createRequire } from 'node:module';

/** What a property must be: a `typeof` answer, or 'array'. */
export type ShapeKind = 'function' | 'number' | 'string' | 'boolean' | 'object' | 'array';

/** A dotted path from the checked object to a property Haven relies on, and what it must be. */
export type ShapeRule = readonly [path: string, kind: ShapeKind];

/** The installed version of a package, read from its package.json ('unknown' if unreadable). */
export function installedVersion(pkg: string): string {
  try {
    const version = (createRequire(import.meta.url)(`${pkg}/package.json`) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/**
 * Haven reaches into a few libraries' undocumented internals. This checks that each one is
 * where it was and of the same kind, and throws one error listing every difference with the
 * library's installed version, so an upgrade fails when the server starts instead of in the
 * middle of a member's session.
 */
export function checkShapes(library: string, version: string, where: string, root: unknown, rules: readonly ShapeRule[]): void {
  const wrong: string[] = [];
  for (const [path, kind] of rules) {
    let value: unknown = root;
    for (const key of path.split('.')) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
    const found = kindOf(value);
    if (found !== kind) wrong.push(`${path} should be ${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind} but is ${found}`);
  }
  if (wrong.length === 0) return;
  throw new Error(
    `${library} ${version} is not shaped as Haven expects (${where}): ${wrong.join('; ')}. ` +
      `Haven relies on these internals of ${library}; install the version it was written for or adapt the module that reaches them.`,
  );
}

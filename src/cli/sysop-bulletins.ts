import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { formatDateTime } from '../text/index.js';
import { withServices } from './data-dir.js';
import type { Output } from './output.js';

// The sysop's bulletins from the console: each change one call to the service, recorded in the
// audit log as the console's; a running server's members see it in their list at once and at
// their next log-in.

/** Where a bulletin's text comes from: --text, --file, or what was piped in. */
export interface BulletinText {
  text?: string;
  file?: string;
  /** Reads standard input when neither --text nor --file was given. */
  stdin?: () => string;
}

function bodyOf(src: BulletinText): string {
  if (src.text !== undefined && src.file !== undefined) throw new UserError('Give the text with --text or --file, not both. Nothing was changed.');
  if (src.text !== undefined) return src.text;
  if (src.file !== undefined) {
    try {
      return readFileSync(src.file, 'utf8');
    } catch {
      throw new UserError(`Cannot read ${src.file}. Nothing was changed.`);
    }
  }
  const piped = src.stdin?.() ?? '';
  if (!piped.trim()) throw new UserError('Give the bulletin\'s text with --text "…", --file FILE, or on standard input. Nothing was changed.');
  return piped;
}

/** `haven sysop bulletin add --title T [--text BODY | --file F | < FILE]`. */
export function bulletinAddCommand(opts: { dataDir: string; out: Output; title: string } & BulletinText): number {
  return withServices(opts, (services) => {
    const b = services.bulletins.add('console', { title: opts.title, body: bodyOf(opts) });
    opts.out.out(`Bulletin ${b.id} added: "${b.title}". Members see it once at their next log-in, and in Bulletins (U).\n`);
    return 0;
  });
}

/** `haven sysop bulletin list [--json]`: every bulletin, newest first. */
export function bulletinListCommand(opts: { dataDir: string; out: Output; json?: boolean }): number {
  return withServices(opts, (services) => {
    const list = services.bulletins.list();
    if (opts.json) {
      const rows = list.map((b) => ({ id: b.id, title: b.title, body: b.body, createdAt: new Date(b.createdAt).toISOString(), createdBy: b.createdBy }));
      opts.out.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (list.length === 0) {
      opts.out.out('No bulletins. Add one with: haven sysop bulletin add --title "…" --text "…"\n');
      return 0;
    }
    opts.out.out(`${'ID'.padEnd(6)}${'ADDED'.padEnd(36)}TITLE\n`);
    for (const b of list) {
      opts.out.out(`${String(b.id).padEnd(6)}${`${formatDateTime(b.createdAt, 'UTC')} by ${b.createdBy}`.padEnd(36)}${b.title}\n`);
    }
    return 0;
  });
}

/** `haven sysop bulletin remove ID`. */
export function bulletinRemoveCommand(opts: { dataDir: string; out: Output; id: string }): number {
  return withServices(opts, (services) => {
    const typed = opts.id.trim();
    if (!/^\d+$/.test(typed)) throw new UserError(`"${typed}" is not a bulletin number. \`haven sysop bulletin list\` shows them. Nothing was changed.`);
    const b = services.bulletins.remove('console', Number(typed));
    opts.out.out(`Bulletin ${b.id} removed: "${b.title}".\n`);
    return 0;
  });
}

import blessed from 'blessed';
import { keyFingerprint, type SavedKey } from '../src/services/accounts.js';
import { escapeTags, formatDateTime, truncateToWidth, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { attempt } from './widgets/attempt.js';
import { confirmKey } from './widgets/confirm-key.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';

/** A key's type as people call it: ssh-ed25519 → ED25519, ecdsa-sha2-nistp256 → ECDSA-256. */
export function keyTypeLabel(algo: string): string {
  const sk = algo.startsWith('sk-') ? '-SK' : '';
  const bare = algo.replace(/^sk-/, '').replace(/@openssh\.com$/, '');
  if (bare === 'ssh-ed25519') return `ED25519${sk}`;
  if (bare === 'ssh-rsa') return 'RSA';
  const ecdsa = /^ecdsa-sha2-nistp(\d+)$/.exec(bare);
  if (ecdsa) return `ECDSA-${ecdsa[1]}${sk}`;
  return bare.replace(/^ssh-/, '').toUpperCase();
}

/** How to make the ssh client offer a key: the member's own connect command with `-i`. */
export function offerKeyCommand(ctx: ScreenContext): string {
  return ctx.services.connectCommand(ctx.session.member!.name).replace(/^ssh /, 'ssh -i ~/.ssh/id_ed25519 ');
}

/**
 * Settings → log-in keys: the keys saved for password-less log-in (type, fingerprint, when
 * added, when last used), R removes one, A saves the key the member's ssh client proved it
 * holds on this connection.
 */
export const logInKeysScreen: ScreenFactory = (ctx): ScreenView => {
  const member = ctx.session.member!;
  const { accounts } = ctx.services;
  const scope = createScope(ctx);
  scope.widget(blessed.box({
    parent: ctx.body, top: 0, left: 1, width: '100%-2', height: 1, wrap: false,
    content: 'Keys that log you in with no password.',
  }));
  const list = scope.widget(createList(ctx, { top: 1, height: 1, plainItems: true }));
  const details = scope.widget(blessed.box({ parent: ctx.body, bottom: 0, left: 1, width: '100%-2', height: 1, tags: false, wrap: false }));
  let keys: SavedKey[] = [];

  const offered = () => {
    const key = ctx.session.provenKey;
    if (!key) return 'Your ssh client offered no key on this connection. Press A to see how.';
    if (accounts.hasKey(member.id, key)) return '';
    return `A: save the key your ssh client offered on this connection (${keyFingerprint(key.data)}).`;
  };

  const describe = (key: SavedKey | undefined): string[] => {
    if (!key) return [];
    const added = formatDateTime(key.addedAt, member.timeZone);
    const used = key.lastUsedAt === null ? 'not used yet' : `last used ${formatDateTime(key.lastUsedAt, member.timeZone)}`;
    const here = ctx.session.provenKey && keyFingerprint(ctx.session.provenKey.data) === key.fingerprint ? ' (this connection)' : '';
    // The type is on the list row; the fingerprint is whole here, however narrow the screen.
    return [`${key.fingerprint}${here}`, `Added ${added}, ${used}.`];
  };

  const draw = () => {
    const width = Math.max(10, Number(ctx.body.width) - 2);
    const bodyRows = Number(ctx.body.height);
    const lines = [...describe(keys[selectedIndex(list)]), offered()].filter(Boolean);
    // The details take what they need; the list keeps at least two rows (a gap when there is room).
    const gap = bodyRows >= 16 ? 1 : 0;
    const rows = wrapText(lines.join('\n'), width).slice(0, Math.max(1, bodyRows - 3 - gap));
    details.height = rows.length;
    details.setContent(rows.join('\n'));
    list.height = Math.max(1, bodyRows - 1 - rows.length - gap);
    ctx.render();
  };

  const fill = () => {
    const at = selectedIndex(list);
    keys = accounts.listKeys(member.id);
    const width = Math.max(10, Number(ctx.body.width) - 1);
    list.setItems(
      keys.length
        ? keys.map((k) => escapeTags(truncateToWidth(` ${keyTypeLabel(k.algo).padEnd(9)} ${k.fingerprint}`, width)))
        : [' (no keys saved: your password logs you in)'],
    );
    list.select(Math.min(at, Math.max(0, keys.length - 1)));
    draw();
  };

  const save = () =>
    attempt(ctx, () => {
      const key = ctx.session.provenKey;
      if (!key) {
        ctx.status(
          `Your ssh client offered no key on this connection. Log off, connect with: ${offerKeyCommand(ctx)} ` +
            '(no key yet? ssh-keygen -t ed25519 makes one), type your password as usual, then come back here and press A.',
          'error',
        );
        return;
      }
      accounts.addKey(member.id, key);
      ctx.services.log.info('log-in key saved', { memberId: member.id });
      ctx.status(`The key ${keyFingerprint(key.data)} is saved: next time it logs you in with no password.`);
      fill();
    });

  const remove = () => {
    const key = keys[selectedIndex(list)];
    if (!key) return ctx.status('There is no saved key to remove.', 'error');
    confirmKey(ctx, {
      question: `Remove the key ${key.fingerprint}? It will no longer log you in; your password still will.`,
      restore: () => list.focus(),
      onYes: () =>
        attempt(ctx, () => {
          accounts.removeKey(member.id, key.id);
          ctx.services.log.info('log-in key removed', { memberId: member.id });
          ctx.status(`The key ${key.fingerprint} is removed.`);
          fill();
        }),
    });
  };

  list.on('select item', () => draw());
  list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    if (ch === 'a' || ch === 'A') save();
    else if (ch === 'r' || ch === 'R' || key.name === 'delete') remove();
  });
  scope.onScreen('resize', () => fill());
  fill();

  return {
    title: 'Log-in keys',
    place: 'Settings',
    hints: [
      { key: 'A', label: 'dd' },
      { key: 'R', label: 'emove' },
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => {
      fill();
      list.focus();
    },
    dispose: () => scope.dispose(),
  };
};

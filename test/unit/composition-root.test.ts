import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIL_SETTINGS } from '../../src/services/mail.js';
import { testServices } from '../helpers/services.js';

const root = join(import.meta.dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

describe('the composition root (src/app.ts)', () => {
  it('hands out services that keep the database to themselves', () => {
    const { services } = testServices();
    expect(Object.keys(services)).not.toContain('db');
    for (const file of sources('screens')) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/db\/open\.js/);
  });

  it('is the only place services are built: no console command wires its own', () => {
    const classes = sources('src/services')
      .flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/export class (\w+)/g)].map((m) => m[1]))
      .concat('Hub');
    const built = new RegExp(`\\bnew (${classes.join('|')})\\(`);
    for (const file of [...sources('src/cli'), ...sources('screens')]) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(built);
    }
  });

  it('gives every service that keeps time the one clock it was given', async () => {
    const T = Date.UTC(2030, 0, 2, 3, 4);
    const { services: s } = testServices({ now: () => T, seedAt: T });
    s.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
    const join = (name: string, role: 'member' | 'sysop' = 'member') =>
      s.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
    const [ann, ben] = [await join('ann'), await join('ben')];
    expect(ann.createdAt).toBe(T);
    s.blocks.block(ann.id, ben.id);
    expect(s.blocks.list(ann.id)[0].since).toBe(T);
    const session = s.presence.join(ben.id, 'ben');
    expect(s.presence.visible()[0].since).toBe(T);
    const lobby = s.chatRooms.lobby();
    s.chat.enter(lobby.id, session, ben);
    expect(s.chat.say(lobby.id, ben, 'hello').createdAt).toBe(T);
    const board = s.boards.list(ben).find((b) => b.slug === 'introductions')!;
    const { postId } = s.boards.posts.startThread(ben, board.id, { subject: 'Hi', body: 'Hello all' });
    expect(s.boards.posts.get(ben, postId).createdAt).toBe(T);
    const sysop = await join('keeper', 'sysop');
    expect(s.mail.send(sysop, { to: 'ann', subject: 'Welcome', body: 'Glad you came' }).sentAt).toBe(T);
    const report = s.reports.file({
      kind: 'post', targetId: postId, reporterId: ann.id, authorId: ben.id, authorName: 'ben',
      place: board.name, title: 'Hi', text: 'Hello all', writtenAt: T, reason: 'a test',
    });
    expect(report.createdAt).toBe(T);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp } from '../helpers/client.js';
import { ONLINE_COUNT_EVERY_MS } from '../../src/services/online-count.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

it('a rush of log-ins reaches an idle member as a few header updates: the count only, no query of theirs', async () => {
  const { services } = bbs.haven;
  const idle = await signUp(bbs.port, 'ida');
  await idle.waitFor(/Main menu\s+1 online/);
  const names = ['ben', 'cal', 'dee', 'eve', 'fay'];
  for (const name of names) await services.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true });
  const idaId = services.accounts.findByName('ida')!.id;
  let idaQueries = 0;
  const unreadCount = services.mail.unreadCount.bind(services.mail);
  services.mail.unreadCount = (memberId: number) => {
    if (memberId === idaId) idaQueries++;
    return unreadCount(memberId);
  };

  const before = idle.raw.length;
  const started = Date.now();
  const arrivals = await Promise.all(names.map((name) => logIn(bbs.port, name)));
  await idle.waitFor(/Main menu\s+6 online/, 20_000);
  const elapsed = Date.now() - started;
  const sent = idle.raw.slice(before);

  // Nothing of ida's is looked up again; the count arrives at most every two seconds (one
  // paint each, which moves to the header's count, row 1, and rewrites it alone).
  expect(idaQueries).toBe(0);
  const moves = [...sent.matchAll(/\x1b\[(\d+);\d+H/g)].map((m) => m[1]);
  const paints = moves.length;
  expect(paints).toBeGreaterThanOrEqual(1);
  expect(paints).toBeLessThanOrEqual(Math.ceil(elapsed / ONLINE_COUNT_EVERY_MS) + 1);
  expect(moves).toEqual(Array(paints).fill('1'));
  expect(sent.length).toBeLessThanOrEqual(paints * 30);
  for (const c of arrivals) c.conn.end();
});

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_WAIT_MS, openDatabase } from '../../../db/open.js';
import { chatWorld } from './world.js';

const dir = mkdtempSync(join(tmpdir(), 'haven-chat-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a chat line once shown', () => {
  it('survives the server being killed (kill -9) right after it was shown', async () => {
    const dbPath = join(dir, 'haven.db');
    const root = resolve(import.meta.dirname, '../../..');
    const script = join(dir, 'say.mts');
    writeFileSync(
      script,
      `import { openDatabase } from '${root}/db/open.ts';
       import { buildServices } from '${root}/src/app.ts';
       import { createLogger } from '${root}/src/log.ts';
       import { Texts } from '${root}/src/services/texts.ts';
       const db = openDatabase(${JSON.stringify(dbPath)}, { lockWaitMs: 5000 });
       const services = buildServices(db, new Texts(${JSON.stringify(dir)}), { log: createLogger('silent'), bbsName: 'Haven' });
       const member = await services.accounts.register({ name: 'alice', password: 'correct horse', acceptedGuidelines: true });
       // The level the connection writes at once the line is shown (a kill -9 alone cannot tell).
       services.hub.on('chat:line', () => process.stdout.write('shown, synchronous=' + db.pragma('synchronous', { simple: true }) + '\\n'));
       services.chat.say(services.chatRooms.lobby().id, member, 'still here after the crash');
       setInterval(() => {}, 1000);`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => (said += d.toString()).includes('\n') && done());
      child.once('exit', (code) => fail(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const db = openDatabase(dbPath, { lockWaitMs: LOCK_WAIT_MS.console });
    const lines = db.prepare('SELECT body FROM chat_lines').all() as Array<{ body: string }>;
    db.close();
    expect(lines).toEqual([{ body: 'still here after the crash' }]);
    // A killed process loses no commit even at synchronous=OFF, so the level is checked too: the
    // chat line itself is committed at NORMAL, and the connection is back at the server's FULL (2).
    expect(said).toBe('shown, synchronous=2\n');
  });

  it('leaves the database at its own synchronous level for everything else', async () => {
    const w = chatWorld();
    const before = w.db.pragma('synchronous', { simple: true });
    w.chat.say(w.rooms.lobby().id, await w.member('bob'), 'hello');
    expect(w.db.pragma('synchronous', { simple: true })).toBe(before);
  });
});

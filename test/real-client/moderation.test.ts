import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/services/accounts.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { haveOpenSsh, OpenSshClient, SshWorkspace } from '../helpers/openssh.js';
import { KEY } from '../helpers/screen.js';

// The moderation journey with the ssh most members and moderators have: a report, the queue,
// a hidden post, and a suspension that ends the member's session with the reason.

let bbs: TestHaven;
let keys: SshWorkspace;
let keeper: Member;
const clients: OpenSshClient[] = [];

beforeAll(async () => {
  if (!haveOpenSsh()) throw new Error('The OpenSSH client is needed here: apt-get install -y openssh-client');
  keys = new SshWorkspace();
  bbs = await startTestHaven();
  const { accounts, boards } = bbs.haven.services;
  const join = (name: string, role: 'member' | 'sysop' = 'member') => accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  keeper = await join('keeper', 'sysop');
  const [willow, ash] = [await join('willow'), await join('ash')];
  await join('rowan');
  const grief = boards.list(keeper).find((b) => b.slug === 'bereavement')!.id;
  boards.setModerator(keeper, grief, willow.id, true);
  boards.posts.startThread(ash, grief, { subject: 'What helped me', body: 'Stop your medication, it only numbs you.' });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.end();
});
afterAll(async () => {
  await bbs?.stop();
  keys?.remove();
});

function ssh(username: string): OpenSshClient {
  const answer = keys.askpass(`${username}-password`, 'correct horse');
  const c = new OpenSshClient({ port: bbs.port, username, askpass: answer.program });
  clients.push(c);
  return c;
}

describe('moderation over the real OpenSSH client', () => {
  it('a member reports a post, the moderator hides it from the queue in a few keys, and a suspension ends a session with its reason', async () => {
    const rowan = ssh('rowan');
    await rowan.waitFor('Main menu');
    rowan.send('B');
    await rowan.waitFor('Bereavement');
    rowan.press('down');
    rowan.press('down');
    rowan.send(KEY.enter);
    await rowan.waitFor('What helped me');
    rowan.send(KEY.enter);
    await rowan.waitFor('it only numbs you');
    rowan.send('!');
    await rowan.waitFor("Why report ash's post?");
    rowan.send('1');
    await rowan.waitFor('Anything to add?');
    rowan.line('');
    await rowan.waitFor('Thank you.');

    const willow = ssh('willow');
    await willow.waitFor('Main menu');
    willow.send('!');
    await willow.waitFor('Moderation queue');
    willow.send('Q');
    await willow.waitFor('1 reported item');
    willow.send('H');
    await willow.waitFor("Hide ash's post: why?");
    willow.send('1');
    await willow.waitFor('Hidden from members: Harmful or unsafe advice');
    await rowan.waitFor('Removed by a moderator: Harmful or unsafe advice');

    // The author is online when the sysop suspends them: the session ends within seconds, and
    // what ssh leaves in the terminal says why and until when.
    const ash = ssh('ash');
    await ash.waitFor('Main menu');
    bbs.haven.services.sanctions.suspend(keeper, 'ash', { days: 3, reason: 'Repeated unsafe advice after a warning' });
    await ash.waitFor('suspended until');
    await ash.exited(10_000);
    expect(ash.text().replace(/\s+/g, ' ')).toMatch(/suspended until .*Repeated unsafe advice after a warning/);
  });
});

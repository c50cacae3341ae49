import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { MemberClient, logIn, signUp, skipTimeZone } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

describe('joining Haven', () => {
  it('a newcomer signs up and lands on the main menu, then logs in again by password', async () => {
    const first = await signUp(bbs.port, 'willow', 'a long password');
    expect(first.text()).toContain('Welcome, willow');
    expect(first.text()).toMatch(/1 online/);
    first.send('g');
    await first.waitFor('Log off?');
    first.send('y');
    await first.closed;

    const again = await logIn(bbs.port, 'willow', 'a long password');
    expect(again.text()).toContain('Welcome, willow');
    again.end();
  });

  it('a taken name, a reserved name, a short password and a mismatch each say why and allow another try', async () => {
    await (await signUp(bbs.port, 'taken_one')).end();
    const c = await MemberClient.connect({ port: bbs.port, username: 'guest' });
    await c.waitFor('Choose a name');
    c.line('admin');
    await c.waitFor('"admin" is reserved');
    c.send('\x15'); // Ctrl-U clears the field
    c.line('taken_one');
    await c.waitFor('The name "taken_one" is taken');
    c.send('\x15'); // Ctrl-U clears the field
    c.line('fresh_name');
    await c.waitFor('Choose a password');
    c.line('short');
    await c.waitFor('at least 8 characters');
    c.line('long enough 1');
    await c.waitFor('Type the password again');
    c.line('long enough 2');
    await c.waitFor('The two passwords were different');
    c.line('long enough 1');
    await c.waitFor('Type the password again');
    c.line('long enough 1');
    await skipTimeZone(c);
    await c.waitFor('Do you accept the guidelines');
    c.send('n');
    await c.waitFor('Joining needs the guidelines accepted');
    c.send('y');
    await c.waitFor('Welcome, fresh_name');
    c.end();
  });

  it('a newcomer types a time zone not in the list; a wrong one is refused, and Esc goes back to the list', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'zonetyper' });
    await c.waitFor('Choose a name');
    c.send(KEY.enter);
    await c.waitFor('Choose a password');
    c.line('long enough 1');
    await c.waitFor('Type the password again');
    c.line('long enough 1');
    await c.waitFor('Your time zone?');
    expect(c.text()).toContain('Australia/Sydney');
    c.send(KEY.end);
    await c.waitFor(/Another zone: type its name/);
    c.send(KEY.enter);
    await c.waitFor(/^ Zone:/m);
    c.line('Atlantis/Capital');
    await c.waitFor('"Atlantis/Capital" is not a time zone I know');
    c.press('escape');
    await c.waitFor('Enter picks, S skips');
    c.send(KEY.enter);
    await c.waitFor(/^ Zone:/m);
    c.line('asia/singapore');
    await c.waitFor('Do you accept the guidelines');
    c.send('y');
    await c.waitFor('Welcome, zonetyper');
    expect(bbs.haven.services.accounts.findByName('zonetyper')?.timeZone).toBe('Asia/Singapore');
    c.end();
  });

  it('connecting as "new", "root" or a name that cannot be used opens sign-up kindly, with an empty name field', async () => {
    for (const username of ['new', 'root', 'no spaces!', 'x']) {
      const c = await MemberClient.connect({ port: bbs.port, username });
      const text = await c.waitFor('Choose a name to be known by:');
      expect(text).toMatch(/^ Name:\s*$/m);
      expect(text).toContain('it need not be the one you typed to connect');
      // A key makes a round trip: by the time it is drawn, anything sent at the start has arrived.
      c.send('a');
      await c.waitFor(/^ Name: a\s*$/m);
      expect(c.raw).not.toMatch(/reserved|taken|A name (is|uses)/);
      c.end();
    }
    // A free name that is allowed is offered, ready to accept with Enter.
    const offered = await MemberClient.connect({ port: bbs.port, username: 'willing' });
    expect(await offered.waitFor('Choose a name to be known by:')).toMatch(/^ Name: willing\s*$/m);
    offered.end();
  });

  it('on a 40x12 phone screen each question stays just above its field, and the newcomer joins', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'phone', cols: 40, rows: 12 });
    const askedAbove = async (question: string, field: RegExp) => {
      const lines = (await c.waitFor(question)).split('\n');
      const row = lines.findIndex((l) => l.includes(question));
      expect(lines[row + 1]).toMatch(field);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    };
    await askedAbove('Choose a name', /^ Name: phone/);
    expect(c.text()).toContain('3 to 16 letters');
    // A clipboard sequence from the terminal, typed into the field, leaves nothing behind.
    c.send('\x15' + 'phone_user\x1b]52;c;aGk=\x07');
    await c.waitFor(/Name: phone_user\s*$/m);
    c.send(KEY.enter);
    await askedAbove('Choose a password', /^ Password:/);
    c.line('small but long');
    await askedAbove('Type the password again', /^ Again:/);
    c.line('small but long');
    // The time zone: a short list, each zone with its time now, picked in a few keys.
    await askedAbove('Your time zone? (S skips: UTC)', /^ Enter picks, S skips/);
    expect(c.text()).toMatch(/^ UTC\s+\d\d:\d\d/m);
    c.send('jjjjj');
    await c.waitFor(/America\/Denver/);
    c.send(KEY.enter);
    await askedAbove('Do you accept the guidelines?', /^ Accept\? \[Y\/N\]/);
    c.send('y');
    await c.waitFor('Welcome, phone_user');
    expect(bbs.haven.services.accounts.findByName('phone_user')?.timeZone).toBe('America/Denver');
    c.end();
    // The shared sign-up journey works at this size too.
    (await signUp(bbs.port, 'phone_two', 'correct horse', { cols: 40, rows: 12 })).end();
  });

  it('the sign-up screen re-lays out when the window shrinks and grows', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'folding' });
    await c.waitFor('If you meant to log in as an existing member');
    c.resize(40, 12);
    await c.waitFor('No e-mail, no real');
    expect(c.text()).toMatch(/Choose a name to be known by:\n Name: folding/);
    c.resize(80, 24);
    await c.waitFor('If you meant to log in as an existing member');
    expect(c.text()).toMatch(/Choose a name to be known by:\s*\n Name: folding/);
    c.end();
  });

  it('three wrong passwords close the connection with the reason, even for a client that would keep trying', async () => {
    await (await signUp(bbs.port, 'guarded', 'the right one')).end();
    let tries = 0;
    const conn = new ssh2.Client();
    const outcome = await new Promise<string>((resolve) => {
      conn.on('ready', () => resolve('ready'));
      conn.on('error', (err) => resolve(`error: ${err.message}`));
      conn.on('close', () => resolve('closed'));
      conn.connect({
        host: '127.0.0.1',
        port: bbs.port,
        username: 'guarded',
        readyTimeout: 20_000,
        // ssh2's own client gives up after one try of each method; this one never does, so
        // only the server's count can stop it.
        authHandler: (_methodsLeft, _partial, next) => {
          tries++;
          next({ type: 'password', username: 'guarded', password: `wrong password ${tries}` });
        },
      });
    });
    conn.end();
    expect(outcome).toBe('error: Too many failed log-in attempts');
    expect(tries).toBe(3);
  });

  it('a connection without a terminal, or with a command, is told how to connect and closed', async () => {
    await (await signUp(bbs.port, 'scripted')).end();
    const exec = await MemberClient.connect({ port: bbs.port, username: 'scripted', password: 'correct horse', exec: 'ls -la' });
    await exec.closed;
    expect(exec.raw).toContain('needs an interactive terminal');
    expect(exec.raw).toMatch(/ssh -p \d+ yourname@/);

    const noPty = await MemberClient.connect({ port: bbs.port, username: 'scripted', password: 'correct horse', pty: false });
    await noPty.closed;
    expect(noPty.raw).toContain('needs an interactive terminal');
  });

  it('goodbye asks first, as classic BBSes do: N stays, Enter logs off cleanly', async () => {
    const c = await signUp(bbs.port, 'leaver');
    c.send('G');
    await c.waitFor('Log off?');
    c.send('n');
    await c.waitForGone('Log off?');
    expect(c.text()).toContain('Main menu');
    c.send(KEY.down);
    c.send('G');
    await c.waitFor('Log off?');
    c.send(KEY.enter);
    await c.closed;
    expect(c.raw).toContain('Goodbye, and take care');
  });

  it('Ctrl-R opens the crisis resources from the main menu and while typing a name', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'typing_one' });
    await c.waitFor('Choose a name');
    c.send('abc' + KEY.ctrlR);
    await c.waitFor('IF YOU ARE IN DANGER RIGHT NOW');
    c.press('escape');
    await c.waitFor('Choose a name');
    c.end();
  });
});

describe('members created at the console', () => {
  it('read and accept the guidelines at their first log-in, before the main menu; N says why, Esc leaves and they are asked again', async () => {
    const made = await bbs.haven.services.accounts.register({ name: 'consoled', password: 'made at the console', acceptedGuidelines: 'at-first-log-in' });
    expect(bbs.haven.services.accounts.mustAcceptGuidelines(made.id)).toBe(true);

    const first = await MemberClient.connect({ port: bbs.port, username: 'consoled', password: 'made at the console' });
    const shown = await first.waitFor('Do you accept the guidelines? [Y/N]');
    expect(shown).toContain('Welcome, consoled');
    expect(shown).not.toContain('Main menu');
    first.send('n');
    await first.waitFor('Taking part needs the guidelines accepted');
    first.press('escape');
    await first.closed;
    expect(first.raw).toContain('Goodbye, and take care');
    expect(bbs.haven.services.accounts.mustAcceptGuidelines(made.id)).toBe(true);

    const second = await MemberClient.connect({ port: bbs.port, username: 'consoled', password: 'made at the console' });
    await second.waitFor('Do you accept the guidelines? [Y/N]');
    second.send('y');
    await second.waitFor('Main menu');
    expect(bbs.haven.services.accounts.mustAcceptGuidelines(made.id)).toBe(false);
    second.end();

    // Accepted once is accepted: the next log-in goes straight to the main menu.
    (await logIn(bbs.port, 'consoled', 'made at the console')).end();
  });
});

describe('public-key log-in', () => {
  it('a newcomer whose client offers a key saves it at sign-up and logs in with it, no password asked', async () => {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    const joined = await signUp(bbs.port, 'keyholder', 'a password too', { privateKey: pair.private });
    expect(joined.text()).toContain('Welcome, keyholder');
    joined.end();

    let asked = 0;
    const again = await MemberClient.connect({ port: bbs.port, username: 'keyholder', privateKey: pair.private, keyboardAnswer: 'wrong' });
    again.conn.on('keyboard-interactive', () => asked++);
    await again.waitFor('Welcome, keyholder');
    expect(asked).toBe(0);
    again.end();

    // Another key is not enough for that name: the member's password is then needed.
    const stranger = ssh2.utils.generateKeyPairSync('ed25519');
    await expect(MemberClient.connect({ port: bbs.port, username: 'keyholder', privateKey: stranger.private, keyboardAnswer: 'wrong' })).rejects.toThrow();
  });
});

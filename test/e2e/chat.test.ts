import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp } from '../helpers/client.js';
import { enterLobby, say } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

describe('talking in a room', () => {
  it('three members chat; each joiner reads what was said before, and /me and /who work', async () => {
    const alice = await signUp(bbs.port, 'alice');
    const bob = await signUp(bbs.port, 'bob');
    const carol = await signUp(bbs.port, 'carol');
    await enterLobby(alice);
    expect(alice.text()).toContain('Chat: Lobby');
    await say(alice, 'anyone else awake?');

    await enterLobby(bob);
    await bob.waitFor(/\d\d:\d\d alice: anyone else awake\?/);
    await alice.waitFor('bob joined.');
    await say(bob, 'yes, cannot sleep either');
    await alice.waitFor('bob: yes, cannot sleep either');

    await enterLobby(carol);
    await carol.waitFor('alice: anyone else awake?');
    await carol.waitFor('bob: yes, cannot sleep either');
    carol.line('/me puts the kettle on');
    await alice.waitFor('* carol puts the kettle on');
    await bob.waitFor('* carol puts the kettle on');

    bob.line('/who');
    await bob.waitFor('Here (3): alice, bob, carol');
    await bob.waitFor(/Lobby . 3 here: alice, bob, carol/);
    alice.line('/dance');
    await alice.waitFor('Unknown command /dance. Type /help for the list.');
    alice.line('/help');
    await alice.waitFor('/msg name text');

    carol.press('escape');
    await carol.waitFor('Choose a room');
    await alice.waitFor('carol left.');
    await alice.waitFor(/Lobby . 2 here: alice, bob/);
    for (const c of [alice, bob, carol]) c.end();
  });

  it('a whisper reaches only its reader; away and ignore work as they say', async () => {
    const dana = await signUp(bbs.port, 'dana');
    const eli = await signUp(bbs.port, 'eli');
    const fay = await signUp(bbs.port, 'fay');
    for (const c of [dana, eli, fay]) await enterLobby(c);
    await dana.waitFor(/3 here: dana, eli, fay/);

    dana.line('/msg eli are you ok?');
    await eli.waitFor('dana whispers: are you ok?');
    await dana.waitFor('(to eli) are you ok?');
    dana.line('/msg nobody_here hi');
    await dana.waitFor('There is no member called "nobody_here".');
    // The refused whisper is given back to be corrected; Ctrl-U clears it.
    await dana.waitFor('> /msg nobody_here hi');
    dana.send('\x15');
    await say(fay, 'marker after the whisper');
    await dana.waitFor('fay: marker after the whisper');
    expect(fay.text()).not.toContain('are you ok?');

    eli.line('/away making tea');
    await dana.waitFor('eli is away: making tea');
    await dana.waitFor(/eli \(away\)/);
    dana.line('/msg eli still there?');
    await dana.waitFor('eli is away: making tea. They will see it when they are back.');
    eli.line('/away');
    await dana.waitFor('eli is back.');

    fay.line('/ignore dana');
    await fay.waitFor("You will not see dana's lines");
    await say(dana, 'a line fay will not see');
    await eli.waitFor('dana: a line fay will not see');
    await say(eli, 'but this one she will');
    await fay.waitFor('eli: but this one she will');
    expect(fay.text()).not.toContain('a line fay will not see');
    expect(bbs.haven.services.blocks.hasBlocked(bbs.haven.services.accounts.findByName('fay')!.id, bbs.haven.services.accounts.findByName('dana')!.id)).toBe(true);
    fay.line('/unignore dana');
    await fay.waitFor("You will see dana's lines again.");
    await fay.waitFor('dana: a line fay will not see');
    for (const c of [dana, eli, fay]) c.end();
  });

  it('/help output and join notices stay in sight, in order, when /ignore and /unignore rebuild the room', async () => {
    const ines = await signUp(bbs.port, 'ines', undefined, { rows: 40 });
    const jori = await signUp(bbs.port, 'jori');
    await enterLobby(ines);
    await enterLobby(jori);
    await ines.waitFor('-- jori joined.');
    await say(jori, 'hello from jori');
    await ines.waitFor('jori: hello from jori');
    ines.line('/help');
    await ines.waitFor('//text: Say a line that starts with "/"');
    ines.line('/ignore jori');
    await ines.waitFor("You will not see jori's lines");
    await ines.waitForGone('jori: hello from jori');
    ines.line('/unignore jori');
    await ines.waitFor("You will see jori's lines again.");
    await ines.waitFor('jori: hello from jori');
    const text = ines.text();
    expect(text).toContain('Type a line and press Enter to say it. Commands:');
    expect(text).toContain('//text: Say a line that starts with "/"');
    expect(text).toContain('-- jori joined.');
    // In the order they came.
    expect(text.indexOf('-- jori joined.')).toBeLessThan(text.indexOf('jori: hello from jori'));
    expect(text.indexOf('jori: hello from jori')).toBeLessThan(text.indexOf('Commands:'));
    expect(text.indexOf('Commands:')).toBeLessThan(text.indexOf("You will see jori's lines again."));
    ines.end();
    jori.end();
  });

  it("lines from others arrive while a member types, without touching the member's input or cursor", async () => {
    const gus = await signUp(bbs.port, 'gus');
    const hal = await signUp(bbs.port, 'hal');
    await enterLobby(gus);
    await enterLobby(hal);
    hal.send('half a thought');
    await hal.waitFor('> half a thought');
    const cursorBefore = { x: hal.screen.term.buffer.active.cursorX, y: hal.screen.term.buffer.active.cursorY };
    for (let i = 1; i <= 3; i++) await say(gus, `gus line ${i}`);
    await hal.waitFor('gus: gus line 3');
    expect(hal.text()).toContain('> half a thought');
    expect({ x: hal.screen.term.buffer.active.cursorX, y: hal.screen.term.buffer.active.cursorY }).toEqual(cursorBefore);
    hal.send(', finished' + KEY.enter);
    await gus.waitFor('hal: half a thought, finished');
    gus.end();
    hal.end();
  });

  it('a new line costs a recipient little more than the line itself, even once the room scrolls', async () => {
    bbs.haven.services.settings.set('chat.flood_lines', 100);
    try {
      const ivy = await signUp(bbs.port, 'ivy');
      const jon = await signUp(bbs.port, 'jon');
      await enterLobby(ivy);
      await enterLobby(jon);
      for (let i = 0; i < 25; i++) await say(ivy, `filling the room, line ${i}`);
      await jon.waitFor('filling the room, line 24');
      const text = 'x'.repeat(40);
      const before = jon.screen.bytesReceived;
      ivy.line(text);
      await jon.waitFor(`ivy: ${text}`);
      // "hh:mm ivy: " and 40 characters are 51; the rest is cursor moves and one scroll.
      expect(jon.screen.bytesReceived - before).toBeLessThanOrEqual(100);
      ivy.end();
      jon.end();
    } finally {
      bbs.haven.services.settings.set('chat.flood_lines', 5);
    }
  });

  it("a chat line can neither clear someone else's screen nor set their clipboard, and tags show literally", async () => {
    const kim = await signUp(bbs.port, 'kim');
    const lou = await signUp(bbs.port, 'lou');
    await enterLobby(kim);
    await enterLobby(lou);
    const rawBefore = lou.raw.length;
    kim.line('look\x1b[2J\x1b]52;c;ZXZpbA==\x07 here {red-fg}red{/red-fg} \u202eevil');
    // Typed keys arrive one by one, so the clipboard payload is left as harmless text.
    await lou.waitFor(/kim: look.* here \{red-fg\}red\{\/red-fg\} evil/);
    const received = lou.raw.slice(rawBefore);
    expect(received).not.toContain('\x1b[2J');
    expect(received).not.toContain('\x1b]52');
    expect(received).not.toContain('\u202e');
    kim.end();
    lou.end();
  });

  it('old lines are deleted after the retention time, so a later joiner no longer reads them', async () => {
    const { chat, settings } = bbs.haven.services;
    const max = await signUp(bbs.port, 'max');
    await enterLobby(max);
    await say(max, 'words that should fade');
    max.press('escape');
    await max.waitFor('Choose a room');
    settings.set('chat.retention_days', 2);
    expect(chat.purgeExpired(Date.now() + 1 * 86_400_000)).toBe(0);
    expect(chat.purgeExpired(Date.now() + 3 * 86_400_000)).toBeGreaterThan(0);
    settings.set('chat.retention_days', 7);
    const ned = await signUp(bbs.port, 'ned');
    await enterLobby(ned);
    expect(ned.text()).not.toContain('words that should fade');
    max.end();
    ned.end();
  });

  it('a room works at 40x12 and at 200x60, and re-wraps its lines when the window changes', async () => {
    (await signUp(bbs.port, 'pia')).end();
    const pia = await logIn(bbs.port, 'pia', 'correct horse', { cols: 40, rows: 12 });
    const quin = await signUp(bbs.port, 'quin');
    await enterLobby(pia);
    await enterLobby(quin);
    quin.line('a long line that cannot fit into forty columns and so wraps under the name');
    await pia.waitFor(/quin: a long line that cannot fit *\n {6}into forty columns/);
    const rows = pia.screen.lines();
    expect(rows.every((r) => r.length <= 40)).toBe(true);
    expect(rows[9]).toMatch(/^>/);
    pia.resize(200, 60);
    await pia.waitFor('quin: a long line that cannot fit into forty columns and so wraps under the name');
    expect(pia.screen.lines()[57]).toMatch(/^>/);
    pia.send('still here');
    await pia.waitFor('> still here');
    pia.resize(80, 24);
    await pia.waitFor(/quin: a long line that cannot fit into forty columns and so wraps under *\n {6}the name/);
    pia.end();
    quin.end();
  });
});

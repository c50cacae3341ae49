import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp, type MemberClient } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import type { Member } from '../../src/services/accounts.js';
import { formatClock } from '../../src/text/index.js';

let bbs: TestHaven;
let keeper: Member;
let griefRoomId: number;

beforeAll(async () => {
  bbs = await startTestHaven();
  const { services } = bbs.haven;
  keeper = await services.accounts.register({ name: 'keeper', password: 'correct horse', acceptedGuidelines: true, role: 'sysop' });
  griefRoomId = services.chatRooms.create({ name: 'Grief circle', boardSlug: 'bereavement' }).id;
});
afterAll(async () => {
  await bbs.stop();
});

/** The screen as one run of words: a message wrapped over two lines reads as it was written. */
const flat = (c: MemberClient) => c.screen.lines().map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');

async function waitUntil(ok: () => boolean, what: string, c: MemberClient, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. The screen shows:\n${c.text()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function makeModerator(name: string, boardName: string): void {
  const { services } = bbs.haven;
  const board = services.boards.list(keeper).find((b) => b.name.startsWith(boardName))!;
  services.boards.setModerator(keeper, board.id, services.accounts.findByName(name)!.id, true);
}

/** From the main menu into the Grief circle (after the Lobby in the list of rooms). */
async function enterGriefCircle(c: MemberClient): Promise<void> {
  c.send('C');
  await c.waitFor('Grief circle');
  c.press('down');
  c.send(KEY.enter);
  await c.waitFor(/Grief circle . \d+ here:/);
}

/** Who's online with the highlight moved onto `name`. */
async function whoOnlineAt(c: MemberClient, name: string): Promise<void> {
  c.send('W');
  await c.waitFor(new RegExp(` ${name}\\s`));
  for (let i = 0; i < 20 && !c.screen.highlightedLines().some((l) => l.startsWith(` ${name} `)); i++) {
    c.press('down');
    await new Promise((r) => setTimeout(r, 50));
  }
  await c.screen.waitForHighlighted(new RegExp(`^ ${name}\\s`), 10_000);
}

describe('staff act on members from inside the BBS', () => {
  it("a board's moderator mutes a member in the board's room with /mute; the member's next line is refused with the end time, and another board's moderator is refused", async () => {
    const { services } = bbs.haven;
    const [willow, rowan, aspen] = [await signUp(bbs.port, 'willow'), await signUp(bbs.port, 'rowan'), await signUp(bbs.port, 'aspen')];
    makeModerator('willow', 'Bereavement');
    makeModerator('aspen', 'Caring');
    for (const c of [willow, rowan, aspen]) await enterGriefCircle(c);
    await willow.waitFor(/Grief circle . 3 here/);

    aspen.line('/mute rowan 10m spamming');
    await waitUntil(() => flat(aspen).includes("Only a sysop or this room's moderators can mute a member here."), "aspen's refusal", aspen);
    expect(services.sanctions.activeMute(services.accounts.findByName('rowan')!.id, griefRoomId)).toBeUndefined();

    willow.line('/mute rowan 10m spamming');
    await willow.waitFor('rowan is muted in this room until');
    for (const c of [rowan, aspen, willow]) await c.waitFor('rowan was muted for 10 minutes by a moderator.');
    expect(flat(rowan)).not.toContain('by willow');

    const member = services.accounts.findByName('rowan')!;
    const mute = services.sanctions.activeMute(member.id, griefRoomId)!;
    rowan.line('anyone here tonight?');
    await waitUntil(
      () => flat(rowan).includes(`You are muted in this room until ${formatClock(mute.endsAt!, member.timeZone)} on`) && flat(rowan).includes(': spamming'),
      "rowan's refusal with the end time",
      rowan,
    );
    // The line is back in rowan's input, and nobody else has it.
    expect(services.chat.scrollback(griefRoomId, member.id, 50).some((l) => l.text === 'anyone here tonight?')).toBe(false);
    for (const c of [willow, rowan, aspen]) c.end();
  }, 120_000);

  it("a sysop suspends a member from Who's online through the sanction menu, and the member is disconnected with the reason", async () => {
    const hazel = await signUp(bbs.port, 'hazel');
    const sysop = await logIn(bbs.port, 'keeper');
    await whoOnlineAt(sysop, 'hazel');
    await sysop.waitFor('[M]oderate');
    sysop.send('m');
    await sysop.waitFor('Moderate hazel');
    await sysop.waitFor('[W]arn [M]ute [S]uspend [B]an [Esc]');
    await sysop.waitFor('No sanctions before.');
    sysop.send('s');
    await sysop.waitFor('Suspend hazel for how long?');
    sysop.send('3');
    await sysop.waitFor('Why suspend hazel?');
    sysop.send('2');
    await sysop.waitFor('Harassment of another member.');
    sysop.line('Repeated, after a warning.');
    let closed = false;
    void hazel.closed.then(() => (closed = true));
    await waitUntil(() => closed, "hazel's session to end", hazel);
    expect(hazel.raw.replace(/\s+/g, ' ')).toMatch(/Your account is suspended until \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d: Harassment of another member\. Repeated, after a warning\./);
    await waitUntil(() => flat(sysop).includes('hazel is suspended until'), 'what was done, on the status line', sysop);
    const s = bbs.haven.services.sanctions.activeBan(bbs.haven.services.accounts.findByName('hazel')!.id)!;
    expect(s).toMatchObject({ kind: 'suspend', byName: 'keeper' });
    // The service reads the clock once for the end and once for the record: a few ms apart.
    expect(Math.abs(s.endsAt! - s.createdAt - 7 * 24 * 60 * 60_000)).toBeLessThan(1000);
    sysop.end();
  }, 120_000);

  it("at 40x12 a moderator's menu shows the member's sanctions and only what a moderator may do, and a warning goes through", async () => {
    const linden = await signUp(bbs.port, 'linden');
    const birch = await signUp(bbs.port, 'birch', 'correct horse', { cols: 40, rows: 12 });
    makeModerator('birch', 'Bereavement');
    await enterGriefCircle(linden);
    bbs.haven.services.sanctions.mute(keeper, 'linden', { roomId: griefRoomId, minutes: 60, reason: 'Off topic.' });

    await whoOnlineAt(birch, 'linden');
    birch.send(KEY.enter);
    await birch.waitFor('Moderate linden');
    const inBox = () => flat(birch).replace(/│/g, ' ').replace(/\s+/g, ' ');
    await waitUntil(() => inBox().includes('muted 1 hour by keeper: Off topic.'), "linden's mute, wrapped whole", birch);
    await birch.waitFor('[W]arn [M]ute [Esc]');
    expect(flat(birch)).not.toMatch(/\[S\]uspend|\[B\]an/);
    // Keys a moderator was not offered do nothing.
    birch.send('s');
    birch.send('b');
    birch.send('w');
    await birch.waitFor('Why warn linden?');
    birch.send('4');
    await birch.waitFor('Reason (linden reads it)');
    birch.line('Please keep advice to your own experience.');
    await linden.waitFor('A WARNING FROM THE MODERATORS');
    await waitUntil(() => flat(birch).includes('linden has been warned.'), 'what was done, on the status line', birch);
    expect(bbs.haven.services.sanctions.activeBan(bbs.haven.services.accounts.findByName('linden')!.id)).toBeUndefined();
    linden.end();
    birch.end();
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp, type MemberClient } from '../helpers/client.js';
import { openBoard } from '../helpers/boards.js';
import { enterLobby } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';
import type { Member } from '../../src/services/accounts.js';
import { REPORT_SETTINGS } from '../../src/services/report-reasons.js';
import { logIn } from '../helpers/client.js';

let bbs: TestHaven;
let ash: Member;
let rowan: MemberClient;

beforeAll(async () => {
  bbs = await startTestHaven();
  const { accounts, boards } = bbs.haven.services;
  ash = await accounts.register({ name: 'ash', password: 'correct horse', acceptedGuidelines: true });
  const intro = boards.list(ash).find((b) => b.name === 'Introductions')!;
  boards.posts.startThread(ash, intro.id, { subject: 'What worked for me', body: 'Stop taking your medication, you do not need it.' });
  rowan = await signUp(bbs.port, 'rowan');
});

afterAll(async () => {
  rowan?.end();
  await bbs.stop();
});

/** The screen's text with its lines joined, so a wrapped sentence reads whole. */
const flat = (c: MemberClient) => c.text().replace(/\s+/g, ' ');

describe('reporting', () => {
  it('a member reports a post as harmful advice from the thread view at 40x12 and follows it in My reports', async () => {
    await openBoard(rowan, 'Introductions', 1);
    rowan.send(KEY.enter);
    await rowan.waitFor('you do not need it.');
    rowan.resize(40, 12);
    await rowan.waitFor(/you do not\s*\n\s*need it/);

    rowan.send('!');
    await rowan.waitFor("Why report ash's post?");
    // Every reason shows on a phone-sized window, with its number.
    for (const line of ['1 Harmful or unsafe advice', '2 Harassment', '3 Spam', '4 Member may be at risk', '5 Something else']) {
      expect(rowan.text()).toContain(line);
    }
    rowan.send('1');
    await rowan.waitFor('Anything to add?');
    rowan.line('It could make someone stop their medication');
    await rowan.waitFor('Thank you.');
    await rowan.screen.settled();
    expect(flat(rowan)).toContain('A moderator of Introductions will look at it.');

    const [report] = bbs.haven.services.reports.list('console');
    expect(report).toMatchObject({ kind: 'post', category: 'harmful', reporterName: 'rowan', authorName: 'ash', reason: 'It could make someone stop their medication' });

    for (let i = 0; i < 3; i++) rowan.send(KEY.escape);
    await rowan.waitFor('Main menu');
    rowan.send('S');
    await rowan.waitFor('Choose a setting');
    rowan.send('M');
    await rowan.waitFor('Open: waiting for a moderator');
    await rowan.waitFor('Harmful or unsafe advice');

    // A moderator acts at the console: the open screen shows it within seconds.
    bbs.haven.services.reports.markActed('console', report!.id);
    await rowan.waitFor('Acted on: a moderator dealt');
    rowan.send(KEY.escape);
    rowan.send(KEY.escape);
    await rowan.waitFor('Main menu');
    rowan.resize(80, 24);
  });

  it('/report name in chat reports their last line, with the lines before it kept as context', async () => {
    const { chat, chatRooms, reports } = bbs.haven.services;
    const lobby = chatRooms.lobby();
    await enterLobby(rowan);
    chat.say(lobby.id, ash, 'hello everyone');
    await rowan.waitFor('hello everyone');
    rowan.line('hi ash');
    await rowan.waitFor('hi ash');
    chat.say(lobby.id, ash, 'nobody here would miss you');
    await rowan.waitFor('nobody here would miss you');

    rowan.line('/report ash');
    await rowan.waitFor("Reporting ash's line: nobody here would miss you");
    await rowan.waitFor("Why report ash's line?");
    rowan.send('2');
    await rowan.waitFor('Anything to add?');
    rowan.send(KEY.enter);
    await rowan.waitFor('The sysop will look at it');

    const chatReport = reports.list('console').find((r) => r.kind === 'chat');
    expect(chatReport).toMatchObject({ category: 'harassment', copyText: 'nobody here would miss you', roomId: lobby.id, authorName: 'ash' });
    expect(chatReport!.context.split('\n').slice(-2)).toEqual(['ash: hello everyone', 'rowan: hi ash']);
    // The input line is the member's again.
    rowan.line('still here');
    await rowan.waitFor('still here');
  });

  it('/report alone offers the recent lines of others to pick from, at 40x12', async () => {
    const { chat, chatRooms, reports } = bbs.haven.services;
    const lobby = chatRooms.lobby();
    rowan.resize(40, 12);
    chat.say(lobby.id, ash, 'an older line');
    chat.say(lobby.id, ash, 'buy pills at example dot com');
    await rowan.waitFor('buy pills');
    rowan.line('/report');
    await rowan.waitFor('Report which line?');
    rowan.send(KEY.enter);
    await rowan.waitFor("Why report ash's line?");
    rowan.send('3');
    await rowan.waitFor('Anything to add?');
    rowan.send(KEY.enter);
    const spam = await vi.waitFor(
      () => {
        const found = reports.list('console').find((r) => r.category === 'spam' && r.kind === 'chat');
        if (!found) throw new Error(`No spam report yet. The screen shows:\n${rowan.text()}`);
        return found;
      },
      { timeout: 20_000 },
    );
    expect(spam).toMatchObject({ copyText: 'buy pills at example dot com', authorName: 'ash' });
    expect(spam!.context).toContain('ash: an older line');
    rowan.resize(80, 24);
    rowan.send(KEY.escape);
    await rowan.waitFor('Choose a room');
    rowan.send(KEY.escape);
    await rowan.waitFor('Main menu');
  });

  it('the author of a post hidden by reports is told kindly: at once when online, at the next log-in when not', async () => {
    const { settings, boards, reports, accounts } = bbs.haven.services;
    settings.setNumber(REPORT_SETTINGS.hideAt, '1');
    settings.setNumber(REPORT_SETTINGS.newAccountHours, '0');
    const intro = boards.list(ash).find((b) => b.name === 'Introductions')!;
    const reporter = accounts.findByName('rowan')!;
    const ashOnline = await logIn(bbs.port, 'ash');
    const first = boards.posts.startThread(ash, intro.id, { subject: 'Buy now', body: 'Cheap pills here' }).postId;
    reports.reportPost(reporter, first, { category: 'spam' });
    await ashOnline.waitFor('One of your posts is hidden for now');
    ashOnline.end();
    await ashOnline.closed;

    const second = boards.posts.startThread(ash, intro.id, { subject: 'Buy again', body: 'More pills' }).postId;
    reports.reportPost(reporter, second, { category: 'spam' });
    const ashBack = await logIn(bbs.port, 'ash');
    await ashBack.waitFor('hidden for now: some members reported');
    ashBack.end();
  });

  it("a board's moderator reads its reports without the reporter's name and dismisses them; another board's moderator sees none", async () => {
    const { accounts, boards, reports } = bbs.haven.services;
    const keeper = await accounts.register({ name: 'keeper', password: 'correct horse', acceptedGuidelines: true, role: 'sysop' });
    const willow = await accounts.register({ name: 'willow', password: 'correct horse', acceptedGuidelines: true });
    const hazel = await accounts.register({ name: 'hazel', password: 'correct horse', acceptedGuidelines: true });
    const all = boards.list(keeper);
    const intro = all.find((b) => b.name === 'Introductions')!;
    boards.setModerator(keeper, intro.id, willow.id, true);
    boards.setModerator(keeper, all.find((b) => b.name === 'Job loss')!.id, hazel.id, true);
    const postId = boards.posts.startThread(ash, intro.id, { subject: 'Try this', body: 'Double the dose' }).postId;
    reports.reportPost(accounts.findByName('rowan')!, postId, { category: 'harmful', reason: 'dangerous dose advice' });

    const mod = await logIn(bbs.port, 'willow');
    const other = await logIn(bbs.port, 'hazel');
    mod.send('!');
    await mod.waitFor('Audit log');
    mod.send('R');
    await mod.waitFor('Harmful or unsafe advice: dangerous dose advice');
    mod.send(KEY.enter);
    await mod.waitFor(/Report \d+: a post, open/);
    expect(mod.text()).toContain('by a member');
    expect(mod.text()).not.toContain('rowan');
    mod.send('D');
    await mod.waitFor('Dismissed: 1 report of the same item.');
    expect(reports.get('console', reports.list('console', { status: 'all' }).find((r) => r.targetId === postId)!.id)).toMatchObject({ outcome: 'dismissed', handledByName: 'willow' });

    other.send('!');
    await other.waitFor('Audit log');
    other.send('R');
    await other.waitFor('No open reports.');
    mod.end();
    other.end();
  });
});

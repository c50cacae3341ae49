import type { MemberExportData } from '../src/services/member-export.js';
import { formatDateTime } from '../src/text/index.js';
import type { ScreenFactory } from './context.js';
import { textPage } from './text-page.js';

/**
 * "What Haven holds about me": the member's export (the same data `ssh NAME@host export`
 * prints as JSON) as a page to read, in sections, times in their own zone.
 */
export const myDataScreen: ScreenFactory = (ctx) =>
  textPage('What Haven holds about me', 'Settings', () => {
    const member = ctx.session.member!;
    const data = ctx.services.memberExport.collect(member.id);
    if (!data) return 'There is nothing here: your account is gone.';
    return describeExport(data, member.timeZone, ctx.services.connectCommand(member.name));
  })(ctx);

const TEXT_NAMES: Record<string, string> = { guidelines: 'Guidelines', disclaimer: 'Disclaimer' };
const REPORT_STATES: Record<MemberExportData['reportsFiled'][number]['state'], string> = {
  open: 'Open',
  acted: 'Acted on',
  dismissed: 'Dismissed',
};

/** The export as plain text for a page: headings in capitals, one fact a line. */
export function describeExport(data: MemberExportData, timeZone: string, connect: string): string {
  const when = (iso: string | null) => (iso ? formatDateTime(Date.parse(iso), timeZone) : 'never');
  const lines: string[] = [];
  const section = (heading: string, items: string[], empty: string) => {
    lines.push('', heading, ...(items.length ? items : [empty]));
  };
  const m = data.member;
  lines.push(
    `This is everything ${data.bbs} keeps about you. To save it as a file: ${connect} export > my-haven.json`,
    '',
    'YOUR ACCOUNT',
    `Name: ${m.name} (${m.role})`,
    `Joined: ${when(m.joinedAt)}`,
    `Last log-in: ${when(m.lastLogInAt)}`,
    `Guidelines accepted: ${when(m.guidelinesAcceptedAt)}`,
  );
  if (m.deletion) lines.push(`Deletion asked for: ${when(m.deletion.requestedAt)}; the account goes ${when(m.deletion.goneAt)}.`);
  const s = data.settings;
  section('SETTINGS', [
    `Time zone: ${s.timeZone}`,
    `Plain look: ${s.plainLook ? 'on' : 'off'}`,
    `Invisible in Who's online: ${s.invisible ? 'on' : 'off'}`,
    `Pages allowed: ${s.allowPages ? 'on' : 'off'}`,
  ], '');
  section(
    'LOG-IN KEYS',
    data.keys.map((k) => `${k.fingerprint} ${k.algo}, saved ${when(k.addedAt)}, last used ${when(k.lastUsedAt)}`),
    'None saved.',
  );
  section(
    'TEXTS YOU ACCEPTED',
    data.textsAccepted.map((t) => `${TEXT_NAMES[t.text] ?? t.text}: version ${t.version}, accepted ${when(t.acceptedAt)}`),
    'None recorded since versions were kept.',
  );
  section('WORDS YOU MUTED', data.mutedWords.map((w) => `${w.word}, since ${when(w.since)}`), 'None.');
  section('BOARDS LEFT OUT OF NEW POSTS', data.mutedBoards.map((b) => `${b.board}, since ${when(b.since)}`), 'None.');
  section('YOUR BREAK', data.break ? [`From ${when(data.break.startedAt)} until ${when(data.break.endsAt)}`] : [], 'None.');
  section(
    'YOUR POSTS',
    data.posts.flatMap((p) => [
      `${when(p.writtenAt)} in ${p.board}${p.subject !== null ? `: ${p.subject}` : ' (a reply)'}${p.editedAt ? ', edited' : ''}` +
        `${p.hidden ? `, hidden (${p.hidden.reason})` : ''}`,
      ...p.body.split('\n').map((l) => `  ${l}`),
    ]),
    'None.',
  );
  section(
    'POSTS HELD FOR APPROVAL',
    data.heldPosts.map((h) => `${when(h.writtenAt)} in ${h.board}: ${h.status}${h.decidedAt ? ` ${when(h.decidedAt)}` : ''}${h.reason ? ` (${h.reason})` : ''}`),
    'None.',
  );
  section(
    'WHAT YOU WERE WRITING (DRAFTS)',
    data.drafts.flatMap((d) => [`${when(d.savedAt)}, ${d.to}${d.subject ? `: ${d.subject}` : ''}`, ...d.body.split('\n').map((l) => `  ${l}`)]),
    'None.',
  );
  section('SUPPORT YOU GAVE', data.supportGiven.length ? [`${data.supportGiven.length} post${data.supportGiven.length === 1 ? '' : 's'}`] : [], 'None.');
  section(
    'MAIL YOU SENT',
    data.mail.sent.flatMap((x) => [`${when(x.sentAt)} to ${x.to}: ${x.subject}`, ...x.body.split('\n').map((l) => `  ${l}`)]),
    'None.',
  );
  section(
    'MAIL YOU RECEIVED',
    data.mail.received.flatMap((x) => [`${when(x.sentAt)} from ${x.from}: ${x.subject}`, ...x.body.split('\n').map((l) => `  ${l}`)]),
    'None.',
  );
  section('YOUR CHAT LINES AND WHISPERS TO YOU', data.chat.map((c) => `${when(c.at)} ${c.room}, ${c.from}${c.to ? ` to ${c.to}` : ''}: ${c.text}`), 'None kept.');
  section(
    'REPORTS YOU FILED',
    data.reportsFiled.map((r) => `${when(r.filedAt)} a ${r.kind} by ${r.about} (${r.category}): ${r.reason}. ${REPORT_STATES[r.state]}`),
    'None.',
  );
  section(
    'WARNINGS, MUTES AND SUSPENSIONS',
    data.sanctions.map((x) => `${x.kind} from ${when(x.from)}${x.until ? ` until ${when(x.until)}` : ''}: ${x.reason}${x.liftedAt ? ` (lifted ${when(x.liftedAt)})` : ''}`),
    'None.',
  );
  section('MEMBERS YOU BLOCKED', data.blocks.map((b) => `${b.name}, since ${when(b.since)}`), 'Nobody.');
  section('BOARDS', [
    `You moderate: ${data.boards.moderates.join(', ') || 'none'}`,
    `Admitted to: ${data.boards.admittedTo.join(', ') || 'none'}`,
  ], '');
  section('MEETINGS YOU FACILITATE', data.meetingsFacilitated, 'None.');
  section('WHAT YOU HAVE READ', [
    `Boards caught up: ${data.readState.boardsCaughtUp}; threads with a place kept: ${data.readState.threadsWithReadMarks}.`,
  ], '');
  section('BULLETINS YOU HAVE SEEN', data.bulletinsSeen.map((b) => `${b.title}, ${when(b.seenAt)}`), 'None.');
  lines.push('', 'Not shown because it is not yours: who blocked you, and reports others filed.');
  return lines.join('\n');
}

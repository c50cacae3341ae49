// The floor under Haven's figures: ssh2 alone. Any password or key is accepted and each shell
// is sent one static main menu (about 1,500 bytes, the size of a painted 80x24 menu); keys are
// read and ignored. Run as a child process by bench/baselines.bench.ts.
import ssh2 from 'ssh2';
import { readableHostKey, serveOverIpc } from './ipc.js';

const ROWS = [
  '[B] Boards          Support groups: read and post',
  '[N] New posts       Read what is new since your last call',
  '[M] Mail            Private messages',
  '[C] Chat            Live rooms, open 24 hours',
  "[W] Who's online    Members connected now",
  '[R] Resources       Crisis lines and the disclaimer',
  '[S] Settings        Time zone, look, blocked members, my reports',
  '[?] Help            Keys and how Haven works',
  '[G] Goodbye         Log off',
  '[!] Staff desk      Moderation queue, held posts, reports, audit log',
];
const GREETING = [
  'Welcome, member.',
  'This is a place to be heard. Read the guidelines under Help before you post,',
  'and be kind: everyone here is working through something. If you are in danger',
  'now, Resources lists crisis lines that answer day and night. Staff read every',
  'report. Take a break whenever you need one; the board will be here.',
  '',
];
const line = (text: string) => ` ${text}`.padEnd(80);
const MENU =
  '\x1b[?1049h\x1b[H\x1b[2J' +
  `\x1b[30;46m${line('Haven · Main menu')}\x1b[m\r\n\r\n` +
  GREETING.map((g) => `${line(g)}\r\n`).join('') +
  ROWS.map((r, i) => (i === 0 ? `\x1b[30;47m${line(r)}\x1b[m` : line(r))).join('\r\n') +
  `\x1b[24;1H\x1b[30;46m${line('[B]oards [M]ail [C]hat [W]ho [R]esources [?]Help [G]oodbye')}\x1b[m\x1b[9;2H`;

let sessions = 0;
const server = new ssh2.Server({ hostKeys: [readableHostKey()] }, (client) => {
  client.on('error', () => {});
  client.on('authentication', (ctx) => ctx.accept());
  client.on('ready', () => {
    client.on('session', (accept) => {
      const session = accept();
      session.once('pty', (acceptPty) => acceptPty?.());
      session.on('window-change', (acceptChange) => acceptChange?.());
      session.once('shell', (acceptShell) => {
        const channel = acceptShell();
        channel.on('error', () => {});
        channel.on('data', () => {});
        sessions++;
        channel.once('close', () => sessions--);
        channel.write(MENU);
      });
    });
  });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
serveOverIpc({
  port: (server.address() as { port: number }).port,
  sessionCount: () => sessions,
  close: () => new Promise((resolve) => server.close(() => resolve())),
});

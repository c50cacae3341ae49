// The baseline Haven is compared with: an ssh2 + blessed server as its documentation leads
// one to write it. ssh2's defaults (every algorithm, compression), any password or key is
// accepted, and each shell gets its own blessed screen: a header, the main menu's items in a
// list, a footer. Run as a child process by bench/baselines.bench.ts.
import blessed from 'blessed';
import ssh2 from 'ssh2';
import { readableHostKey, serveOverIpc } from './ipc.js';

const ITEMS = [
  ' [B] Boards          Support groups: read and post',
  ' [N] New posts       Read what is new since your last call',
  ' [M] Mail            Private messages',
  ' [C] Chat            Live rooms, open 24 hours',
  " [W] Who's online    Members connected now",
  ' [R] Resources       Crisis lines and the disclaimer',
  ' [S] Settings        Time zone, look, blocked members, my reports',
  ' [?] Help            Keys and how Haven works',
  ' [G] Goodbye         Log off',
  ' [!] Staff desk      Moderation queue, held posts, reports, audit log',
];

type TtyChannel = ssh2.ServerChannel & { rows?: number; columns?: number; isTTY?: boolean; setRawMode?: () => void };

let sessions = 0;
const server = new ssh2.Server({ hostKeys: [readableHostKey()] }, (client) => {
  client.on('error', () => {});
  client.on('authentication', (ctx) => ctx.accept());
  client.on('ready', () => {
    client.on('session', (accept) => {
      const session = accept();
      let rows = 24;
      let cols = 80;
      let stream: TtyChannel | undefined;
      session.once('pty', (acceptPty, _reject, info) => {
        rows = info.rows;
        cols = info.cols;
        acceptPty?.();
      });
      session.on('window-change', (acceptChange, _reject, info) => {
        rows = info.rows;
        cols = info.cols;
        if (stream) {
          stream.rows = rows;
          stream.columns = cols;
          stream.emit('resize');
        }
        acceptChange?.();
      });
      session.once('shell', (acceptShell) => {
        // blessed expects a TTY: the channel is given the size and the methods it looks for.
        const channel = acceptShell() as TtyChannel;
        stream = channel;
        channel.rows = rows;
        channel.columns = cols;
        channel.isTTY = true;
        channel.setRawMode = () => {};
        channel.on('error', () => {});
        sessions++;
        const screen = blessed.screen({
          smartCSR: true,
          program: blessed.program({ input: channel, output: channel, terminal: 'xterm-256color' } as blessed.Widgets.IScreenOptions),
        });
        blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: 1, content: ' Haven · Main menu', style: { fg: 'black', bg: 'cyan' } });
        const list = blessed.list({
          parent: screen,
          top: 2,
          left: 1,
          width: '100%-2',
          height: ITEMS.length,
          items: ITEMS,
          keys: true,
          style: { selected: { fg: 'black', bg: 'white' } },
        });
        blessed.box({
          parent: screen,
          bottom: 0,
          left: 0,
          width: '100%',
          height: 1,
          content: ' [B]oards [M]ail [C]hat [W]ho [R]esources [?]Help [G]oodbye',
          style: { fg: 'black', bg: 'cyan' },
        });
        list.focus();
        screen.key(['g', 'C-c'], () => channel.end());
        screen.render();
        let closed = false;
        channel.on('close', () => {
          if (closed) return;
          closed = true;
          sessions--;
          screen.destroy();
        });
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

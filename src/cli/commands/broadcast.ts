import type { Argv } from 'yargs';
import { broadcastCommand } from '../sysop-sanctions.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

/** `haven sysop broadcast "text"`: a notice on every connected member's status line. */
export const broadcastCommandSpec = {
  command: 'broadcast <text>',
  describe: "Show a notice on every connected member's status line until they dismiss it",
  builder: (a: Argv) => withJson(withDataDir(a)).positional('text', { type: 'string', demandOption: true, describe: 'The notice, one line' }),
  handler: (argv: { text: string; json: boolean; 'data-dir'?: string; init?: boolean }) => {
    process.exitCode = broadcastCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json, text: argv.text });
  },
};

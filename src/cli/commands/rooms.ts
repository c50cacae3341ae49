import type { Argv } from 'yargs';
import {
  roomAddCommand,
  roomCloseCommand,
  roomListCommand,
  roomRenameCommand,
  roomScheduleCommand,
} from '../sysop-rooms.js';
import { roomSlowCommand } from '../sysop-watch.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

/** `haven sysop room …`: chat rooms and their weekly meetings. */
export const roomCommands = <T>(r: Argv<T>) =>
  r
    .command('list', 'List the open rooms', (a) => withJson(withDataDir(a)), (argv) => {
      process.exitCode = roomListCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json });
    })
    .command(
      'add <name>',
      'Open a room (e.g. one per support group)',
      (a) =>
        withDataDir(a)
          .positional('name', { type: 'string', demandOption: true, describe: 'The room name' })
          .option('topic', { type: 'string', describe: 'A one-line topic shown in the list of rooms' })
          .option('board', { type: 'string', describe: "The support group's board slug, e.g. bereavement" }),
      (argv) => {
        process.exitCode = roomAddCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name, topic: argv.topic, board: argv.board });
      },
    )
    .command(
      'rename <name> <new-name>',
      'Rename a room',
      (a) =>
        withDataDir(a)
          .positional('name', { type: 'string', demandOption: true })
          .positional('new-name', { type: 'string', demandOption: true }),
      (argv) => {
        process.exitCode = roomRenameCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name, newName: argv['new-name'] });
      },
    )
    .command(
      'close <name>',
      'Close a room (members inside move to the Lobby)',
      (a) => withDataDir(a).positional('name', { type: 'string', demandOption: true }),
      (argv) => {
        process.exitCode = roomCloseCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name });
      },
    )
    .command(
      'schedule <name>',
      "Set a room's weekly meeting (or --clear it)",
      (a) =>
        withDataDir(a)
          .positional('name', { type: 'string', demandOption: true })
          .option('day', { type: 'string', describe: 'Day of the week, e.g. tue' })
          .option('time', { type: 'string', describe: 'Start, 24-hour HH:MM' })
          .option('zone', { type: 'string', describe: 'Time zone of the day and time, e.g. Europe/London' })
          .option('minutes', { type: 'number', default: 60, describe: 'Length of the meeting' })
          .option('facilitator', { type: 'string', describe: 'The member who runs it' })
          .option('opening', { type: 'string', describe: 'Opening statement shown when it starts' })
          .option('opening-file', { type: 'string', describe: 'Read the opening statement from this file' })
          .option('clear', { type: 'boolean', describe: 'Remove the weekly meeting' }),
      (argv) => {
        process.exitCode = roomScheduleCommand({
          dataDir: consoleDir(argv), out: terminal,
          name: argv.name,
          clear: argv.clear,
          day: argv.day,
          time: argv.time,
          zone: argv.zone,
          minutes: argv.minutes,
          facilitator: argv.facilitator,
          opening: argv.opening,
          openingFile: argv['opening-file'],
        });
      },
    )
    .command(
      'slow <name>',
      'Slow mode: one line per N seconds per member in a room (staff exempt; 0 turns it off)',
      (a) =>
        withDataDir(a)
          .positional('name', { type: 'string', demandOption: true })
          .option('seconds', { type: 'number', demandOption: true, describe: 'Seconds between a member\'s lines, 0 to 3600' }),
      (argv) => {
        process.exitCode = roomSlowCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name, seconds: argv.seconds });
      },
    )
    .demandCommand(1, 'Say which: list, add, rename, close, schedule or slow');

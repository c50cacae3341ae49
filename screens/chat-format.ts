import type { ChatLine } from '../src/services/chat.js';
import { formatClock } from '../src/text/index.js';
import type { Theme } from './theme.js';
import type { LogEntry, Tone } from './widgets/chat-log.js';

/**
 * How each part of a chat line looks. The time and the text stay unstyled and the name is
 * bold: every colour change costs bytes on every member's link, for every line.
 */
export function chatStyles(theme: Theme): Record<Tone, Record<string, unknown>> {
  if (theme.monochrome) {
    return { plain: {}, time: {}, name: { bold: true }, action: {}, whisper: { underline: true }, system: { bold: true }, notice: {}, local: {} };
  }
  return {
    plain: {},
    time: {},
    name: { bold: true },
    action: {},
    whisper: { fg: 'magenta' },
    system: { fg: 'yellow', bold: true },
    notice: { fg: 'cyan' },
    local: { fg: 'cyan' },
  };
}

/** A stored line as `viewerId` sees it: "14:05 alice: text", "14:05 * alice waves", whispers marked. */
export function formatChatLine(line: ChatLine, viewerId: number, timeZone: string): LogEntry {
  const time = { text: formatClock(line.createdAt, timeZone) + ' ', tone: 'time' as const };
  switch (line.kind) {
    case 'me':
      return [time, { text: '* ', tone: 'action' }, { text: line.name, tone: 'name' }, { text: ' ' + line.text, tone: 'action' }];
    case 'whisper':
      return line.memberId === viewerId
        ? [time, { text: `(to ${line.toName ?? '?'}) `, tone: 'whisper' }, { text: line.text, tone: 'whisper' }]
        : [time, { text: line.name, tone: 'name' }, { text: ' whispers: ', tone: 'whisper' }, { text: line.text, tone: 'whisper' }];
    case 'system':
      return [time, { text: '-- ' + line.text, tone: 'system' }];
    default:
      return [time, { text: line.name, tone: 'name' }, { text: ': ' + line.text, tone: 'plain' }];
  }
}

/** A passing note (joins, leaves, away) that is not stored. */
export function formatNotice(text: string, at: number, timeZone: string): LogEntry {
  return [{ text: formatClock(at, timeZone) + ' ', tone: 'time' }, { text: '-- ' + text, tone: 'notice' }];
}

/** Output of a command, for this member's eyes only. */
export function formatLocal(text: string): LogEntry {
  return [{ text, tone: 'local' }];
}

/** A line holding a word the viewer muted: who said it and when, not what. */
export function formatFoldedChatLine(line: ChatLine, timeZone: string): LogEntry {
  return [
    { text: formatClock(line.createdAt, timeZone) + ' ', tone: 'time' },
    { text: line.name, tone: 'name' },
    { text: ': (folded: contains a word you muted)', tone: 'notice' },
  ];
}

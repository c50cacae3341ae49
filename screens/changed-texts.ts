import type { Member } from '../src/services/accounts.js';
import type { ChangedText } from '../src/services/text-versions.js';
import { escapeTags, lineDiff, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import type { LogInGate } from './log-in-gates.js';
import type { Theme } from './theme.js';
import { acceptPage, plainToPage } from './text-page.js';

const NAMES = { guidelines: 'guidelines', disclaimer: 'disclaimer' } as const;

/**
 * The sysop changed the guidelines or the disclaimer since this member accepted them: they see
 * what changed and accept the new version before going on. A member with nothing changed has
 * their accepted versions written down, so the record is whole.
 */
export const changedTextsAtLogIn: LogInGate = (member, services, pass) => {
  const changed = services.textVersions.changedFor(member.id);
  if (changed.length === 0) {
    services.textVersions.settle(member.id);
    return undefined;
  }
  return changedTextsScreen({ member, changed, onAccepted: pass });
};

/** The changes as tagged lines: each line of the new text, added ones marked +, removed ones -. */
export function diffPage(change: ChangedText, width: number, theme: Theme): string[] {
  const w = Math.max(4, width);
  const rows: string[] = [];
  const added = theme.monochrome ? 'bold' : 'green-fg';
  const removed = theme.monochrome ? theme.dimTag : 'red-fg';
  for (const line of lineDiff(change.accepted?.text ?? '', change.current.text)) {
    const mark = line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  ';
    const wrapped = wrapText(line.text, w - 2);
    wrapped.forEach((l, i) => {
      const text = escapeTags((i === 0 ? mark : '  ') + l);
      rows.push(line.kind === 'same' ? text : `{${line.kind === 'added' ? added : removed}}${text}{/}`);
    });
  }
  return rows;
}

function changedTextsScreen(opts: { member: Member; changed: ChangedText[]; onAccepted(member: Member): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const which = opts.changed.map((c) => NAMES[c.name]).join(' and the ');
    const page = (width: number) => {
      const intro = plainToPage(
        `The ${which} of this community changed since you last accepted ${opts.changed.length > 1 ? 'them' : 'it'}. ` +
          'Lines marked + are new, lines marked - are gone; the others are as they were.',
        width,
      );
      const parts = opts.changed.map((c) => diffPage(c, width, ctx.theme).join('\n'));
      const end = plainToPage('Accepting means you agree to the changed text. Press Y to accept, N to decline.', width);
      return `{bold}What changed{/bold}\n${intro}\n\n${parts.join('\n\n')}\n\n${end}`;
    };
    return acceptPage(ctx, {
      title: 'What changed',
      what: 'the changes',
      page,
      accept() {
        ctx.services.textVersions.accept(opts.member.id, opts.changed.map((c) => c.current));
        opts.onAccepted(opts.member);
      },
    });
  };
}

import { phraseMatcher, type PhraseMatcher } from '../text/index.js';
import type { Member } from './accounts.js';
import type { Report, Reports } from './reports.js';
import type { Texts } from './texts.js';

/** Where a member was writing when Haven offered them the resources. */
export type CrisisSurface = 'post' | 'mail' | 'chat';

/**
 * The sysop's list of phrases that suggest a member may be in crisis (crisis-words.txt in
 * the data directory). Only ever asked about a draft on the member's own screen: nothing it
 * is asked is stored, logged or announced.
 */
export class CrisisWords {
  private compiled: { source: string; matcher: PhraseMatcher } | undefined;

  constructor(
    private readonly texts: Texts,
    private readonly reports: Reports,
    private readonly now: () => number = Date.now,
  ) {}

  /** The phrase of the list that `text` contains, or undefined. */
  find(text: string): string | undefined {
    return this.matcher().find(text);
  }

  /**
   * The member chose "tell a moderator I'm struggling": a report in the 'at-risk' category,
   * about the member themselves. It carries no copy of their draft (what they wrote, perhaps to
   * someone else, is theirs), only where they were. A report is about an item; this one has
   * none, so its target is a number no item has (below zero, unique to the request), and a
   * member can ask again another day.
   */
  askForHelp(member: Member, surface: CrisisSurface, place: string): Report {
    const at = this.now();
    return this.reports.file({
      kind: surface,
      targetId: -at,
      reporterId: member.id,
      authorId: member.id,
      authorName: member.name,
      place,
      text: '',
      writtenAt: at,
      reason: `${member.name} is struggling and asked for a moderator to reach out.`,
      category: 'at-risk',
    });
  }

  private matcher(): PhraseMatcher {
    const source = this.texts.get('crisis-words');
    if (this.compiled?.source !== source) this.compiled = { source, matcher: phraseMatcher(source.split('\n')) };
    return this.compiled.matcher;
  }
}

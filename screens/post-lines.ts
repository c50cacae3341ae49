import type { Post } from '../src/services/posts.js';
import { escapeTags, formatDateTime, graphemes, padToWidth, truncateToWidth, wrapText } from '../src/text/index.js';
import type { Theme } from './theme.js';

/** How one post is to be shown right now. */
export interface PostLook {
  /** 1-based place in the thread. */
  position: number;
  cursor: boolean;
  /** Unread when the thread was opened. */
  isNew: boolean;
  /** Its content warning (or a block) has been opened by the reader. */
  unfolded: boolean;
  /** By a member the reader blocked. */
  blocked: boolean;
  /** Holds a word the reader muted. */
  muted?: boolean;
  mine: boolean;
}

const INDENT = 1;

/**
 * A post as lines of tagged text, each at most `width` columns: a header, the body (or what
 * stands for it), support, and a blank line. Member text is wrapped, then escaped for tags,
 * and only then wrapped in Haven's own tags.
 */
export function postLines(post: Post, look: PostLook, width: number, theme: Theme, timeZone: string): string[] {
  const w = Math.max(2, width);
  const bits = [`#${look.position}`, look.blocked && !look.unfolded ? '(blocked member)' : post.authorName, formatDateTime(post.createdAt, timeZone)];
  if (post.editedAt !== null && !post.deleted) bits.push('edited');
  if (look.isNew) bits.push('new');
  const header = escapeTags(padToWidth(bits.join(' · '), w));
  const lines = [look.cursor ? `{inverse}{bold}${header}{/bold}{/inverse}` : `{bold}${header}{/bold}`];

  const bodyWidth = Math.max(2, w - INDENT);
  const pad = ' '.repeat(Math.min(INDENT, w - 2));
  const note = (text: string) => {
    for (const l of wrapText(text, bodyWidth)) lines.push(`${pad}{${theme.dimTag}}${escapeTags(l)}{/${theme.dimTag}}`);
  };
  const hidden = post.deleted ? null : post.hidden;
  if (hidden && !post.withheld) {
    // Its author and staff still read the words, told plainly that others do not.
    const why = hidden.by === 'reports' ? 'pending review after reports from members' : `by a moderator: ${hidden.reason}`;
    const line = look.mine ? `Hidden from other members ${why}` : hidden.by === 'reports' ? '[Hidden: pending review after reports]' : `[Hidden: ${hidden.reason}]`;
    for (const l of wrapText(line, bodyWidth)) lines.push(`${pad}{bold}${escapeTags(l)}{/bold}`);
  }
  if (post.deleted) {
    note('(deleted by author)');
  } else if (post.withheld) {
    note(hiddenNotice(post));
  } else if (look.blocked && !look.unfolded) {
    note('A post by a member you blocked. [O] shows it.');
  } else if (post.contentWarning && !look.unfolded) {
    lines.push(`${pad}{bold}${escapeTags(truncateToWidth(`CW: ${post.contentWarning}`, bodyWidth))}{/bold}`);
    note('[O] opens this post.');
  } else if (look.muted && !look.unfolded) {
    note('Folded: contains a word you muted. [O] opens it.');
  } else {
    if (post.contentWarning) lines.push(`${pad}{bold}${escapeTags(truncateToWidth(`CW: ${post.contentWarning}`, bodyWidth))}{/bold}`);
    for (const raw of post.body.split('\n')) {
      const quoted = raw.startsWith('>');
      for (const l of wrapText(raw, bodyWidth)) {
        lines.push(quoted ? `${pad}{${theme.dimTag}}${escapeTags(l)}{/${theme.dimTag}}` : pad + escapeTags(l));
      }
    }
  }
  if (!post.deleted && !post.withheld && (post.support > 0 || post.supportedByMe)) {
    const who = post.supportedByMe ? (post.support > 1 ? ' (you and others)' : ' (you)') : '';
    lines.push(`${pad}{${theme.accentTag}}${escapeTags(truncateToWidth(`Support: ${post.support}${who}`, bodyWidth))}{/${theme.accentTag}}`);
  }
  lines.push('');
  return lines;
}

/** What a reader who may not see a hidden post reads in its place. */
export function hiddenNotice(post: Post): string {
  if (post.hidden?.by === 'reports') return 'Hidden pending review after reports from members.';
  return `Removed by a moderator: ${post.hidden?.reason ?? ''}`;
}

/** The text a quoting reply starts with: who wrote it, then their words marked with '>'. */
export function quoteOf(post: Post, maxChars = 1200): string {
  let body = post.body;
  if (body.length > maxChars) body = graphemes(body).slice(0, maxChars).join('').replace(/\s+\S*$/, '') + ' ...';
  const quoted = body
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
  return `${post.authorName} wrote:\n${quoted}\n\n`;
}

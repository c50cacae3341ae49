import { describe, expect, it } from 'vitest';
import { postLines, type PostLook } from '../../screens/post-lines.js';
import { themeFor } from '../../screens/theme.js';
import type { Post } from '../../src/services/posts.js';

// How a hidden post reads to each reader: the words never reach a member who may not see them.
const theme = themeFor({ terminfo: 'xterm', clientTerm: 'xterm', colors: 0, unicode: true }, true);
const look: PostLook = { position: 3, cursor: false, isNew: false, unfolded: false, blocked: false, mine: false };
const post = (over: Partial<Post>): Post => ({
  id: 7, threadId: 1, boardId: 2, authorId: 5, authorName: 'rowan', subject: null, contentWarning: null,
  body: 'Stop taking your pills', createdAt: 0, editedAt: null, deleted: false, support: 2, supportedByMe: false,
  hidden: null, withheld: false, ...over,
});
const text = (p: Post, l: Partial<PostLook> = {}, width = 80) => postLines(p, { ...look, ...l }, width, theme, 'UTC').join('\n').replace(/\{\/?[a-z-]+\}/g, '');

describe('a hidden post in the thread view', () => {
  it('reads "Removed by a moderator: reason" to other members, with no words, warning or support', () => {
    const shown = text(post({ hidden: { reason: 'Unsafe advice', by: 'moderator' }, withheld: true, body: '' }));
    expect(shown).toContain('Removed by a moderator: Unsafe advice');
    expect(shown).not.toContain('Support');
    expect(shown).toContain('#3 · rowan');
  });

  it('reads as pending review when members\' reports hid it', () => {
    expect(text(post({ hidden: { reason: '', by: 'reports' }, withheld: true, body: '' }))).toContain('Hidden pending review after reports from members');
  });

  it('shows its author their words under a plain line saying others do not see them', () => {
    const shown = text(post({ hidden: { reason: 'Unsafe advice', by: 'moderator' } }), { mine: true });
    expect(shown).toMatch(/Hidden from other members by a moderator: Unsafe advice\n Stop taking your pills/);
  });

  it('shows staff the words marked [Hidden: reason], and still folds them behind a content warning', () => {
    expect(text(post({ hidden: { reason: 'Unsafe advice', by: 'moderator' } }))).toMatch(/\[Hidden: Unsafe advice\]\n Stop taking your pills/);
    const folded = text(post({ hidden: { reason: 'Unsafe advice', by: 'moderator' }, contentWarning: 'medication' }));
    expect(folded).toContain('[Hidden: Unsafe advice]');
    expect(folded).toContain('[O] opens this post.');
    expect(folded).not.toContain('Stop taking');
  });

  it('a removed post by a blocked member reads as removed; a deleted one as deleted; each fits a 40-column line', () => {
    const blocked = text(post({ hidden: { reason: 'Spam', by: 'moderator' }, withheld: true, body: '' }), { blocked: true }, 40);
    expect(blocked).toContain('Removed by a moderator: Spam');
    expect(blocked).toContain('(blocked member)');
    expect(blocked).not.toContain('[O] shows it');
    expect(text(post({ hidden: { reason: 'Spam', by: 'moderator' }, deleted: true, body: '' }), { mine: true })).toMatch(/\(deleted by author\)/);
    expect(text(post({ hidden: { reason: 'Spam', by: 'moderator' }, deleted: true, body: '' }), { mine: true })).not.toContain('Hidden');
    const long = postLines(post({ hidden: { reason: 'A reason long enough to need a second line here', by: 'moderator' } }), { ...look, mine: true }, 40, theme, 'UTC');
    for (const l of long) expect(l.replace(/\{\/?[a-z-]+\}/g, '').length).toBeLessThanOrEqual(40);
  });
});

import type { Db } from '../../db/open.js';

/** The support groups a new BBS starts with; the sysop can change them later. */
export const DEFAULT_BOARDS: Array<{ slug: string; name: string; description: string; readOnly?: boolean }> = [
  { slug: 'announcements', name: 'Announcements', description: 'News from the sysop and moderators', readOnly: true },
  { slug: 'introductions', name: 'Introductions', description: 'New here? Say hello, share as much or little as you like' },
  { slug: 'bereavement', name: 'Bereavement & loss', description: 'Grieving someone: a person, a pregnancy, a pet' },
  { slug: 'caring-for-a-parent', name: 'Caring for a parent', description: 'Caregivers of ageing or ill parents' },
  { slug: 'divorce', name: 'Divorce & separation', description: 'Endings, co-parenting, starting over' },
  { slug: 'recovery', name: 'Addiction & recovery', description: 'Alcohol, drugs, gambling: every day counts' },
  { slug: 'cancer', name: 'Cancer', description: 'Patients, survivors, and the people beside them' },
  { slug: 'chronic-illness', name: 'Chronic illness & pain', description: 'Living with conditions that do not go away' },
  { slug: 'eating-disorders', name: 'Eating disorders', description: 'Recovery and support; no numbers, please' },
  { slug: 'anxiety-depression', name: 'Anxiety & depression', description: 'Bad days, better days, and what helps' },
  { slug: 'job-loss', name: 'Job loss', description: 'Redundancy, job hunting, money worries' },
  { slug: 'new-parents', name: 'New parents', description: 'Sleepless nights and everything else' },
  { slug: 'success-stories', name: 'Success stories', description: 'Small wins and big ones: share the hope' },
];

/** Seeds the default boards into an empty database; a BBS that has boards is left alone. */
export function seedDefaults(db: Db, now = Date.now()): boolean {
  const { n } = db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number };
  if (n > 0) return false;
  const insert = db.prepare('INSERT INTO boards (slug, name, description, position, created_at, read_only) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    DEFAULT_BOARDS.forEach((b, i) => insert.run(b.slug, b.name, b.description, i + 1, now, b.readOnly ? 1 : 0));
  })();
  return true;
}

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanText } from '../text/index.js';

/** The sysop-editable texts kept as plain files in the data directory. */
export type TextName = 'resources' | 'guidelines' | 'welcome' | 'at-risk';

const FILES: Record<TextName, string> = {
  resources: 'resources.txt',
  guidelines: 'guidelines.txt',
  welcome: 'welcome.txt',
  'at-risk': 'at-risk.txt',
};

export const DEFAULT_TEXTS: Record<TextName, string> = {
  resources: `IF YOU ARE IN DANGER RIGHT NOW
Call your local emergency number (911 in the US and Canada, 112 in Europe, 999 in the UK, 000 in Australia).

CRISIS LINES (free, confidential, open 24 hours)
- US: call or text 988 (Suicide & Crisis Lifeline); text HOME to 741741 (Crisis Text Line)
- UK & Ireland: Samaritans, 116 123
- Canada: call or text 988
- Australia: Lifeline, 13 11 14
- Elsewhere: findahelpline.com lists lines by country

OTHER HELP
- Domestic abuse (US): 1-800-799-7233  (UK): 0808 2000 247
- Substance use (US, SAMHSA): 1-800-662-4357

DISCLAIMER
This is a place for peer support. The members here share their own experience; they are not doctors, therapists or counsellors, and nothing posted here is medical, psychiatric or legal advice. If you are worried about your health or safety, please contact a professional or one of the lines above.

# Notes for the sysop (lines starting with # are never shown to members):
# this page is the file resources.txt in the data directory. Put your own country's
# crisis lines first, and check the numbers before members rely on them.`,
  guidelines: `COMMUNITY GUIDELINES
1. Be kind. Everyone here is carrying something.
2. Share your own experience; do not diagnose or prescribe.
3. Keep what others share here, here. Do not copy it elsewhere.
4. Stay anonymous: do not post real names, addresses or phone numbers, yours or anyone's.
5. Use a content warning (CW) before writing about suicide, self-harm, abuse or loss.
6. No selling, recruiting or preaching.
7. Report what worries you; moderators will look at it.

DISCLAIMER
Peer support is not a substitute for medical or psychiatric care. Members are not professionals, and nothing here is medical advice. If you are in crisis, press Ctrl-R on any screen for crisis lines, or call your local emergency number.`,
  welcome: `A quiet place to find others who understand.`,
  'at-risk': `WHEN A MEMBER MAY BE AT RISK
1. Read what they wrote, and the lines around it, before anything else.
2. If they may be in danger now, write to them privately and kindly: ask whether they are safe, and point them to the crisis lines under Resources (Ctrl-R). Do not argue, lecture or promise secrecy.
3. Tell the sysop at once. Only the sysop decides whether anyone outside the BBS is contacted.
4. Leave a post up unless it puts others at risk: being heard matters. Hide it only if you must, and tell them why.
5. You are a peer, not a counsellor. Hand it on if it is too much, and look after yourself afterwards.

# Notes for the sysop (lines starting with # are never shown):
# this is at-risk.txt in the data directory. Moderators see it beside every report
# that says a member may be at risk. Write your own BBS's policy here.`,
};

/**
 * Reads the texts from the data directory, creating each from its default the first time,
 * and re-reading a file when the sysop has edited it.
 */
export class Texts {
  private readonly cache = new Map<TextName, { mtimeMs: number; text: string }>();

  constructor(private readonly dataDir: string) {
    for (const name of Object.keys(FILES) as TextName[]) {
      const path = join(dataDir, FILES[name]);
      if (!existsSync(path)) writeFileSync(path, DEFAULT_TEXTS[name] + '\n', { mode: 0o644 });
    }
  }

  /**
   * The current text, cleaned of control characters like any other input. Lines starting
   * with '#' are the sysop's notes to themselves and are left out.
   */
  get(name: TextName): string {
    const path = join(this.dataDir, FILES[name]);
    try {
      const { mtimeMs } = statSync(path);
      const cached = this.cache.get(name);
      if (cached && cached.mtimeMs === mtimeMs) return cached.text;
      const text = withoutNotes(cleanText(readFileSync(path, 'utf8'), { maxLength: 20_000, multiline: true }));
      this.cache.set(name, { mtimeMs, text });
      return text;
    } catch {
      return withoutNotes(DEFAULT_TEXTS[name]);
    }
  }
}

function withoutNotes(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

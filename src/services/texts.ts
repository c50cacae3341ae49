import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanText } from '../text/index.js';

/** The sysop-editable texts kept as plain files in the data directory. */
export type TextName = 'resources' | 'guidelines' | 'disclaimer' | 'welcome' | 'at-risk' | 'crisis-words';

const FILES: Record<TextName, string> = {
  resources: 'resources.txt',
  guidelines: 'guidelines.txt',
  disclaimer: 'disclaimer.txt',
  welcome: 'welcome.txt',
  'at-risk': 'at-risk.txt',
  'crisis-words': 'crisis-words.txt',
};

export const DEFAULT_TEXTS: Record<TextName, string> = {
  resources: `IF YOU ARE IN DANGER RIGHT NOW
Call your local emergency number (911 in the US and Canada, 112 in Europe, 999 in the UK, 000 in Australia).

These numbers are examples. The people who run this BBS must check them and replace them with the right ones for where its members live.

UNITED STATES
- Call or text 988 (Suicide & Crisis Lifeline), free, 24 hours
- Text HOME to 741741 (Crisis Text Line)
- Domestic abuse: 1-800-799-7233; substance use (SAMHSA): 1-800-662-4357

CANADA
- Call or text 988

UK & IRELAND
- Samaritans: 116 123, free, 24 hours
- Domestic abuse (UK): 0808 2000 247

EUROPE
- Emergency: 112
- Germany: TelefonSeelsorge, 0800 111 0 111
- France: 3114 (suicide prevention)
- Spain: 024 (línea de atención a la conducta suicida)

AUSTRALIA & NEW ZEALAND
- Australia: Lifeline, 13 11 14
- New Zealand: call or text 1737

ELSEWHERE
- findahelpline.com lists free lines by country

# Notes for the sysop (lines starting with # are never shown to members):
# this page is the file resources.txt in the data directory, and the disclaimer below it is
# disclaimer.txt. Put your own country's lines first, and check every number before members
# rely on them.`,
  guidelines: `COMMUNITY GUIDELINES
1. Be kind. Everyone here is carrying something.
2. Share your own experience; do not diagnose or prescribe.
3. Keep what others share here, here. Do not copy it elsewhere.
4. Stay anonymous: do not post real names, addresses or phone numbers, yours or anyone's.
5. Use a content warning (CW) before writing about suicide, self-harm, abuse or loss.
6. No selling, recruiting or preaching.
7. Report what worries you; moderators will look at it.`,
  disclaimer: `DISCLAIMER
This is a place for peer support. The members here share their own experience; they are not doctors, therapists or counsellors. What a member tells you is information, never a replacement for a doctor or therapist, and nothing posted here is medical, psychiatric or legal advice. If you are worried about your health or safety, please contact a professional or one of the lines above.

# Notes for the sysop: disclaimer.txt. Members accept it with the guidelines; when you change
# it, each member is shown what changed and accepts it again at their next log-in.`,
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
  'crisis-words': `# Phrases that suggest a member writing a post, a letter or a chat line may be in crisis.
# Haven then shows them the resources before sending and lets them send anyway, go back, or
# tell a moderator they are struggling. Nothing is stored or reported unless they choose to.
# One phrase a line; case and accents do not matter; whole words only ("die" does not match
# "diet"). A * at the end matches any ending ("suicid*": suicide, suicidal, suicidio...).
# A line starting with ! is an exception: "!suicide squad" lets the film be named.
# English
kill myself
killing myself
end my life
ending my life
take my own life
end it all
want to die
wanna die
wish i was dead
wish i were dead
better off dead
suicid*
no reason to live
nothing to live for
hurt myself
hurting myself
harm myself
self harm
cut myself
cutting myself
i can't go on
# Español
matarme
quiero morir
quiero morirme
no quiero vivir
acabar con mi vida
quitarme la vida
hacerme daño
no tengo razón para vivir
# Français
me tuer
me suicider
je veux mourir
envie de mourir
en finir avec la vie
mettre fin à mes jours
me faire du mal
plus de raison de vivre
# Deutsch
selbstmord*
suizid*
mich umbringen
ich will sterben
nicht mehr leben
mir das leben nehmen
mir etwas antun
mich verletzen
keinen grund zu leben
# Exceptions
!suicide squad
!suicide door
!suicide doors
!suicide prevention
!suicide crisis lifeline`,
};

/**
 * Reads the texts from the data directory, creating each from its default the first time,
 * and re-reading a file when the sysop has edited it.
 */
export class Texts {
  private readonly cache = new Map<TextName, { mtimeMs: number; size: number; text: string }>();

  constructor(readonly dataDir: string) {
    for (const name of Object.keys(FILES) as TextName[]) {
      const path = join(dataDir, FILES[name]);
      if (!existsSync(path)) writeFileSync(path, DEFAULT_TEXTS[name] + '\n', { mode: 0o644 });
    }
  }

  /** Forgets what was read, so every text is read again from its file (a SIGHUP). */
  reload(): void {
    this.cache.clear();
  }

  /**
   * The current text, cleaned of control characters like any other input. Lines starting
   * with '#' are the sysop's notes to themselves and are left out.
   */
  get(name: TextName): string {
    const path = join(this.dataDir, FILES[name]);
    try {
      // The size too: two edits within one tick of a coarse file clock keep the same time.
      const { mtimeMs, size } = statSync(path);
      const cached = this.cache.get(name);
      if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.text;
      const text = withoutNotes(cleanText(readFileSync(path, 'utf8'), { maxLength: 20_000, multiline: true }));
      this.cache.set(name, { mtimeMs, size, text });
      return text;
    } catch {
      return withoutNotes(DEFAULT_TEXTS[name]);
    }
  }
}

/** Optional files the sysop may add to the data directory; none is created for them. */
export type OptionalFile = 'banner.ans' | 'banner.txt';

/** More than any banner needs; a larger file is read only this far. */
const OPTIONAL_FILE_MAX = 128 * 1024;

/**
 * Reads an optional file of the data directory as bytes (undefined when there is none),
 * reading it again only when it changed. `clean` turns the bytes into what is kept.
 */
export class OptionalFiles {
  private readonly cache = new Map<OptionalFile, { mtimeMs: number; size: number; value: string }>();

  constructor(private readonly dataDir: string) {}

  read(name: OptionalFile, clean: (bytes: Uint8Array) => string): string | undefined {
    const path = join(this.dataDir, name);
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return undefined;
      const { mtimeMs, size } = stat;
      const cached = this.cache.get(name);
      if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.value;
      const bytes = Buffer.alloc(Math.min(size, OPTIONAL_FILE_MAX));
      const fd = openSync(path, 'r');
      try {
        readSync(fd, bytes, 0, bytes.length, 0);
      } finally {
        closeSync(fd);
      }
      const value = clean(bytes);
      this.cache.set(name, { mtimeMs, size, value });
      return value;
    } catch {
      this.cache.delete(name);
      return undefined;
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

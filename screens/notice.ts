import type { BlessedScreen } from './context.js';
import type { Frame } from './frame.js';

/** What a notice offers: a key that acts on it (e.g. join the room a page is for). */
export interface NoticeOptions {
  /** blessed's name for the key, e.g. 'C-p'. Pick one no screen uses, as it works while typing too. */
  key?: string;
  /** How the key is shown, e.g. '^P'. */
  keyLabel?: string;
  /** What the key does, e.g. 'join'. */
  label?: string;
  action?(): void;
  /** The notice goes away by itself after this long (default two minutes). */
  ttlMs?: number;
}

/** The key that dismisses any notice; no screen uses it. */
export const DISMISS_KEY = { key: 'C-n', label: '^N' } as const;

export interface StatusLine {
  /** A message until the next key. */
  status(message: string, kind: 'info' | 'error'): void;
  /** A notice that stays until acted on, dismissed, replaced or timed out; returns a function that withdraws it. */
  notify(message: string, opts?: NoticeOptions): () => void;
  /** Feeds a keypress: a notice's key acts, any key clears a passing message. */
  onKey(key: { name?: string; full?: string }): void;
  /**
   * What shows now, if a new status line could show it again: nothing, or a passing message.
   * A notice (it may have a key that acts, and a timer) cannot be carried: undefined.
   */
  carried(): { message?: { text: string; kind: 'info' | 'error' } } | undefined;
  dispose(): void;
}

/**
 * The status line above the footer, shared by passing messages (cleared by the next key)
 * and notices such as a page ("alice would like to chat in Lobby"), which outlast keys so
 * that a member who is typing does not lose them. A message shows over a notice; the
 * notice comes back when the message clears.
 */
export function createStatusLine(screen: BlessedScreen, frame: Frame, render: () => void): StatusLine {
  let message: { text: string; kind: 'info' | 'error' } | undefined;
  let notice: { text: string; opts: NoticeOptions; timer: NodeJS.Timeout } | undefined;

  const show = () => {
    if (message) frame.setStatus(message.text, message.kind);
    else if (notice) frame.setStatus(notice.text, 'info');
    else frame.setStatus('', 'info');
  };

  const withdraw = (which: typeof notice) => {
    if (!which || notice !== which) return;
    clearTimeout(which.timer);
    notice = undefined;
    show();
    render();
  };

  return {
    status(text, kind) {
      message = text ? { text, kind } : undefined;
      show();
      render();
    },
    notify(text, opts = {}) {
      if (notice) clearTimeout(notice.timer);
      const keys = [
        opts.key && opts.action ? `${opts.keyLabel ?? opts.key} ${opts.label ?? 'accept'}` : '',
        `${DISMISS_KEY.label} dismiss`,
      ].filter(Boolean);
      const entry = { text: `${text} (${keys.join(', ')})`, opts, timer: undefined as unknown as NodeJS.Timeout };
      entry.timer = setTimeout(() => withdraw(entry), opts.ttlMs ?? 120_000);
      entry.timer.unref();
      notice = entry;
      // Newer than any passing message, so it is what the member sees now.
      message = undefined;
      show();
      render();
      return () => withdraw(entry);
    },
    onKey(key) {
      if (notice && notice.opts.key && key.full === notice.opts.key) {
        const acted = notice;
        withdraw(acted);
        acted.opts.action?.();
        return;
      }
      if (notice && key.full === DISMISS_KEY.key) {
        withdraw(notice);
        return;
      }
      if (message) {
        message = undefined;
        show();
      }
    },
    carried() {
      if (notice) return undefined;
      return message ? { message: { ...message } } : {};
    },
    dispose() {
      if (notice) clearTimeout(notice.timer);
      notice = undefined;
      message = undefined;
    },
  };
}

import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import { BUSY_NOT_SAVED, DatabaseBusy, isDatabaseBusy, retryWhileBusy } from '../src/services/database-busy.js';
import { displayWidth, escapeTags, padToWidth, truncateToWidth } from '../src/text/index.js';
import type { Box, Hint, ScreenContext, ScreenFactory, ScreenView } from './context.js';
import type { CrisisSurface } from '../src/services/crisis-words.js';
import type { DraftTarget } from '../src/services/drafts.js';
import { offerResourcesIfNeeded } from './crisis-prompt.js';
import { createEditor, type Editor } from './widgets/editor.js';
import { createLineInput, type LineInput } from './widgets/line-input.js';
import { renderSoon } from './widgets/render-soon.js';
import { SAVING_NOTICE } from './widgets/attempt.js';

export interface ComposeField {
  /** Key of the field's value in what `onSend` receives. */
  name: string;
  /** Shown before the field, e.g. "Subject:". */
  label: string;
  value?: string;
  maxLength: number;
  placeholder?: string;
}

export interface ComposeOptions {
  title: string;
  /** Where the member is, as others see it in Who's online. */
  place?: string;
  /** One-line fields above the body, in order. */
  fields: ComposeField[];
  body?: string;
  bodyMaxLength: number;
  /** A line of guidance above the fields, dropped when the window is short. */
  intro?: string;
  /** Where the cursor starts: a field's name or 'body'; by default the first empty field. */
  focus?: string;
  /**
   * Sends what was written. A `UserError` thrown (or rejected with) is shown to the member,
   * who keeps everything they typed.
   */
  onSend(values: Record<string, string>, body: string): Promise<void> | void;
  /** After a successful send; without it the screen closes (`nav.pop()`). */
  onSent?(): void;
  /**
   * Where this is going, for the crisis prompt: before the first send, a subject or body that
   * holds one of the sysop's crisis phrases shows the resources first (once per draft).
   */
  crisisCheck?: CrisisSurface;
  /**
   * Where this is going, so that what was typed is kept as a draft if the session ends
   * before it is sent. `resumed`: the id of the draft offered back at log-in that the editor
   * holds, replaced if the session ends again, removed once sent or thrown away (Esc asks first).
   */
  draft?: { target(values: Record<string, string>): DraftTarget; resumed?: number };
}

const HINTS: Hint[] = [
  { key: '^S', label: ' Send' },
  { key: 'Esc', label: ' Cancel' },
  { key: 'Tab', label: ' Next field' },
];

type Key = { name?: string; ctrl?: boolean; shift?: boolean };

/**
 * Writing a post or a letter: one-line fields on top, the body editor below, a character
 * count, Ctrl-S to send and Esc to cancel (asking first when something was written).
 */
export function composeScreen(opts: ComposeOptions): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const { screen, theme } = ctx;
    const fieldStyle = theme.monochrome ? { underline: true } : { bg: 'blue', fg: 'white' };
    const container = blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: '100%' });
    const intro = blessed.box({ parent: container, top: 0, left: 1, height: 1, width: '100%-2', tags: false, wrap: false });
    const labels = opts.fields.map(() => blessed.box({ parent: container, top: 0, left: 1, height: 1, width: 1, tags: false, wrap: false }));
    const rule = blessed.box({ parent: container, top: 0, left: 0, height: 1, width: '100%', tags: false, wrap: false });
    const counter = blessed.box({ parent: container, top: 0, left: 0, height: 1, width: '100%', tags: true, wrap: false });
    const confirm = blessed.box({
      parent: container, top: 0, left: 0, height: 1, width: '100%', tags: false, wrap: false, hidden: true,
      style: theme.statusError,
    });

    let disposed = false;
    let sending = false;
    let confirming = false;
    let bodyLength = 0;
    let atLimit = false;
    let crisisOffered = false;

    const inputs: LineInput[] = opts.fields.map((f, i) =>
      createLineInput({
        parent: container,
        screen,
        top: 0,
        left: 0,
        width: 1,
        maxLength: f.maxLength,
        value: f.value,
        style: fieldStyle,
        // Enter on a field moves on; it never sends half a letter.
        onSubmit: () => focusAt(i + 1),
        onCancel: () => cancel(),
      }),
    );
    const editor: Editor = createEditor({
      ctx,
      parent: container,
      top: 0,
      left: 1,
      width: 1,
      height: 1,
      maxLength: opts.bodyMaxLength,
      value: opts.body,
      placeholder: 'Write here. Ctrl-S sends.',
      onChange(length, refused) {
        bodyLength = length;
        atLimit = refused || length >= opts.bodyMaxLength;
        drawCounter(refused);
      },
      // With no fields to go to, Tab in the body inserts spaces as usual.
      onTab: opts.fields.length > 0 ? (shift) => focusAt(order.indexOf(editor.box) + (shift ? -1 : 1)) : undefined,
    });
    const order = [...inputs.map((i) => i.box), editor.box];
    const focusables = [...inputs.map((i) => ({ box: i.box, focus: () => i.focus() })), { box: editor.box, focus: () => editor.focus() }];
    const asked = opts.focus === 'body' ? order.length - 1 : opts.fields.findIndex((f) => f.name === opts.focus);
    let current =
      asked >= 0 ? asked : inputs.length > 0 && opts.fields.some((f) => !f.value) ? opts.fields.findIndex((f) => !f.value) : order.length - 1;

    const focusAt = (index: number) => {
      current = (index + order.length) % order.length;
      focusables[current]!.focus();
      renderSoon(screen);
    };

    // A resumed draft counts as written: Esc asks before it is thrown away.
    const initial = opts.draft?.resumed !== undefined
      ? { values: opts.fields.map(() => ''), body: '' }
      : { values: opts.fields.map((f) => f.value ?? ''), body: editor.value() };
    const changed = () => editor.value() !== initial.body || inputs.some((input, i) => input.value() !== initial.values[i]);
    const fieldValues = () => {
      const values: Record<string, string> = {};
      opts.fields.forEach((f, i) => (values[f.name] = inputs[i]!.value()));
      return values;
    };

    const member = ctx.session.member;
    const draft = member && opts.draft;
    /** A draft the end hook saved while a send was still waiting for the database. */
    let savedWhileSending: number | undefined;
    const forgetDraft = () => {
      for (const id of [draft ? draft.resumed : undefined, savedWhileSending]) if (member && id !== undefined) ctx.services.drafts.remove(member.id, id);
    };
    const removeEndHook = draft
      ? ctx.onSessionEnd(() => {
          if (!changed()) return false;
          const values = fieldValues();
          const text = { subject: values.subject ?? '', contentWarning: values.cw ?? '', body: editor.value() };
          const id = ctx.services.drafts.save(member.id, draft.target(values), text, draft.resumed);
          // A send still retrying may yet go through: then this draft is not wanted after all.
          if (sending) savedWhileSending = id;
          return id !== undefined;
        })
      : undefined;

    const drawCounter = (refused = false) => {
      const width = Number(container.width);
      const count = `${bodyLength}/${opts.bodyMaxLength}`;
      const note = refused ? 'That is as long as it can be. ' : '';
      const text = padToWidth(`${note}${count}`.padStart(Math.max(0, width - 1)), Math.max(1, width - 1));
      counter.setContent(atLimit ? `{${theme.monochrome ? 'underline' : 'red-fg'}}{bold}${escapeTags(text)}{/bold}{/}` : escapeTags(text));
    };

    const layout = () => {
      const width = Math.max(2, Number(container.width));
      const height = Math.max(1, Number(container.height));
      // Rows: [intro] fields... [rule] editor(>=2) counter. Intro and rule give way on short windows.
      const fixed = opts.fields.length + 1;
      const showIntro = Boolean(opts.intro) && height - fixed - 1 >= 2 + 4;
      const showRule = height - fixed - (showIntro ? 1 : 0) - 1 >= 2 + 3;
      let y = 0;
      intro.hidden = !showIntro;
      if (showIntro) {
        intro.top = y++;
        intro.setContent(truncateToWidth(opts.intro!, width - 2));
      }
      // Labels take what they need, but never more than about 40% of a narrow window.
      const labelWidth = Math.min(
        Math.max(0, ...opts.fields.map((f) => displayWidth(f.label))) + 1,
        Math.max(4, Math.floor(width * 0.4)),
      );
      opts.fields.forEach((f, i) => {
        const label = labels[i]!;
        label.top = y;
        label.width = labelWidth;
        label.setContent(truncateToWidth(f.label, labelWidth - 1));
        const box = inputs[i]!.box;
        box.top = y;
        box.left = 1 + labelWidth;
        box.width = Math.max(2, width - labelWidth - 2);
        box.emit('resize');
        y++;
      });
      rule.hidden = !showRule;
      if (showRule) {
        rule.top = y++;
        const caption = opts.fields.length > 0 ? ' Message ' : '';
        rule.setContent(truncateToWidth(`─${caption}${'─'.repeat(width)}`, width, ''));
      }
      const editorHeight = Math.max(2, height - y - 1);
      editor.box.top = y;
      editor.box.left = 1;
      editor.box.width = Math.max(3, width - 2);
      editor.box.height = editorHeight;
      editor.box.emit('resize');
      counter.top = y + editorHeight;
      confirm.top = y + editorHeight;
      drawCounter();
    };

    const send = async () => {
      if (sending || confirming) return;
      const values = fieldValues();
      if (opts.crisisCheck && !crisisOffered) {
        // Quoted lines are someone else's words: a reply to a member in crisis is not about the replier.
        const own = editor.value().split('\n').filter((line) => !line.startsWith('>')).join('\n');
        const words = [values.subject ?? '', values.cw ?? '', own].join('\n');
        const offered = offerResourcesIfNeeded(ctx, words, {
          where: opts.crisisCheck,
          place: opts.place ?? opts.title,
          onSend: () => trySend(),
          onBack: () => focusAt(current),
        });
        if (offered) {
          crisisOffered = true;
          return;
        }
      }
      sending = true;
      const body = editor.value();
      let withdrawSaving: (() => void) | undefined;
      try {
        try {
          await opts.onSend(values, body);
        } catch (err) {
          if (!isDatabaseBusy(err)) throw err;
          // Another process holds the write lock: try again on timers, never on the event loop.
          withdrawSaving = ctx.notify(SAVING_NOTICE);
          await retryWhileBusy(() => opts.onSend(values, body), { deadlineMs: ctx.services.saveDeadlineMs });
        }
      } catch (err) {
        withdrawSaving?.();
        sending = false;
        if (disposed) return;
        if (err instanceof DatabaseBusy) {
          ctx.status(`${BUSY_NOT_SAVED} What you wrote is still here: press Ctrl-S to try again.`, 'error');
          return;
        }
        if (!isUserError(err)) throw err;
        ctx.status(err.message, 'error');
        return;
      }
      withdrawSaving?.();
      sending = false;
      forgetDraft();
      if (disposed) return;
      if (opts.onSent) opts.onSent();
      else ctx.nav.pop();
    };

    const cancel = () => {
      if (sending) return;
      if (!changed()) {
        ctx.nav.pop();
        return;
      }
      confirming = true;
      confirm.setContent(truncateToWidth(' Discard what you wrote? (y/n)', Math.max(1, Number(container.width))));
      confirm.show();
      confirm.setFront();
      confirm.focus();
      renderSoon(screen);
    };

    const endConfirm = () => {
      confirming = false;
      confirm.hide();
      focusAt(current);
    };
    confirm.on('keypress', (ch: string | undefined, key: Key) => {
      // Ctrl-R opens Resources over us; the question stays until the member is back.
      if (key.name === 'return' || key.ctrl) return;
      if (ch === 'y' || ch === 'Y') {
        confirming = false;
        forgetDraft();
        ctx.nav.pop();
        return;
      }
      // Anything else is a no: the member's words are worth one more key press.
      endConfirm();
    });

    const trySend = () => {
      void send().catch((err: unknown) => {
        ctx.services.log.error('compose send failed', { err: err instanceof Error ? err.stack : String(err) });
        ctx.status('Something went wrong on our side. It has been logged; please try again.', 'error');
      });
    };

    // Judged by the box that received the key, not by screen.focused: the editor's own Tab
    // handler has already moved focus by the time this runs, and must not be moved again.
    const onKey = (box: Box, key: Key) => {
      if (key.ctrl && key.name === 's') {
        trySend();
      } else if (key.name === 'escape' && box === editor.box) {
        cancel();
      } else if (key.name === 'tab' && box !== editor.box) {
        focusAt(current + (key.shift ? -1 : 1));
      }
    };
    for (const box of order) box.on('keypress', (_ch: string | undefined, key: Key) => onKey(box, key));
    order.forEach((box, i) => box.on('focus', () => (current = i)));

    const onResize = () => {
      layout();
      renderSoon(screen);
    };
    screen.on('resize', onResize);
    layout();

    return {
      title: opts.title,
      place: opts.place,
      hints: HINTS,
      focus() {
        // Back from Resources in the middle of the question: it is still waiting for an answer.
        if (confirming) confirm.focus();
        else focusAt(current);
      },
      dispose() {
        disposed = true;
        removeEndHook?.();
        screen.removeListener('resize', onResize);
        for (const input of inputs) input.destroy();
        editor.destroy();
        container.destroy();
      },
    };
  };
}

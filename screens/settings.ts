import type { LightLookChoice } from '../src/services/member-prefs.js';
import blessed from 'blessed';
import { attempt as attemptIn } from './widgets/attempt.js';
import { escapeTags, padToWidth } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { askLine } from './widgets/ask-line.js';
import { blockedMembersScreen } from './blocked-members.js';
import { askToChangePassword } from './change-password.js';
import { logInKeysScreen } from './log-in-keys.js';
import { myReportsScreen } from './my-reports.js';
import { safetySettingItems } from './safety-settings.js';
import { deleteAccountScreen } from './delete-account.js';
import { myDataScreen } from './my-data.js';
import { createList } from './widgets/list.js';
import { createScope } from './widgets/scope.js';

/** One line of the settings screen: its current value and what Enter (or its hotkey) does. */
export interface SettingItem {
  key: string;
  label: string;
  value(): string;
  change(): void;
}

/** The settings a member can change; a feature adds its lines here. */
export function settingItems(ctx: ScreenContext, redraw: () => void, restore: () => void): SettingItem[] {
  const member = ctx.session.member!;
  const { accounts } = ctx.services;
  // A change that waits for a busy database is redrawn once it is saved.
  const attempt = (work: () => void) => {
    attemptIn(ctx, () => {
      work();
      redraw();
    });
    redraw();
  };
  return [
    {
      key: 'T',
      label: 'Time zone',
      value: () => member.timeZone,
      change: () =>
        askLine(ctx, {
          question: 'Your time zone (e.g. Europe/London, America/New_York, UTC)',
          value: member.timeZone,
          maxLength: 64,
          restore,
          onAnswer: (zone) =>
            attempt(() => {
              member.timeZone = accounts.setTimeZone(member.id, zone);
              ctx.status(`Times are now shown in ${member.timeZone}.`);
              ctx.services.hub.emit('settings:changed', { memberId: member.id });
            }),
        }),
    },
    {
      key: 'P',
      label: 'Plain look (no colour)',
      value: () => (member.monochrome ? 'on' : 'off'),
      change: () =>
        attempt(() => {
          member.monochrome = !member.monochrome;
          accounts.setMonochrome(member.id, member.monochrome);
          // The session (and any other of this member's) changes its look on hearing this.
          ctx.services.hub.emit('settings:changed', { memberId: member.id });
          ctx.status(`The plain look is ${member.monochrome ? 'on' : 'off'}.`);
        }),
    },
    {
      key: 'L',
      label: 'Light look for slow links',
      value: () => LIGHT_LOOK_LABELS[ctx.services.prefs.get(member.id).lightLook],
      change: () =>
        attempt(() => {
          const next = LIGHT_LOOK_ORDER[(LIGHT_LOOK_ORDER.indexOf(ctx.services.prefs.get(member.id).lightLook) + 1) % LIGHT_LOOK_ORDER.length]!;
          ctx.services.prefs.setLightLook(member.id, next);
          ctx.services.hub.emit('settings:changed', { memberId: member.id });
          ctx.status(`The light look is ${LIGHT_LOOK_LABELS[next]}.`);
        }),
    },
    {
      key: 'C',
      label: 'Change password',
      value: () => '',
      change: () => askToChangePassword(ctx, restore),
    },
    {
      key: 'K',
      label: 'Log-in keys',
      value: () => {
        const n = accounts.listKeys(member.id).length;
        const offered = ctx.session.provenKey && !accounts.hasKey(member.id, ctx.session.provenKey);
        return (n === 0 ? 'none saved' : `${n} saved`) + (offered ? ', 1 to add' : '');
      },
      change: () => ctx.nav.push(logInKeysScreen),
    },
    {
      key: 'I',
      label: "Invisible in Who's online",
      value: () => (ctx.services.prefs.get(member.id).invisible ? 'on' : 'off'),
      change: () =>
        attempt(() => {
          const on = !ctx.services.prefs.get(member.id).invisible;
          ctx.services.prefs.setInvisible(member.id, on);
          ctx.services.presence.setInvisible(member.id, on);
          ctx.status(on ? "You are hidden from Who's online (and cannot be paged)." : "You show in Who's online again.");
        }),
    },
    {
      key: 'A',
      label: 'Allow pages to chat',
      value: () => (ctx.services.prefs.get(member.id).allowPages ? 'on' : 'off'),
      change: () =>
        attempt(() => {
          const on = !ctx.services.prefs.get(member.id).allowPages;
          ctx.services.prefs.setAllowPages(member.id, on);
          ctx.status(on ? 'Members can page you to come and chat.' : 'Nobody can page you now.');
        }),
    },
    {
      key: 'X',
      label: 'Blocked members',
      value: () => String(ctx.services.blocks.list(member.id).length),
      change: () => ctx.nav.push(blockedMembersScreen),
    },
    {
      key: 'M',
      label: 'My reports',
      value: () => {
        const mine = ctx.services.reports.mine(member);
        const open = mine.filter((r) => r.state === 'open').length;
        return mine.length === 0 ? 'none' : `${open} open of ${mine.length}`;
      },
      change: () => ctx.nav.push(myReportsScreen),
    },
    ...safetySettingItems(ctx),
    {
      key: 'H',
      label: 'What Haven holds about me',
      value: () => 'read',
      change: () => ctx.nav.push(myDataScreen),
    },
    {
      key: 'D',
      label: 'Delete my account',
      value: () => '',
      change: () => ctx.nav.push(deleteAccountScreen),
    },
  ];
}

const LIGHT_LOOK_ORDER: LightLookChoice[] = ['auto', 'light', 'full'];
const LIGHT_LOOK_LABELS: Record<LightLookChoice, string> = {
  auto: 'when the link is slow',
  light: 'always',
  full: 'never',
};

/** Settings: time zone, look, password, log-in keys, blocked members, reports, safety, what Haven holds, deleting the account. */
export const settingsScreen: ScreenFactory = (ctx): ScreenView => {
  const scope = createScope(ctx);
  const list = scope.widget(createList(ctx, { top: 1, height: '100%-1', plainItems: true }));
  scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 1, width: '100%-2', height: 1, content: 'Choose a setting to change it.' }));
  const redraw = () => {
    const width = Number(list.width);
    list.setItems(
      items.map((i) => escapeTags(padToWidth(` [${i.key}] ${i.label}`, Math.min(32, width - 12)) + i.value())),
    );
    ctx.screen.render();
  };
  const restore = () => list.focus();
  const items = settingItems(ctx, redraw, restore);
  redraw();
  list.on('select', (_i: unknown, index: number) => items[index]?.change());
  list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    const item = ch ? items.find((i) => i.key.toLowerCase() === ch.toLowerCase()) : undefined;
    item?.change();
  });
  scope.onScreen('resize', () => redraw());
  return {
    title: 'Settings',
    place: 'Settings',
    hints: [{ key: 'Enter', label: ' Change' }, { key: 'Esc', label: ' Back' }],
    focus: () => {
      redraw();
      list.focus();
    },
    dispose: () => scope.dispose(),
  };
};

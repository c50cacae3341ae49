import { plainToPage, textPage } from './text-page.js';

const HELP = `MOVING AROUND
Arrows or j/k move the selection; Enter opens; Esc or Left goes back.
Every menu item has a hotkey, shown in brackets: press it to go straight there.
Space and b page down and up in long pages.

HELP NOW
Ctrl-R opens the crisis lines and the disclaimer from any screen, even while you type.

CHAT
C opens the chat rooms: the Lobby is open around the clock, and support groups may have
their own room and a weekly meeting. In a room, type and press Enter; /help lists the
commands (/me, /msg, /away, /ignore, /join, /page, /hand). PgUp shows earlier lines,
Esc leaves. When someone pages you, ^P takes you to them and ^N dismisses it.

LEAVING
G on the main menu logs off. Closing your terminal is fine too.

PRIVACY
Haven never asks for your e-mail or your real name, and does not keep your address.
Please do not share details that could identify you or anyone else.`;

/** Keys and how Haven works. */
export const helpScreen = textPage('Help', 'Help', () => plainToPage(HELP));

import { textPage } from './text-page.js';

/** One line per paragraph: the page wraps it to the window. */
const help = (bbsName: string) => `MOVING AROUND
Arrows or j/k move the selection; Enter opens; Esc or Left goes back. Every menu item has a hotkey, shown in brackets: press it to go straight there.
In long pages, Space or PgDn pages down, b or PgUp pages up, Home and End go to the top and the bottom.

BOARDS
B on the main menu lists the boards; the Unread column counts posts you have not read. In a board: P starts a thread, C marks everything read, / searches the board.
In a thread: Tab or ] and [ move between posts, R replies, Q quotes the highlighted post, S sends it your support, O opens a post behind a content warning, E and D edit or delete your own post, X blocks its author, ! reports it to the board's moderators. N, anywhere in the boards or on the main menu, takes you to the next post you have not read ("new since last call"). Moderators press M in a thread for the staff menu: hide or restore a post, lock, pin or move the thread, edit its subject.

HELP NOW
Ctrl-R opens the crisis lines and the disclaimer from any screen, even while you type.

CHAT
C opens the chat rooms: the Lobby is open around the clock, and support groups may have their own room and a weekly meeting. In a room, type and press Enter; /help lists the commands (/me, /msg, /away, /ignore, /join, /page, /hand, /report). PgUp shows earlier lines, Esc leaves. When someone pages you, ^P takes you to them and ^N dismisses it.

REPORTING
If something worries you (harmful advice, harassment, spam, or a member who may be at risk), report it: ! on a post or a message, /report and their name in chat. Moderators look at every report; you can follow yours under Settings, My reports.

LEAVING
G on the main menu logs off. Closing your terminal is fine too.

PRIVACY
${bbsName} never asks for your e-mail or your real name, and does not keep your address. Please do not share details that could identify you or anyone else.`;

/** Keys and how the BBS works. */
export const helpScreen = textPage('Help', 'Help', (ctx) => help(ctx.services.bbsName));

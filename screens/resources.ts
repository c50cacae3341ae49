import { textPage } from './text-page.js';

/** Crisis lines and the disclaimer, from the sysop's resources.txt. One key away everywhere (Ctrl-R). */
export const resourcesScreen = textPage('Help now', 'Resources', (ctx) => ctx.services.texts.get('resources'));

import type { Services } from '../src/services/index.js';
import { textPage } from './text-page.js';

/** The sysop's crisis lines (resources.txt) and, under them, the disclaimer (disclaimer.txt). */
export function resourcesText(services: Pick<Services, 'texts'>): string {
  return `${services.texts.get('resources')}\n\n${services.texts.get('disclaimer')}`;
}

/** Crisis lines and the disclaimer. One key away everywhere (Ctrl-R). */
export const resourcesScreen = textPage('Help now', 'Resources', (ctx) => resourcesText(ctx.services));

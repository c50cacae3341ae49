// The text module: cleaning at the boundary, measuring, wrapping, and escaping for blessed.
export { cleanText, cleanLine, exceedsLength, graphemes } from './sanitize.js';
export type { CleanOptions } from './sanitize.js';
export { displayWidth, graphemeWidth, takeWidth, truncateToWidth, padToWidth } from './width.js';
export { wrapText } from './wrap.js';
export { escapeTags } from './escape.js';

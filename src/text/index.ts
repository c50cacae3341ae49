// The text module: cleaning at the boundary, measuring, wrapping, and escaping for blessed.
export { cleanText, cleanLine, escapeSequenceRanges, exceedsLength, graphemes, stripControls } from './sanitize.js';
export { eachGrapheme } from './graphemes.js';
export type { CleanOptions } from './sanitize.js';
export { CUT_MARK, codePointWidthAt, displayWidth, isAmbiguousCluster, widestDrawing, graphemeWidth, takeWidth, truncateToWidth, padToWidth } from './width.js';
export { wrapText } from './wrap.js';
export { escapeTags } from './escape.js';
export { countOf } from './plural.js';
export { formatWhen, formatDateTime, formatClock, formatLongDate } from './time.js';
export { compileWords, foldForMatching, foldLetters, phraseMatcher, wordsOf, type CompiledPattern, type PhraseMatcher } from './match-words.js';
export { lineDiff, type DiffLine } from './line-diff.js';

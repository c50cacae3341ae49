const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One line of bars, one column per value, the newest on the right: block characters
 * (eight heights) on a UTF-8 terminal, `#` for any activity and `.` for none elsewhere (ASCII
 * has no heights to draw). Only the last `width` values are drawn when they do not all fit.
 */
export function barLine(values: readonly number[], width: number, unicode: boolean): string {
  const shown = values.slice(Math.max(0, values.length - Math.max(0, width)));
  const max = Math.max(0, ...shown);
  return shown
    .map((v) => {
      if (!unicode) return v > 0 ? '#' : '.';
      if (v <= 0 || max === 0) return ' ';
      return BLOCKS[Math.min(7, Math.ceil((v / max) * 8) - 1)]!;
    })
    .join('');
}

/**
 * A chart in two lines: a title with the busiest bar's count, then the bars on a baseline of
 * `width` columns at most.
 */
export function barChart(title: string, values: readonly number[], width: number, unicode: boolean, unit: string): string[] {
  const bars = barLine(values, width, unicode);
  const shown = values.slice(values.length - bars.length);
  const max = Math.max(0, ...shown);
  return [`${title} (${bars.length} ${unit}, busiest ${max})`, bars];
}

// blessed parses `{...}` tags in content when tags are enabled, so a member
// typing `{red-fg}` or `{/escape}` could restyle or break out of the screen
// around their text. This mirrors blessed.escape without importing blessed,
// keeping the text module free of the UI library.

/** Makes member text render literally inside tag-enabled blessed content; apply at display time, after cleaning. */
export function escapeTags(s: string): string {
  // One pass, so the braces of an inserted `{open}` are never escaped again.
  return String(s).replace(/[{}]/g, (ch) => (ch === '{' ? '{open}' : '{close}'));
}

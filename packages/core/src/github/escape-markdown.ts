const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// Every ASCII punctuation GitHub Markdown could read as syntax (CommonMark lets any of them be backslash-escaped).
const PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~:=^$]/g;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f]/g;
const ZERO_WIDTH_SPACE = '&#8203;';

/**
 * Makes an untrusted string (a test name, a log line, a commit message) render as exactly its text inside
 * GitHub Markdown: HTML is entity-encoded, Markdown punctuation backslash-escaped, ANSI colour codes and
 * control characters dropped, and @mentions / #references broken with a zero-width space so a log line
 * cannot ping people or cross-link issues. Line breaks become spaces (the text is inline, e.g. a table cell).
 */
export const escapeMarkdown = (options: { text: string; maxLength?: number }): string => {
  let text = options.text.replace(CONTROL, '').replace(/\r?\n|\r|\t/g, ' ');
  if (options.maxLength !== undefined && text.length > options.maxLength)
    text = `${text.slice(0, Math.max(0, options.maxLength - 1))}…`;
  return text
    .replace(/[&<>"]/g, (char) => HTML[char] ?? char)
    .replace(PUNCTUATION, (char) => `\\${char}`)
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/\\#(?=[0-9])/g, `\\#${ZERO_WIDTH_SPACE}`);
};

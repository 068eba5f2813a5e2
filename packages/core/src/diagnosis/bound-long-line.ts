// Lines of megabytes exist in CI logs (progress bars redrawn with "\r", minified bundles, JSON dumps). Every later
// stage is linear in line length, so a long line keeps only its head (CI markers, the start of a message) and,
// when it redraws with "\r", its tail (the state a terminal would show). Cuts fall on whitespace where possible so
// no secret is split into a fragment the redactor could no longer recognise.

export const MAX_LINE = 4096;
const HEAD = 1024;
const SEARCH = 256;

const cutBefore = (text: string, at: number): number => {
  for (let i = at; i > at - SEARCH && i > 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13) return i;
  }
  return at;
};

const cutAfter = (text: string, at: number): number => {
  for (let i = at; i < at + SEARCH && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13) return i + 1;
  }
  return at;
};

/** Returns `line` unchanged when short, else a bounded stand-in that reads the same to the analyzer. */
export const boundLongLine = (options: { line: string }): string => {
  const { line } = options;
  if (line.length <= MAX_LINE) return line;
  const head = line.slice(0, cutBefore(line, HEAD));
  if (!line.includes('\r', HEAD)) return line.slice(0, cutBefore(line, MAX_LINE));
  // Keep the tail from the start of a "\r" segment so the last visible segment survives whole when it can.
  let tailStart = line.lastIndexOf('\r', line.length - (MAX_LINE - HEAD));
  tailStart = tailStart === -1 ? cutAfter(line, line.length - (MAX_LINE - HEAD)) : tailStart + 1;
  return `${head}\r${line.slice(Math.max(tailStart, head.length))}`;
};

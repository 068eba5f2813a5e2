// Known secret values: those a caller hands over (an installation token) and those a job registers with
// `::add-mask::`. Like the GitHub Actions runner's secret masker, each value is also masked in the encodings
// tools print it in: base64 at each of the three byte alignments (so it is found inside a longer base64 string,
// such as Basic auth of user:token or a docker "auth" field), URL-encoded, and JSON-escaped.

export type MaskSet = {
  add: (value: string) => void;
  size: () => number;
  /** Replaces every known value in `text` with `replacement`; returns how many were replaced. */
  apply: (text: string, replacement: string) => { text: string; replaced: number };
};

const MIN_LENGTH = 4;
const MAX_VALUES = 500;

const base64Variants = (value: string): string[] => {
  const bytes = Buffer.from(value, 'utf8');
  const variants: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Characters that depend only on the value's bytes, whatever precedes or follows them.
    const from = Math.ceil((shift * 8) / 6);
    const to = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(from, to);
    if (core.length >= 8) variants.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return variants;
};

export const createMaskSet = (): MaskSet => {
  const values = new Set<string>();
  // One alternation, longest first (so a value containing another is replaced whole), rebuilt after additions.
  let pattern: RegExp | null = null;

  const add = (raw: string): void => {
    // A multi-line secret is masked line by line, as lines are what the redactor sees (the runner does the same).
    if (raw.includes('\n')) {
      for (const line of raw.split(/\r?\n/)) if (line.trim().length >= 8) add(line);
      return;
    }
    const value = raw.trim();
    if (value.length < MIN_LENGTH || values.has(value) || values.size >= MAX_VALUES) return;
    const spellings = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), ...base64Variants(value)];
    for (const spelling of spellings) if (spelling.length >= MIN_LENGTH) values.add(spelling);
    pattern = null;
  };

  const apply = (text: string, replacement: string): { text: string; replaced: number } => {
    if (values.size === 0) return { text, replaced: 0 };
    pattern ??= new RegExp([...values].sort((a, b) => b.length - a.length).map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    pattern.lastIndex = 0;
    if (!pattern.test(text)) return { text, replaced: 0 };
    let replaced = 0;
    pattern.lastIndex = 0;
    const out = text.replace(pattern, () => {
      replaced += 1;
      return replacement;
    });
    return { text: out, replaced };
  };

  return { add, size: () => values.size, apply };
};

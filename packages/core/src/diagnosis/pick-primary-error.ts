export type CompilerError = {
  line: number;
  text: string;
  /** TS2307, E0432, a Python exception class; null for tools without codes (Go). */
  code: string | null;
  tool: 'tsc' | 'rustc' | 'go' | 'python';
};

export type PrimaryError = {
  primary: CompilerError;
  /** The other errors of the same tool, most primary first. */
  secondary: CompilerError[];
  /** The secondary errors are a cascade of the primary one (it breaks resolution, syntax or the chain). */
  cascade: boolean;
};

type Ranked = CompilerError & { tier: number };

const tscLine = /^(?:\S.*?(?:\(\d+,\d+\):|:\d+:\d+ -) )?error (TS\d{4,5}): \S/;
const rustcLine = /^error(?:\[(E\d{4})\])?: (.*)$/;
// Cargo's and rustc's closing lines only count what came before.
const rustcFallout = /^(?:aborting due to|could not compile|build failed|Could not compile|failed to compile|test failed, to rerun|process didn't exit successfully|\d+ targets? failed)/;
// Compiler and vet lines carry a column; `t.Errorf` output in test logs (`x_test.go:12: ...`) does not.
const goLine = /^(?:vet: )?(?:\.{0,2}\/)?[\w./-]+\.go:\d+:\d+: (.*)$/;
const pyTraceback = /^\s*Traceback \(most recent call last\):/;
const pyException = /^((?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Failure|Warning))(?::\s.*)?$/;
const pyChain = /^(?:During handling of the above exception, another exception occurred|The above exception was the direct cause of the following exception):/;

// Lower tiers explain higher ones: a module that cannot be resolved turns its imports into `any`, whence the
// implicit-any and missing-property errors further down. Within a tier, the first in compile order wins.
const tscTier = (code: string): number => {
  const n = Number(code.slice(2));
  if (n >= 5000 && n < 7000) return 0; // tsconfig and compiler options
  if ([2305, 2724, 2614, 2459, 2460, 2303, 1192, 2613].includes(n)) return 2; // imports of missing members
  if (n < 2000) return 1; // syntax
  if ([2307, 2792, 2306, 2688, 7016, 2580, 2582, 2583, 2591, 2593].includes(n)) return 1; // module and type resolution
  if ([7005, 7006, 7008, 7010, 7011, 7019, 7022, 7023, 7031, 7034, 7053, 18046].includes(n)) return 5; // implicit any
  return 4;
};
const rustcTier = (code: string | null, text: string): number =>
  code && ['E0432', 'E0433', 'E0463', 'E0583'].includes(code) ? 1 : /^(?:expected|unexpected|this file contains an unclosed)/.test(text) ? 1 : 4;
// "could not import X" is an importer reporting that X itself failed: fallout, not a cause.
const goTier = (text: string): number =>
  /^could not import /.test(text) ? 5 : /^(?:no required module provides|cannot find package|package \S+ is not in|missing go\.sum entry|expected |syntax error)/.test(text) ? 1 : 4;

const collectTsc = (lines: readonly { line: number; text: string }[]): Ranked[] =>
  lines.flatMap(({ line, text }) => {
    const code = tscLine.exec(text.trim())?.[1];
    return code ? [{ line, text: text.trim(), code, tool: 'tsc' as const, tier: tscTier(code) }] : [];
  });

// Many tools print "error: ..." (git, pip, cc); rustc's carry a code or point at a Rust file just below.
const rustLocation = /^\s*--> \S+\.rs:\d+/;
const collectRustc = (lines: readonly { line: number; text: string }[]): Ranked[] =>
  lines.flatMap(({ line, text }, index) => {
    const match = rustcLine.exec(text);
    if (!match || rustcFallout.test(match[2] ?? '')) return [];
    const code = match[1] ?? null;
    if (!code && !lines.slice(index + 1, index + 4).some((next) => rustLocation.test(next.text))) return [];
    return [{ line, text, code, tool: 'rustc' as const, tier: rustcTier(code, match[2] ?? '') }];
  });

/** Go: `go build` lists each broken package's errors in position order; its importers are not compiled at all. */
const collectGo = (lines: readonly { line: number; text: string }[]): Ranked[] => {
  const found: Ranked[] = [];
  for (const { line, text } of lines) {
    const match = goLine.exec(text.trim());
    if (match) found.push({ line, text: text.trim(), code: null, tool: 'go', tier: goTier(match[1] ?? '') });
  }
  return found;
};

/**
 * Python prints a chain cause first: "During handling of the above exception" and "The above exception was the
 * direct cause" both follow the exception that started it, so the first traceback of a chain holds the cause.
 */
const collectPython = (lines: readonly { line: number; text: string }[]): Ranked[] => {
  const found: Ranked[] = [];
  let inTraceback = false;
  let chainStart = true;
  for (const { line, text } of lines) {
    if (pyTraceback.test(text)) {
      inTraceback = true;
      continue;
    }
    if (pyChain.test(text.trim())) {
      chainStart = false;
      continue;
    }
    if (!inTraceback || /^\s/.test(text)) continue;
    const match = pyException.exec(text.trim());
    if (!match) continue;
    inTraceback = false;
    // The first exception of each chain is its cause; what was raised while handling it ranks below.
    found.push({ line, text: text.trim(), code: match[1]?.split('.').pop() ?? null, tool: 'python', tier: chainStart ? 1 : 4 });
    chainStart = true;
  }
  return found;
};

const byRank = (a: Ranked, b: Ranked): number => a.tier - b.tier || a.line - b.line;
const strip = ({ tier: _tier, ...error }: Ranked): CompilerError => error;

/**
 * Picks, among a compiler's (or interpreter's) errors in log order, the one the others follow from: module
 * resolution and syntax before type errors, else the first in compile order (rustc, Go), the cause of a Python
 * exception chain. Fallout lines ("aborting due to 3 previous errors", "too many errors") are not errors.
 * Returns null when no line is a recognised compiler error.
 */
export const pickPrimaryError = (options: { lines: readonly { line: number; text: string }[] }): PrimaryError | null => {
  const groups = [collectTsc(options.lines), collectRustc(options.lines), collectGo(options.lines), collectPython(options.lines)];
  // The tool whose first error comes first: a log rarely carries two, and then the earlier one broke the job.
  const group = groups.filter((errors) => errors.length > 0).sort((a, b) => (a[0]?.line ?? 0) - (b[0]?.line ?? 0))[0];
  if (!group) return null;
  const ordered = [...group].sort(byRank);
  const [primary, ...rest] = ordered;
  if (!primary) return null;
  const cascade = rest.length > 0 && primary.tier <= 2 && rest.every((error) => error.tier > primary.tier);
  return { primary: strip(primary), secondary: rest.map(strip), cascade };
};

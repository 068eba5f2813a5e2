import { scanJsTests } from '../scan-js-tests.ts';
import type { AnalyzedChange } from '../guardrail-finding.ts';

const testMarkers: Partial<Record<AnalyzedChange['language'], RegExp>> = {
  python: /^\s*(?:async\s+)?def\s+test\w*\s*\(/gm,
  rust: /#\[(?:tokio::)?test\]/g,
  go: /^func\s+(?:Test|Benchmark|Fuzz)\w*\s*\(/gm,
  java: /@(?:Test|ParameterizedTest|RepeatedTest)\b/g,
};

const assertionMarkers: Partial<Record<AnalyzedChange['language'], RegExp>> = {
  python: /^\s*assert\b|\bself\.assert\w+\(|\bpytest\.raises\(|\bnp\.testing\.assert\w*\(/gm,
  rust: /\b(?:assert|assert_eq|assert_ne|debug_assert\w*|prop_assert\w*)!\s*\(|\.expect_err\(|#\[should_panic/g,
  go: /\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(|\b(?:assert|require)\.\w+\(/g,
  java: /\b(?:assert\w*|fail)\s*\(|\bassertThat\(|\bverify\(/g,
};

const count = (pattern: RegExp | undefined, text: string | null): number =>
  pattern && text ? [...text.matchAll(pattern)].length : 0;

/** Test-case and assertion counts of one version of a file, by language (a syntax tree for JS/TS). */
export const countLanguageTests = (options: {
  change: AnalyzedChange;
  side: 'before' | 'after';
}): { tests: number; assertions: number } => {
  const text = options.change[options.side];
  if (text === null) return { tests: 0, assertions: 0 };
  if (options.change.language === 'js') {
    const scan = scanJsTests({ path: options.change.path, text });
    return { tests: scan.tests.length, assertions: scan.assertions.length };
  }
  return {
    tests: count(testMarkers[options.change.language], text),
    assertions: count(assertionMarkers[options.change.language], text),
  };
};

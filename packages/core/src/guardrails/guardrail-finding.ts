import type { FailureCategory } from '../diagnosis/diagnosis-result.ts';

/** `block` findings make a patch `refused`, whatever validation says; `warn` findings raise its risk. */
export type GuardrailSeverity = 'block' | 'warn';

export type GuardrailFinding = {
  rule: string;
  file: string;
  /** 1-based line in the patched file (or in the old file for removals); null when the whole file is concerned. */
  line: number | null;
  severity: GuardrailSeverity;
  explanation: string;
};

export type FileChange = { path: string; before: string | null; after: string | null };

export type ChangedLine = { line: number; text: string };

export type AnalyzedChange = FileChange & {
  added: ChangedLine[];
  removed: ChangedLine[];
  isTest: boolean;
  language: 'js' | 'python' | 'rust' | 'go' | 'java' | 'yaml' | 'shell' | 'json' | 'other';
};

export type GuardrailContext = {
  changes: AnalyzedChange[];
  category: FailureCategory;
  /** Files the diagnosis pointed at; empty when it named none. */
  diagnosedFiles: string[];
};

export type GuardrailRule = (context: GuardrailContext) => GuardrailFinding[];

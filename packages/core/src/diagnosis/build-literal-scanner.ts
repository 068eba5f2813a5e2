// Multi-literal line flagger (Aho-Corasick compiled to a dense DFA). One pass over the characters tells, for every
// line, which groups of literals it contains; it replaces running hundreds of regexes on every line of a log.
// Matching is ASCII-case-insensitive. The alphabet is only the characters that occur in literals (plus one
// symbol for all others), which keeps the transition table small enough to stay in cache.

export type LiteralGroup = { bit: number; literals: readonly string[] };

export type LiteralScanner = {
  /** Calls `visit` with the index (in `literals` order, groups concatenated) of every literal occurring in `text`. */
  forEachLiteral: (text: string, visit: (literal: number) => void) => void;
  /**
   * Flags each "\n"-separated line of `text`: flags[i] is the OR of the bits of the groups whose literals line i
   * contains; ends[i] is the offset of the "\n" ending line i (text.length for the last). Returns the line count.
   * The arrays must hold at least one entry more than `text` has "\n" characters.
   */
  scan: (text: string, flags: Uint8Array, ends: Int32Array) => number;
};

const fold = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

export const buildLiteralScanner = (options: { groups: readonly LiteralGroup[] }): LiteralScanner => {
  // Symbol 0 stands for every character that no literal contains; line feeds are handled before lookup.
  const symbolOf = new Uint8Array(65536);
  let symbols = 1;
  for (const group of options.groups) {
    for (const literal of group.literals) {
      for (let i = 0; i < literal.length; i++) {
        const code = fold(literal.charCodeAt(i));
        if (symbolOf[code] === 0) {
          if (symbols === 255) throw new Error('literal scanner: more than 254 distinct characters');
          symbolOf[code] = symbols++;
        }
      }
    }
  }
  for (let code = 65; code <= 90; code++) symbolOf[code] = symbolOf[code + 32] as number;
  const ALPHABET = symbols;

  const trie: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
  const output: number[] = [0];
  const ending: number[][] = [[]];
  let literalIndex = -1;
  for (const group of options.groups) {
    for (const literal of group.literals) {
      literalIndex += 1;
      if (literal.length === 0 || literal.includes('\n')) throw new Error(`literal scanner: unusable literal ${JSON.stringify(literal)}`);
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const row = trie[state] as Int32Array;
        const symbol = symbolOf[literal.charCodeAt(i)] as number;
        if (row[symbol] === -1) {
          trie.push(new Int32Array(ALPHABET).fill(-1));
          output.push(0);
          ending.push([]);
          row[symbol] = trie.length - 1;
        }
        state = row[symbol] as number;
      }
      output[state] = (output[state] ?? 0) | group.bit;
      ending[state]?.push(literalIndex);
    }
  }

  const states = trie.length;
  const table = new Int32Array(states * ALPHABET);
  const out = new Uint8Array(states);
  const failure = new Int32Array(states);
  const queue: number[] = [];
  const root = trie[0] as Int32Array;
  for (let symbol = 0; symbol < ALPHABET; symbol++) {
    const next = root[symbol] as number;
    table[symbol] = next === -1 ? 0 : next;
    if (next > 0) queue.push(next);
  }
  out[0] = output[0] ?? 0;
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    out[state] = (output[state] ?? 0) | (out[failure[state] as number] as number);
    // Literals ending here include those ending at the failure state (suffixes of this prefix).
    const own = ending[state] as number[];
    for (const literal of ending[failure[state] as number] ?? []) own.push(literal);
    const row = trie[state] as Int32Array;
    for (let symbol = 0; symbol < ALPHABET; symbol++) {
      const next = row[symbol] as number;
      const viaFailure = table[(failure[state] as number) * ALPHABET + symbol] as number;
      if (next === -1) {
        table[state * ALPHABET + symbol] = viaFailure;
      } else {
        table[state * ALPHABET + symbol] = next;
        failure[next] = viaFailure;
        queue.push(next);
      }
    }
  }
  const foldTable = symbolOf;
  // Store row offsets instead of state numbers: the hot loop then does one add and one load per character.
  for (let i = 0; i < table.length; i++) table[i] = (table[i] as number) * ALPHABET;
  const outByOffset = new Uint8Array(states * ALPHABET);
  for (let state = 0; state < states; state++) outByOffset.fill(out[state] as number, state * ALPHABET, state * ALPHABET + 1);

  const scan = (text: string, flags: Uint8Array, ends: Int32Array): number => {
    let state = 0;
    let line = 0;
    let acc = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) {
        flags[line] = acc;
        ends[line] = i;
        line += 1;
        acc = 0;
        state = 0;
        continue;
      }
      state = table[state + (foldTable[code] as number)] as number;
      acc |= outByOffset[state] as number;
    }
    flags[line] = acc;
    ends[line] = length;
    return line + 1;
  };

  const endingByOffset = new Map<number, readonly number[]>();
  ending.forEach((literals, state) => {
    if (literals.length > 0) endingByOffset.set(state * ALPHABET, literals);
  });

  const forEachLiteral = (text: string, visit: (literal: number) => void): void => {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = table[state + (foldTable[text.charCodeAt(i)] as number)] as number;
      if (outByOffset[state] !== 0) for (const literal of endingByOffset.get(state) ?? []) visit(literal);
    }
  };

  return { scan, forEachLiteral };
};

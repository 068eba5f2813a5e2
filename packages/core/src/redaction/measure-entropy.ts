/** Shannon entropy in bits per character; machine-generated secrets sit above ~3.5, words and paths below. */
export const measureEntropy = (options: { text: string }): number => {
  const { text } = options;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
};

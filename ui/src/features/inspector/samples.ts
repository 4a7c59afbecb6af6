// The data sources a request or an email reads, for Try it's and Send test's sample form.

const PLACEHOLDER = /\$\(([^):]+)(?::[^)]*)?\)/g;

/** The data sources the `$(…)` of the given texts read, in order, once each (a formatter
 *  after the colon is not part of the name). */
export function sampleNames(texts: string[]): string[] {
  const names: string[] = [];
  for (const t of texts) {
    for (const m of t.matchAll(PLACEHOLDER)) {
      const name = m[1].trim();
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

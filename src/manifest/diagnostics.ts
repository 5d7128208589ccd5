// Problems found in user input, each pointing at where it was written.

export interface SourceLocation {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export interface Diagnostic extends SourceLocation {
  message: string;
  hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = d.line > 0 ? `${d.file}:${d.line}:${d.col}: ${d.message}` : `${d.file}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** Orders by file, line, column and drops exact repeats (matrix points often share a problem). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.col}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message),
  );
}

/** The input is invalid; `diagnostics` lists every problem found. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    const unique = sortDiagnostics(diagnostics);
    super(unique.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
    this.diagnostics = unique;
  }
}

// Links of our pages to files beside them (a run's files, its report, a figure): relative, each path
// segment percent-encoded and the whole starting with ./, so that a file named 'javascript:alert(1)'
// or 'x#y?z' is a file, never a scheme, a fragment or a query.
export function relativeHref(path: string): string {
  return `./${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Every page is self-contained (its styles inline, its images data: URLs or files beside it), so
 * it allows nothing else: no script, no request elsewhere, even if text of a run slipped through.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; base-uri 'none'; form-action 'none'";

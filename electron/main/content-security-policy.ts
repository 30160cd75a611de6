/**
 * The renderer's Content Security Policy, defined once: main sends it as a response header (dev
 * server) and vite.renderer.config.ts writes it into index.html as a meta tag (file:// pages have no
 * headers). Plain strings only: imported by the Vite config too.
 */

/**
 * The policy for the production renderer (`'production'`) or the Vite dev server (`'development'`,
 * which also needs the React Refresh inline preamble and the HMR WebSocket on localhost), as a
 * response header or, without the directives a meta tag cannot carry, as a meta tag.
 * Styles allow `'unsafe-inline'`: charting and UI libraries set inline styles; scripts never run inline
 * in production.
 *
 * @example contentSecurityPolicy('production')
 *   -> "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
 */
export function contentSecurityPolicy(mode: 'production' | 'development', delivery: 'header' | 'meta' = 'header'): string {
  const dev = mode === 'development';
  const directives: [string, string][] = [
    ['default-src', "'none'"],
    ['script-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['connect-src', dev ? "'self' ws://localhost:* http://localhost:*" : "'self'"],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives
    // Browsers ignore frame-ancestors in a meta tag, with a console warning.
    .filter(([name]) => delivery === 'header' || name !== 'frame-ancestors')
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/main/content-security-policy';
import { contentSecurityPolicyMeta } from '../../../vite.renderer.config';

describe('contentSecurityPolicy', () => {
  it('allows only the app itself in production, and no inline scripts', () => {
    expect(contentSecurityPolicy('production')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('lets the dev server run its inline preamble and hot-reload socket on localhost only', () => {
    const policy = contentSecurityPolicy('development');
    expect(policy).toContain("script-src 'self' 'unsafe-inline';");
    expect(policy).toContain("connect-src 'self' ws://localhost:* http://localhost:*;");
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('contentSecurityPolicy as a meta tag', () => {
  it('leaves out frame-ancestors, which browsers ignore in a meta tag', () => {
    expect(contentSecurityPolicy('production', 'meta')).toBe(contentSecurityPolicy('production').replace("; frame-ancestors 'none'", ''));
  });
});

describe('contentSecurityPolicyMeta', () => {
  const transform = (mode: 'production' | 'development', html: string) => {
    const hook = contentSecurityPolicyMeta(mode).transformIndexHtml as { order: string; handler: (html: string) => { html: string; tags: unknown[] } };
    expect(hook.order).toBe('pre');
    return hook.handler(html);
  };

  it('writes the policy first thing in the head', () => {
    expect(transform('production', '<head><title>x</title></head>')).toEqual({
      html: '<head><title>x</title></head>',
      tags: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy('production', 'meta') }, injectTo: 'head-prepend' }],
    });
  });

  it.each([
    ['on one line', '<head>\n<meta http-equiv="Content-Security-Policy" content="default-src *">\n<title>x</title></head>'],
    [
      'over several lines, self-closed',
      `<head>\n<meta\n      http-equiv="Content-Security-Policy"\n      content="default-src 'self'; connect-src 'self' ws: wss:"\n    />\n<title>x</title></head>`,
    ],
    ['in lower case with single quotes', "<head>\n<meta content=\"script-src 'unsafe-eval'\" http-equiv='content-security-policy'>\n<title>x</title></head>"],
  ])('replaces a policy index.html brings, written %s', (_name, html) => {
    expect(transform('development', html).html).toBe('<head>\n<title>x</title></head>');
  });

  it('keeps the other meta tags', () => {
    const html = '<head><meta charset="UTF-8" />\n<meta name="viewport" content="width=device-width" /></head>';
    expect(transform('production', html).html).toBe(html);
  });
});

import { describe, expect, it } from 'vitest';
import { appUrlMatcher } from '../../../electron/main/app-url';

const packaged = appUrlMatcher({ indexFile: '/app/.vite/renderer/main_window/index.html' });
const dev = appUrlMatcher({ devServerUrl: 'http://localhost:5173', indexFile: '/unused/index.html' });

describe('appUrlMatcher', () => {
  it.each([
    ['file:///app/.vite/renderer/main_window/index.html', true],
    ['file:///app/.vite/renderer/main_window/index.html#/runs/run-1', true],
    ['file:///app/.vite/renderer/main_window/index.html?x=1', true],
    ['file:///etc/passwd', false],
    ['file:///app/.vite/renderer/main_window/other.html', false],
    ['file://evil.example/app/.vite/renderer/main_window/index.html', false],
    ['http://localhost:5173/', false],
    ['not a url', false],
  ])('packaged: %s -> %s', (url, expected) => {
    expect(packaged(url)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/#/runs', true],
    ['http://localhost:5174/', false],
    ['https://localhost:5173/', false],
    ['http://localhost.evil.example:5173/', false],
    ['file:///app/.vite/renderer/main_window/index.html', false],
  ])('development: %s -> %s', (url, expected) => {
    expect(dev(url)).toBe(expected);
  });
});

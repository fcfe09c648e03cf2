import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentTypeFor, resolveAppAssetPath } from './appProtocol';

const root = path.join(os.tmpdir(), 'app-bundle');
const winRoot = 'C:\\Program Files\\部门预算编制器\\resources\\renderer';

function isInside(p: string, api: path.PlatformPath = path, base = root): boolean {
  const rel = api.relative(api.resolve(base), p);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${api.sep}`) && !api.isAbsolute(rel);
}

describe('resolveAppAssetPath', () => {
  it.each([
    ['app://bundle/', 'index.html'],
    ['app://bundle', 'index.html'],
    ['app://bundle/index.html', 'index.html'],
    ['app://bundle/index.html?x=1#top', 'index.html'],
    ['app://bundle/assets/index-a1b2c3.js', 'assets/index-a1b2c3.js'],
    ['app://bundle/assets/', 'assets/index.html'],
    ['app://bundle/fonts/%E6%80%9D%E6%BA%90%E9%BB%91%E4%BD%93.woff2', 'fonts/思源黑体.woff2'],
    ['app://bundle/a%20b.css', 'a b.css'],
    ['app://bundle/..foo.js', '..foo.js'],
    ['app://bundle/%252e%252e/x', '%2e%2e/x'], // decoded once only: a harmless literal name
  ])('%s → %s', (url, rel) => {
    expect(resolveAppAssetPath(root, url)).toBe(path.join(root, rel));
  });

  it.each([
    'app://bundle/../secret.txt',
    'app://bundle/assets/../../secret.txt',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/%2E%2E%2Fsecret.txt',
    'app://bundle/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://bundle/.%2e/secret.txt',
    'app://bundle/..%5csecret.txt',
    'app://bundle/..%5c..%5cWindows%5cwin.ini',
    'app://bundle/..\\secret.txt',
    'app://bundle\\..\\secret.txt',
    'app://bundle/./index.html',
    'app://bundle//etc/passwd',
    'app:///etc/passwd/',
    'app://bundle/%2Fetc%2Fpasswd',
    '/etc/passwd',
    '../../etc/passwd',
    'C:\\Windows\\win.ini',
    'app://bundle/C:\\Windows\\win.ini',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/c%3A%5CWindows%5Cwin.ini',
    'app://bundle/index.html%00.png',
    'app://bundle/index.html\u0000',
    'app://bundle//server/share/x.js',
    'app://bundle/%5C%5Cserver%5Cshare%5Cx.js',
    'app://bundle/%E0%A4%A',
    'app://bundle/%',
    'app://bundle/.../x',
    'app://bundle/.. /x',
    'app://bundle/index.html::$DATA',
    'app://bundle/CON',
    'app://bundle/assets/nul.js',
    'index.html',
    '',
  ])('refuses %j', (url) => {
    expect(resolveAppAssetPath(root, url)).toBeNull();
    expect(resolveAppAssetPath(winRoot, url, path.win32)).toBeNull();
  });

  it('uses Windows path rules with path.win32', () => {
    expect(resolveAppAssetPath(winRoot, 'app://bundle/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
  });

  it('fuzz: random input never resolves outside the root', () => {
    const fragments = fc.constantFrom(
      '..', '.', '/', '\\', '%2e', '%2E', '%2f', '%2F', '%5c', '%5C', '%00', '%25', '%', 'C:', 'c%3a',
      ':', '//', 'a', 'index.html', '~', ' ', '%20', '?', '#', '\u0000', 'é', '%C3%A9', 'nul',
    );
    const pathish = fc.array(fc.oneof(fragments, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));
    const url = fc.oneof(
      pathish.map((p) => `app://bundle/${p}`),
      pathish.map((p) => `app://bundle${p}`),
      pathish,
      fc.string({ unit: 'binary', maxLength: 40 }).map((p) => `app://bundle/${p}`),
      fc.webUrl().map((u) => u.replace(/^https?/, 'app')),
    );
    let accepted = 0;
    fc.assert(
      fc.property(url, (u) => {
        for (const [api, base] of [[path.posix, '/srv/app-bundle'], [path.win32, winRoot]] as const) {
          const resolved = resolveAppAssetPath(base, u, api);
          if (resolved === null) continue;
          accepted++;
          expect(isInside(resolved, api, base)).toBe(true);
          expect(resolved.includes('\u0000')).toBe(false);
          expect(api.isAbsolute(resolved)).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(2_000); // the property is not vacuous
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/main.JS', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['main.js.map', 'application/json; charset=utf-8'],
    ['README', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

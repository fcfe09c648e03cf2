import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_RESPONSE_HEADERS,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  secureWebPreferences,
  windowOpenDecision,
} from './security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node, no webviews and no insecure content', () => {
    const prefs = secureWebPreferences('/opt/app/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/opt/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts only from the bundle: no eval, no inline script, no remote hosts', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    for (const values of csp.values()) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values.some((v) => /^https?:|^\*$|^ws:|^file:/.test(v))).toBe(false);
    }
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('forbids plugins, frames, base-uri tricks and form posts', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(csp.get(name)).toEqual(["'none'"]);
  });

  it('is sent as a header with every app response', () => {
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(APP_RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('navigation and windows', () => {
  it('allows only pages of the app bundle', () => {
    expect(isNavigationAllowed(APP_ENTRY_URL)).toBe(true);
    expect(isNavigationAllowed(`${APP_ORIGIN}/assets/x.js?y#z`)).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'file:///C:/Windows/win.ini',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://other/index.html',
      'app://bundle.evil.com/index.html',
      'app://user:pw@bundle/index.html',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('refuses every URL that is not app://bundle (fuzzed)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isNavigationAllowed(url)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (host, p) => {
        expect(isNavigationAllowed(`app://${host}${p}`)).toBe(host === 'bundle');
        expect(isNavigationAllowed(`${APP_ORIGIN}${p}`)).toBe(true);
      }),
    );
  });

  it('never opens a new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect([undefined, null, ''].map(isAppUrl)).toEqual([false, false, false]);
  });
});

describe('permissions', () => {
  it('grants clipboard access to the app only and nothing else', () => {
    expect(isPermissionAllowed('clipboard-read', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('clipboard-read', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'usb', 'fileSystem', 'unknown']) {
      expect(isPermissionAllowed(p, APP_ENTRY_URL), p).toBe(false);
    }
  });
});

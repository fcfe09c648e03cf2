/**
 * The window's security settings as plain data and pure decisions, so they are tested in Node:
 * web preferences, the Content-Security-Policy, what the window may navigate to, which new windows
 * it may open (none) and which permissions it gets. `electron/main.ts` only applies them.
 *
 * Plain Node module: no 'electron' import.
 */

/** The app is served from `app://bundle/…` (see electron/files/appProtocol.ts), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges of the `app` scheme: standard (so it has an origin and relative URLs resolve), secure
 * (treated like https, so 'self' in the CSP and module workers work), fetch allowed for code lists.
 * `corsEnabled` because Vite emits `<script type="module" crossorigin>` and module workers, which are
 * fetched in CORS mode; no other origin is ever loaded (navigation is denied), so this opens nothing.
 * No `bypassCSP`.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  allowServiceWorkers: false,
  bypassCSP: false,
  corsEnabled: true,
  stream: false,
} as const;

/**
 * Only our own bundle: no eval, no inline scripts, no remote anything. Styles allow 'unsafe-inline'
 * because AG Grid injects its theme as `<style>` elements at run time; icons in those themes are
 * `data:` SVGs. Workers are files of the bundle ('self'). `frame-ancestors` only works as a header,
 * which is how main sends this policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every response the app protocol sends (besides Content-Type). */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/**
 * The BrowserWindow's webPreferences. Every security-relevant option is spelled out even where it
 * is Electron's default, so a future default change or a careless edit shows up in the test.
 */
export function secureWebPreferences(preloadPath: string, opts: { devTools: boolean }) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools,
  } as const;
}

/** True for URLs of our own bundle (`app://bundle/...`), whatever the path. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * `will-navigate` / `will-redirect` / `will-frame-navigate`: the window may only (re)load pages of its own bundle.
 * Links to the web, file:// URLs, javascript: and data: URLs are refused (the caller calls preventDefault).
 */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/** `webContents.setWindowOpenHandler`: the editor never opens a second window or a popup. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Permissions (`session.setPermissionRequestHandler` / `setPermissionCheckHandler`): only clipboard
 * access (pasting numbers copied from Excel/WPS into the grid) and only for our own pages. No camera,
 * notifications, geolocation, USB, etc.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-read', 'clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

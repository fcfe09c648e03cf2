/**
 * Mapping `app://bundle/<path>` requests to files inside the packaged renderer folder.
 * Anything that could escape the folder is refused (returns null): `..` segments in any encoding,
 * backslashes, absolute paths, an empty host, empty segments (`//server/share`), drive letters and other colons,
 * NUL and control characters, malformed percent-encoding and Windows device names.
 * The URL is split by hand instead of with `new URL()`, which would silently fold `..` away and
 * hide the attack instead of rejecting it.
 *
 * Plain Node module: no 'electron' import, so it is tested in Node.
 */
import * as path from 'node:path';

const URL_SHAPE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#\\]*)([^?#]*)(?:[?#].*)?$/s;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** `pathApi` is internal: tests pass `path.win32` to check Windows semantics on any OS. */
export function resolveAppAssetPath(
  rootDir: string,
  requestUrl: string,
  pathApi: path.PlatformPath = path,
): string | null {
  if (CONTROL_CHARS.test(requestUrl)) return null;
  const match = URL_SHAPE.exec(requestUrl);
  if (!match || !match[2]) return null; // `app:///etc/passwd` has no host: refuse
  const rawPath = match[3] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return null;

  const rawSegments = rawPath === '' ? [] : rawPath.slice(1).split('/');
  const directoryRequest = rawSegments.length === 0 || rawSegments[rawSegments.length - 1] === '';
  if (directoryRequest) rawSegments.pop();

  const segments: string[] = [];
  for (const raw of rawSegments) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!isSafeSegment(seg)) return null;
    segments.push(seg);
  }
  if (directoryRequest) segments.push('index.html');

  const root = pathApi.resolve(rootDir);
  const resolved = pathApi.resolve(root, ...segments);
  const rel = pathApi.relative(root, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(rel)) return null;
  return resolved;
}

function isSafeSegment(seg: string): boolean {
  if (seg === '' || seg === '.' || seg === '..') return false;
  if (/[/\\:]/.test(seg) || CONTROL_CHARS.test(seg)) return false;
  // Windows trims trailing dots and spaces ("..." or ".. " would act like "..")
  if (/[. ]$/.test(seg)) return false;
  return !WINDOWS_DEVICE.test(seg);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

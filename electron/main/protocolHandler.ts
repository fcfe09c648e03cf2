/**
 * The `app://` protocol handler: maps a request to a file of the renderer bundle with the
 * path-traversal guard of electron/files/appProtocol.ts and answers with a fetch `Response`
 * carrying the CSP headers. `protocol.handle('app', handler)` in main uses it as is; Node 20 has the
 * same global Response/Request classes, so it is tested in Node.
 *
 * Plain Node module: no 'electron' import.
 */
import * as nodeFs from 'node:fs/promises';
import { contentTypeFor, resolveAppAssetPath } from '../files/appProtocol';
import { APP_HOST, APP_RESPONSE_HEADERS } from './security';

export interface AppRequestLike {
  url: string;
  method: string;
}

export interface AppProtocolHandlerOptions {
  /** Folder holding the built renderer (index.html, assets/…). */
  rootDir: string;
  readFile?: (path: string) => Promise<Uint8Array>;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

export function createAppProtocolHandler(opts: AppProtocolHandlerOptions): (request: AppRequestLike) => Promise<Response> {
  const readFile = opts.readFile ?? ((p: string) => nodeFs.readFile(p));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    // Only the one host: `app://other/…` is not part of the bundle.
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(request.url)?.[1];
    if (host !== APP_HOST) return textResponse(404, 'Not Found');
    const filePath = resolveAppAssetPath(opts.rootDir, request.url);
    if (filePath === null) return textResponse(403, 'Forbidden');
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return textResponse(404, 'Not Found');
      return textResponse(500, 'Internal Error');
    }
    const headers = { ...APP_RESPONSE_HEADERS, 'Content-Type': contentTypeFor(filePath) };
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAppProtocolHandler } from './protocolHandler';
import { CONTENT_SECURITY_POLICY } from './security';

let base: string;
let root: string;
let handler: ReturnType<typeof createAppProtocolHandler>;

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'app-proto-'));
  root = path.join(base, 'renderer');
  await fs.mkdir(path.join(root, 'assets'), { recursive: true });
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>部门预算编制器</title>');
  await fs.writeFile(path.join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  await fs.writeFile(path.join(base, 'secret.txt'), 'top secret');
  handler = createAppProtocolHandler({ rootDir: root });
});
afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

describe('app:// protocol handler', () => {
  it('serves the bundle with its content type and the CSP header', async () => {
    const res = await handler({ url: 'app://bundle/', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('部门预算编制器');

    const js = await handler({ url: 'app://bundle/assets/main-abc.js?v=1', method: 'GET' });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('refuses paths that leave the bundle, whatever the encoding', async () => {
    for (const url of ['app://bundle/../secret.txt', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/assets/..%2f..%2fsecret.txt', 'app://bundle/..%5csecret.txt']) {
      const res = await handler({ url, method: 'GET' });
      expect(res.status, url).toBe(403);
      expect(await res.text()).not.toContain('top secret');
    }
  });

  it('answers 404 for other hosts and missing files, 405 for other methods', async () => {
    expect((await handler({ url: 'app://other/index.html', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://bundle/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://bundle/index.html', method: 'POST' })).status).toBe(405);
    const head = await handler({ url: 'app://bundle/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

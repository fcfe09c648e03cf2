import { describe, expect, it } from 'vitest';
import { compareVersions, explainInstallFailure, minimumVersion } from './fetchElectron';

const base = { exitCode: 1, nodeVersion: '22.12.0', requiredNode: '>= 22.12.0', version: '45.9.9' };

describe('why the Electron download failed, in one Chinese sentence', () => {
  it('names the usual causes from what install.js printed', () => {
    expect(explainInstallFailure({ ...base, output: 'HTTPError: Response code 404 (Not Found) for https://github.com/electron/...' })).toBe('下载服务器拒绝了请求（HTTP 404）');
    expect(explainInstallFailure({ ...base, output: 'HTTPError: Response code 407 (Proxy Authentication Required) for https://x' })).toBe('代理服务器拒绝了下载（请检查代理设置）');
    expect(explainInstallFailure({ ...base, output: 'Error: getaddrinfo ENOTFOUND github.com' })).toMatch(/^无法解析 Electron 下载服务器的地址/);
    expect(explainInstallFailure({ ...base, output: 'TypeError: fetch failed\n    at x' })).toMatch(/^无法连接 Electron 下载服务器/);
    expect(explainInstallFailure({ ...base, output: 'Error: Generated checksum for "electron.zip" did not match expected checksum.' })).toMatch(/校验不通过/);
    expect(explainInstallFailure({ ...base, output: "Error: ENOSPC: no space left on device, write" })).toMatch(/^磁盘空间不足/);
    expect(explainInstallFailure({ ...base, output: "Error: EACCES: permission denied, mkdir '/usr/lib/node_modules/electron/dist'" })).toMatch(/^没有权限/);
  });

  it('otherwise quotes the last line of the error, not the stack', () => {
    const reason = explainInstallFailure({ ...base, output: 'Error: something odd\n    at foo (/abs/path.js:1:2)\n    at bar (/abs/path.js:3:4)\n' });
    expect(reason).toBe('Electron 安装程序出错（退出码 1：Error: something odd）');
    expect(explainInstallFailure({ ...base, output: '', exitCode: null, signal: 'SIGKILL' })).toBe('Electron 安装程序出错（被信号 SIGKILL 终止）');
  });

  it('adds the Node version the installer asks for when this Node is older', () => {
    expect(explainInstallFailure({ ...base, nodeVersion: '20.20.2', output: 'TypeError: fetch failed' })).toBe(
      '无法连接 Electron 下载服务器（本机没有联网，或被防火墙、代理拦截）；另外，本机 Node.js 20.20.2 低于 Electron 45.9.9 的安装程序要求的 22.12.0',
    );
  });

  it('reads the lower bound of engines.node and compares versions numerically', () => {
    expect(minimumVersion('>= 22.12.0')).toBe('22.12.0');
    expect(minimumVersion('>=18')).toBe('18');
    expect(minimumVersion('^20 || ^22')).toBeNull();
    expect(compareVersions('20.20.2', '22.12.0')).toBe(-1);
    expect(compareVersions('22.12.0', '22.12')).toBe(0);
    expect(compareVersions('v24.1.0', '22.12.0')).toBe(1);
    expect(compareVersions('22.9.0', '22.12.0')).toBe(-1);
  });
});

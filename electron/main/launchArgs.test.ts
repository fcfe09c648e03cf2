import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { createOpenRequestQueue, findDocumentArg, isOpenableFile } from './launchArgs';

describe('findDocumentArg', () => {
  it('finds a .budget or .xlsx argument of a packaged app (Windows file association)', () => {
    const argv = ['C:\\Program Files\\部门预算编制器\\部门预算编制器.exe', 'D:\\预算\\2025年部门预算.BUDGET'];
    expect(findDocumentArg(argv, { cwd: 'C:\\Users\\clerk', pathApi: path.win32 })).toBe('D:\\预算\\2025年部门预算.BUDGET');
    expect(findDocumentArg(['app.exe', '报表.xlsx'], { cwd: 'C:\\Users\\clerk\\Documents', pathApi: path.win32 })).toBe('C:\\Users\\clerk\\Documents\\报表.xlsx');
    expect(findDocumentArg(['app.exe', '2019年预算.XLS'], { cwd: 'C:\\Users\\clerk', pathApi: path.win32 })).toBe('C:\\Users\\clerk\\2019年预算.XLS');
  });

  it('skips Chromium switches and the script of a development launch', () => {
    const argv = ['/usr/lib/electron/electron', 'dist/electron/main.cjs', '--no-sandbox', '--original-process-start-time=1337', 'resources/samples/x.budget'];
    expect(findDocumentArg(argv, { cwd: '/home/clerk/budget-tables', pathApi: path.posix })).toBe('/home/clerk/budget-tables/resources/samples/x.budget');
    expect(findDocumentArg(['/Applications/部门预算编制器.app/Contents/MacOS/x', '-psn_0_123456'], { cwd: '/', pathApi: path.posix })).toBeNull();
  });

  it('ignores other files and URLs, converts file:// URLs (Linux desktop entries)', () => {
    expect(findDocumentArg(['app', 'notes.txt', 'https://example.com/a.budget'], { cwd: '/tmp', pathApi: path.posix })).toBeNull();
    expect(findDocumentArg(['app', 'file:///home/clerk/%E9%A2%84%E7%AE%97.budget'], { cwd: '/tmp', pathApi: path.posix })).toBe('/home/clerk/预算.budget');
    expect(findDocumentArg(['app'], { cwd: '/tmp', pathApi: path.posix })).toBeNull();
  });

  it('reads a second instance argv against its own working directory', () => {
    const argv = ['/opt/部门预算编制器/budget-tables', '--allow-file-access-from-files', 'b.budget'];
    expect(findDocumentArg(argv, { cwd: '/home/other', pathApi: path.posix })).toBe('/home/other/b.budget');
  });

  it('knows the openable extensions, case-insensitively', () => {
    expect(['a.budget', 'A.Budget', 'b.XLSX', '上年.xls', 'C.XLS'].every(isOpenableFile)).toBe(true);
    expect(['a.xlsb', 'a.budget.bak', 'budget', 'a.json'].some(isOpenableFile)).toBe(false);
  });
});

describe('open request queue', () => {
  it('holds requests until a handler is attached, then delivers in order and directly', () => {
    const queue = createOpenRequestQueue();
    queue.push('/a.budget'); // macOS open-file before the window exists
    queue.push('/b.budget');
    expect(queue.pending).toEqual(['/a.budget', '/b.budget']);
    const seen: string[] = [];
    queue.attach((p) => seen.push(p));
    expect(seen).toEqual(['/a.budget', '/b.budget']);
    queue.push('/c.xlsx');
    expect(seen).toEqual(['/a.budget', '/b.budget', '/c.xlsx']);
    queue.detach(); // page reloading: queue again
    queue.push('/d.budget');
    expect(seen).toHaveLength(3);
    queue.attach((p) => seen.push(p));
    expect(seen.at(-1)).toBe('/d.budget');
    expect(queue.pending).toEqual([]);
  });
});

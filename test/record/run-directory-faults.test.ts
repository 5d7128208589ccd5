// The run directory's promises, on real file systems that fill up or turn read-only: the files
// are there from the start, status.json is written on a full disk, and no complete result is
// ever lost.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunDirectory } from '../../src/record/run-directory.js';
import { newStatus, type RunStatus } from '../../src/record/run-files.js';
import { fill, readOnly, tmpfs, unmountAll } from '../helpers/mounts.js';

afterEach(unmountAll);

const RUN_JSON = '{"id":"r","manifest":{"name":"m"}}\n';
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

async function open(root: string, state: RunStatus['state'] = 'running', options: { force?: boolean } = {}) {
  return (await RunDirectory.open(root, 'm', 'r', RUN_JSON, {
    status: newStatus('r', 'local', state),
    planJson: '{"plan":1}\n',
    ...options,
  }))!;
}

async function finish(dir: RunDirectory, state: RunStatus['state']) {
  await dir.writeStatus({ ...newStatus('r', 'local', state), endedAt: new Date().toISOString() });
  return dir.close();
}

describe('a run directory', () => {
  it('holds run.json, plan.json and status.json from the moment it exists', async () => {
    const { dir: root } = tmpfs(4 << 20);
    const dir = await open(root);
    const names = readdirSync(join(root, 'm'));
    expect(names).toEqual([`.r.partial-${process.pid}`]);
    expect(readFileSync(join(dir.tmp, 'run.json'), 'utf8')).toBe(RUN_JSON);
    expect(readFileSync(join(dir.tmp, 'plan.json'), 'utf8')).toBe('{"plan":1}\n');
    expect(readJson<RunStatus>(join(dir.tmp, 'status.json')).state).toBe('running');
  });

  it('leaves nothing behind when its first files cannot be written', async () => {
    const { dir: root } = tmpfs(64 << 10); // less than the space it keeps in reserve
    await expect(open(root)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(join(root, 'm'))).toEqual([]);
  });

  it('writes status.json on a full disk, from the space it kept in reserve, and keeps the data', async () => {
    const { dir: root } = tmpfs(2 << 20);
    const dir = await open(root);
    writeFileSync(dir.path('masim.data'), 'recorded\n');
    fill(dir.tmp);
    expect(() => writeFileSync(dir.path('more'), Buffer.alloc(4096))).toThrow(/ENOSPC/);
    const status = { ...newStatus('r', 'local', 'failed'), errors: ['perf: no space left on the device (ENOSPC)'] };
    await dir.writeStatus(status);
    const closed = await dir.close();
    expect(closed).toEqual({ dir: join(root, 'm', 'r') });
    expect(readJson<RunStatus>(join(closed.dir, 'status.json'))).toEqual(status);
    expect(readFileSync(join(closed.dir, 'masim.data'), 'utf8')).toBe('recorded\n');
  });

  it('keeps a complete result in its place when a new attempt does not complete, and puts the attempt beside it', async () => {
    const { dir: root } = tmpfs(4 << 20);
    expect((await finish(await open(root), 'complete')).dir).toBe(join(root, 'm', 'r'));
    const second = await open(root, 'running', { force: true });
    writeFileSync(second.path('masim.data'), 'partial\n');
    const closed = await finish(second, 'interrupted');
    expect(closed.dir).toMatch(/\/m\/r\.attempt-[0-9]{8}T[0-9]{6}-interrupted$/);
    expect(readJson<RunStatus>(join(root, 'm', 'r', 'status.json')).state).toBe('complete');
    expect(readFileSync(join(closed.dir, 'masim.data'), 'utf8')).toBe('partial\n');
    // A complete one takes the place, the earlier one kept beside it.
    const third = await finish(await open(root, 'running', { force: true }), 'complete');
    expect(third.dir).toBe(join(root, 'm', 'r'));
    expect(readdirSync(join(root, 'm')).filter((n) => n.includes('.before-'))).toHaveLength(1);
  });

  it('stays where it is when it cannot be moved into place, and its status.json says where', async () => {
    const { dir: root } = tmpfs(4 << 20);
    const dir = await open(root);
    // An immutable directory: nothing may be renamed in it, while the run's own files stay writable.
    execFileSync('chattr', ['+i', join(root, 'm')]);
    try {
      const closed = await finish(dir, 'complete');
      expect(closed.dir).toBe(dir.tmp);
      expect(closed.notPlaced).toMatch(
        /^could not move the result to .*\/m\/r \(cannot move .*: operation not permitted .*\(EPERM\)\); it is kept in .*\/m\/\.r\.partial-[0-9]+$/,
      );
      const status = readJson<RunStatus>(join(dir.tmp, 'status.json'));
      expect(status).toMatchObject({ state: 'complete', location: dir.tmp, errors: [closed.notPlaced] });
    } finally {
      execFileSync('chattr', ['-i', join(root, 'm')]);
    }
  });

  it('stays where it is on a file system turned read-only', async () => {
    const { dir: root } = tmpfs(4 << 20);
    const dir = await open(root);
    writeFileSync(dir.path('masim.data'), 'recorded\n');
    readOnly(join(root, 'm'));
    const closed = await finish(dir, 'complete').catch((error: Error) => error);
    // status.json cannot be written there: the caller is told, and the data is where it was.
    expect(closed).toMatchObject({ code: 'EROFS' });
    expect(readFileSync(join(dir.tmp, 'masim.data'), 'utf8')).toBe('recorded\n');
    expect(readJson<RunStatus>(join(dir.tmp, 'status.json')).state).toBe('running');
    expect(existsSync(join(root, 'm', 'r'))).toBe(false);
  });

  it('names the real cause when its place cannot be made', async () => {
    const { dir: root } = tmpfs(1 << 20);
    mkdirSync(join(root, 'results'));
    readOnly(join(root, 'results'));
    await expect(open(join(root, 'results'))).rejects.toMatchObject({ code: 'EROFS' });
    writeFileSync(join(root, 'file'), '');
    await expect(open(join(root, 'file'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

// Whether the nodes of a Slurm job see the paths a sweep needs: the file system of each path, from
// /proc/self/mountinfo, is shared (NFS, Lustre, …) or the job can only run on this machine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mountOf, parseMountinfo, unsharedPaths, type Mount } from '../../../src/sweep/slurm/preflight.js';

// /proc/self/mountinfo as Linux writes it: optional fields (shared:N, master:N) or none before
// " - ", a bind mount's root in field 4, a space in a mount point as \040.
const MOUNTINFO = [
  '26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard',
  '21 26 0:20 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  '24 23 0:22 / /dev/shm rw,nosuid,nodev shared:4 - tmpfs tmpfs rw,size=24683548k,inode64',
  '45 26 0:40 / /home rw,relatime shared:30 master:5 - nfs4 fileserver:/export/home rw,vers=4.2,addr=10.0.0.2',
  '50 26 0:45 / /mnt/lab\\040data rw,relatime - lustre 10.0.0.1@tcp:/lab rw,flock',
  '61 26 254:0 /var/lib/build /scratch rw,relatime shared:1 - ext4 /dev/vda rw,discard',
  '62 26 0:52 / /containers rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w',
  '',
].join('\n');

describe('parseMountinfo', () => {
  it('reads the mount point (not the root of a bind mount) and the file system type of each line', () => {
    expect(parseMountinfo(MOUNTINFO)).toEqual([
      { point: '/', type: 'ext4' },
      { point: '/proc', type: 'proc' },
      { point: '/dev/shm', type: 'tmpfs' },
      { point: '/home', type: 'nfs4' },
      { point: '/mnt/lab data', type: 'lustre' },
      { point: '/scratch', type: 'ext4' },
      { point: '/containers', type: 'overlay' },
    ]);
  });

  it("reads this machine's own /proc/self/mountinfo: / and /proc are there", () => {
    const mounts = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'));
    expect(mounts.map((m) => m.point)).toContain('/');
    expect(mountOf('/proc/self', mounts)?.type).toBe('proc');
  });

  it('gives nothing for an empty or unreadable file (read as empty)', () => {
    expect(parseMountinfo('')).toEqual([]);
    expect(parseMountinfo('not a mountinfo line\n')).toEqual([]);
  });
});

describe('mountOf', () => {
  const mounts = parseMountinfo(MOUNTINFO);

  it('finds the mount of a path: the longest mount point that contains it', () => {
    expect(mountOf('/home/alice/results', mounts)).toEqual({ point: '/home', type: 'nfs4' });
    expect(mountOf('/home', mounts)).toEqual({ point: '/home', type: 'nfs4' });
    expect(mountOf('/mnt/lab data/sweeps/x.yaml', mounts)).toEqual({ point: '/mnt/lab data', type: 'lustre' });
  });

  it('falls back to /, and does not take /home for /homework', () => {
    expect(mountOf('/homework/results', mounts)).toEqual({ point: '/', type: 'ext4' });
    expect(mountOf('/mnt/lab', mounts)).toEqual({ point: '/', type: 'ext4' });
    expect(mountOf('/opt/damon-exp/bin/damon-exp.js', mounts)).toEqual({ point: '/', type: 'ext4' });
  });

  it('takes the last of mounts at the same point (the one on top)', () => {
    const stacked: Mount[] = [
      { point: '/', type: 'ext4' },
      { point: '/data', type: 'ext4' },
      { point: '/data', type: 'nfs4' },
    ];
    expect(mountOf('/data/x', stacked)?.type).toBe('nfs4');
    expect(mountOf('/data/x', [...stacked].reverse())?.type).toBe('ext4');
  });

  it('finds none without mounts', () => {
    expect(mountOf('/home/alice', [])).toBeNull();
  });
});

describe('unsharedPaths', () => {
  const mounts = parseMountinfo(MOUNTINFO);
  const PATHS = [
    { path: '/home/alice/results', what: 'the results directory' },
    { path: '/mnt/lab data/exp.yaml', what: 'the manifest' },
    { path: '/opt/damon-exp/bin/damon-exp.js', what: 'damon-exp' },
    { path: '/dev/shm/masim', what: 'the masim program' },
    { path: '/containers/node', what: 'node' },
  ];

  it('finds nothing unshared when every node is this machine, whatever the file systems', () => {
    expect(unsharedPaths(PATHS, mounts, ['login1'], 'login1')).toEqual([]);
    expect(unsharedPaths(PATHS, mounts, ['login1', 'login1'], 'login1')).toEqual([]);
  });

  it('names the paths on node-local file systems (ext4, tmpfs, overlay) when the job may run elsewhere', () => {
    const unshared = unsharedPaths(PATHS, mounts, ['node1', 'node2'], 'login1');
    expect(unshared).toEqual([
      { path: PATHS[2], type: 'ext4' },
      { path: PATHS[3], type: 'tmpfs' },
      { path: PATHS[4], type: 'overlay' },
    ]);
  });

  it('checks the paths when only some of the nodes are this machine', () => {
    const unshared = unsharedPaths(PATHS, mounts, ['login1', 'node2'], 'login1');
    expect(unshared.map((u) => u.path.what)).toEqual(['damon-exp', 'the masim program', 'node']);
  });

  it('takes NFS and Lustre for shared', () => {
    expect(unsharedPaths(PATHS.slice(0, 2), mounts, ['node1'], 'login1')).toEqual([]);
  });

  it('takes a path on no known mount for unshared, of unknown type', () => {
    expect(unsharedPaths([PATHS[0]!], [], ['node1'], 'login1')).toEqual([{ path: PATHS[0], type: 'unknown' }]);
  });
});

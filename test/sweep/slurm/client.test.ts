// What Slurm's commands print, as the Slurm executor reads it: squeue for the tasks still listed,
// scontrol (then sacct) for how each ended, sbatch --parsable for the job id. The lines are Slurm
// 22.05's, as its commands print them.
import { describe, expect, it } from 'vitest';
import {
  isEndState,
  parseQueue,
  parseSacct,
  parseScontrol,
  parseSubmitted,
  parseNodes,
  taskIdsOf,
  parseMaxArraySize,
} from '../../../src/sweep/slurm/client.js';

describe('parseQueue (squeue -h -r -j JOB -o "%i %T %N")', () => {
  it('gives each listed task its state and node, and no node to a pending one', () => {
    const text = ['12_1 PENDING ', '12_2 PENDING ', '12_3 PENDING ', '12_0 RUNNING node1', ''].join('\n');
    expect(parseQueue(text, '12')).toEqual([
      { taskId: 1, state: 'PENDING', node: null },
      { taskId: 2, state: 'PENDING', node: null },
      { taskId: 3, state: 'PENDING', node: null },
      { taskId: 0, state: 'RUNNING', node: 'node1' },
    ]);
  });

  it("ignores other jobs' lines, a job id that only starts like this one's included", () => {
    const text = ['13_0 RUNNING node2', '120_4 RUNNING node3', '1_2 PENDING ', '12_5 COMPLETING node1'].join('\n');
    expect(parseQueue(text, '12')).toEqual([{ taskId: 5, state: 'COMPLETING', node: 'node1' }]);
  });

  it('ignores what is not one task: a job that is no array, a pending range (squeue without -r), blank lines', () => {
    const text = ['12 RUNNING node1', '12_[2-3%2] PENDING ', '   ', ''].join('\n');
    expect(parseQueue(text, '12')).toEqual([]);
    expect(parseQueue('', '12')).toEqual([]);
  });

  it('reads a node Slurm prints as (null) as none', () => {
    expect(parseQueue('12_0 CONFIGURING (null)\n', '12')).toEqual([{ taskId: 0, state: 'CONFIGURING', node: null }]);
  });
});

/** `scontrol -o show job` lines, with the fields a task of job 12 has (of Slurm 22.05). */
function scontrolLine(fields: {
  jobId: number;
  arrayJobId?: number;
  taskId: string;
  state: string;
  reason?: string;
  exitCode?: string;
  nodeList?: string;
  batchHost?: string | null;
}): string {
  return [
    `JobId=${fields.jobId} ArrayJobId=${fields.arrayJobId ?? 12} ArrayTaskId=${fields.taskId} ArrayTaskThrottle=2`,
    'JobName=damon-exp-sweep UserId=alice(1000) GroupId=alice(1000) MCS_label=N/A Priority=4294901759 Nice=0',
    `Account=(null) QOS=(null) JobState=${fields.state} Reason=${fields.reason ?? 'None'} Dependency=(null)`,
    `Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=${fields.exitCode ?? '0:0'} RunTime=00:25:03`,
    'TimeLimit=00:25:00 TimeMin=N/A SubmitTime=2024-05-01T10:00:00 EligibleTime=2024-05-01T10:00:00',
    'StartTime=2024-05-01T10:00:01 EndTime=2024-05-01T10:25:04 Deadline=N/A SuspendTime=None SecsPreSuspend=0',
    'Scheduler=Main Partition=test AllocNode:Sid=login1:9037 ReqNodeList=(null) ExcNodeList=(null)',
    `NodeList=${fields.nodeList ?? ''}`,
    ...(fields.batchHost === null ? [] : [`BatchHost=${fields.batchHost ?? fields.nodeList ?? ''}`]),
    'NumNodes=1 NumCPUs=2 NumTasks=1 CPUs/Task=2 ReqB:S:C:T=0:0:*:* TRES=cpu=2,mem=3G,node=1,billing=2',
    'Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=2 MinMemoryNode=3G MinTmpDiskNode=0',
    'Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null)',
    'Command=/results/sweep/slurm/job.sh WorkDir=/home/alice StdErr=/results/sweep/slurm/12_1.out',
    'StdIn=/dev/null StdOut=/results/sweep/slurm/12_1.out Power= ',
  ].join(' ');
}

describe('parseScontrol (scontrol -o show job JOB)', () => {
  it("reads each task's state, exit code, reason and node, by task id", () => {
    const text = [
      scontrolLine({ jobId: 12, taskId: '0', state: 'COMPLETED', nodeList: 'node2' }),
      scontrolLine({
        jobId: 13,
        taskId: '1',
        state: 'TIMEOUT',
        reason: 'TimeLimit',
        exitCode: '0:15',
        nodeList: 'node1',
      }),
      '',
    ].join('\n');
    expect(parseScontrol(text, '12')).toEqual([
      { taskId: 0, state: 'COMPLETED', exitCode: '0:0', reason: null, node: 'node2' },
      { taskId: 1, state: 'TIMEOUT', exitCode: '0:15', reason: 'TimeLimit', node: 'node1' },
    ]);
  });

  it('gives each of the tasks still together (ArrayTaskId=2-3%2) their state: pending, or cancelled with the job', () => {
    const pending = [
      scontrolLine({ jobId: 12, taskId: '2-3%2', state: 'PENDING', reason: 'JobArrayTaskLimit', batchHost: null }),
      scontrolLine({ jobId: 14, taskId: '1', state: 'RUNNING', nodeList: 'node1' }),
    ].join('\n');
    expect(parseScontrol(pending, '12')).toEqual([
      { taskId: 2, state: 'PENDING', exitCode: '0:0', reason: 'JobArrayTaskLimit', node: null },
      { taskId: 3, state: 'PENDING', exitCode: '0:0', reason: 'JobArrayTaskLimit', node: null },
      { taskId: 1, state: 'RUNNING', exitCode: '0:0', reason: null, node: 'node1' },
    ]);
    // What Slurm 22.05 shows after scancel of an array 0-3%1 whose task 0 ran.
    const cancelled = scontrolLine({
      jobId: 12,
      taskId: '1-3%1',
      state: 'CANCELLED',
      reason: 'JobArrayTaskLimit',
      batchHost: null,
    });
    expect(parseScontrol(cancelled, '12').map((t) => [t.taskId, t.state])).toEqual([
      [1, 'CANCELLED'],
      [2, 'CANCELLED'],
      [3, 'CANCELLED'],
    ]);
  });

  it("ignores other jobs' tasks (scontrol show job without an id lists them all)", () => {
    const text = [
      scontrolLine({ jobId: 20, arrayJobId: 20, taskId: '0', state: 'FAILED', nodeList: 'node3' }),
      scontrolLine({ jobId: 121, arrayJobId: 121, taskId: '0', state: 'FAILED', nodeList: 'node3' }),
      scontrolLine({ jobId: 15, taskId: '3', state: 'OUT_OF_MEMORY', exitCode: '0:125', nodeList: 'node4' }),
    ].join('\n');
    expect(parseScontrol(text, '12')).toEqual([
      { taskId: 3, state: 'OUT_OF_MEMORY', exitCode: '0:125', reason: null, node: 'node4' },
    ]);
  });

  it('takes the node from BatchHost, then NodeList, and none when Slurm gave none', () => {
    const batchHost = scontrolLine({
      jobId: 13,
      taskId: '1',
      state: 'FAILED',
      nodeList: 'node[1-2]',
      batchHost: 'node1',
    });
    const nodeList = scontrolLine({ jobId: 13, taskId: '1', state: 'FAILED', nodeList: 'node5', batchHost: null });
    const none = scontrolLine({ jobId: 13, taskId: '1', state: 'CANCELLED', nodeList: '(null)', batchHost: null });
    expect(parseScontrol(batchHost, '12')[0]!.node).toBe('node1');
    expect(parseScontrol(nodeList, '12')[0]!.node).toBe('node5');
    expect(parseScontrol(none, '12')[0]!.node).toBeNull();
  });

  it('is not misled by keys inside other fields (ReqNodeList, TRES=cpu=…,node=1)', () => {
    const line = scontrolLine({ jobId: 13, taskId: '1', state: 'NODE_FAIL', nodeList: 'node7' });
    expect(line).toContain('ReqNodeList=(null)');
    expect(parseScontrol(line, '12')).toEqual([
      { taskId: 1, state: 'NODE_FAIL', exitCode: '0:0', reason: null, node: 'node7' },
    ]);
  });

  it('gives nothing for an empty answer', () => {
    expect(parseScontrol('', '12')).toEqual([]);
  });
});

describe('parseSacct (sacct -n -P -X -j JOB -o JobID,State,ExitCode,NodeList,Reason)', () => {
  it("reads each task's state (without 'by UID'), exit code, node and reason", () => {
    const text = [
      '12_0|COMPLETED|0:0|node1|None',
      '12_1|CANCELLED by 0|0:15|node1|None',
      '12_2|TIMEOUT|0:15|node2|TimeLimit',
      '12_3|CANCELLED by 1000|0:0|None assigned|None',
      '',
    ].join('\n');
    expect(parseSacct(text, '12')).toEqual([
      { taskId: 0, state: 'COMPLETED', exitCode: '0:0', reason: null, node: 'node1' },
      { taskId: 1, state: 'CANCELLED', exitCode: '0:15', reason: null, node: 'node1' },
      { taskId: 2, state: 'TIMEOUT', exitCode: '0:15', reason: 'TimeLimit', node: 'node2' },
      { taskId: 3, state: 'CANCELLED', exitCode: '0:0', reason: null, node: null },
    ]);
  });

  it("ignores other jobs' tasks and lines that are not a task's; gives each task of a range its state", () => {
    const text = [
      '120_0|FAILED|1:0|node1|None',
      '13_0|FAILED|1:0|node1|None',
      '12_[4-5%2]|CANCELLED by 0|0:0|None assigned|JobArrayTaskLimit',
      '12|FAILED|1:0|node1|None',
      'garbage',
      '12_6|RUNNING|0:0|node3|None',
    ].join('\n');
    expect(parseSacct(text, '12')).toEqual([
      { taskId: 4, state: 'CANCELLED', exitCode: '0:0', reason: 'JobArrayTaskLimit', node: null },
      { taskId: 5, state: 'CANCELLED', exitCode: '0:0', reason: 'JobArrayTaskLimit', node: null },
      { taskId: 6, state: 'RUNNING', exitCode: '0:0', reason: null, node: 'node3' },
    ]);
  });
});

describe('taskIdsOf', () => {
  it('reads the task ids Slurm writes: one, a range, a list, a step, with a throttle or not', () => {
    expect(taskIdsOf('4')).toEqual([4]);
    expect(taskIdsOf('2-5')).toEqual([2, 3, 4, 5]);
    expect(taskIdsOf('1,3,6-8%2')).toEqual([1, 3, 6, 7, 8]);
    expect(taskIdsOf('0-6:3')).toEqual([0, 3, 6]);
    expect(taskIdsOf('x')).toEqual([]);
    expect(taskIdsOf('')).toEqual([]);
  });
});

describe('parseSubmitted (sbatch --parsable)', () => {
  it('gives the job id, with or without the cluster', () => {
    expect(parseSubmitted('123\n')).toBe('123');
    expect(parseSubmitted('123;cluster\n')).toBe('123');
  });

  it('gives nothing for what is not a job id', () => {
    expect(parseSubmitted('')).toBeNull();
    expect(parseSubmitted('Submitted batch job 123')).toBeNull();
    expect(parseSubmitted('sbatch: error: Batch job submission failed')).toBeNull();
  });
});

describe('isEndState', () => {
  const ENDS = ['COMPLETED', 'FAILED', 'CANCELLED', 'CANCELLED by 0', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL'];
  const NOT_ENDS = ['PENDING', 'RUNNING', 'COMPLETING', 'CONFIGURING', 'REQUEUED', 'SUSPENDED', ''];

  it('tells the states a task ends in from those of a task still going', () => {
    expect(ENDS).toHaveLength(7);
    expect(NOT_ENDS).toHaveLength(7);
    for (const state of ENDS) expect(isEndState(state), state).toBe(true);
    for (const state of NOT_ENDS) expect(isEndState(state), state).toBe(false);
  });
});

describe('parseNodes (sinfo -h -N -o "%N %P")', () => {
  const text = ['node1 short*', 'node2 short*', 'node2 long', 'gpu1 gpu', ''].join('\n');
  it("gives the default partition's nodes when none is named (where sbatch sends the job)", () => {
    expect(parseNodes(text)).toEqual(['node1', 'node2']);
  });
  it("gives a named partition's nodes, the default one too", () => {
    expect(parseNodes(text, 'long')).toEqual(['node2']);
    expect(parseNodes(text, 'short')).toEqual(['node1', 'node2']);
    expect(parseNodes(text, 'none')).toEqual([]);
  });
});

describe('parseMaxArraySize (scontrol show config)', () => {
  it("reads the cluster's MaxArraySize, or says it cannot", () => {
    expect(
      parseMaxArraySize('MailProg                = /bin/mail\nMaxArraySize            = 1001\nMaxJobCount = 10000\n'),
    ).toBe(1001);
    expect(parseMaxArraySize('MaxArraySizeX = 5\n')).toBeNull();
  });
});

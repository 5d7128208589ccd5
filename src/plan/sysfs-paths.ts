// Paths of DAMON's sysfs files, relative to the admin root (/sys/kernel/mm/damon/admin).

export const NR_KDAMONDS = 'kdamonds/nr_kdamonds';

export const kdamondDir = (k: number) => `kdamonds/${k}`;
export const statePath = (k: number) => `${kdamondDir(k)}/state`;
export const kdamondPidPath = (k: number) => `${kdamondDir(k)}/pid`;
export const nrContextsPath = (k: number) => `${kdamondDir(k)}/contexts/nr_contexts`;
export const contextDir = (k: number, c: number) => `${kdamondDir(k)}/contexts/${c}`;
export const intervalsDir = (k: number, c: number) => `${contextDir(k, c)}/monitoring_attrs/intervals`;
export const nrRegionsDir = (k: number, c: number) => `${contextDir(k, c)}/monitoring_attrs/nr_regions`;
export const nrTargetsPath = (k: number, c: number) => `${contextDir(k, c)}/targets/nr_targets`;
export const targetDir = (k: number, c: number, t: number) => `${contextDir(k, c)}/targets/${t}`;

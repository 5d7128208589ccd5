/* Generated from schemas/manifest.schema.json by `npm run gen`. Do not edit. */
// @ts-nocheck
"use strict";
export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://damon-exp.invalid/schemas/manifest.schema.json","title":"Manifest","description":"A damon-exp experiment: what to monitor with DAMON, with which workloads, for how long, swept over which parameters.","type":"object","additionalProperties":false,"required":["name","workloads","layout"],"properties":{"name":{"description":"The experiment's name; results go to results/<name>/.","expected":"a name safe as a path component: letters, digits, '.', '_' and '-', starting with a letter or digit","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","maxLength":64},"description":{"type":"string"},"workloads":{"description":"The workloads, by name. Each is a masim config, from a file or written inline.","type":"object","minProperties":1,"propertyNames":{"$ref":"#/$defs/identifier"},"additionalProperties":{"$ref":"#/$defs/workload"}},"layout":{"$ref":"#/$defs/layout"},"monitoring":{"$ref":"#/$defs/monitoring"},"duration":{"description":"How long perf records after DAMON is switched on (default 30s).","$ref":"#/$defs/duration"},"record":{"$ref":"#/$defs/record"},"matrix":{"$ref":"#/$defs/matrix"},"repeat":{"description":"How many times each matrix point runs (default 1).","type":"integer","minimum":1,"maximum":1000},"backend":{"$ref":"#/$defs/backend"},"executor":{"$ref":"#/$defs/executor"},"figures":{"$ref":"#/$defs/figures"}},"patternProperties":{"^x-":{"description":"Extension keys, ignored: a place for YAML anchors to share (x-defaults: &defaults ...).","tsType":"unknown"}},"$defs":{"identifier":{"description":"a name of letters, digits, '.', '_' and '-', starting with a letter or digit","expected":"a name of letters, digits, '.', '_' and '-', starting with a letter or digit","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","maxLength":64},"duration":{"description":"a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","expected":"a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","type":"string","pattern":"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},"size":{"description":"a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","expected":"a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},"address":{"description":"an address: a decimal integer or a 0x-prefixed hexadecimal string","expected":"an address: a decimal integer or a 0x-prefixed hexadecimal string","type":["integer","string"],"minimum":0,"pattern":"^(0x[0-9a-fA-F]+|[0-9]+)$"},"workload":{"description":"A workload: a masim config (`masim: FILE.cfg`, relative to the manifest, or inline `regions` and `phases`), a `command` to start, or the `pid` of a process that runs already.","type":"object","additionalProperties":false,"properties":{"masim":{"description":"Path of a masim config file, relative to the manifest.","type":"string","minLength":1},"regions":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/masimRegion"}},"phases":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPhase"}},"command":{"description":"A command to start and monitor instead of masim: a string (run by sh -c) or a list of arguments.","expected":"a command: a string for sh -c, or a list of arguments","type":["string","array"],"minLength":1,"minItems":1,"items":{"type":"string"}},"pid":{"description":"The pid of a process that runs already, to monitor without starting or stopping it (at most 4194304, the kernel's PID_MAX_LIMIT).","type":"integer","minimum":1,"maximum":4194304},"binary":{"description":"A masim-compatible program to run instead of the default (the MASIM environment variable, then our native/masim): a path relative to the manifest, or a name looked up in PATH.","expected":"a path on one line","type":"string","minLength":1,"pattern":"^[^\\r\\n]+$"},"args":{"description":"Extra command-line arguments passed to masim before the config file.","type":"array","items":{"type":"string","expected":"an argument on one line","pattern":"^[^\\r\\n]*$"}}}},"masimRegion":{"type":"object","additionalProperties":false,"required":["name","size"],"properties":{"name":{"$ref":"#/$defs/identifier"},"size":{"$ref":"#/$defs/size"},"init":{"description":"A file to fill the region from, or `none` (masim's optional third region field).","expected":"a file name or none, without commas or spaces around it","type":"string","pattern":"^[^,\\s]([^,\\r\\n]*[^,\\s])?$"}}},"masimPhase":{"type":"object","additionalProperties":false,"required":["name","duration","patterns"],"properties":{"name":{"description":"The phase's name: one line, not starting with '#' (a comment in masim) or a space.","expected":"a phase name: one line, not starting with '#' or a space","type":"string","pattern":"^[^#\\s][^\\r\\n]*$"},"duration":{"$ref":"#/$defs/duration"},"patterns":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPattern"}}}},"masimPattern":{"type":"object","additionalProperties":false,"required":["region","weight"],"properties":{"region":{"type":"string","minLength":1},"random":{"type":"boolean"},"stride":{"$ref":"#/$defs/size"},"weight":{"type":"integer","minimum":0},"mode":{"enum":["ro","wo","rw"]}}},"operations":{"description":"DAMON operations set: vaddr (virtual address space of a process), fvaddr (fixed virtual ranges), paddr (physical memory)","enum":["vaddr","fvaddr","paddr"]},"layout":{"description":"How kdamonds, contexts and targets are laid out: a shorthand (`kind` + `workloads`) or an explicit `kdamonds` tree.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"one-target: 1 kdamond, 1 context, 1 target; many-targets: 1 context with a target per workload; many-contexts: a context (with one target) per workload","enum":["one-target","many-targets","many-contexts"]},"workloads":{"description":"Workload names, one per target (one-target, many-targets) or per context (many-contexts).","type":"array","minItems":1,"items":{"type":"string"}},"targets":{"description":"Number of monitored processes; the workloads list is repeated to fill it (default: one per listed workload).","type":"integer","minimum":1,"maximum":256},"contexts_per_kdamond":{"description":"auto (default): one kdamond with all its contexts when the kernel allows it, else a kdamond per context; one: always a kdamond per context; many: always share, and refuse kernels that cannot","enum":["auto","one","many"]},"kdamonds":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/kdamond"}}},"if":{"required":["kdamonds"]},"else":{"required":["kind","workloads"]}},"kdamond":{"type":"object","additionalProperties":false,"required":["contexts"],"properties":{"contexts":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/context"}}}},"context":{"type":"object","additionalProperties":false,"required":["targets"],"properties":{"operations":{"$ref":"#/$defs/operations"},"monitoring":{"$ref":"#/$defs/monitoring"},"targets":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/target"}}}},"target":{"type":"object","additionalProperties":false,"properties":{"workload":{"description":"The workload whose process this target monitors (vaddr, fvaddr). paddr targets have none.","type":"string"},"regions":{"description":"Initial monitoring regions, sorted and not overlapping (required for fvaddr, optional for vaddr and paddr).","type":"array","items":{"$ref":"#/$defs/addressRange"}}}},"addressRange":{"type":"object","additionalProperties":false,"required":["start","end"],"properties":{"start":{"$ref":"#/$defs/address"},"end":{"$ref":"#/$defs/address"}}},"monitoring":{"description":"Monitoring attributes. Unset ones take the kernel defaults: sample 5ms, aggr 100ms, update 60s, nr_regions 10..1000.","type":"object","additionalProperties":false,"properties":{"sample":{"$ref":"#/$defs/duration"},"aggr":{"$ref":"#/$defs/duration"},"update":{"$ref":"#/$defs/duration"},"nr_regions":{"type":"object","additionalProperties":false,"properties":{"min":{"type":"integer","minimum":0},"max":{"type":"integer","minimum":0}}},"intervals_goal":{"description":"Automatic tuning of sample and aggregation intervals (Linux 6.15+).","type":"object","additionalProperties":false,"required":["access_bp","aggrs","min_sample","max_sample"],"properties":{"access_bp":{"type":"integer","minimum":1,"maximum":10000},"aggrs":{"type":"integer","minimum":1},"min_sample":{"$ref":"#/$defs/duration"},"max_sample":{"$ref":"#/$defs/duration"}}}}},"record":{"title":"RecordSettings","type":"object","additionalProperties":false,"properties":{"events":{"description":"Tracepoints perf records (default [damon:damon_aggregated]).","type":"array","minItems":1,"uniqueItems":true,"items":{"description":"a tracepoint as subsystem:event, such as damon:damon_aggregated","expected":"a tracepoint as subsystem:event, such as damon:damon_aggregated","type":"string","pattern":"^[a-z0-9_]+:[a-z0-9_]+$"}}}},"matrix":{"description":"Dotted paths into the manifest, each with a list of values; every combination is a run (cartesian), plus `include` and minus `exclude`.","type":"object","propertyNames":{"description":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","expected":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"properties":{"include":{"description":"Extra combinations: each extends the matching combinations, or is added as a run of its own when it matches none.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}},"exclude":{"description":"Combinations to leave out: a combination is dropped when it has all the values of an entry.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}}},"additionalProperties":{"type":"array","minItems":1,"tsType":"unknown[] | { [path: string]: unknown }[] | undefined"}},"backend":{"description":"Where runs execute (used by `damon-exp run`).","type":"object","additionalProperties":false,"properties":{"kind":{"description":"auto (default): this host when its DAMON can serve the run, else QEMU","enum":["auto","local","qemu"]},"kernel":{"description":"Kernel for the qemu backend: a cached kernel's name (`debian`, or one that `damon-exp kernel build` made; `damon-exp kernel list`), a bzImage path (relative to the manifest; its config beside it as <image>.config), or {source: TREE} to build one from a kernel source tree on first use.","oneOf":[{"type":"string","minLength":1},{"type":"object","description":"A kernel built from a source tree on first use (damon-exp kernel build), then taken from the cache.","properties":{"source":{"description":"The kernel source tree, relative to the manifest.","type":"string","minLength":1},"config":{"description":"A config fragment merged after the shipped guest fragment, relative to the manifest.","type":"string","minLength":1},"name":{"description":"The kernel's name in the cache (default: the source directory's name).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"}},"required":["source"],"additionalProperties":false}]},"memory":{"$ref":"#/$defs/size"},"cpus":{"type":"integer","minimum":1,"maximum":64},"accel":{"enum":["auto","kvm","tcg"]}}},"figures":{"description":"Paper figures made from the runs' results by `damon-exp figures` (and after each sweep): each selects runs by their parameters and plots a metric against a parameter, one series per value of another, or a grid of heatmaps.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name","x"],"properties":{"name":{"description":"The figure's file name (figures/<name>.svg, .csv, .png).","$ref":"#/$defs/identifier"},"title":{"type":"string"},"type":{"description":"line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value.","enum":["line","bar","heatmaps"]},"x":{"description":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"y":{"description":"The metric plotted (not for heatmaps).","expected":"a metric: kdamond_cpu, nr_regions_mean, nr_regions_max, wss_p25, wss_p50, wss_p75, recall, precision, events, interval_jitter","enum":["kdamond_cpu","nr_regions_mean","nr_regions_max","wss_p25","wss_p50","wss_p75","recall","precision","events","interval_jitter"]},"series":{"description":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"where":{"description":"Only runs with these parameter values.","type":"object","minProperties":1,"tsType":"{ [param: string]: unknown }"},"x_label":{"type":"string"},"y_label":{"type":"string"}}}},"executor":{"description":"Who runs the runs (used by `damon-exp run`; --executor overrides the kind): this machine, or a Slurm cluster, a job array task per run.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"local (default): this machine runs them; slurm: one sbatch job array, a task per run, on the cluster's nodes","enum":["local","slurm"]},"partition":{"description":"The Slurm partition (sbatch --partition).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"account":{"description":"The Slurm account to charge (sbatch --account).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"qos":{"description":"The Slurm quality of service (sbatch --qos).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"time":{"description":"Each task's time limit, instead of the one derived from the duration (the recording, plus boot and analysis margins).","$ref":"#/$defs/duration"},"options":{"description":"Further sbatch options, each as sbatch takes it (such as --constraint=kvm); --slurm-opt adds to them.","type":"array","items":{"type":"string","pattern":"^--?[A-Za-z]"}}}}}};
const schema32 = {"description":"a name of letters, digits, '.', '_' and '-', starting with a letter or digit","expected":"a name of letters, digits, '.', '_' and '-', starting with a letter or digit","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","maxLength":64};
const schema38 = {"description":"a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","expected":"a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","type":"string","pattern":"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"};
const schema56 = {"title":"RecordSettings","type":"object","additionalProperties":false,"properties":{"events":{"description":"Tracepoints perf records (default [damon:damon_aggregated]).","type":"array","minItems":1,"uniqueItems":true,"items":{"description":"a tracepoint as subsystem:event, such as damon:damon_aggregated","expected":"a tracepoint as subsystem:event, such as damon:damon_aggregated","type":"string","pattern":"^[a-z0-9_]+:[a-z0-9_]+$"}}}};
const schema57 = {"description":"Dotted paths into the manifest, each with a list of values; every combination is a run (cartesian), plus `include` and minus `exclude`.","type":"object","propertyNames":{"description":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","expected":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"properties":{"include":{"description":"Extra combinations: each extends the matching combinations, or is added as a run of its own when it matches none.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}},"exclude":{"description":"Combinations to leave out: a combination is dropped when it has all the values of an entry.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}}},"additionalProperties":{"type":"array","minItems":1,"tsType":"unknown[] | { [path: string]: unknown }[] | undefined"}};
const func1 = Object.prototype.hasOwnProperty;
const pattern4 = new RegExp("^x-", "u");
const pattern5 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*$", "u");
const pattern11 = new RegExp("^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$", "u");
const pattern23 = new RegExp("^[a-z0-9_]+:[a-z0-9_]+$", "u");
const pattern24 = new RegExp("^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$", "u");
const schema33 = {"description":"A workload: a masim config (`masim: FILE.cfg`, relative to the manifest, or inline `regions` and `phases`), a `command` to start, or the `pid` of a process that runs already.","type":"object","additionalProperties":false,"properties":{"masim":{"description":"Path of a masim config file, relative to the manifest.","type":"string","minLength":1},"regions":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/masimRegion"}},"phases":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPhase"}},"command":{"description":"A command to start and monitor instead of masim: a string (run by sh -c) or a list of arguments.","expected":"a command: a string for sh -c, or a list of arguments","type":["string","array"],"minLength":1,"minItems":1,"items":{"type":"string"}},"pid":{"description":"The pid of a process that runs already, to monitor without starting or stopping it (at most 4194304, the kernel's PID_MAX_LIMIT).","type":"integer","minimum":1,"maximum":4194304},"binary":{"description":"A masim-compatible program to run instead of the default (the MASIM environment variable, then our native/masim): a path relative to the manifest, or a name looked up in PATH.","expected":"a path on one line","type":"string","minLength":1,"pattern":"^[^\\r\\n]+$"},"args":{"description":"Extra command-line arguments passed to masim before the config file.","type":"array","items":{"type":"string","expected":"an argument on one line","pattern":"^[^\\r\\n]*$"}}}};
const schema34 = {"type":"object","additionalProperties":false,"required":["name","size"],"properties":{"name":{"$ref":"#/$defs/identifier"},"size":{"$ref":"#/$defs/size"},"init":{"description":"A file to fill the region from, or `none` (masim's optional third region field).","expected":"a file name or none, without commas or spaces around it","type":"string","pattern":"^[^,\\s]([^,\\r\\n]*[^,\\s])?$"}}};
const schema36 = {"description":"a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","expected":"a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"};
const pattern8 = new RegExp("^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$", "u");
const pattern9 = new RegExp("^[^,\\s]([^,\\r\\n]*[^,\\s])?$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.size === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "size")) || (key0 === "init"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(data0.length > 64){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern5.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.size !== undefined){
let data1 = data.size;
if((!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))) && (typeof data1 !== "string")){
const err6 = {instancePath:instancePath+"/size",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/size",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern8.test(data1)){
const err8 = {instancePath:instancePath+"/size",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.init !== undefined){
let data2 = data.init;
if(typeof data2 === "string"){
if(!pattern9.test(data2)){
const err9 = {instancePath:instancePath+"/init",schemaPath:"#/properties/init/pattern",keyword:"pattern",params:{pattern: "^[^,\\s]([^,\\r\\n]*[^,\\s])?$"},message:"must match pattern \""+"^[^,\\s]([^,\\r\\n]*[^,\\s])?$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/init",schemaPath:"#/properties/init/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema37 = {"type":"object","additionalProperties":false,"required":["name","duration","patterns"],"properties":{"name":{"description":"The phase's name: one line, not starting with '#' (a comment in masim) or a space.","expected":"a phase name: one line, not starting with '#' or a space","type":"string","pattern":"^[^#\\s][^\\r\\n]*$"},"duration":{"$ref":"#/$defs/duration"},"patterns":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPattern"}}}};
const pattern10 = new RegExp("^[^#\\s][^\\r\\n]*$", "u");
const schema39 = {"type":"object","additionalProperties":false,"required":["region","weight"],"properties":{"region":{"type":"string","minLength":1},"random":{"type":"boolean"},"stride":{"$ref":"#/$defs/size"},"weight":{"type":"integer","minimum":0},"mode":{"enum":["ro","wo","rw"]}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.region === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.weight === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "weight"},message:"must have required property '"+"weight"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "region") || (key0 === "random")) || (key0 === "stride")) || (key0 === "weight")) || (key0 === "mode"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.region !== undefined){
let data0 = data.region;
if(typeof data0 === "string"){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.random !== undefined){
if(typeof data.random !== "boolean"){
const err5 = {instancePath:instancePath+"/random",schemaPath:"#/properties/random/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.stride !== undefined){
let data2 = data.stride;
if((!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))) && (typeof data2 !== "string")){
const err6 = {instancePath:instancePath+"/stride",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/stride",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(typeof data2 === "string"){
if(!pattern8.test(data2)){
const err8 = {instancePath:instancePath+"/stride",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.weight !== undefined){
let data3 = data.weight;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data.mode !== undefined){
let data4 = data.mode;
if(!(((data4 === "ro") || (data4 === "wo")) || (data4 === "rw"))){
const err11 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema39.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.duration === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "duration"},message:"must have required property '"+"duration"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.patterns === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "patterns"},message:"must have required property '"+"patterns"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "duration")) || (key0 === "patterns"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern10.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[^#\\s][^\\r\\n]*$"},message:"must match pattern \""+"^[^#\\s][^\\r\\n]*$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.duration !== undefined){
let data1 = data.duration;
if(typeof data1 === "string"){
if(!pattern11.test(data1)){
const err6 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.patterns !== undefined){
let data2 = data.patterns;
if(Array.isArray(data2)){
if(data2.length < 1){
const err8 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate25(data2[i0], {instancePath:instancePath+"/patterns/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern13 = new RegExp("^[^\\r\\n]+$", "u");
const pattern14 = new RegExp("^[^\\r\\n]*$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((((key0 === "masim") || (key0 === "regions")) || (key0 === "phases")) || (key0 === "command")) || (key0 === "pid")) || (key0 === "binary")) || (key0 === "args"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.masim !== undefined){
let data0 = data.masim;
if(typeof data0 === "string"){
if(data0.length < 1){
const err1 = {instancePath:instancePath+"/masim",schemaPath:"#/properties/masim/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/masim",schemaPath:"#/properties/masim/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.regions !== undefined){
let data1 = data.regions;
if(Array.isArray(data1)){
if(data1.length < 1){
const err3 = {instancePath:instancePath+"/regions",schemaPath:"#/properties/regions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate22(data1[i0], {instancePath:instancePath+"/regions/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err4 = {instancePath:instancePath+"/regions",schemaPath:"#/properties/regions/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.phases !== undefined){
let data3 = data.phases;
if(Array.isArray(data3)){
if(data3.length < 1){
const err5 = {instancePath:instancePath+"/phases",schemaPath:"#/properties/phases/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
if(!(validate24(data3[i1], {instancePath:instancePath+"/phases/" + i1,parentData:data3,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err6 = {instancePath:instancePath+"/phases",schemaPath:"#/properties/phases/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.command !== undefined){
let data5 = data.command;
if((typeof data5 !== "string") && (!(Array.isArray(data5)))){
const err7 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: schema33.properties.command.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data5 === "string"){
if(data5.length < 1){
const err8 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(Array.isArray(data5)){
if(data5.length < 1){
const err9 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const len2 = data5.length;
for(let i2=0; i2<len2; i2++){
if(typeof data5[i2] !== "string"){
const err10 = {instancePath:instancePath+"/command/" + i2,schemaPath:"#/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
if(data.pid !== undefined){
let data7 = data.pid;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err11 = {instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 4194304 || isNaN(data7)){
const err12 = {instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4194304},message:"must be <= 4194304"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err13 = {instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data.binary !== undefined){
let data8 = data.binary;
if(typeof data8 === "string"){
if(data8.length < 1){
const err14 = {instancePath:instancePath+"/binary",schemaPath:"#/properties/binary/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!pattern13.test(data8)){
const err15 = {instancePath:instancePath+"/binary",schemaPath:"#/properties/binary/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n]+$"},message:"must match pattern \""+"^[^\\r\\n]+$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/binary",schemaPath:"#/properties/binary/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.args !== undefined){
let data9 = data.args;
if(Array.isArray(data9)){
const len3 = data9.length;
for(let i3=0; i3<len3; i3++){
let data10 = data9[i3];
if(typeof data10 === "string"){
if(!pattern14.test(data10)){
const err17 = {instancePath:instancePath+"/args/" + i3,schemaPath:"#/properties/args/items/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n]*$"},message:"must match pattern \""+"^[^\\r\\n]*$"+"\""};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/args/" + i3,schemaPath:"#/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema41 = {"description":"How kdamonds, contexts and targets are laid out: a shorthand (`kind` + `workloads`) or an explicit `kdamonds` tree.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"one-target: 1 kdamond, 1 context, 1 target; many-targets: 1 context with a target per workload; many-contexts: a context (with one target) per workload","enum":["one-target","many-targets","many-contexts"]},"workloads":{"description":"Workload names, one per target (one-target, many-targets) or per context (many-contexts).","type":"array","minItems":1,"items":{"type":"string"}},"targets":{"description":"Number of monitored processes; the workloads list is repeated to fill it (default: one per listed workload).","type":"integer","minimum":1,"maximum":256},"contexts_per_kdamond":{"description":"auto (default): one kdamond with all its contexts when the kernel allows it, else a kdamond per context; one: always a kdamond per context; many: always share, and refuse kernels that cannot","enum":["auto","one","many"]},"kdamonds":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/kdamond"}}},"if":{"required":["kdamonds"]},"else":{"required":["kind","workloads"]}};
const schema42 = {"type":"object","additionalProperties":false,"required":["contexts"],"properties":{"contexts":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/context"}}}};
const schema43 = {"type":"object","additionalProperties":false,"required":["targets"],"properties":{"operations":{"$ref":"#/$defs/operations"},"monitoring":{"$ref":"#/$defs/monitoring"},"targets":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/target"}}}};
const schema44 = {"description":"DAMON operations set: vaddr (virtual address space of a process), fvaddr (fixed virtual ranges), paddr (physical memory)","enum":["vaddr","fvaddr","paddr"]};
const schema45 = {"description":"Monitoring attributes. Unset ones take the kernel defaults: sample 5ms, aggr 100ms, update 60s, nr_regions 10..1000.","type":"object","additionalProperties":false,"properties":{"sample":{"$ref":"#/$defs/duration"},"aggr":{"$ref":"#/$defs/duration"},"update":{"$ref":"#/$defs/duration"},"nr_regions":{"type":"object","additionalProperties":false,"properties":{"min":{"type":"integer","minimum":0},"max":{"type":"integer","minimum":0}}},"intervals_goal":{"description":"Automatic tuning of sample and aggregation intervals (Linux 6.15+).","type":"object","additionalProperties":false,"required":["access_bp","aggrs","min_sample","max_sample"],"properties":{"access_bp":{"type":"integer","minimum":1,"maximum":10000},"aggrs":{"type":"integer","minimum":1},"min_sample":{"$ref":"#/$defs/duration"},"max_sample":{"$ref":"#/$defs/duration"}}}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate32.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "sample") || (key0 === "aggr")) || (key0 === "update")) || (key0 === "nr_regions")) || (key0 === "intervals_goal"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.sample !== undefined){
let data0 = data.sample;
if(typeof data0 === "string"){
if(!pattern11.test(data0)){
const err1 = {instancePath:instancePath+"/sample",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/sample",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.aggr !== undefined){
let data1 = data.aggr;
if(typeof data1 === "string"){
if(!pattern11.test(data1)){
const err3 = {instancePath:instancePath+"/aggr",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/aggr",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.update !== undefined){
let data2 = data.update;
if(typeof data2 === "string"){
if(!pattern11.test(data2)){
const err5 = {instancePath:instancePath+"/update",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/update",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.nr_regions !== undefined){
let data3 = data.nr_regions;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!((key1 === "min") || (key1 === "max"))){
const err7 = {instancePath:instancePath+"/nr_regions",schemaPath:"#/properties/nr_regions/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data3.min !== undefined){
let data4 = data3.min;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err8 = {instancePath:instancePath+"/nr_regions/min",schemaPath:"#/properties/nr_regions/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/nr_regions/min",schemaPath:"#/properties/nr_regions/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data3.max !== undefined){
let data5 = data3.max;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err10 = {instancePath:instancePath+"/nr_regions/max",schemaPath:"#/properties/nr_regions/properties/max/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/nr_regions/max",schemaPath:"#/properties/nr_regions/properties/max/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/nr_regions",schemaPath:"#/properties/nr_regions/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.intervals_goal !== undefined){
let data6 = data.intervals_goal;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.access_bp === undefined){
const err13 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "access_bp"},message:"must have required property '"+"access_bp"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data6.aggrs === undefined){
const err14 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "aggrs"},message:"must have required property '"+"aggrs"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data6.min_sample === undefined){
const err15 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "min_sample"},message:"must have required property '"+"min_sample"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data6.max_sample === undefined){
const err16 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "max_sample"},message:"must have required property '"+"max_sample"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key2 in data6){
if(!((((key2 === "access_bp") || (key2 === "aggrs")) || (key2 === "min_sample")) || (key2 === "max_sample"))){
const err17 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data6.access_bp !== undefined){
let data7 = data6.access_bp;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err18 = {instancePath:instancePath+"/intervals_goal/access_bp",schemaPath:"#/properties/intervals_goal/properties/access_bp/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 10000 || isNaN(data7)){
const err19 = {instancePath:instancePath+"/intervals_goal/access_bp",schemaPath:"#/properties/intervals_goal/properties/access_bp/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err20 = {instancePath:instancePath+"/intervals_goal/access_bp",schemaPath:"#/properties/intervals_goal/properties/access_bp/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
if(data6.aggrs !== undefined){
let data8 = data6.aggrs;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err21 = {instancePath:instancePath+"/intervals_goal/aggrs",schemaPath:"#/properties/intervals_goal/properties/aggrs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 1 || isNaN(data8)){
const err22 = {instancePath:instancePath+"/intervals_goal/aggrs",schemaPath:"#/properties/intervals_goal/properties/aggrs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
if(data6.min_sample !== undefined){
let data9 = data6.min_sample;
if(typeof data9 === "string"){
if(!pattern11.test(data9)){
const err23 = {instancePath:instancePath+"/intervals_goal/min_sample",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/intervals_goal/min_sample",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data6.max_sample !== undefined){
let data10 = data6.max_sample;
if(typeof data10 === "string"){
if(!pattern11.test(data10)){
const err25 = {instancePath:instancePath+"/intervals_goal/max_sample",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/intervals_goal/max_sample",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate32.errors = vErrors;
return errors === 0;
}
validate32.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema51 = {"type":"object","additionalProperties":false,"properties":{"workload":{"description":"The workload whose process this target monitors (vaddr, fvaddr). paddr targets have none.","type":"string"},"regions":{"description":"Initial monitoring regions, sorted and not overlapping (required for fvaddr, optional for vaddr and paddr).","type":"array","items":{"$ref":"#/$defs/addressRange"}}}};
const schema52 = {"type":"object","additionalProperties":false,"required":["start","end"],"properties":{"start":{"$ref":"#/$defs/address"},"end":{"$ref":"#/$defs/address"}}};
const schema53 = {"description":"an address: a decimal integer or a 0x-prefixed hexadecimal string","expected":"an address: a decimal integer or a 0x-prefixed hexadecimal string","type":["integer","string"],"minimum":0,"pattern":"^(0x[0-9a-fA-F]+|[0-9]+)$"};
const pattern20 = new RegExp("^(0x[0-9a-fA-F]+|[0-9]+)$", "u");

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate35.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.start === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.end === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "end"},message:"must have required property '"+"end"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "start") || (key0 === "end"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.start !== undefined){
let data0 = data.start;
if((!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))) && (typeof data0 !== "string")){
const err3 = {instancePath:instancePath+"/start",schemaPath:"#/$defs/address/type",keyword:"type",params:{type: schema53.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err4 = {instancePath:instancePath+"/start",schemaPath:"#/$defs/address/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(typeof data0 === "string"){
if(!pattern20.test(data0)){
const err5 = {instancePath:instancePath+"/start",schemaPath:"#/$defs/address/pattern",keyword:"pattern",params:{pattern: "^(0x[0-9a-fA-F]+|[0-9]+)$"},message:"must match pattern \""+"^(0x[0-9a-fA-F]+|[0-9]+)$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.end !== undefined){
let data1 = data.end;
if((!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))) && (typeof data1 !== "string")){
const err6 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/address/type",keyword:"type",params:{type: schema53.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/address/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern20.test(data1)){
const err8 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/address/pattern",keyword:"pattern",params:{pattern: "^(0x[0-9a-fA-F]+|[0-9]+)$"},message:"must match pattern \""+"^(0x[0-9a-fA-F]+|[0-9]+)$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}
validate35.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "workload") || (key0 === "regions"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.workload !== undefined){
if(typeof data.workload !== "string"){
const err1 = {instancePath:instancePath+"/workload",schemaPath:"#/properties/workload/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.regions !== undefined){
let data1 = data.regions;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate35(data1[i0], {instancePath:instancePath+"/regions/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/regions",schemaPath:"#/properties/regions/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.targets === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "operations") || (key0 === "monitoring")) || (key0 === "targets"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.operations !== undefined){
let data0 = data.operations;
if(!(((data0 === "vaddr") || (data0 === "fvaddr")) || (data0 === "paddr"))){
const err2 = {instancePath:instancePath+"/operations",schemaPath:"#/$defs/operations/enum",keyword:"enum",params:{allowedValues: schema44.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.monitoring !== undefined){
if(!(validate32(data.monitoring, {instancePath:instancePath+"/monitoring",parentData:data,parentDataProperty:"monitoring",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.targets !== undefined){
let data2 = data.targets;
if(Array.isArray(data2)){
if(data2.length < 1){
const err3 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate34(data2[i0], {instancePath:instancePath+"/targets/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
}
else {
const err4 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.contexts === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "contexts"},message:"must have required property '"+"contexts"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "contexts")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.contexts !== undefined){
let data0 = data.contexts;
if(Array.isArray(data0)){
if(data0.length < 1){
const err2 = {instancePath:instancePath+"/contexts",schemaPath:"#/properties/contexts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate31(data0[i0], {instancePath:instancePath+"/contexts/" + i0,parentData:data0,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/contexts",schemaPath:"#/properties/contexts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate29.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.kdamonds === undefined) && (missing0 = "kdamonds")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
if(!_valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.workloads === undefined){
const err2 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "workloads"},message:"must have required property '"+"workloads"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
}
if(!valid0){
const err3 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: "else"},message:"must match \"else\" schema"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "kind") || (key0 === "workloads")) || (key0 === "targets")) || (key0 === "contexts_per_kdamond")) || (key0 === "kdamonds"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(!(((data0 === "one-target") || (data0 === "many-targets")) || (data0 === "many-contexts"))){
const err5 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema41.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.workloads !== undefined){
let data1 = data.workloads;
if(Array.isArray(data1)){
if(data1.length < 1){
const err6 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(typeof data1[i0] !== "string"){
const err7 = {instancePath:instancePath+"/workloads/" + i0,schemaPath:"#/properties/workloads/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.targets !== undefined){
let data3 = data.targets;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 256 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/maximum",keyword:"maximum",params:{comparison: "<=", limit: 256},message:"must be <= 256"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.contexts_per_kdamond !== undefined){
let data4 = data.contexts_per_kdamond;
if(!(((data4 === "auto") || (data4 === "one")) || (data4 === "many"))){
const err12 = {instancePath:instancePath+"/contexts_per_kdamond",schemaPath:"#/properties/contexts_per_kdamond/enum",keyword:"enum",params:{allowedValues: schema41.properties.contexts_per_kdamond.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.kdamonds !== undefined){
let data5 = data.kdamonds;
if(Array.isArray(data5)){
if(data5.length < 1){
const err13 = {instancePath:instancePath+"/kdamonds",schemaPath:"#/properties/kdamonds/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
if(!(validate30(data5[i1], {instancePath:instancePath+"/kdamonds/" + i1,parentData:data5,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
else {
const err14 = {instancePath:instancePath+"/kdamonds",schemaPath:"#/properties/kdamonds/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}
validate29.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema58 = {"description":"Where runs execute (used by `damon-exp run`).","type":"object","additionalProperties":false,"properties":{"kind":{"description":"auto (default): this host when its DAMON can serve the run, else QEMU","enum":["auto","local","qemu"]},"kernel":{"description":"Kernel for the qemu backend: a cached kernel's name (`debian`, or one that `damon-exp kernel build` made; `damon-exp kernel list`), a bzImage path (relative to the manifest; its config beside it as <image>.config), or {source: TREE} to build one from a kernel source tree on first use.","oneOf":[{"type":"string","minLength":1},{"type":"object","description":"A kernel built from a source tree on first use (damon-exp kernel build), then taken from the cache.","properties":{"source":{"description":"The kernel source tree, relative to the manifest.","type":"string","minLength":1},"config":{"description":"A config fragment merged after the shipped guest fragment, relative to the manifest.","type":"string","minLength":1},"name":{"description":"The kernel's name in the cache (default: the source directory's name).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"}},"required":["source"],"additionalProperties":false}]},"memory":{"$ref":"#/$defs/size"},"cpus":{"type":"integer","minimum":1,"maximum":64},"accel":{"enum":["auto","kvm","tcg"]}}};
const pattern25 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$", "u");

function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate42.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "kind") || (key0 === "kernel")) || (key0 === "memory")) || (key0 === "cpus")) || (key0 === "accel"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(!(((data0 === "auto") || (data0 === "local")) || (data0 === "qemu"))){
const err1 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema58.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kernel !== undefined){
let data1 = data.kernel;
const _errs4 = errors;
let valid1 = false;
let passing0 = null;
const _errs5 = errors;
if(typeof data1 === "string"){
if(data1.length < 1){
const err2 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs5 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs7 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.source === undefined){
const err4 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/1/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key1 in data1){
if(!(((key1 === "source") || (key1 === "config")) || (key1 === "name"))){
const err5 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data1.source !== undefined){
let data2 = data1.source;
if(typeof data2 === "string"){
if(data2.length < 1){
const err6 = {instancePath:instancePath+"/kernel/source",schemaPath:"#/properties/kernel/oneOf/1/properties/source/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/kernel/source",schemaPath:"#/properties/kernel/oneOf/1/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.config !== undefined){
let data3 = data1.config;
if(typeof data3 === "string"){
if(data3.length < 1){
const err8 = {instancePath:instancePath+"/kernel/config",schemaPath:"#/properties/kernel/oneOf/1/properties/config/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/kernel/config",schemaPath:"#/properties/kernel/oneOf/1/properties/config/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.name !== undefined){
let data4 = data1.name;
if(typeof data4 === "string"){
if(!pattern25.test(data4)){
const err10 = {instancePath:instancePath+"/kernel/name",schemaPath:"#/properties/kernel/oneOf/1/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/kernel/name",schemaPath:"#/properties/kernel/oneOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid0 = _errs7 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err13 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
}
if(data.memory !== undefined){
let data5 = data.memory;
if((!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))) && (typeof data5 !== "string")){
const err14 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err15 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(typeof data5 === "string"){
if(!pattern8.test(data5)){
const err16 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
if(data.cpus !== undefined){
let data6 = data.cpus;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err17 = {instancePath:instancePath+"/cpus",schemaPath:"#/properties/cpus/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 64 || isNaN(data6)){
const err18 = {instancePath:instancePath+"/cpus",schemaPath:"#/properties/cpus/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err19 = {instancePath:instancePath+"/cpus",schemaPath:"#/properties/cpus/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data.accel !== undefined){
let data7 = data.accel;
if(!(((data7 === "auto") || (data7 === "kvm")) || (data7 === "tcg"))){
const err20 = {instancePath:instancePath+"/accel",schemaPath:"#/properties/accel/enum",keyword:"enum",params:{allowedValues: schema58.properties.accel.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}
validate42.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema60 = {"description":"Who runs the runs (used by `damon-exp run`; --executor overrides the kind): this machine, or a Slurm cluster, a job array task per run.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"local (default): this machine runs them; slurm: one sbatch job array, a task per run, on the cluster's nodes","enum":["local","slurm"]},"partition":{"description":"The Slurm partition (sbatch --partition).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"account":{"description":"The Slurm account to charge (sbatch --account).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"qos":{"description":"The Slurm quality of service (sbatch --qos).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"time":{"description":"Each task's time limit, instead of the one derived from the duration (the recording, plus boot and analysis margins).","$ref":"#/$defs/duration"},"options":{"description":"Further sbatch options, each as sbatch takes it (such as --constraint=kvm); --slurm-opt adds to them.","type":"array","items":{"type":"string","pattern":"^--?[A-Za-z]"}}}};
const pattern27 = new RegExp("^[^\\s]+$", "u");
const pattern31 = new RegExp("^--?[A-Za-z]", "u");

function validate44(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate44.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "kind") || (key0 === "partition")) || (key0 === "account")) || (key0 === "qos")) || (key0 === "time")) || (key0 === "options"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(!((data0 === "local") || (data0 === "slurm"))){
const err1 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema60.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.partition !== undefined){
let data1 = data.partition;
if(typeof data1 === "string"){
if(data1.length < 1){
const err2 = {instancePath:instancePath+"/partition",schemaPath:"#/properties/partition/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern27.test(data1)){
const err3 = {instancePath:instancePath+"/partition",schemaPath:"#/properties/partition/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/partition",schemaPath:"#/properties/partition/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.account !== undefined){
let data2 = data.account;
if(typeof data2 === "string"){
if(data2.length < 1){
const err5 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern27.test(data2)){
const err6 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.qos !== undefined){
let data3 = data.qos;
if(typeof data3 === "string"){
if(data3.length < 1){
const err8 = {instancePath:instancePath+"/qos",schemaPath:"#/properties/qos/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern27.test(data3)){
const err9 = {instancePath:instancePath+"/qos",schemaPath:"#/properties/qos/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/qos",schemaPath:"#/properties/qos/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.time !== undefined){
let data4 = data.time;
if(typeof data4 === "string"){
if(!pattern11.test(data4)){
const err11 = {instancePath:instancePath+"/time",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/time",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.options !== undefined){
let data5 = data.options;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(!pattern31.test(data6)){
const err13 = {instancePath:instancePath+"/options/" + i0,schemaPath:"#/properties/options/items/pattern",keyword:"pattern",params:{pattern: "^--?[A-Za-z]"},message:"must match pattern \""+"^--?[A-Za-z]"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/options/" + i0,schemaPath:"#/properties/options/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/options",schemaPath:"#/properties/options/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate44.errors = vErrors;
return errors === 0;
}
validate44.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema62 = {"description":"Paper figures made from the runs' results by `damon-exp figures` (and after each sweep): each selects runs by their parameters and plots a metric against a parameter, one series per value of another, or a grid of heatmaps.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name","x"],"properties":{"name":{"description":"The figure's file name (figures/<name>.svg, .csv, .png).","$ref":"#/$defs/identifier"},"title":{"type":"string"},"type":{"description":"line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value.","enum":["line","bar","heatmaps"]},"x":{"description":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"y":{"description":"The metric plotted (not for heatmaps).","expected":"a metric: kdamond_cpu, nr_regions_mean, nr_regions_max, wss_p25, wss_p50, wss_p75, recall, precision, events, interval_jitter","enum":["kdamond_cpu","nr_regions_mean","nr_regions_max","wss_p25","wss_p50","wss_p75","recall","precision","events","interval_jitter"]},"series":{"description":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"where":{"description":"Only runs with these parameter values.","type":"object","minProperties":1,"tsType":"{ [param: string]: unknown }"},"x_label":{"type":"string"},"y_label":{"type":"string"}}}};

function validate46(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate46.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
if(data.length < 1){
const err0 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.name === undefined){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data0.x === undefined){
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/required",keyword:"required",params:{missingProperty: "x"},message:"must have required property '"+"x"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data0){
if(!(func1.call(schema62.items.properties, key0))){
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.name !== undefined){
let data1 = data0.name;
if(typeof data1 === "string"){
if(data1.length > 64){
const err4 = {instancePath:instancePath+"/" + i0+"/name",schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern5.test(data1)){
const err5 = {instancePath:instancePath+"/" + i0+"/name",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/" + i0+"/name",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data0.title !== undefined){
if(typeof data0.title !== "string"){
const err7 = {instancePath:instancePath+"/" + i0+"/title",schemaPath:"#/items/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data0.type !== undefined){
let data3 = data0.type;
if(!(((data3 === "line") || (data3 === "bar")) || (data3 === "heatmaps"))){
const err8 = {instancePath:instancePath+"/" + i0+"/type",schemaPath:"#/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema62.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data0.x !== undefined){
let data4 = data0.x;
if(typeof data4 === "string"){
if(!pattern24.test(data4)){
const err9 = {instancePath:instancePath+"/" + i0+"/x",schemaPath:"#/items/properties/x/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/" + i0+"/x",schemaPath:"#/items/properties/x/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data0.y !== undefined){
let data5 = data0.y;
if(!((((((((((data5 === "kdamond_cpu") || (data5 === "nr_regions_mean")) || (data5 === "nr_regions_max")) || (data5 === "wss_p25")) || (data5 === "wss_p50")) || (data5 === "wss_p75")) || (data5 === "recall")) || (data5 === "precision")) || (data5 === "events")) || (data5 === "interval_jitter"))){
const err11 = {instancePath:instancePath+"/" + i0+"/y",schemaPath:"#/items/properties/y/enum",keyword:"enum",params:{allowedValues: schema62.items.properties.y.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data0.series !== undefined){
let data6 = data0.series;
if(typeof data6 === "string"){
if(!pattern24.test(data6)){
const err12 = {instancePath:instancePath+"/" + i0+"/series",schemaPath:"#/items/properties/series/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"+"\""};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/" + i0+"/series",schemaPath:"#/items/properties/series/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data0.where !== undefined){
let data7 = data0.where;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(Object.keys(data7).length < 1){
const err14 = {instancePath:instancePath+"/" + i0+"/where",schemaPath:"#/items/properties/where/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/" + i0+"/where",schemaPath:"#/items/properties/where/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data0.x_label !== undefined){
if(typeof data0.x_label !== "string"){
const err16 = {instancePath:instancePath+"/" + i0+"/x_label",schemaPath:"#/items/properties/x_label/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data0.y_label !== undefined){
if(typeof data0.y_label !== "string"){
const err17 = {instancePath:instancePath+"/" + i0+"/y_label",schemaPath:"#/items/properties/y_label/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate46.errors = vErrors;
return errors === 0;
}
validate46.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://damon-exp.invalid/schemas/manifest.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.workloads === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "workloads"},message:"must have required property '"+"workloads"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.layout === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "layout"},message:"must have required property '"+"layout"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((func1.call(schema31.properties, key0)) || (pattern4.test(key0)))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(data0.length > 64){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern5.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
if(typeof data.description !== "string"){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.workloads !== undefined){
let data2 = data.workloads;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(Object.keys(data2).length < 1){
const err8 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data2){
const _errs9 = errors;
if(typeof key1 === "string"){
if(key1.length > 64){
const err9 = {instancePath:instancePath+"/workloads",schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",propertyName:key1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern5.test(key1)){
const err10 = {instancePath:instancePath+"/workloads",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\"",propertyName:key1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/workloads",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",propertyName:key1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var valid1 = _errs9 === errors;
if(!valid1){
const err12 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
for(const key2 in data2){
if(!(validate21(data2[key2], {instancePath:instancePath+"/workloads/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data2,parentDataProperty:key2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err13 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.layout !== undefined){
if(!(validate29(data.layout, {instancePath:instancePath+"/layout",parentData:data,parentDataProperty:"layout",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
if(data.monitoring !== undefined){
if(!(validate32(data.monitoring, {instancePath:instancePath+"/monitoring",parentData:data,parentDataProperty:"monitoring",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.duration !== undefined){
let data6 = data.duration;
if(typeof data6 === "string"){
if(!pattern11.test(data6)){
const err14 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.record !== undefined){
let data7 = data.record;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key3 in data7){
if(!(key3 === "events")){
const err16 = {instancePath:instancePath+"/record",schemaPath:"#/$defs/record/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data7.events !== undefined){
let data8 = data7.events;
if(Array.isArray(data8)){
if(data8.length < 1){
const err17 = {instancePath:instancePath+"/record/events",schemaPath:"#/$defs/record/properties/events/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(typeof data9 === "string"){
if(!pattern23.test(data9)){
const err18 = {instancePath:instancePath+"/record/events/" + i0,schemaPath:"#/$defs/record/properties/events/items/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+:[a-z0-9_]+$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/record/events/" + i0,schemaPath:"#/$defs/record/properties/events/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let i1 = data8.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data8[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err20 = {instancePath:instancePath+"/record/events",schemaPath:"#/$defs/record/properties/events/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err21 = {instancePath:instancePath+"/record/events",schemaPath:"#/$defs/record/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/record",schemaPath:"#/$defs/record/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.matrix !== undefined){
let data10 = data.matrix;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key4 in data10){
const _errs33 = errors;
if(typeof key4 === "string"){
if(!pattern24.test(key4)){
const err23 = {instancePath:instancePath+"/matrix",schemaPath:"#/$defs/matrix/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"+"\"",propertyName:key4};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
var valid11 = _errs33 === errors;
if(!valid11){
const err24 = {instancePath:instancePath+"/matrix",schemaPath:"#/$defs/matrix/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
for(const key5 in data10){
if(!((key5 === "include") || (key5 === "exclude"))){
let data11 = data10[key5];
if(Array.isArray(data11)){
if(data11.length < 1){
const err25 = {instancePath:instancePath+"/matrix/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/matrix/additionalProperties/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/matrix/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/matrix/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
if(data10.include !== undefined){
let data12 = data10.include;
if(Array.isArray(data12)){
const len1 = data12.length;
for(let i2=0; i2<len1; i2++){
let data13 = data12[i2];
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(Object.keys(data13).length < 1){
const err27 = {instancePath:instancePath+"/matrix/include/" + i2,schemaPath:"#/$defs/matrix/properties/include/items/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/matrix/include/" + i2,schemaPath:"#/$defs/matrix/properties/include/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/matrix/include",schemaPath:"#/$defs/matrix/properties/include/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data10.exclude !== undefined){
let data14 = data10.exclude;
if(Array.isArray(data14)){
const len2 = data14.length;
for(let i3=0; i3<len2; i3++){
let data15 = data14[i3];
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(Object.keys(data15).length < 1){
const err30 = {instancePath:instancePath+"/matrix/exclude/" + i3,schemaPath:"#/$defs/matrix/properties/exclude/items/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/matrix/exclude/" + i3,schemaPath:"#/$defs/matrix/properties/exclude/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/matrix/exclude",schemaPath:"#/$defs/matrix/properties/exclude/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/matrix",schemaPath:"#/$defs/matrix/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.repeat !== undefined){
let data16 = data.repeat;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err34 = {instancePath:instancePath+"/repeat",schemaPath:"#/properties/repeat/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 1000 || isNaN(data16)){
const err35 = {instancePath:instancePath+"/repeat",schemaPath:"#/properties/repeat/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data16 < 1 || isNaN(data16)){
const err36 = {instancePath:instancePath+"/repeat",schemaPath:"#/properties/repeat/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
if(data.backend !== undefined){
if(!(validate42(data.backend, {instancePath:instancePath+"/backend",parentData:data,parentDataProperty:"backend",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
if(data.executor !== undefined){
if(!(validate44(data.executor, {instancePath:instancePath+"/executor",parentData:data,parentDataProperty:"executor",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);
errors = vErrors.length;
}
}
if(data.figures !== undefined){
if(!(validate46(data.figures, {instancePath:instancePath+"/figures",parentData:data,parentDataProperty:"figures",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate46.errors : vErrors.concat(validate46.errors);
errors = vErrors.length;
}
}
}
else {
const err37 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

// flatbush, the `rtree` suite's JavaScript peer, on the data of `geotwin bench rtree`.
//
//   cd Benchmarks/peers && npm install flatbush@4.6.2     # measured with 4.6.2 (flatqueue 3.0.0)
//   node Benchmarks/peers/rtree_flatbush.mjs [--seed 42] [--size N] [--quick] [--cpu-time]
//   node Benchmarks/peers/rtree_flatbush.mjs --pairs 5 [--geotwin .build/release/geotwin] [--cpu-time]
//
// Without --pairs: builds the same boxes and queries as `geotwin bench rtree` (SplitMix64 from
// one seed: boxes seed, 1% windows seed + 1, 0.01% windows seed + 2, points seed + 3), times one
// round in this process and prints one JSON object like bench_peer.py: version, measures in ms
// (build, search 1%, search 0.01%, nearest 1, nearest 100) and a digest (hit counts, sums of
// neighbour distances) that `geotwin bench all --peers` compares with GeoTwin's.
//
// With --pairs N: runs `geotwin bench rtree --json --runs 1` (GEOS STRtree in its process) and
// this script's one-round mode alternately, each in a fresh process, N times; checks that the
// digests agree and prints the medians of every measure and the ratios flatbush / GeoTwin and
// GEOS / GeoTwin (> 1: GeoTwin is faster).
//
// --cpu-time measures the CPU time of the main thread (Linux /proc/thread-self/schedstat; GeoTwin
// takes the same flag) instead of wall time: steadier on a shared machine. flatbush's garbage
// collection on V8's helper threads is then not counted; wall time counts it.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const seed = BigInt(option('--seed') ?? 42);
const n = Number(option('--size') ?? (args.includes('--quick') ? 20000 : 1000000));
const cpuTime = args.includes('--cpu-time');
const pairs = option('--pairs');

let Flatbush, version;
try {
    Flatbush = (await import('flatbush')).default;
    // Newer flatbush exports only its entry point, so read package.json beside it.
    const entry = fileURLToPath(import.meta.resolve('flatbush'));
    version = JSON.parse(readFileSync(path.join(path.dirname(entry), 'package.json'), 'utf8')).version;
} catch {
    console.log(JSON.stringify({ skipped: 'flatbush is not installed (cd Benchmarks/peers && npm install flatbush)' }));
    process.exit(0);
}

if (pairs !== undefined) {
    alternate(Number(pairs));
} else {
    console.log(JSON.stringify(oneRound()));
}

// Milliseconds of wall time, or of this thread's CPU time with --cpu-time.
function clock() {
    if (!cpuTime) return performance.now();
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
}

// SplitMix64 as GeoTwin's `SplitMix64.nextUnit()`: a uniform double in [0, 1) with 53 bits.
function splitmix(s) {
    const MASK = (1n << 64n) - 1n;
    let state = s & MASK;
    return () => {
        state = (state + 0x9E3779B97F4A7C15n) & MASK;
        let z = state;
        z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
        z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
        z ^= z >> 31n;
        return Number(z >> 11n) * 2 ** -53;
    };
}

function oneRound() {
    // RTreeSuiteData: boxes with sides in [0, 1) whose lower-left corner is in [0, 99)^2.
    const boxes = new Float64Array(4 * n);
    const r = splitmix(seed);
    for (let i = 0; i < n; i++) {
        const x = r() * 99, y = r() * 99;
        boxes[4 * i] = x; boxes[4 * i + 1] = y;
        boxes[4 * i + 2] = x + r(); boxes[4 * i + 3] = y + r();
    }
    const windows = (count, side, s) => {
        const w = splitmix(s), out = [];
        for (let i = 0; i < count; i++) {
            const x = w() * (100 - side), y = w() * (100 - side);
            out.push([x, y, x + side, y + side]);
        }
        return out;
    };
    const p = splitmix(seed + 3n), points1 = [];
    for (let i = 0; i < 10000; i++) { const x = p() * 100; points1.push([x, p() * 100]); }
    const points100 = points1.slice(0, 1000);
    const distance = (i, x, y) => {
        const dx = Math.max(boxes[4 * i] - x, 0, x - boxes[4 * i + 2]);
        const dy = Math.max(boxes[4 * i + 1] - y, 0, y - boxes[4 * i + 3]);
        return Math.sqrt(dx * dx + dy * dy);
    };

    const measures = {}, digest = {};
    let t = clock();
    const index = new Flatbush(n, 16);
    for (let i = 0; i < n; i++) index.add(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
    index.finish();
    measures.build = clock() - t;
    for (const [label, list] of [['search 1%', windows(1000, 10, seed + 1n)], ['search 0.01%', windows(10000, 1, seed + 2n)]]) {
        let hits = 0;
        t = clock();
        for (const q of list) hits += index.search(q[0], q[1], q[2], q[3]).length;
        measures[label] = clock() - t;
        digest[`hits of ${label} windows`] = hits;
    }
    for (const [label, k, list] of [['nearest 1', 1, points1], ['nearest 100', 100, points100]]) {
        const found = [];
        t = clock();
        for (const q of list) found.push(index.neighbors(q[0], q[1], k));
        measures[label] = clock() - t;
        // Outside the timing: the sum of the distances found (ties may differ in index, not in distance).
        let sum = 0;
        found.forEach((ids, j) => { for (const i of ids) sum += distance(i, list[j][0], list[j][1]); });
        digest[`sum of distances of ${label}`] = sum;
    }
    // The index size is not a digest: `geotwin bench all --peers` checks digests for equality.
    return { peer: 'flatbush', version, bytes: index.data.byteLength, measures, digest };
}

function alternate(count) {
    const geotwin = option('--geotwin') ?? '.build/release/geotwin';
    const common = ['--seed', String(seed), '--size', String(n)].concat(cpuTime ? ['--cpu-time'] : []);
    const self = fileURLToPath(import.meta.url);
    const run = (cmd, cmdArgs) => {
        const start = performance.now();
        const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
        if (r.status !== 0) { console.error(`${cmd} failed:\n${r.stderr}`); process.exit(1); }
        return { json: JSON.parse(r.stdout), ms: performance.now() - start };
    };
    const names = ['build', 'search 1%', 'search 0.01%', 'nearest 1', 'nearest 100'];
    const ours = {}, theirs = {}, geos = {}, whole = { ours: [], theirs: [] };
    let lastOurs, lastTheirs;
    for (let i = 0; i < count; i++) {
        const a = run(geotwin, ['bench', 'rtree', '--json', '--runs', '1', ...common]);
        const b = run(process.execPath, [self, ...common]);
        whole.ours.push(a.ms); whole.theirs.push(b.ms);
        for (const m of a.json.measures) {
            (ours[m.name] ??= []).push(m.geotwin.median_ms);
            if (m.peer) (geos[m.name] ??= []).push(m.peer_timing?.median_ms);
        }
        for (const [name, ms] of Object.entries(b.json.measures)) (theirs[name] ??= []).push(ms);
        lastOurs = a.json; lastTheirs = b.json;
        console.error(`pair ${i + 1}: ` + names.map((k) => `${k} ${ours[k]?.at(-1)?.toFixed(1)} / ${theirs[k].at(-1).toFixed(1)}`).join(', '));
    }
    let agree = true;
    for (const [key, value] of Object.entries(lastTheirs.digest)) {
        const mine = lastOurs.digest[key];
        if (mine === undefined) continue;
        const ok = Math.abs(mine - value) <= 1e-9 * Math.max(1, Math.abs(mine));
        agree &&= ok;
        console.log(`${ok ? 'agree' : 'DIFFER'}: ${key}: GeoTwin ${mine}, flatbush ${value}`);
    }
    const median = (xs) => { const s = [...xs].sort((x, y) => x - y), h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
    console.log(`flatbush ${version}, node ${process.version}; ${n} boxes, ${count} alternating pairs, medians of ${cpuTime ? 'thread CPU' : 'wall'} ms`);
    console.log(['measure', 'GeoTwin', 'flatbush', 'ratio', 'GEOS', 'ratio'].map((s, j) => j ? s.padStart(10) : s.padEnd(16)).join(''));
    for (const name of [...names, 'search 1% (float32 boxes)']) {
        if (!ours[name]) continue;
        const o = median(ours[name]), t = theirs[name] && median(theirs[name]), g = geos[name]?.every((v) => v !== undefined) ? median(geos[name]) : undefined;
        const cell = (v, d = 1) => (v === undefined ? '' : v.toFixed(d)).padStart(10);
        console.log(name.padEnd(16).slice(0, 16) + cell(o) + cell(t) + cell(t && t / o, 2) + cell(g) + cell(g && g / o, 2));
    }
    console.log('whole process'.padEnd(16) + `${median(whole.ours).toFixed(0).padStart(10)}${median(whole.theirs).toFixed(0).padStart(10)}${(median(whole.theirs) / median(whole.ours)).toFixed(2).padStart(10)}  (wall ms, both from start to exit)`);
    if (!agree) process.exit(1);
}

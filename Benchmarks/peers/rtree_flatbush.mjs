// flatbush, the `rtree` suite's JavaScript peer, on the data of `geotwin bench rtree`.
//
//   cd Benchmarks/peers && npm install flatbush@4.4.0
//   node Benchmarks/peers/rtree_flatbush.mjs [--seed 42] [--size N] [--quick]
//
// Prints one JSON object like bench_peer.py: version, measures in ms (build, search 1%,
// search 0.01%) and the hit counts, which `geotwin bench all --peers` compares with GeoTwin's.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
let Flatbush, version;
try {
    Flatbush = (await import('flatbush')).default;
    version = require('flatbush/package.json').version;
} catch {
    console.log(JSON.stringify({ skipped: 'flatbush is not installed (cd Benchmarks/peers && npm install flatbush)' }));
    process.exit(0);
}

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const seed = BigInt(option('--seed') ?? 42);
const n = Number(option('--size') ?? (args.includes('--quick') ? 20000 : 1000000));

const MASK = (1n << 64n) - 1n;
function* splitmix(s) {
    let state = s;
    for (;;) {
        state = (state + 0x9E3779B97F4A7C15n) & MASK;
        let z = state;
        z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
        z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
        z ^= z >> 31n;
        yield Number(z >> 11n) * 2 ** -53;
    }
}

const boxes = new Float64Array(4 * n);
const r = splitmix(seed);
for (let i = 0; i < n; i++) {
    const x = r.next().value * 99, y = r.next().value * 99;
    boxes[4 * i] = x; boxes[4 * i + 1] = y;
    boxes[4 * i + 2] = x + r.next().value; boxes[4 * i + 3] = y + r.next().value;
}
const measures = {}, digest = {};
let t = performance.now();
const index = new Flatbush(n, 16);
for (let i = 0; i < n; i++) index.add(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
index.finish();
measures.build = performance.now() - t;
for (const [label, count, side, s] of [['search 1%', 1000, 10, seed + 1n], ['search 0.01%', 10000, 1, seed + 2n]]) {
    const w = splitmix(s), windows = [];
    for (let i = 0; i < count; i++) {
        const x = w.next().value * (100 - side), y = w.next().value * (100 - side);
        windows.push([x, y, x + side, y + side]);
    }
    let hits = 0;
    t = performance.now();
    for (const q of windows) hits += index.search(q[0], q[1], q[2], q[3]).length;
    measures[label] = performance.now() - t;
    digest[`hits of ${label} windows`] = hits;
}
console.log(JSON.stringify({ peer: 'flatbush', version, measures, digest }));

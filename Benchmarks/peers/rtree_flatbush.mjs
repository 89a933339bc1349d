// The `rtree` suite on flatbush (mourner/flatbush, JavaScript) under node: the same data and
// queries as `geotwin bench rtree` (1,000,000 boxes with sides up to 1 in a 100 x 100 square,
// SplitMix64 seed 42; 1,000 windows of 10 x 10 (seed 43), 10,000 of 1 x 1 (seed 44), 10,000
// points for the single nearest and the first 1,000 for the 100 nearest (seed 45)).
//
//     cd Benchmarks/peers && npm install flatbush@4.7.0 && node rtree_flatbush.mjs [--runs 5]
//
// Prints one JSON object with the medians (keys as `geotwin bench rtree --json`: build_ms,
// search_1pct_ms, search_001pct_ms, knn1_ms, knn100_ms, hits_1pct, hits_001pct). Run it
// alternately with `.build/release/geotwin bench rtree --json --runs 1 --no-geos` for ratios;
// the hit counts must equal GeoTwin's (11,239,867 and 2,278,187).
import Flatbush from 'flatbush';

const MASK = (1n << 64n) - 1n;
function* splitmixUnits(seed) {
    let state = BigInt(seed);
    for (;;) {
        state = (state + 0x9E3779B97F4A7C15n) & MASK;
        let z = state;
        z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
        z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
        z = z ^ (z >> 31n);
        yield Number(z >> 11n) * 2 ** -53;
    }
}

function take(gen, n) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = gen.next().value;
    return out;
}

const EXTENT = 100;
const count = 1_000_000;
const u = take(splitmixUnits(42), 4 * count);
const boxes = new Float64Array(4 * count);
for (let i = 0; i < count; i++) {
    const x = u[4 * i] * (EXTENT - 1), y = u[4 * i + 1] * (EXTENT - 1);
    boxes.set([x, y, x + u[4 * i + 2], y + u[4 * i + 3]], 4 * i);
}
function windows(n, side, seed) {
    const w = take(splitmixUnits(seed), 2 * n), out = [];
    for (let i = 0; i < n; i++) {
        const x = w[2 * i] * (EXTENT - side), y = w[2 * i + 1] * (EXTENT - side);
        out.push([x, y, x + side, y + side]);
    }
    return out;
}
const w1 = windows(1_000, 10, 43), w001 = windows(10_000, 1, 44);
const p = take(splitmixUnits(45), 20_000);
const points = [];
for (let i = 0; i < 10_000; i++) points.push([p[2 * i] * EXTENT, p[2 * i + 1] * EXTENT]);

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const samples = {build_ms: [], search_1pct_ms: [], search_001pct_ms: [], knn1_ms: [], knn100_ms: []};
let hits1 = 0, hits001 = 0;
const now = () => Number(process.hrtime.bigint()) / 1e6;
for (let r = 0; r < runs; r++) {
    let t = now();
    const index = new Flatbush(count, 16, Float64Array);
    for (let i = 0; i < count; i++) index.add(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
    index.finish();
    samples.build_ms.push(now() - t);
    t = now(); hits1 = 0;
    for (const w of w1) hits1 += index.search(w[0], w[1], w[2], w[3]).length;
    samples.search_1pct_ms.push(now() - t);
    t = now(); hits001 = 0;
    for (const w of w001) hits001 += index.search(w[0], w[1], w[2], w[3]).length;
    samples.search_001pct_ms.push(now() - t);
    t = now();
    for (const q of points) index.neighbors(q[0], q[1], 1);
    samples.knn1_ms.push(now() - t);
    t = now();
    for (const q of points.slice(0, 1_000)) index.neighbors(q[0], q[1], 100);
    samples.knn100_ms.push(now() - t);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const out = {hits_1pct: hits1, hits_001pct: hits001};
for (const [k, v] of Object.entries(samples)) out[k] = median(v);
console.log(JSON.stringify(out));

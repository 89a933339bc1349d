// Tests of 16 boxes at once against a query window, for the window search of GeoIndex's
// packed R-tree: the boxes of a group are stored as four runs of 16 floats (all minimum x, all
// minimum y, all maximum x, all maximum y), and each test answers with one bit per box. Inlined
// into the caller; SSE on x86-64 (part of its baseline), a plain loop elsewhere.
#ifndef GT_BOX_LANES_H
#define GT_BOX_LANES_H

#include <stdint.h>
#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

/// A query window as Float limits: `hx`, `hy` the maxima rounded down, `lx`, `ly` the minima
/// rounded up; `hx_out`... one Float step outside those.
typedef struct {
    float hx, hy, lx, ly;
    float hx_out, hy_out, lx_out, ly_out;
} gt_lane_window;

/// The tests of the 16 boxes of the group at `g` (16-byte aligned), one bit per box: bits 0-15,
/// boxes whose Float box meets the window (`min <= window max`, `max >= window min`); bits
/// 16-31, boxes that meet it with room to spare (strict compares). With `inside` (a constant at
/// every call, so the other branch is compiled away) also bits 32-47, boxes whose Float box lies
/// inside the window, and bits 48-63, boxes whose Float box reaches at most one Float step past
/// the window's edges (the true box may lie inside).
static inline __attribute__((always_inline)) uint64_t gt_lanes_test(const float *g, const gt_lane_window *w,
                                                                    int inside) {
    uint64_t maybe = 0, sure = 0, in = 0, open = 0;
#if defined(__SSE2__)
    const __m128 hx = _mm_set1_ps(w->hx), hy = _mm_set1_ps(w->hy);
    const __m128 lx = _mm_set1_ps(w->lx), ly = _mm_set1_ps(w->ly);
    for (int k = 0; k < 4; k++) {
        const __m128 a = _mm_load_ps(g + 4 * k), b = _mm_load_ps(g + 16 + 4 * k);
        const __m128 c = _mm_load_ps(g + 32 + 4 * k), d = _mm_load_ps(g + 48 + 4 * k);
        const __m128 m = _mm_and_ps(_mm_and_ps(_mm_cmple_ps(a, hx), _mm_cmple_ps(b, hy)),
                                    _mm_and_ps(_mm_cmpge_ps(c, lx), _mm_cmpge_ps(d, ly)));
        const __m128 s = _mm_and_ps(_mm_and_ps(_mm_cmplt_ps(a, hx), _mm_cmplt_ps(b, hy)),
                                    _mm_and_ps(_mm_cmpgt_ps(c, lx), _mm_cmpgt_ps(d, ly)));
        maybe |= (uint64_t)_mm_movemask_ps(m) << (4 * k);
        sure |= (uint64_t)_mm_movemask_ps(s) << (4 * k);
        if (inside) {
            const __m128 i = _mm_and_ps(_mm_and_ps(_mm_cmpge_ps(a, lx), _mm_cmpge_ps(b, ly)),
                                        _mm_and_ps(_mm_cmple_ps(c, hx), _mm_cmple_ps(d, hy)));
            const __m128 o = _mm_and_ps(_mm_and_ps(_mm_cmpge_ps(a, _mm_set1_ps(w->lx_out)), _mm_cmpge_ps(b, _mm_set1_ps(w->ly_out))),
                                        _mm_and_ps(_mm_cmple_ps(c, _mm_set1_ps(w->hx_out)), _mm_cmple_ps(d, _mm_set1_ps(w->hy_out))));
            in |= (uint64_t)_mm_movemask_ps(i) << (4 * k);
            open |= (uint64_t)_mm_movemask_ps(o) << (4 * k);
        }
    }
#else
    for (int j = 0; j < 16; j++) {
        const float a = g[j], b = g[16 + j], c = g[32 + j], d = g[48 + j];
        maybe |= (uint64_t)(a <= w->hx && b <= w->hy && c >= w->lx && d >= w->ly) << j;
        sure |= (uint64_t)(a < w->hx && b < w->hy && c > w->lx && d > w->ly) << j;
        if (inside) {
            in |= (uint64_t)(a >= w->lx && b >= w->ly && c <= w->hx && d <= w->hy) << j;
            open |= (uint64_t)(a >= w->lx_out && b >= w->ly_out && c <= w->hx_out && d <= w->hy_out) << j;
        }
    }
#endif
    return maybe | sure << 16 | in << 32 | open << 48;
}

#endif

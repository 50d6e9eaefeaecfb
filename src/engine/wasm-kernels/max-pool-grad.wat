;; MaxPoolGrad on four channels at a time (WebAssembly SIMD), with the semantics and the
;; rounding of maxPoolBackprop in max-pool-grad.ts, which stays the reference and the path
;; for channel counts that are not a multiple of 4. Assembled into
;; max-pool-grad-module.ts by scripts/build-wasm.mjs; a test fails when the two drift.
;;
;; Per image: a double accumulator of the image's size is zeroed; each output window,
;; in row-major output order, finds per channel the first strict maximum (starting from
;; -Infinity, so NaN and -Infinity never win) scanning its in-bounds cells row-major, and
;; adds its dy to that cell's double; the image's doubles are then rounded once to float32
;; and written over the image's x (which no later window reads). Same terms, same order,
;; same single rounding as the JS reference: bit-identical results.
;;
;; Layout (byte addresses in this module's memory, chosen by the caller):
;;   x    B*H*W*C float32, NHWC; overwritten by dx
;;   dy   B*OH*OW*C float32
;;   acc  H*W*C float64 (8-byte aligned)
(module
  (memory (export "memory") 1)
  (func (export "maxPoolGrad")
    (param $x i32) (param $dy i32) (param $acc i32)
    (param $B i32) (param $H i32) (param $W i32) (param $C i32)
    (param $OH i32) (param $OW i32) (param $sh i32) (param $sw i32)
    (param $fh i32) (param $fw i32) (param $padTop i32) (param $padLeft i32)
    (local $image i32) (local $b i32) (local $xb i32) (local $dyAt i32)
    (local $yR i32) (local $yC i32) (local $r0 i32) (local $r1 i32) (local $c0 i32) (local $c1 i32)
    (local $corner i32) (local $first i32) (local $d i32) (local $r i32) (local $c i32) (local $cell i32)
    (local $v v128) (local $m v128) (local $at v128) (local $mask v128) (local $w i32) (local $i i32)
    (local.set $image (i32.mul (i32.mul (local.get $H) (local.get $W)) (local.get $C)))
    (local.set $b (i32.const 0))
    (block $imagesDone
      (loop $images
        (br_if $imagesDone (i32.ge_s (local.get $b) (local.get $B)))
        (local.set $xb (i32.add (local.get $x) (i32.shl (i32.mul (local.get $b) (local.get $image)) (i32.const 2))))
        (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $image) (i32.const 3)))
        (local.set $yR (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_s (local.get $yR) (local.get $OH)))
            (local.set $corner (i32.sub (i32.mul (local.get $yR) (local.get $sh)) (local.get $padTop)))
            (local.set $r0 (select (local.get $corner) (i32.const 0) (i32.gt_s (local.get $corner) (i32.const 0))))
            (local.set $r1 (i32.add (local.get $corner) (local.get $fh)))
            (local.set $r1 (select (local.get $r1) (local.get $H) (i32.lt_s (local.get $r1) (local.get $H))))
            (local.set $yC (i32.const 0))
            (block $colsDone
              (loop $cols
                (br_if $colsDone (i32.ge_s (local.get $yC) (local.get $OW)))
                (local.set $corner (i32.sub (i32.mul (local.get $yC) (local.get $sw)) (local.get $padLeft)))
                (local.set $c0 (select (local.get $corner) (i32.const 0) (i32.gt_s (local.get $corner) (i32.const 0))))
                (local.set $c1 (i32.add (local.get $corner) (local.get $fw)))
                (local.set $c1 (select (local.get $c1) (local.get $W) (i32.lt_s (local.get $c1) (local.get $W))))
                (local.set $first (i32.mul (i32.add (i32.mul (local.get $r0) (local.get $W)) (local.get $c0)) (local.get $C)))
                ;; dy of this window: ((b*OH + yR)*OW + yC)*C floats in.
                (local.set $dyAt (i32.add (local.get $dy) (i32.shl
                  (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $yR)) (local.get $OW)) (local.get $yC)) (local.get $C))
                  (i32.const 2))))
                (local.set $d (i32.const 0))
                (block $channelsDone
                  (loop $channels
                    (br_if $channelsDone (i32.ge_s (local.get $d) (local.get $C)))
                    ;; The window's first in-bounds cell starts the scan where it beats -Infinity.
                    (local.set $v (v128.load (i32.add (local.get $xb) (i32.shl (i32.add (local.get $first) (local.get $d)) (i32.const 2)))))
                    (local.set $mask (f32x4.gt (local.get $v) (f32x4.splat (f32.const -inf))))
                    (local.set $m (v128.bitselect (local.get $v) (f32x4.splat (f32.const -inf)) (local.get $mask)))
                    (local.set $at (v128.bitselect
                      (i32x4.add (i32x4.splat (i32.add (local.get $first) (local.get $d))) (v128.const i32x4 0 1 2 3))
                      (i32x4.splat (i32.const -1))
                      (local.get $mask)))
                    (local.set $r (local.get $r0))
                    (block $cellRowsDone
                      (loop $cellRows
                        (br_if $cellRowsDone (i32.ge_s (local.get $r) (local.get $r1)))
                        (local.set $c (select (i32.add (local.get $c0) (i32.const 1)) (local.get $c0) (i32.eq (local.get $r) (local.get $r0))))
                        (block $cellColsDone
                          (loop $cellCols
                            (br_if $cellColsDone (i32.ge_s (local.get $c) (local.get $c1)))
                            (local.set $cell (i32.add (i32.mul (i32.add (i32.mul (local.get $r) (local.get $W)) (local.get $c)) (local.get $C)) (local.get $d)))
                            (local.set $v (v128.load (i32.add (local.get $xb) (i32.shl (local.get $cell) (i32.const 2)))))
                            ;; Only a strictly greater value takes over (the first maximum keeps ties).
                            (local.set $mask (f32x4.gt (local.get $v) (local.get $m)))
                            (local.set $m (v128.bitselect (local.get $v) (local.get $m) (local.get $mask)))
                            (local.set $at (v128.bitselect
                              (i32x4.add (i32x4.splat (local.get $cell)) (v128.const i32x4 0 1 2 3))
                              (local.get $at)
                              (local.get $mask)))
                            (local.set $c (i32.add (local.get $c) (i32.const 1)))
                            (br $cellCols)))
                        (local.set $r (i32.add (local.get $r) (i32.const 1)))
                        (br $cellRows)))
                    ;; Scatter the four channels' dy into their winners' doubles (-1: no winner).
                    (local.set $w (i32x4.extract_lane 0 (local.get $at)))
                    (if (i32.ge_s (local.get $w) (i32.const 0)) (then
                      (call $add (local.get $acc) (local.get $w) (f32.load offset=0 (i32.add (local.get $dyAt) (i32.shl (local.get $d) (i32.const 2)))))))
                    (local.set $w (i32x4.extract_lane 1 (local.get $at)))
                    (if (i32.ge_s (local.get $w) (i32.const 0)) (then
                      (call $add (local.get $acc) (local.get $w) (f32.load offset=4 (i32.add (local.get $dyAt) (i32.shl (local.get $d) (i32.const 2)))))))
                    (local.set $w (i32x4.extract_lane 2 (local.get $at)))
                    (if (i32.ge_s (local.get $w) (i32.const 0)) (then
                      (call $add (local.get $acc) (local.get $w) (f32.load offset=8 (i32.add (local.get $dyAt) (i32.shl (local.get $d) (i32.const 2)))))))
                    (local.set $w (i32x4.extract_lane 3 (local.get $at)))
                    (if (i32.ge_s (local.get $w) (i32.const 0)) (then
                      (call $add (local.get $acc) (local.get $w) (f32.load offset=12 (i32.add (local.get $dyAt) (i32.shl (local.get $d) (i32.const 2)))))))
                    (local.set $d (i32.add (local.get $d) (i32.const 4)))
                    (br $channels)))
                (local.set $yC (i32.add (local.get $yC) (i32.const 1)))
                (br $cols)))
            (local.set $yR (i32.add (local.get $yR) (i32.const 1)))
            (br $rows)))
        ;; Round each double once to float32, over the image's x.
        (local.set $i (i32.const 0))
        (block $roundDone
          (loop $round
            (br_if $roundDone (i32.ge_s (local.get $i) (local.get $image)))
            (f32.store (i32.add (local.get $xb) (i32.shl (local.get $i) (i32.const 2)))
              (f32.demote_f64 (f64.load (i32.add (local.get $acc) (i32.shl (local.get $i) (i32.const 3))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $round)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $images))))

  ;; acc[w] += dy, in double (dy widened exactly).
  (func $add (param $acc i32) (param $w i32) (param $dy f32)
    (local $p i32)
    (local.set $p (i32.add (local.get $acc) (i32.shl (local.get $w) (i32.const 3))))
    (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.promote_f32 (local.get $dy))))))

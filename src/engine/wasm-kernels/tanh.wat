;; tanh on four floats at a time (WebAssembly SIMD), bit for bit the function the stock
;; tfjs-backend-wasm Tanh kernel calls on each float: musl's tanhf, with the expm1f it
;; calls (both compiled into that kernel from Emscripten's musl). Each branch of the scalar
;; code is computed for all four lanes and the branch each lane would take is selected, so
;; every lane sees the same float operations, in the same order, as the scalar code.
;; Vectors whose four values are all small (|x| <= ln2/4) take a shorter path that computes
;; only the one branch such values reach ($tanhAbsSmall).
;; bench/tanh-exhaustive.ts compares the two on all 2^32 inputs. Assembled into
;; tanh-module.ts by `npm run wasm`; a test fails when the two drift.
;;
;; tanhf(x), with a = |x| and w its bits:
;;   w > 0x41200000 (|x| > 10, or NaN)   t = 1 + 0/a
;;   w > 0x3f0c9f54 (|x| > log(3)/2)     t = 1 - 2/(expm1f(2a) + 2)
;;   w > 0x3e82c578 (|x| > log(5/3)/2)   y = expm1f(2a);  t = y/(y + 2)
;;   w >= 0x00800000 (normal)            y = expm1f(-2a); t = -y/(y + 2)
;;   otherwise (subnormal or zero)        t = a
;;   result: t with x's sign.
;; expm1f is needed only on [-0.52, 20], where it takes four paths: |z| < 2^-25 (z itself),
;; |z| <= ln2/2 (k = 0), |z| < 1.5 ln2 (k = +-1, a fixed reduction) and the general
;; reduction k = (int)(z/ln2 + 0.5) for z up to 20 (k <= 29).
(module
  (memory (export "memory") 1)
  ;; Constants, splatted to four lanes once (a splat in the loop costs instructions per use).
  (global $absMask v128 (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))  ;; |x| bits
  (global $zeroI v128 (v128.const i32x4 0 0 0 0))
  (global $halfLn2Bits v128 (v128.const i32x4 0x3eb17218 0x3eb17218 0x3eb17218 0x3eb17218))  ;; 0.5 ln2
  (global $oneHalfLn2Bits v128 (v128.const i32x4 0x3f851592 0x3f851592 0x3f851592 0x3f851592))  ;; 1.5 ln2
  (global $invln2 v128 (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0))  ;; 1/ln2 (0x3fb8aa3b)
  (global $minusHalf v128 (v128.const f32x4 -0.5 -0.5 -0.5 -0.5))
  (global $half v128 (v128.const f32x4 0.5 0.5 0.5 0.5))
  (global $ln2hi v128 (v128.const f32x4 0x1.62e3p-1 0x1.62e3p-1 0x1.62e3p-1 0x1.62e3p-1))  ;; ln2_hi (0x3f317180)
  (global $ln2lo v128 (v128.const f32x4 0x1.2fefa2p-17 0x1.2fefa2p-17 0x1.2fefa2p-17 0x1.2fefa2p-17))  ;; ln2_lo (0x3717f7d1)
  (global $minusLn2lo v128 (v128.const f32x4 -0x1.2fefa2p-17 -0x1.2fefa2p-17 -0x1.2fefa2p-17 -0x1.2fefa2p-17))
  (global $minusOneI v128 (v128.const i32x4 -1 -1 -1 -1))
  (global $oneI v128 (v128.const i32x4 1 1 1 1))
  (global $one v128 (v128.const f32x4 1 1 1 1))
  (global $q1 v128 (v128.const f32x4 -0x1.1110dp-5 -0x1.1110dp-5 -0x1.1110dp-5 -0x1.1110dp-5))  ;; Q1 (-0x888868.0p-28)
  (global $q2 v128 (v128.const f32x4 0x1.9e6020p-10 0x1.9e6020p-10 0x1.9e6020p-10 0x1.9e6020p-10))  ;; Q2 (0xcf3010.0p-33)
  (global $three v128 (v128.const f32x4 3 3 3 3))
  (global $six v128 (v128.const f32x4 6 6 6 6))
  (global $bias v128 (v128.const i32x4 0x7f 0x7f 0x7f 0x7f))  ;; the float exponent bias
  (global $k23 v128 (v128.const i32x4 23 23 23 23))
  (global $twoI v128 (v128.const i32x4 2 2 2 2))
  (global $minusTwo v128 (v128.const f32x4 -2 -2 -2 -2))
  (global $two v128 (v128.const f32x4 2 2 2 2))
  (global $minusQuarter v128 (v128.const f32x4 -0.25 -0.25 -0.25 -0.25))
  (global $tinyBits v128 (v128.const i32x4 0x33000000 0x33000000 0x33000000 0x33000000))  ;; 2^-25
  (global $tenBits v128 (v128.const i32x4 0x41200000 0x41200000 0x41200000 0x41200000))  ;; 10
  (global $log3Bits v128 (v128.const i32x4 0x3f0c9f54 0x3f0c9f54 0x3f0c9f54 0x3f0c9f54))  ;; log(3)/2
  (global $log53Bits v128 (v128.const i32x4 0x3e82c578 0x3e82c578 0x3e82c578 0x3e82c578))  ;; log(5/3)/2
  (global $normalBits v128 (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000))  ;; 2^-126, the smallest normal
  (global $zero v128 (v128.const f32x4 0 0 0 0))
  (global $smallBits v128 (v128.const i32x4 0x3e317218 0x3e317218 0x3e317218 0x3e317218))  ;; ln2/4: 2|x| <= ln2/2
  (global $signMask v128 (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))

  ;; expm1f on four lanes, for lanes in [-0.52, 20] (others give unused values).
  (func $expm1 (param $z v128) (result v128)
    (local $hz v128) (local $neg v128) (local $red v128) (local $near v128)
    (local $hi v128) (local $lo v128) (local $k v128) (local $tk v128)
    (local $x v128) (local $c v128) (local $hfx v128) (local $hxs v128) (local $r1 v128)
    (local $t v128) (local $e v128) (local $r v128) (local $twopk v128) (local $twomk v128)
    (local.set $hz (v128.and (local.get $z) (global.get $absMask)))
    (local.set $neg (i32x4.lt_s (local.get $z) (global.get $zeroI)))
    ;; |z| > 0.5 ln2: reduced; |z| < 1.5 ln2 among those: k = +-1.
    (local.set $red (i32x4.gt_u (local.get $hz) (global.get $halfLn2Bits)))
    (local.set $near (i32x4.lt_u (local.get $hz) (global.get $oneHalfLn2Bits)))
    ;; General reduction: k = (int)(invln2*z + (z < 0 ? -0.5 : 0.5)), truncated.
    (local.set $k (i32x4.trunc_sat_f32x4_s (f32x4.add
      (f32x4.mul (global.get $invln2) (local.get $z))
      (v128.bitselect (global.get $minusHalf) (global.get $half) (local.get $neg)))))
    (local.set $tk (f32x4.convert_i32x4_s (local.get $k)))
    (local.set $hi (f32x4.sub (local.get $z) (f32x4.mul (local.get $tk) (global.get $ln2hi))))
    (local.set $lo (f32x4.mul (local.get $tk) (global.get $ln2lo)))
    ;; k = +-1: hi = z -+ ln2_hi, lo = +-ln2_lo.
    (local.set $hi (v128.bitselect
      (v128.bitselect
        (f32x4.add (local.get $z) (global.get $ln2hi))
        (f32x4.sub (local.get $z) (global.get $ln2hi))
        (local.get $neg))
      (local.get $hi) (local.get $near)))
    (local.set $lo (v128.bitselect
      (v128.bitselect (global.get $minusLn2lo) (global.get $ln2lo) (local.get $neg))
      (local.get $lo) (local.get $near)))
    (local.set $k (v128.bitselect
      (v128.bitselect (global.get $minusOneI) (global.get $oneI) (local.get $neg))
      (local.get $k) (local.get $near)))
    ;; Unreduced lanes: x = z, c = 0, k = 0.
    (local.set $x (f32x4.sub (local.get $hi) (local.get $lo)))
    (local.set $c (f32x4.sub (f32x4.sub (local.get $hi) (local.get $x)) (local.get $lo)))
    (local.set $x (v128.bitselect (local.get $x) (local.get $z) (local.get $red)))
    (local.set $c (v128.and (local.get $c) (local.get $red)))
    (local.set $k (v128.and (local.get $k) (local.get $red)))
    ;; The primary range.
    (local.set $hfx (f32x4.mul (global.get $half) (local.get $x)))
    (local.set $hxs (f32x4.mul (local.get $x) (local.get $hfx)))
    (local.set $r1 (f32x4.add (global.get $one)
      (f32x4.mul (local.get $hxs)
        (f32x4.add (global.get $q1) (f32x4.mul (local.get $hxs) (global.get $q2))))))
    (local.set $t (f32x4.sub (global.get $three) (f32x4.mul (local.get $r1) (local.get $hfx))))
    (local.set $e (f32x4.mul (local.get $hxs)
      (f32x4.div (f32x4.sub (local.get $r1) (local.get $t))
                 (f32x4.sub (global.get $six) (f32x4.mul (local.get $x) (local.get $t))))))
    ;; k = 0: x - (x*e - hxs).
    (local.set $r (f32x4.sub (local.get $x) (f32x4.sub (f32x4.mul (local.get $x) (local.get $e)) (local.get $hxs))))
    ;; k != 0: e = x*(e - c) - c; e -= hxs.
    (local.set $e (f32x4.sub
      (f32x4.sub (f32x4.mul (local.get $x) (f32x4.sub (local.get $e) (local.get $c))) (local.get $c))
      (local.get $hxs)))
    (local.set $twopk (i32x4.shl (i32x4.add (global.get $bias) (local.get $k)) (i32.const 23)))
    (local.set $twomk (i32x4.shl (i32x4.sub (global.get $bias) (local.get $k)) (i32.const 23)))
    ;; k >= 23: (x - (e + 2^-k) + 1) * 2^k; 2 <= k < 23: (x - e + (1 - 2^-k)) * 2^k.
    (local.set $r (v128.bitselect
      (f32x4.mul
        (f32x4.add (f32x4.sub (local.get $x) (f32x4.add (local.get $e) (local.get $twomk))) (global.get $one))
        (local.get $twopk))
      (local.get $r)
      (i32x4.ge_s (local.get $k) (global.get $k23))))
    (local.set $r (v128.bitselect
      (f32x4.mul
        (f32x4.add (f32x4.sub (local.get $x) (local.get $e)) (f32x4.sub (global.get $one) (local.get $twomk)))
        (local.get $twopk))
      (local.get $r)
      (v128.and (i32x4.ge_s (local.get $k) (global.get $twoI)) (i32x4.lt_s (local.get $k) (global.get $k23)))))
    ;; k = 1: x < -0.25 ? -2*(e - (x + 0.5)) : 1 + 2*(x - e).
    (local.set $r (v128.bitselect
      (v128.bitselect
        (f32x4.mul (global.get $minusTwo) (f32x4.sub (local.get $e) (f32x4.add (local.get $x) (global.get $half))))
        (f32x4.add (global.get $one) (f32x4.mul (global.get $two) (f32x4.sub (local.get $x) (local.get $e))))
        (f32x4.lt (local.get $x) (global.get $minusQuarter)))
      (local.get $r)
      (i32x4.eq (local.get $k) (global.get $oneI))))
    ;; k = -1: 0.5*(x - e) - 0.5.
    (local.set $r (v128.bitselect
      (f32x4.sub (f32x4.mul (global.get $half) (f32x4.sub (local.get $x) (local.get $e))) (global.get $half))
      (local.get $r)
      (i32x4.eq (local.get $k) (global.get $minusOneI))))
    ;; k = 0 keeps r; |z| < 2^-25 returns z.
    (v128.bitselect (local.get $z) (local.get $r) (i32x4.lt_u (local.get $hz) (global.get $tinyBits))))

  ;; tanhf(|x|) for four lanes: every branch computed, each lane's selected.
  (func $tanhAbs (param $a v128) (result v128)
    (local $w v128) (local $y v128) (local $t v128)
    (local $big v128) (local $mid v128) (local $small v128) (local $normal v128) (local $q v128)
    (local.set $w (local.get $a))
    (local.set $big (i32x4.gt_u (local.get $w) (global.get $tenBits)))
    (local.set $mid (i32x4.gt_u (local.get $w) (global.get $log3Bits)))
    (local.set $small (i32x4.gt_u (local.get $w) (global.get $log53Bits)))
    (local.set $normal (i32x4.ge_u (local.get $w) (global.get $normalBits)))
    ;; expm1f(2a) above log(5/3)/2, expm1f(-2a) below it.
    (local.set $y (call $expm1 (f32x4.mul (local.get $a)
      (v128.bitselect (global.get $two) (global.get $minusTwo) (local.get $small)))))
    ;; One division serves every branch, each lane dividing what its branch divides:
    ;; -y/(y + 2) (normal), y/(y + 2) (above log(5/3)/2), 2/(y + 2) (above log(3)/2),
    ;; 0/a (above 10, or NaN).
    (local.set $q (f32x4.div
      (v128.bitselect (global.get $zero)
        (v128.bitselect (global.get $two)
          (v128.bitselect (local.get $y) (f32x4.neg (local.get $y)) (local.get $small))
          (local.get $mid))
        (local.get $big))
      (v128.bitselect (local.get $a) (f32x4.add (local.get $y) (global.get $two)) (local.get $big))))
    ;; t = q (up to log(3)/2), 1 - q (to 10), 1 + q (above); a itself when subnormal or zero.
    (local.set $t (v128.bitselect
      (f32x4.add (global.get $one) (local.get $q))
      (v128.bitselect
        (f32x4.sub (global.get $one) (local.get $q))
        (v128.bitselect (local.get $q) (local.get $a) (local.get $normal))
        (local.get $mid))
      (local.get $big)))
    (local.get $t))

  ;; tanhf(|x|) for four lanes all at most 0x3e317218 (|x| <= ln2/4): the only branches
  ;; such values take are the subnormal one and expm1f(-2|x|) with k = 0 or |z| < 2^-25,
  ;; so only those are computed (the common case after initialisation). Same operations
  ;; per lane as $tanhAbs for these values.
  (func $tanhAbsSmall (param $a v128) (result v128)
    (local $z v128) (local $hfx v128) (local $hxs v128) (local $r1 v128) (local $u v128) (local $e v128) (local $y v128)
    (local.set $z (f32x4.mul (local.get $a) (global.get $minusTwo)))
    (local.set $hfx (f32x4.mul (global.get $half) (local.get $z)))
    (local.set $hxs (f32x4.mul (local.get $z) (local.get $hfx)))
    (local.set $r1 (f32x4.add (global.get $one)
      (f32x4.mul (local.get $hxs) (f32x4.add (global.get $q1) (f32x4.mul (local.get $hxs) (global.get $q2))))))
    (local.set $u (f32x4.sub (global.get $three) (f32x4.mul (local.get $r1) (local.get $hfx))))
    (local.set $e (f32x4.mul (local.get $hxs)
      (f32x4.div (f32x4.sub (local.get $r1) (local.get $u))
                 (f32x4.sub (global.get $six) (f32x4.mul (local.get $z) (local.get $u))))))
    ;; expm1f: z - (z*e - hxs), or z itself when |z| < 2^-25.
    (local.set $y (v128.bitselect
      (local.get $z)
      (f32x4.sub (local.get $z) (f32x4.sub (f32x4.mul (local.get $z) (local.get $e)) (local.get $hxs)))
      (i32x4.lt_u (v128.and (local.get $z) (global.get $absMask)) (global.get $tinyBits))))
    ;; -y/(y + 2) for normal |x|, |x| itself below.
    (v128.bitselect
      (f32x4.div (f32x4.neg (local.get $y)) (f32x4.add (local.get $y) (global.get $two)))
      (local.get $a)
      (i32x4.ge_u (local.get $a) (global.get $normalBits))))

  ;; out[i] = tanhf(in[i]) for i < n, n a multiple of 4 (the caller pads).
  (func (export "tanh") (param $in i32) (param $out i32) (param $n i32)
    (local $i i32) (local $v v128) (local $a v128) (local $t v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (v128.load (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $a (v128.and (local.get $v) (global.get $absMask)))
        (local.set $t (if (result v128) (i32x4.all_true (i32x4.le_u (local.get $a) (global.get $smallBits)))
          (then (call $tanhAbsSmall (local.get $a)))
          (else (call $tanhAbs (local.get $a)))))
        ;; x's sign: sign ? -t : t.
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (v128.xor (local.get $t) (v128.and (local.get $v) (global.get $signMask))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))))

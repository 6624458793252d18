;; The engine's float32 matrix products in WebAssembly SIMD (simd128), written by hand.
;; Built into kernelsModule.ts by scripts/build-wasm.mjs (npm run build:wasm); npm test checks
;; that the committed module is what this source compiles to.
;;
;; Matrices are row-major float32 in the engine's memory (imported, shared with the cell kernels
;; of assembly/): pointers are byte offsets, row strides are in floats, as in
;; src/engine/kernels.ts (gemmNT).
(module
  (import "env" "memory" (memory 1))

  ;; The sum of a vector's four lanes, in the order (l0 + l1) + (l2 + l3).
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; Σ_k p[k]·q[k] over K floats: four lanes at a time, then the tail one by one.
  (func $dot (param $p i32) (param $q i32) (param $K i32) (result f32)
    (local $k i32) (local $K4 i32) (local $s v128) (local $t f32)
    (local.set $K4 (i32.and (local.get $K) (i32.const -4)))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $k) (local.get $K4)))
      (local.set $s (f32x4.add (local.get $s)
        (f32x4.mul (v128.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2))))
                   (v128.load (i32.add (local.get $q) (i32.shl (local.get $k) (i32.const 2)))))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $vec)))
    (local.set $t (call $hsum (local.get $s)))
    (block $end (loop $tail
      (br_if $end (i32.ge_u (local.get $k) (local.get $K)))
      (local.set $t (f32.add (local.get $t)
        (f32.mul (f32.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2))))
                 (f32.load (i32.add (local.get $q) (i32.shl (local.get $k) (i32.const 2)))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $tail)))
    (local.get $t))

  ;; C[ptr] = v, or C[ptr] += v when accumulating.
  (func $put (param $ptr i32) (param $v f32) (param $acc i32)
    (f32.store (local.get $ptr)
      (select (f32.add (f32.load (local.get $ptr)) (local.get $v)) (local.get $v) (local.get $acc))))

  ;; C = A·Bᵀ (acc = 0) or C += A·Bᵀ (acc = 1): A is M×K (row stride lda), B is N×K (ldb),
  ;; C is M×N (ldc). Blocks of 2 rows of A by 4 rows of B keep 8 sums of f32x4 in registers:
  ;; per 4 k, 6 loads feed 8 vector multiply–adds. Edges go through $dot.
  (func (export "gemm_nt")
    (param $M i32) (param $N i32) (param $K i32)
    (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $acc i32)
    (local $m i32) (local $n i32) (local $k i32) (local $K4 i32) (local $off i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $c0 i32) (local $c1 i32) (local $x0 v128) (local $x1 v128) (local $y v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128) (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $t00 f32) (local $t01 f32) (local $t02 f32) (local $t03 f32) (local $t10 f32) (local $t11 f32) (local $t12 f32) (local $t13 f32)
    (local.set $K4 (i32.and (local.get $K) (i32.const -4)))
    ;; Strides in bytes from here on.
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (i32.add (local.get $m) (i32.const 1)) (local.get $M)))
      (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $lda))))
      (local.set $a1 (i32.add (local.get $a0) (local.get $lda)))
      (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $ldc))))
      (local.set $c1 (i32.add (local.get $c0) (local.get $ldc)))
      (local.set $n (i32.const 0))
      (block $cols_done (loop $cols
        (br_if $cols_done (i32.ge_u (i32.add (local.get $n) (i32.const 3)) (local.get $N)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $n) (local.get $ldb))))
        (local.set $b1 (i32.add (local.get $b0) (local.get $ldb)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $ldb)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $ldb)))
        (local.set $s00 (v128.const i32x4 0 0 0 0))
        (local.set $s01 (v128.const i32x4 0 0 0 0))
        (local.set $s02 (v128.const i32x4 0 0 0 0))
        (local.set $s03 (v128.const i32x4 0 0 0 0))
        (local.set $s10 (v128.const i32x4 0 0 0 0))
        (local.set $s11 (v128.const i32x4 0 0 0 0))
        (local.set $s12 (v128.const i32x4 0 0 0 0))
        (local.set $s13 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $k_done (loop $ks
          (br_if $k_done (i32.ge_u (local.get $k) (local.get $K4)))
          (local.set $off (i32.shl (local.get $k) (i32.const 2)))
          (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $off))))
          (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $off))))
          (local.set $y (v128.load (i32.add (local.get $b0) (local.get $off))))
          (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $b1) (local.get $off))))
          (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $b2) (local.get $off))))
          (local.set $s02 (f32x4.add (local.get $s02) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s12 (f32x4.add (local.get $s12) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $b3) (local.get $off))))
          (local.set $s03 (f32x4.add (local.get $s03) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $s13 (f32x4.add (local.get $s13) (f32x4.mul (local.get $x1) (local.get $y))))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br $ks)))
        (local.set $t00 (call $hsum (local.get $s00)))
        (local.set $t01 (call $hsum (local.get $s01)))
        (local.set $t02 (call $hsum (local.get $s02)))
        (local.set $t03 (call $hsum (local.get $s03)))
        (local.set $t10 (call $hsum (local.get $s10)))
        (local.set $t11 (call $hsum (local.get $s11)))
        (local.set $t12 (call $hsum (local.get $s12)))
        (local.set $t13 (call $hsum (local.get $s13)))
        ;; The tail of k, one by one.
        (block $tail_done (loop $tail
          (br_if $tail_done (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $off (i32.shl (local.get $k) (i32.const 2)))
          (local.set $t00 (f32.add (local.get $t00) (f32.mul (f32.load (i32.add (local.get $a0) (local.get $off))) (f32.load (i32.add (local.get $b0) (local.get $off))))))
          (local.set $t01 (f32.add (local.get $t01) (f32.mul (f32.load (i32.add (local.get $a0) (local.get $off))) (f32.load (i32.add (local.get $b1) (local.get $off))))))
          (local.set $t02 (f32.add (local.get $t02) (f32.mul (f32.load (i32.add (local.get $a0) (local.get $off))) (f32.load (i32.add (local.get $b2) (local.get $off))))))
          (local.set $t03 (f32.add (local.get $t03) (f32.mul (f32.load (i32.add (local.get $a0) (local.get $off))) (f32.load (i32.add (local.get $b3) (local.get $off))))))
          (local.set $t10 (f32.add (local.get $t10) (f32.mul (f32.load (i32.add (local.get $a1) (local.get $off))) (f32.load (i32.add (local.get $b0) (local.get $off))))))
          (local.set $t11 (f32.add (local.get $t11) (f32.mul (f32.load (i32.add (local.get $a1) (local.get $off))) (f32.load (i32.add (local.get $b1) (local.get $off))))))
          (local.set $t12 (f32.add (local.get $t12) (f32.mul (f32.load (i32.add (local.get $a1) (local.get $off))) (f32.load (i32.add (local.get $b2) (local.get $off))))))
          (local.set $t13 (f32.add (local.get $t13) (f32.mul (f32.load (i32.add (local.get $a1) (local.get $off))) (f32.load (i32.add (local.get $b3) (local.get $off))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $tail)))
        (call $put (i32.add (local.get $c0) (i32.shl (i32.add (local.get $n) (i32.const 0)) (i32.const 2))) (local.get $t00) (local.get $acc))
        (call $put (i32.add (local.get $c0) (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2))) (local.get $t01) (local.get $acc))
        (call $put (i32.add (local.get $c0) (i32.shl (i32.add (local.get $n) (i32.const 2)) (i32.const 2))) (local.get $t02) (local.get $acc))
        (call $put (i32.add (local.get $c0) (i32.shl (i32.add (local.get $n) (i32.const 3)) (i32.const 2))) (local.get $t03) (local.get $acc))
        (call $put (i32.add (local.get $c1) (i32.shl (i32.add (local.get $n) (i32.const 0)) (i32.const 2))) (local.get $t10) (local.get $acc))
        (call $put (i32.add (local.get $c1) (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2))) (local.get $t11) (local.get $acc))
        (call $put (i32.add (local.get $c1) (i32.shl (i32.add (local.get $n) (i32.const 2)) (i32.const 2))) (local.get $t12) (local.get $acc))
        (call $put (i32.add (local.get $c1) (i32.shl (i32.add (local.get $n) (i32.const 3)) (i32.const 2))) (local.get $t13) (local.get $acc))
        (local.set $n (i32.add (local.get $n) (i32.const 4)))
        (br $cols)))
      ;; The last N mod 4 columns of these two rows.
      (block $edge_done (loop $edge
        (br_if $edge_done (i32.ge_u (local.get $n) (local.get $N)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $n) (local.get $ldb))))
        (call $put (i32.add (local.get $c0) (i32.shl (local.get $n) (i32.const 2))) (call $dot (local.get $a0) (local.get $b0) (local.get $K)) (local.get $acc))
        (call $put (i32.add (local.get $c1) (i32.shl (local.get $n) (i32.const 2))) (call $dot (local.get $a1) (local.get $b0) (local.get $K)) (local.get $acc))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $edge)))
      (local.set $m (i32.add (local.get $m) (i32.const 2)))
      (br $rows)))
    ;; The last row when M is odd.
    (if (i32.lt_u (local.get $m) (local.get $M))
      (then
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $lda))))
        (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $ldc))))
        (local.set $n (i32.const 0))
        (block $last_done (loop $last
          (br_if $last_done (i32.ge_u (local.get $n) (local.get $N)))
          (call $put (i32.add (local.get $c0) (i32.shl (local.get $n) (i32.const 2)))
            (call $dot (local.get $a0) (i32.add (local.get $b) (i32.mul (local.get $n) (local.get $ldb))) (local.get $K)) (local.get $acc))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $last))))))
)

;; out[T×dout] = x[T×din]·w[din×dout] + b, all float32, row-major, in this module's memory (byte addresses; b = 0: no
;; bias). dout must be a multiple of 4. 128-bit SIMD: four rows × eight columns of sums stay in eight registers over
;; the whole input dimension, so each weight vector loaded serves four rows; single rows take sixteen columns at a time
;; (four independent sums, to hide the add latency). The JS register-blocked loop this replaces does one multiply-add
;; per instruction; this does four.
;;
;; Source of simdDenseBytes.ts: `node --import tsx scripts/build-wasm.ts` compiles it (wabt) and rewrites that file.
(module
  (memory (export "memory") 1)

  (func $bias (param $b i32) (param $j i32) (result v128)
    (if (result v128) (local.get $b)
      (then (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))))
      (else (v128.const i32x4 0 0 0 0))))

  (func (export "dense")
    (param $x i32) (param $T i32) (param $din i32) (param $w i32) (param $b i32) (param $dout i32) (param $out i32)
    (local $t i32) (local $j i32) (local $i i32) (local $dinB i32) (local $doutB i32)
    (local $xa i32) (local $wp i32) (local $op i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $c0 v128) (local $c1 v128) (local $e0 v128) (local $e1 v128) (local $f0 v128) (local $f1 v128)
    (local $w0 v128) (local $w1 v128) (local $s v128)
    (local.set $dinB (i32.shl (local.get $din) (i32.const 2)))
    (local.set $doutB (i32.shl (local.get $dout) (i32.const 2)))

    ;; Four rows at a time.
    (block $rows4done
      (loop $rows4
        (br_if $rows4done (i32.gt_s (i32.add (local.get $t) (i32.const 4)) (local.get $T)))
        (local.set $j (i32.const 0))
        ;; Eight columns: rows t..t+3 in (a0 a1) (c0 c1) (e0 e1) (f0 f1).
        (block $c8done
          (loop $c8
            (br_if $c8done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $dout)))
            (local.set $a0 (call $bias (local.get $b) (local.get $j)))
            (local.set $a1 (call $bias (local.get $b) (i32.add (local.get $j) (i32.const 4))))
            (local.set $c0 (local.get $a0)) (local.set $e0 (local.get $a0)) (local.set $f0 (local.get $a0))
            (local.set $c1 (local.get $a1)) (local.set $e1 (local.get $a1)) (local.set $f1 (local.get $a1))
            (local.set $xa (i32.add (local.get $x) (i32.mul (local.get $t) (local.get $dinB))))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $i (i32.const 0))
            (block $idone
              (loop $iloop
                (br_if $idone (i32.ge_s (local.get $i) (local.get $din)))
                (local.set $w0 (v128.load (local.get $wp)))
                (local.set $w1 (v128.load offset=16 (local.get $wp)))
                (local.set $s (v128.load32_splat (local.get $xa)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (i32.add (local.get $xa) (local.get $dinB))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (i32.add (local.get $xa) (i32.shl (local.get $dinB) (i32.const 1)))))
                (local.set $e0 (f32x4.add (local.get $e0) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $e1 (f32x4.add (local.get $e1) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (i32.add (local.get $xa) (i32.mul (local.get $dinB) (i32.const 3)))))
                (local.set $f0 (f32x4.add (local.get $f0) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $f1 (f32x4.add (local.get $f1) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $xa (i32.add (local.get $xa) (i32.const 4)))
                (local.set $wp (i32.add (local.get $wp) (local.get $doutB)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $iloop)))
            (local.set $op (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $dout)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $op) (local.get $a0))
            (v128.store offset=16 (local.get $op) (local.get $a1))
            (local.set $op (i32.add (local.get $op) (local.get $doutB)))
            (v128.store (local.get $op) (local.get $c0))
            (v128.store offset=16 (local.get $op) (local.get $c1))
            (local.set $op (i32.add (local.get $op) (local.get $doutB)))
            (v128.store (local.get $op) (local.get $e0))
            (v128.store offset=16 (local.get $op) (local.get $e1))
            (local.set $op (i32.add (local.get $op) (local.get $doutB)))
            (v128.store (local.get $op) (local.get $f0))
            (v128.store offset=16 (local.get $op) (local.get $f1))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $c8)))
        ;; A last group of four columns (dout mod 8 = 4).
        (if (i32.lt_s (local.get $j) (local.get $dout))
          (then
            (local.set $a0 (call $bias (local.get $b) (local.get $j)))
            (local.set $c0 (local.get $a0)) (local.set $e0 (local.get $a0)) (local.set $f0 (local.get $a0))
            (local.set $xa (i32.add (local.get $x) (i32.mul (local.get $t) (local.get $dinB))))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $i (i32.const 0))
            (block $idone4
              (loop $iloop4
                (br_if $idone4 (i32.ge_s (local.get $i) (local.get $din)))
                (local.set $w0 (v128.load (local.get $wp)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load32_splat (local.get $xa)) (local.get $w0))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (v128.load32_splat (i32.add (local.get $xa) (local.get $dinB))) (local.get $w0))))
                (local.set $e0 (f32x4.add (local.get $e0) (f32x4.mul (v128.load32_splat (i32.add (local.get $xa) (i32.shl (local.get $dinB) (i32.const 1)))) (local.get $w0))))
                (local.set $f0 (f32x4.add (local.get $f0) (f32x4.mul (v128.load32_splat (i32.add (local.get $xa) (i32.mul (local.get $dinB) (i32.const 3)))) (local.get $w0))))
                (local.set $xa (i32.add (local.get $xa) (i32.const 4)))
                (local.set $wp (i32.add (local.get $wp) (local.get $doutB)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $iloop4)))
            (local.set $op (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $dout)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $op) (local.get $a0))
            (local.set $op (i32.add (local.get $op) (local.get $doutB)))
            (v128.store (local.get $op) (local.get $c0))
            (local.set $op (i32.add (local.get $op) (local.get $doutB)))
            (v128.store (local.get $op) (local.get $e0))
            (local.set $op (i32.add (local.get $op) (local.get $doutB)))
            (v128.store (local.get $op) (local.get $f0))))
        (local.set $t (i32.add (local.get $t) (i32.const 4)))
        (br $rows4)))

    ;; The remaining rows one at a time: sixteen columns, then four.
    (block $rows1done
      (loop $rows1
        (br_if $rows1done (i32.ge_s (local.get $t) (local.get $T)))
        (local.set $j (i32.const 0))
        (block $c16done
          (loop $c16
            (br_if $c16done (i32.gt_s (i32.add (local.get $j) (i32.const 16)) (local.get $dout)))
            (local.set $a0 (call $bias (local.get $b) (local.get $j)))
            (local.set $a1 (call $bias (local.get $b) (i32.add (local.get $j) (i32.const 4))))
            (local.set $a2 (call $bias (local.get $b) (i32.add (local.get $j) (i32.const 8))))
            (local.set $a3 (call $bias (local.get $b) (i32.add (local.get $j) (i32.const 12))))
            (local.set $xa (i32.add (local.get $x) (i32.mul (local.get $t) (local.get $dinB))))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $i (i32.const 0))
            (block $idone16
              (loop $iloop16
                (br_if $idone16 (i32.ge_s (local.get $i) (local.get $din)))
                (local.set $s (v128.load32_splat (local.get $xa)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load (local.get $wp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $wp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $wp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $wp)))))
                (local.set $xa (i32.add (local.get $xa) (i32.const 4)))
                (local.set $wp (i32.add (local.get $wp) (local.get $doutB)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $iloop16)))
            (local.set $op (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $dout)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $op) (local.get $a0))
            (v128.store offset=16 (local.get $op) (local.get $a1))
            (v128.store offset=32 (local.get $op) (local.get $a2))
            (v128.store offset=48 (local.get $op) (local.get $a3))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $c16)))
        (block $c4done
          (loop $c4
            (br_if $c4done (i32.ge_s (local.get $j) (local.get $dout)))
            (local.set $a0 (call $bias (local.get $b) (local.get $j)))
            (local.set $xa (i32.add (local.get $x) (i32.mul (local.get $t) (local.get $dinB))))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $i (i32.const 0))
            (block $idone1
              (loop $iloop1
                (br_if $idone1 (i32.ge_s (local.get $i) (local.get $din)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load32_splat (local.get $xa)) (v128.load (local.get $wp)))))
                (local.set $xa (i32.add (local.get $xa) (i32.const 4)))
                (local.set $wp (i32.add (local.get $wp) (local.get $doutB)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $iloop1)))
            (v128.store (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $dout)) (local.get $j)) (i32.const 2))) (local.get $a0))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $c4)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rows1)))))

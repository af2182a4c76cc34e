/**
 * The bytes of a small WebAssembly module computing Keccak-f[1600] sponges, generated here from
 * the permutation's definition (FIPS 202 §3.2) rather than shipped as a binary.
 *
 * Exports `memory` and `absorb(blocks)`: the state lives in 25 locals (64-bit lanes, little-endian
 * as WebAssembly loads them), is zeroed, absorbs `blocks` padded 136-byte blocks starting at
 * `INPUT_OFFSET`, and the first 32 bytes of the final state are stored at offset 0 (keccak256).
 */

/** Where callers put the padded input. */
export const INPUT_OFFSET = 64;
/** keccak256's rate in bytes. */
export const RATE = 136;

const RHO: readonly (readonly number[])[] = [
  // RHO[x][y]: rotation of lane (x, y)
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
];

/** The 24 round constants: bits at positions 2^j - 1 from the degree-8 LFSR (FIPS 202 §3.2.5). */
function roundConstants(): bigint[] {
  const out: bigint[] = [];
  let r = 1;
  for (let round = 0; round < 24; round++) {
    let rc = 0n;
    for (let j = 0; j < 7; j++) {
      if (r & 1) rc |= 1n << BigInt((1 << j) - 1);
      r = r & 0x80 ? ((r << 1) ^ 0x71) & 0xff : r << 1;
    }
    out.push(rc);
  }
  return out;
}

const unsignedLeb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};

const signedLeb64 = (v: bigint): number[] => {
  let n = BigInt.asIntN(64, v);
  const out: number[] = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    const done = (n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
};

const OP = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i64Load: 0x29,
  i64Store: 0x37,
  i32Const: 0x41,
  i64Const: 0x42,
  i32Eqz: 0x45,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i64And: 0x83,
  i64Xor: 0x85,
  i64Rotl: 0x89,
} as const;

/** The function body: locals 0 = blocks (i32), 1 = pointer (i32), then i64 lanes and temps. */
function absorbBody(): number[] {
  const code: number[] = [];
  const BLOCKS = 0;
  const PTR = 1;
  const A = (x: number, y: number) => 2 + x + 5 * y; // state lanes
  const C = (x: number) => 27 + x; // column parities
  const B = (x: number, y: number) => 32 + x + 5 * y; // rotated lanes
  const D = 57;
  const get = (i: number) => code.push(OP.localGet, ...unsignedLeb(i));
  const set = (i: number) => code.push(OP.localSet, ...unsignedLeb(i));
  const i64 = (v: bigint) => code.push(OP.i64Const, ...signedLeb64(v));

  // lanes start at zero (locals are zero-initialised); pointer = INPUT_OFFSET
  code.push(OP.i32Const, ...signedLeb64(BigInt(INPUT_OFFSET)));
  set(PTR);
  code.push(OP.block, 0x40, OP.loop, 0x40);
  // if blocks == 0: leave
  get(BLOCKS);
  code.push(OP.i32Eqz, OP.brIf, 1);
  // absorb 17 lanes
  for (let i = 0; i < RATE / 8; i++) {
    const x = i % 5;
    const y = Math.floor(i / 5);
    get(A(x, y));
    get(PTR);
    code.push(OP.i64Load, 3, ...unsignedLeb(8 * i));
    code.push(OP.i64Xor);
    set(A(x, y));
  }
  // the permutation, unrolled
  for (const rc of roundConstants()) {
    for (let x = 0; x < 5; x++) {
      get(A(x, 0));
      for (let y = 1; y < 5; y++) {
        get(A(x, y));
        code.push(OP.i64Xor);
      }
      set(C(x));
    }
    for (let x = 0; x < 5; x++) {
      get(C((x + 4) % 5));
      get(C((x + 1) % 5));
      i64(1n);
      code.push(OP.i64Rotl, OP.i64Xor);
      set(D);
      for (let y = 0; y < 5; y++) {
        // B[y][2x+3y] = rotl(A[x][y] ^ D[x], RHO[x][y])
        get(A(x, y));
        get(D);
        code.push(OP.i64Xor);
        const r = RHO[x]![y]!;
        if (r !== 0) {
          i64(BigInt(r));
          code.push(OP.i64Rotl);
        }
        set(B(y, (2 * x + 3 * y) % 5));
      }
    }
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 5; x++) {
        // A[x][y] = B[x][y] ^ (~B[x+1][y] & B[x+2][y])
        get(B(x, y));
        get(B((x + 1) % 5, y));
        i64(-1n);
        code.push(OP.i64Xor);
        get(B((x + 2) % 5, y));
        code.push(OP.i64And, OP.i64Xor);
        set(A(x, y));
      }
    }
    get(A(0, 0));
    i64(rc);
    code.push(OP.i64Xor);
    set(A(0, 0));
  }
  // pointer += RATE; blocks -= 1; continue
  get(PTR);
  code.push(OP.i32Const, ...signedLeb64(BigInt(RATE)), OP.i32Add);
  set(PTR);
  get(BLOCKS);
  code.push(OP.i32Const, 1, OP.i32Sub);
  set(BLOCKS);
  code.push(OP.br, 0, OP.end, OP.end);
  // squeeze the first four lanes (32 bytes) to offset 0
  for (let i = 0; i < 4; i++) {
    code.push(OP.i32Const, 0);
    get(A(i, 0));
    code.push(OP.i64Store, 3, ...unsignedLeb(8 * i));
  }
  code.push(OP.end);
  // locals: 1 more i32 (the pointer), 56 i64 (25 lanes, 5 parities, 25 rotated lanes, D)
  const locals = [2, 1, 0x7f, 56, 0x7e];
  return [...unsignedLeb(locals.length + code.length), ...locals, ...code];
}

const section = (id: number, payload: number[]): number[] => [id, ...unsignedLeb(payload.length), ...payload];
const name = (s: string): number[] => [s.length, ...[...s].map((c) => c.charCodeAt(0))];

/** The module's bytes. */
export function keccakModuleBytes(): Uint8Array {
  const body = absorbBody();
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // "\0asm", version 1
    ...section(1, [1, 0x60, 1, 0x7f, 0]), // type 0: (i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, 1]), // one memory, at least one page
    ...section(7, [2, ...name("memory"), 0x02, 0, ...name("absorb"), 0x00, 0]),
    ...section(10, [1, ...body]),
  ]);
}

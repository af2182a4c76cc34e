/**
 * How many stack items each Constantinople opcode (plus CHAINID and SELFBALANCE) takes: what Go's
 * interpreter checks before running an instruction, and prints in "stack underflow (have <=> need)".
 */
const FIXED: Readonly<Record<number, number>> = {
  // arithmetic
  1: 2,
  2: 2,
  3: 2,
  4: 2,
  5: 2,
  6: 2,
  7: 2,
  8: 3,
  9: 3,
  10: 2,
  11: 2,
  // comparison and bitwise
  16: 2,
  17: 2,
  18: 2,
  19: 2,
  20: 2,
  21: 1,
  22: 2,
  23: 2,
  24: 2,
  25: 1,
  26: 2,
  27: 2,
  28: 2,
  29: 2,
  32: 2,
  // environment
  49: 1,
  53: 1,
  55: 3,
  57: 3,
  59: 1,
  60: 4,
  62: 3,
  63: 1,
  64: 1,
  // stack, memory, storage, flow
  80: 1,
  81: 1,
  82: 2,
  83: 2,
  84: 1,
  85: 2,
  86: 1,
  87: 2,
  // system
  240: 3,
  241: 7,
  242: 7,
  243: 2,
  244: 6,
  245: 4,
  250: 6,
  253: 2,
  255: 1,
};

/** Stack items `opcode` needs (0 for opcodes that take none). */
export function stackArity(opcode: number): number {
  if (opcode >= 0x80 && opcode <= 0x8f) return opcode - 0x7f; // DUPn
  if (opcode >= 0x90 && opcode <= 0x9f) return opcode - 0x8e; // SWAPn
  if (opcode >= 0xa0 && opcode <= 0xa4) return opcode - 0x9e; // LOGn
  return FIXED[opcode] ?? 0;
}

/**
 * An independent meter of Theta's gas rules (docs/interfaces.md §7.1) for straight-line Solidity 0.4
 * dispatch code: it interprets the opcodes the SquareCalculator uses and sums their costs
 * (constant cost per opcode, CODECOPY 3 + 3/word, memory expansion 3/word + words²/512, SLOAD 200, SSTORE 200 when
 * unchanged / 20000 from zero / 5000 otherwise). Tests compare the runtime's gas with it.
 */
const M = 2n ** 256n;
const COST: Record<number, number> = {
  0: 0,
  1: 3,
  2: 5,
  3: 3,
  4: 5,
  6: 5,
  16: 3,
  17: 3,
  20: 3,
  21: 3,
  22: 3,
  52: 2,
  57: 3,
  53: 3,
  54: 2,
  80: 2,
  81: 3,
  82: 3,
  84: 200,
  85: 0,
  86: 8,
  87: 10,
  91: 1,
  243: 0,
};

/** What a metered run gives: execution gas (without intrinsic gas) and the returned bytes. */
export interface Metered {
  readonly gas: bigint;
  readonly returned: Uint8Array;
}

const memCost = (words: number) => 3 * words + Math.floor((words * words) / 512);
const toWord = (v: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 31, x = v; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
};
const fromBytes = (b: Uint8Array) => b.reduce((a, x) => (a << 8n) | BigInt(x), 0n);

/** Meters `code` called with `calldata` and no value over `storage` (slot → value; updated). */
export function meter(code: Uint8Array, calldata: Uint8Array, storage: Map<bigint, bigint>): Metered {
  const st: bigint[] = [];
  let mem = new Uint8Array(0);
  let words = 0;
  let gas = 0;
  let pc = 0;
  const pop = () => st.pop() as bigint;
  const expand = (off: number, size: number) => {
    const need = Math.ceil((off + size) / 32);
    if (size === 0 || need <= words) return 0;
    const d = memCost(need) - memCost(words);
    words = need;
    const grown = new Uint8Array(need * 32);
    grown.set(mem);
    mem = grown;
    return d;
  };
  for (;;) {
    const op = code[pc] as number;
    pc++;
    if (op >= 0x60 && op <= 0x7f) {
      st.push(fromBytes(code.subarray(pc, pc + op - 0x5f)));
      pc += op - 0x5f;
      gas += 3;
      continue;
    }
    if (op >= 0x80 && op <= 0x8f) {
      st.push(st[st.length - (op - 0x7f)] as bigint);
      gas += 3;
      continue;
    }
    if (op >= 0x90 && op <= 0x9f) {
      const k = st.length - 1 - (op - 0x8f);
      [st[st.length - 1], st[k]] = [st[k] as bigint, st[st.length - 1] as bigint];
      gas += 3;
      continue;
    }
    const base = COST[op];
    if (base === undefined) throw new Error(`meter: opcode 0x${op.toString(16)} not covered`);
    gas += base;
    switch (op) {
      case 0x00:
        return { gas: BigInt(gas), returned: new Uint8Array(0) };
      case 0x01:
        st.push((pop() + pop()) % M);
        break;
      case 0x02:
        st.push((pop() * pop()) % M);
        break;
      case 0x03: {
        const a = pop();
        st.push((a - pop() + M) % M);
        break;
      }
      case 0x04: {
        const a = pop();
        const b = pop();
        st.push(b === 0n ? 0n : a / b);
        break;
      }
      case 0x06: {
        const a = pop();
        const b = pop();
        st.push(b === 0n ? 0n : a % b);
        break;
      }
      case 0x10: {
        const a = pop();
        const b = pop();
        st.push(a < b ? 1n : 0n);
        break;
      }
      case 0x11: {
        const a = pop();
        const b = pop();
        st.push(a > b ? 1n : 0n);
        break;
      }
      case 0x14: {
        const a = pop();
        const b = pop();
        st.push(a === b ? 1n : 0n);
        break;
      }
      case 0x15:
        st.push(pop() === 0n ? 1n : 0n);
        break;
      case 0x16:
        st.push(pop() & pop());
        break;
      case 0x34:
        st.push(0n);
        break;
      case 0x35: {
        const o = Number(pop());
        const padded = new Uint8Array(o + 32);
        padded.set(calldata.subarray(0, o + 32));
        st.push(fromBytes(padded.subarray(o, o + 32)));
        break;
      }
      case 0x36:
        st.push(BigInt(calldata.length));
        break;
      case 0x39: {
        const dest = Number(pop());
        const from = Number(pop());
        const size = Number(pop());
        gas += 3 * Math.ceil(size / 32) + expand(dest, size);
        const src = new Uint8Array(size);
        src.set(code.subarray(from, from + size));
        mem.set(src, dest);
        break;
      }
      case 0x50:
        pop();
        break;
      case 0x51: {
        const o = Number(pop());
        gas += expand(o, 32);
        st.push(fromBytes(mem.subarray(o, o + 32)));
        break;
      }
      case 0x52: {
        const o = Number(pop());
        const v = pop();
        gas += expand(o, 32);
        mem.set(toWord(v), o);
        break;
      }
      case 0x54:
        st.push(storage.get(pop()) ?? 0n);
        break;
      case 0x55: {
        const k = pop();
        const v = pop();
        const cur = storage.get(k) ?? 0n;
        gas += cur === v ? 200 : cur === 0n ? 20000 : 5000;
        storage.set(k, v);
        break;
      }
      case 0x56:
        pc = Number(pop());
        break;
      case 0x57: {
        const d = Number(pop());
        if (pop() !== 0n) pc = d;
        break;
      }
      case 0x5b:
        break;
      case 0xf3: {
        const o = Number(pop());
        const s = Number(pop());
        gas += expand(o, s);
        return { gas: BigInt(gas), returned: mem.slice(o, o + s) };
      }
    }
  }
}

/**
 * What a stored trie node references: the hashes of child nodes stored separately (32-byte
 * references) and the values in its leaves. Embedded children (encodings under 32 bytes) are part
 * of their parent and are walked inline. Node layouts are go-ethereum's: a branch has 17 items
 * (16 children and a value), a short node 2 (a hex-prefix path whose flag tells leaf from extension).
 */
import { isRlpList, type RlpItem, rlpDecode } from "@theta/core-types";

export interface NodeRefs {
  readonly children: Uint8Array[];
  readonly values: Uint8Array[];
}

function walk(item: RlpItem, out: NodeRefs): void {
  // Stryker disable next-line ConditionalExpression: a byte string walked as a list yields numbers, never a 32-byte reference or a value
  if (!isRlpList(item)) return;
  if (item.length === 17) {
    for (let i = 0; i < 16; i++) ref(item[i]!, out);
    const v = item[16]!;
    if (!isRlpList(v) && v.length > 0) out.values.push(v);
    return;
  }
  if (item.length === 2) {
    const path = item[0]!;
    const isLeaf = !isRlpList(path) && path.length > 0 && (path[0]! & 0x20) !== 0;
    if (isLeaf) {
      const v = item[1]!;
      if (!isRlpList(v)) out.values.push(v);
    } else {
      ref(item[1]!, out);
    }
  }
}

function ref(child: RlpItem, out: NodeRefs): void {
  if (isRlpList(child)) walk(child, out);
  else if (child.length === 32) out.children.push(child);
}

/** Child hashes and leaf values of a stored node's encoding. */
export function nodeRefs(encoded: Uint8Array): NodeRefs {
  const out: NodeRefs = { children: [], values: [] };
  walk(rlpDecode(encoded), out);
  return out;
}

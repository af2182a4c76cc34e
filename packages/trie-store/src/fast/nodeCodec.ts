/**
 * go-ethereum's node encoding (docs/ledger.md §9.1): a leaf or extension is the RLP list
 * [hex-prefix path, value or child reference], a branch the list of 16 child references and a
 * value. A child whose encoding is shorter than 32 bytes is embedded as is; a longer one is
 * referenced by the keccak256 of its encoding.
 */
import { isRlpList, type RlpItem, rlpDecode, ThetaError } from "@theta/core-types";
import { TrieStoreErrorCode } from "../errors.ts";
import { decodeHexPrefix, encodeHexPrefix } from "./nibbles.ts";
import {
  type BranchNode,
  branchNode,
  emptyChildren,
  extensionNode,
  hashNode,
  leafNode,
  NodeKind,
  type ResolvedNode,
  type TrieNode,
} from "./node.ts";

/** keccak256, injected (the crypto package's backend). */
export type Hasher = (data: Uint8Array) => Uint8Array;

const EMPTY_STRING = 0x80;

function lenOfLen(n: number): number {
  return n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
}

function stringSize(b: Uint8Array): number {
  if (b.length === 1 && b[0]! < 0x80) return 1;
  return b.length < 56 ? 1 + b.length : 1 + lenOfLen(b.length) + b.length;
}

function writeLength(out: Uint8Array, pos: number, len: number, short: number, long: number): number {
  if (len < 56) {
    out[pos] = short + len;
    return pos + 1;
  }
  const ll = lenOfLen(len);
  out[pos] = long + ll;
  for (let i = ll; i >= 1; i--) {
    out[pos + i] = len & 0xff;
    len >>>= 8;
  }
  return pos + 1 + ll;
}

function writeString(out: Uint8Array, pos: number, b: Uint8Array): number {
  if (b.length === 1 && b[0]! < 0x80) {
    out[pos] = b[0]!;
    return pos + 1;
  }
  const p = writeLength(out, pos, b.length, 0x80, 0xb7);
  out.set(b, p);
  return p + b.length;
}

/** Size of a child reference inside its parent: a 32-byte hash as a string, or the embedded node. */
const refSize = (ref: Uint8Array | undefined): number =>
  ref === undefined ? 1 : ref.length === 32 ? 33 : ref.length;

function writeRef(out: Uint8Array, pos: number, ref: Uint8Array | undefined): number {
  if (ref === undefined) {
    out[pos] = EMPTY_STRING;
    return pos + 1;
  }
  if (ref.length === 32) {
    out[pos] = 0xa0;
    out.set(ref, pos + 1);
    return pos + 33;
  }
  out.set(ref, pos);
  return pos + ref.length;
}

function listOf(payload: number, fill: (out: Uint8Array, pos: number) => void): Uint8Array {
  const header = payload < 56 ? 1 : 1 + lenOfLen(payload);
  const out = new Uint8Array(header + payload);
  fill(out, writeLength(out, 0, payload, 0xc0, 0xf7));
  return out;
}

/** The reference of `node` in its parent (hashing dirty descendants first and caching the result). */
export function nodeRef(node: TrieNode, hash: Hasher): Uint8Array {
  if (node.kind === NodeKind.Hash) return node.hash;
  if (node.ref !== undefined) return node.ref;
  const enc = encodeNode(node, hash);
  if (enc.length >= 32) {
    node.ref = hash(enc);
    node.enc = enc;
  } else {
    node.ref = enc;
  }
  return node.ref;
}

/** The RLP encoding of a node whose content is in memory. */
export function encodeNode(node: ResolvedNode, hash: Hasher): Uint8Array {
  if (node.enc !== undefined) return node.enc;
  if (node.kind === NodeKind.Leaf) {
    const hp = encodeHexPrefix(node.path, true);
    return listOf(stringSize(hp) + stringSize(node.value), (out, p) => {
      writeString(out, writeString(out, p, hp), node.value);
    });
  }
  if (node.kind === NodeKind.Extension) {
    const hp = encodeHexPrefix(node.path, false);
    const ref = nodeRef(node.child, hash);
    return listOf(stringSize(hp) + refSize(ref), (out, p) => {
      writeRef(out, writeString(out, p, hp), ref);
    });
  }
  return encodeBranch(node, hash);
}

function encodeBranch(node: BranchNode, hash: Hasher): Uint8Array {
  const refs: Array<Uint8Array | undefined> = [];
  let payload = node.value === undefined ? 1 : stringSize(node.value);
  for (let i = 0; i < 16; i++) {
    const c = node.children[i];
    const ref = c === undefined ? undefined : nodeRef(c, hash);
    refs.push(ref);
    payload += refSize(ref);
  }
  return listOf(payload, (out, p) => {
    for (let i = 0; i < 16; i++) p = writeRef(out, p, refs[i]);
    if (node.value === undefined) out[p] = EMPTY_STRING;
    else writeString(out, p, node.value);
  });
}

function malformed(what: string): never {
  throw new ThetaError(TrieStoreErrorCode.MalformedNode, `trie node: ${what}`);
}

function decodeChild(item: RlpItem): TrieNode | undefined {
  if (isRlpList(item)) return decodeItem(item);
  if (item.length === 0) return undefined;
  if (item.length === 32) return hashNode(item);
  return malformed(`child reference of ${item.length} bytes, expected 0, 32 or an embedded node`);
}

function decodeItem(item: readonly RlpItem[]): ResolvedNode {
  if (item.length === 17) {
    const children = emptyChildren();
    for (let i = 0; i < 16; i++) children[i] = decodeChild(item[i]!);
    const v = item[16]!;
    if (isRlpList(v)) malformed("branch value is a list, expected a string");
    return branchNode(children, v.length === 0 ? undefined : v, undefined, true);
  }
  if (item.length !== 2) malformed(`list of ${item.length} items, expected 2 or 17`);
  const [p, second] = item as [RlpItem, RlpItem];
  if (isRlpList(p)) malformed("path is a list, expected a hex-prefix string");
  const hp = decodeHexPrefix(p);
  if (hp === undefined) malformed("path has an invalid hex-prefix flag");
  if (hp.leaf) {
    if (isRlpList(second)) malformed("leaf value is a list, expected a string");
    return leafNode(hp.path, second, undefined, true);
  }
  if (hp.path.length === 0) malformed("extension with an empty path");
  const child = decodeChild(second);
  if (child === undefined || (child.kind !== NodeKind.Hash && child.kind !== NodeKind.Branch)) {
    malformed("extension child must be a branch or a hash reference");
  }
  return extensionNode(hp.path, child, undefined, true);
}

/**
 * Decodes a stored node. Throws ThetaError `TRIE_MALFORMED_NODE` (or an `RLP_*` code) for bytes
 * that are not a node encoding.
 */
export function decodeNode(bytes: Uint8Array): ResolvedNode {
  const item = rlpDecode(bytes);
  if (!isRlpList(item)) malformed("a string, expected a list");
  return decodeItem(item);
}

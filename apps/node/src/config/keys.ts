import {
  boolValue,
  choiceValue,
  heightValue,
  intValue,
  patternValue,
  stringValue,
  type ValueKind,
} from "./values.ts";

/**
 * `used`: this node reads the key today. `planned`: the key belongs to a part that is not wired
 * yet (chain, p2p, storage); it is validated now so config files keep working when it lands.
 * `accepted`: a reference key with no meaning here; validated and ignored.
 */
export type KeyStatus = "used" | "planned" | "accepted";

/** One config key: its value kind, default, whether it is ours, and a note. */
export interface KeySpec<T> {
  readonly kind: ValueKind<T>;
  readonly default: T;
  readonly status: KeyStatus;
  /** Added by this project (not a key of the Go reference). */
  readonly ours?: true;
  readonly note: string;
}

function key<T>(kind: ValueKind<T>, dflt: T, status: KeyStatus, note = "", ours?: true): KeySpec<T> {
  return ours === undefined
    ? { kind, default: dflt, status, note }
    : { kind, default: dflt, status, note, ours };
}

const LEVEL = "(panic|fatal|error|warn|info|debug)";
const LEVELS_RE = new RegExp(`^\\s*[^:,\\s]+\\s*:\\s*${LEVEL}\\s*(,\\s*[^:,\\s]+\\s*:\\s*${LEVEL}\\s*)*$`);
const HASH_RE = /^(0x[0-9a-fA-F]{64})?$/;
const u32 = 4_294_967_295;
const HOST_ENTRY = "\\*|(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?";
const ORIGIN_ENTRY = "\\*|null|([a-z][a-z0-9+.-]*|\\*)://[^/\\s?#,]+";
const IPV4 = "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
const IPV6 = "[0-9a-fA-F:.]*:[0-9a-fA-F:.]*";
const HOST_NAME = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";
const LISTEN_RE = new RegExp(`^(${IPV4}|${IPV6})$`);
const ANNOUNCE_RE = new RegExp(
  `^(|${IPV4}|\\[${IPV6}\\]|${HOST_NAME}|/(ip4|ip6|dns|dns4|dns6)/[^/\\s]+/tcp/\\d{1,5}(/p2p/\\w+)?)$`,
  "i",
);
/** A comma list of `entry` (case-insensitive, spaces around commas allowed, may be empty). */
const listRe = (entry: string): RegExp => new RegExp(`^\\s*((${entry})(\\s*,\\s*(${entry}))*)?\\s*$`, "i");

/**
 * Every config key, with the reference's defaults (docs/interfaces.md §3.3) except where this
 * project decided otherwise (rpc.address binds loopback by default), plus this project's own keys.
 */
export const CONFIG_KEYS = {
  "genesis.hash": key(
    patternValue(HASH_RE, '"0x" followed by 64 hex digits'),
    "",
    "used",
    "required for chains other than mainnet",
  ),
  "node.type": key(choiceValue([1, 2] as const), 1, "accepted", "1 blockchain node, 2 edge node"),
  "snapshot.force_validate": key(boolValue(), false, "planned"),
  "consensus.maxEpochLength": key(intValue(1), 12, "planned", "seconds; must exceed minBlockInterval"),
  "consensus.minBlockInterval": key(intValue(0), 6, "planned", "seconds"),
  "consensus.blockIntervalMs": key(
    intValue(0),
    0,
    "used",
    "block interval override in milliseconds; 0 keeps the chain profile's",
    true,
  ),
  "consensus.stallWarningBlocks": key(
    intValue(0),
    5,
    "used",
    "block intervals without a finalized block before the stall warning (repeated at that period); 0 turns it off",
    true,
  ),
  "consensus.maxTxsPerBlock": key(
    intValue(0),
    0,
    "used",
    "regular txs per proposed block (the coinbase and SlashTxs not counted); 0 keeps the chain profile's (512)",
    true,
  ),
  "consensus.messageQueueSize": key(intValue(1), 512, "planned"),
  "consensus.edgeNodeVoteQueueSize": key(intValue(1), 100000, "accepted"),
  "consensus.passThroughGuardianVote": key(boolValue(), false, "accepted"),
  "consensus.forceLastVote": key(boolValue(), false, "accepted"),
  "consensus.forceLastVoteTargetBlock": key(stringValue(), "", "accepted"),
  "consensus.forceLastVoteTargetHeight": key(heightValue(), 0n, "accepted"),
  "sync.messageQueueSize": key(intValue(1), 512, "planned"),
  "sync.downloadByHash": key(boolValue(), false, "accepted"),
  "sync.downloadByHeader": key(
    boolValue(),
    true,
    "used",
    "header-first sync of long gaps; false leaves every gap to the backward fetch by hash",
  ),
  "sync.fastsyncQuota": key(intValue(1), 8, "accepted"),
  "sync.outdatedVoteBlockGap": key(heightValue(), 100800n, "accepted"),
  "sync.forcedDownloadBlockHash": key(stringValue(), "", "accepted"),
  "sync.downloadBranchTimeGapInMilliseconds": key(intValue(0), 200, "accepted"),
  "sync.recoveryModeBlockGapThreshold": key(intValue(0), 4, "accepted"),
  "sync.inboundResponseWhitelist": key(stringValue(), "", "accepted", "comma list"),
  "storage.stateRollingEnabled": key(
    boolValue(),
    true,
    "accepted",
    "the reference's rolling DB; not used (decision 7)",
  ),
  "storage.statePruningEnabled": key(boolValue(), true, "used", "reference-counted pruning on/off"),
  "storage.statePruningInterval": key(intValue(1), 16, "planned", "blocks between pruning passes"),
  "storage.statePruningRetainedBlocks": key(
    intValue(1),
    2048,
    "used",
    "pruning window: state versions kept behind the finalized height",
  ),
  "storage.trieEngine": key(
    patternValue(/^(fast|mpt)$/, '"fast" or "mpt"'),
    "fast",
    "used",
    "state trie implementation: our fast trie, or @ethereumjs/mpt (the baseline)",
    true,
  ),
  "crypto.backend": key(
    patternValue(/^(native|noble)$/, '"native" or "noble"'),
    "native",
    "used",
    "secp256k1 and keccak: native (libsecp256k1, XKCP) or noble (pure JavaScript)",
    true,
  ),
  "crypto.signatureThreads": key(
    intValue(0, 64),
    1,
    "used",
    "worker threads that check a submitted tx's signatures before mempool admission (0: the main thread does)",
    true,
  ),
  "storage.statePruningSkipCheckpoints": key(boolValue(), true, "planned"),
  "storage.levelDBCacheSize": key(intValue(16), 256, "planned", "MiB"),
  "storage.levelDBHandles": key(intValue(16), 16, "planned"),
  "storage.rollingInterval": key(intValue(1), 14400, "accepted"),
  "p2p.opt": key(choiceValue([0, 1, 2] as const), 0, "accepted", "we always run libp2p (decision 6)"),
  "p2p.port": key(intValue(0, 65535), 50001, "used", "TCP port for libp2p"),
  "p2p.libp2pPort": key(intValue(0, 65535), 0, "accepted"),
  "p2p.seeds": key(stringValue(), "", "used", "comma list of host:port"),
  "p2p.listenAddress": key(
    patternValue(LISTEN_RE, "an IPv4 or IPv6 address (`0.0.0.0` or `::` for all interfaces)"),
    "0.0.0.0",
    "used",
    "the address libp2p listens on, with `p2p.port`",
    true,
  ),
  "p2p.announceAddress": key(
    patternValue(
      ANNOUNCE_RE,
      "empty, a host (IPv4, `[IPv6]` or name) or a `/ip4|ip6|dns*/…/tcp/…` multiaddr",
    ),
    "",
    "used",
    "the address advertised to peers instead of the listen addresses (a host keeps `p2p.port`); empty: the concrete listen addresses (packages/p2p/README.md, Discovery)",
    true,
  ),
  "p2p.minPeers": key(
    intValue(0, 1024),
    8,
    "used",
    "below this many connected peers the node asks its peers for theirs and dials them; 0: seeds only",
    true,
  ),
  "p2p.libp2pSeeds": key(stringValue(), "", "accepted", "comma list"),
  "p2p.name": key(stringValue(), "Anonymous", "planned"),
  "p2p.reuseStream": key(boolValue(), true, "accepted"),
  "p2p.seedPeerOnly": key(boolValue(), false, "planned"),
  "p2p.seedPeerOnlyOutbound": key(boolValue(), false, "accepted"),
  "p2p.isBootstrapNode": key(boolValue(), false, "accepted"),
  "p2p.minNumPeers": key(intValue(0), 32, "accepted", "see `p2p.minPeers`"),
  "p2p.maxNumPeers": key(intValue(0), 64, "planned"),
  "p2p.maxNumPeersToBroadcast": key(intValue(0), 64, "accepted"),
  "p2p.maxNumPersistentPeers": key(intValue(0), 10, "accepted"),
  "p2p.bufferPoolSize": key(intValue(1), 8, "accepted"),
  "p2p.connectionFIFO": key(boolValue(), false, "accepted"),
  "p2p.natMapping": key(boolValue(), false, "accepted"),
  "p2p.maxConnections": key(intValue(1), 2048, "planned"),
  "p2p.prioritizeSeedPeersForBlockSync": key(boolValue(), false, "accepted"),
  "p2p.sendRate": key(intValue(1), 512000, "accepted", "bytes/s"),
  "p2p.recvRate": key(intValue(1), 512000, "accepted", "bytes/s"),
  "p2p.sendBufferTimoutInSeconds": key(intValue(1), 10, "accepted"),
  "p2p.messageQueueSize": key(intValue(1), 512, "accepted"),
  "rpc.enabled": key(boolValue(), false, "used", "serve JSON-RPC"),
  "rpc.address": key(stringValue(), "127.0.0.1", "used", "bind address; the reference defaults to 0.0.0.0"),
  "rpc.port": key(intValue(0, 65535), 16888, "used"),
  "rpc.maxConnections": key(intValue(1), 200, "used"),
  "rpc.timeoutSecs": key(intValue(1), 60, "used", "per-request timeout (HTTP 503)"),
  "rpc.idleTimeoutSecs": key(intValue(1), 1, "used", "keep-alive idle timeout"),
  "rpc.maxBodyBytes": key(
    intValue(1, u32),
    4_194_304,
    "used",
    "request body limit (HTTP 413); also the largest WebSocket frame (close 1009)",
    true,
  ),
  "rpc.ethPort": key(
    intValue(0, 65535),
    0,
    "used",
    "a second port on `rpc.address` with the same methods for Ethereum tools: `POST /` and `/rpc`, WebSocket `/` and `/ws`; 0 is off (the Theta ETH RPC adaptor used 18888)",
    true,
  ),
  "rpc.allowedHosts": key(
    patternValue(listRe(HOST_ENTRY), "a comma list of host names, `*.domain` or `*`"),
    "",
    "used",
    "`Host` names accepted besides localhost, IP addresses and `rpc.address`; others get 403 (DNS rebinding guard); `*` accepts any",
    true,
  ),
  "rpc.allowedOrigins": key(
    patternValue(
      listRe(ORIGIN_ENTRY),
      "a comma list of origins (`scheme://host[:port]`, `*` matching any run of characters), `null` or `*`",
    ),
    "chrome-extension://*,moz-extension://*",
    "used",
    'browser `Origin`s allowed (CORS) besides pages on localhost, 127.0.0.1 and [::1]; others get 403; the default lets browser-extension wallets (MetaMask) in, the node holds no keys; `""` allows none, `*` any',
    true,
  ),
  "rpc.getBlocksHeavyQueryThreshold": key(intValue(1), 500, "used"),
  "rpc.maxHeavyGetBlocksQueryCount": key(intValue(1), 30, "used"),
  "log.levels": key(
    patternValue(LEVELS_RE, "a comma list of module:level (levels panic, fatal, error, warn, info, debug)"),
    "*:debug",
    "used",
    "`*` sets the default; without `*` the default is warn",
  ),
  "log.printSelfID": key(boolValue(), false, "accepted"),
  "guardian.roundLength": key(
    intValue(1),
    30,
    "used",
    "seconds between the guardian (and elite edge node) aggregate gossip rounds",
  ),
  "een.enabled": key(
    boolValue(),
    false,
    "used",
    "act as an elite edge node: vote for every finalized checkpoint with the node key's BLS key (every node aggregates EEN votes)",
    true,
  ),
  "metrics.server": key(
    stringValue(),
    "guardian-metrics.thetatoken.org",
    "accepted",
    "the reference's push target; not used",
  ),
  "metrics.enabled": key(boolValue(), true, "used", "serve Prometheus metrics at /metrics", true),
  "metrics.address": key(stringValue(), "127.0.0.1", "used", "metrics bind address", true),
  "metrics.port": key(intValue(0, 65535), 16890, "used", "metrics port", true),
  "prof.enabled": key(boolValue(), false, "accepted"),
  "gc.enabled": key(boolValue(), true, "accepted"),
  "debug.logSelectedEENPs": key(boolValue(), false, "accepted"),
} as const;

/** A config key name, dotted as in `config.yaml`. */
export type ConfigKey = keyof typeof CONFIG_KEYS;

/** The validated configuration, one typed member per dotted key. */
export type NodeConfig = {
  readonly [K in ConfigKey]: (typeof CONFIG_KEYS)[K] extends KeySpec<infer T> ? T : never;
};

/** Stable codes of the errors this package throws (configuration mistakes, never network input). */
export const P2pErrorCode = {
  BadChainId: "P2P_BAD_CHAIN_ID",
  BadSeed: "P2P_BAD_SEED",
  BadAnnounce: "P2P_BAD_ANNOUNCE",
  BadMinPeers: "P2P_BAD_MIN_PEERS",
  BadPenalty: "P2P_BAD_PENALTY",
  BadIdentity: "P2P_BAD_IDENTITY",
  BadChannel: "P2P_BAD_CHANNEL",
  BadWireMessage: "P2P_BAD_WIRE_MESSAGE",
  NotStarted: "P2P_NOT_STARTED",
} as const;

/** One of the {@link P2pErrorCode} values. */
export type P2pErrorCode = (typeof P2pErrorCode)[keyof typeof P2pErrorCode];

/**
 * `theta`, the node: config, composition root, LevelDB adapter, filesystem keystore, JSON-RPC server.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;

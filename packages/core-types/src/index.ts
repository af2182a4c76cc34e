/**
 * Data types of the Theta chain, strict RLP codecs, JSON (RPC) shapes and zod schemas, chain profiles as data, the error base.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;

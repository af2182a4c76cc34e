/** Theta's `vm_error` texts for the EVM's failure kinds (docs/interfaces.md §7.3). */
const TEXTS: Readonly<Record<string, string>> = {
  "out of gas": "out of gas",
  "code store out of gas": "contract creation code storage out of gas",
  "code size to deposit exceeds maximum code size": "evm: max code size exceeded",
  revert: "evm: execution reverted",
  "insufficient balance": "insufficient balance for transfer",
  "invalid JUMP": "invalid jump destination",
  "static state change": "evm: write protection",
  // Only a push onto a full stack overflows: Go reports the length (1024) and the limit.
  "stack overflow": "stack limit reached 1024 (1024)",
  "create collision": "contract address collision",
};

/** The Theta text for an @ethereumjs/evm error string; unknown kinds pass through unchanged. */
export function thetaVmError(evmError: string): string {
  return TEXTS[evmError] ?? evmError;
}

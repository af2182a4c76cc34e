// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

/// A counter with an owner-free increment, an event per change and a revert reason.
contract Counter {
    uint256 public count;

    event Incremented(address indexed by, uint256 amount, uint256 count);

    constructor(uint256 start) {
        count = start;
    }

    function increment(uint256 amount) external {
        require(amount > 0, "Counter: zero increment");
        count += amount;
        emit Incremented(msg.sender, amount, count);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

/// A tiny contract whose setter reverts with a custom error for callers other than the owner.
contract Guard {
    error NotOwner(address caller, uint256 code);

    address public immutable owner;
    uint256 public value;

    event ValueSet(address indexed by, uint256 value);

    constructor() {
        owner = msg.sender;
    }

    function set(uint256 v) external {
        if (msg.sender != owner) revert NotOwner(msg.sender, 42);
        value = v;
        emit ValueSet(msg.sender, v);
    }
}

// Deploys Counter on the `theta` network and exercises it through hardhat-ethers.
const { expect } = require("chai");
const hre = require("hardhat");

const { ethers } = hre;

describe("Counter on a Theta node", () => {
  let counter;
  let signer;

  before(async () => {
    [signer] = await ethers.getSigners();
  });

  it("talks to chain id 366 with a funded signer", async () => {
    const network = await ethers.provider.getNetwork();
    expect(network.chainId).to.equal(366n);
    expect(hre.network.name).to.equal("theta");
    // chai 4 compares numbers, not bigints.
    expect((await ethers.provider.getBalance(signer.address)) > 0n).to.equal(true);
  });

  it("deploys the contract at the CREATE address", async () => {
    const nonce = await ethers.provider.getTransactionCount(signer.address, "pending");
    counter = await ethers.deployContract("Counter", [10n]);
    await counter.waitForDeployment();
    const address = await counter.getAddress();
    expect(address).to.equal(ethers.getCreateAddress({ from: signer.address, nonce }));
    expect(await ethers.provider.getCode(address)).to.not.equal("0x");
    expect(await counter.count()).to.equal(10n);
  });

  it("sends a transaction that emits an event", async () => {
    const tx = await counter.increment(5n);
    const receipt = await tx.wait();
    expect(receipt.status).to.equal(1);
    expect(await counter.count()).to.equal(15n);
    const [event] = await counter.queryFilter(counter.filters.Incremented(), receipt.blockNumber);
    expect(event.args.by).to.equal(signer.address);
    expect(event.args.amount).to.equal(5n);
    expect(event.args.count).to.equal(15n);
  });

  // hardhat-ethers hands the node's JSON-RPC error through as Hardhat's ProviderError: code 3,
  // message "execution reverted: <reason>", data = the revert bytes, decoded with the ABI.
  it("reports the revert reason of a failing call", async () => {
    const reverted = async (p) => {
      try {
        await p;
      } catch (e) {
        return e;
      }
      expect.fail("increment(0) should revert");
    };
    for (const error of [
      await reverted(counter.increment.staticCall(0n)),
      await reverted(counter.increment.estimateGas(0n)),
    ]) {
      expect(error.code).to.equal(3);
      expect(error.message).to.contain("Counter: zero increment");
      const decoded = counter.interface.parseError(error.data);
      expect(decoded.name).to.equal("Error");
      expect(decoded.args[0]).to.equal("Counter: zero increment");
    }
  });
});

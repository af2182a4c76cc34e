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
    expect(await ethers.provider.getBalance(signer.address)).to.be.greaterThan(0n);
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

  it("reports the revert reason of a failing call", async () => {
    let error;
    try {
      await counter.increment.staticCall(0n);
    } catch (e) {
      error = e;
    }
    expect(error, "increment(0) should revert").to.not.equal(undefined);
    expect(error.reason).to.equal("Counter: zero increment");
    let estimateError;
    try {
      await counter.increment.estimateGas(0n);
    } catch (e) {
      estimateError = e;
    }
    expect(estimateError?.reason).to.equal("Counter: zero increment");
  });
});

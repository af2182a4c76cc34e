import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isThetaError, ThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { CONFIG_KEYS, type ConfigKey } from "../../src/config/keys.ts";
import { ConfigErrorCode, envNameOf, loadConfig } from "../../src/config/loadConfig.ts";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const PRIVATENET_CONFIG = `${REPO_ROOT}../shared/conformance/theta-privatenet/node/config.yaml`;

const fromYaml = (text: string) => loadConfig({ yaml: { text, file: "config.yaml" } });

/** The message of the ThetaError `fn` throws (fails the test if it throws anything else). */
function errorOf(fn: () => unknown, code: string = ConfigErrorCode.Invalid): string {
  try {
    fn();
  } catch (e) {
    expect(isThetaError(e, code)).toBe(true);
    return (e as ThetaError).message;
  }
  throw new Error("expected a ThetaError");
}

describe("loadConfig", () => {
  it("gives every key its default when nothing is set", () => {
    const cfg = loadConfig({});
    for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[])
      expect(cfg[key]).toBe(CONFIG_KEYS[key].default);
  });

  it("reads the reference privatenet config.yaml", () => {
    const cfg = loadConfig({
      yaml: { text: readFileSync(PRIVATENET_CONFIG, "utf8"), file: PRIVATENET_CONFIG },
    });
    expect(cfg["genesis.hash"]).toBe("0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a");
    expect(cfg["p2p.port"]).toBe(12000);
    expect(cfg["rpc.enabled"]).toBe(true);
  });

  it("accepts nested sections, dotted keys, a mix of both, and any key case", () => {
    const cfg = fromYaml("rpc:\n  port: 17000\n  timeoutsecs: 5\nrpc.enabled: true\nP2P.Seeds: a:1,b:2\n");
    expect(cfg["rpc.port"]).toBe(17000);
    expect(cfg["rpc.timeoutSecs"]).toBe(5);
    expect(cfg["rpc.enabled"]).toBe(true);
    expect(cfg["p2p.seeds"]).toBe("a:1,b:2");
  });

  it("takes numbers and booleans in their string forms, as viper does; a null value means unset", () => {
    const cfg = fromYaml(
      'rpc.port: "16888"\nrpc.enabled: "TRUE"\nsync.outdatedVoteBlockGap: "5"\np2p.name:\n',
    );
    expect(cfg["rpc.port"]).toBe(16888);
    expect(cfg["rpc.enabled"]).toBe(true);
    expect(cfg["sync.outdatedVoteBlockGap"]).toBe(5n);
    expect(cfg["p2p.name"]).toBe("Anonymous");
  });

  it("lets THETA_* environment variables override the file", () => {
    expect(envNameOf("storage.statePruningEnabled")).toBe("THETA_STORAGE_STATEPRUNINGENABLED");
    const cfg = loadConfig({
      yaml: { text: "rpc.port: 1\n", file: "config.yaml" },
      env: { THETA_RPC_PORT: "2", THETA_STORAGE_STATEPRUNINGENABLED: "false", THETA_NODE_PASSWORD: "x" },
    });
    expect(cfg["rpc.port"]).toBe(2);
    expect(cfg["storage.statePruningEnabled"]).toBe(false);
  });
});

describe("loadConfig errors name the key and what was expected", () => {
  it("an unknown key in a known section lists that section's keys", () => {
    const msg = errorOf(() => fromYaml("rpc:\n  prot: 1\n"));
    expect(msg).toContain('config key "rpc.prot" (config.yaml) is not a known key');
    expect(msg).toContain("known rpc.* keys: rpc.enabled");
  });

  it("an unknown section lists the sections", () => {
    const msg = errorOf(() => fromYaml("rcp.port: 1\n"));
    expect(msg).toContain('config key "rcp.port" (config.yaml) is not a known key; known sections: genesis');
  });

  const bad: ReadonlyArray<readonly [string, string, string]> = [
    ["rpc.port: 70000", "rpc.port", 'an integer from 0 to 65535, got "70000"'],
    ["rpc.port: abc", "rpc.port", 'an integer from 0 to 65535, got "abc"'],
    ["rpc.timeoutSecs: 1.5", "rpc.timeoutSecs", 'an integer ≥ 1, got "1.5"'],
    ["rpc.enabled: yes-please", "rpc.enabled", 'true or false, got "yes-please"'],
    ["node.type: 3", "node.type", 'one of 1, 2, got "3"'],
    ["genesis.hash: 0x12", "genesis.hash", '"0x" followed by 64 hex digits, got "0x12"'],
    ["log.levels: verbose", "log.levels", "a comma list of module:level"],
    ["consensus.forceLastVoteTargetHeight: -1", "consensus.forceLastVoteTargetHeight", "a block height"],
    ["p2p.name: [a]", "p2p.name", 'a string, got ["a"]'],
    ["storage.levelDBCacheSize: 8", "storage.levelDBCacheSize", 'an integer ≥ 16, got "8"'],
  ];
  for (const [yaml, key, expected] of bad) {
    it(`${yaml}`, () => {
      const msg = errorOf(() => fromYaml(`${yaml}\n`));
      expect(msg).toContain(`config key "${key}" (config.yaml): expected ${expected}`);
    });
  }

  it("the access lists take origins, hosts and wildcards; a path or a scheme-less origin is refused", () => {
    const cfg = loadConfig({
      env: {
        THETA_RPC_ALLOWEDORIGINS:
          "chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn, moz-extension://*,https://app.example.com:8443",
        THETA_RPC_ALLOWEDHOSTS: "node.example.com,*.lan",
        THETA_RPC_ETHPORT: "18888",
      },
    });
    expect(cfg["rpc.allowedOrigins"]).toContain("moz-extension://*");
    expect(cfg["rpc.allowedHosts"]).toBe("node.example.com,*.lan");
    expect(cfg["rpc.ethPort"]).toBe(18888);
    expect(fromYaml('rpc.allowedOrigins: "*"\n')["rpc.allowedOrigins"]).toBe("*");
    for (const bad of ["https://app.example.com/", "app.example.com", "https://a.com,,"]) {
      expect(errorOf(() => loadConfig({ env: { THETA_RPC_ALLOWEDORIGINS: bad } }))).toContain(
        'config key "rpc.allowedOrigins" (environment variable THETA_RPC_ALLOWEDORIGINS): expected a comma list of origins',
      );
    }
    expect(errorOf(() => fromYaml("rpc.allowedHosts: node.example.com:16888\n"))).toContain(
      'config key "rpc.allowedHosts" (config.yaml): expected a comma list of host names',
    );
  });

  it("an unquoted hash keeps its exact text", () => {
    const hash = "0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a";
    expect(fromYaml(`genesis.hash: ${hash}\n`)["genesis.hash"]).toBe(hash);
  });

  it("a bad environment value names the variable", () => {
    const msg = errorOf(() => loadConfig({ env: { THETA_RPC_MAXBODYBYTES: "lots" } }));
    expect(msg).toBe(
      'config key "rpc.maxBodyBytes" (environment variable THETA_RPC_MAXBODYBYTES): expected an integer from 1 to 4294967295, got "lots"',
    );
  });

  it("a key given both nested and dotted is an error", () => {
    expect(errorOf(() => fromYaml("rpc:\n  port: 1\nrpc.port: 2\n"))).toContain(
      'config key "rpc.port" (config.yaml) is given twice',
    );
  });

  it("a section given a scalar is an error", () => {
    expect(errorOf(() => fromYaml("rpc: 5\n"))).toContain(
      'config key "rpc" (config.yaml): expected a mapping of rpc.* keys',
    );
  });

  it("reports every problem at once", () => {
    const msg = errorOf(() => fromYaml("rpc.port: x\nfoo: 1\n"));
    expect(msg.split("\n")).toHaveLength(2);
  });

  it("malformed YAML, a duplicate YAML key or a non-mapping document is CONFIG_BAD_YAML", () => {
    expect(errorOf(() => fromYaml("rpc: [\n"), ConfigErrorCode.BadYaml)).toContain(
      "config.yaml is not valid YAML",
    );
    expect(errorOf(() => fromYaml("a: 1\na: 2\n"), ConfigErrorCode.BadYaml)).toContain("config.yaml");
    expect(errorOf(() => fromYaml("- 1\n"), ConfigErrorCode.BadYaml)).toContain("expected a mapping");
  });

  it("random documents either load or throw a ThetaError", () => {
    const keyName = fc.oneof(fc.constantFrom(...Object.keys(CONFIG_KEYS), "rpc", "p2p", "x.y"), fc.string());
    const doc = fc.dictionary(keyName, fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())));
    fc.assert(
      fc.property(
        fc.oneof(
          doc.map((d) => stringify(d)),
          fc.string(),
        ),
        (text) => {
          try {
            fromYaml(text);
          } catch (e) {
            if (!(e instanceof ThetaError)) throw e;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { specVectorSuite } from "../../../packages/crypto/test/specVectors.ts";
import { nativeBackend } from "../src/index.ts";

specVectorSuite(nativeBackend);

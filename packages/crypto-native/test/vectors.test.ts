import { specVectorSuite } from "../../crypto/test/specVectors.ts";
import { nativeBackend } from "../src/index.ts";

specVectorSuite(nativeBackend);

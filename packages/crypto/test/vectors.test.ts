import { nobleBackend } from "../src/index.ts";
import { specVectorSuite } from "./specVectors.ts";

specVectorSuite(nobleBackend);

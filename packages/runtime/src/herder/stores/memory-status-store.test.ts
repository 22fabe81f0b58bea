import { statusStoreContract } from "../../../test/status-store-contract.js";
import { MemoryStatusStore } from "./memory-status-store.js";

statusStoreContract("MemoryStatusStore", () => ({ create: () => new MemoryStatusStore() }));

import { offsetBackingStoreContract } from "../../test/offset-backing-store-contract.js";
import { MemoryOffsetBackingStore } from "./memory-offset-backing-store.js";

offsetBackingStoreContract("MemoryOffsetBackingStore", () => ({
  create: () => new MemoryOffsetBackingStore(),
  durable: false,
}));

import { connectorConfigStoreContract } from "../../../test/connector-config-store-contract.js";
import { MemoryConnectorConfigStore } from "./memory-connector-config-store.js";

connectorConfigStoreContract("MemoryConnectorConfigStore", () => ({
  create: () => new MemoryConnectorConfigStore(),
  durable: false,
}));

import type {
  ClientOptions,
  ConsumerOptions,
  GroupConsumer,
  GroupConsumerHandler,
  KafkaClients,
  KafkaProducer,
  OutgoingMessage,
  TransactionalProducer,
} from "../kafka/kafka-clients.js";

/** The connector of a task's client id: `connector-producer-<connector>-<task>` or `connector-consumer-…`. */
const TASK_CLIENT = /^connector-(?:producer|consumer)-(.+)-\d+$/;

/**
 * Kafka clients that report which topics each connector's tasks produce to and consume from (Kafka Connect's active
 * topics, `GET /connectors/{name}/topics`), recognising a task's clients by Kafka Connect's client ids
 * (`connector-producer-<connector>-<task>`, `connector-consumer-<connector>-<task>`). Other clients, such as the dead
 * letter queue's or the offset store's, are passed through untouched. `onTopic` is called once per topic and batch;
 * it must be quick and must not throw.
 */
export function activeTopicsClients(
  clients: KafkaClients,
  onTopic: (connector: string, topic: string) => void,
): KafkaClients {
  const connectorOf = (options: ClientOptions | undefined) => TASK_CLIENT.exec(options?.clientId ?? "")?.[1];
  const report = (connector: string, messages: readonly OutgoingMessage[]) => {
    let last: string | undefined;
    for (const message of messages) {
      // Batches mostly go to one topic: report each run of a topic once.
      if (message.topic === last) continue;
      last = message.topic;
      onTopic(connector, message.topic);
    }
  };
  return {
    producer(options?: ClientOptions): KafkaProducer {
      const producer = clients.producer(options);
      const connector = connectorOf(options);
      if (connector === undefined) return producer;
      return {
        send: (messages) => {
          report(connector, messages);
          return producer.send(messages);
        },
        close: () => producer.close(),
      };
    },
    async transactionalProducer(
      transactionalId: string,
      options?: ClientOptions,
    ): Promise<TransactionalProducer> {
      const producer = await clients.transactionalProducer(transactionalId, options);
      const connector = connectorOf(options);
      if (connector === undefined) return producer;
      return {
        transactionalId: producer.transactionalId,
        begin: () => producer.begin(),
        send: (messages) => {
          report(connector, messages);
          return producer.send(messages);
        },
        commit: () => producer.commit(),
        abort: () => producer.abort(),
        close: () => producer.close(),
      };
    },
    consumer(groupId: string, options?: ConsumerOptions): GroupConsumer {
      const consumer = clients.consumer(groupId, options);
      const connector = connectorOf(options);
      if (connector === undefined) return consumer;
      return {
        subscribe: (topics) => consumer.subscribe(topics),
        run: (handler: GroupConsumerHandler) =>
          consumer.run({
            onAssigned: (partitions) => handler.onAssigned(partitions),
            onRevoked: (partitions) => handler.onRevoked(partitions),
            onBatch: (messages, partition) => {
              onTopic(connector, partition.topic);
              return handler.onBatch(messages, partition);
            },
            onError: (error) => handler.onError(error),
          }),
        commit: (offsets) => consumer.commit(offsets),
        seek: (partition, offset) => consumer.seek(partition, offset),
        pause: (partitions) => consumer.pause(partitions),
        resume: (partitions) => consumer.resume(partitions),
        assignment: () => consumer.assignment(),
        close: () => consumer.close(),
      };
    },
    admin: (options) => clients.admin(options),
    readTopicToEnd: (...args) => clients.readTopicToEnd(...args),
    close: () => clients.close(),
  };
}

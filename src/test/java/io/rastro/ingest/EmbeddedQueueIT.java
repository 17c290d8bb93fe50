package io.rastro.ingest;

class EmbeddedQueueIT extends QueueContract {

  @Override
  String backend() {
    return "embedded";
  }
}

package io.rastro.archive.internal;

import io.rastro.platform.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Starts the scheduled archive run: {@code rastro.archive.schedule}, in UTC. */
@Component
class ArchiveSchedule {

  private static final Logger log = LoggerFactory.getLogger(ArchiveSchedule.class);

  private final Archiver archiver;

  ArchiveSchedule(Archiver archiver) {
    this.archiver = archiver;
  }

  @Scheduled(cron = "${rastro.archive.schedule:0 30 2 * * *}", zone = "UTC")
  void run() {
    try {
      var run = archiver.start();
      log.info("Started the scheduled archive run {}", run.id());
    } catch (ConflictException e) {
      log.info("Skipped the scheduled archive run: {}", e.getMessage());
    }
  }
}

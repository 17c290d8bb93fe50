package io.rastro.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The steps of the write and read pipeline, each timed on its own as {@code
 * rastro.pipeline.step{step=…}}, so that a profile of where an event's time goes needs no profiler:
 * check, enqueue, deduplicate, insert, status, outbox, relay, project.
 */
public final class PipelineStep {

  private PipelineStep() {}

  /** The timer of one step, such as {@code tracking.insert}; one call is one batch. */
  public static Timer timer(MeterRegistry meters, String step) {
    return Timer.builder("rastro.pipeline.step")
        .description("Time spent in one step of the pipeline, per call (a call handles a batch)")
        .tag("step", step)
        .register(meters);
  }
}

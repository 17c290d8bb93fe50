package io.rastro.analytics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks the analytics components, which an instance leaves out with {@code
 * rastro.analytics.enabled=false}: of several instances, one loads the embedded engine.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(
    name = "rastro.analytics.enabled",
    havingValue = "true",
    matchIfMissing = true)
public @interface AnalyticsEnabled {}

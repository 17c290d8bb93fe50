package io.rastro.shipmentview;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where queries read.
 *
 * @param replicas JDBC URLs of PostgreSQL streaming replicas of the read database, with the
 *     datasource's credentials: each request's reads go to one of the healthy ones in turn, and to
 *     the read database itself when none is healthy; none by default
 * @param healthCheckInterval how often each replica is checked
 * @param replicaWait how long a query whose {@code X-Rastro-Min-Position} a replica has not
 *     replayed yet waits for it before the read database answers instead (within {@code
 *     rastro.read-model.max-wait})
 */
@ConfigurationProperties("rastro.query")
public record QueryProperties(
    @DefaultValue({}) List<String> replicas,
    @DefaultValue("1s") Duration healthCheckInterval,
    @DefaultValue("300ms") Duration replicaWait) {}

package io.rastro.platform.web;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's refusals answer like Rastro's. An encoded slash or backslash ({@code %2F}, {@code %5C})
 * in a path goes on to Spring Security's firewall, which refuses it with a problem+json {@code 400}
 * like every other refusal; Tomcat would refuse it itself, with an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class TomcatRefusals {

  @Bean
  TomcatContextCustomizer problemReportValve() {
    return context ->
        ((StandardHost) context.getParent())
            .setErrorReportValveClass(ProblemReportValve.class.getName());
  }

  @Bean
  TomcatConnectorCustomizer encodedSlashesReachTheFirewall() {
    return connector -> {
      connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
      connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    };
  }
}

package io.rastro;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Starts Rastro: every module, in the role its configuration selects ({@code rastro.role}; {@link
 * RoleLayout} says what each role runs). {@code @SpringBootApplication}, spelled out to add the
 * role's filter to the component scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
    excludeFilters = {
      @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
      @ComponentScan.Filter(
          type = FilterType.CUSTOM,
          classes = AutoConfigurationExcludeFilter.class),
      @ComponentScan.Filter(type = FilterType.CUSTOM, classes = RoleLayout.class)
    })
@ConfigurationPropertiesScan
public class RastroApplication {
  public static void main(String[] args) {
    SpringApplication.run(RastroApplication.class, args);
  }
}

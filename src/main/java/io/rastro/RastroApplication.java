package io.rastro;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Rastro: every module, in the roles its configuration selects. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RastroApplication {
  public static void main(String[] args) {
    SpringApplication.run(RastroApplication.class, args);
  }
}

package io.rastro.security.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document says how to authenticate, so that its UI can send a key. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  @Bean
  OpenAPI rastroOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Rastro")
                .description("Shipment tracking: commands answer 202, queries read the read model")
                .version("v1"))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API key: Authorization: Bearer rastro_…; public tracking needs"
                                + " none")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}

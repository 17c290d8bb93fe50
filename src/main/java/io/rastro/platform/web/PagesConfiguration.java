package io.rastro.platform.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: the browser's (Accept-Language), unless the visitor chose one with {@code
 * ?lang=es} or {@code ?lang=en}, which a cookie remembers. Pages exist in English and Spanish.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

  @Bean
  LocaleResolver localeResolver() {
    var resolver = new CookieLocaleResolver("rastro-lang");
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieSameSite("Lax");
    resolver.setDefaultLocaleFunction(
        request ->
            request.getLocale() != null && request.getLocale().getLanguage().equals("es")
                ? Locale.forLanguageTag("es")
                : Locale.ENGLISH);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    var change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }
}

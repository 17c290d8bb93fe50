package io.rastro.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An ISO 3166-1 alpha-2 country code in upper case, such as {@code ES}; null is valid. */
@Documented
@Constraint(validatedBy = CountryCode.Validator.class)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
@Retention(RetentionPolicy.RUNTIME)
public @interface CountryCode {

  String message() default "must be an ISO 3166-1 alpha-2 country code, such as ES or MX";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the code against the JDK's list of ISO 3166-1 alpha-2 codes. */
  class Validator implements ConstraintValidator<CountryCode, String> {

    private static final Set<String> CODES =
        Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
      return value == null || CODES.contains(value);
    }
  }
}

package dev.sockets.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.util.unit.DataSize;

/**
 * A {@link DataSize} of at least one byte.
 */
@Documented
@Constraint(validatedBy = PositiveSize.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveSize {

	String message() default "must be a positive size, e.g. 8KB";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PositiveSize, DataSize> {

		@Override
		public boolean isValid(DataSize value, ConstraintValidatorContext context) {
			return value == null || value.toBytes() > 0;
		}

	}

}

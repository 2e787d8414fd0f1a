package cn.hongqiao.samecity.defaults.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The fields a list may be sorted by: a {@code sort} parameter is one of them, optionally followed
 * by {@code ,asc} or {@code ,desc}; anything else is a 400 naming the parameter. The one place
 * that says so: {@link Paging} sorts by it and the API document lists the values as an enum.
 */
@Documented
@Constraint(validatedBy = Sortable.Validator.class)
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Sortable {

    /** The fields, as the API spells them. */
    String[] value();

    String message() default "{rule.sort-field}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Sortable, String> {

        private Set<String> fields;

        @Override
        public void initialize(Sortable sortable) {
            fields = Set.of(sortable.value());
        }

        @Override
        public boolean isValid(String sort, ConstraintValidatorContext context) {
            if (sort == null || sort.isBlank()) {
                return true;
            }
            String[] parts = sort.split(",", -1);
            return parts.length <= 2 && fields.contains(parts[0].trim())
                    && (parts.length == 1 || parts[1].trim().equalsIgnoreCase("asc") || parts[1].trim().equalsIgnoreCase("desc"));
        }
    }
}

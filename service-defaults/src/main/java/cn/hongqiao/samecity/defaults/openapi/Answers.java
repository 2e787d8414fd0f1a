package cn.hongqiao.samecity.defaults.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint answers beyond what its signature shows, for the API document: its success
 * status, the headers it sets, and the problem codes it may answer besides those every endpoint of
 * its kind may (validation, authentication, roles, not found, versions: the document adds those
 * from the method itself). Each code's status comes from the problem catalogue.
 *
 * <pre>{@code
 * @PostMapping
 * @Answers(status = 201, headers = { LOCATION, ETAG }, problems = "already-exists")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Answers {

    String LOCATION = "Location";
    String ETAG = "ETag";

    /** The success status: 200, or 201 when something is created. */
    int status() default 200;

    /** Further success statuses with the same body (200 when a repeated submission answers the first one). */
    int[] alsoStatus() default {};

    /** Headers of the success answer: {@link #LOCATION} (the new resource), {@link #ETAG} (its version, for {@code If-Match}). */
    String[] headers() default {};

    /** Problem codes this endpoint may answer beyond the ones inferred from it ({@code illegal-stage-transition}...). */
    String[] problems() default {};
}

package cn.hongqiao.samecity.defaults.problem;

/** One invalid field of a request, as listed in a 400 problem's {@code errors} member. */
public record FieldError(String field, String message) {
}

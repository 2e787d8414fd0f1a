package cn.hongqiao.samecity.defaults.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by a domain type when a command is well-formed but the current state forbids it (an
 * illegal stage move, a unit held by someone else). Plain Java; answered as a 409 problem of its
 * {@code code}, worded by {@code problem.<code>.*} with the arguments, whose extra members
 * ({@code allowed}, {@code currentStatus}...) say what would be possible.
 */
public class StateConflict extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;
    private final transient Map<String, Object> details;

    public StateConflict(String code, Map<String, ?> details, Object... arguments) {
        super(code + " " + details);
        this.code = code;
        this.arguments = arguments;
        this.details = new LinkedHashMap<>(details);
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments;
    }

    public Map<String, Object> details() {
        return details;
    }
}

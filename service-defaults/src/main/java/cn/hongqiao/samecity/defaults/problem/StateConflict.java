package cn.hongqiao.samecity.defaults.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by a domain type when a command is well-formed but the current state forbids it (an
 * illegal stage move, a unit held by someone else). Plain Java; answered as a 409 problem whose
 * extra members ({@code allowed}, {@code heldBy}...) say what would be possible.
 */
public class StateConflict extends RuntimeException {

    private final String title;
    private final Map<String, Object> details;

    public StateConflict(String title, String detail, Map<String, ?> details) {
        super(detail);
        this.title = title;
        this.details = new LinkedHashMap<>(details);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> details() {
        return details;
    }
}

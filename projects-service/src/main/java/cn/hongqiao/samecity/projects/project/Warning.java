package cn.hongqiao.samecity.projects.project;

import java.time.LocalDate;
import java.util.List;

/**
 * A project's delay warning (亮灯): its colour and every reason for it, as evaluated on a day.
 * GREEN has no reasons.
 */
public record Warning(Colour colour, List<Reason> reasons, LocalDate asOf) {

    public enum Colour {
        GREEN("绿灯"), YELLOW("黄灯"), RED("红灯");

        private final String label;

        Colour(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One reason: a stable code for portals, the colour it alone would give, and words. */
    public record Reason(String code, Colour colour, String message) {
    }

    public Warning {
        reasons = List.copyOf(reasons);
    }

    public static Warning of(List<Reason> reasons, LocalDate asOf) {
        Colour colour = reasons.stream().map(Reason::colour).max(Enum::compareTo).orElse(Colour.GREEN);
        return new Warning(colour, reasons, asOf);
    }
}

package cn.hongqiao.samecity.defaults;

/**
 * Start-up refused because something the platform cannot guess is missing. Reported by
 * {@link PlatformMisconfigurationFailureAnalyzer} as a short description and the action to take,
 * without a stack trace.
 */
public class PlatformMisconfiguredException extends RuntimeException {

    private final String action;

    public PlatformMisconfiguredException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String getAction() {
        return action;
    }
}

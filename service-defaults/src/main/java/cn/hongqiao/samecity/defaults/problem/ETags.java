package cn.hongqiao.samecity.defaults.problem;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its version; an update that carries
 * {@code If-Match} must name the current version or gets 412, and one without it still cannot
 * overwrite a newer document (the version check in the database gives 409).
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** For updates: {@code If-Match} is required (428 without it) and must name the current version (412). */
    public static void requireCurrent(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException();
        }
        requireMatch(ifMatch, currentVersion);
    }

    /** Checks an {@code If-Match} header (may be null: then the stored version check alone applies). */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(of(currentVersion))) {
                return;
            }
        }
        throw new PreconditionFailedException(ifMatch.trim(), of(currentVersion));
    }
}

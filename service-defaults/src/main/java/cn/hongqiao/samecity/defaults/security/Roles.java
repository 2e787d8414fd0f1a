package cn.hongqiao.samecity.defaults.security;

/**
 * The platform's roles, as they appear in tokens (lower case) and as Spring Security authorities
 * ({@code ROLE_} + upper case). Endpoints check them with {@code @PreAuthorize}.
 */
public final class Roles {

    public static final String CITIZEN = "citizen";
    public static final String ENTERPRISE = "enterprise";
    public static final String OFFICER = "officer";
    public static final String ADMIN = "admin";
    /** A partner region's system exchanging cases with Hongqiao; its token names the region (claim {@code region}). */
    public static final String PARTNER = "partner";

    public static final java.util.List<String> ALL = java.util.List.of(CITIZEN, ENTERPRISE, OFFICER, ADMIN, PARTNER);

    private Roles() {
    }

    public static String authority(String role) {
        return "ROLE_" + role.toUpperCase(java.util.Locale.ROOT);
    }
}

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
    /**
     * 审计管理员: reads the audit trail of every service and runs its verification, and can do nothing
     * else (等保 level 3 keeps the auditor apart from those it audits): a token that holds this role
     * is refused everywhere but {@link #AUDIT_API}, public reads included, whatever other roles it holds.
     */
    public static final String AUDITOR = "auditor";

    public static final java.util.List<String> ALL = java.util.List.of(CITIZEN, ENTERPRISE, OFFICER, ADMIN, PARTNER, AUDITOR);

    /** The audit trail's API, the only place an auditor may go. */
    public static final String AUDIT_API = "/api/v1/audit/**";

    private Roles() {
    }

    public static String authority(String role) {
        return "ROLE_" + role.toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether this caller holds the auditor's role (and so may only read the audit trail). */
    public static boolean isAuditor(org.springframework.security.core.@org.jspecify.annotations.Nullable Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> authority(AUDITOR).equals(a.getAuthority()));
    }
}

package cn.hongqiao.samecity.defaults.security;

import java.util.List;

/**
 * The gateway's routes whose requests the service behind decides, every one of them: the gateway
 * checks a token when one is sent (for its rate limit's key) but refuses nothing there, so that
 * each refusal (401, 403) is made, and recorded in the audit trail, by the service that owns the
 * resource. A token the gateway cannot verify is passed on as it came, for the service to refuse.
 * The gateway's own operations (the dashboard, the audit trail, local tokens) it decides itself.
 */
@FunctionalInterface
public interface DecidedBehind {

    /** Path patterns (e.g. {@code /api/v1/projects/**}). */
    List<String> patterns();
}

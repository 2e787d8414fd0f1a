package cn.hongqiao.samecity.projects.enterprises;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.stereotype.Component;

/**
 * What {@link EnterpriseDirectory} answers when enterprise-service is slow, failing, answering
 * garbage or behind an open circuit: a page marked unavailable with the reason, counted in the
 * metric {@code peer.fallbacks{peer=enterprise-service}} and logged. Never a false empty list.
 */
@Component
class EnterpriseDirectoryFallback implements FallbackFactory<EnterpriseDirectory> {

    private static final Logger log = LoggerFactory.getLogger(EnterpriseDirectoryFallback.class);

    private final MeterRegistry meters;

    EnterpriseDirectoryFallback(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public EnterpriseDirectory create(Throwable cause) {
        return (projectId, size) -> {
            String reason = reason(cause);
            meters.counter("peer.fallbacks", "peer", "enterprise-service", "reason", reason).increment();
            log.warn("enterprise-service unavailable ({}) for settled enterprises of project {}: {}", reason, projectId,
                    cause.toString());
            return EnterpriseDirectory.EnterprisePage.unavailable(reason);
        };
    }

    static String reason(Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return "circuit-open";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || name.contains("Timeout")) {
                return "timeout";
            }
            if (t instanceof java.net.ConnectException) {
                return "unreachable";
            }
            if (t instanceof feign.codec.DecodeException || name.contains("Decode") || name.contains("Jackson")) {
                return "malformed-response";
            }
            if (t instanceof feign.FeignException feign && feign.status() >= 400) {
                return "failed-response";
            }
        }
        return "unreachable";
    }
}

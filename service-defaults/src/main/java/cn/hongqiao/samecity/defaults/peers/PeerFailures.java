package cn.hongqiao.samecity.defaults.peers;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import feign.FeignException;
import feign.codec.DecodeException;

/**
 * Why a call to another service failed, in the words every fallback uses: {@code circuit-open},
 * {@code timeout}, {@code unreachable}, {@code malformed-response}, {@code failed-response}.
 */
public final class PeerFailures {

    private PeerFailures() {
    }

    public static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getClass().getName().endsWith("CallNotPermittedException")) {
                return "circuit-open";
            }
            if (t.getClass().getName().endsWith("BulkheadFullException")) {
                return "overloaded";
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "unreachable";
            }
            if (t instanceof DecodeException || t.getClass().getName().startsWith("tools.jackson")) {
                return "malformed-response";
            }
        }
        Integer status = status(cause);
        return status != null ? "failed-response" : "unreachable";
    }

    /** The HTTP status the peer answered with, if it answered. */
    public static Integer status(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FeignException feign && feign.status() > 0) {
                return feign.status();
            }
        }
        return null;
    }
}

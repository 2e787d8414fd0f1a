package cn.hongqiao.samecity.defaults.security;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches a request whose path (within the application) fits any of the patterns, and its method
 * when one is given: the same patterns and parser as {@code ServerWebExchangeMatchers.pathMatchers},
 * checked in one loop. Spring Security's composite matcher runs one Flux per request over its
 * members and renders a debug message for each of them even when debug logging is off
 * (commons-logging 1.3 builds the message before the level check).
 */
final class PathPatterns implements ServerWebExchangeMatcher {

    private static final Mono<MatchResult> MATCH = MatchResult.match();
    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private final @Nullable HttpMethod method;
    private final List<PathPattern> patterns;
    private final String description;

    private PathPatterns(@Nullable HttpMethod method, List<String> patterns) {
        this.method = method;
        this.patterns = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.description = "PathPatterns[" + (method == null ? "" : method + " ") + patterns + "]";
    }

    static PathPatterns of(String... patterns) {
        return new PathPatterns(null, Arrays.asList(patterns));
    }

    static PathPatterns of(HttpMethod method, List<String> patterns) {
        return new PathPatterns(method, patterns);
    }

    static PathPatterns of(List<String> patterns) {
        return new PathPatterns(null, patterns);
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return matches(exchange.getRequest().getMethod(), exchange.getRequest().getPath().pathWithinApplication()) ? MATCH : NO_MATCH;
    }

    boolean matches(HttpMethod requestMethod, PathContainer path) {
        if (method != null && !method.equals(requestMethod)) {
            return false;
        }
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return description;
    }
}

package cn.hongqiao.samecity.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Asks a token-bucket store whether a client may make one more request to a route group. */
interface Limiter {

    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    Mono<Decision> consume(String group, String client);
}

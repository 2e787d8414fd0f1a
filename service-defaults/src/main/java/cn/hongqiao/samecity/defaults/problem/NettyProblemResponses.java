package cn.hongqiao.samecity.defaults.problem;

import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * For the reactive server (the gateway): an answer that Reactor Netty or WebFlux gives with an
 * empty body to a request they refuse themselves (a malformed request line, an over-long URI or
 * header, a request target that is no URI) becomes an RFC 9457 problem in the caller's language.
 * Sits right behind the HTTP codec of each connection; every answer the platform makes itself
 * already has a problem body and passes untouched, as do answers to {@code HEAD}.
 */
public class NettyProblemResponses extends ChannelDuplexHandler {

    private final JsonMapper json;
    private final ProblemMessages messages;
    private String acceptLanguage; // parsed only when a refusal is written: this runs for every request
    private boolean head;

    public NettyProblemResponses(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            head = HttpMethod.HEAD.equals(request.method());
            acceptLanguage = request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && refusedWithoutBody(response)) {
            int status = response.status().code();
            Locale locale = ProblemMessages.localeOf(acceptLanguage);
            ProblemDetail problem = messages.refusedByServer(status, locale);
            byte[] body = json.writeValueAsBytes(Problems.members(problem));
            FullHttpResponse withBody = response.replace(Unpooled.wrappedBuffer(body)); // its empty body may be read-only
            ReferenceCountUtil.release(response);
            withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, Problems.APPLICATION_PROBLEM_JSON.toString())
                    .set(HttpHeaderNames.CONTENT_LANGUAGE, locale.toLanguageTag())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            super.write(ctx, withBody, promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    private boolean refusedWithoutBody(FullHttpResponse response) {
        return !head && response.status().code() >= 400 && response.content().readableBytes() == 0
                && !response.headers().contains(HttpHeaders.CONTENT_TYPE);
    }
}
